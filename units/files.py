"""Uploaded files checked by their content, never by their name.

Dossier attachments may be PDF, DOCX, XLSX, JPG or PNG. A DOCX or XLSX is a ZIP archive:
it is opened to check that it really is one of them, and refused when it would expand to
far more than it weighs (a zip bomb) before anything reads it further.
"""

import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_EXPANDED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100
MAX_ENTRIES = 2000

PDF, DOCX, XLSX, JPEG, PNG = "pdf", "docx", "xlsx", "jpg", "png"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    JPEG: "image/jpeg",
    PNG: "image/png",
}


class FileRefused(ValueError):
    """The upload is not an allowed kind, is too large, or is unsafe."""


@dataclass(frozen=True)
class CheckedFile:
    kind: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


def _office_kind(head: bytes, upload) -> str:
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise FileRefused(_("Tệp nén bị hỏng hoặc không phải DOCX/XLSX.")) from exc
    finally:
        upload.seek(0)
    if len(entries) > MAX_ENTRIES:
        raise FileRefused(_("Tệp có quá nhiều thành phần bên trong."))
    expanded = sum(max(e.file_size, 0) for e in entries)
    packed = max(sum(e.compress_size for e in entries), 1)
    if expanded > MAX_EXPANDED_BYTES or expanded / packed > MAX_RATIO:
        raise FileRefused(_("Tệp nén bất thường (giải nén quá lớn so với dung lượng): không nhận."))
    names = {e.filename for e in entries}
    if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
        return DOCX
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        return XLSX
    raise FileRefused(_("Tệp nén không phải văn bản Word (DOCX) hoặc bảng tính Excel (XLSX)."))


def check_upload(
    upload, *, allowed: tuple[str, ...] = (PDF, DOCX, XLSX, JPEG, PNG), max_bytes: int = MAX_FILE_BYTES
):
    """Return the file's real kind, or raise FileRefused with a Vietnamese reason."""
    if upload.size > max_bytes:
        raise FileRefused(
            _("Tệp %(name)s lớn hơn %(mb)s MB.") % {"name": upload.name, "mb": max_bytes // (1024 * 1024)}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif head.startswith(b"PK\x03\x04"):
        kind = _office_kind(head, upload)
    else:
        raise FileRefused(
            _("%(name)s không phải tệp PDF, DOCX, XLSX, JPG hoặc PNG (kiểm tra theo nội dung tệp).")
            % {"name": upload.name}
        )
    if kind not in allowed:
        raise FileRefused(_("Loại tệp này không được nhận ở đây."))
    return CheckedFile(kind)
