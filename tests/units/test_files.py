"""Uploads checked by their content (units.files): the detected kind names the stored and
served extension, and a PDF carrying active content is refused with the reason."""

import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from units.documents import pdf_bytes
from units.files import FileRefused, check_upload, filename_for, stored_name

ADVICE = (
    "nên không được nhận. Hãy lưu lại thành PDF thông thường (ví dụ chọn In → Lưu dưới dạng PDF) rồi gửi lại."
)


def pdf_with(catalog: bytes = b"", extra: bytes = b"") -> bytes:
    """A small PDF whose catalog carries `catalog`, followed by the objects `extra`."""
    return (
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        + extra
        + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def object_stream(content: bytes, *, compress=True) -> bytes:
    data = zlib.compress(content) if compress else content
    return (
        b"3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(data)
        + data
        + b"\nendstream\nendobj\n"
    )


def upload(content: bytes, name: str = "to-trinh.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (pdf_with(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), "mã lệnh JavaScript"),
        (pdf_with(b"/Names << /JavaScript 3 0 R >>"), "mã lệnh JavaScript"),
        (pdf_with(b"/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>"), "mã lệnh JavaScript"),
        (pdf_with(b"/OpenAction << /S /Launch /F (cmd.exe) >>"), "lệnh mở chương trình khác (Launch)"),
        (pdf_with(b"/AA << /O 4 0 R >>"), "hành động tự chạy khi mở hoặc xem tệp"),
        (pdf_with(b"/Names << /EmbeddedFiles 5 0 R >>"), "tệp khác nhúng bên trong"),
        (pdf_with(b"/Names << /RichMedia 5 0 R >>"), "nội dung đa phương tiện nhúng (RichMedia)"),
        (
            pdf_with(b"/OpenAction 4 0 R", object_stream(b"4 0 << /S /JavaScript /JS (app.alert(1)) >>")),
            "mã lệnh JavaScript",
        ),
        (
            pdf_with(b"/OpenAction << /S /Launch /F (x) >> /AA << /O 4 0 R >>"),
            "hành động tự chạy khi mở hoặc xem tệp, lệnh mở chương trình khác (Launch)",
        ),
        (
            pdf_with(b"/OpenAction 4 0 R", object_stream(b"\x8f\x11 encrypted bytes", compress=False)),
            "phần nội dung được mã hóa nên không kiểm tra được",
        ),
    ],
    ids=[
        "js",
        "names-tree",
        "hex-escaped",
        "launch",
        "aa",
        "embedded",
        "richmedia",
        "objstm",
        "two",
        "unreadable",
    ],
)
def test_a_pdf_with_active_content_is_refused_with_the_reason(content, what):
    with pytest.raises(FileRefused) as refused:
        check_upload(upload(content))
    assert str(refused.value) == f"Tệp PDF to-trinh.pdf có {what} {ADVICE}"


@pytest.mark.parametrize(
    "content",
    [
        pdf_with(b"/OpenAction [2 0 R /Fit]"),  # opens at a page: no action runs
        pdf_with(extra=b"4 0 obj\n<< /Length 12 >>\nstream\n\x00/JS /AA \xff\x01\nendstream\nendobj\n"),
        pdf_with(b"/OpenAction [2 0 R /Fit]", object_stream(b"4 0 << /Type /Font /Subtype /Type1 >>")),
    ],
    ids=["open-at-page", "names-in-image-data", "plain-object-stream"],
)
def test_a_plain_pdf_is_accepted(content):
    assert check_upload(upload(content)).kind == "pdf"


def test_a_pdf_made_by_the_application_is_accepted(db):
    content = pdf_bytes("awards/pdf_register.html", {"dossiers": [], "title": "Sổ theo dõi hồ sơ"})
    assert check_upload(upload(content)).content_type == "application/pdf"


def test_a_pdf_whose_object_streams_inflate_beyond_the_budget_is_refused(settings):
    from units import files

    bomb = pdf_with(
        b"/OpenAction 4 0 R", object_stream(b"4 0 << >>" + b" " * (files.MAX_INFLATED_BYTES + 10))
    )
    with pytest.raises(FileRefused) as refused:
        check_upload(upload(bomb))
    assert str(refused.value) == "Tệp PDF bất thường (phần nén giải ra quá lớn): không nhận."


def test_a_pdf_with_thousands_of_object_streams_is_refused():
    """A crafted file: each object stream costs an attempt, so their number is bounded."""
    from units import files

    crafted = pdf_with(extra=b"/ObjStm stream\n" * (files.MAX_OBJECT_STREAMS + 1))
    with pytest.raises(FileRefused) as refused:
        check_upload(upload(crafted))
    assert str(refused.value) == "Tệp PDF bất thường (quá nhiều phần nén): không nhận."


@pytest.mark.parametrize(
    ("original", "content_type", "served"),
    [
        ("x.html", "application/pdf", "x.pdf"),
        ("Báo cáo.PDF", "application/pdf", "Báo cáo.pdf"),
        ("ảnh.jpeg", "image/jpeg", "ảnh.jpeg"),
        ("ảnh.png", "image/jpeg", "ảnh.jpg"),
        (
            "to-trinh",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "to-trinh.docx",
        ),
        (
            "C:\\Users\\a\\bang.xls.exe",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "bang.xls.xlsx",
        ),
    ],
)
def test_the_served_name_takes_the_extension_of_the_detected_kind(original, content_type, served):
    assert filename_for(original, content_type) == served


def test_the_stored_name_takes_the_extension_of_the_detected_kind():
    assert stored_name("abc123", "application/pdf") == "abc123.pdf"
    assert stored_name("abc123", "image/png") == "abc123.png"


def test_a_campaign_document_is_checked_and_named_by_its_kind(staff_user):
    """Every app's uploads go through units.files: the emulation campaign's document too."""
    from emulation.forms import CampaignForm

    form = CampaignForm({}, {"document": upload(pdf_with(), "ke-hoach.html")}, user=staff_user)
    form.is_valid()
    assert "document" not in form.errors
    assert form.cleaned_data["document"].name == "ke-hoach.pdf"
    active = pdf_with(b"/OpenAction << /S /Launch /F (cmd.exe) >>")
    form = CampaignForm({}, {"document": upload(active, "ke-hoach.pdf")}, user=staff_user)
    assert form.errors["document"] == [f"Tệp PDF ke-hoach.pdf có lệnh mở chương trình khác (Launch) {ADVICE}"]
