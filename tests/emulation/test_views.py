import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from emulation.enums import (
    CampaignKind,
    CampaignState,
    EmulationTitle,
    Period,
    RegistrationState,
    ReportState,
    TaskStatus,
    WorkState,
)
from emulation.models import (
    Campaign,
    DedicatedWork,
    Indicator,
    IndicatorValue,
    RegisteredModel,
    Registration,
    RegistrationTitle,
    ResultReport,
)
from emulation.services import campaign_save, plan_save, report_save, set_campaign_state
from tests import html
from tests.emulation.conftest import at, bulk_units, frozen, make_registration, table_rows
from units.enums import AuditAction
from units.models import AuditEntry, Notification

BOARD_HEADER = [
    "Đơn vị",
    "Đăng ký thi đua hạn 10/02/2023",
    "Báo cáo sơ kết 6 tháng hạn 10/06/2023",
    "Báo cáo tổng kết năm hạn 10/12/2023",
]
NOT_ELIGIBLE = "Chưa đủ điều kiện xét khen thưởng"


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _titles(unit, year=2023) -> dict[str, int]:
    return dict(
        RegistrationTitle.objects.filter(registration__unit=unit, registration__year=year)
        .order_by("title")
        .values_list("title", "count")
    )


def _registrations() -> list[tuple]:
    """Every registration and title, to compare before and after a refused request."""
    rows = Registration.objects.order_by("unit__code").values_list(
        "unit__code", "state", "note", "updated_at"
    )
    return [*rows, tuple(RegistrationTitle.objects.order_by("id").values_list("title", "count"))]


# --- Registration list and deadline board ------------------------------------------------


def test_registration_list_marks_units_not_eligible_for_awards(client, org, staff_user, deadlines):
    make_registration(org.a, state=RegistrationState.ACCEPTED, submitted_at=at(2023, 2, 1))
    make_registration(org.b, state=RegistrationState.SUBMITTED, submitted_at=at(2023, 2, 12))
    make_registration(org.a1, titles={EmulationTitle.STRONG_GRASSROOTS: 1})
    client.force_login(staff_user)
    response = client.get(reverse("emulation:registration_list"), {"year": 2023})
    assert table_rows(response, "registration-table") == [
        ["Đơn vị", "Danh hiệu đăng ký", "Trạng thái", "Ngày gửi"],
        [
            "LĐLĐ huyện A",
            "Tập thể lao động xuất sắc; Lao động tiên tiến: 12 người",
            "Đã chấp nhận",
            "01/02/2023",
        ],
        [
            f"LĐLĐ huyện B {NOT_ELIGIBLE}",
            "Tập thể lao động xuất sắc; Lao động tiên tiến: 12 người",
            "Đã gửi Muộn",
            "12/02/2023",
        ],
        ["CĐCS A1", "Công đoàn cơ sở vững mạnh", "Đang soạn", "—"],
    ]
    assert response.content.decode().count(NOT_ELIGIBLE) == 1


def test_registration_list_shows_units_without_registration(client, org, alice, deadlines):
    client.force_login(alice)
    response = client.get(reverse("emulation:registration_list"), {"year": 2023})
    assert table_rows(response, "registration-table")[1:] == [
        [f"LĐLĐ huyện A {NOT_ELIGIBLE}", "—", "Chưa đăng ký", "—"]
    ]


def test_deadline_board_after_due_dates_shows_on_time_late_and_missing(client, org, staff_user, deadlines):
    make_registration(org.a, state=RegistrationState.ACCEPTED, submitted_at=at(2023, 2, 10, 22))
    make_registration(org.b, state=RegistrationState.SUBMITTED, submitted_at=at(2023, 2, 11, 7))
    ResultReport.objects.create(
        unit=org.a,
        year=2023,
        period=Period.HALF_YEAR,
        state=ReportState.SUBMITTED,
        submitted_at=at(2023, 6, 12),
    )
    client.force_login(staff_user)
    with frozen(at(2023, 6, 11)):
        response = client.get(reverse("emulation:deadline_board"), {"year": 2023})
    assert table_rows(response, "deadline-board") == [
        BOARD_HEADER,
        ["LĐLĐ huyện A", "Đúng hạn 10/02/2023", "Muộn 12/06/2023", "Chưa đến hạn"],
        [f"LĐLĐ huyện B {NOT_ELIGIBLE}", "Muộn 11/02/2023", "Chưa nộp", "Chưa đến hạn"],
    ]


def test_deadline_board_before_due_date_shows_not_yet_due(client, org, staff_user, deadlines):
    client.force_login(staff_user)
    with frozen(at(2023, 2, 10, 20)):
        response = client.get(reverse("emulation:deadline_board"))
    assert table_rows(response, "deadline-board") == [
        BOARD_HEADER,
        [f"LĐLĐ huyện A {NOT_ELIGIBLE}", "Chưa đến hạn", "Chưa đến hạn", "Chưa đến hạn"],
        [f"LĐLĐ huyện B {NOT_ELIGIBLE}", "Chưa đến hạn", "Chưa đến hạn", "Chưa đến hạn"],
    ]
    assert (
        "<strong>Sắp đến hạn:</strong> Đăng ký thi đua 2023 (10/02/2023); Báo cáo sơ kết 6 tháng 2023 "
        "(10/06/2023); Báo cáo tổng kết năm 2023 (10/12/2023)"
    ) in response.content.decode()


# --- Registration form -----------------------------------------------------------------------


@pytest.fixture
def campaign(org):
    campaign = campaign_save(
        campaign=None,
        owner=org.province,
        by=None,
        name="Lao động giỏi, Lao động sáng tạo",
        kind=CampaignKind.REGULAR,
        starts_on=datetime.date(2023, 1, 1),
        target_unit=org.province,
    )
    return set_campaign_state(obj=campaign, to=CampaignState.LAUNCHED, by=None)


def _form_data(campaign, indicator, **extra) -> dict:
    return {
        "title_ttldxs": "on",
        "title_ldtt": "40",
        "title_cstdcs": "3",
        "title_dvcdxs": "",
        f"pledge_{indicator.pk}": "300",
        "campaigns": [str(campaign.pk)],
        "note": "Đăng ký năm 2023",
        "models-TOTAL_FORMS": "2",
        "models-INITIAL_FORMS": "0",
        "models-0-name": "Dân vận khéo",
        "models-0-field": "Dân vận",
        "works-TOTAL_FORMS": "2",
        "works-INITIAL_FORMS": "0",
        "works-0-name": "Nhà văn hóa công nhân",
        "works-0-dedicated_to": "Đại hội XIII Công đoàn Việt Nam",
        "works-0-value": "250000000",
        "works-0-state": WorkState.COMPLETED,
        "works-1-state": WorkState.REGISTERED,
    } | extra


def test_registration_form_saves_every_part(client, org, alice, campaign):
    indicator = Indicator.objects.create(name="Kết nạp đoàn viên mới", measure="đoàn viên")
    registration = make_registration(org.a, titles={EmulationTitle.COLLECTIVE_ADVANCED: 1})
    client.force_login(alice)
    url = reverse("emulation:registration_update", kwargs={"registration_id": registration.pk})
    response = client.post(url, _form_data(campaign, indicator))
    assert response.status_code == 302
    assert response.url == registration.get_absolute_url()
    assert _titles(org.a) == {"cstdcs": 3, "ldtt": 40, "ttldxs": 1}
    assert list(RegisteredModel.objects.values_list("name", "field")) == [("Dân vận khéo", "Dân vận")]
    assert list(DedicatedWork.objects.values_list("name", "dedicated_to", "value", "state")) == [
        (
            "Nhà văn hóa công nhân",
            "Đại hội XIII Công đoàn Việt Nam",
            Decimal(250_000_000),
            WorkState.COMPLETED,
        )
    ]
    assert list(registration.campaigns.all()) == [campaign]
    assert list(IndicatorValue.objects.values_list("unit__code", "year", "period", "planned")) == [
        ("A", 2023, Period.YEAR, Decimal(300))
    ]
    page = client.get(registration.get_absolute_url()).content.decode()
    assert "Nhà văn hóa công nhân — chào mừng Đại hội XIII Công đoàn Việt Nam: 250.000.000 đồng" in page
    assert "Kết nạp đoàn viên mới: 300 đoàn viên" in page
    assert "Lao động tiên tiến: 40 người" in page


def test_registration_form_refused_after_lock_for_unit_staff(client, org, alice, campaign, deadlines):
    indicator = Indicator.objects.create(name="Kết nạp đoàn viên mới", measure="đoàn viên")
    registration = make_registration(org.a)
    client.force_login(alice)
    url = reverse("emulation:registration_update", kwargs={"registration_id": registration.pk})
    with frozen(at(2023, 3, 3)):
        response = client.post(url, _form_data(campaign, indicator))
    assert response.status_code == 200
    assert "Đã khóa từ ngày 02/03/2023: liên hệ LĐLĐ tỉnh để được nhập." in response.content.decode()
    assert _titles(org.a) == {"ldtt": 12, "ttldxs": 1}
    assert IndicatorValue.objects.count() == 0


# Every number field of the registration form speaks Vietnamese in the user's words, never
# Django's stock "Đảm bảo giá trị này lớn hơn hoặc bằng với 0 ." (issue 11).
BAD_NUMBERS = [
    ("title_ldtt", "-1", "Số người không được âm."),
    ("title_ldtt", "100001", "Số người tối đa là 100.000."),
    ("title_ldtt", "mười", "Số người phải là số nguyên, ví dụ 12."),
    ("title_ldtt", "2,5", "Số người phải là số nguyên, ví dụ 12."),
    ("pledge", "-5", "Chỉ tiêu đăng ký không được âm."),
    ("pledge", "ba trăm", "Chỉ tiêu đăng ký phải là số, ví dụ 1.200 hoặc 12,5."),
    ("pledge", "12,345", "Chỉ tiêu đăng ký có tối đa 2 chữ số sau dấu phẩy."),
    ("pledge", "100.000.000.000.000", "Chỉ tiêu đăng ký quá lớn."),
    ("works-0-value", "-1", "Giá trị không được âm."),
    ("works-0-value", "1,5", "Giá trị tính bằng đồng, không có phần lẻ."),
    ("works-0-value", "mười triệu", "Giá trị phải là số đồng, ví dụ 15.000.000."),
    ("works-0-value", "100.000.000.000.000.000", "Giá trị quá lớn."),
]


@pytest.mark.parametrize(("name", "value", "error"), BAD_NUMBERS)
def test_registration_form_number_errors_in_vietnamese(client, org, alice, campaign, name, value, error):
    indicator = Indicator.objects.create(name="Kết nạp đoàn viên mới", measure="đoàn viên")
    registration = make_registration(org.a)
    before = _registrations()
    client.force_login(alice)
    url = reverse("emulation:registration_update", kwargs={"registration_id": registration.pk})
    field = f"pledge_{indicator.pk}" if name == "pledge" else name
    response = client.post(url, _form_data(campaign, indicator, **{field: value}))
    assert response.status_code == 200
    if name.startswith("works-"):
        errors = response.context["work_set"][0].errors.get("value")
    else:
        errors = response.context["form"].errors.get(field)
    assert errors == [error]
    html = response.content.decode()
    assert error in html
    for stock in ("Đảm bảo", "Hãy chắc chắn", "Nhập một số", "lớn hơn hoặc bằng"):
        assert stock not in html
    assert _registrations() == before


def test_registration_form_errors_are_summarised_and_tied_to_their_fields(client, org, alice, campaign):
    indicator = Indicator.objects.create(name="Kết nạp đoàn viên mới", measure="đoàn viên")
    registration = make_registration(org.a)
    before = _registrations()
    client.force_login(alice)
    url = reverse("emulation:registration_update", kwargs={"registration_id": registration.pk})
    data = _form_data(campaign, indicator, **{"title_ldtt": "-3", "works-0-value": "nhiều"})
    doc = html.page(client.post(url, data))
    assert _registrations() == before
    # In the page's order, each linked to its field (a work by its row).
    assert [href for href, _text in html.error_summary(doc)] == ["#id_title_ldtt", "#id_works-0-value"]
    lines = [line for _href, line in html.error_summary(doc)]
    assert lines[0].startswith("Lao động tiên tiến (số người): ")
    assert lines[1].startswith("Giá trị (đồng) (dòng 1): ")
    for field_id in ("id_title_ldtt", "id_works-0-value"):
        field = doc.get_element_by_id(field_id)
        assert (field.get("aria-invalid"), field.get("aria-describedby")) == ("true", f"{field_id}_error")
        assert html.text(doc.get_element_by_id(f"{field_id}_error")) != ""
    assert html.broken_references(doc) == []


def test_registration_form_is_read_only_after_the_lock_date_for_unit_staff(
    client, org, alice, staff_user, campaign, deadlines
):
    registration = make_registration(org.a)
    url = reverse("emulation:registration_update", kwargs={"registration_id": registration.pk})
    client.force_login(alice)
    with frozen(at(2023, 3, 2)):
        doc = html.page(client.get(url))
    assert html.text(doc.xpath('//*[@data-testid="registration-locked"]')[0]) == (
        "Đăng ký đã khóa từ ngày 02/03/2023: chỉ xem, không sửa được nữa. Cần nhập thêm, liên hệ LĐLĐ tỉnh."
    )
    assert doc.xpath("//main//form//fieldset")[0].get("disabled") is not None
    assert doc.xpath('//button[normalize-space()="Lưu bản đăng ký"]') == []
    # The day before, and for provincial staff after it, the form is open.
    with frozen(at(2023, 3, 1)):
        doc = html.page(client.get(url))
    assert doc.xpath('//*[@data-testid="registration-locked"]') == []
    assert len(doc.xpath('//button[normalize-space()="Lưu bản đăng ký"]')) == 1
    client.force_login(staff_user)
    with frozen(at(2023, 3, 2)):
        doc = html.page(client.get(url))
    assert doc.xpath('//*[@data-testid="registration-locked"]') == []
    assert doc.xpath("//main//form//fieldset")[0].get("disabled") is None


def test_registration_submit_return_resubmit_accept_through_pages(client, org, alice, staff_user, deadlines):
    with frozen(at(2023, 2, 12)):
        registration = make_registration(org.a)
        state_url = reverse("emulation:registration_state", kwargs={"registration_id": registration.pk})
        client.force_login(alice)
        response = client.post(state_url, {"to": RegistrationState.SUBMITTED})
        assert response.url == registration.get_absolute_url()
        client.force_login(staff_user)
        response = client.post(state_url, {"to": RegistrationState.RETURNED, "reason": ""})
        assert _messages(response) == ["Bản đăng ký: Đã gửi.", "Nêu lý do trả lại để đơn vị bổ sung."]
        registration.refresh_from_db()
        assert registration.state == RegistrationState.SUBMITTED
        client.post(state_url, {"to": RegistrationState.RETURNED, "reason": "Thiếu số CSTĐ"})
        page = client.get(registration.get_absolute_url()).content.decode()
        assert "Trả lại:</strong> Thiếu số CSTĐ" in page
        client.force_login(alice)
        client.post(state_url, {"to": RegistrationState.SUBMITTED})
        client.force_login(staff_user)
        client.post(state_url, {"to": RegistrationState.ACCEPTED})
        registration.refresh_from_db()
        assert registration.state == RegistrationState.ACCEPTED
        assert list(
            AuditEntry.objects.filter(action="state", object_id=str(registration.pk))
            .order_by("id")
            .values_list("actor_username", "changes__state")
        ) == [
            ("alice", [RegistrationState.DRAFT, RegistrationState.SUBMITTED]),
            ("thidua", [RegistrationState.SUBMITTED, RegistrationState.RETURNED]),
            ("alice", [RegistrationState.RETURNED, RegistrationState.SUBMITTED]),
            ("thidua", [RegistrationState.SUBMITTED, RegistrationState.ACCEPTED]),
        ]
        assert list(
            Notification.objects.filter(recipient=alice).order_by("id").values_list("message", flat=True)
        ) == [
            "Đăng ký thi đua năm 2023 bị trả lại: Thiếu số CSTĐ",
            "Đăng ký thi đua năm 2023 đã được chấp nhận.",
        ]
        assert Notification.objects.filter(recipient=staff_user).count() == 2


def test_registration_state_unknown_target_is_an_error_message(client, org, alice):
    registration = make_registration(org.a)
    client.force_login(alice)
    url = reverse("emulation:registration_state", kwargs={"registration_id": registration.pk})
    response = client.post(url, {"to": "bogus"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.state == RegistrationState.DRAFT


# --- Outsiders -------------------------------------------------------------------------------


def test_registration_pages_404_to_outsider_database_unchanged(client, org, alice, charlie, campaign):
    indicator = Indicator.objects.create(name="Kết nạp đoàn viên mới", measure="đoàn viên")
    registration = make_registration(org.a)
    before = _registrations()
    client.force_login(charlie)
    detail = registration.get_absolute_url()
    update = reverse("emulation:registration_update", kwargs={"registration_id": registration.pk})
    state = reverse("emulation:registration_state", kwargs={"registration_id": registration.pk})
    grid = f"{reverse('emulation:registration_grid')}?year=2023&unit={org.a.pk}"
    assert client.get(detail).status_code == 404
    assert client.get(update).status_code == 404
    assert client.post(update, _form_data(campaign, indicator)).status_code == 404
    assert client.post(state, {"to": RegistrationState.SUBMITTED}).status_code == 404
    assert client.get(grid).status_code == 404
    assert client.post(grid, {f"u{org.a1.pk}_ldtt": "9"}).status_code == 404
    assert _registrations() == before
    assert IndicatorValue.objects.count() == 0
    assert AuditEntry.objects.filter(action="access_denied", actor=charlie).count() == 6


def test_registration_form_refused_to_read_only_colleague(client, org, bob, campaign):
    indicator = Indicator.objects.create(name="Kết nạp đoàn viên mới", measure="đoàn viên")
    registration = make_registration(org.a)
    before = _registrations()
    client.force_login(bob)
    assert client.get(registration.get_absolute_url()).status_code == 200
    update = reverse("emulation:registration_update", kwargs={"registration_id": registration.pk})
    assert client.post(update, _form_data(campaign, indicator)).status_code == 403
    assert _registrations() == before


# --- The grid and its import -------------------------------------------------------------------


def _grid_url(**params) -> str:
    query = "&".join(f"{k}={v}" for k, v in ({"year": 2023} | params).items())
    return f"{reverse('emulation:registration_grid')}?{query}"


def test_registration_grid_saves_union_and_cdcs_in_one_post(client, org, alice):
    client.force_login(alice)
    response = client.post(
        _grid_url(),
        {
            f"u{org.a.pk}_ttldxs": "on",
            f"u{org.a.pk}_ldtt": "30",
            f"u{org.a1.pk}_cdcs_vm": "on",
            f"u{org.a1.pk}_cstdcs": "2",
            f"u{org.a2.pk}_ldtt": "",
        },
    )
    assert response.status_code == 302
    assert response.url == f"{reverse('emulation:registration_list')}?year=2023"
    assert _messages(response) == ["Đã lưu đăng ký của 2 đơn vị."]
    assert (_titles(org.a), _titles(org.a1)) == ({"ldtt": 30, "ttldxs": 1}, {"cdcs_vm": 1, "cstdcs": 2})
    assert sorted(Registration.objects.values_list("unit__code", "state")) == [
        ("A", RegistrationState.DRAFT),
        ("A1", RegistrationState.DRAFT),
    ]


def test_registration_grid_bad_count_refuses_every_row(client, org, alice):
    make_registration(org.a2, titles={EmulationTitle.ADVANCED_WORKER: 7})
    before = _registrations()
    client.force_login(alice)
    response = client.post(
        _grid_url(),
        {
            f"u{org.a.pk}_ttldxs": "on",
            f"u{org.a1.pk}_ldtt": "mười",
            f"u{org.a2.pk}_ldtt": "8",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "CĐCS A1, Lao động tiên tiến: “mười” không phải số người." in html
    assert "Chưa lưu gì." in html
    assert _registrations() == before
    assert f'name="u{org.a1.pk}_ldtt" value="mười"' in html


def test_registration_grid_is_read_only_after_the_lock_date_for_unit_staff(
    client, org, alice, staff_user, deadlines
):
    make_registration(org.a1, titles={EmulationTitle.ADVANCED_WORKER: 7})
    client.force_login(alice)
    with frozen(at(2023, 3, 2)):
        doc = html.page(client.get(_grid_url()))
    # Said before the grid, every cell disabled, nothing to send (the table nor a file).
    notice = doc.xpath('//*[@data-testid="registration-locked"]')[0]
    grid = doc.xpath('//*[@data-testid="registration-grid"]')[0]
    assert notice.getparent().index(notice) < notice.getparent().index(grid.getparent().getparent())
    assert "Đăng ký đã khóa từ ngày 02/03/2023" in html.text(notice)
    cells = grid.xpath(".//input")
    assert len(cells) == 3 * 7 and all(cell.get("disabled") is not None for cell in cells)
    assert doc.xpath(f'//input[@name="u{org.a1.pk}_ldtt"]/@value') == ["7"]
    assert doc.xpath('//main//button[@type="submit"]') == []
    with frozen(at(2023, 3, 1)):
        doc = html.page(client.get(_grid_url()))
    assert doc.xpath('//*[@data-testid="registration-locked"]') == []
    assert [html.text(b) for b in doc.xpath('//main//button[@type="submit"]')] == ["Lưu bảng đăng ký", "Nhập"]
    cells = doc.xpath('//*[@data-testid="registration-grid"]//input')
    assert all(cell.get("disabled") is None for cell in cells)
    # Provincial staff still enter after the lock date (seed 001).
    client.force_login(staff_user)
    with frozen(at(2023, 3, 2)):
        doc = html.page(client.get(_grid_url(unit=org.a.pk)))
    assert doc.xpath('//*[@data-testid="registration-locked"]') == []
    assert len(doc.xpath('//main//button[normalize-space()="Lưu bảng đăng ký"]')) == 1


def test_registration_grid_import_field_names_its_help_text(client, org, alice):
    client.force_login(alice)
    doc = html.page(client.get(_grid_url()))
    assert doc.get_element_by_id("id_file").get("aria-describedby") == "id_file_helptext"
    assert html.text(doc.get_element_by_id("id_file_helptext")).startswith("Cột ma_don_vi")
    assert html.broken_references(doc) == []


def test_registration_grid_starts_cdcs_after_union_submitted(client, org, alice):
    make_registration(org.a, state=RegistrationState.SUBMITTED)
    client.force_login(alice)
    response = client.post(
        _grid_url(),
        {
            f"u{org.a.pk}_ttldxs": "on",
            f"u{org.a.pk}_ldtt": "12",
            f"u{org.a1.pk}_cdcs_vm": "on",
        },
    )
    assert response.status_code == 302
    assert _titles(org.a1) == {"cdcs_vm": 1}


def _xlsx(rows: list[list]) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("dang-ky.xlsx", buffer.getvalue())


def test_registration_import_xlsx_saves_every_row(client, org, alice):
    client.force_login(alice)
    upload = _xlsx(
        [
            ["ma_don_vi", "ttldxs", "ldtt", "cstdcs", "Công đoàn cơ sở vững mạnh"],
            ["A", "x", 30, 2, None],
            ["a1", None, 12, None, 1],
        ]
    )
    response = client.post(f"{reverse('emulation:registration_import')}?year=2023", {"file": upload})
    assert response.url == _grid_url()
    assert _messages(response) == ["Đã nhập đăng ký của 2 đơn vị."]
    assert (_titles(org.a), _titles(org.a1)) == (
        {"cstdcs": 2, "ldtt": 30, "ttldxs": 1},
        {"cdcs_vm": 1, "ldtt": 12},
    )


def test_registration_import_one_bad_row_saves_nothing(client, org, alice):
    make_registration(org.a2, titles={EmulationTitle.ADVANCED_WORKER: 7})
    before = _registrations()
    client.force_login(alice)
    upload = _xlsx(
        [
            ["ma_don_vi", "ttldxs", "ldtt"],
            ["A", "x", 30],
            ["A2", None, "ba"],
            ["B1", None, 4],
        ]
    )
    response = client.post(f"{reverse('emulation:registration_import')}?year=2023", {"file": upload})
    assert response.url == _grid_url()
    assert _messages(response) == [
        "Dòng 3, cột ldtt (Lao động tiên tiến): “ba” không phải số người.",
        "Dòng 4: B1 không thuộc LĐLĐ huyện A.",
        "Tệp có dòng lỗi: chưa lưu gì.",
    ]
    assert _registrations() == before


def test_registration_import_refused_to_outsider(client, org, charlie):
    client.force_login(charlie)
    upload = _xlsx([["ma_don_vi", "ldtt"], ["A1", 3]])
    response = client.post(
        f"{reverse('emulation:registration_import')}?year=2023&unit={org.a.pk}", {"file": upload}
    )
    assert response.status_code == 404
    assert Registration.objects.count() == 0


# One table of cells for the grid and the import (issue 11, 2.5): a collective title's
# cell is marked or left by the same spellings in both, and anything else is refused
# with the cell named.
MARKED_CELLS = ["1", "x", "X", "có", "Có", "CÓ", "co", "yes", "Yes", "on", "true", " x "]
UNMARKED_CELLS = ["", "0", "không", "Không", "khong", "no", "false"]
BAD_MARKS = ["abc", "2", "-1", "xx", "có thể", "0,5"]
# Head counts of individual titles: plain digits or Vietnamese thousands.
COUNT_CELLS = [("12", 12), (" 7 ", 7), ("1.200", 1200), ("0", None), ("", None)]
BAD_COUNTS = [
    ("mười", "“mười” không phải số người."),
    ("2,5", "“2,5” không phải số người."),
    ("-3", "“-3”: số người không được âm."),
    ("100001", "“100001” vượt quá 100.000 người."),
]
MARK_ERROR = (
    "“{raw}” không hợp lệ: đánh dấu 1, x hoặc có để đăng ký; để trống, 0 hoặc không nếu không đăng ký."
)


@pytest.mark.parametrize("raw", MARKED_CELLS + UNMARKED_CELLS)
def test_registration_grid_reads_collective_marks_from_the_table(client, org, alice, raw):
    client.force_login(alice)
    response = client.post(_grid_url(), {f"u{org.a1.pk}_ttldxs": raw, f"u{org.a1.pk}_ldtt": "5"})
    assert response.status_code == 302
    expected = {"ldtt": 5, "ttldxs": 1} if raw in MARKED_CELLS else {"ldtt": 5}
    assert _titles(org.a1) == expected


@pytest.mark.parametrize("raw", BAD_MARKS)
def test_registration_grid_refuses_an_unknown_mark_naming_the_cell(client, org, alice, raw):
    make_registration(org.a2, titles={EmulationTitle.ADVANCED_WORKER: 7})
    before = _registrations()
    client.force_login(alice)
    response = client.post(
        _grid_url(), {f"u{org.a.pk}_ldtt": "5", f"u{org.a1.pk}_ttldxs": raw, f"u{org.a2.pk}_ldtt": "8"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f"CĐCS A1, Tập thể lao động xuất sắc: {MARK_ERROR.format(raw=raw)}" in html
    assert "Chưa lưu gì." in html
    assert _registrations() == before


@pytest.mark.parametrize(("raw", "count"), COUNT_CELLS)
def test_registration_grid_reads_head_counts_from_the_table(client, org, alice, raw, count):
    client.force_login(alice)
    response = client.post(_grid_url(), {f"u{org.a1.pk}_ttldxs": "x", f"u{org.a1.pk}_ldtt": raw})
    assert response.status_code == 302
    assert _titles(org.a1) == {"ttldxs": 1} | ({"ldtt": count} if count else {})


@pytest.mark.parametrize(("raw", "error"), BAD_COUNTS)
def test_registration_grid_refuses_a_bad_head_count_naming_the_cell(client, org, alice, raw, error):
    client.force_login(alice)
    response = client.post(_grid_url(), {f"u{org.a.pk}_ttldxs": "on", f"u{org.a1.pk}_cstdcs": raw})
    assert response.status_code == 200
    assert f"CĐCS A1, Chiến sĩ thi đua cơ sở: {error}" in response.content.decode()
    assert Registration.objects.count() == 0


def _import(client, rows: list[list]):
    upload = _xlsx([["ma_don_vi", "ttldxs", "ldtt"], *rows])
    return client.post(f"{reverse('emulation:registration_import')}?year=2023", {"file": upload})


@pytest.mark.parametrize("raw", MARKED_CELLS + UNMARKED_CELLS)
def test_registration_import_reads_collective_marks_from_the_table(client, org, alice, raw):
    client.force_login(alice)
    response = _import(client, [["A1", raw or None, 5]])
    assert _messages(response) == ["Đã nhập đăng ký của 1 đơn vị."]
    expected = {"ldtt": 5, "ttldxs": 1} if raw in MARKED_CELLS else {"ldtt": 5}
    assert _titles(org.a1) == expected


@pytest.mark.parametrize("raw", BAD_MARKS)
def test_registration_import_refuses_an_unknown_mark_naming_the_cell(client, org, alice, raw):
    make_registration(org.a2, titles={EmulationTitle.ADVANCED_WORKER: 7})
    before = _registrations()
    client.force_login(alice)
    response = _import(client, [["A", None, 5], ["A1", raw, 3]])
    assert _messages(response) == [
        f"Dòng 3, cột ttldxs (Tập thể lao động xuất sắc): {MARK_ERROR.format(raw=raw.strip())}",
        "Tệp có dòng lỗi: chưa lưu gì.",
    ]
    assert _registrations() == before


@pytest.mark.parametrize(("raw", "count"), [*COUNT_CELLS, (12, 12), (12.0, 12)])
def test_registration_import_reads_head_counts_from_the_table(client, org, alice, raw, count):
    client.force_login(alice)
    response = _import(client, [["A1", "x", raw if raw != "" else None]])
    assert _messages(response) == ["Đã nhập đăng ký của 1 đơn vị."]
    assert _titles(org.a1) == {"ttldxs": 1} | ({"ldtt": count} if count else {})


@pytest.mark.parametrize(("raw", "error"), BAD_COUNTS)
def test_registration_import_refuses_a_bad_head_count_naming_the_cell(client, org, alice, raw, error):
    client.force_login(alice)
    response = _import(client, [["A", "x", None], ["A1", None, raw]])
    assert _messages(response) == [
        f"Dòng 3, cột ldtt (Lao động tiên tiến): {error}",
        "Tệp có dòng lỗi: chưa lưu gì.",
    ]
    assert Registration.objects.count() == 0


# --- Campaigns -------------------------------------------------------------------------------


CAMPAIGN_FORM = {
    "name": "Thi đua chào mừng Đại hội XIII Công đoàn Việt Nam",
    "kind": CampaignKind.PERIODIC,
    "starts_on": "15/01/2023",
    "ends_on": "",
}


def _launched_through_pages(client, org) -> Campaign:
    response = client.post(
        reverse("emulation:campaign_create"), CAMPAIGN_FORM | {"target_unit": str(org.a.pk)}
    )
    campaign = Campaign.objects.get()
    assert response.url == campaign.get_absolute_url()
    assert (campaign.owner, campaign.state, campaign.starts_on) == (
        org.province,
        CampaignState.DRAFT,
        datetime.date(2023, 1, 15),
    )
    client.post(
        reverse("emulation:campaign_state", kwargs={"campaign_id": campaign.pk}),
        {"to": CampaignState.LAUNCHED},
    )
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.LAUNCHED
    return campaign


def test_campaign_created_launched_then_end_date_edited(client, org, staff_user, alice, bob, charlie):
    client.force_login(staff_user)
    campaign = _launched_through_pages(client, org)
    assert sorted(Notification.objects.values_list("recipient__username", flat=True)) == ["alice", "bob"]
    update = reverse("emulation:campaign_update", kwargs={"campaign_id": campaign.pk})
    data = CAMPAIGN_FORM | {"target_unit": str(org.a.pk), "ends_on": "31/12/2023"}
    response = client.post(update, data)
    assert response.url == campaign.get_absolute_url()
    campaign.refresh_from_db()
    assert (campaign.name, campaign.ends_on) == (CAMPAIGN_FORM["name"], datetime.date(2023, 12, 31))


def test_campaign_edit_page_refuses_changes_after_launch(client, org, staff_user):
    client.force_login(staff_user)
    campaign = _launched_through_pages(client, org)
    update = reverse("emulation:campaign_update", kwargs={"campaign_id": campaign.pk})
    response = client.post(update, CAMPAIGN_FORM | {"target_unit": str(org.a.pk), "name": "Tên khác"})
    campaign.refresh_from_db()
    assert campaign.name == CAMPAIGN_FORM["name"]
    assert response.status_code == 200
    assert "Phong trào đã phát động: chỉ sửa được ngày kết thúc." in response.content.decode()


def test_campaign_pages_refused_to_unit_staff(client, org, alice):
    campaign = campaign_save(
        campaign=None,
        owner=org.province,
        by=None,
        name="Giỏi việc nước, đảm việc nhà",
        kind=CampaignKind.THEMATIC,
        starts_on=datetime.date(2023, 3, 1),
    )
    client.force_login(alice)
    assert client.get(campaign.get_absolute_url()).status_code == 200
    assert client.get(reverse("emulation:campaign_create")).status_code == 403
    state = reverse("emulation:campaign_state", kwargs={"campaign_id": campaign.pk})
    assert client.post(state, {"to": CampaignState.LAUNCHED}).status_code == 403
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DRAFT
    assert Notification.objects.count() == 0


def test_campaign_of_another_district_404_to_outsider(client, org, charlie):
    campaign = campaign_save(
        campaign=None,
        owner=org.a,
        by=None,
        name="Phong trào của huyện A",
        kind=CampaignKind.PERIODIC,
        starts_on=datetime.date(2023, 3, 1),
    )
    client.force_login(charlie)
    assert client.get(campaign.get_absolute_url()).status_code == 404
    state = reverse("emulation:campaign_state", kwargs={"campaign_id": campaign.pk})
    assert client.post(state, {"to": CampaignState.LAUNCHED}).status_code == 404
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DRAFT


# --- Annual plan -----------------------------------------------------------------------------

# Seed 001's plan: one task of each quarter as the document writes it.
SEED_TASKS = [
    (
        1,
        "Xây dựng, ban hành kế hoạch công tác thi đua, khen thưởng năm 2023.",
        "LĐLĐ tỉnh, các đơn vị trong khối thi đua",
    ),
    (1, "Đăng ký các chỉ tiêu thi đua năm 2023.", "LĐLĐ tỉnh, LĐLĐ các huyện, TP, CĐN"),
    (2, "Sơ kết 6 tháng đầu năm phong trào thi đua.", "LĐLĐ tỉnh"),
    (3, "Kiểm tra công tác thi đua, khen thưởng tại các đơn vị.", "LĐLĐ tỉnh"),
    (4, "Tổng kết công tác thi đua, khen thưởng năm 2023.", "LĐLĐ tỉnh, LĐLĐ các huyện, TP, CĐN"),
]
QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


@pytest.fixture
def plan(org):
    plan = plan_save(
        owner=org.province,
        year=2023,
        title="Kế hoạch công tác thi đua, khen thưởng năm 2023",
        by=None,
        document_number="403/KH-LĐLĐ",
        tasks=[
            {
                "quarter": q,
                "content": c,
                "responsible_text": r,
                "due_on": datetime.date(2023, *QUARTER_END[q]),
            }
            for q, c, r in SEED_TASKS
        ],
    )
    plan.tasks.filter(number=1).update(status=TaskStatus.DONE)
    return plan


def test_plan_print_lists_tasks_by_quarter_in_the_seed_layout(client, org, alice, plan):
    client.force_login(alice)
    response = client.get(reverse("emulation:plan_print", kwargs={"plan_id": plan.pk}))
    html = response.content.decode()
    rows = []
    for row in html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr")[1:]:
        cells = [cell.split("</td>", 1)[0].split(">", 1)[1] for cell in row.split("<td")[1:]]
        rows.append(cells)
    assert "<th>TT</th><th>Nội dung</th><th>Đơn vị thực hiện</th>" in html
    assert rows == [
        ["", "QUÝ 1", ""],
        ["1", SEED_TASKS[0][1], SEED_TASKS[0][2]],
        ["2", SEED_TASKS[1][1], SEED_TASKS[1][2]],
        ["", "QUÝ 2", ""],
        ["3", SEED_TASKS[2][1], SEED_TASKS[2][2]],
        ["", "QUÝ 3", ""],
        ["4", SEED_TASKS[3][1], SEED_TASKS[3][2]],
        ["", "QUÝ 4", ""],
        ["5", SEED_TASKS[4][1], SEED_TASKS[4][2]],
    ]
    assert "Số: 403/KH-LĐLĐ" in html


def test_plan_detail_flags_overdue_tasks(client, org, staff_user, plan):
    client.force_login(staff_user)
    with frozen(at(2023, 7, 1)):
        response = client.get(plan.get_absolute_url())
    rows = table_rows(response, "plan-table")
    assert [row[0] for row in rows] == ["TT", "QUÝ 1", "1", "2", "QUÝ 2", "3", "QUÝ 3", "4", "QUÝ 4", "5"]
    html = response.content.decode()
    assert "2 nhiệm vụ quá hạn" in html
    assert html.count('class="table-danger"') == 2
    overdue = {t.pk for t in plan.tasks.filter(number__in=[2, 3])}
    assert all(f'<tr id="t{pk}" class="table-danger">' in html for pk in overdue)


def test_plan_task_status_by_province_staff(client, org, staff_user, plan):
    task = plan.tasks.get(number=3)
    client.force_login(staff_user)
    with frozen(at(2023, 6, 28)):
        response = client.post(
            reverse("emulation:plan_task_status", kwargs={"plan_id": plan.pk}),
            {"task": str(task.pk), "status": TaskStatus.DONE},
        )
    assert response.url == f"{plan.get_absolute_url()}#t{task.pk}"
    task.refresh_from_db()
    assert (task.status, task.done_on) == (TaskStatus.DONE, datetime.date(2023, 6, 28))


def test_plan_of_a_district_404_to_outsider(client, org, charlie):
    plan = plan_save(owner=org.a, year=2023, title="Kế hoạch huyện A", by=None, tasks=[])
    client.force_login(charlie)
    assert client.get(plan.get_absolute_url()).status_code == 404
    assert client.get(reverse("emulation:plan_print", kwargs={"plan_id": plan.pk})).status_code == 404


# --- Result reports --------------------------------------------------------------------------


def test_report_written_and_submitted_late_through_pages(client, org, alice, deadlines):
    members = Indicator.objects.create(name="Kết nạp đoàn viên mới", measure="đoàn viên")
    client.force_login(alice)
    response = client.post(f"{reverse('emulation:report_start')}?year=2023", {"period": Period.HALF_YEAR})
    report = ResultReport.objects.get()
    assert response.url == reverse("emulation:report_update", kwargs={"report_id": report.pk})
    data = {
        "advantages": "Được sự quan tâm của cấp ủy.",
        "difficulties": "",
        "results": "",
        "shortcomings": "",
        "causes": "",
        "proposals": "",
        f"actual_{members.pk}": "1500",
    }
    client.post(response.url, data)
    submit = reverse("emulation:report_submit", kwargs={"report_id": report.pk})
    response = client.post(submit)
    assert _messages(response) == ["Đã lưu báo cáo.", "Phần “Kết quả” không được để trống."]
    client.post(
        reverse("emulation:report_update", kwargs={"report_id": report.pk}), data | {"results": "Tốt."}
    )
    with frozen(at(2023, 6, 12, 9)):
        client.post(submit)
    report.refresh_from_db()
    assert (report.state, report.results, report.submitted_at) == (
        ReportState.SUBMITTED,
        "Tốt.",
        at(2023, 6, 12, 9),
    )
    assert list(IndicatorValue.objects.values_list("unit__code", "period", "actual")) == [
        ("A", Period.HALF_YEAR, Decimal(1500))
    ]
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Gửi muộn" in page
    assert 'Kết nạp đoàn viên mới (đoàn viên)</td><td class="num">1.500</td>' in page


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("-1", "Số liệu thực hiện không được âm."),
        ("nhiều", "Số liệu thực hiện phải là số, ví dụ 1.200 hoặc 12,5."),
        ("1,234", "Số liệu thực hiện có tối đa 2 chữ số sau dấu phẩy."),
    ],
)
def test_report_form_figure_errors_in_vietnamese(client, org, alice, value, error):
    members = Indicator.objects.create(name="Kết nạp đoàn viên mới", measure="đoàn viên")
    report = report_save(unit=org.a, year=2023, period=Period.HALF_YEAR, by=alice, narrative={}, actuals={})
    client.force_login(alice)
    url = reverse("emulation:report_update", kwargs={"report_id": report.pk})
    response = client.post(url, {"results": "Tốt.", f"actual_{members.pk}": value})
    assert response.status_code == 200
    assert response.context["form"].errors == {f"actual_{members.pk}": [error]}
    assert "Đảm bảo" not in response.content.decode()
    assert IndicatorValue.objects.count() == 0


def test_report_of_another_district_404_to_outsider(client, org, alice, charlie):
    report = report_save(
        unit=org.a, year=2023, period=Period.YEAR, by=alice, narrative={"results": "Tốt."}, actuals={}
    )
    client.force_login(charlie)
    assert client.get(report.get_absolute_url()).status_code == 404
    update = reverse("emulation:report_update", kwargs={"report_id": report.pk})
    assert client.post(update, {"results": "Sửa"}).status_code == 404
    assert client.post(reverse("emulation:report_submit", kwargs={"report_id": report.pk})).status_code == 404
    report.refresh_from_db()
    assert (report.results, report.state) == ("Tốt.", ReportState.DRAFT)


# --- Query counts: 3 and 300 units ------------------------------------------------------------


@pytest.fixture
def many_units(org, deadlines):
    """`count` upper-level unions under the province (A and B among them), each with an
    accepted registration with two titles, both reports and two indicator figures."""

    def build(count: int):
        units = [org.a, org.b, *bulk_units(org.province, count - 2)]
        registrations = Registration.objects.bulk_create(
            Registration(unit=u, year=2023, state=RegistrationState.ACCEPTED, submitted_at=at(2023, 2, 1))
            for u in units
        )
        RegistrationTitle.objects.bulk_create(
            RegistrationTitle(registration=r, title=t, count=c)
            for r in registrations
            for t, c in (("ttldxs", 1), ("ldtt", 20))
        )
        ResultReport.objects.bulk_create(
            ResultReport(
                unit=u, year=2023, period=p, state=ReportState.SUBMITTED, submitted_at=at(2023, 6, 1)
            )
            for u in units
            for p in (Period.HALF_YEAR, Period.YEAR)
        )
        indicators = [
            Indicator.objects.create(name="Kết nạp đoàn viên mới", measure="đoàn viên", order=1),
            Indicator.objects.create(name="Sáng kiến đăng ký", measure="sáng kiến", order=2),
        ]
        IndicatorValue.objects.bulk_create(
            IndicatorValue(indicator=i, unit=u, year=2023, period=Period.HALF_YEAR, actual=10, planned=20)
            for u in units
            for i in indicators
        )
        return units

    return build


PAGES = [
    ("emulation:deadline_board", {"year": 2023}, 9, "deadline-board"),
    ("emulation:registration_list", {"year": 2023}, 8, "registration-table"),
    ("emulation:report_list", {"year": 2023}, 6, None),
    ("emulation:indicators", {"period": "2023-H1"}, 8, "indicator-1"),
]


@pytest.mark.parametrize("count", [3, 300])
@pytest.mark.parametrize(("name", "params", "queries", "testid"), PAGES, ids=[p[0] for p in PAGES])
def test_list_query_count_is_constant(
    client, staff_user, many_units, django_assert_num_queries, count, name, params, queries, testid
):
    many_units(count)
    client.force_login(staff_user)
    client.get("/")
    with frozen(at(2023, 7, 1)), django_assert_num_queries(queries):
        response = client.get(reverse(name), params)
    assert response.status_code == 200
    if testid:
        assert len(table_rows(response, testid)) == count + 1 + (testid == "indicator-1")


# --- A service's refusal is answered by the middleware ------------------------------------------


def test_service_refusals_answer_403_audited_once(client, org, alice, bob, plan):
    """The views no longer catch PermissionDenied: the service's refusal reaches
    units.middleware.PermissionDeniedMiddleware, which answers 403 and audits it once."""
    registration = make_registration(org.a)
    report = ResultReport.objects.create(unit=org.a, year=2023, period=Period.HALF_YEAR, results="Tốt.")
    campaign = campaign_save(
        campaign=None,
        owner=org.province,
        by=None,
        name="Giỏi việc nước, đảm việc nhà",
        kind=CampaignKind.THEMATIC,
        starts_on=datetime.date(2023, 3, 1),
    )
    task = plan.tasks.get(number=2)
    denied = AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED)
    client.force_login(bob)
    registration_state = reverse("emulation:registration_state", kwargs={"registration_id": registration.pk})
    assert client.post(registration_state, {"to": RegistrationState.SUBMITTED}).status_code == 403
    assert denied.filter(actor=bob).count() == 1
    assert client.post(reverse("emulation:report_submit", kwargs={"report_id": report.pk})).status_code == 403
    assert denied.filter(actor=bob).count() == 2
    client.force_login(alice)
    campaign_state = reverse("emulation:campaign_state", kwargs={"campaign_id": campaign.pk})
    assert client.post(campaign_state, {"to": CampaignState.LAUNCHED}).status_code == 403
    assert denied.filter(actor=alice).count() == 1
    task_status = reverse("emulation:plan_task_status", kwargs={"plan_id": plan.pk})
    assert client.post(task_status, {"task": str(task.pk), "status": TaskStatus.DONE}).status_code == 403
    assert denied.filter(actor=alice).count() == 2
    registration.refresh_from_db()
    report.refresh_from_db()
    campaign.refresh_from_db()
    task.refresh_from_db()
    assert (registration.state, report.state, campaign.state, task.status) == (
        RegistrationState.DRAFT,
        ReportState.DRAFT,
        CampaignState.DRAFT,
        TaskStatus.NOT_STARTED,
    )


def test_registration_grid_shows_a_sent_registration_read_only_and_does_not_read_it(client, org, alice):
    make_registration(org.a, state=RegistrationState.SUBMITTED, titles={EmulationTitle.ADVANCED_WORKER: 7})
    client.force_login(alice)
    doc = html.page(client.get(_grid_url()))
    sent = doc.xpath(f'//*[@data-testid="registration-grid"]//input[starts-with(@name, "u{org.a.pk}_")]')
    assert len(sent) == 7 and all(cell.get("disabled") is not None for cell in sent)
    assert doc.xpath(f'//input[@name="u{org.a.pk}_ldtt"]/@value') == ["7"]
    others = doc.xpath(f'//*[@data-testid="registration-grid"]//input[starts-with(@name, "u{org.a1.pk}_")]')
    assert all(cell.get("disabled") is None for cell in others)
    response = client.post(_grid_url(), {f"u{org.a.pk}_ldtt": "99", f"u{org.a1.pk}_ldtt": "3"})
    assert _messages(response) == ["Đã lưu đăng ký của 1 đơn vị."]
    assert (_titles(org.a), _titles(org.a1)) == ({"ldtt": 7}, {"ldtt": 3})
