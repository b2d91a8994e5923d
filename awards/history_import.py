"""Past years' history (titles, ratings, awards, initiatives, discipline) from CSV/XLSX.

Columns: ho_ten (empty for a collective: the unit itself), gioi_tinh, nam_sinh, dan_toc,
chuc_vu, ma_don_vi, nam, loai (danh_hieu, xep_loai, khen_thuong, sang_kien, ky_luat),
gia_tri (a title code such as ldtt or ttldxs; a rating such as htxsnv; an award form code;
an initiative level 1–3; a discipline level 1–4), mo_ta. People are matched by name within
their unit and created when new. One bad row refuses the file.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import DisciplineLevel, Gender, HistoryKind, InitiativeLevel, Rating
from awards.models import AwardForm, HistoryEntry, Person
from emulation.enums import EmulationTitle
from units.audit import audit_record
from units.enums import AuditAction
from units.imports import read_records, value_errors
from units.models import Unit, fold_text

KINDS = {
    "danh hieu": HistoryKind.TITLE,
    "xep loai": HistoryKind.RATING,
    "khen thuong": HistoryKind.AWARD,
    "sang kien": HistoryKind.INITIATIVE,
    "ky luat": HistoryKind.DISCIPLINE,
}
ALIASES = {
    "name": {"ho ten", "ho va ten"},
    "gender": {"gioi tinh"},
    "birth_year": {"nam sinh"},
    "ethnicity": {"dan toc"},
    "position": {"chuc vu"},
    "unit": {"ma don vi", "don vi"},
    "year": {"nam"},
    "kind": {"loai"},
    "value": {"gia tri"},
    "description": {"mo ta", "noi dung"},
}
REQUIRED = {"unit": "ma_don_vi", "year": "nam", "kind": "loai", "value": "gia_tri"}
# The file's column for each field a row saves, as error messages name it.
COLUMNS = {
    "full_name": "ho_ten",
    "birth_year": "nam_sinh",
    "ethnicity": "dan_toc",
    "position": "chuc_vu",
    "description": "mo_ta",
}
FIRST_BIRTH_YEAR = 1900
GENDERS = {"nam": Gender.MALE, "nu": Gender.FEMALE}


@dataclass
class HistoryRow:
    line: int
    cells: dict
    errors: list[str] = field(default_factory=list)
    unit: Unit | None = None
    entry: dict = field(default_factory=dict)


def _title(value: str, forms) -> tuple[dict, str]:
    ok = value.lower() in EmulationTitle.values
    return {"title": value.lower()}, "" if ok else _("Danh hiệu “%(v)s” không có trong danh mục.") % {
        "v": value
    }


def _rating(value: str, forms) -> tuple[dict, str]:
    ok = value.lower() in Rating.values
    refused = _("Xếp loại “%(v)s” không hợp lệ (htxsnv, httnv, htnv, khtnv).") % {"v": value}
    return {"rating": value.lower()}, "" if ok else refused


def _award(value: str, forms) -> tuple[dict, str]:
    award_form = forms.get(value.lower())
    refused = _("Không có hình thức khen thưởng mã “%(v)s”.") % {"v": value}
    return {"award_form": award_form}, "" if award_form else refused


def _initiative(value: str, forms) -> tuple[dict, str]:
    ok = value in {str(v) for v in InitiativeLevel.values}
    level = int(value) if value.isdigit() else None
    return {"initiative_level": level}, "" if ok else _("Cấp sáng kiến phải là 1, 2 hoặc 3.")


def _discipline(value: str, forms) -> tuple[dict, str]:
    ok = value in {str(v) for v in DisciplineLevel.values}
    level = int(value) if value.isdigit() else None
    return {"discipline_level": level}, "" if ok else _("Mức kỷ luật phải từ 1 (khiển trách) đến 4.")


# How the gia_tri column reads for each kind of entry: (the entry's fields, an error or "").
VALUE_READERS = {
    HistoryKind.TITLE: _title,
    HistoryKind.RATING: _rating,
    HistoryKind.AWARD: _award,
    HistoryKind.INITIATIVE: _initiative,
    HistoryKind.DISCIPLINE: _discipline,
}


def _entry(row: HistoryRow, forms) -> dict:
    """The history entry a row gives, its errors added to the row."""
    cells = row.cells
    year = cells.get("year", "").strip()
    if not (year.isdigit() and 1990 <= int(year) <= 2100):
        row.errors.append(_("Năm “%(y)s” không hợp lệ.") % {"y": year})
    kind = KINDS.get(fold_text(cells.get("kind", "").replace("_", " ")))
    entry = {
        "year": int(year) if year.isdigit() else 0,
        "kind": kind,
        "description": cells.get("description", "").strip(),
    }
    row.errors += value_errors(HistoryEntry, {"description": entry["description"]}, COLUMNS)
    if kind is None:
        row.errors.append(_("Loại “%(k)s” không hợp lệ.") % {"k": cells.get("kind")})
        return entry
    fields, error = VALUE_READERS[kind](cells.get("value", "").strip(), forms)
    if error:
        row.errors.append(error)
    return entry | fields


def _needs_gender(rows: list[HistoryRow], row: HistoryRow) -> bool:
    """A person new to the unit (and not named on an earlier line) needs a gender."""
    cells = row.cells
    new_person = cells.get("name", "").strip() and not _existing_person(cells, row.unit)
    return (
        bool(new_person)
        and fold_text(cells.get("gender", "")) not in GENDERS
        and not _named_earlier(rows, cells)
    )


def parse_history(filename: str, content: bytes, *, scope: Unit) -> list[HistoryRow]:
    units = {u.code: u for u in Unit.objects.subtree_of(scope)}
    forms = {f.code: f for f in AwardForm.objects.all()}
    rows = []
    for line, cells in read_records(filename, content, aliases=ALIASES, required=REQUIRED):
        row = HistoryRow(line=line, cells=cells)
        row.unit = units.get(cells.get("unit", "").upper())
        if row.unit is None:
            row.errors.append(_("Không có đơn vị mã %(c)s trong phạm vi của bạn.") % {"c": cells.get("unit")})
        row.entry = _entry(row, forms)
        row.errors += _person_errors(cells)
        if _needs_gender(rows, row):
            row.errors.append(_("Người mới cần giới tính (nam hoặc nữ)."))
        rows.append(row)
    return rows


def _birth_year(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


def _person_errors(cells: dict) -> list[str]:
    """The personal columns against what a Person keeps. The ethnicity is sensitive: a
    message names its column and length, never its value."""
    errors = value_errors(
        Person,
        {
            name: cells.get(key, "").strip()
            for name, key in (("full_name", "name"), ("ethnicity", "ethnicity"), ("position", "position"))
        },
        COLUMNS,
    )
    birth = cells.get("birth_year", "").strip()
    this_year = timezone.localdate().year
    if birth and not (birth.isdigit() and FIRST_BIRTH_YEAR <= int(birth) <= this_year):
        errors.append(
            _("Năm sinh “%(v)s” không hợp lệ: cần một năm từ %(a)s đến %(b)s.")
            % {"v": birth[:20], "a": FIRST_BIRTH_YEAR, "b": this_year}
        )
    return errors


def _named_earlier(rows: list[HistoryRow], cells: dict) -> bool:
    """A later row of the same new person need not repeat the personal columns."""
    name, unit = fold_text(cells.get("name", "")), cells.get("unit", "").upper()
    return any(
        fold_text(r.cells.get("name", "")) == name
        and r.cells.get("unit", "").upper() == unit
        and fold_text(r.cells.get("gender", "")) in GENDERS
        for r in rows
    )


def _existing_person(cells, unit) -> Person | None:
    if unit is None:
        return None
    name = fold_text(cells.get("name", ""))
    return next((p for p in Person.objects.filter(unit=unit) if fold_text(p.full_name) == name), None)


@transaction.atomic
def history_import(*, rows: list[HistoryRow], by, source: str = "") -> int:
    bad = [r for r in rows if r.errors]
    if bad:
        raise ValidationError([_("Dòng %(l)s: %(e)s") % {"l": r.line, "e": " ".join(r.errors)} for r in bad])
    created_people = 0
    for row in rows:
        cells = row.cells
        person = None
        if cells.get("name", "").strip():
            person = _existing_person(cells, row.unit)
            if person is None:
                person = Person.objects.create(
                    full_name=cells["name"].strip(),
                    gender=GENDERS[fold_text(cells.get("gender", ""))],
                    birth_year=_birth_year(cells.get("birth_year", "")),
                    ethnicity=cells.get("ethnicity", "").strip(),
                    position=cells.get("position", "").strip(),
                    unit=row.unit,
                    sector=row.unit.sector,
                )
                created_people += 1
        HistoryEntry.objects.create(
            person=person, unit=None if person else row.unit, source=source[:60] or "import", **row.entry
        )
    audit_record(
        action=AuditAction.IMPORT,
        by=by,
        object_type="awards.historyentry",
        object_repr=source[:255],
        changes={"rows": len(rows), "people_created": created_people},
    )
    return len(rows)
