"""Dashboards: every figure against an independent query on crafted data, query counts
that stay the same as the data grows, the cache and its refresh, scope, and the XLSX."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from awards.enums import AwardKind, DecisionState, DossierState, Gender, IssuingLevel, Recipient
from awards.models import Awardee, AwardForm, AwardFund, Decision, Dossier, Person
from emulation.enums import Aggregation, DeadlineKind, Period, RegistrationState, TaskStatus
from emulation.models import AnnualPlan, Deadline, Indicator, IndicatorValue, PlanTask, Registration
from reports.dashboards import province_dashboard, unit_dashboard
from scoring.enums import ScoreKind, SheetState, TableStatus
from scoring.models import CriteriaTable, Criterion, ItemScore, ScoreSheet
from scoring.queries import ranking
from tests.conftest import make_user
from tests.emulation.conftest import at, bulk_units, frozen
from units.enums import GroupingKind, Role, UnitKind
from units.models import EmulationGrouping, GroupingMembership, Unit

YEAR = 2024
TODAY = datetime.date(2024, 11, 20)
NOW = at(2024, 11, 20, 10)


def _row(panel, label, table="table"):
    """The cells of a panel's row whose first cell reads `label`."""
    rows = getattr(panel, table).rows
    return next(r for r in rows if str(r[0].value) == label)


def craft(org, scale: int = 1):
    """Deadlines, registrations, dossiers, issued awards, a fund, a ranked bloc, indicators
    and a plan for the province in 2024; `scale` multiplies the rows (and adds districts)."""
    province = org.province
    extra = bulk_units(province, scale - 1) if scale > 1 else []
    for kind, due in (
        (DeadlineKind.REGISTRATION, datetime.date(2024, 2, 10)),
        (DeadlineKind.MIDYEAR, datetime.date(2024, 6, 10)),
        (DeadlineKind.ANNUAL, datetime.date(2024, 12, 10)),
    ):
        Deadline.objects.create(owner=province, year=YEAR, kind=kind, name=f"{kind} {YEAR}", due_on=due)
    Registration.objects.create(
        unit=org.a, year=YEAR, state=RegistrationState.ACCEPTED, submitted_at=at(2024, 2, 1)
    )
    Registration.objects.create(
        unit=org.b, year=YEAR, state=RegistrationState.SUBMITTED, submitted_at=at(2024, 2, 20)
    )
    for unit in extra:
        Registration.objects.create(
            unit=unit, year=YEAR, state=RegistrationState.ACCEPTED, submitted_at=at(2024, 2, 2)
        )

    form = AwardForm.objects.create(
        code="bk",
        name="Bằng khen LĐLĐ tỉnh",
        issuing_level=IssuingLevel.PROVINCE_FEDERATION,
        recipient=Recipient.BOTH,
        kind=AwardKind.COMPREHENSIVE,
    )
    higher = AwardForm.objects.create(
        code="bk-tld",
        name="Bằng khen Tổng Liên đoàn",
        issuing_level=IssuingLevel.GENERAL_CONFEDERATION,
        recipient=Recipient.BOTH,
        kind=AwardKind.COMPREHENSIVE,
    )
    states = [
        (org.a, DossierState.SUBMITTED),
        (org.a1, DossierState.RETURNED),
        (org.a, DossierState.DECIDED),
        (org.b, DossierState.APPRAISING),
        (org.b1, DossierState.DRAFT),
    ]
    for i in range(scale):
        for unit, state in states:
            Dossier.objects.create(
                proposing_unit=unit, year=YEAR, award_form=form, title=f"HS {i}", state=state
            )
    stale = Dossier.objects.filter(state=DossierState.SUBMITTED).first()
    Dossier.objects.filter(pk=stale.pk).update(updated_at=NOW - datetime.timedelta(days=30))
    Dossier.objects.create(
        proposing_unit=org.a, year=2023, award_form=form, title="Năm trước", state=DossierState.SUBMITTED
    )

    decision = Decision.objects.create(
        issuer=province,
        year=YEAR,
        number=1,
        award_form=form,
        subject="QĐ",
        state=DecisionState.ISSUED,
        signed_on=datetime.date(2024, 10, 1),
    )
    tld = Decision.objects.create(
        issuer=province,
        year=YEAR,
        number=2,
        award_form=higher,
        subject="TLĐ",
        state=DecisionState.ISSUED,
        signed_on=datetime.date(2024, 10, 2),
    )
    revoked = Decision.objects.create(
        issuer=province,
        year=YEAR,
        number=3,
        award_form=form,
        subject="thu hồi",
        state=DecisionState.REVOKED,
    )
    for i in range(scale):
        for n, direct in enumerate((True, True, False)):
            p = Person.objects.create(
                full_name=f"Người {i}-{n}", gender=Gender.FEMALE, unit=org.a1, is_direct_worker=direct
            )
            Awardee.objects.create(decision=decision, person=p, prize=Decimal(700_000))
        Awardee.objects.create(decision=decision, unit=org.a2, prize=Decimal(1_400_000))
        q = Person.objects.create(
            full_name=f"Chị {i}", gender=Gender.FEMALE, unit=org.b1, is_direct_worker=False
        )
        Awardee.objects.create(decision=tld, person=q, prize=Decimal(0))
        Awardee.objects.create(decision=revoked, unit=org.b1, prize=Decimal(9_000_000))
    AwardFund.objects.create(owner=province, year=YEAR, budget=Decimal(50_000_000))

    bloc = EmulationGrouping.objects.create(
        year=YEAR, name="Khối huyện", kind=GroupingKind.BLOC, owner=province
    )
    members = [org.a, org.b, *extra]
    for i, unit in enumerate(members):
        GroupingMembership.objects.create(grouping=bloc, unit=unit, order=i)
    table = CriteriaTable.objects.create(
        code="K",
        name="Bảng khối huyện",
        year=YEAR,
        grouping=bloc,
        owner=province,
        status=TableStatus.PUBLISHED,
        bands=[{"name": "Xuất sắc", "min_percent": 88}, {"name": "Tốt", "min_percent": 80}],
    )
    item = Criterion.objects.create(
        table=table, code="1", text="Tiêu chí", standard=Decimal(100), bonus_max=Decimal(10)
    )
    for unit, achieved, bonus, state in (
        (org.a, 90, 5, SheetState.APPRAISED),
        (org.b, 92, 0, SheetState.SUBMITTED),
    ):
        sheet = ScoreSheet.objects.create(table=table, unit=unit, state=state)
        ItemScore.objects.create(
            sheet=sheet, criterion=item, kind=ScoreKind.SELF, achieved=achieved + 5, bonus=bonus
        )
        if state == SheetState.APPRAISED:
            ItemScore.objects.create(
                sheet=sheet, criterion=item, kind=ScoreKind.APPRAISED, achieved=achieved, bonus=bonus
            )

    members_indicator = Indicator.objects.create(
        name="Kết nạp đoàn viên", measure="đoàn viên", aggregation=Aggregation.SUM
    )
    for unit, actual, planned in ((org.a, 2751, 2300), (org.b, 90, 100), *((u, 10, 10) for u in extra)):
        IndicatorValue.objects.create(
            indicator=members_indicator,
            unit=unit,
            year=YEAR,
            period=Period.YEAR,
            actual=actual,
            planned=planned,
        )
    IndicatorValue.objects.create(
        indicator=members_indicator, unit=org.a, year=YEAR, period=Period.HALF_YEAR, actual=1, planned=1000
    )

    plan = AnnualPlan.objects.create(owner=province, year=YEAR, title="Kế hoạch 2024")
    for i in range(scale * 3):
        PlanTask.objects.create(
            plan=plan, quarter=1, number=i + 1, content=f"Việc {i}", due_on=datetime.date(2024, 3, 31)
        )
    PlanTask.objects.create(
        plan=plan,
        quarter=1,
        number=99,
        content="Xong",
        due_on=datetime.date(2024, 3, 1),
        status=TaskStatus.DONE,
    )
    PlanTask.objects.create(
        plan=plan, quarter=4, number=98, content="Chưa đến", due_on=datetime.date(2024, 12, 31)
    )
    return {"table": table, "form": form, "higher": higher, "extra": extra}


@pytest.fixture
def crafted(org):
    return craft(org)


def test_every_province_figure_equals_an_independent_query(org, crafted):
    with frozen(NOW):
        board = province_dashboard(org.province, year=YEAR, today=TODAY)
    figures = {f.key: f for f in board.figures}
    board_units = list(Unit.objects.filter(parent=org.province, kind=UnitKind.DISTRICT))
    accepted = Registration.objects.filter(
        year=YEAR, state=RegistrationState.ACCEPTED, unit__in=board_units
    ).count()
    assert (figures["registered"].value, figures["registered"].of) == (accepted, len(board_units)) == (1, 2)

    registrations = board.panel("registrations")
    assert _row(registrations, "Đã chấp nhận")[1].value == 1
    assert _row(registrations, "Đã gửi")[1].value == 1
    detail = {r[0].value: [c.value for c in r[1:]] for r in registrations.detail.rows}
    # B registered after the 10/02 deadline; the mid-year reports are missing; the annual is not yet due.
    assert detail["LĐLĐ huyện A"] == ["Đã chấp nhận", "Đúng hạn", "Chưa nộp", "Chưa đến hạn"]
    assert detail["LĐLĐ huyện B"] == ["Đã gửi", "Trễ hạn", "Chưa nộp", "Chưa đến hạn"]

    by_state = dict(Dossier.objects.filter(year=YEAR).values_list("state").annotate(n=Count("id")).order_by())
    dossiers = board.panel("dossiers")
    assert {r[0].value: r[1].value for r in dossiers.table.rows} == {
        DossierState(s).label: n for s, n in by_state.items()
    }
    open_states = [
        DossierState.SUBMITTED,
        DossierState.APPRAISING,
        DossierState.RETURNED,
        DossierState.READY,
        DossierState.COUNCIL_DONE,
        DossierState.FORWARDED,
    ]
    assert (
        figures["open_dossiers"].value
        == Dossier.objects.filter(year=YEAR, state__in=open_states).count()
        == 3
    )
    per_unit = {r[0].value: [c.value for c in r[1:]] for r in dossiers.detail.rows}
    assert per_unit["LĐLĐ huyện A"] == [2, 1, 1, 3]  # open (incl. A1's returned), returned, decided, all
    assert per_unit["LĐLĐ huyện B"] == [1, 0, 0, 2]  # B1's draft counts in the total only
    assert [r[0].value for r in board.panel("stuck").table.rows] == ["HS 0"]

    issued = Awardee.objects.filter(decision__state="issued", decision__year=YEAR)
    awards = board.panel("awards")
    assert (
        _row(awards, "Bằng khen LĐLĐ tỉnh")[4].value
        == issued.filter(decision__award_form__code="bk").count()
        == 4
    )
    assert _row(awards, "Bằng khen Tổng Liên đoàn")[4].value == 1
    assert (
        [c.value for c in awards.table.footer[2:]]
        == [
            issued.filter(unit__isnull=False).count(),
            issued.filter(person__isnull=False).count(),
            issued.count(),
        ]
        == [1, 4, 5]
    )
    levels = board.panel("levels")
    assert {r[0].value: r[1].value for r in levels.table.rows} == {
        "LĐLĐ tỉnh": 4,
        "Tổng Liên đoàn Lao động Việt Nam": 1,
    }

    # 2 direct workers of 4 individuals: 50,0%, above the 30% target.
    individuals = issued.filter(person__isnull=False)
    share = Decimal(individuals.filter(person__is_direct_worker=True).count() * 100) / individuals.count()
    assert figures["share"].value == share.quantize(Decimal("0.1")) == Decimal("50.0")
    assert figures["share"].tone == "success"

    paid = issued.filter(decision__issuer=org.province).aggregate(s=Sum("prize"))["s"]
    fund = board.panel("fund")
    assert _row(fund, "Quỹ khen thưởng năm")[1].value == Decimal(50_000_000) * 8 / 100 == Decimal(4_000_000)
    assert _row(fund, "Đã chi tiền thưởng")[1].value == paid == Decimal(3_500_000)
    assert _row(fund, "Còn lại")[1].value == Decimal(500_000)
    assert figures["fund"].value == Decimal("87.5")

    expected = ranking(crafted["table"])
    panel = board.panel(f"ranking-{crafted['table'].pk}")
    assert [(r[0].value, r[1].value, r[2].value) for r in panel.table.rows] == [
        (e.rank, e.unit.name, e.total) for e in expected
    ]
    # A is ranked on its appraisal (95 of 110 points), B on its self-score (92 + 5 = 97).
    assert [(r[1].value, r[2].value, r[4].value) for r in panel.table.rows] == [
        ("LĐLĐ huyện B", Decimal(97), "Xuất sắc"),
        ("LĐLĐ huyện A", Decimal(95), "Tốt"),
    ]

    heat = board.panel("indicators").detail
    cells = {r[0].value: r[1].value for r in heat.rows}
    assert cells == {
        "LĐLĐ huyện A": Decimal(120),
        "LĐLĐ huyện B": Decimal(90),
    }  # 2751/2300, the year's figures
    assert heat.footer[1].value == Decimal(118)  # over the bloc: 2.841/2.400 = 118,4%, printed whole
    assert heat.rows[0][1].tone == "heat-4" and heat.rows[1][1].tone == "heat-3"

    overdue = (
        PlanTask.objects.filter(plan__owner=org.province, due_on__lt=TODAY)
        .exclude(status=TaskStatus.DONE)
        .count()
    )
    assert figures["overdue"].value == overdue == 3
    assert [r[0].value for r in board.panel("deadlines").table.rows] == ["annual 2024"]


def test_a_subtree_sees_only_its_own_figures(org, crafted):
    with frozen(NOW):
        board = province_dashboard(org.a, year=YEAR, today=TODAY)
    figures = {f.key: f for f in board.figures}
    assert figures["open_dossiers"].value == 2  # A's submitted and A1's returned
    assert figures["awards"].value == 4  # three people of A1 and the collective A2
    assert board.panel("fund").table.rows[0][1].value is None  # A has no fund of its own
    assert {r[0].value for r in board.panel("indicators").detail.rows} == {"LĐLĐ huyện A"}


def test_every_union_figure_equals_an_independent_query(org, crafted):
    with frozen(NOW):
        board = unit_dashboard(org.b, year=YEAR, today=TODAY)
    figures = {f.key: f for f in board.figures}
    assert figures["registration"].value == "Đã gửi"
    assert figures["missing"].value == 1  # the mid-year report
    open_b = Dossier.objects.filter(year=YEAR, proposing_unit__path__startswith=org.b.path)
    assert figures["open_dossiers"].value == open_b.filter(state="appraising").count() == 1
    assert [r[0].value for r in board.panel("own-dossiers").table.rows] == ["HS 0", "HS 0"]  # the draft too
    assert figures[f"rank-{crafted['table'].pk}"].value == 1
    indicator = board.panel("own-indicators").table.rows[0]
    assert [c.value for c in indicator[1:]] == [Decimal(90), Decimal(100), Decimal(90)]
    statuses = {r[0].value: r[2].value for r in board.panel("own-deadlines").table.rows}
    assert statuses == {
        "registration 2024": "Trễ hạn",
        "midyear 2024": "Chưa nộp",
        "annual 2024": "Chưa đến hạn",
    }


def test_a_rank_is_out_of_the_whole_bloc_and_says_who_is_not_scored(client, org, crafted, charlie):
    """Six more members of the bloc have no score: B is first of eight, not "1/2"; the
    province's ranking panel lists all eight, the unscored ones unranked."""
    table = crafted["table"]
    for i, unit in enumerate(bulk_units(org.province, 6, prefix="LĐLĐ chưa chấm"), start=2):
        GroupingMembership.objects.create(grouping=table.grouping, unit=unit, order=i)
    with frozen(NOW):
        own = unit_dashboard(org.b, year=YEAR, today=TODAY)
        overview = province_dashboard(org.province, year=YEAR, today=TODAY)
    rank = next(f for f in own.figures if f.key == f"rank-{table.pk}")
    assert (rank.value, rank.of, rank.note) == (1, 8, "(6 đơn vị chưa có điểm)")
    own_rank = _row(own.panel(f"own-score-{table.pk}"), "Xếp hạng")[1].value
    assert own_rank == "1/8 (6 đơn vị chưa có điểm)"

    panel = overview.panel(f"ranking-{table.pk}")
    assert [(r[0].value, r[4].value) for r in panel.table.rows] == [
        (1, "Xuất sắc"),
        (2, "Tốt"),
        *[(None, "Chưa chấm")] * 6,
    ]
    assert panel.summary == "2/8 đơn vị đã có điểm."

    with frozen(NOW):
        client.force_login(charlie)
        page = client.get(f"/?year={YEAR}").text
    figure = page.split(f'data-testid="figure-rank-{table.pk}"')[1].split("</a>")[0]
    assert '<span class="figure-value">1</span><span class="fs-6 text-muted">/8</span>' in figure
    assert '<div class="small text-muted">(6 đơn vị chưa có điểm)</div>' in figure


def _miss(client, url):
    """Queries of a request that builds the dashboard afresh (after a first request, which
    also stamps the session's activity)."""
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_counts_stay_the_same_from_small_to_large_data(client, org, staff_user, alice):
    """At most 20 queries for a dashboard built afresh (the session, the account, the bell
    and the data version included), the same with six times the rows and forty more units."""
    craft(org, 1)
    client.force_login(staff_user)
    small = _miss(client, f"/bang-dieu-khien/?year={YEAR}")
    small_list = _miss(client, f"/khen-thuong/duoc-khen/?year={YEAR}")
    client.force_login(alice)
    small_union = _miss(client, f"/?year={YEAR}")
    craft_more(org, 6)
    client.force_login(staff_user)
    large = _miss(client, f"/bang-dieu-khien/?year={YEAR}")
    large_list = _miss(client, f"/khen-thuong/duoc-khen/?year={YEAR}")
    client.force_login(alice)
    large_union = _miss(client, f"/?year={YEAR}")
    assert small == large <= 20, (small, large)
    assert small_union == large_union <= 20
    assert small_list == large_list


def craft_more(org, scale):
    """More of everything the dashboards count: units, registrations, dossiers, awards,
    scores, indicator figures and overdue tasks."""
    form = AwardForm.objects.get(code="bk")
    decision = Decision.objects.get(number=1)
    table = CriteriaTable.objects.get()
    item = table.criteria.get()
    indicator = Indicator.objects.get()
    plan = AnnualPlan.objects.get()
    for unit in bulk_units(org.province, 40, prefix="LĐLĐ thêm"):
        Registration.objects.create(
            unit=unit, year=YEAR, state=RegistrationState.ACCEPTED, submitted_at=at(2024, 2, 1)
        )
        GroupingMembership.objects.create(grouping=table.grouping, unit=unit)
        sheet = ScoreSheet.objects.create(table=table, unit=unit, state=SheetState.SUBMITTED)
        ItemScore.objects.create(sheet=sheet, criterion=item, kind=ScoreKind.SELF, achieved=80)
        IndicatorValue.objects.create(
            indicator=indicator, unit=unit, year=YEAR, period=Period.YEAR, actual=5, planned=6
        )
        for i in range(scale):
            Dossier.objects.create(
                proposing_unit=unit, year=YEAR, award_form=form, title=f"T{i}", state=DossierState.SUBMITTED
            )
            p = Person.objects.create(full_name=f"Người {unit.pk}-{i}", gender=Gender.MALE, unit=unit)
            Awardee.objects.create(decision=decision, person=p, prize=Decimal(700_000))
    for j, unit in enumerate((org.a, org.a1, org.a2)):
        for i in range(scale):
            Dossier.objects.create(
                proposing_unit=unit, year=YEAR, award_form=form, title=f"A{i}", state=DossierState.RETURNED
            )
            PlanTask.objects.create(
                plan=plan,
                quarter=2,
                number=200 + 10 * j + i,
                content="Thêm",
                due_on=datetime.date(2024, 5, 1),
            )


def test_the_cache_answers_until_the_data_changes(client, org, crafted, staff_user):
    from awards.services import award_fund_save

    client.force_login(staff_user)
    first = _miss(client, f"/bang-dieu-khien/?year={YEAR}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/bang-dieu-khien/?year={YEAR}")
    assert len(queries) < first - 10  # served from the cache
    assert "4.000.000" in response.text
    award_fund_save(
        owner=org.province,
        year=YEAR,
        budget=Decimal(60_000_000),
        share=Decimal(8),
        amount=None,
        note="",
        by=staff_user,
    )
    response = client.get(f"/bang-dieu-khien/?year={YEAR}")
    assert "4.800.000" in response.text and "4.000.000" not in response.text


def test_pages_print_vietnamese_numbers_and_drill_down(client, org, crafted, staff_user):
    client.force_login(staff_user)
    with frozen(NOW):
        response = client.get(f"/bang-dieu-khien/?year={YEAR}")
    text = response.text
    assert "3.500.000" in text and "87,5%" in text and "50%" in text
    assert (
        f"/khen-thuong/duoc-khen/?year={YEAR}&amp;unit={org.province.pk}&amp;form={crafted['form'].pk}"
        in text
    )
    assert f"/khen-thuong/ho-so/?year={YEAR}&amp;unit={org.a.pk}&amp;state=open" in text
    assert 'data-chart="chart-dossiers"' in text and 'id="chart-dossiers"' in text
    assert "vendor/chartjs/chart.umd.min.js" in text
    # The drill-downs list exactly what the figures count.
    client.force_login(staff_user)  # the frozen clock aged the session past its idle limit
    listed = client.get(
        f"/khen-thuong/duoc-khen/?year={YEAR}&unit={org.province.pk}&form={crafted['form'].pk}"
    )
    assert listed.status_code == 200, listed.status_code
    assert listed.context["total"] == 4
    direct = client.get(f"/khen-thuong/duoc-khen/?year={YEAR}&unit={org.province.pk}&kind=direct")
    assert direct.context["total"] == 2
    open_a = client.get(f"/khen-thuong/ho-so/?year={YEAR}&unit={org.a.pk}&state=open")
    assert open_a.context["page"].paginator.count == 2
    assert f"/thi-dua/dang-ky/?year={YEAR}&amp;unit={org.province.pk}&amp;state=submitted" in text
    submitted = client.get(f"/thi-dua/dang-ky/?year={YEAR}&unit={org.province.pk}&state=submitted")
    assert [r["unit"] for r in submitted.context["rows"]] == [org.b]
    unregistered = client.get(f"/thi-dua/dang-ky/?year={YEAR}&state=none")
    assert unregistered.context["rows"] == [] and unregistered.context["extra"] == []
    # A heat-map cell opens the union's own figures.
    heat = client.get(f"/thi-dua/chi-tieu/?unit={org.a.pk}&period={YEAR}-Y")
    assert [(m.unit, m.actual) for m in heat.context["blocks"][0].members] == [(org.a, Decimal(2751))]
    stuck = client.get(f"/khen-thuong/ho-so/?year={YEAR}&state=stuck")
    assert [d.title for d in stuck.context["page"]] == ["HS 0"]


def test_scope_is_the_users_subtree(client, org, crafted, alice, charlie):
    client.force_login(alice)
    assert client.get(f"/bang-dieu-khien/don-vi/{org.a1.pk}/?year={YEAR}").status_code == 200
    assert client.get(f"/bang-dieu-khien/don-vi/{org.b.pk}/").status_code == 404
    assert client.get(f"/bang-dieu-khien/?unit={org.b.pk}").status_code == 404
    assert client.get(f"/bang-dieu-khien/?unit={org.province.pk}").status_code == 404
    assert client.get(f"/bang-dieu-khien/don-vi/{org.b.pk}.xlsx").status_code == 404
    assert client.get(f"/khen-thuong/duoc-khen/?unit={org.b.pk}").status_code == 404
    client.logout()
    assert client.get("/bang-dieu-khien/").status_code == 302


def test_home_fits_the_role(client, org, crafted, alice, staff_user):
    client.force_login(alice)
    assert client.get("/").context["board"].kind == "unit"
    client.force_login(make_user("lanhdao", org.province, Role.LEADER))
    assert client.get("/").context["board"].kind == "province"


def test_xlsx_exports_each_panel_and_the_whole_board(client, org, crafted, staff_user):
    client.force_login(staff_user)
    response = client.get(f"/bang-dieu-khien.xlsx?year={YEAR}&panel=fund")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert len(book.sheetnames) == 1
    rows = [list(r) for r in sheet.iter_rows(min_row=3, values_only=True)]
    assert rows[0] == ["Khoản", "Số tiền (đồng)"]
    assert rows[1:3] == [["Quỹ khen thưởng năm", 4_000_000], ["Đã chi tiền thưởng", 3_500_000]]
    assert sheet.cell(row=4, column=2).number_format == "#,##0"
    assert sheet.cell(row=7, column=2).number_format == "0.0%" and sheet.cell(row=7, column=2).value == 0.875
    whole = load_workbook(io.BytesIO(client.get(f"/bang-dieu-khien.xlsx?year={YEAR}").content))
    assert len(whole.sheetnames) >= 10
    assert client.get(f"/bang-dieu-khien.xlsx?year={YEAR}&panel=nope").status_code == 404


def test_the_fund_page_sets_a_year_and_refuses_bad_input(client, org, staff_user, bob):
    client.force_login(staff_user)
    response = client.post("/khen-thuong/quy-khen-thuong/", {"year": 2025, "budget": "-5", "share": "8"})
    assert response.status_code == 200 and not AwardFund.objects.exists()
    response = client.post(
        "/khen-thuong/quy-khen-thuong/", {"year": 2025, "budget": "100000000", "share": "8"}
    )
    assert response.status_code == 302
    fund = AwardFund.objects.get()
    assert fund.cap == Decimal(8_000_000) and fund.owner == org.province
    client.post(
        "/khen-thuong/quy-khen-thuong/",
        {"year": 2025, "budget": "100000000", "share": "8", "amount": "5000000"},
    )
    assert AwardFund.objects.get().cap == Decimal(5_000_000)
    assert "5.000.000" in client.get("/khen-thuong/quy-khen-thuong/").text
    client.force_login(bob)  # a viewer reads, never writes
    assert (
        client.post("/khen-thuong/quy-khen-thuong/", {"year": 2026, "budget": "1", "share": "8"}).status_code
        == 403
    )
