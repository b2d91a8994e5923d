"""Files read into the emulation cycle: the annual plan's tasks (seed 001) and the
registration grid (one row per unit, one column per title). Each reader checks every row
and returns what it read with every error found; the caller saves all rows or none.

The figures of a bloc or cluster are read by emulation.indicators.parse_figures."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from emulation.enums import COLLECTIVE_TITLES, INDIVIDUAL_TITLES, EmulationTitle
from emulation.models import PlanTask
from units.imports import read_records, value_errors
from units.models import Unit, fold_text

# --- One cell of the registration grid ---------------------------------------------------

# How a cell of the registration grid, typed on the page or in an imported file, marks a
# collective title or leaves it, compared after fold_text ("Có", "CÓ" and "co" are one
# spelling). "on" is what a browser sends for a ticked checkbox, "true"/"false" what a
# spreadsheet's yes/no cell reads as. Anything else is refused, never guessed.
TITLE_MARKED = frozenset({"1", "x", "co", "yes", "on", "true"})
TITLE_UNMARKED = frozenset({"", "0", "khong", "no", "false"})
MAX_HEAD_COUNT = 100_000
# A head count: plain digits, or grouped the Vietnamese way ("1.200").
HEAD_COUNT = re.compile(r"\d+|\d{1,3}(?:\.\d{3})+")
# A whole number a spreadsheet stores as a float reads "12.0".
SPREADSHEET_WHOLE = re.compile(r"-?\d+\.0")

# The grid's columns: the collective titles, then the individual ones.
GRID_TITLES = (*COLLECTIVE_TITLES, *INDIVIDUAL_TITLES)


def _title_mark(text: str, *, cell: str) -> int:
    folded = fold_text(text)
    if folded in TITLE_MARKED:
        return 1
    if folded in TITLE_UNMARKED:
        return 0
    raise ValidationError(
        _(
            "%(cell)s: “%(v)s” không hợp lệ: đánh dấu 1, x hoặc có để đăng ký; "
            "để trống, 0 hoặc không nếu không đăng ký."
        )
        % {"cell": cell, "v": text}
    )


def _head_count(text: str, *, cell: str) -> int:
    if not text:
        return 0
    if text.startswith("-") and HEAD_COUNT.fullmatch(text[1:].strip()):
        raise ValidationError(_("%(cell)s: “%(v)s”: số người không được âm.") % {"cell": cell, "v": text})
    if not HEAD_COUNT.fullmatch(text):
        raise ValidationError(_("%(cell)s: “%(v)s” không phải số người.") % {"cell": cell, "v": text})
    count = int(text.replace(".", ""))
    if count > MAX_HEAD_COUNT:
        raise ValidationError(_("%(cell)s: “%(v)s” vượt quá 100.000 người.") % {"cell": cell, "v": text})
    return count


def title_cell_count(title: str, raw: str, *, cell: str) -> int:
    """What one cell of the registration grid gives a title: 1 or 0 for a collective
    title's mark, the head count (0 if empty) for an individual title. The grid page and
    the grid's XLSX/CSV import both read their cells here, so that a spelling means the
    same in both. Raises a ValidationError naming `cell` for anything else."""
    text = (raw or "").strip()
    if SPREADSHEET_WHOLE.fullmatch(text):
        text = text[:-2]
    if title in COLLECTIVE_TITLES:
        return _title_mark(text, cell=cell)
    return _head_count(text, cell=cell)


# --- The registration grid's file ----------------------------------------------------------


def grid_aliases() -> dict[str, set[str]]:
    """The grid file's columns, folded: ma_don_vi, and each title by its code (ttldxs,
    ldtt …) or its name in the user's language."""
    names = {"code": {"ma don vi", "ma", "code"}} | {
        t.value: {t.value, str(t.label).lower()} for t in EmulationTitle
    }
    return {key: {fold_text(n) for n in folded} for key, folded in names.items()}


@dataclass
class GridFile:
    """What a grid file gives: the titles of each unit it names, and every error."""

    rows: dict[Unit, dict[str, int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def read_grid_file(
    filename: str, content: bytes, *, parent: Unit, units: list[Unit], sent: set[str]
) -> GridFile:
    """The grid from an XLSX/CSV file: ma_don_vi plus one column per title (the codes
    ttldxs, ldtt … or the titles' names). A row may name only `units` (the parent and its
    CĐCS) whose registration is not `sent` (codes of submitted or accepted ones).
    Raises units.imports.ImportFileError for a file that cannot be read at all."""
    records = read_records(
        filename,
        content,
        aliases=grid_aliases(),
        required={"code": "ma_don_vi"},
    )
    by_code = {u.code: u for u in units}
    result = GridFile()
    for line, cells in records:
        code = cells.get("code", "").upper()
        if code in sent:
            result.errors.append(
                _("Dòng %(l)s: %(c)s đã gửi đăng ký, không sửa được.") % {"l": line, "c": cells.get("code")}
            )
        elif code not in by_code:
            result.errors.append(
                _("Dòng %(l)s: %(c)s không thuộc %(p)s.")
                % {"l": line, "c": cells.get("code"), "p": parent.name}
            )
        else:
            result.rows[by_code[code]] = _grid_line(line, cells, result.errors)
    return result


def _grid_line(line: int, cells: dict[str, str], errors: list[str]) -> dict[str, int]:
    values = {}
    for title in GRID_TITLES:
        cell = _("Dòng %(l)s, cột %(c)s (%(t)s)") % {"l": line, "c": title.value, "t": title.label}
        try:
            values[title] = title_cell_count(title, cells.get(title.value, ""), cell=cell)
        except ValidationError as exc:
            errors.extend(exc.messages)
    return values


# --- The annual plan's tasks (seed 001) -------------------------------------------------------

PLAN_ALIASES = {
    "quarter": {"quy", "quarter"},
    "content": {"noi dung", "content"},
    "responsible": {"don vi thuc hien", "responsible"},
    "due": {"han", "due"},
}
QUARTERS = {"1", "2", "3", "4"}


@dataclass
class PlanFile:
    """What a plan file gives: its tasks (as services.plan_save takes them), and every
    error."""

    tasks: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def read_plan_file(filename: str, content: bytes) -> PlanFile:
    """A plan's tasks from a file in the layout of seed 001: quy (1–4), noi_dung,
    don_vi_thuc_hien, han (dd/mm/yyyy, optional). Raises units.imports.ImportFileError
    for a file that cannot be read at all."""
    records = read_records(
        filename, content, aliases=PLAN_ALIASES, required={"quarter": "quy", "content": "noi_dung"}
    )
    result = PlanFile()
    for line, cells in records:
        task = _plan_line(line, {key: text.strip() for key, text in cells.items()}, result.errors)
        if task is not None:
            result.tasks.append(task)
    return result


def _due_on(line: int, text: str, errors: list[str]) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        errors.append(_("Dòng %(l)s: hạn “%(v)s” không đúng dạng dd/mm/yyyy.") % {"l": line, "v": text})
        return None


def _plan_line(line: int, cells: dict[str, str], errors: list[str]) -> dict | None:
    """One task, or None for a row without a quarter (its errors are listed)."""
    quarter, content, responsible = (
        cells.get("quarter", ""),
        cells.get("content", ""),
        cells.get("responsible", ""),
    )
    due_on = _due_on(line, cells.get("due", ""), errors)
    if quarter not in QUARTERS:
        errors.append(_("Dòng %(l)s: quý phải từ 1 đến 4.") % {"l": line})
    if not content:
        errors.append(_("Dòng %(l)s: thiếu nội dung.") % {"l": line})
    for problem in value_errors(
        PlanTask, {"responsible_text": responsible}, {"responsible_text": "don_vi_thuc_hien"}
    ):
        errors.append(_("Dòng %(l)s: %(e)s") % {"l": line, "e": problem})
    if quarter not in QUARTERS:
        return None
    return {"quarter": int(quarter), "content": content, "responsible_text": responsible, "due_on": due_on}
