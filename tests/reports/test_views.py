import datetime
import io

import pytest
from openpyxl import load_workbook

from emulation.enums import Period
from reports.enums import DocumentState, FileFormat, RenderState, SectionKind
from reports.models import Document, DocumentSection, DocumentTemplate, Rendering
from tests.conftest import make_user
from tests.emulation.conftest import table_rows
from tests.reports.conftest import draft, issue, template
from units.enums import DocumentKind, Role


def _plan(owner, year=2023):
    from emulation.services import plan_save

    return plan_save(
        owner=owner,
        year=year,
        title="Kế hoạch",
        by=None,
        tasks=[{"quarter": 1, "content": "Đăng ký thi đua"}],
    )


@pytest.fixture
def documents(org, staff_user, alice, charlie):
    """The province's issued plan and its draft report; district A's draft; district B's draft."""
    plan = issue(
        draft("plan", org.province, 2023, staff_user, plan=_plan(org.province)),
        staff_user,
        datetime.date(2023, 1, 11),
    )
    return {
        "province_issued": plan,
        "province_draft": draft("annual", org.province, 2023, staff_user),
        "a_draft": draft("plan", org.a, 2023, alice),
        "b_draft": draft("plan", org.b, 2023, charlie),
    }


def test_list_shows_the_subtree_and_the_issued_documents_above_it(client, documents, alice, staff_user):
    client.force_login(alice)
    response = client.get("/van-ban/")
    rows = table_rows(response, "documents")
    assert [r[0] for r in rows[1:]] == ["—", "01/KH-LĐLĐ"]  # its own draft, the province's issued plan
    assert rows[2][3] == "LĐLĐ tỉnh P"
    client.force_login(staff_user)
    assert len(table_rows(client.get("/van-ban/"), "documents")) == 1 + 4


def test_list_filters_and_exports_what_it_shows(client, documents, staff_user):
    client.force_login(staff_user)
    rows = table_rows(client.get(f"/van-ban/?state={DocumentState.ISSUED}"), "documents")
    assert [r[0] for r in rows[1:]] == ["01/KH-LĐLĐ"]
    response = client.get(f"/van-ban.xlsx?state={DocumentState.ISSUED}")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[3]] == [
        "STT",
        "Số, ký hiệu",
        "Loại",
        "Trích yếu",
        "Đơn vị ban hành",
        "Năm",
        "Ngày ban hành",
        "Trạng thái",
    ]
    values = [c.value for c in sheet[4]]
    assert values[:6] == [
        1,
        "01/KH-LĐLĐ",
        "Kế hoạch",
        "Công tác thi đua, khen thưởng năm 2023",
        "LĐLĐ tỉnh P",
        2023,
    ]
    assert values[6].date() == datetime.date(2023, 1, 11)
    assert sheet.cell(row=4, column=7).number_format == "dd/mm/yyyy"
    assert sheet.max_row == 4


def test_list_query_count_is_constant(client, org, staff_user, django_assert_num_queries):
    client.force_login(staff_user)
    draft("plan", org.province, 2023, staff_user)
    client.get("/van-ban/")  # the first request after login also saves the session
    with django_assert_num_queries(6):
        client.get("/van-ban/")
    with django_assert_num_queries(4):
        client.get("/van-ban.xlsx")
    for year in range(2000, 2030):
        draft("plan", org.province, year, staff_user)
    with django_assert_num_queries(6):
        client.get("/van-ban/")
    with django_assert_num_queries(4):
        client.get("/van-ban.xlsx")


def test_create_offers_the_sources_the_template_needs_with_suggestions(client, cluster, lai_chau_staff):
    client.force_login(lai_chau_staff)
    midyear = template("midyear-cluster")
    response = client.get(f"/van-ban/soan/?template={midyear.code}&year=2023")
    form = response.context["form"]
    assert list(form.needs) == ["grouping", "period"]
    assert form.initial["grouping"] == cluster
    assert form.initial["period"] == Period.HALF_YEAR
    response = client.post(
        "/van-ban/soan/",
        {"template": midyear.code, "year": 2023, "grouping": cluster.pk, "period": Period.HALF_YEAR},
    )
    document = Document.objects.get()
    assert response["Location"] == f"/van-ban/{document.pk}/"
    assert (document.issuer, document.grouping, document.period, document.symbol) == (
        lai_chau_staff.unit,
        cluster,
        Period.HALF_YEAR,
        "CTĐ",
    )
    assert document.issuing_body == "Cụm thi đua LĐLĐ 7 tỉnh biên giới phía Bắc"


def test_create_refuses_a_viewer_and_a_grouping_outside_the_users_reach(client, org, bob, cluster):
    client.force_login(bob)
    midyear = template("midyear-cluster")
    assert client.post("/van-ban/soan/", {"template": midyear.code, "year": 2023}).status_code == 403
    staff = make_user("huyen", org.a, Role.UNIT_STAFF)
    client.force_login(staff)
    response = client.post(
        "/van-ban/soan/",
        {"template": midyear.code, "year": 2023, "grouping": cluster.pk, "period": Period.HALF_YEAR},
    )
    assert response.status_code == 200
    assert "grouping" in response.context["form"].errors
    assert not Document.objects.exists()


def test_detail_previews_the_document_as_it_will_print(
    client, documents, staff_user, django_assert_num_queries
):
    client.force_login(staff_user)
    document = documents["province_issued"]
    response = client.get(f"/van-ban/{document.pk}/")
    html = response.content.decode()
    for text in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 01/KH-LĐLĐ",
        "Lai Châu, ngày 11 tháng 01 năm 2023",
        "KẾ HOẠCH",
    ):
        assert text in html
    assert "Đăng ký thi đua" in html  # the plan's task, from the data
    assert response.context["editable"] is False


def test_detail_query_count_is_constant(client, org, staff_user, django_assert_num_queries):
    client.force_login(staff_user)
    plan = _plan(org.province)
    document = draft("plan", org.province, 2023, staff_user, plan=plan)
    client.get(f"/van-ban/{document.pk}/")  # the first request after login also saves the session
    with django_assert_num_queries(10):
        client.get(f"/van-ban/{document.pk}/")
    from emulation.models import PlanTask

    PlanTask.objects.bulk_create(
        PlanTask(plan=plan, quarter=1 + i % 4, number=10 + i, content=f"Nhiệm vụ {i}") for i in range(40)
    )
    with django_assert_num_queries(10):
        client.get(f"/van-ban/{document.pk}/")


def test_a_section_is_edited_sanitised_and_shown(client, documents, staff_user):
    client.force_login(staff_user)
    document = documents["province_draft"]
    section = document.sections.filter(kind=SectionKind.PROSE, heading="1. Thuận lợi").get()
    response = client.get(f"/van-ban/phan/{section.pk}/")
    assert "data-prose-editor" in response.content.decode()
    response = client.post(
        f"/van-ban/phan/{section.pk}/",
        {"text": '<p>Năm 2023 có <strong>nhiều</strong> thuận lợi.<img src=x onerror="alert(1)"></p>'},
    )
    assert response["Location"] == f"/van-ban/{document.pk}/#section-{section.pk}"
    section.refresh_from_db()
    assert section.text == "<p>Năm 2023 có <strong>nhiều</strong> thuận lợi.</p>"
    html = client.get(f"/van-ban/{document.pk}/").content.decode()
    assert "Năm 2023 có <strong>nhiều</strong> thuận lợi." in html
    assert "onerror" not in html


def test_an_issued_document_cannot_be_edited_through_the_pages(client, documents, staff_user):
    client.force_login(staff_user)
    document = documents["province_issued"]
    section = document.sections.filter(kind=SectionKind.PROSE).first()
    before = section.text
    response = client.post(f"/van-ban/phan/{section.pk}/", {"text": "<p>Sửa</p>"}, follow=True)
    assert "không soạn thảo được" in response.content.decode()
    response = client.post(f"/van-ban/{document.pk}/sua/", {"subject": "Sửa"}, follow=True)
    assert "không sửa được" in response.content.decode()
    assert client.post(f"/van-ban/phan/{section.pk}/bo/").status_code == 302
    section.refresh_from_db()
    document.refresh_from_db()
    assert (section.text, document.subject_lines[0]) == (before, "Công tác thi đua, khen thưởng năm 2023")


def test_a_colleague_who_only_reads_cannot_write(client, documents, bob):
    client.force_login(bob)
    document = documents["a_draft"]
    section = document.sections.filter(kind=SectionKind.PROSE).first()
    assert client.get(f"/van-ban/{document.pk}/").status_code == 200
    assert client.post(f"/van-ban/phan/{section.pk}/", {"text": "<p>x</p>"}).status_code == 403
    assert client.post(f"/van-ban/{document.pk}/ban-hanh/", {"issued_on": "01/02/2023"}).status_code == 403
    document.refresh_from_db()
    assert document.state == DocumentState.DRAFT


def test_issue_through_the_page_numbers_archives_and_serves_the_files(
    client, org, staff_user, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    document = draft("plan", org.province, 2023, staff_user, plan=_plan(org.province))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/van-ban/{document.pk}/ban-hanh/", {"issued_on": "11/01/2023"}, follow=True)
    assert "Đã ban hành văn bản số 01/KH-LĐLĐ" in response.content.decode()
    document.refresh_from_db()
    archive = {r.format: r for r in document.renderings.all()}
    assert {f: r.state for f, r in archive.items()} == {
        FileFormat.PDF: RenderState.DONE,
        FileFormat.DOCX: RenderState.DONE,
    }
    response = client.get(f"/van-ban/tep/{archive[FileFormat.PDF].pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="01-kh-ldld-2023.pdf"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    with archive[FileFormat.PDF].file.open("rb") as f:
        assert body == f.read()
    response = client.get(f"/van-ban/tep/{archive[FileFormat.DOCX].pk}/")
    assert response["Content-Type"].endswith("wordprocessingml.document")


def test_a_tampered_archive_is_refused(client, org, staff_user, django_capture_on_commit_callbacks):
    client.force_login(staff_user)
    document = draft("plan", org.province, 2023, staff_user, plan=_plan(org.province))
    issue(document, staff_user, datetime.date(2023, 1, 11), capture=django_capture_on_commit_callbacks)
    pdf = document.renderings.get(format=FileFormat.PDF)
    with open(pdf.file.path, "ab") as f:
        f.write(b"changed")
    response = client.get(f"/van-ban/tep/{pdf.pk}/", follow=True)
    assert "không còn khớp mã kiểm tra" in response.content.decode()


def test_issue_with_a_missing_source_says_what_to_choose(client, org, staff_user):
    client.force_login(staff_user)
    document = draft("annual", org.province, 2023, staff_user)
    problem = "Phần “Bảng chấm điểm thi đua của đơn vị” chưa có số liệu: chọn bảng chấm điểm."
    page = client.get(f"/van-ban/{document.pk}/")
    assert page.context["missing"] == [problem]
    response = client.post(f"/van-ban/{document.pk}/ban-hanh/", {"issued_on": "19/11/2023"}, follow=True)
    assert f"Chưa ban hành được. {problem}" in response.content.decode()
    appendix = document.sections.get(appendix=True)
    client.post(f"/van-ban/phan/{appendix.pk}/bo/")
    assert not DocumentSection.objects.filter(pk=appendix.pk).exists()
    client.post(f"/van-ban/{document.pk}/ban-hanh/", {"issued_on": "19/11/2023"})
    document.refresh_from_db()
    assert document.number_text == "01/BC-LĐLĐ"


def test_a_block_without_its_source_is_named_on_the_page_and_holds_the_issue(client, org, staff_user):
    """The campaign plan of a year without a campaign: the draft page says which section
    needs what, issuing is refused with the same words, and nothing changes."""
    from django.contrib.messages import get_messages

    from units.models import DocumentCounter

    client.force_login(staff_user)
    document = draft("campaign-plan", org.province, 2021, staff_user)
    problem = (
        "Phần “1. Chủ đề, thời gian, đối tượng” (Chủ đề và nội dung phong trào) chưa có số liệu: chọn "
        "phong trào."
    )
    page = client.get(f"/van-ban/{document.pk}/")
    warning = page.content.decode().split('data-testid="missing-sources"')[1].split("</div>")[0]
    assert f"<li>{problem}</li>" in warning
    assert f'href="/van-ban/{document.pk}/sua/"' in warning
    response = client.post(f"/van-ban/{document.pk}/ban-hanh/", {"issued_on": "20/01/2021"})
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Chưa ban hành được. {problem} Chọn trong “Sửa thông tin văn bản”, hoặc bỏ phần đó."
    ]
    document.refresh_from_db()
    assert (document.state, document.number, document.frozen) == (DocumentState.DRAFT, None, None)
    assert not DocumentCounter.objects.exists()
    assert not Rendering.objects.exists()


def test_a_draft_preview_is_requested_and_polled(client, org, staff_user, django_capture_on_commit_callbacks):
    client.force_login(staff_user)
    document = draft("plan", org.province, 2023, staff_user, plan=_plan(org.province))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(f"/van-ban/{document.pk}/tao-tep/", {"format": FileFormat.DOCX})
    panel = client.get(f"/van-ban/{document.pk}/tep/").content.decode()
    assert "Đang chờ tạo tệp" in panel and 'hx-trigger="every 2s"' in panel
    callbacks[0]()
    panel = client.get(f"/van-ban/{document.pk}/tep/").content.decode()
    rendering = Rendering.objects.get()
    assert f'href="/van-ban/tep/{rendering.pk}/"' in panel and "every 2s" not in panel


def test_replace_opens_a_correcting_draft(client, documents, staff_user):
    client.force_login(staff_user)
    original = documents["province_issued"]
    response = client.post(f"/van-ban/{original.pk}/thay-the/")
    replacement = Document.objects.get(replaces=original)
    assert response["Location"] == f"/van-ban/{replacement.pk}/"
    assert replacement.state == DocumentState.DRAFT


def test_templates_are_read_by_all_and_kept_by_the_province(client, org, staff_user, alice):
    annual = template("annual")
    client.force_login(alice)
    response = client.get(f"/mau-van-ban/{annual.pk}/")
    assert response.status_code == 200 and response.context["can_manage"] is False
    assert client.post(f"/mau-van-ban/{annual.pk}/", {}).status_code == 403
    client.force_login(staff_user)
    data = {
        "code": "annual",
        "name": "Báo cáo năm",
        "kind": DocumentKind.REPORT,
        "subject": "Tổng kết năm {year}",
        "place": "Lai Châu",
        "signer_post": "CHỦ TỊCH",
        "active": "on",
        "sections-TOTAL_FORMS": "2",
        "sections-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
        "sections-0-order": "2",
        "sections-0-kind": SectionKind.BLOCK,
        "sections-0-heading": "Khen thưởng",
        "sections-0-level": "2",
        "sections-0-block": "award_summary",
        "sections-1-order": "1",
        "sections-1-kind": SectionKind.PROSE,
        "sections-1-heading": "Mở đầu",
        "sections-1-level": "1",
        "sections-1-text": "Năm {year} là năm **quan trọng**.\n\n- một\n- hai",
    }
    response = client.post(f"/mau-van-ban/{annual.pk}/", data)
    assert response["Location"] == f"/mau-van-ban/{annual.pk}/"
    annual.refresh_from_db()
    assert annual.subject == "Tổng kết năm {year}"
    assert list(annual.sections.values_list("order", "heading", "text")) == [
        (
            1,
            "Mở đầu",
            "<p>Năm {year} là năm <strong>quan trọng</strong>.</p><ul><li>một</li><li>hai</li></ul>",
        ),
        (2, "Khen thưởng", ""),
    ]
    assert DocumentTemplate.objects.filter(code="annual").count() == 1


def test_a_draft_can_be_deleted_an_issued_one_cannot(
    client, documents, staff_user, django_capture_on_commit_callbacks
):
    from units.enums import AuditAction
    from units.models import AuditEntry

    client.force_login(staff_user)
    draft_ = documents["province_draft"]
    with django_capture_on_commit_callbacks(execute=False):
        client.post(f"/van-ban/{draft_.pk}/tao-tep/", {"format": FileFormat.PDF})
    preview = Rendering.objects.create(document=draft_, format=FileFormat.DOCX, state=RenderState.DONE)
    preview.file.save("docx", io.BytesIO(b"PK"))
    path = preview.file.path
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/van-ban/{draft_.pk}/xoa/")
    assert response["Location"] == "/van-ban/"
    assert not Document.objects.filter(pk=draft_.pk).exists()
    assert not DocumentSection.objects.filter(document_id=draft_.pk).exists()
    import os

    assert not os.path.exists(path)
    assert AuditEntry.objects.filter(action=AuditAction.DELETE, object_id=str(draft_.pk)).exists()
    issued = documents["province_issued"]
    response = client.post(f"/van-ban/{issued.pk}/xoa/", follow=True)
    assert "không sửa được" in response.content.decode()
    assert Document.objects.filter(pk=issued.pk).exists()


def test_pages_of_the_data_open_the_matching_template_with_their_object(client, org, staff_user):
    from awards.enums import AwardKind, IssuingLevel, Recipient
    from awards.models import AwardForm, Decision

    client.force_login(staff_user)
    plan = _plan(org.province)
    page = client.get(f"/thi-dua/ke-hoach/{plan.pk}/").content.decode()
    link = f"/van-ban/soan/?template=plan&amp;year=2023&amp;plan={plan.pk}"
    assert link in page
    response = client.get(link.replace("&amp;", "&"))
    assert response.context["form"].initial["plan"] == str(plan.pk)
    form = AwardForm.objects.create(
        code="bk",
        name="Bằng khen",
        issuing_level=IssuingLevel.PROVINCE_FEDERATION,
        recipient=Recipient.BOTH,
        kind=AwardKind.COMPREHENSIVE,
    )
    decision = Decision.objects.create(
        issuer=org.province, year=2025, award_form=form, subject="Về việc tặng"
    )
    page = client.get(f"/khen-thuong/quyet-dinh/{decision.pk}/").content.decode()
    assert f"?template=award-decision&amp;year=2025&amp;decision={decision.pk}" in page
    viewer = make_user("xem", org.province, Role.VIEWER)
    client.force_login(viewer)
    assert "/van-ban/soan/" not in client.get(f"/thi-dua/ke-hoach/{plan.pk}/").content.decode()


def test_template_list_export(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/mau-van-ban.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[3]] == ["Tên mẫu", "Mã", "Loại văn bản", "Cập nhật", "Trạng thái"]
    codes = [sheet.cell(row=r, column=2).value for r in range(4, sheet.max_row + 1)]
    assert codes == list(DocumentTemplate.objects.order_by("order", "name").values_list("code", flat=True))
    assert sheet.cell(row=4, column=4).number_format == "dd/mm/yyyy"


def test_template_list_query_count_is_constant(client, staff_user, django_assert_num_queries):
    client.force_login(staff_user)
    client.get("/mau-van-ban/")  # the first request after login also saves the session
    with django_assert_num_queries(5):
        client.get("/mau-van-ban/")
    with django_assert_num_queries(3):
        client.get("/mau-van-ban.xlsx")
    DocumentTemplate.objects.bulk_create(
        DocumentTemplate(
            code=f"mau-{i}", name=f"Mẫu {i}", kind=DocumentKind.LETTER, subject="V/v", signer_post="CT"
        )
        for i in range(30)
    )
    with django_assert_num_queries(5):
        client.get("/mau-van-ban/")
    with django_assert_num_queries(3):
        client.get("/mau-van-ban.xlsx")


def test_a_refused_write_is_answered_403_and_audited_once(client, documents, bob):
    """A service's refusal leaves the view as PermissionDenied: the middleware answers it
    and writes the one ACCESS_DENIED entry."""
    from units.enums import AuditAction
    from units.models import AuditEntry

    client.force_login(bob)
    document = documents["a_draft"]
    section = document.sections.filter(kind=SectionKind.PROSE).first()
    denials = AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED)
    assert client.post(f"/van-ban/{document.pk}/xoa/").status_code == 403
    assert denials.count() == 1
    assert client.post(f"/van-ban/phan/{section.pk}/bo/").status_code == 403
    assert client.post(f"/van-ban/{document.pk}/tao-tep/", {"format": FileFormat.PDF}).status_code == 403
    assert denials.count() == 3
    assert Document.objects.filter(pk=document.pk).exists() and section in document.sections.all()


def test_a_refused_filter_is_named_and_the_export_lists_what_the_page_lists(client, documents, staff_user):
    client.force_login(staff_user)
    response = client.get(f"/van-ban/?year=20x3&state={DocumentState.ISSUED}")
    assert [r[0] for r in table_rows(response, "documents")[1:]] == ["01/KH-LĐLĐ"]
    assert "Bộ lọc “Năm” không được áp dụng" in response.content.decode()
    sheet = load_workbook(
        io.BytesIO(client.get(f"/van-ban.xlsx?year=20x3&state={DocumentState.ISSUED}").content)
    ).active
    assert sheet["A1"].value == "Sổ văn bản"
    assert [sheet.cell(row=r, column=2).value for r in range(4, sheet.max_row + 1)] == ["01/KH-LĐLĐ"]
    sheet = load_workbook(io.BytesIO(client.get("/van-ban.xlsx?year=2023").content)).active
    assert sheet["A1"].value == "Sổ văn bản năm 2023"


def test_a_new_template_with_a_code_in_use_is_refused_on_its_field(client, staff_user):
    client.force_login(staff_user)
    data = {
        "code": "annual",
        "name": "Báo cáo khác",
        "kind": DocumentKind.REPORT,
        "subject": "V/v",
        "place": "Lai Châu",
        "signer_post": "CHỦ TỊCH",
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
    }
    response = client.post("/mau-van-ban/them/", data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"code": ["Mã mẫu đã tồn tại."]}
    assert DocumentTemplate.objects.filter(code="annual").count() == 1
