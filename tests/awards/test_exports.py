"""XLSX exports of the awards pages: the page's rows through the same scoped query and
filters, numbers as numbers, the outsider's view, and no sensitive personal data."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from awards.enums import (
    AwardKind,
    DecisionState,
    DocumentType,
    DossierState,
    Gender,
    HistoryKind,
    IssuingLevel,
    Rating,
    Recipient,
    Vote,
)
from awards.models import (
    Awardee,
    AwardForm,
    BaseSalary,
    CouncilSession,
    Decision,
    Dossier,
    HistoryEntry,
    Nominee,
    Person,
    QuotaAllocation,
    QuotaEvent,
)
from awards.services import (
    attachment_add,
    dossier_create,
    nominee_add,
    session_close,
    session_create,
    set_dossier_state,
)
from tests.awards.conftest import YEAR, pdf, person
from tests.conftest import bold_rows, column_formats, make_user, sheet_rows, workbook
from tests.emulation.conftest import at, frozen
from units.enums import AuditAction, Role, Sector
from units.models import AuditEntry

DAY = datetime.datetime


def _steady(client, user):
    client.force_login(user)
    client.get("/")
    return client


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def ready(org, form, alice, registered, staff_user):
    """Two people of A1 and the collective A2 in a dossier of A, ready for the council."""
    dossier = dossier_create(
        proposing_unit=org.a, year=YEAR, award_form=form, title="Bằng khen 2021", by=alice
    )
    mai = person(org.a1, position="Công nhân", ethnicity="Thái")
    su = person(org.a1, "Giàng A Sử", position="Tổ trưởng")
    for kwargs in ({"person": mai}, {"person": su}, {"unit": org.a2}):
        nominee_add(dossier=dossier, by=alice, **kwargs)
    attachment_add(dossier=dossier, upload=pdf(), document_type=DocumentType.PROPOSAL, by=alice)
    set_dossier_state(obj=dossier, to=DossierState.SUBMITTED, by=alice)
    set_dossier_state(obj=dossier, to=DossierState.APPRAISING, by=staff_user)
    set_dossier_state(obj=dossier, to=DossierState.READY, by=staff_user)
    return dossier


# --- Catalogue ------------------------------------------------------------------------------------------


def test_catalogue_export_has_forms_and_base_salaries_for_every_account(client, org, form, alice, charlie):
    form.prize_coefficient, form.prize_coefficient_collective = Decimal("0.3"), Decimal("0.6")
    form.eligibility = [{"checks": []}, {"checks": []}]
    form.save()
    AwardForm.objects.create(
        code="cu",
        name="Giấy khen cũ",
        issuing_level=IssuingLevel.PROVINCE_FEDERATION,
        recipient=Recipient.INDIVIDUAL,
        kind=AwardKind.AD_HOC,
        active=False,
        order=2,
    )
    BaseSalary.objects.create(valid_from=datetime.date(2019, 7, 1), amount=1_490_000)
    BaseSalary.objects.create(
        valid_from=datetime.date(2024, 7, 1), amount=2_340_000, legal_basis="NĐ 73/2024"
    )
    for user in (alice, charlie):  # province-wide reference data: the same for everyone
        client.force_login(user)
        response = client.get(reverse("awards:catalogue_xlsx"))
        forms = workbook(response)
        assert forms["A1"].value == "Hình thức khen thưởng, danh hiệu"
        assert sheet_rows(forms) == [
            [
                "Tên",
                "Cấp",
                "Đối tượng",
                "Loại",
                "Hệ số cá nhân",
                "Hệ số tập thể",
                "Điều kiện xét (số quy tắc)",
            ],
            ["Bằng khen LĐLĐ tỉnh", "LĐLĐ tỉnh", "Tập thể và cá nhân", "Toàn diện", 0.3, 0.6, 2],
            ["Giấy khen cũ (ngừng dùng)", "LĐLĐ tỉnh", "Cá nhân", "Đột xuất", 0, 0, None],
        ]
        assert column_formats(forms)[4:] == ["0.00", "0.00", "#,##0"]
        salaries = forms.parent["Mức lương cơ sở"]
        assert sheet_rows(salaries) == [
            ["Áp dụng từ ngày", "Mức (đồng)", "Căn cứ"],
            [DAY(2024, 7, 1), 2_340_000, "NĐ 73/2024"],
            [DAY(2019, 7, 1), 1_490_000, None],
        ]
        assert column_formats(salaries)[:2] == ["dd/mm/yyyy", "#,##0"]


@pytest.mark.parametrize("count", [1, 40])
def test_catalogue_export_query_count_is_constant(client, alice, count, django_assert_num_queries):
    for i in range(count):
        AwardForm.objects.create(
            code=f"f{i}",
            name=f"Hình thức {i}",
            issuing_level=IssuingLevel.PROVINCE_FEDERATION,
            recipient=Recipient.BOTH,
            kind=AwardKind.COMPREHENSIVE,
        )
        BaseSalary.objects.create(valid_from=datetime.date(2000 + i, 1, 1), amount=1_000_000 + i)
    _steady(client, alice)
    with django_assert_num_queries(4):
        sheet = workbook(client.get(reverse("awards:catalogue_xlsx")))
    assert len(sheet_rows(sheet)) == 1 + count
    assert len(sheet_rows(sheet.parent["Mức lương cơ sở"])) == 1 + count


# --- People ---------------------------------------------------------------------------------------------


def test_people_export_lists_the_subtree_without_the_ethnicity(client, org, alice):
    person(org.a1, "Lò Thị Mai", position="Công nhân", ethnicity="Thái", is_direct_worker=True)
    person(org.a2, "Nguyễn Văn An", ethnicity="Kinh")
    person(org.b1, "Hà Văn Tư", position="Công nhân", ethnicity="Thái")
    client.force_login(alice)
    sheet = workbook(client.get(reverse("awards:person_list_xlsx")))
    assert sheet["A1"].value == "Cá nhân"
    rows = sheet_rows(sheet)
    assert rows == [
        ["Họ và tên", "Chức vụ", "Đơn vị", "Người lao động trực tiếp"],
        ["Lò Thị Mai", "Công nhân", "CĐCS A1", "Có"],
        ["Nguyễn Văn An", None, "CĐCS A2", None],
    ]
    assert not any(cell in {"Thái", "Kinh"} for row in rows for cell in row)
    sheet = workbook(client.get(reverse("awards:person_list_xlsx"), {"q": "công nhân"}))
    assert sheet["A1"].value == "Cá nhân — Tìm theo tên, chức vụ: công nhân"
    assert [row[0] for row in sheet_rows(sheet)[1:]] == ["Lò Thị Mai"]
    assert not AuditEntry.objects.filter(action=AuditAction.READ_SENSITIVE).exists()


def test_person_history_export_and_the_outsider(client, org, form, alice, charlie):
    mai = person(org.a1, "Lò Thị Mai", ethnicity="Thái")
    HistoryEntry.objects.create(person=mai, year=2020, kind=HistoryKind.RATING, rating=Rating.EXCELLENT)
    HistoryEntry.objects.create(
        person=mai, year=2021, kind=HistoryKind.AWARD, award_form=form, description="QĐ 12/QĐ-LĐLĐ"
    )
    HistoryEntry.objects.create(person=mai, year=2021, kind=HistoryKind.TITLE, title="ldtt")
    url = reverse("awards:person_detail_xlsx", kwargs={"person_id": mai.pk})
    client.force_login(alice)
    sheet = workbook(client.get(url))
    assert sheet["A1"].value == "Quá trình thi đua, khen thưởng: Lò Thị Mai — CĐCS A1"
    rows = sheet_rows(sheet)
    assert rows == [
        ["Năm", "Loại", "Nội dung"],
        [2021, "Khen thưởng", "Bằng khen LĐLĐ tỉnh — QĐ 12/QĐ-LĐLĐ"],
        [2021, "Danh hiệu", "ldtt"],  # as the page prints it
        [2020, "Xếp loại hoàn thành nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ"],
    ]
    assert "Thái" not in str(rows)
    assert not AuditEntry.objects.filter(action=AuditAction.READ_SENSITIVE).exists()
    client.force_login(charlie)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("count", [1, 60])
def test_people_exports_query_count_is_constant(client, org, form, alice, count, django_assert_num_queries):
    people = Person.objects.bulk_create(
        Person(full_name=f"Người {i:03d}", gender=Gender.FEMALE, unit=org.a1 if i % 2 else org.a2)
        for i in range(count)
    )
    HistoryEntry.objects.bulk_create(
        HistoryEntry(person=people[0], year=2000 + i, kind=HistoryKind.AWARD, award_form=form)
        for i in range(count)
    )
    _steady(client, alice)
    with django_assert_num_queries(4):
        listed = workbook(client.get(reverse("awards:person_list_xlsx")))
    with django_assert_num_queries(5):
        history = workbook(
            client.get(reverse("awards:person_detail_xlsx", kwargs={"person_id": people[0].pk}))
        )
    assert len(sheet_rows(listed)) == 1 + count
    assert len(sheet_rows(history)) == 1 + count


# --- Dossiers -------------------------------------------------------------------------------------------

NOMINEE_HEADER = [
    "STT",
    "Họ tên / tập thể",
    "Chức vụ",
    "Đơn vị",
    "Tóm tắt thành tích",
    "Khối",
    "Kiểm tra điều kiện",
    "Chi tiết kiểm tra",
    "Hội đồng",
]


def test_nominee_export_has_the_checks_and_no_ethnicity(client, org, ready, alice):
    mai, su, _a2 = ready.nominees.order_by("order")
    Nominee.objects.filter(pk=mai.pk).update(
        summary="Hoàn thành xuất sắc nhiệm vụ 2 năm liền",
        eligibility=[
            {"status": "pass", "label": "Hoàn thành xuất sắc nhiệm vụ", "reason": "2020, 2021"},
            {"status": "fail", "label": "Không bị kỷ luật", "reason": "Khiển trách 2021"},
        ],
        vote=Vote.REJECTED,
    )
    Nominee.objects.filter(pk=su.pk).update(
        eligibility=[{"status": "unknown", "label": "Sáng kiến", "reason": "Chưa có dữ liệu"}]
    )
    client.force_login(alice)
    sheet = workbook(client.get(reverse("awards:dossier_detail_xlsx", kwargs={"dossier_id": ready.pk})))
    assert sheet["A1"].value == (
        "Bằng khen 2021 — LĐLĐ huyện A; Bằng khen LĐLĐ tỉnh; năm 2021; Đủ điều kiện trình Hội đồng"
    )
    assert sheet_rows(sheet) == [
        NOMINEE_HEADER,
        [
            1,
            "Lò Thị Mai",
            "Công nhân",
            "CĐCS A1",
            "Hoàn thành xuất sắc nhiệm vụ 2 năm liền",
            "HCSN",
            "Không đạt",
            "✓ Hoàn thành xuất sắc nhiệm vụ: 2020, 2021\n✗ Không bị kỷ luật: Khiển trách 2021",
            "Không đồng ý",
        ],
        [
            2,
            "Giàng A Sử",
            "Tổ trưởng",
            "CĐCS A1",
            None,
            "HCSN",
            "Chưa xác định",
            "? Sáng kiến: Chưa có dữ liệu",
            None,
        ],
        [
            3,
            "CĐCS A2",
            "Tập thể",
            None,
            None,
            "SXKD",
            "Hình thức này không có điều kiện cần kiểm tra",
            None,
            None,
        ],
    ]
    assert "Thái" not in str(sheet_rows(sheet))


def test_nominee_export_of_a_draft_says_checks_come_at_appraisal(client, org, form, alice, charlie):
    dossier = dossier_create(proposing_unit=org.a, year=YEAR, award_form=form, title="Nháp", by=alice)
    nominee_add(dossier=dossier, by=alice, unit=org.a1)
    url = reverse("awards:dossier_detail_xlsx", kwargs={"dossier_id": dossier.pk})
    client.force_login(alice)
    assert sheet_rows(workbook(client.get(url)))[1][6] == "Kiểm tra khi thẩm định"
    client.force_login(charlie)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("count", [1, 40])
def test_nominee_export_query_count_is_constant(client, org, form, alice, count, django_assert_num_queries):
    dossier = dossier_create(proposing_unit=org.a, year=YEAR, award_form=form, title="Hồ sơ", by=alice)
    people = Person.objects.bulk_create(
        Person(full_name=f"Người {i}", gender=Gender.FEMALE, unit=org.a1) for i in range(count)
    )
    Nominee.objects.bulk_create(Nominee(dossier=dossier, person=p, order=i) for i, p in enumerate(people))
    _steady(client, alice)
    with django_assert_num_queries(5):
        sheet = workbook(client.get(reverse("awards:dossier_detail_xlsx", kwargs={"dossier_id": dossier.pk})))
    assert len(sheet_rows(sheet)) == 1 + count


# --- Quotas ---------------------------------------------------------------------------------------------

QUOTA_HEADER = [
    "STT",
    "Tên đơn vị",
    "Tổng số",
    "Tập thể",
    "Cá nhân",
    "Tập thể HCSN: đã đề nghị",
    "Tập thể HCSN: được phân bổ",
    "Tập thể SXKD: đã đề nghị",
    "Tập thể SXKD: được phân bổ",
    "Cá nhân HCSN: đã đề nghị",
    "Cá nhân HCSN: được phân bổ",
    "Cá nhân SXKD: đã đề nghị",
    "Cá nhân SXKD: được phân bổ",
]


def test_quota_export_has_used_and_allocated_numbers_and_a_bold_total(client, org, form, alice, charlie):
    event = QuotaEvent.objects.create(name="Hội nghị điển hình tiên tiến", year=YEAR, owner=org.province)
    QuotaAllocation.objects.create(
        event=event, unit=org.a, order=1, collectives_sxkd=2, individuals_hcsn=3, individuals_sxkd=1
    )
    QuotaAllocation.objects.create(event=event, unit=org.b, order=2, collectives_hcsn=1, individuals_hcsn=2)
    dossier = dossier_create(
        proposing_unit=org.a, year=YEAR, award_form=form, title="Điển hình", by=alice, quota_event=event
    )
    nominee_add(dossier=dossier, by=alice, person=person(org.a1))
    nominee_add(dossier=dossier, by=alice, person=person(org.a1, "Giàng A Sử"))
    nominee_add(dossier=dossier, by=alice, unit=org.a2)
    client.force_login(charlie)  # the province's event is read by both districts, as its page
    sheet = workbook(client.get(reverse("awards:quota_detail_xlsx", kwargs={"event_id": event.pk})))
    assert sheet["A1"].value == "Hội nghị điển hình tiên tiến"
    assert sheet_rows(sheet) == [
        QUOTA_HEADER,
        [1, "LĐLĐ huyện A", 6, 2, 4, 0, 0, 1, 2, 2, 3, 0, 1],
        [2, "LĐLĐ huyện B", 3, 1, 2, 0, 1, 0, 0, 0, 2, 0, 0],
        [None, "Tổng số", 9, 3, 6, 0, 1, 1, 2, 2, 5, 0, 1],
    ]
    assert bold_rows(sheet) == [2]
    assert set(column_formats(sheet)[2:]) == {"#,##0"}
    own = QuotaEvent.objects.create(name="Phân bổ của huyện A", year=YEAR, owner=org.a)
    assert client.get(reverse("awards:quota_detail_xlsx", kwargs={"event_id": own.pk})).status_code == 404


@pytest.mark.parametrize("count", [1, 40])
def test_quota_export_query_count_is_constant(client, org, staff_user, count, django_assert_num_queries):
    from tests.emulation.conftest import bulk_units

    event = QuotaEvent.objects.create(name="Sự kiện", year=YEAR, owner=org.province)
    QuotaAllocation.objects.bulk_create(
        QuotaAllocation(event=event, unit=u, order=i, individuals_hcsn=2)
        for i, u in enumerate(bulk_units(org.province, count))
    )
    _steady(client, staff_user)
    with django_assert_num_queries(7):
        sheet = workbook(client.get(reverse("awards:quota_detail_xlsx", kwargs={"event_id": event.pk})))
    assert sheet_rows(sheet)[-1][:5] == [None, "Tổng số", 2 * count, 0, 2 * count]


# --- Council sessions and decisions ---------------------------------------------------------------------


def test_votes_export_has_the_recorded_votes(client, org, ready, staff_user, alice):
    council = [make_user(f"hoidong{i}", org.province, Role.COUNCIL) for i in range(3)]
    session = session_create(
        owner=org.province,
        title="Phiên họp tháng 12",
        held_on=datetime.date(2021, 12, 20),
        members=council,
        dossiers=[ready],
        by=staff_user,
    )
    url = reverse("awards:session_detail_xlsx", kwargs={"session_id": session.pk})
    client.force_login(staff_user)
    open_sheet = workbook(client.get(url))
    assert sheet_rows(open_sheet)[1] == [
        "Bằng khen 2021",
        "Bằng khen LĐLĐ tỉnh",
        "Lò Thị Mai",
        None,
        None,
        None,
    ]
    mai, su, a2 = ready.nominees.order_by("order")
    session_close(session=session, votes={mai.pk: (3, 0), su.pk: (1, 2), a2.pk: (2, 1)}, by=staff_user)
    sheet = workbook(client.get(url))
    assert sheet["A1"].value == "Phiên họp tháng 12 — 20/12/2021; 3 thành viên dự họp; Đã kết thúc"
    assert sheet_rows(sheet) == [
        ["Hồ sơ", "Hình thức", "Người, tập thể", "Đồng ý", "Không đồng ý", "Kết quả"],
        ["Bằng khen 2021", "Bằng khen LĐLĐ tỉnh", "Lò Thị Mai", 3, 0, "Đồng ý"],
        ["Bằng khen 2021", "Bằng khen LĐLĐ tỉnh", "Giàng A Sử", 1, 2, "Không đồng ý"],
        ["Bằng khen 2021", "Bằng khen LĐLĐ tỉnh", "CĐCS A2", 2, 1, "Đồng ý"],
    ]
    assert column_formats(sheet)[3:5] == ["#,##0", "#,##0"]
    client.force_login(alice)  # the province's council is not the district's to read
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("count", [1, 30])
def test_votes_export_query_count_is_constant(
    client, org, form, staff_user, count, django_assert_num_queries
):
    dossiers = Dossier.objects.bulk_create(
        Dossier(proposing_unit=org.a, year=YEAR, award_form=form, title=f"Hồ sơ {i}") for i in range(count)
    )
    Nominee.objects.bulk_create(Nominee(dossier=d, unit=org.a1) for d in dossiers)
    session = CouncilSession.objects.create(
        owner=org.province, title="Phiên", held_on=datetime.date(2021, 12, 20)
    )
    session.dossiers.set(dossiers)
    _steady(client, staff_user)
    with django_assert_num_queries(8):
        sheet = workbook(client.get(reverse("awards:session_detail_xlsx", kwargs={"session_id": session.pk})))
    assert len(sheet_rows(sheet)) == 1 + count


def _decision(org, form, number, *, issuer=None, state=DecisionState.ISSUED, year=YEAR, **kwargs):
    return Decision.objects.create(
        issuer=issuer or org.province,
        year=year,
        number=number,
        award_form=form,
        subject=f"Quyết định {number}",
        state=state,
        **kwargs,
    )


def test_decision_list_export_has_what_the_district_may_read(client, org, form, alice):
    signed = _decision(org, form, 7, signed_on=datetime.date(2021, 12, 28))
    for who in (person(org.a1), person(org.a2, "Giàng A Sử"), person(org.b1, "Hà Văn Tư")):
        Awardee.objects.create(decision=signed, person=who, prize=450_000)
    draft = _decision(org, form, None, state=DecisionState.DRAFT)
    Awardee.objects.create(decision=draft, person=person(org.a1, "Lò Văn Nháp"))
    _decision(org, form, 3, issuer=org.a, state=DecisionState.REVOKED, signed_on=datetime.date(2021, 5, 4))
    _decision(org, form, 9, issuer=org.b)
    _decision(org, form, 1, issuer=org.a, year=2020)
    client.force_login(alice)
    sheet = workbook(client.get(reverse("awards:decision_list_xlsx"), {"year": "2021"}))
    assert sheet["A1"].value == "Quyết định khen thưởng — năm 2021"
    assert sheet_rows(sheet) == [
        ["Số", "Trích yếu", "Ngày ký", "Số người", "Trạng thái"],
        ["07/QĐ-LĐLĐ", "Quyết định 7", DAY(2021, 12, 28), 3, "Đã ban hành"],
        ["03/QĐ-LĐLĐ", "Quyết định 3", DAY(2021, 5, 4), 0, "Đã thu hồi"],
    ]
    assert column_formats(sheet)[2:4] == ["dd/mm/yyyy", "#,##0"]


@pytest.mark.parametrize("count", [1, 60])
def test_decision_list_export_query_count_is_constant(
    client, org, form, alice, count, django_assert_num_queries
):
    decisions = Decision.objects.bulk_create(
        Decision(
            issuer=org.province,
            year=YEAR,
            number=i,
            award_form=form,
            subject="QĐ",
            state=DecisionState.ISSUED,
        )
        for i in range(1, count + 1)
    )
    mai = person(org.a1)
    Awardee.objects.bulk_create(Awardee(decision=d, person=mai, prize=450_000) for d in decisions)
    _steady(client, alice)
    with django_assert_num_queries(4):
        sheet = workbook(client.get(reverse("awards:decision_list_xlsx")))
    assert len(sheet_rows(sheet)) == 1 + count


# --- Statistics -----------------------------------------------------------------------------------------


@pytest.fixture
def awarded(org, form):
    """Two issued 2021 decisions and a draft one. By hand: 5 awards (2 collectives, 3 people),
    4.800.000 đ; 2 women, 2 of an ethnic minority, 2 direct workers of 3 people."""
    tld = AwardForm.objects.create(
        code="tld",
        name="Bằng khen Tổng Liên đoàn",
        issuing_level=IssuingLevel.GENERAL_CONFEDERATION,
        recipient=Recipient.BOTH,
        kind=AwardKind.COMPREHENSIVE,
    )
    mai = person(org.a1, "Lò Thị Mai", ethnicity="Thái", is_direct_worker=True)
    lan = person(org.a2, "Nguyễn Thị Lan", ethnicity="Kinh")
    su = Person.objects.create(
        full_name="Giàng A Sử",
        gender=Gender.MALE,
        unit=org.a1,
        sector=Sector.HCSN,
        ethnicity="H'Mông",
        is_direct_worker=True,
    )
    first = _decision(org, form, 1)
    second = _decision(org, tld, 2)
    draft = _decision(org, tld, None, state=DecisionState.DRAFT)
    Awardee.objects.create(decision=first, person=mai, prize=450_000)
    Awardee.objects.create(decision=first, person=lan, prize=450_000)
    Awardee.objects.create(decision=first, unit=org.a2, prize=900_000)
    Awardee.objects.create(decision=second, person=su, prize=1_000_000)
    Awardee.objects.create(decision=second, unit=org.b1, prize=2_000_000)
    Awardee.objects.create(decision=draft, person=lan, prize=0)


def test_statistics_export_has_every_table_of_the_page(client, org, awarded, staff_user):
    client.force_login(staff_user)
    sheet = workbook(client.get(reverse("awards:statistics_xlsx"), {"year": "2021"}))
    assert sheet["A1"].value == "Thống kê khen thưởng năm 2021"
    rows = sheet_rows(sheet)
    assert rows[:-1] == [
        ["Nội dung", "Số lượng", "Tỷ lệ"],
        ["Tổng số lượt khen thưởng", 5, None],
        ["Tập thể", 2, None],
        ["Cá nhân", 3, None],
        ["Tổng tiền thưởng (đồng)", 4_800_000, None],
        ["Theo hình thức", None, None],
        ["Bằng khen LĐLĐ tỉnh", 3, None],
        ["Bằng khen Tổng Liên đoàn", 2, None],
        ["Theo cấp khen thưởng", None, None],
        ["LĐLĐ tỉnh", 3, None],
        ["Tổng Liên đoàn Lao động Việt Nam", 2, None],
        ["Theo khối", None, None],
        ["HCSN", 3, None],
        ["SXKD", 2, None],
        ["Cá nhân", None, None],
        ["Nữ", 2, None],
        ["Dân tộc thiểu số", 2, None],
    ]
    assert rows[-1][:2] == ["Người lao động trực tiếp", 2]
    assert rows[-1][2] == pytest.approx(2 / 3, abs=0.0005)  # 66,7% as the page rounds it
    assert bold_rows(sheet) == [0, 4, 7, 10, 13]
    assert column_formats(sheet)[1:] == ["#,##0", "0.0%"]


def test_statistics_export_counts_the_users_subtree_only(client, org, awarded, charlie):
    client.force_login(charlie)
    rows = sheet_rows(workbook(client.get(reverse("awards:statistics_xlsx"), {"year": "2021"})))
    assert rows[1:5] == [
        ["Tổng số lượt khen thưởng", 1, None],
        ["Tập thể", 1, None],
        ["Cá nhân", 0, None],
        ["Tổng tiền thưởng (đồng)", 2_000_000, None],
    ]
    assert rows[-1] == ["Người lao động trực tiếp", 0, None]


def test_statistics_export_without_a_year_is_this_years(client, org, awarded, staff_user):
    client.force_login(staff_user)
    with frozen(at(2021, 6, 1)):
        sheet = workbook(client.get(reverse("awards:statistics_xlsx")))
    assert sheet["A1"].value == "Thống kê khen thưởng năm 2021"
    assert sheet_rows(sheet)[1] == ["Tổng số lượt khen thưởng", 5, None]


@pytest.mark.parametrize("count", [1, 100])
def test_statistics_export_query_count_is_constant(
    client, org, form, staff_user, count, django_assert_num_queries
):
    decisions = Decision.objects.bulk_create(
        Decision(
            issuer=org.province,
            year=YEAR,
            number=i,
            award_form=form,
            subject="QĐ",
            state=DecisionState.ISSUED,
        )
        for i in range(1, count + 1)
    )
    worker = person(org.a1, is_direct_worker=True)
    Awardee.objects.bulk_create(Awardee(decision=d, person=worker, prize=450_000) for d in decisions)
    _steady(client, staff_user)
    with django_assert_num_queries(4):
        sheet = workbook(client.get(reverse("awards:statistics_xlsx"), {"year": "2021"}))
    assert sheet_rows(sheet)[1] == ["Tổng số lượt khen thưởng", count, None]
