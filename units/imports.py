"""Import of units from CSV or XLSX: parse → check every row → save all or nothing.

Columns (Vietnamese or English headers): ma / code, ten / name, ten_viet_tat /
short_name (optional), loai / kind, khoi / sector, ma_cap_tren / parent_code. A row's
parent is either an existing unit in the importer's scope or another row of the file.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.core import signing
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from units.enums import Sector, UnitKind
from units.formatting import format_number
from units.models import Unit, User, fold_text
from units.queries import can_see_unit
from units.text import clean_text

IMPORT_SIGNING_SALT = "units.import"
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024

HEADER_ALIASES = {
    "code": {"ma", "ma don vi", "code"},
    "name": {"ten", "ten don vi", "name"},
    "short_name": {"ten viet tat", "short name", "short_name"},
    "kind": {"loai", "loai don vi", "kind"},
    "sector": {"khoi", "sector"},
    "parent_code": {"ma cap tren", "ma don vi cap tren", "parent code", "parent_code"},
}
COLUMN_NAMES = {"code": "ma", "name": "ten", "kind": "loai", "parent_code": "ma_cap_tren"}


def _fold(text: str) -> str:
    """Lower case without diacritics or underscores: "Mã cấp trên" → "ma cap tren"."""
    return fold_text(str(text or "").replace("_", " "))


KIND_LOOKUP = (
    {_fold(v): v for v in UnitKind.values}
    | {_fold(label): value for value, label in UnitKind.choices}
    | {"cd co so": UnitKind.GRASSROOTS, "ldld huyen": UnitKind.DISTRICT, "ben ngoai": UnitKind.OUTSIDE}
)
SECTOR_LOOKUP = {"": Sector.NONE, "khong": Sector.NONE, "hcsn": Sector.HCSN, "sxkd": Sector.SXKD} | {
    _fold(label): value for value, label in Sector.choices
}


@dataclass
class ImportRow:
    line: int
    code: str
    name: str
    short_name: str
    kind: str
    sector: str
    parent_code: str
    errors: list[str] = field(default_factory=list)
    parent_name: str = ""

    def as_dict(self) -> dict:
        return {
            "line": self.line,
            "code": self.code,
            "name": self.name,
            "short_name": self.short_name,
            "kind": self.kind,
            "sector": self.sector,
            "parent_code": self.parent_code,
        }


def value_error(model, field_name: str, value, *, column: str) -> str:
    """Why `value` does not fit the model field it is saved into ("" when it fits): text
    longer than the field's max_length, an integer outside the range of its column type,
    a decimal with more digits than the column keeps. The limits are PostgreSQL's, read
    from the field itself: SQLite enforces none of them, so both refuse the same files
    before saving instead of PostgreSQL failing half-way with a DataError."""
    if value is None or value == "":
        return ""
    field_ = model._meta.get_field(field_name)
    if isinstance(value, str):
        if field_.max_length is not None and len(value) > field_.max_length:
            return _("Cột %(c)s dài %(n)s ký tự, tối đa %(m)s ký tự.") % {
                "c": column,
                "n": len(value),
                "m": field_.max_length,
            }
        return ""
    kind = field_.get_internal_type()
    if kind in BaseDatabaseOperations.integer_field_ranges:
        low, high = BaseDatabaseOperations.integer_field_ranges[kind]
        if not low <= value <= high:
            return _("Cột %(c)s: %(v)s nằm ngoài khoảng %(lo)s–%(hi)s.") % {
                "c": column,
                "v": format_number(value),
                "lo": format_number(low),
                "hi": format_number(high),
            }
    elif kind == "DecimalField":
        places = field_.decimal_places
        largest = Decimal(10) ** (field_.max_digits - places) - Decimal(10) ** -places
        if abs(value) > largest:
            return _("Cột %(c)s: %(v)s vượt quá giá trị lớn nhất cột này lưu được (%(m)s).") % {
                "c": column,
                "v": format_number(value, max(0, -value.normalize().as_tuple().exponent)),
                "m": format_number(largest, places),
            }
        if value != value.quantize(Decimal(10) ** -places):
            return _("Cột %(c)s: %(v)s có quá %(p)s chữ số sau dấu phẩy.") % {
                "c": column,
                "v": str(value).replace(".", ","),
                "p": places,
            }
    return ""


def value_errors(model, values: dict, columns: dict[str, str]) -> list[str]:
    """`value_error` for each field of `values` ({field name: value}); `columns` names
    each field's column as the file's header spells it."""
    return [
        error
        for name, value in values.items()
        if (error := value_error(model, name, value, column=columns.get(name, name)))
    ]


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, size, header)."""


def read_table(filename: str, content: bytes) -> list[list[str]]:
    """Every cell as text, cleaned as forms clean theirs (units.text: NFC, no invisible
    characters): a name in a file is stored and found like one typed on a page."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(_("Tệp quá lớn (tối đa 5 MB)."))
    if filename.lower().endswith(".xlsx"):
        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a damaged file
            raise ImportFileError(_("Không đọc được tệp Excel: %(e)s") % {"e": exc}) from exc
        sheet = workbook.worksheets[0]
        rows = [
            ["" if v is None else clean_text(str(v)).strip() for v in row]
            for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1)
        ]
        workbook.close()
        return rows
    if filename.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("Tệp CSV phải mã hóa UTF-8.")) from exc
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return [[clean_text(cell).strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    raise ImportFileError(_("Chỉ nhận tệp .csv hoặc .xlsx."))


def _column_positions(header: list[str], aliases: dict[str, set[str]]) -> dict[str, int]:
    """Each column key's position: the first header cell that one of its names folds to."""
    folded = [_fold(h) for h in header]
    return {
        key: next(i for i, h in enumerate(folded) if h in names)
        for key, names in aliases.items()
        if any(h in names for h in folded)
    }


def read_records(
    filename: str, content: bytes, *, aliases: dict[str, set[str]], required: dict[str, str]
) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV or XLSX file as (line number, {column key: text}), blank rows left
    out. `aliases` maps a column key to the folded headers that name it; `required`
    maps the keys that must be present to the header shown in the error."""
    table = read_table(filename, content)
    if not table:
        raise ImportFileError(_("Tệp không có dữ liệu."))
    columns = _column_positions(table[0], aliases)
    missing = [name for key, name in required.items() if key not in columns]
    if missing:
        raise ImportFileError(
            _("Thiếu cột: %(cols)s. Cần các cột %(all)s.")
            % {"cols": ", ".join(missing), "all": ", ".join(required.values())}
        )
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(_("Tối đa %(n)s dòng mỗi lần nhập.") % {"n": MAX_ROWS})
    records = [
        (line, {key: raw[i].strip() if i < len(raw) else "" for key, i in columns.items()})
        for line, raw in enumerate(table[1:], start=2)
        if any(c.strip() for c in raw)
    ]
    if not records:
        raise ImportFileError(_("Tệp không có dòng dữ liệu nào."))
    return records


def parse_units_file(filename: str, content: bytes) -> list[ImportRow]:
    records = read_records(filename, content, aliases=HEADER_ALIASES, required=COLUMN_NAMES)
    return [
        ImportRow(
            line=line,
            code=cells.get("code", ""),
            name=cells.get("name", ""),
            short_name=cells.get("short_name", ""),
            kind=cells.get("kind", ""),
            sector=cells.get("sector", ""),
            parent_code=cells.get("parent_code", ""),
        )
        for line, cells in records
    ]


@dataclass
class RowContext:
    """What the row rules know of the whole file and of the database: the user's scope,
    each code's first row, the codes written twice, the units the file's codes name."""

    user: User
    file_codes: dict[str, ImportRow]
    duplicates: set[str]
    existing: dict[str, Unit]

    @classmethod
    def of(cls, rows: list[ImportRow], *, user: User) -> "RowContext":
        file_codes: dict[str, ImportRow] = {}
        duplicates = set()
        for row in rows:
            if row.code in file_codes:
                duplicates.add(row.code)
            file_codes.setdefault(row.code, row)
        referenced = {r.code for r in rows} | {r.parent_code for r in rows if r.parent_code}
        existing = {u.code: u for u in Unit.objects.filter(code__in=referenced)}
        return cls(user=user, file_codes=file_codes, duplicates=duplicates, existing=existing)


# One rule per column or relation, in the order a row's errors are listed. Each returns
# the row's errors; the kind and sector rules also store the value they recognised, and
# the parent rule the parent's name shown in the preview.


def required_rule(row: ImportRow, ctx: RowContext) -> list[str]:
    return [
        message
        for value, message in ((row.code, _("Thiếu mã đơn vị.")), (row.name, _("Thiếu tên đơn vị.")))
        if not value
    ]


def length_rule(row: ImportRow, ctx: RowContext) -> list[str]:
    return value_errors(
        Unit,
        {"code": row.code, "name": row.name, "short_name": row.short_name},
        {"code": "ma", "name": "ten", "short_name": "ten_viet_tat"},
    )


def kind_rule(row: ImportRow, ctx: RowContext) -> list[str]:
    kind = KIND_LOOKUP.get(_fold(row.kind))
    if kind is None:
        return [_("Loại đơn vị không hợp lệ: “%(v)s”.") % {"v": row.kind}]
    row.kind = kind
    return []


def sector_rule(row: ImportRow, ctx: RowContext) -> list[str]:
    sector = SECTOR_LOOKUP.get(_fold(row.sector))
    if sector is None:
        return [_("Khối không hợp lệ: “%(v)s” (HCSN, SXKD hoặc để trống).") % {"v": row.sector}]
    row.sector = sector
    return []


def code_rule(row: ImportRow, ctx: RowContext) -> list[str]:
    errors = []
    if row.code in ctx.duplicates:
        errors.append(_("Mã %(code)s xuất hiện nhiều lần trong tệp.") % {"code": row.code})
    if row.code in ctx.existing:
        errors.append(_("Mã %(code)s đã có trong hệ thống.") % {"code": row.code})
    return errors


def parent_rule(row: ImportRow, ctx: RowContext) -> list[str]:
    """The parent is another row of the file or an active unit in the user's scope; only
    an outside body may have none. Runs after kind_rule (an outside body's kind)."""
    if not row.parent_code:
        return [] if row.kind == UnitKind.OUTSIDE else [_("Thiếu mã đơn vị cấp trên.")]
    if row.parent_code == row.code:
        return [_("Đơn vị không thể là cấp trên của chính nó.")]
    if row.parent_code in ctx.file_codes:
        row.parent_name = ctx.file_codes[row.parent_code].name
        return []
    if row.parent_code in ctx.existing:
        return _existing_parent_errors(row, ctx.existing[row.parent_code], ctx.user)
    return [_("Không tìm thấy đơn vị cấp trên có mã %(code)s.") % {"code": row.parent_code}]


def _existing_parent_errors(row: ImportRow, parent: Unit, user: User) -> list[str]:
    row.parent_name = parent.name
    if not can_see_unit(user, parent) or parent.kind == UnitKind.OUTSIDE:
        return [_("Đơn vị cấp trên %(code)s nằm ngoài phạm vi quản lý của bạn.") % {"code": row.parent_code}]
    if not parent.is_active:
        return [_("Đơn vị cấp trên %(code)s đã ngừng hoạt động.") % {"code": row.parent_code}]
    return []


def cycle_rule(row: ImportRow, ctx: RowContext) -> list[str]:
    """A cycle is a chain of parents inside the file that comes back to where it started."""
    seen = {row.code}
    current = row
    while current.parent_code in ctx.file_codes and current.parent_code != current.code:
        current = ctx.file_codes[current.parent_code]
        if current.code in seen:
            return [_("Vòng lặp cấp trên: %(code)s là cấp dưới của chính nó.") % {"code": row.code}]
        seen.add(current.code)
    return []


ROW_RULES = (required_rule, length_rule, kind_rule, sector_rule, code_rule, parent_rule, cycle_rule)


def check_rows(rows: list[ImportRow], *, user: User) -> list[ImportRow]:
    """Fill each row's errors (ROW_RULES): missing fields, text too long, bad kind or
    sector, duplicate code (in the file or already used), unknown parent, parent outside
    the user's units, cycle."""
    for row in rows:
        row.code, row.parent_code = row.code.upper(), row.parent_code.upper()
    ctx = RowContext.of(rows, user=user)
    for row in rows:
        for rule in ROW_RULES:
            row.errors += rule(row, ctx)
    return rows


def sign_preview(filename: str, rows: list[ImportRow]) -> str:
    """A preview's checked rows, signed, to travel in the confirm form: no server keeps
    state between the upload and the confirmation, and no one can change the rows."""
    payload = {"filename": filename, "rows": [r.as_dict() for r in rows]}
    return signing.Signer(salt=IMPORT_SIGNING_SALT).sign(json.dumps(payload))


def unsign_preview(signed: str) -> tuple[str, list[ImportRow]]:
    """The file name and rows `sign_preview` signed; ImportFileError when the text was
    changed on the way."""
    try:
        payload = json.loads(signing.Signer(salt=IMPORT_SIGNING_SALT).unsign(signed))
    except (signing.BadSignature, ValueError) as exc:
        raise ImportFileError(_("Dữ liệu xem trước không hợp lệ, vui lòng tải tệp lên lại.")) from exc
    return payload["filename"], [ImportRow(**row) for row in payload["rows"]]


def match_unit(text: str, units: list[Unit]) -> tuple[Unit | None, str]:
    """A member named by code, name, short name, or the end of its name ("Lào Cai" for
    "Liên đoàn Lao động tỉnh Lào Cai"). Returns the unit or an error."""
    folded = fold_text(text)
    if not folded:
        return None, _("Thiếu tên đơn vị.")
    exact = [u for u in units if folded in {fold_text(u.code), fold_text(u.name), fold_text(u.short_name)}]
    candidates = exact or [u for u in units if fold_text(u.name).endswith(" " + folded)]
    if len(candidates) == 1:
        return candidates[0], ""
    if not candidates:
        return None, _("“%(t)s” không phải là đơn vị thành viên.") % {"t": text}
    return None, _("“%(t)s” khớp với nhiều đơn vị: ghi mã đơn vị.") % {"t": text}
