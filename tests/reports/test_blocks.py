"""Every number a block prints equals what the test computes on its own from crafted data
or from the seeds' fixtures."""

import csv
import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from django.utils import translation

from awards.enums import AwardKind, DecisionState, Gender, IssuingLevel, Recipient
from awards.models import Awardee, AwardForm, BaseSalary, Decision, Person, QuotaEvent
from awards.queries import award_counts
from emulation.enums import Period, RegistrationState
from emulation.models import AnnualPlan
from emulation.services import plan_save
from reports.blocks import REGISTRY, build_block, count_text, money
from reports.content import Cell, Items, Note, Para, Table, Text, block_text
from reports.enums import BlockKey
from reports.models import Document
from scoring.imports import parse_scores_file
from scoring.services import sheet_appraisal_record
from tests.emulation.conftest import (
    CLUSTER_CSV,
    INITIATIVES,
    at,
    deadlines,  # noqa: F401 (fixture)
    import_cluster_figures,
    make_registration,
)
from tests.paths import QUOTA_CSV, SELF_SCORE_CSV
from tests.reports.conftest import draft, issue
from tests.scoring.conftest import edited_csv
from units.enums import DocumentKind
from units.formatting import format_number, format_percent


def doc(issuer, year, **sources) -> Document:
    """An unsaved document: blocks read only its fields."""
    return Document(issuer=issuer, year=year, kind=DocumentKind.REPORT, symbol="LĐLĐ", **sources)


def texts(blocks) -> list[str]:
    return [block_text(b) for b in blocks]


def cells(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


def test_every_block_key_has_a_builder():
    assert set(REGISTRY) == set(BlockKey.values)


def test_a_block_without_its_source_prints_nothing_instead_of_guessing(org):
    """What to choose is said on the draft page (services.missing_for_issue), never in the
    document."""
    assert build_block(doc(org.province, 2023), BlockKey.SCORE_TABLE) == []


# --- Awards ---------------------------------------------------------------------------------


def _form(code, name, level, order=0):
    return AwardForm.objects.create(
        code=code,
        name=name,
        issuing_level=level,
        recipient=Recipient.BOTH,
        kind=AwardKind.COMPREHENSIVE,
        order=order,
    )


def _decision(issuer, form, year, number, *, state=DecisionState.ISSUED):
    return Decision.objects.create(
        issuer=issuer,
        year=year,
        award_form=form,
        subject=f"Về việc tặng {form.name}",
        state=state,
        number=number,
        signed_on=datetime.date(year, 12, 20),
    )


@pytest.fixture
def awards_2020(org):
    """Province decisions of 2020: Bằng khen to 2 collectives and 3 people, a Cờ to one
    collective, a TLĐ Bằng khen to one person; one person in four is a direct worker.
    Noise that must not count: a revoked decision, a 2021 one, a sibling's award seen
    from district A."""
    bk = _form("bk", "Bằng khen LĐLĐ tỉnh", IssuingLevel.PROVINCE_FEDERATION, 1)
    co = _form("co", "Cờ thi đua LĐLĐ tỉnh", IssuingLevel.PROVINCE_FEDERATION, 2)
    tld = _form("bk-tld", "Bằng khen Tổng Liên đoàn", IssuingLevel.GENERAL_CONFEDERATION, 1)
    people = [
        Person.objects.create(
            full_name=f"Người {i}", gender=Gender.FEMALE, unit=unit, is_direct_worker=i == 0
        )
        for i, unit in enumerate([org.a1, org.a2, org.b1, org.a1])
    ]
    d1 = _decision(org.province, bk, 2020, 5)
    for unit in (org.a1, org.b1):
        Awardee.objects.create(decision=d1, unit=unit, prize=Decimal(1_200_000))
    for person in people[:3]:
        Awardee.objects.create(decision=d1, person=person, prize=Decimal(600_000))
    Awardee.objects.create(
        decision=_decision(org.province, co, 2020, 6), unit=org.a2, prize=Decimal(2_000_000)
    )
    Awardee.objects.create(decision=_decision(org.province, tld, 2020, 7), person=people[3], prize=Decimal(0))
    revoked = _decision(org.province, bk, 2020, 8, state=DecisionState.REVOKED)
    Awardee.objects.create(decision=revoked, unit=org.a2, prize=Decimal(1_200_000))
    Awardee.objects.create(
        decision=_decision(org.province, bk, 2021, 1), unit=org.a2, prize=Decimal(1_200_000)
    )


def test_award_summary_counts_by_level_and_form(org, awards_2020):
    blocks = build_block(doc(org.province, 2020), BlockKey.AWARD_SUMMARY)
    assert 2 * 1_200_000 + 3 * 600_000 + 2_000_000 == 6_200_000
    assert texts(blocks) == [
        "LĐLĐ tỉnh tặng Bằng khen LĐLĐ tỉnh cho 02 tập thể và 03 cá nhân; "
        "Cờ thi đua LĐLĐ tỉnh cho 01 tập thể.",
        "Tổng Liên đoàn Lao động Việt Nam tặng Bằng khen Tổng Liên đoàn cho 01 cá nhân.",
        "Tổng cộng năm 2020: 03 tập thể và 04 cá nhân được khen thưởng, tổng số tiền thưởng 6.200.000 đồng.",
        "Tỷ lệ khen thưởng cá nhân là người lao động trực tiếp: 01/04 cá nhân (25%), "
        "chưa đạt yêu cầu từ 30% trở lên.",
    ]


def test_award_summary_of_a_district_counts_its_subtree_only(org, awards_2020):
    blocks = build_block(doc(org.a, 2020), BlockKey.AWARD_SUMMARY)
    assert texts(blocks)[:2] == [
        "LĐLĐ tỉnh tặng Bằng khen LĐLĐ tỉnh cho 01 tập thể và 02 cá nhân; "
        "Cờ thi đua LĐLĐ tỉnh cho 01 tập thể.",
        "Tổng Liên đoàn Lao động Việt Nam tặng Bằng khen Tổng Liên đoàn cho 01 cá nhân.",
    ]


def test_award_table_rows_and_totals(org, awards_2020):
    (table,) = build_block(doc(org.province, 2020), BlockKey.AWARD_TABLE)
    assert cells(table) == [
        ["1", "Bằng khen LĐLĐ tỉnh", "LĐLĐ tỉnh", "2", "3", "4.200.000"],
        ["2", "Cờ thi đua LĐLĐ tỉnh", "LĐLĐ tỉnh", "1", "0", "2.000.000"],
        ["3", "Bằng khen Tổng Liên đoàn", "Tổng Liên đoàn Lao động Việt Nam", "0", "1", "0"],
        ["", "Tổng cộng", "", "3", "4", "6.200.000"],
    ]


@pytest.mark.parametrize("unit", ["province", "a", "b1"])
def test_award_blocks_print_the_figures_of_award_counts(org, awards_2020, unit):
    """The blocks count nothing themselves: every figure is awards.queries.award_counts'."""
    scope = getattr(org, unit)
    counts = award_counts(root=scope, year=2020)
    (table,) = build_block(doc(scope, 2020), BlockKey.AWARD_TABLE)
    *body, total = cells(table)
    assert sorted(row[1:2] + row[3:] for row in body) == sorted(
        [f.name, format_number(f.collectives), format_number(f.individuals), money(f.prize)]
        for f in counts.forms
    )
    assert total[3:] == [
        format_number(counts.collectives),
        format_number(counts.individuals),
        money(counts.prize),
    ]
    share = texts(build_block(doc(scope, 2020), BlockKey.AWARD_SUMMARY))[-1]
    assert f"{count_text(counts.direct_workers)}/{count_text(counts.individuals)} cá nhân" in share
    assert f"({format_percent(counts.direct_worker_share)})" in share
    assert share.endswith(
        ("đạt" if counts.meets_direct_worker_target else "chưa đạt") + " yêu cầu từ 30% trở lên."
    )


def test_a_documents_award_blocks_ask_for_the_counts_once(org, awards_2020, django_assert_num_queries):
    document = doc(org.province, 2020)
    with django_assert_num_queries(1):  # award_counts: one grouped query, per form and sector
        build_block(document, BlockKey.AWARD_SUMMARY)
        build_block(document, BlockKey.AWARD_TABLE)


def test_award_blocks_for_a_year_without_awards(org):
    assert texts(build_block(doc(org.province, 2019), BlockKey.AWARD_SUMMARY)) == [
        "Năm 2019 chưa có quyết định khen thưởng nào cho LĐLĐ tỉnh P và các đơn vị trực thuộc."
    ]
    assert build_block(doc(org.province, 2019), BlockKey.AWARD_TABLE) == []


# --- Registrations ------------------------------------------------------------------------------


def test_registrations_say_who_registered_on_time(org, deadlines):  # noqa: F811
    make_registration(org.a, state=RegistrationState.ACCEPTED, submitted_at=at(2023, 2, 1))
    make_registration(org.b, state=RegistrationState.SUBMITTED, submitted_at=at(2023, 2, 14))
    blocks = build_block(doc(org.province, 2023), BlockKey.REGISTRATIONS)
    assert texts(blocks[:2]) == [
        "Có 02/02 đơn vị đăng ký thi đua năm 2023 (100%), trong đó 01 bản đăng ký đã được chấp nhận; "
        "01 đơn vị gửi sau thời hạn 10/02/2023.",
        "Các đơn vị đăng ký phấn đấu đạt: Tập thể lao động xuất sắc: 02; Lao động tiên tiến: 24.",
    ]
    assert cells(blocks[-1]) == [
        ["1", "LĐLĐ huyện A", "Đã chấp nhận", "01/02/2023", "Đúng hạn"],
        ["2", "LĐLĐ huyện B", "Đã gửi", "14/02/2023", "Muộn"],
    ]


def test_registrations_name_the_units_missing_and_ignore_drafts(org, deadlines):  # noqa: F811
    make_registration(org.a, state=RegistrationState.ACCEPTED, submitted_at=at(2023, 2, 1))
    make_registration(org.b)  # a draft is not a registration yet
    blocks = build_block(doc(org.province, 2023), BlockKey.REGISTRATIONS)
    assert texts(blocks)[0].startswith("Có 01/02 đơn vị đăng ký thi đua năm 2023 (50%)")
    assert "Chưa đăng ký: LĐLĐ huyện B." in texts(blocks)
    assert cells(blocks[-1])[1] == ["2", "LĐLĐ huyện B", "Chưa đăng ký", "", ""]


# --- Indicators (seed 002) -------------------------------------------------------------------------


def _fixture_rows(indicator: str) -> list[dict]:
    with CLUSTER_CSV.open(encoding="utf-8") as f:
        return [row for row in csv.DictReader(f) if row["chi_tieu"] == indicator]


def _vn(n: Decimal) -> str:
    return f"{int(n):,}".replace(",", ".")


def test_indicator_summary_prints_the_cluster_total_and_each_member_as_a_footnote(cluster):
    import_cluster_figures(cluster)
    (items,) = build_block(
        doc(cluster.owner, 2023, grouping=cluster, period=Period.HALF_YEAR), BlockKey.INDICATOR_SUMMARY
    )
    initiatives = next(item for item in items.items if item[0].text.startswith(INITIATIVES))
    rows = _fixture_rows(INITIATIVES)
    total = sum(Decimal(r["thuc_hien"]) for r in rows)
    assert total == 27175  # the seed prints "27.1745"
    head, note, dot = initiatives
    assert head == Text(
        f"{INITIATIVES}: tổng số 27.175 sáng kiến"
    )  # no plan from Sơn La: no cluster percentage
    expected = []
    for r in rows:
        name = r["tinh"]
        if r["ke_hoach"]:
            pct = (Decimal(r["thuc_hien"]) * 100 / Decimal(r["ke_hoach"])).quantize(Decimal(1), ROUND_HALF_UP)
            done, plan = _vn(Decimal(r["thuc_hien"])), _vn(Decimal(r["ke_hoach"]))
            expected.append(f"{name} có {done}/{plan} sáng kiến (đạt {pct}%)")
        else:
            expected.append(f"{name} {_vn(Decimal(r['thuc_hien']))} sáng kiến")
    order = ["Lai Châu", "Lào Cai", "Hà Giang", "Điện Biên", "Cao Bằng", "Lạng Sơn", "Sơn La"]
    expected.sort(key=lambda text: order.index(next(n for n in order if text.startswith(n))))
    assert note == Note([Text("LĐLĐ tỉnh: " + ", ".join(expected) + ".")])
    assert "Lai Châu có 2.751/2.300 sáng kiến (đạt 120%)" in note.parts[0].text
    assert dot == Text(".")


def test_indicator_table_totals_and_percentages(cluster):
    import_cluster_figures(cluster)
    (table,) = build_block(
        doc(cluster.owner, 2023, grouping=cluster, period=Period.HALF_YEAR), BlockKey.INDICATOR_TABLE
    )
    rows = cells(table)
    start = next(i for i, row in enumerate(rows) if row[1] == INITIATIVES)
    assert rows[start][2:] == ["sáng kiến", "", "27.175", ""]
    assert rows[start + 1] == ["", "Lai Châu", "", "2.300", "2.751", "120%"]
    assert rows[start + 7] == ["", "Sơn La", "", "", "2.442", ""]
    assert start in table.keep  # an indicator's row is never left alone at the foot of a page


# --- Scores (seed 000) -------------------------------------------------------------------------------


def test_score_table_sums_the_leaves_not_the_typed_subtotals(seed_table, lai_chau):
    (table,) = build_block(doc(lai_chau, 2020, criteria_table=seed_table), BlockKey.SCORE_TABLE)
    rows = {row[0]: row for row in cells(table)}
    assert rows["III"][2:] == ["200", "40", "195", "40", "235"]  # the seed types 200 for 195
    assert rows["II"][2:] == ["200", "", "175", "", "175"]
    assert cells(table)[-1] == ["", "Tổng điểm", "950", "50", "920", "50", "970"]
    assert [c.text for c in table.header[1]] == ["Điểm thực hiện", "Điểm thưởng", "Tổng điểm"]


def test_score_blocks_name_a_recorded_result_as_the_bloc_leader_s(seed_table, lai_chau):
    """Seed 000: the bloc's leader scores LĐLĐ tỉnh; a report never prints it as the
    province's own appraisal (in Vietnamese whatever the writer's interface language)."""
    rows = parse_scores_file("kq.csv", edited_csv(SELF_SCORE_CSV, cells={"I.1": {"diem_thuc_hien": "125"}}))
    sheet_appraisal_record(
        sheet=seed_table.sheets.get(),
        rows=rows,
        appraiser=seed_table.grouping.leader,
        document_number="08/TB-MTTQ",
        document_date=datetime.date(2021, 1, 12),
        by=None,
    )
    label = "Kết quả chấm của Trưởng khối (Ủy ban MTTQ tỉnh), theo văn bản số 08/TB-MTTQ ngày 12/01/2021"
    with translation.override("en"):
        table, note = build_block(doc(lai_chau, 2020, criteria_table=seed_table), BlockKey.SCORE_TABLE)
        ranking = build_block(doc(lai_chau, 2020, criteria_table=seed_table), BlockKey.BLOC_RANKING)
    assert [c.text for c in table.header[0]][4:] == ["Điểm tự chấm", "Điểm Trưởng khối chấm"]
    assert cells(table)[-1] == ["", "Tổng điểm", "950", "50", "920", "50", "970", "895", "50", "945"]
    assert block_text(note) == f"({label}.)"
    assert texts(ranking)[-1] == f"({lai_chau.name}: {label}.)"


def test_score_table_of_a_unit_without_a_sheet(seed_table, org):
    blocks = build_block(doc(org.a, 2020, criteria_table=seed_table), BlockKey.SCORE_TABLE)
    assert texts(blocks) == [f"(LĐLĐ huyện A chưa có phiếu chấm điểm trong {seed_table.name}.)"]


# --- Quotas and standards (seed 003) ------------------------------------------------------------------


@pytest.fixture
def quota_event(lai_chau):
    from tests.conftest import make_unit
    from units.demo import UPPER_LEVEL

    for code, name, short, kind in UPPER_LEVEL:
        make_unit(name, kind, lai_chau, code=code, short_name=short)
    call_command(
        "import_quota",
        str(QUOTA_CSV),
        "--event",
        "Hội nghị biểu dương điển hình tiên tiến lần thứ IV, năm 2020",
    )
    return QuotaEvent.objects.get()


def test_quota_table_sentence_and_totals_agree(quota_event, lai_chau):
    para, table = build_block(doc(lai_chau, 2020, quota_event=quota_event), BlockKey.QUOTA_TABLE)
    with (QUOTA_CSV).open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    collectives = sum(int(r["tap_the_hcsn"]) + int(r["tap_the_sxkd"]) for r in rows)
    individuals = sum(int(r["ca_nhan_hcsn"]) + int(r["ca_nhan_sxkd"]) for r in rows)
    assert (collectives, individuals) == (30, 82)  # the seed's sentence says 32 and 80
    assert block_text(para) == (
        "Tổng số tập thể, cá nhân được phân bổ là 112; trong đó tập thể là 30 và cá nhân 82."
    )
    assert cells(table)[-1] == ["", "Tổng số", "112", "30", "82", "19", "11", "56", "26"]
    assert len(table.rows) == len(rows) + 1


def test_eligibility_prints_the_award_forms_rules(quota_event, lai_chau):
    quota_event.award_form = _form("dhtt", "Điển hình tiên tiến", IssuingLevel.PROVINCE_FEDERATION)
    quota_event.award_form.eligibility = [
        {
            "applies_to": {"recipient": "collective", "sector": "hcsn"},
            "checks": [{"check": "titles", "titles": ["ttldtt"], "years": 5, "until": 2020}],
        }
    ]
    quota_event.award_form.save()
    quota_event.save()
    heading, items = build_block(doc(lai_chau, 2020, quota_event=quota_event), BlockKey.ELIGIBILITY)
    assert heading == Para([Text("Đối với tập thể khối hành chính, sự nghiệp:", bold=True, italic=True)])
    assert items == Items([[Text("5 năm Tập thể lao động tiên tiến (2016–2020)")]])


# --- Plan, deadlines, campaign -------------------------------------------------------------------------


def test_plan_tasks_by_quarter(org):
    plan = plan_save(
        owner=org.province,
        year=2023,
        title="Kế hoạch 2023",
        by=None,
        tasks=[
            {"quarter": 2, "content": "Sơ kết 6 tháng", "responsible_text": "LĐLĐ tỉnh"},
            {"quarter": 1, "content": "Đăng ký thi đua", "responsible_text": "Các cấp công đoàn"},
            {"quarter": 1, "content": "Ban hành kế hoạch", "responsible_text": "LĐLĐ tỉnh"},
        ],
    )
    (table,) = build_block(
        doc(org.province, 2023, plan=AnnualPlan.objects.get(pk=plan.pk)), BlockKey.PLAN_TASKS
    )
    assert [[c.text for c in row] for row in table.rows] == [
        ["QUÝ I"],
        ["1", "Đăng ký thi đua", "Các cấp công đoàn"],
        ["2", "Ban hành kế hoạch", "LĐLĐ tỉnh"],
        ["QUÝ II"],
        ["3", "Sơ kết 6 tháng", "LĐLĐ tỉnh"],
    ]
    assert table.rows[0] == [Cell("QUÝ I", bold=True, colspan=3)]
    assert table.keep == [0, 3]


def test_deadlines_in_date_order(org, deadlines):  # noqa: F811
    (items,) = build_block(doc(org.province, 2023), BlockKey.DEADLINES)
    assert [block_text(Para(item)) for item in items.items] == [
        "Đăng ký thi đua 2023 gửi về LĐLĐ tỉnh P chậm nhất ngày 10/02/2023;",
        "Báo cáo sơ kết 6 tháng 2023 gửi về LĐLĐ tỉnh P chậm nhất ngày 10/06/2023;",
        "Báo cáo tổng kết năm 2023 gửi về LĐLĐ tỉnh P chậm nhất ngày 10/12/2023.",
    ]


# --- Documents of the year and the award decision --------------------------------------------------------


def test_documents_issued_lists_the_year_in_date_order(org, staff_user, awards_2020):
    plan = draft("plan", org.province, 2020, staff_user, plan=None)
    plan.plan = AnnualPlan.objects.create(owner=org.province, year=2020, title="Kế hoạch 2020")
    plan.save()
    issue(plan, staff_user, datetime.date(2020, 1, 14))
    draft("annual", org.province, 2020, staff_user)  # a draft is not issued
    report = draft("annual", org.province, 2020, staff_user)
    (items,) = build_block(report, BlockKey.DOCUMENTS_ISSUED)
    assert [block_text(Para(item)) for item in items.items] == [
        "Kế hoạch số 01/KH-LĐLĐ, ngày 14/01/2020, Công tác thi đua, khen thưởng năm 2020.",
        "Quyết định số 05/QĐ-LĐLĐ, ngày 20/12/2020, Về việc tặng Bằng khen LĐLĐ tỉnh.",
        "Quyết định số 06/QĐ-LĐLĐ, ngày 20/12/2020, Về việc tặng Cờ thi đua LĐLĐ tỉnh.",
        "Quyết định số 07/QĐ-LĐLĐ, ngày 20/12/2020, Về việc tặng Bằng khen Tổng Liên đoàn.",
    ]


def test_decision_articles_and_list_compute_the_prizes(org):
    BaseSalary.objects.create(valid_from=datetime.date(2024, 7, 1), amount=2_340_000)
    form = _form("bk", "Bằng khen của Ban Chấp hành LĐLĐ tỉnh", IssuingLevel.PROVINCE_FEDERATION)
    form.prize_coefficient, form.prize_coefficient_collective = Decimal("0.3"), Decimal("0.6")
    form.save()
    decision = _decision(org.province, form, 2025, 12)
    Awardee.objects.create(decision=decision, unit=org.a1, prize=Decimal(1_410_000), order=1)
    person = Person.objects.create(
        full_name="Lò Thị Mai", gender=Gender.FEMALE, unit=org.a2, position="Công nhân"
    )
    Awardee.objects.create(decision=decision, person=person, prize=Decimal(710_000), order=2)
    article_1, article_2 = build_block(doc(org.province, 2025, decision=decision), BlockKey.DECISION_ARTICLES)
    assert block_text(article_1) == (
        "Điều 1. Tặng Bằng khen của Ban Chấp hành LĐLĐ tỉnh cho 01 tập thể và 01 cá nhân đã có thành tích "
        "xuất sắc (có danh sách kèm theo)."
    )
    assert block_text(article_2) == (
        "Điều 2. Kèm theo Bằng khen của Ban Chấp hành LĐLĐ tỉnh là tiền thưởng theo quy định: mỗi tập thể "
        "1.410.000 đồng, mỗi cá nhân 710.000 đồng. Tổng số tiền thưởng là 2.120.000 đồng (Bằng chữ: Hai "
        "triệu một trăm hai mươi nghìn đồng), chi từ quỹ thi đua, khen thưởng."
    )
    (table,) = build_block(doc(org.province, 2025, decision=decision), BlockKey.AWARDEE_LIST)
    assert cells(table) == [
        ["I", "TẬP THỂ (01)"],
        ["1", "CĐCS A1", "", "1.410.000"],
        ["II", "CÁ NHÂN (01)"],
        ["1", "Lò Thị Mai", "Công nhân, CĐCS A2", "710.000"],
        ["", "Tổng cộng", "01 tập thể và 01 cá nhân", "2.120.000"],
    ]


def test_a_draft_decision_previews_prizes_at_todays_base_salary(org):
    BaseSalary.objects.create(valid_from=datetime.date(2024, 7, 1), amount=2_340_000)
    form = _form("bk", "Bằng khen", IssuingLevel.PROVINCE_FEDERATION)
    form.prize_coefficient = Decimal("0.3")
    form.save()
    decision = Decision.objects.create(issuer=org.province, year=2026, award_form=form, subject="Về việc")
    person = Person.objects.create(full_name="A", gender=Gender.MALE, unit=org.a1)
    Awardee.objects.create(decision=decision, person=person)
    (table,) = build_block(doc(org.province, 2026, decision=decision), BlockKey.AWARDEE_LIST)
    # The only base salary is 2.340.000: 0,3 × 2.340.000 = 702.000, rounded up to 710.000.
    assert cells(table)[1][3] == "710.000"
    assert cells(table)[0] == ["I", "CÁ NHÂN (01)"]  # no collectives: the people are group I


def test_forwarded_dossiers_for_a_submission(org):
    from awards.enums import DossierState, Vote
    from awards.models import Dossier, Nominee

    tld = _form("bk-tld", "Bằng khen Tổng Liên đoàn", IssuingLevel.GENERAL_CONFEDERATION)
    up = Dossier.objects.create(
        proposing_unit=org.a, year=2024, award_form=tld, title="Trình TLĐ", state=DossierState.FORWARDED
    )
    person = Person.objects.create(
        full_name="Lò Văn Hùng", gender=Gender.MALE, unit=org.a1, position="Công nhân"
    )
    Nominee.objects.create(dossier=up, person=person, vote=Vote.APPROVED, summary="Sáng kiến cấp tỉnh")
    Nominee.objects.create(dossier=up, unit=org.a2, vote=Vote.APPROVED)
    Nominee.objects.create(dossier=up, unit=org.a1, vote=Vote.REJECTED)
    held = Dossier.objects.create(proposing_unit=org.b, year=2024, award_form=tld, title="Còn nháp")
    Nominee.objects.create(dossier=held, unit=org.b1)
    intro, items = build_block(doc(org.province, 2024), BlockKey.FORWARDED)
    assert block_text(intro) == "Đề nghị khen thưởng cho 02 tập thể, cá nhân, cụ thể:"
    assert items == Items([[Text("Bằng khen Tổng Liên đoàn: 01 tập thể và 01 cá nhân.")]])
    (table,) = build_block(doc(org.province, 2024), BlockKey.FORWARDED_LIST)
    assert cells(table) == [
        ["1", "Bằng khen Tổng Liên đoàn (02)"],
        ["1", "Lò Văn Hùng", "Công nhân, CĐCS A1", "Sáng kiến cấp tỉnh"],
        ["2", "CĐCS A2", "", ""],
    ]
