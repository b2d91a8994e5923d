"""Uploaded files checked by their content, never by their name.

Dossier attachments may be PDF, DOCX, XLSX, JPG or PNG. A DOCX or XLSX is a ZIP archive:
it is opened to check that it really is one of them, and refused when it would expand to
far more than it weighs (a zip bomb) before anything reads it further. A PDF that carries
active content (JavaScript, a command to launch another program, automatic actions,
embedded files or media) is refused: a dossier's documents are read, never run.

The detected kind decides the extension a file is stored and served under, and its
Content-Type: a PDF uploaded as "x.html" is kept and downloaded as "x.pdf".
"""

import bisect
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath

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


EXTENSIONS = {content_type: kind for kind, content_type in CONTENT_TYPES.items()}
# Extensions that name the same kind as the detected one (kept as the user wrote them).
SAME_KIND = {JPEG: {"jpg", "jpeg"}}


@dataclass(frozen=True)
class CheckedFile:
    kind: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]

    @property
    def extension(self) -> str:
        return self.kind

    def filename(self, original: str) -> str:
        return filename_for(original, self.content_type)


def filename_for(original: str, content_type: str) -> str:
    """The name a checked file is served under: the uploader's name with the extension
    of the kind its content was found to be ("x.html" holding a PDF is "x.pdf")."""
    kind = EXTENSIONS.get(content_type)
    name = PurePath(original.replace("\\", "/")).name.strip() or "tep"
    if kind is None:
        return name
    stem, dot, extension = name.rpartition(".")
    if dot and stem and extension.lower() in SAME_KIND.get(kind, {kind}):
        return f"{stem}.{extension.lower()}"
    return f"{stem if dot and stem else name}.{kind}"


def stored_name(stem: str, content_type: str) -> str:
    """A generated storage name with the extension of the detected kind."""
    kind = EXTENSIONS.get(content_type)
    return f"{stem}.{kind}" if kind else stem


# --- PDF active content ------------------------------------------------------------------------

# Names that make a PDF do something when opened or viewed. An /OpenAction that only
# sets the first page is harmless; one that runs JavaScript carries /JS or /JavaScript.
ACTIVE_PDF_NAMES = {
    "JS": "JavaScript",
    "JavaScript": "JavaScript",
    "Launch": "Launch",
    "AA": "AA",
    "EmbeddedFile": "EmbeddedFile",
    "EmbeddedFiles": "EmbeddedFile",
    "RichMedia": "RichMedia",
}
STREAM_START = re.compile(rb"stream\r?\n")
# Object streams hold small dictionaries; more than this inflated in all is a bomb.
MAX_INFLATED_BYTES = 50 * 1024 * 1024
# How far after an object stream's /ObjStm its data may begin (the rest of its dictionary).
MAX_DICTIONARY_BYTES = 4096
# A file has a few hundred object streams at most; thousands are a crafted file.
MAX_OBJECT_STREAMS = 10_000


def _escapable(name: str) -> bytes:
    """A pattern for a name however the PDF syntax writes its letters: "/J#53" is the
    name "/JS". The name must end there ("/JSX" is another name)."""

    def hex_digits(c: str) -> str:
        return "".join(f"[{d}{d.lower()}]" if d.isalpha() else d for d in f"{ord(c):02X}")

    letters = "".join(f"(?:{re.escape(c)}|#{hex_digits(c)})" for c in name)
    return rf"/{letters}(?![^\x00-\x20/<>\[\](){{}}%#\x7f-\xff]|#[0-9A-Fa-f]{{2}})".encode()


OBJECT_STREAM = re.compile(_escapable("ObjStm"))
ACTIVE_PDF_PATTERNS = [(re.compile(_escapable(name)), kind) for name, kind in ACTIVE_PDF_NAMES.items()]


def _object_streams(data: bytes):
    """The inflated content of each object stream (/Type /ObjStm): the dictionaries kept
    there are compressed, invisible in the file's bytes. Yields None for one that cannot
    be inflated (an encrypted file, another filter). Each stream is inflated once and
    the inflated total is bounded, so a crafted file costs about its own size."""
    budget = MAX_INFLATED_BYTES
    view = memoryview(data)
    ends = [m.start() for m in re.finditer(rb"endstream", data)]
    seen = set()
    for match in OBJECT_STREAM.finditer(data):
        start = STREAM_START.search(data, match.end(), match.end() + MAX_DICTIONARY_BYTES)
        if start is None or start.end() in seen:
            continue
        seen.add(start.end())
        if len(seen) > MAX_OBJECT_STREAMS:
            raise FileRefused(_("Tệp PDF bất thường (quá nhiều phần nén): không nhận."))
        following = bisect.bisect_left(ends, start.end())
        end = ends[following] if following < len(ends) else len(data)
        try:
            content = _inflate(view[start.end() : end], budget + 1)
        except zlib.error:
            yield None
            continue
        budget -= len(content)
        if budget < 0:
            raise FileRefused(_("Tệp PDF bất thường (phần nén giải ra quá lớn): không nhận."))
        yield content


def _inflate(data: memoryview, limit: int) -> bytes:
    """Inflate up to `limit` bytes, feeding the input in growing pieces: zlib's cost is
    that of the input it is handed, and most refusals come in the first bytes."""
    inflater, parts, size, position, piece = zlib.decompressobj(), [], 0, 0, 512
    while position < len(data) and not inflater.eof and size < limit:
        chunk = data[position : position + piece]
        position += len(chunk)
        out = inflater.decompress(chunk, limit - size)
        parts.append(out)
        size += len(out)
        piece = min(piece * 2, 1024 * 1024)
    return b"".join(parts)


def _outside_streams(data: bytes) -> bytes:
    """The file without its streams' data: the objects and dictionaries only. Image and
    font data are left out, where random bytes could spell "/JS" by chance."""
    parts, position = [], 0
    while start := STREAM_START.search(data, position):
        parts.append(data[position : start.end()])
        end = data.find(b"endstream", start.end())
        if end == -1:
            position = len(data)
            break
        position = end + len(b"endstream")
    parts.append(data[position:])
    return b"".join(parts)


def _active_pdf_content(upload) -> list[str]:
    """The kinds of active content a PDF carries ([] for a plain document)."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    texts = [_outside_streams(data)]
    unreadable = False
    for content in _object_streams(data):
        if content is None:
            unreadable = True
        else:
            texts.append(content)
    found = {kind for pattern, kind in ACTIVE_PDF_PATTERNS if any(pattern.search(t) for t in texts)}
    if unreadable and not found:
        found.add("unreadable")
    return sorted(found)


def _refuse_active_pdf(upload) -> None:
    found = _active_pdf_content(upload)
    if not found:
        return
    reasons = {
        "JavaScript": _("mã lệnh JavaScript"),
        "Launch": _("lệnh mở chương trình khác (Launch)"),
        "AA": _("hành động tự chạy khi mở hoặc xem tệp"),
        "EmbeddedFile": _("tệp khác nhúng bên trong"),
        "RichMedia": _("nội dung đa phương tiện nhúng (RichMedia)"),
        "unreadable": _("phần nội dung được mã hóa nên không kiểm tra được"),
    }
    raise FileRefused(
        _(
            "Tệp PDF %(name)s có %(what)s nên không được nhận. Hãy lưu lại thành PDF thông thường "
            "(ví dụ chọn In → Lưu dưới dạng PDF) rồi gửi lại."
        )
        % {"name": upload.name, "what": ", ".join(str(reasons[k]) for k in found)}
    )


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
    if kind == PDF:
        _refuse_active_pdf(upload)
    return CheckedFile(kind)
