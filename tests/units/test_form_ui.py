"""How forms show their errors (crispy-bootstrap5 with templates/bootstrap5/ and units/templatetags/
form_ui.py): a summary at the top, focused on load, linking each error to its field; under
each field its help text and errors with the ids Django's aria-describedby names."""

from tests.html import broken_references, error_summary, page, text
from units.enums import UnitKind
from units.models import Unit


def test_failed_submit_summarises_errors_and_ties_each_to_its_field(client, org, staff_user):
    client.force_login(staff_user)
    count = Unit.objects.count()
    doc = page(
        client.post(
            "/don-vi/them/", {"parent": org.a.pk, "name": "", "code": "", "kind": UnitKind.GRASSROOTS}
        )
    )
    assert Unit.objects.count() == count
    [summary] = doc.xpath('//*[@data-testid="error-summary"]')
    # Focused when the page loads, so a screen reader starts there; named by its heading.
    assert (summary.get("role"), summary.get("tabindex"), summary.get("autofocus")) == ("alert", "-1", "")
    assert text(doc.get_element_by_id(summary.get("aria-labelledby"))) == "Có 2 lỗi cần sửa"
    assert error_summary(doc) == [
        ("#id_name", "Tên đơn vị: Trường này là bắt buộc."),
        ("#id_code", "Mã đơn vị: Trường này là bắt buộc."),
    ]
    name = doc.get_element_by_id("id_name")
    assert (name.get("aria-invalid"), name.get("aria-describedby")) == ("true", "id_name_error")
    assert text(doc.get_element_by_id("id_name_error")) == "Trường này là bắt buộc."
    # The code has a help text too: both ids exist, under the field.
    code = doc.get_element_by_id("id_code")
    assert code.get("aria-describedby") == "id_code_helptext id_code_error"
    assert text(doc.get_element_by_id("id_code_helptext")) == "Duy nhất trong hệ thống, ví dụ CDCS-VP-HDND."
    assert broken_references(doc) == []


def test_a_valid_form_page_has_no_summary_and_its_help_texts_exist(client, org, staff_user):
    client.force_login(staff_user)
    doc = page(client.get("/don-vi/them/"))
    assert doc.xpath('//*[@data-testid="error-summary"]') == []
    assert doc.get_element_by_id("id_code").get("aria-describedby") == "id_code_helptext"
    assert broken_references(doc) == []


def test_login_error_is_summarised_without_a_link(client, alice):
    doc = page(client.post("/dang-nhap/", {"username": "alice", "password": "sai-mat-khau"}))
    assert error_summary(doc) == [
        (
            "",
            "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác. "
            "Chú ý rằng cả hai khung thông tin đều phân biệt chữ hoa và chữ thường.",
        )
    ]
    assert broken_references(doc) == []


def test_checkbox_of_the_shared_form_is_its_widget(client, org, staff_user):
    """The shared template renders a checkbox through its widget, not by hand: checked
    state, Bootstrap's class and the label all come from the field."""
    from reports.models import DocumentTemplate

    template = DocumentTemplate.objects.get(code="annual")
    client.force_login(staff_user)
    doc = page(client.get(f"/mau-van-ban/{template.pk}/"))
    box = doc.get_element_by_id("id_active")
    assert (box.get("type"), box.get("class")) == ("checkbox", "form-check-input")
    assert box.get("checked") == "checked"
    assert [text(label) for label in doc.xpath('//label[@for="id_active"]')] == ["Đang dùng"]
    assert broken_references(doc) == []


def test_list_filters_show_their_errors_under_the_field_they_name(client, org, admin_user):
    """Filter forms rendered field by field name their errors as Django's aria-describedby
    expects (an unknown date, an unknown action)."""
    client.force_login(admin_user)
    doc = page(client.get("/don-vi/", {"on": "31/02/2024"}))
    assert doc.get_element_by_id("id_on").get("aria-describedby") == "id_on_error"
    assert text(doc.get_element_by_id("id_on_error")) != ""  # its words are the date field's
    assert broken_references(doc) == []
    doc = page(client.get("/nhat-ky/", {"action": "khong-co"}))
    assert doc.get_element_by_id("id_action").get("aria-invalid") == "true"
    assert text(doc.get_element_by_id("id_action_error")) != ""
    assert broken_references(doc) == []
