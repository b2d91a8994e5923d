"""Irreversible steps ask first, in the browser's own dialog (static/js/confirm.js):
"Cancel" leaves everything as it was, "OK" goes ahead."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from awards.enums import DecisionState
from emulation.enums import RegistrationState
from emulation.services import registration_save
from units.enums import AuditAction
from units.models import AuditEntry, Unit

from .test_awards import draft_decision, setting  # noqa: F401 (fixtures)
from .test_journeys import login

pytestmark = pytest.mark.browser

ISSUE_QUESTION = (
    "Ban hành quyết định? Quyết định được cấp số, tính tiền thưởng và ghi vào quá trình khen "
    "thưởng; không hủy ban hành được, chỉ có thể thu hồi."
)


def answer_next_dialog(page, *, accept: bool) -> list[str]:
    """Answer the next dialog; the list receives its message."""
    seen: list[str] = []

    def handle(dialog):
        seen.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", handle)
    return seen


def state_changes() -> int:
    return AuditEntry.objects.filter(action=AuditAction.STATE).count()


def test_issuing_a_decision_asks_first_cancel_changes_nothing(browsing, draft_decision):  # noqa: F811
    page = browsing.new_page(confirm=False)
    login(page, "thidua.tinh")
    page.goto(draft_decision.get_absolute_url())
    before = state_changes()

    seen = answer_next_dialog(page, accept=False)
    page.get_by_role("button", name="Ban hành (cấp số)").click()
    page.wait_for_load_state("networkidle")
    assert seen == [ISSUE_QUESTION]
    expect(page.get_by_test_id("decision-state")).to_have_text("Dự thảo")
    browsing.check_page(page, "1-cancelled")
    draft_decision.refresh_from_db()
    assert (draft_decision.state, draft_decision.number) == (DecisionState.DRAFT, None)
    assert state_changes() == before

    seen = answer_next_dialog(page, accept=True)
    page.get_by_role("button", name="Ban hành (cấp số)").click()
    expect(page.get_by_test_id("decision-state")).to_have_text("Đã ban hành")
    assert seen == [ISSUE_QUESTION]
    browsing.check_page(page, "2-issued")
    draft_decision.refresh_from_db()
    assert (draft_decision.state, draft_decision.number) == (DecisionState.ISSUED, 1)


def test_sending_a_registration_asks_first_cancel_changes_nothing(browsing, demo):
    year = timezone.localdate().year
    registration = registration_save(
        unit=Unit.objects.get(code="CDN-YT"), year=year, by=None, titles={"ttldxs": 1}
    )
    page = browsing.new_page(confirm=False)
    login(page, "canbo.yte")
    page.goto(registration.get_absolute_url())
    question = (
        f"Gửi đăng ký thi đua năm {year}? Sau khi gửi, đơn vị không sửa được bản đăng ký nữa, "
        "trừ khi cấp trên trả lại để bổ sung."
    )

    seen = answer_next_dialog(page, accept=False)
    page.get_by_role("button", name="Gửi đăng ký").click()
    page.wait_for_load_state("networkidle")
    assert seen == [question]
    expect(page.get_by_test_id("registration-state")).to_have_text("Đang soạn")
    expect(page.get_by_role("link", name="Sửa", exact=True)).to_be_visible()
    browsing.check_page(page, "1-cancelled")
    registration.refresh_from_db()
    assert (registration.state, registration.submitted_at) == (RegistrationState.DRAFT, None)

    seen = answer_next_dialog(page, accept=True)
    page.get_by_role("button", name="Gửi đăng ký").click()
    expect(page.get_by_test_id("registration-state")).to_have_text("Đã gửi")
    assert seen == [question]
    browsing.check_page(page, "2-sent")
    registration.refresh_from_db()
    assert registration.state == RegistrationState.SUBMITTED


def test_the_dialog_is_answered_from_the_keyboard(browsing, draft_decision):  # noqa: F811
    """The button is reached and pressed with the keyboard; the native dialog takes the
    answer (Escape cancels in Chromium; the page stays as it was)."""
    page = browsing.new_page(confirm=False)
    login(page, "thidua.tinh")
    page.goto(draft_decision.get_absolute_url())
    seen = answer_next_dialog(page, accept=False)
    page.get_by_role("button", name="Ban hành (cấp số)").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert seen == [ISSUE_QUESTION]
    draft_decision.refresh_from_db()
    assert draft_decision.state == DecisionState.DRAFT
