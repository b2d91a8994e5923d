"""XLSX exports of the emulation pages: the page's rows through the same scoped query and
filters, dates as dates (the local day, as the pages print it), totals and quarters in
bold, and the outsider's view."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from emulation.enums import (
    Aggregation,
    CampaignKind,
    CampaignState,
    DeadlineKind,
    EmulationTitle,
    Period,
    RegistrationState,
    ReportState,
    TaskStatus,
)
from emulation.models import (
    Deadline,
    Indicator,
    IndicatorValue,
    Registration,
    RegistrationTitle,
    ResultReport,
)
from emulation.services import campaign_save, deadline_save, plan_save, set_campaign_state
from tests.conftest import bold_rows, column_formats, make_user, sheet_rows, workbook
from tests.emulation.conftest import at, bulk_units, frozen, make_registration
from units.enums import Role

DAY = datetime.datetime
NOT_ELIGIBLE = "Chưa đủ điều kiện xét khen thưởng"
TITLES = "Tập thể lao động xuất sắc; Lao động tiên tiến: 12 người"


def _steady(client, user):
    client.force_login(user)
    client.get("/")
    return client


def _district(org, count: int):
    """District A and `count - 1` upper-level unions under it: the rows alice's boards list,
    each registered (two titles) and with both reports submitted."""
    units = [org.a, *bulk_units(org.a, count - 1)]
    registrations = Registration.objects.bulk_create(
        Registration(unit=u, year=2023, state=RegistrationState.ACCEPTED, submitted_at=at(2023, 2, 1))
        for u in units
    )
    RegistrationTitle.objects.bulk_create(
        RegistrationTitle(registration=r, title=t, count=c)
        for r in registrations
        for t, c in (("ttldxs", 1), ("ldtt", 12))
    )
    ResultReport.objects.bulk_create(
        ResultReport(unit=u, year=2023, period=p, state=ReportState.SUBMITTED, submitted_at=at(2023, 6, 1))
        for u in units
        for p in (Period.HALF_YEAR, Period.YEAR)
    )
    return units


# --- Campaigns ------------------------------------------------------------------------------------------


def _campaign(owner, name, starts_on, **fields):
    return campaign_save(
        campaign=None,
        owner=owner,
        by=None,
        name=name,
        kind=fields.pop("kind", CampaignKind.REGULAR),
        starts_on=starts_on,
        target_unit=owner,
        **fields,
    )


def test_campaign_list_export_has_the_campaigns_the_page_lists(client, org, alice):
    launched = _campaign(
        org.province,
        "Lao động giỏi, Lao động sáng tạo",
        datetime.date(2023, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
    )
    set_campaign_state(obj=launched, to=CampaignState.LAUNCHED, by=None)
    _campaign(
        org.a,
        "Thi đua chào mừng Đại hội",
        datetime.date(2023, 3, 1),
        kind=CampaignKind.THEMATIC,
        launched_by_outside="Tổng LĐLĐ Việt Nam",
    )
    _campaign(org.b, "Phong trào của huyện B", datetime.date(2023, 4, 1))
    client.force_login(alice)
    sheet = workbook(client.get(reverse("emulation:campaign_list_xlsx")))
    assert sheet["A1"].value == "Phong trào thi đua"
    assert sheet_rows(sheet) == [
        ["Tên phong trào", "Loại", "Phát động", "Từ ngày", "Đến ngày", "Trạng thái"],
        ["Thi đua chào mừng Đại hội", "Chuyên đề", "Tổng LĐLĐ Việt Nam", DAY(2023, 3, 1), None, "Dự thảo"],
        [
            "Lao động giỏi, Lao động sáng tạo",
            "Thường xuyên",
            "LĐLĐ tỉnh P",
            DAY(2023, 1, 1),
            DAY(2025, 12, 31),
            "Đã phát động",
        ],
    ]
    assert column_formats(sheet)[3:5] == ["dd/mm/yyyy", "dd/mm/yyyy"]


@pytest.mark.parametrize("count", [1, 40])
def test_campaign_list_export_query_count_is_constant(client, org, alice, count, django_assert_num_queries):
    for i in range(count):
        _campaign(org.a, f"Phong trào {i}", datetime.date(2023, 1, 1))
    _steady(client, alice)
    with django_assert_num_queries(4):
        sheet = workbook(client.get(reverse("emulation:campaign_list_xlsx")))
    assert len(sheet_rows(sheet)) == 1 + count


# --- Annual plan ----------------------------------------------------------------------------------------

TASKS = [
    (1, "Xây dựng kế hoạch thi đua năm 2023.", "LĐLĐ tỉnh", datetime.date(2023, 3, 31)),
    (1, "Đăng ký các chỉ tiêu thi đua năm 2023.", "LĐLĐ các huyện", datetime.date(2023, 3, 31)),
    (2, "Sơ kết 6 tháng.", "LĐLĐ tỉnh", datetime.date(2023, 6, 30)),
    (4, "Tổng kết năm.", "", None),
]


@pytest.fixture
def plan(org):
    plan = plan_save(
        owner=org.province,
        year=2023,
        title="Kế hoạch công tác thi đua năm 2023",
        by=None,
        document_number="403/KH-LĐLĐ",
        document_date=datetime.date(2023, 1, 10),
        tasks=[{"quarter": q, "content": c, "responsible_text": r, "due_on": d} for q, c, r, d in TASKS],
    )
    plan.tasks.filter(number=1).update(status=TaskStatus.DONE)
    return plan


def test_plan_export_lists_tasks_by_quarter_with_overdue_ones(client, org, alice, plan):
    client.force_login(alice)
    with frozen(at(2023, 7, 1)):
        sheet = workbook(client.get(reverse("emulation:plan_detail_xlsx", kwargs={"plan_id": plan.pk})))
    assert sheet["A1"].value == (
        "Kế hoạch công tác thi đua năm 2023 — LĐLĐ tỉnh P · Số 403/KH-LĐLĐ · ngày 10/01/2023"
    )
    assert sheet_rows(sheet) == [
        ["TT", "Nội dung", "Đơn vị thực hiện", "Hạn", "Tình trạng"],
        [None, "QUÝ 1", None, None, None],
        [1, TASKS[0][1], "LĐLĐ tỉnh", DAY(2023, 3, 31), "Đã hoàn thành"],
        [2, TASKS[1][1], "LĐLĐ các huyện", DAY(2023, 3, 31), "Chưa thực hiện; Quá hạn"],
        [None, "QUÝ 2", None, None, None],
        [3, TASKS[2][1], "LĐLĐ tỉnh", DAY(2023, 6, 30), "Chưa thực hiện; Quá hạn"],
        [None, "QUÝ 3", None, None, None],
        [None, "QUÝ 4", None, None, None],
        [4, TASKS[3][1], None, None, "Chưa thực hiện"],
    ]
    assert bold_rows(sheet) == [0, 3, 5, 6]
    assert column_formats(sheet, row=5)[3] == "dd/mm/yyyy"


def test_plan_export_of_a_sibling_district_is_not_found(client, org, charlie):
    plan = plan_save(owner=org.a, year=2023, title="Kế hoạch huyện A", by=None, tasks=[])
    client.force_login(charlie)
    assert client.get(reverse("emulation:plan_detail_xlsx", kwargs={"plan_id": plan.pk})).status_code == 404


@pytest.mark.parametrize("count", [1, 60])
def test_plan_export_query_count_is_constant(client, org, alice, count, django_assert_num_queries):
    plan = plan_save(
        owner=org.a,
        year=2023,
        title="Kế hoạch",
        by=None,
        tasks=[
            {"quarter": 1 + i % 4, "content": f"Nhiệm vụ {i}", "responsible_text": "A"} for i in range(count)
        ],
    )
    _steady(client, alice)
    with django_assert_num_queries(6):
        sheet = workbook(client.get(reverse("emulation:plan_detail_xlsx", kwargs={"plan_id": plan.pk})))
    assert len(sheet_rows(sheet)) == 1 + 4 + count


# --- Deadlines and the deadline board -------------------------------------------------------------------


def test_deadline_list_export_has_the_years_deadlines_in_scope(client, org, alice, deadlines):
    deadline_save(
        owner=org.a,
        year=2023,
        kind=DeadlineKind.OTHER,
        name="Nộp hồ sơ khen thưởng huyện A",
        due_on=datetime.date(2023, 11, 15),
        by=None,
    )
    deadline_save(
        owner=org.b,
        year=2023,
        kind=DeadlineKind.OTHER,
        name="Hạn của huyện B",
        due_on=datetime.date(2023, 5, 1),
        by=None,
    )
    deadline_save(
        owner=org.province,
        year=2024,
        kind=DeadlineKind.REGISTRATION,
        name="Đăng ký 2024",
        due_on=datetime.date(2024, 2, 10),
        by=None,
    )
    client.force_login(alice)
    sheet = workbook(client.get(reverse("emulation:deadline_list_xlsx"), {"year": "2023"}))
    assert sheet["A1"].value == "Thời hạn năm 2023"
    assert sheet_rows(sheet) == [
        ["Nội dung", "Loại", "Hạn", "Khóa từ", "Đơn vị đặt hạn"],
        ["Đăng ký thi đua 2023", "Đăng ký thi đua", DAY(2023, 2, 10), DAY(2023, 3, 2), "LĐLĐ tỉnh P"],
        ["Báo cáo sơ kết 6 tháng 2023", "Báo cáo sơ kết 6 tháng", DAY(2023, 6, 10), None, "LĐLĐ tỉnh P"],
        ["Nộp hồ sơ khen thưởng huyện A", "Khác", DAY(2023, 11, 15), None, "LĐLĐ huyện A"],
        ["Báo cáo tổng kết năm 2023", "Báo cáo tổng kết năm", DAY(2023, 12, 10), None, "LĐLĐ tỉnh P"],
    ]
    assert column_formats(sheet)[2:4] == ["dd/mm/yyyy", "dd/mm/yyyy"]


BOARD_HEADER = [
    "Đơn vị",
    "Ghi chú",
    "Đăng ký thi đua (hạn 10/02/2023)",
    "Đăng ký thi đua: ngày nộp",
    "Báo cáo sơ kết 6 tháng (hạn 10/06/2023)",
    "Báo cáo sơ kết 6 tháng: ngày nộp",
    "Báo cáo tổng kết năm (hạn 10/12/2023)",
    "Báo cáo tổng kết năm: ngày nộp",
]


def test_deadline_board_export_has_status_and_local_day_of_each_deadline(client, org, staff_user, deadlines):
    make_registration(org.a, state=RegistrationState.ACCEPTED, submitted_at=at(2023, 2, 10, 22))
    # 05:00 on 11/02 in Hà Nội is still 10/02 in UTC: the day written is the local one.
    make_registration(org.b, state=RegistrationState.SUBMITTED, submitted_at=at(2023, 2, 11, 5))
    ResultReport.objects.create(
        unit=org.a,
        year=2023,
        period=Period.HALF_YEAR,
        state=ReportState.SUBMITTED,
        submitted_at=at(2023, 6, 12),
    )
    client.force_login(staff_user)
    with frozen(at(2023, 6, 11)):
        sheet = workbook(client.get(reverse("emulation:deadline_board_xlsx"), {"year": "2023"}))
    assert sheet["A1"].value == "Theo dõi thời hạn năm 2023"
    assert sheet_rows(sheet) == [
        BOARD_HEADER,
        ["LĐLĐ huyện A", None, "Đúng hạn", DAY(2023, 2, 10), "Muộn", DAY(2023, 6, 12), "Chưa đến hạn", None],
        ["LĐLĐ huyện B", NOT_ELIGIBLE, "Muộn", DAY(2023, 2, 11), "Chưa nộp", None, "Chưa đến hạn", None],
    ]
    assert column_formats(sheet)[3] == "dd/mm/yyyy"


def test_deadline_exports_of_a_sibling_district_hold_its_rows_only(client, org, charlie, deadlines):
    deadline_save(
        owner=org.a,
        year=2023,
        kind=DeadlineKind.OTHER,
        name="Hạn của huyện A",
        due_on=datetime.date(2023, 5, 1),
        by=None,
    )
    client.force_login(charlie)
    with frozen(at(2023, 2, 1)):
        board = workbook(client.get(reverse("emulation:deadline_board_xlsx"), {"year": "2023"}))
        listed = workbook(client.get(reverse("emulation:deadline_list_xlsx"), {"year": "2023"}))
    assert [row[0] for row in sheet_rows(board)[1:]] == ["LĐLĐ huyện B"]
    assert "Hạn của huyện A" not in [row[0] for row in sheet_rows(listed)]
    assert len(sheet_rows(listed)) == 1 + 3


@pytest.mark.parametrize("count", [1, 100])
def test_deadline_exports_query_count_is_constant(
    client, org, alice, deadlines, count, django_assert_num_queries
):
    _district(org, count)
    _steady(client, alice)
    with frozen(at(2023, 7, 1)), django_assert_num_queries(7):
        board = workbook(client.get(reverse("emulation:deadline_board_xlsx"), {"year": "2023"}))
    assert len(sheet_rows(board)) == 1 + count


@pytest.mark.parametrize("count", [1, 60])
def test_deadline_list_export_query_count_is_constant(client, org, alice, count, django_assert_num_queries):
    Deadline.objects.bulk_create(
        Deadline(
            owner=org.a, year=2023, kind=DeadlineKind.OTHER, name=f"Hạn {i}", due_on=datetime.date(2023, 5, 1)
        )
        for i in range(count)
    )
    _steady(client, alice)
    with django_assert_num_queries(4):
        sheet = workbook(client.get(reverse("emulation:deadline_list_xlsx"), {"year": "2023"}))
    assert len(sheet_rows(sheet)) == 1 + count


# --- Registrations --------------------------------------------------------------------------------------


def test_registration_list_export_marks_late_and_not_eligible_units(client, org, staff_user, deadlines):
    make_registration(org.a, state=RegistrationState.ACCEPTED, submitted_at=at(2023, 2, 1))
    make_registration(org.b, state=RegistrationState.SUBMITTED, submitted_at=at(2023, 2, 12))
    make_registration(org.a1, titles={EmulationTitle.STRONG_GRASSROOTS: 1})
    make_registration(org.b1, year=2024)
    client.force_login(staff_user)
    sheet = workbook(client.get(reverse("emulation:registration_list_xlsx"), {"year": "2023"}))
    assert sheet["A1"].value == "Đăng ký thi đua năm 2023"
    assert sheet_rows(sheet) == [
        ["Đơn vị", "Ghi chú", "Danh hiệu đăng ký", "Trạng thái", "Ngày gửi"],
        ["LĐLĐ huyện A", None, TITLES, "Đã chấp nhận", DAY(2023, 2, 1)],
        ["LĐLĐ huyện B", NOT_ELIGIBLE, TITLES, "Đã gửi (Muộn)", DAY(2023, 2, 12)],
        ["CĐCS A1", None, "Công đoàn cơ sở vững mạnh", "Đang soạn", None],
    ]
    assert column_formats(sheet)[4] == "dd/mm/yyyy"


def test_registration_list_export_of_a_sibling_district(client, org, charlie, deadlines):
    make_registration(org.a, state=RegistrationState.ACCEPTED)
    make_registration(org.b1, titles={EmulationTitle.STRONG_GRASSROOTS: 1})
    client.force_login(charlie)
    sheet = workbook(client.get(reverse("emulation:registration_list_xlsx"), {"year": "2023"}))
    assert sheet_rows(sheet)[1:] == [
        ["LĐLĐ huyện B", NOT_ELIGIBLE, None, "Chưa đăng ký", None],
        ["CĐCS B1", None, "Công đoàn cơ sở vững mạnh", "Đang soạn", None],
    ]


@pytest.mark.parametrize("count", [1, 100])
def test_registration_list_export_query_count_is_constant(
    client, org, alice, deadlines, count, django_assert_num_queries
):
    _district(org, count)
    _steady(client, alice)
    with django_assert_num_queries(7):
        sheet = workbook(client.get(reverse("emulation:registration_list_xlsx"), {"year": "2023"}))
    assert len(sheet_rows(sheet)) == 1 + count
    assert sheet_rows(sheet)[1][2:4] == [TITLES, "Đã chấp nhận"]


# --- Indicator catalogue --------------------------------------------------------------------------------


def test_indicator_catalogue_export_says_how_each_is_added_up(client, org, alice):
    members = Indicator.objects.create(name="Đoàn viên", measure="người", order=1)
    women = Indicator.objects.create(name="Đoàn viên nữ", measure="người", order=2)
    Indicator.objects.create(
        name="Tỷ lệ đoàn viên nữ",
        measure="%",
        aggregation=Aggregation.RATIO,
        numerator=women,
        denominator=members,
        order=3,
    )
    for user in (alice, make_user("xem_b", org.b, Role.VIEWER)):  # the catalogue is the same for all
        client.force_login(user)
        sheet = workbook(client.get(reverse("emulation:indicator_definitions_xlsx")))
        assert sheet["A1"].value == "Danh mục chỉ tiêu thi đua"
        assert sheet_rows(sheet) == [
            ["Chỉ tiêu", "Đơn vị tính", "Cách cộng"],
            ["Đoàn viên", "người", "Cộng dồn"],
            ["Đoàn viên nữ", "người", "Cộng dồn"],
            ["Tỷ lệ đoàn viên nữ", "%", "Đoàn viên nữ / Đoàn viên × 100%"],
        ]


@pytest.mark.parametrize("count", [1, 50])
def test_indicator_catalogue_export_query_count_is_constant(client, alice, count, django_assert_num_queries):
    base = Indicator.objects.create(name="Cơ sở", measure="người")
    for i in range(count):
        Indicator.objects.create(
            name=f"Tỷ lệ {i}", measure="%", aggregation=Aggregation.RATIO, numerator=base, denominator=base
        )
    _steady(client, alice)
    with django_assert_num_queries(3):
        sheet = workbook(client.get(reverse("emulation:indicator_definitions_xlsx")))
    assert len(sheet_rows(sheet)) == 1 + 1 + count


# --- Result reports -------------------------------------------------------------------------------------


def test_report_list_export_has_each_units_two_reports(client, org, staff_user, charlie):
    ResultReport.objects.create(unit=org.a, year=2023, period=Period.HALF_YEAR, state=ReportState.SUBMITTED)
    ResultReport.objects.create(unit=org.a, year=2023, period=Period.YEAR)
    ResultReport.objects.create(unit=org.b, year=2023, period=Period.YEAR, state=ReportState.SUBMITTED)
    ResultReport.objects.create(unit=org.b, year=2022, period=Period.HALF_YEAR)
    client.force_login(staff_user)
    sheet = workbook(client.get(reverse("emulation:report_list_xlsx"), {"year": "2023"}))
    assert sheet["A1"].value == "Báo cáo kết quả thi đua năm 2023"
    assert sheet_rows(sheet) == [
        ["Đơn vị", "Sơ kết 6 tháng", "Tổng kết năm"],
        ["LĐLĐ huyện A", "Đã gửi", "Đang soạn"],
        ["LĐLĐ huyện B", None, "Đã gửi"],
    ]
    client.force_login(charlie)
    sheet = workbook(client.get(reverse("emulation:report_list_xlsx"), {"year": "2023"}))
    assert sheet_rows(sheet)[1:] == [["LĐLĐ huyện B", None, "Đã gửi"]]


def test_report_figures_export_and_the_outsider(client, org, alice, charlie):
    report = ResultReport.objects.create(unit=org.a, year=2023, period=Period.HALF_YEAR)
    members = Indicator.objects.create(name="Kết nạp đoàn viên mới", measure="đoàn viên", order=1)
    ideas = Indicator.objects.create(name="Sáng kiến", measure="sáng kiến", order=2)
    IndicatorValue.objects.create(
        indicator=members, unit=org.a, year=2023, period=Period.HALF_YEAR, actual=Decimal(1500), planned=2000
    )
    IndicatorValue.objects.create(indicator=ideas, unit=org.a, year=2023, period=Period.HALF_YEAR, actual=12)
    IndicatorValue.objects.create(indicator=ideas, unit=org.a, year=2023, period=Period.YEAR, actual=30)
    url = reverse("emulation:report_detail_xlsx", kwargs={"report_id": report.pk})
    client.force_login(alice)
    sheet = workbook(client.get(url))
    assert sheet["A1"].value == "Báo cáo 6 tháng đầu năm 2023: LĐLĐ huyện A"
    assert sheet_rows(sheet) == [
        ["Chỉ tiêu", "Thực hiện", "Kế hoạch"],
        ["Kết nạp đoàn viên mới (đoàn viên)", 1500, 2000],
        ["Sáng kiến (sáng kiến)", 12, None],
    ]
    assert column_formats(sheet)[1:] == ["#,##0", "#,##0"]
    client.force_login(charlie)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("count", [1, 100])
def test_report_exports_query_count_is_constant(client, org, alice, count, django_assert_num_queries):
    _district(org, count)
    report = ResultReport.objects.get(unit=org.a, period=Period.HALF_YEAR)
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=Indicator.objects.create(name=f"Chỉ tiêu {i}", measure="người"),
            unit=org.a,
            year=2023,
            period=Period.HALF_YEAR,
            actual=i,
        )
        for i in range(count)
    )
    _steady(client, alice)
    with django_assert_num_queries(5):
        listed = workbook(client.get(reverse("emulation:report_list_xlsx"), {"year": "2023"}))
    with django_assert_num_queries(5):
        figures = workbook(
            client.get(reverse("emulation:report_detail_xlsx", kwargs={"report_id": report.pk}))
        )
    assert len(sheet_rows(listed)) == 1 + count
    assert len(sheet_rows(figures)) == 1 + count
