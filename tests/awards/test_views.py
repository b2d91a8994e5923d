"""Awards pages through the test client: dossiers with nominees and attachments, the
outsider's 404, state moves, council sessions, decisions, sensitive data, quotas, exports
and query counts."""

import datetime
import html
import io
import os
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from openpyxl import load_workbook
from pypdf import PdfReader

from awards.enums import DecisionState, DocumentType, DossierState, SessionState, Vote
from awards.models import (
    Awardee,
    BaseSalary,
    CouncilSession,
    Decision,
    Dossier,
    DossierAttachment,
    Nominee,
    QuotaAllocation,
    QuotaEvent,
)
from awards.services import (
    attachment_add,
    decision_create,
    decision_issue,
    dossier_create,
    nominee_add,
    session_close,
    session_create,
    set_dossier_state,
)
from tests.awards.conftest import docx_bytes, pdf, person
from tests.conftest import make_user, sheet_rows, workbook
from tests.emulation.conftest import at, table_rows
from units.enums import AuditAction, Role
from units.models import AuditEntry

YEAR = 2021
REFUSED_KIND = "không phải tệp PDF, DOCX, XLSX, JPG hoặc PNG (kiểm tra theo nội dung tệp)."


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _page(response) -> str:
    """The page's text as a reader sees it: no tags, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(strip_tags(response.content.decode())))


def _dossier_state(dossier) -> tuple:
    """Everything a refused request must leave as it was."""
    row = Dossier.objects.values_list("state", "title", "updated_at", "returned_reason").get(pk=dossier.pk)
    return (row, dossier.nominees.count(), dossier.attachments.count())


def _stored_files(dossier) -> list[str]:
    folder = os.path.join(settings.MEDIA_ROOT, "dossiers", str(dossier.pk))
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test stores its uploads in its own folder, so "nothing stored" can be looked at."""
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def dossier(org, form, alice):
    return dossier_create(
        proposing_unit=org.a, year=YEAR, award_form=form, title="Đề nghị Bằng khen 2021", by=alice
    )


@pytest.fixture
def council(org):
    return [make_user(f"hoidong{i}", org.province, Role.COUNCIL) for i in range(3)]


@pytest.fixture
def ready(org, form, alice, registered, staff_user):
    """Two people of A1 and the collective A2, appraised and ready for the council."""
    form.prize_coefficient, form.prize_coefficient_collective = Decimal("0.3"), Decimal("0.6")
    form.save()
    BaseSalary.objects.create(valid_from=datetime.date(2019, 7, 1), amount=1_490_000)
    dossier = dossier_create(
        proposing_unit=org.a, year=YEAR, award_form=form, title="Bằng khen 2021", by=alice
    )
    mai = person(org.a1, position="Công nhân")
    su = person(org.a1, "Giàng A Sử", position="Tổ trưởng")
    for kwargs in ({"person": mai}, {"person": su}, {"unit": org.a2}):
        nominee_add(dossier=dossier, by=alice, **kwargs)
    attachment_add(dossier=dossier, upload=pdf(), document_type=DocumentType.PROPOSAL, by=alice)
    set_dossier_state(obj=dossier, to=DossierState.SUBMITTED, by=alice)
    set_dossier_state(obj=dossier, to=DossierState.APPRAISING, by=staff_user)
    set_dossier_state(obj=dossier, to=DossierState.READY, by=staff_user)
    return dossier


@pytest.fixture
def issued(org, ready, council, staff_user):
    """The province's decision no. 01/QĐ-LĐLĐ for everyone in `ready`, signed 28/12/2021."""
    session = session_create(
        owner=org.province,
        title="Phiên họp tháng 12",
        held_on=datetime.date(2021, 12, 20),
        members=council,
        dossiers=[ready],
        by=staff_user,
    )
    session_close(session=session, votes={n.pk: (3, 0) for n in ready.nominees.all()}, by=staff_user)
    decision = decision_create(
        issuer=org.province,
        year=YEAR,
        award_form=ready.award_form,
        subject="Tặng Bằng khen năm 2021",
        by=staff_user,
        nominees=list(ready.nominees.order_by("order")),
        session=session,
    )
    decision_issue(decision=decision, signed_on=datetime.date(2021, 12, 28), by=staff_user)
    return decision


# --- Creating a dossier ------------------------------------------------------------------------


def test_dossier_create_form_creates_a_draft_for_a_unit_of_the_subtree(client, org, form, alice):
    client.force_login(alice)
    response = client.post(
        "/khen-thuong/ho-so/them/",
        {"proposing_unit": org.a1.pk, "year": YEAR, "award_form": form.pk, "title": "  Bằng khen CĐCS A1  "},
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/khen-thuong/ho-so/{dossier.pk}/"
    assert (dossier.proposing_unit, dossier.year, dossier.award_form, dossier.title) == (
        org.a1,
        YEAR,
        form,
        "Bằng khen CĐCS A1",
    )
    assert (dossier.state, dossier.created_by) == (DossierState.DRAFT, alice)
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="awards.dossier", object_id=str(dossier.pk), actor=alice
    ).exists()


def test_dossier_create_form_refuses_a_unit_outside_the_subtree(client, org, form, alice):
    client.force_login(alice)
    response = client.post(
        "/khen-thuong/ho-so/them/",
        {"proposing_unit": org.b1.pk, "year": YEAR, "award_form": form.pk, "title": "Hồ sơ của huyện B"},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["proposing_unit"]
    assert not Dossier.objects.exists()


def test_dossier_create_page_is_forbidden_to_a_viewer(client, org, form, bob):
    client.force_login(bob)
    response = client.post(
        "/khen-thuong/ho-so/them/",
        {"proposing_unit": org.a.pk, "year": YEAR, "award_form": form.pk, "title": "Hồ sơ"},
    )
    assert response.status_code == 403
    assert not Dossier.objects.exists()


# --- Nominees and attachments -------------------------------------------------------------------


def test_nominee_add_and_remove_through_the_dossier_page(client, org, dossier, alice):
    mai = person(org.a1)
    client.force_login(alice)
    url = f"/khen-thuong/ho-so/{dossier.pk}/"
    response = client.post(url + "nguoi/", {"person": mai.pk, "summary": "Hoàn thành xuất sắc"})
    assert response.status_code == 302 and response["Location"] == url
    client.post(url + "nguoi/", {"unit": org.a2.pk})
    assert list(dossier.nominees.values_list("person__full_name", "unit__code", "summary", "order")) == [
        ("Lò Thị Mai", None, "Hoàn thành xuất sắc", 1),
        (None, "A2", "", 2),
    ]
    rows = table_rows(client.get(url), "nominees")
    assert [row[1] for row in rows[1:]] == ["Lò Thị Mai · CĐCS A1 Hoàn thành xuất sắc", "CĐCS A2 Tập thể"]
    removed = dossier.nominees.get(person=mai)
    response = client.post(url + "bo-nguoi/", {"nominee": removed.pk})
    assert response["Location"] == url
    assert list(dossier.nominees.values_list("unit__code", flat=True)) == ["A2"]
    assert AuditEntry.objects.filter(
        action=AuditAction.DELETE, object_type="awards.nominee", object_id=str(removed.pk)
    ).exists()


def test_nominee_add_refuses_a_person_of_another_district(client, org, dossier, alice):
    outsider = person(org.b1, "Hà Văn Tư")
    client.force_login(alice)
    response = client.post(f"/khen-thuong/ho-so/{dossier.pk}/nguoi/", {"person": outsider.pk}, follow=True)
    assert _messages(response) == ["Chọn một cá nhân hoặc một tập thể."]
    assert not Nominee.objects.exists()


def test_attachment_upload_accepts_a_real_pdf_and_downloads_it_back(client, dossier, alice):
    client.force_login(alice)
    content = b"%PDF-1.4\n" + b"1 0 obj << >> endobj\n" * 20
    response = client.post(
        f"/khen-thuong/ho-so/{dossier.pk}/tep/",
        {"document_type": "to_trinh", "file": SimpleUploadedFile("tờ trình.pdf", content)},
        follow=True,
    )
    assert _messages(response) == ["Đã đính kèm tệp."]
    attachment = DossierAttachment.objects.get()
    assert (attachment.dossier, attachment.document_type, attachment.original_name) == (
        dossier,
        "to_trinh",
        "tờ trình.pdf",
    )
    assert (attachment.content_type, attachment.size, attachment.uploaded_by) == (
        "application/pdf",
        len(content),
        alice,
    )
    assert _stored_files(dossier) == [os.path.basename(attachment.file.name)]
    download = client.get(f"/khen-thuong/tep/{attachment.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == content


def test_a_pdf_uploaded_under_another_extension_is_stored_and_served_as_a_pdf(client, dossier, alice):
    client.force_login(alice)
    content = b"%PDF-1.4\n" + b"1 0 obj << >> endobj\n" * 20
    client.post(
        f"/khen-thuong/ho-so/{dossier.pk}/tep/",
        {"document_type": "to_trinh", "file": SimpleUploadedFile("bao-cao.x.html", content)},
    )
    attachment = DossierAttachment.objects.get()
    assert (attachment.original_name, attachment.content_type) == ("bao-cao.x.pdf", "application/pdf")
    assert attachment.file.name.endswith(".pdf")
    assert _stored_files(dossier) == [os.path.basename(attachment.file.name)]
    download = client.get(f"/khen-thuong/tep/{attachment.pk}/")
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="bao-cao.x.pdf"'
    # A file stored under its uploaded name before the fix is served under the right one.
    DossierAttachment.objects.filter(pk=attachment.pk).update(original_name="cu.html")
    download = client.get(f"/khen-thuong/tep/{attachment.pk}/")
    assert download["Content-Disposition"] == 'attachment; filename="cu.pdf"'


@pytest.mark.parametrize(
    ("make_upload", "message"),
    [
        (
            lambda: SimpleUploadedFile(
                "to-trinh.pdf",
                b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /OpenAction << /S /JavaScript /JS (x) >> >>",
            ),
            "Tệp PDF to-trinh.pdf có mã lệnh JavaScript nên không được nhận.",
        ),
        (
            lambda: SimpleUploadedFile("to-trinh.pdf", b"MZ\x90\x00\x03\x00\x00\x00 this program"),
            "to-trinh.pdf " + REFUSED_KIND,
        ),
        (
            lambda: SimpleUploadedFile("to-trinh.pdf", b"<!DOCTYPE html><script>alert(1)</script>"),
            "to-trinh.pdf " + REFUSED_KIND,
        ),
        (
            lambda: SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)),
            "Tệp lon.pdf lớn hơn 10 MB.",
        ),
        (
            lambda: SimpleUploadedFile("bom.docx", docx_bytes(b"\0" * (40 * 1024 * 1024))),
            "Tệp nén bất thường (giải nén quá lớn so với dung lượng): không nhận.",
        ),
    ],
    ids=["pdf-with-javascript", "renamed-executable", "html-named-pdf", "oversized", "zip-bomb"],
)
def test_attachment_upload_refuses_unsafe_files_with_the_message(
    client, dossier, alice, make_upload, message
):
    client.force_login(alice)
    url = f"/khen-thuong/ho-so/{dossier.pk}/"
    response = client.post(url + "tep/", {"document_type": "to_trinh", "file": make_upload()}, follow=True)
    assert response.redirect_chain == [(f"{url}?loai=to_trinh#tai-lieu", 302)]
    assert message in _page(response)
    assert not DossierAttachment.objects.exists()
    assert _stored_files(dossier) == []


def _upload(client, dossier, name="to-trinh.pdf", document_type="to_trinh"):
    content = b"%PDF-1.4\n" + name.encode() * 10
    return client.post(
        f"/khen-thuong/ho-so/{dossier.pk}/tep/",
        {"document_type": document_type, "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def _remove(client, dossier, attachment, **kwargs):
    return client.post(
        f"/khen-thuong/ho-so/{dossier.pk}/bo-tep/", {"attachment": attachment.pk}, follow=True, **kwargs
    )


def test_attachment_remove_of_a_draft_deletes_the_row_and_then_the_file(
    client, dossier, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    _upload(client, dossier)
    attachment = DossierAttachment.objects.get()
    stored = os.path.basename(attachment.file.name)
    assert (
        f'name="attachment" value="{attachment.pk}"'
        in client.get(dossier.get_absolute_url()).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _remove(client, dossier, attachment)
    assert not DossierAttachment.objects.exists()
    assert _stored_files(dossier) == [stored]  # the file goes only once the removal is committed
    for callback in callbacks:
        callback()
    assert _stored_files(dossier) == []
    assert response.redirect_chain == [(f"{dossier.get_absolute_url()}#tai-lieu", 302)]
    assert _messages(response) == ["Đã xóa tệp to-trinh.pdf."]
    entry = AuditEntry.objects.get(action=AuditAction.DELETE, object_type="awards.dossierattachment")
    assert (entry.actor, entry.object_id, entry.changes) == (
        alice,
        str(attachment.pk),
        {"dossier": dossier.pk, "type": "to_trinh", "name": "to-trinh.pdf"},
    )


def test_a_returned_dossier_keeps_its_appraised_files_until_a_newer_one_replaces_them(
    client, org, dossier, alice, staff_user, registered
):
    nominee_add(dossier=dossier, by=alice, person=person(org.a1))
    client.force_login(alice)
    _upload(client, dossier, "to-trinh-cu.pdf")
    _upload(client, dossier, "danh-sach.pdf", "khac")
    set_dossier_state(obj=dossier, to=DossierState.SUBMITTED, by=alice)
    set_dossier_state(obj=dossier, to=DossierState.APPRAISING, by=staff_user)
    set_dossier_state(obj=dossier, to=DossierState.RETURNED, by=staff_user, reason="Tờ trình thiếu chữ ký")
    old = DossierAttachment.objects.get(original_name="to-trinh-cu.pdf")
    response = _remove(client, dossier, old)
    assert _messages(response) == [
        "Không xóa được to-trinh-cu.pdf: tệp đã được nộp cùng hồ sơ. "
        "Tải lên tệp mới cùng loại để thay, rồi xóa bản cũ."
    ]
    assert DossierAttachment.objects.count() == 2
    _upload(client, dossier, "to-trinh-moi.pdf")
    page = _page(client.get(dossier.get_absolute_url()))
    assert "to-trinh-cu.pdf (" in page and "bản cũ, đã có tệp mới hơn cùng loại" in page
    response = _remove(client, dossier, old)
    assert _messages(response) == ["Đã xóa tệp to-trinh-cu.pdf."]
    assert sorted(DossierAttachment.objects.values_list("original_name", flat=True)) == [
        "danh-sach.pdf",
        "to-trinh-moi.pdf",
    ]
    # "Tài liệu khác" holds several documents: a newer one replaces none of them.
    _upload(client, dossier, "bang-diem.pdf", "khac")
    response = _remove(client, dossier, DossierAttachment.objects.get(original_name="danh-sach.pdf"))
    assert _messages(response)[0].startswith("Không xóa được danh-sach.pdf")
    response = _remove(client, dossier, DossierAttachment.objects.get(original_name="to-trinh-moi.pdf"))
    assert _messages(response) == ["Đã xóa tệp to-trinh-moi.pdf."]  # not seen by the appraisers yet


def test_attachment_remove_is_refused_once_submitted_to_a_viewer_an_outsider_and_a_get(
    client, org, dossier, alice, bob, charlie, registered
):
    nominee_add(dossier=dossier, by=alice, person=person(org.a1))
    attachment = attachment_add(dossier=dossier, upload=pdf(), document_type=DocumentType.PROPOSAL, by=alice)
    other = dossier_create(
        proposing_unit=org.a1, year=YEAR, award_form=dossier.award_form, title="Khác", by=alice
    )
    elsewhere = attachment_add(dossier=other, upload=pdf(), document_type=DocumentType.PROPOSAL, by=alice)
    url = f"/khen-thuong/ho-so/{dossier.pk}/bo-tep/"
    client.force_login(bob)
    assert client.post(url, {"attachment": attachment.pk}).status_code == 403
    client.force_login(charlie)
    assert client.post(url, {"attachment": attachment.pk}).status_code == 404
    client.force_login(alice)
    assert client.get(url, {"attachment": attachment.pk}).status_code == 405
    assert client.post(url, {"attachment": elsewhere.pk}).status_code == 404  # not this dossier's
    assert client.post(url, {"attachment": "x"}).status_code == 404
    set_dossier_state(obj=dossier, to=DossierState.SUBMITTED, by=alice)
    assert _messages(_remove(client, dossier, attachment)) == ["Hồ sơ đã nộp: không sửa được nữa."]
    assert DossierAttachment.objects.count() == 2
    assert not AuditEntry.objects.filter(action=AuditAction.DELETE).exists()


def test_a_refused_upload_keeps_the_chosen_document_type(client, dossier, alice):
    client.force_login(alice)
    url = f"/khen-thuong/ho-so/{dossier.pk}/"
    response = client.post(
        url + "tep/",
        {
            "document_type": "bien_ban_hop_xet",
            "file": SimpleUploadedFile("bien-ban.pdf", b"MZ\x90 not a pdf"),
        },
        follow=True,
    )
    assert response.redirect_chain == [(f"{url}?loai=bien_ban_hop_xet#tai-lieu", 302)]
    assert response.context["attachment_form"]["document_type"].value() == "bien_ban_hop_xet"
    assert '<option value="bien_ban_hop_xet" selected>' in response.content.decode()
    response = client.post(url + "tep/", {"document_type": "bao_cao_thanh_tich"}, follow=True)  # no file
    assert _messages(response) == ["Chọn loại tài liệu và tệp."]
    assert response.context["attachment_form"]["document_type"].value() == "bao_cao_thanh_tich"


# --- The outsider ----------------------------------------------------------------------------------


def test_dossier_and_its_attachment_are_404_for_an_outsider(client, org, dossier, alice, charlie):
    mai = person(org.a1)
    nominee = nominee_add(dossier=dossier, by=alice, person=mai)
    attachment = attachment_add(dossier=dossier, upload=pdf(), document_type=DocumentType.PROPOSAL, by=alice)
    before = _dossier_state(dossier)
    client.force_login(charlie)
    url = f"/khen-thuong/ho-so/{dossier.pk}/"
    assert client.get(url).status_code == 404
    assert client.get(f"/khen-thuong/tep/{attachment.pk}/").status_code == 404
    assert client.get(f"/khen-thuong/ca-nhan/{mai.pk}/").status_code == 404
    assert client.post(url + "nguoi/", {"unit": org.a2.pk}).status_code == 404
    assert client.post(url + "bo-nguoi/", {"nominee": nominee.pk}).status_code == 404
    assert client.post(url + "tep/", {"document_type": "khac", "file": pdf()}).status_code == 404
    assert client.post(url + "trang-thai/", {"to": "submitted"}).status_code == 404
    assert _dossier_state(dossier) == before
    denied = AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED, actor=charlie)
    assert sorted(denied.values_list("object_type", flat=True)) == [
        "awards.dossier",
        "awards.dossier",
        "awards.dossier",
        "awards.dossier",
        "awards.dossier",
        "awards.dossierattachment",
        "awards.person",
    ]
    assert client.get("/khen-thuong/ho-so/").context["page"].paginator.count == 0


def test_dossier_pages_are_read_only_for_a_viewer(client, org, dossier, alice, bob):
    nominee = nominee_add(dossier=dossier, by=alice, person=person(org.a1))
    before = _dossier_state(dossier)
    client.force_login(bob)
    url = f"/khen-thuong/ho-so/{dossier.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert (response.context["editable"], response.context["nominee_form"]) == (False, None)
    assert client.post(url + "nguoi/", {"unit": org.a2.pk}).status_code == 403
    assert client.post(url + "bo-nguoi/", {"nominee": nominee.pk}).status_code == 403
    assert client.post(url + "tep/", {"document_type": "khac", "file": pdf()}).status_code == 403
    assert client.post(url + "trang-thai/", {"to": "submitted"}).status_code == 403
    assert _dossier_state(dossier) == before
    assert _stored_files(dossier) == []


def test_nominee_remove_with_a_malformed_id_is_404(client, org, dossier, alice):
    nominee_add(dossier=dossier, by=alice, person=person(org.a1))
    client.force_login(alice)
    client.raise_request_exception = False
    response = client.post(f"/khen-thuong/ho-so/{dossier.pk}/bo-nguoi/", {"nominee": "abc"})
    assert response.status_code == 404
    assert dossier.nominees.count() == 1


# --- State moves -------------------------------------------------------------------------------------


def test_dossier_submit_is_refused_for_an_unregistered_unit_with_the_message(client, org, dossier, alice):
    nominee_add(dossier=dossier, by=alice, person=person(org.a1))
    attachment_add(dossier=dossier, upload=pdf(), document_type=DocumentType.PROPOSAL, by=alice)
    client.force_login(alice)
    url = f"/khen-thuong/ho-so/{dossier.pk}/"
    response = client.post(url + "trang-thai/", {"to": "submitted"}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert _messages(response) == [
        "LĐLĐ huyện A chưa có đăng ký thi đua năm 2021 được chấp nhận: chưa đủ điều kiện xét khen thưởng."
    ]
    dossier.refresh_from_db()
    assert (dossier.state, dossier.submitted_at) == (DossierState.DRAFT, None)


def test_dossier_submit_then_return_requires_a_reason(client, org, dossier, alice, staff_user, registered):
    nominee_add(dossier=dossier, by=alice, person=person(org.a1))
    attachment_add(dossier=dossier, upload=pdf(), document_type=DocumentType.PROPOSAL, by=alice)
    url = f"/khen-thuong/ho-so/{dossier.pk}/"
    client.force_login(alice)
    response = client.post(url + "trang-thai/", {"to": "submitted"}, follow=True)
    assert _messages(response) == ["Hồ sơ: Đã nộp."]
    client.force_login(staff_user)
    response = client.post(url + "trang-thai/", {"to": "appraising"}, follow=True)
    assert _messages(response) == ["Hồ sơ: Đang thẩm định."]
    response = client.post(url + "trang-thai/", {"to": "returned", "reason": "   "}, follow=True)
    assert _messages(response) == ["Nêu nội dung cần bổ sung để đơn vị biết."]
    dossier.refresh_from_db()
    assert dossier.state == DossierState.APPRAISING
    response = client.post(url + "trang-thai/", {"to": "returned", "reason": "Bổ sung biên bản họp xét"})
    dossier.refresh_from_db()
    assert (dossier.state, dossier.returned_reason) == (DossierState.RETURNED, "Bổ sung biên bản họp xét")
    client.force_login(alice)
    assert "Cần bổ sung: Bổ sung biên bản họp xét" in _page(client.get(url))


def test_dossier_appraiser_moves_are_forbidden_to_unit_staff(client, org, dossier, alice, registered):
    nominee_add(dossier=dossier, by=alice, person=person(org.a1))
    attachment_add(dossier=dossier, upload=pdf(), document_type=DocumentType.PROPOSAL, by=alice)
    set_dossier_state(obj=dossier, to=DossierState.SUBMITTED, by=alice)
    before = _dossier_state(dossier)
    client.force_login(alice)
    url = f"/khen-thuong/ho-so/{dossier.pk}/trang-thai/"
    assert client.post(url, {"to": "appraising"}).status_code == 403
    set_dossier_state(obj=dossier, to=DossierState.APPRAISING, by=None)
    assert client.post(url, {"to": "ready"}).status_code == 403
    assert client.post(url, {"to": "returned", "reason": "Tự trả lại"}).status_code == 403
    assert _dossier_state(dossier)[1:] == before[1:]
    dossier.refresh_from_db()
    assert dossier.state == DossierState.APPRAISING


# --- Council sessions and decisions -------------------------------------------------------------------


def _votes(session, typed: dict) -> dict:
    """The vote table as posted: one line per nominee of the session, in the page's order,
    with the counts `typed` for some ({nominee: (for, against)}); the others left empty."""
    nominees = list(Nominee.objects.filter(dossier__council_sessions=session).order_by("dossier_id", "order"))
    data = {"phieu-TOTAL_FORMS": str(len(nominees)), "phieu-INITIAL_FORMS": "0"}
    for i, nominee in enumerate(nominees):
        votes_for, against = typed.get(nominee, ("", "0"))
        data |= {f"phieu-{i}-votes_for": votes_for, f"phieu-{i}-votes_against": against}
    return data


def test_session_create_and_close_through_the_pages(client, org, ready, council, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/khen-thuong/hoi-dong/them/",
        {
            "title": "Phiên họp tháng 12",
            "held_on": "20/12/2021",
            "members": [m.pk for m in council],
            "dossiers": [ready.pk],
        },
    )
    session = CouncilSession.objects.get()
    assert response["Location"] == f"/khen-thuong/hoi-dong/{session.pk}/"
    assert (session.owner, session.held_on, session.state) == (
        org.province,
        datetime.date(2021, 12, 20),
        "open",
    )
    assert sorted(session.members_present.values_list("username", flat=True)) == [
        "hoidong0",
        "hoidong1",
        "hoidong2",
    ]
    assert list(session.dossiers.all()) == [ready]
    mai, su, a2 = ready.nominees.order_by("order")
    votes = _votes(session, {mai: ("3", "0"), su: ("1", "2"), a2: ("2", "1")})
    response = client.post(f"/khen-thuong/hoi-dong/{session.pk}/ket-thuc/", votes, follow=True)
    assert _messages(response) == ["Đã ghi kết quả biểu quyết và kết thúc phiên họp."]
    assert list(ready.nominees.order_by("order").values_list("votes_for", "votes_against", "vote")) == [
        (3, 0, Vote.APPROVED),
        (1, 2, Vote.REJECTED),
        (2, 1, Vote.APPROVED),
    ]
    session.refresh_from_db()
    ready.refresh_from_db()
    assert (session.state, ready.state) == (SessionState.CLOSED, DossierState.COUNCIL_DONE)
    assert session.minutes.splitlines()[0] == (
        "Phiên họp tháng 12, họp ngày 20/12/2021; có mặt 3 thành viên; cần 2 phiếu đồng ý để thông qua."
    )


def test_session_close_refuses_a_missing_vote_and_stays_open(client, org, ready, council, staff_user):
    session = session_create(
        owner=org.province,
        title="Phiên",
        held_on=datetime.date(2021, 12, 20),
        members=council,
        dossiers=[ready],
        by=staff_user,
    )
    first = ready.nominees.order_by("order").first()
    client.force_login(staff_user)
    response = client.post(
        f"/khen-thuong/hoi-dong/{session.pk}/ket-thuc/", _votes(session, {first: ("3", "")}), follow=True
    )
    assert _messages(response) == [
        "Chưa có kết quả biểu quyết cho Giàng A Sử.",
        "Chưa có kết quả biểu quyết cho CĐCS A2.",
    ]
    session.refresh_from_db()
    ready.refresh_from_db()
    assert (session.state, ready.state) == (SessionState.OPEN, DossierState.READY)
    assert not Nominee.objects.exclude(vote="").exists()


INVALID = "Số phiếu của Lò Thị Mai không hợp lệ: "
NOT_A_COUNT = "của Lò Thị Mai không hợp lệ: “%s” không phải là số nguyên không âm."


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (("3", "1"), INVALID + "tổng số phiếu đồng ý và không đồng ý (4) lớn hơn số thành viên có mặt (3)."),
        (("2", "2"), INVALID + "tổng số phiếu đồng ý và không đồng ý (4) lớn hơn số thành viên có mặt (3)."),
        (("5", "0"), INVALID + "số phiếu đồng ý (5) lớn hơn số thành viên có mặt (3)."),
        (("0", "4"), INVALID + "số phiếu không đồng ý (4) lớn hơn số thành viên có mặt (3)."),
        (("abc", "0"), "Số phiếu đồng ý " + NOT_A_COUNT % "abc"),
        (("2", "-1"), "Số phiếu không đồng ý " + NOT_A_COUNT % "-1"),
        (("²", "0"), "Số phiếu đồng ý " + NOT_A_COUNT % "²"),
        (("2,5", "0"), "Số phiếu đồng ý " + NOT_A_COUNT % "2,5"),
        (
            ("9" * 5000, "0"),
            "Số phiếu đồng ý của Lò Thị Mai không hợp lệ: 99999999999999999999 "
            "lớn hơn số thành viên có mặt (3).",
        ),
    ],
)
def test_session_close_says_why_a_nominees_votes_are_refused(
    client, org, ready, council, staff_user, typed, message
):
    session = session_create(
        owner=org.province,
        title="Phiên",
        held_on=datetime.date(2021, 12, 20),
        members=council,
        dossiers=[ready],
        by=staff_user,
    )
    mai, su, a2 = ready.nominees.order_by("order")
    votes = _votes(session, {mai: typed, su: ("1", "1"), a2: ("2", "0")})
    client.force_login(staff_user)
    response = client.post(f"/khen-thuong/hoi-dong/{session.pk}/ket-thuc/", votes, follow=True)
    assert _messages(response) == [message]
    session.refresh_from_db()
    assert (session.state, session.minutes) == (SessionState.OPEN, "")
    assert not Nominee.objects.exclude(vote="").exists()


def test_session_pages_are_forbidden_to_unit_staff(client, org, ready, council, staff_user, alice):
    client.force_login(alice)
    response = client.post(
        "/khen-thuong/hoi-dong/them/",
        {"title": "X", "held_on": "20/12/2021", "members": [council[0].pk], "dossiers": [ready.pk]},
    )
    assert response.status_code == 403
    assert not CouncilSession.objects.exists()


def test_decision_draft_issue_and_revoke_through_the_pages(client, org, ready, council, staff_user):
    session = session_create(
        owner=org.province,
        title="Phiên",
        held_on=datetime.date(2021, 12, 20),
        members=council,
        dossiers=[ready],
        by=staff_user,
    )
    mai, su, a2 = ready.nominees.order_by("order")
    session_close(session=session, votes={mai.pk: (3, 0), su.pk: (0, 3), a2.pk: (2, 1)}, by=staff_user)
    client.force_login(staff_user)
    response = client.post(f"/khen-thuong/hoi-dong/{session.pk}/du-thao/", follow=True)
    assert _messages(response) == ["Đã lập 1 dự thảo quyết định."]
    decision = Decision.objects.get()
    assert (decision.issuer, decision.year, decision.state, decision.number) == (
        org.province,
        YEAR,
        DecisionState.DRAFT,
        None,
    )
    assert decision.subject == "Về việc tặng Bằng khen LĐLĐ tỉnh"
    assert list(decision.awardees.values_list("nominee", flat=True)) == [mai.pk, a2.pk]

    url = f"/khen-thuong/quyet-dinh/{decision.pk}/"
    response = client.post(url + "ban-hanh/", {"signed_on": "2021-12-28"}, follow=True)
    assert _messages(response) == ["Đã ban hành quyết định số 01/QĐ-LĐLĐ."]
    decision.refresh_from_db()
    assert (decision.state, decision.number, decision.signed_on) == (
        DecisionState.ISSUED,
        1,
        datetime.date(2021, 12, 28),
    )
    # 0,3 × 1.490.000 = 447.000 → 450.000; 0,6 × 1.490.000 = 894.000 → 900.000
    assert list(decision.awardees.values_list("prize", flat=True)) == [Decimal(450_000), Decimal(900_000)]
    assert table_rows(response, "awardees")[1:] == [
        ["1", "Lò Thị Mai Công nhân", "CĐCS A1", "450.000"],
        ["2", "CĐCS A2", "", "900.000"],
        ["", "Tổng cộng", "", "1.350.000"],
    ]
    ready.refresh_from_db()
    assert ready.state == DossierState.DECIDED

    response = client.post(url + "thu-hoi/", {"reason": ""}, follow=True)
    assert _messages(response) == ["Nêu lý do thu hồi."]
    decision.refresh_from_db()
    assert decision.state == DecisionState.ISSUED
    response = client.post(url + "thu-hoi/", {"reason": "Nhầm đối tượng"}, follow=True)
    assert _messages(response) == ["Đã thu hồi quyết định."]
    decision.refresh_from_db()
    assert (decision.state, decision.revoked_reason, decision.number) == (
        DecisionState.REVOKED,
        "Nhầm đối tượng",
        1,
    )
    assert "Đã thu hồi: Nhầm đối tượng" in _page(response)


def test_decision_draft_posted_twice_awards_each_nominee_once(client, org, ready, council, staff_user):
    session = session_create(
        owner=org.province,
        title="Phiên",
        held_on=datetime.date(2021, 12, 20),
        members=council,
        dossiers=[ready],
        by=staff_user,
    )
    session_close(session=session, votes={n.pk: (3, 0) for n in ready.nominees.all()}, by=staff_user)
    client.force_login(staff_user)
    client.post(f"/khen-thuong/hoi-dong/{session.pk}/du-thao/")
    client.post(f"/khen-thuong/hoi-dong/{session.pk}/du-thao/")  # a double click
    for decision in Decision.objects.all():
        client.post(f"/khen-thuong/quyet-dinh/{decision.pk}/ban-hanh/", {"signed_on": "2021-12-28"})
    awarded = Awardee.objects.filter(decision__state=DecisionState.ISSUED)
    assert sorted(awarded.values_list("nominee", flat=True)) == sorted(
        ready.nominees.values_list("pk", flat=True)
    )


def test_decision_issue_never_signs_on_a_date_other_than_the_typed_one(
    client, org, ready, council, staff_user
):
    session = session_create(
        owner=org.province,
        title="Phiên",
        held_on=datetime.date(2021, 12, 20),
        members=council,
        dossiers=[ready],
        by=staff_user,
    )
    session_close(session=session, votes={n.pk: (3, 0) for n in ready.nominees.all()}, by=staff_user)
    decision = decision_create(
        issuer=org.province,
        year=YEAR,
        award_form=ready.award_form,
        subject="Tặng Bằng khen",
        by=staff_user,
        nominees=list(ready.nominees.all()),
    )
    client.force_login(staff_user)
    client.post(f"/khen-thuong/quyet-dinh/{decision.pk}/ban-hanh/", {"signed_on": "28/12/2021"})
    decision.refresh_from_db()
    # Either the typed date is honoured or the issue is refused; never another date.
    assert (decision.state, decision.signed_on) in {
        (DecisionState.ISSUED, datetime.date(2021, 12, 28)),
        (DecisionState.DRAFT, None),
    }


def test_decision_is_visible_to_the_district_whose_people_it_awards(client, issued, alice, charlie):
    client.force_login(alice)
    url = f"/khen-thuong/quyet-dinh/{issued.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert [row[1] for row in table_rows(response, "awardees")[1:-1]] == [
        "Lò Thị Mai Công nhân",
        "Giàng A Sử Tổ trưởng",
        "CĐCS A2",
    ]
    assert [d.pk for d in client.get("/khen-thuong/quyet-dinh/").context["page"]] == [issued.pk]
    before = Decision.objects.values_list("state", "number", "revoked_reason").get(pk=issued.pk)
    assert client.post(url + "thu-hoi/", {"reason": "Huyện tự thu hồi"}).status_code == 403
    client.force_login(charlie)
    assert client.get(url).status_code == 404
    assert client.get(url + "danh-sach.xlsx").status_code == 404
    assert client.post(url + "thu-hoi/", {"reason": "Không phải của tôi"}).status_code == 404
    assert list(client.get("/khen-thuong/quyet-dinh/").context["page"]) == []
    assert Decision.objects.values_list("state", "number", "revoked_reason").get(pk=issued.pk) == before


def test_decision_list_counts_every_awardee_for_a_district(client, org, form, alice, staff_user):
    """A province decision awarding two people of A and one of B: district A's list must show
    the decision's three awardees, the number its own detail page lists."""
    decision = Decision.objects.create(
        issuer=org.province, year=YEAR, number=7, award_form=form, subject="QĐ", state=DecisionState.ISSUED
    )
    for who in (person(org.a1), person(org.a2, "Giàng A Sử"), person(org.b1, "Hà Văn Tư")):
        Awardee.objects.create(decision=decision, person=who)
    client.force_login(staff_user)
    assert [d.awardee_count for d in client.get("/khen-thuong/quyet-dinh/").context["page"]] == [3]
    client.force_login(alice)
    assert len(table_rows(client.get(decision.get_absolute_url()), "awardees")) == 5  # header, 3, total
    assert [d.awardee_count for d in client.get("/khen-thuong/quyet-dinh/").context["page"]] == [3]


# --- Sensitive data ------------------------------------------------------------------------------------

PLACEHOLDER = "(dữ liệu nhạy cảm: chỉ LĐLĐ tỉnh và đơn vị của người này được xem)"


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("province_staff", True),
        ("admin", True),
        ("own_unit", True),
        ("own_unit_viewer", True),
        ("district", False),
        ("viewer", False),
        ("district_admin", False),
        ("district_emulation_officer", False),
        ("province_viewer", False),
    ],
)
def test_person_ethnicity_is_shown_to_the_province_and_the_own_unit_only(client, org, who, sees):
    """By unit and role: an administrator or emulation officer placed at a district
    union does not see the ethnicity of its subtree; the provincial federation's do."""
    users = {
        "province_staff": (org.province, Role.PROVINCE_STAFF),
        "admin": (org.province, Role.ADMIN),
        "own_unit": (org.a1, Role.UNIT_STAFF),
        "own_unit_viewer": (org.a1, Role.VIEWER),
        "district": (org.a, Role.UNIT_STAFF),
        "viewer": (org.a, Role.VIEWER),
        "district_admin": (org.a, Role.ADMIN),
        "district_emulation_officer": (org.a, Role.PROVINCE_STAFF),
        "province_viewer": (org.province, Role.VIEWER),
    }
    user = make_user("nguoixem", *users[who])
    mai = person(org.a1, ethnicity="Thái")
    client.force_login(user)
    page = _page(client.get(f"/khen-thuong/ca-nhan/{mai.pk}/"))
    assert ("Thái" in page, PLACEHOLDER in page) == (sees, not sees)
    reads = AuditEntry.objects.filter(action="read_sensitive")
    expected = [("awards.person", str(mai.pk), {"field": "ethnicity"})] if sees else []
    assert list(reads.filter(actor=user).values_list("object_type", "object_id", "changes")) == expected
    assert reads.count() == len(expected)


def test_ethnicity_appears_on_no_other_page_or_export(client, org, form, alice, staff_user):
    """Only the person page shows the ethnicity (to those allowed, audited): the people
    list, the exports, a dossier's nominees and the history import preview never do,
    whoever reads them. The statistics count ethnic minorities only as totals."""
    mai = person(org.a1, position="Công nhân", ethnicity="Si La")
    dossier = dossier_create(proposing_unit=org.a, year=YEAR, award_form=form, title="Bằng khen", by=alice)
    nominee_add(dossier=dossier, by=alice, person=mai)
    district_admin = make_user("quantri.huyen", org.a, Role.ADMIN)
    history = (
        "ho_ten,gioi_tinh,dan_toc,ma_don_vi,nam,loai,gia_tri\nLò Thị Mai,nữ,Si La,A1,2019,danh_hieu,bogus\n"
    )
    for user in (district_admin, staff_user):
        client.force_login(user)
        lists_mai = [
            reverse("awards:person_list"),
            reverse("awards:person_list_xlsx"),
            reverse("awards:dossier_detail", kwargs={"dossier_id": dossier.pk}),
            reverse("awards:dossier_detail_xlsx", kwargs={"dossier_id": dossier.pk}),
            reverse("awards:person_detail_xlsx", kwargs={"person_id": mai.pk}),
        ]
        others = [
            reverse("awards:register_xlsx"),
            reverse("awards:register_pdf"),
            reverse("awards:statistics"),
            reverse("awards:statistics_xlsx"),
        ]
        for url in [*lists_mai, *others]:
            response = client.get(url)
            assert response.status_code == 200, url
            kind = response["Content-Type"]
            text = (
                _xlsx_text(response)
                if kind.startswith("application/vnd")
                else _pdf_text(response)
                if kind == "application/pdf"
                else response.content.decode()
            )
            assert ("Lò Thị Mai" in text) == (url in lists_mai), url
            assert "Si La" not in text, url
        upload = SimpleUploadedFile("qua-trinh.csv", history.encode(), content_type="text/csv")
        preview = client.post(reverse("awards:history_import"), {"file": upload})
        assert "Danh hiệu “bogus” không có trong danh mục." in _page(preview)
        assert "Si La" not in preview.content.decode()
    person_page = _page(client.get(mai.get_absolute_url()))  # the province's staff
    assert "Si La" in person_page
    assert AuditEntry.objects.filter(action="read_sensitive", actor=staff_user).count() == 1
    assert not AuditEntry.objects.filter(action="read_sensitive").exclude(actor=staff_user).exists()


def _xlsx_text(response) -> str:
    sheets = load_workbook(io.BytesIO(response.content)).worksheets
    return " ".join(str(v) for ws in sheets for row in ws.iter_rows(values_only=True) for v in row if v)


# --- Quotas ---------------------------------------------------------------------------------------------


def test_quota_page_shows_used_and_allocated_per_unit_and_totals(client, org, form, alice, charlie):
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
    client.force_login(charlie)
    response = client.get(f"/khen-thuong/phan-bo/{event.pk}/")
    rows = table_rows(response, "quota-table")
    assert rows[2:] == [
        ["1", "LĐLĐ huyện A", "6", "2", "4", "0/0", "1/2", "2/3", "0/1"],
        ["2", "LĐLĐ huyện B", "3", "1", "2", "0/1", "0/0", "0/2", "0/0"],
        ["", "Tổng số", "9", "3", "6", "1", "2", "5", "1"],
    ]
    assert "Tổng số 9; trong đó tập thể 3 và cá nhân 6 (tính từ các dòng)." in _page(response)


# --- Exports ----------------------------------------------------------------------------------------------


def _pdf_text(response) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_decision_awardee_list_xlsx_has_the_rows_and_prizes(client, issued, alice):
    client.force_login(alice)
    response = client.get(f"/khen-thuong/quyet-dinh/{issued.pk}/danh-sach.xlsx")
    assert response["Content-Disposition"] == f'attachment; filename="quyet-dinh-{issued.pk}.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "01/QĐ-LĐLĐ — Tặng Bằng khen năm 2021"
    assert [list(row) for row in sheet.iter_rows(min_row=3, values_only=True)] == [
        ["STT", "Họ tên / tập thể", "Chức vụ", "Đơn vị", "Tiền thưởng (đồng)"],
        [1, "Lò Thị Mai", "Công nhân", "CĐCS A1", 450_000],
        [2, "Giàng A Sử", "Tổ trưởng", "CĐCS A1", 450_000],
        [3, "CĐCS A2", "Tập thể", None, 900_000],
    ]


def test_decision_awardee_list_pdf_has_the_number_and_names(client, issued, staff_user):
    client.force_login(staff_user)
    response = client.get(f"/khen-thuong/quyet-dinh/{issued.pk}/danh-sach.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response)
    for expected in ("01/QĐ-LĐLĐ", "28/12/2021", "Lò Thị Mai", "Giàng A Sử", "CĐCS A2", "1.800.000"):
        assert expected in text


def test_dossier_register_xlsx_and_pdf_list_the_subtrees_dossiers(client, org, form, alice, charlie, issued):
    dossier_create(proposing_unit=org.b, year=YEAR, award_form=form, title="Hồ sơ huyện B", by=charlie)
    dossier_create(proposing_unit=org.a1, year=2020, award_form=form, title="Hồ sơ năm trước", by=alice)
    client.force_login(alice)
    response = client.get("/khen-thuong/so-ho-so.xlsx?year=2021")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert rows[0] == [
        "STT",
        "Năm",
        "Trích yếu",
        "Đơn vị đề nghị",
        "Hình thức",
        "Số người",
        "Trạng thái",
        "Ngày nộp",
    ]
    submitted = Dossier.objects.get(title="Bằng khen 2021").submitted_at
    assert rows[1][:7] == [
        1,
        2021,
        "Bằng khen 2021",
        "LĐLĐ huyện A",
        "Bằng khen LĐLĐ tỉnh",
        3,
        "Đã có quyết định",
    ]
    assert rows[1][7].date() == timezone.localdate(submitted)  # the day in Hà Nội
    assert len(rows) == 2
    text = _pdf_text(client.get("/khen-thuong/so-ho-so.pdf"))
    assert "Bằng khen 2021" in text and "Hồ sơ năm trước" in text and "Đã có quyết định" in text
    assert "Hồ sơ huyện B" not in text


def test_dossier_register_follows_the_lists_year_and_state(client, org, form, alice, charlie, staff_user):
    submitted = dossier_create(proposing_unit=org.a, year=YEAR, award_form=form, title="Đã nộp", by=alice)
    Dossier.objects.filter(pk=submitted.pk).update(
        state=DossierState.SUBMITTED,
        submitted_at=at(2021, 3, 2, 5),  # 01/03 22:00 UTC
    )
    dossier_create(proposing_unit=org.a1, year=YEAR, award_form=form, title="Nháp của A1", by=alice)
    dossier_create(proposing_unit=org.a, year=2020, award_form=form, title="Đã nộp năm trước", by=alice)
    dossier_create(proposing_unit=org.b, year=YEAR, award_form=form, title="Hồ sơ huyện B", by=charlie)
    client.force_login(alice)
    response = client.get(reverse("awards:register_xlsx"), {"year": "2021", "state": "submitted"})
    sheet = workbook(response)
    assert sheet["A1"].value == "Sổ theo dõi hồ sơ đề nghị khen thưởng — năm 2021; Trạng thái: Đã nộp"
    assert sheet_rows(sheet)[1:] == [
        [
            1,
            2021,
            "Đã nộp",
            "LĐLĐ huyện A",
            "Bằng khen LĐLĐ tỉnh",
            0,
            "Đã nộp",
            datetime.datetime(2021, 3, 2),
        ],
    ]
    everything = workbook(client.get(reverse("awards:register_xlsx"), {"year": "2021"}))
    assert [row[2] for row in sheet_rows(everything)[1:]] == ["Nháp của A1", "Đã nộp"]
    page = client.get(reverse("awards:dossier_list"), {"year": "2021", "state": "submitted", "page": "1"})
    assert 'href="/khen-thuong/so-ho-so.xlsx?year=2021&amp;state=submitted"' in page.content.decode()


# --- Query counts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 300])
def test_dossier_list_query_count_is_constant(client, org, form, alice, count, django_assert_num_queries):
    units = [org.a, org.a1, org.a2]
    dossiers = Dossier.objects.bulk_create(
        Dossier(proposing_unit=units[i % 3], year=YEAR, award_form=form, title=f"Hồ sơ {i}")
        for i in range(count)
    )
    Nominee.objects.bulk_create(Nominee(dossier=d, unit=org.a1) for d in dossiers)
    client.force_login(alice)
    client.get("/")
    with django_assert_num_queries(6):
        response = client.get("/khen-thuong/ho-so/")
    assert response.context["page"].paginator.count == count
    assert {d.nominee_count for d in response.context["page"]} == {1}


@pytest.mark.parametrize("count", [3, 300])
def test_decision_list_query_count_is_constant(client, org, form, alice, count, django_assert_num_queries):
    decisions = Decision.objects.bulk_create(
        Decision(
            issuer=org.province,
            year=YEAR,
            number=i,
            award_form=form,
            subject=f"QĐ {i}",
            state=DecisionState.ISSUED,
        )
        for i in range(1, count + 1)
    )
    mai = person(org.a1)
    Awardee.objects.bulk_create(Awardee(decision=d, person=mai, prize=450_000) for d in decisions)
    client.force_login(alice)
    client.get("/")
    with django_assert_num_queries(6):
        response = client.get("/khen-thuong/quyet-dinh/")
    assert response.context["page"].paginator.count == count
