"""Irreversible steps ask for confirmation and say what cannot be undone: each of their
forms carries the text static/js/confirm.js shows in the browser's own dialog."""

import datetime

import lxml.html
import pytest
from django.utils import timezone

from tests.conftest import make_user
from units.enums import Role


def confirmation(response, action: str, to: str | None = None) -> str | None:
    """The data-confirm text of the page's form posting to `action` (and, where several
    forms post there, the one whose hidden `to` is `to`)."""
    assert response.status_code == 200, response.status_code
    page = lxml.html.fromstring(response.content.decode())
    for form in page.iter("form"):
        if form.get("action") != action:
            continue
        if to is not None and form.xpath("string(.//input[@name='to']/@value)") != to:
            continue
        return form.get("data-confirm")
    raise AssertionError(f"no form posting to {action} (to={to})")


def test_base_page_loads_the_confirmation_script_with_the_csp_nonce(client, alice):
    client.force_login(alice)
    response = client.get("/thong-bao/")
    page = lxml.html.fromstring(response.content.decode())
    script = page.xpath("//script[contains(@src, 'js/confirm.js')]")
    assert len(script) == 1
    nonce = script[0].get("nonce")
    assert nonce and f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_registration_submit_asks_first(client, org, alice):
    from emulation.services import registration_save

    registration = registration_save(unit=org.a, year=2026, by=None, titles={"ldtt": 3})
    client.force_login(alice)
    response = client.get(f"/thi-dua/dang-ky/{registration.pk}/")
    assert confirmation(response, f"/thi-dua/dang-ky/{registration.pk}/trang-thai/", "submitted") == (
        "Gửi đăng ký thi đua năm 2026? Sau khi gửi, đơn vị không sửa được bản đăng ký nữa, "
        "trừ khi cấp trên trả lại để bổ sung."
    )


def test_report_submit_and_campaign_steps_ask_first(client, org, alice, staff_user):
    from emulation.enums import CampaignKind, CampaignState, Period
    from emulation.services import campaign_save, report_save

    report = report_save(
        unit=org.a, year=2026, period=Period.HALF_YEAR, by=None, narrative={"results": "Kết quả"}, actuals={}
    )
    client.force_login(alice)
    response = client.get(f"/thi-dua/bao-cao/{report.pk}/")
    assert confirmation(response, f"/thi-dua/bao-cao/{report.pk}/gui/") == (
        "Gửi báo cáo? Sau khi gửi, đơn vị không sửa được báo cáo nữa."
    )
    campaign = campaign_save(
        campaign=None,
        owner=org.province,
        by=None,
        name="Lao động giỏi",
        kind=CampaignKind.REGULAR,
        launched_by_outside="",
        document_number="",
        document_date=None,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=None,
        target_unit=org.province,
        target_grouping=None,
        theme="",
        content="",
    )
    client.force_login(staff_user)
    url = f"/thi-dua/phong-trao/{campaign.pk}/"
    assert confirmation(client.get(url), f"{url}trang-thai/", "launched") == (
        "Phát động phong trào? Các đơn vị được thông báo ngay; sau khi phát động chỉ sửa được ngày kết thúc."
    )
    campaign.state = CampaignState.LAUNCHED
    campaign.save()
    assert confirmation(client.get(url), f"{url}trang-thai/", "closed") == (
        "Kết thúc phong trào? Phong trào đã kết thúc không mở lại được."
    )


@pytest.fixture
def table(org):
    from scoring.models import CriteriaTable

    return CriteriaTable.objects.create(
        code="T", name="Bảng tiêu chí Khối huyện 2026", year=2026, owner=org.province
    )


def test_criteria_table_publish_and_close_ask_first(client, table, staff_user):
    from scoring.enums import TableStatus

    client.force_login(staff_user)
    url = f"/cham-diem/bang/{table.pk}/"
    assert confirmation(client.get(url), f"{url}trang-thai/", "published") == (
        "Ban hành bảng tiêu chí “Bảng tiêu chí Khối huyện 2026”? Bảng đã ban hành không sửa được nữa; "
        "muốn thay đổi phải tạo phiên bản mới."
    )
    table.status = TableStatus.PUBLISHED
    table.save()
    assert confirmation(client.get(url), f"{url}trang-thai/", "closed") == (
        "Kết thúc bảng tiêu chí “Bảng tiêu chí Khối huyện 2026”? Sau khi kết thúc, không chấm điểm "
        "trên bảng này được nữa và không mở lại được."
    )


def test_score_sheet_submit_and_publish_ask_first(client, org, table, alice, staff_user):
    """The district submits its own sheet; the province, not a party to it, publishes."""
    from scoring.enums import SheetState, TableStatus
    from scoring.models import ScoreSheet

    table.status = TableStatus.PUBLISHED
    table.save()
    sheet = ScoreSheet.objects.create(table=table, unit=org.a)
    url = f"/cham-diem/phieu/{sheet.pk}/"
    client.force_login(alice)
    assert confirmation(client.get(url), f"{url}trang-thai/", "submitted") == (
        "Nộp phiếu tự chấm? Sau khi nộp, không sửa được điểm tự chấm nữa, trừ khi bị trả lại để bổ sung."
    )
    sheet.state = SheetState.APPRAISED
    sheet.save()
    client.force_login(staff_user)
    assert confirmation(client.get(url), f"{url}trang-thai/", "published") == (
        "Công bố kết quả? Kết quả đã công bố không thay đổi được nữa."
    )


@pytest.fixture
def award_form(db):
    from awards.enums import AwardKind, IssuingLevel, Recipient
    from awards.models import AwardForm

    return AwardForm.objects.create(
        code="bk",
        name="Bằng khen",
        issuing_level=IssuingLevel.PROVINCE_FEDERATION,
        recipient=Recipient.BOTH,
        kind=AwardKind.COMPREHENSIVE,
    )


def test_dossier_submit_and_forwarding_ask_first(client, org, alice, staff_user, award_form):
    from awards.enums import DossierState
    from awards.models import Dossier

    dossier = Dossier.objects.create(proposing_unit=org.a, year=2026, award_form=award_form, title="Hồ sơ")
    url = f"/khen-thuong/ho-so/{dossier.pk}/"
    client.force_login(alice)
    assert confirmation(client.get(url), f"{url}trang-thai/", "submitted") == (
        "Nộp hồ sơ? Sau khi nộp, đơn vị không sửa được hồ sơ nữa, trừ khi bị trả lại để bổ sung."
    )
    dossier.state = DossierState.COUNCIL_DONE
    dossier.save()
    client.force_login(staff_user)
    assert confirmation(client.get(url), f"{url}trang-thai/", "forwarded") == (
        "Trình hồ sơ lên cấp trên? Sau khi trình, hồ sơ chờ quyết định của cấp trên và không quyết "
        "định ở cấp này được nữa."
    )


def test_council_session_close_asks_first(client, org, staff_user):
    from awards.models import CouncilSession

    session = CouncilSession.objects.create(
        owner=org.province, title="Phiên họp", held_on=datetime.date(2026, 1, 5), created_by=staff_user
    )
    client.force_login(staff_user)
    response = client.get(f"/khen-thuong/hoi-dong/{session.pk}/")
    assert confirmation(response, f"/khen-thuong/hoi-dong/{session.pk}/ket-thuc/") == (
        "Ghi kết quả biểu quyết và kết thúc phiên họp? Sau khi kết thúc, không sửa được số phiếu "
        "và không mở lại phiên họp được."
    )


def test_decision_issue_and_revoke_ask_first(client, org, staff_user, award_form):
    from awards.enums import DecisionState
    from awards.models import Decision

    decision = Decision.objects.create(issuer=org.province, year=2026, award_form=award_form, subject="QĐ")
    url = f"/khen-thuong/quyet-dinh/{decision.pk}/"
    client.force_login(staff_user)
    assert confirmation(client.get(url), f"{url}ban-hanh/") == (
        "Ban hành quyết định? Quyết định được cấp số, tính tiền thưởng và ghi vào quá trình khen "
        "thưởng; không hủy ban hành được, chỉ có thể thu hồi."
    )
    decision.state, decision.number, decision.symbol = DecisionState.ISSUED, 7, "QĐ-LĐLĐ"
    decision.signed_on = timezone.localdate()
    decision.save()
    assert confirmation(client.get(url), f"{url}thu-hoi/") == (
        f"Thu hồi quyết định số {decision.number_text}? Việc thu hồi không hoàn tác được: các khen "
        "thưởng của quyết định bị bỏ khỏi quá trình khen thưởng."
    )


def test_document_issue_and_delete_ask_first(client, org):
    from reports.models import DocumentTemplate
    from reports.services import document_create

    writer = make_user("vanthu", org.a, Role.UNIT_STAFF)
    document = document_create(
        template=DocumentTemplate.objects.get(code="annual"), issuer=org.a, year=2026, sources={}, by=writer
    )
    url = f"/van-ban/{document.pk}/"
    client.force_login(writer)
    response = client.get(url)
    assert confirmation(response, f"{url}ban-hanh/") == (
        "Ban hành văn bản? Văn bản được cấp số tiếp theo trong năm và giữ nguyên nội dung; sau đó "
        "không sửa được, chỉ có thể thay thế bằng văn bản khác."
    )
    assert confirmation(response, f"{url}xoa/") == "Xóa dự thảo này? Dự thảo đã xóa không khôi phục được."


def test_confirmations_are_translated(client, org, alice):
    from emulation.services import registration_save

    registration = registration_save(unit=org.a, year=2026, by=None, titles={"ldtt": 3})
    client.force_login(alice)
    client.cookies["django_language"] = "en"
    response = client.get(f"/thi-dua/dang-ky/{registration.pk}/")
    text = confirmation(response, f"/thi-dua/dang-ky/{registration.pk}/trang-thai/", "submitted")
    assert text.startswith("Send the 2026 emulation registration?")
