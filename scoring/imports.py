"""Criteria tables and scores from CSV or XLSX, in the format of the README ("Criteria tables
and scores").

Every row is checked before anything is saved: a group whose printed sum disagrees with
its items, a rule that cannot be parsed, or a score the rule does not allow refuses the
whole file, naming each bad row.
"""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core import signing
from django.utils.translation import gettext as _

from scoring.metrics import REGISTRY
from scoring.models import Criterion, ItemScore
from scoring.queries import tree_maximum
from scoring.rules import RuleError, check_plain_digits, check_rule, outcome_from_points, parse_rule
from scoring.tree import Node, build_tree, flatten, parent_code
from units.imports import read_records, value_errors

CRITERIA_ALIASES = {
    "code": {"ma", "code", "stt"},
    "text": {"noi dung", "chi tieu", "text"},
    "standard": {"diem chuan", "standard"},
    "bonus_max": {"diem thuong toi da", "diem thuong", "bonus max"},
    "rule": {"quy tac", "rule"},
    "guidance": {"cach cham", "huong dan", "guidance"},
    "metric": {"chi so", "metric"},
}
CRITERIA_REQUIRED = {"code": "ma", "text": "noi_dung", "standard": "diem_chuan"}
# The file's column for each Criterion field, as error messages name it.
CRITERIA_COLUMNS = {
    "code": "ma",
    "rule": "quy_tac",
    "metric": "chi_so",
    "standard": "diem_chuan",
    "bonus_max": "diem_thuong_toi_da",
}

SCORE_ALIASES = {
    "code": {"ma", "code"},
    "achieved": {"diem thuc hien", "achieved"},
    "bonus": {"diem thuong", "bonus"},
    "choice": {"lua chon", "choice"},
    "value": {"gia tri", "value"},
    "note": {"ghi chu", "minh chung", "note"},
}
SCORE_REQUIRED = {"code": "ma", "achieved": "diem_thuc_hien"}


def _points(text: str, *, line: int, column: str, errors: list[str], blank=None):
    text = (text or "").strip()
    if text == "":
        return blank
    try:
        check_plain_digits(text)
    except RuleError as exc:
        errors.append(f"{column}: {exc}")
        return blank
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        errors.append(_("%(c)s “%(t)s” không phải là số.") % {"c": column, "t": text})
        return blank
    if value < 0:
        errors.append(_("%(c)s không được âm.") % {"c": column})
    return value


@dataclass
class CriterionRow:
    line: int
    code: str
    text: str
    printed_standard: Decimal | None
    printed_bonus: Decimal | None
    rule: str
    guidance: str
    metric: str = ""
    errors: list[str] = field(default_factory=list)
    # Filled for leaves after checking: what the Criterion gets.
    standard: Decimal | None = None
    bonus_max: Decimal | None = None

    def as_dict(self) -> dict:
        return {
            "line": self.line,
            "code": self.code,
            "text": self.text,
            "printed_standard": None if self.printed_standard is None else str(self.printed_standard),
            "printed_bonus": None if self.printed_bonus is None else str(self.printed_bonus),
            "rule": self.rule,
            "guidance": self.guidance,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "CriterionRow":
        data = dict(data)
        for key in ("printed_standard", "printed_bonus"):
            data[key] = None if data[key] is None else Decimal(data[key])
        return cls(**data)


def parse_criteria_file(filename: str, content: bytes) -> list[CriterionRow]:
    rows = []
    for line, cells in read_records(filename, content, aliases=CRITERIA_ALIASES, required=CRITERIA_REQUIRED):
        errors: list[str] = []
        row = CriterionRow(
            line=line,
            code=cells.get("code", "").strip().rstrip("."),
            text=cells.get("text", ""),
            printed_standard=_points(cells.get("standard"), line=line, column=_("Điểm chuẩn"), errors=errors),
            printed_bonus=_points(cells.get("bonus_max"), line=line, column=_("Điểm thưởng"), errors=errors),
            rule=cells.get("rule", ""),
            guidance=cells.get("guidance", ""),
            metric=cells.get("metric", ""),
        )
        row.errors = errors + value_errors(
            Criterion,
            {
                "code": row.code,
                "rule": row.rule,
                "metric": row.metric,
                "standard": row.printed_standard,
                "bonus_max": row.printed_bonus,
            },
            CRITERIA_COLUMNS,
        )
        rows.append(row)
    return rows


def check_criteria(rows: list[CriterionRow]) -> list[Node]:
    """Fill each row's errors and return the tree (with computed sums) for the preview:
    every row's own columns (ROW_CHECKS), each leaf's rule and each group's absence of one
    (LEVEL_CHECKS), then each group's printed sums against its items' (SUM_CHECKS)."""
    seen: dict[str, CriterionRow] = {}
    for row in rows:
        for check in ROW_CHECKS:
            row.errors += check(row, seen)
    groups = {parent_code(r.code) for r in rows}
    for row in rows:
        row.errors += LEVEL_CHECKS[row.code in groups](row)
    roots = build_tree([r for r in rows if seen.get(r.code) is r])
    for node in flatten(roots):
        if not node.is_leaf:
            for check in SUM_CHECKS:
                node.criterion.errors += check(node)
    return roots


def _code_errors(row: CriterionRow, seen: dict) -> list[str]:
    """A code is given once, after its parent's (`seen`: the codes read so far)."""
    if not row.code:
        return [_("Thiếu mã tiêu chí.")]
    if row.code in seen:
        return [_("Mã %(c)s lặp lại (dòng %(l)s).") % {"c": row.code, "l": seen[row.code].line}]
    seen[row.code] = row
    parent = parent_code(row.code)
    if parent and parent not in seen:
        return [_("Không có mục cha %(p)s đứng trước mục %(c)s.") % {"p": parent, "c": row.code}]
    return []


def _text_errors(row: CriterionRow, seen: dict) -> list[str]:
    return [] if row.text else [_("Thiếu nội dung tiêu chí.")]


def _standard_errors(row: CriterionRow, seen: dict) -> list[str]:
    return [] if row.printed_standard is not None else [_("Thiếu điểm chuẩn.")]


ROW_CHECKS = (_code_errors, _text_errors, _standard_errors)


def _group_errors(row: CriterionRow) -> list[str]:
    """A group's points are its items' sums; the rules are written on the items."""
    if row.rule:
        return [_("Mục nhóm %(c)s không có quy tắc chấm; quy tắc đặt ở các mục con.") % {"c": row.code}]
    return []


def _leaf_errors(row: CriterionRow) -> list[str]:
    """A leaf's printed points become its own; its rule must fit them, and a metric read
    from the product's data needs a known metric and a threshold rule."""
    row.standard = row.printed_standard or Decimal(0)
    row.bonus_max = row.printed_bonus or Decimal(0)
    try:
        rule = parse_rule(row.rule)
        check_rule(rule, standard=row.standard, bonus_max=row.bonus_max)
    except RuleError as exc:
        return [str(exc)]
    if row.metric and row.metric not in REGISTRY:
        return [_("Không có chỉ số “%(m)s”.") % {"m": row.metric}]
    if row.metric and rule.kind != "nguong":
        return [_("Chỉ số lấy từ dữ liệu chỉ dùng cho quy tắc nguong.")]
    return []


# Is the row a group (True) or a leaf (False)?
LEVEL_CHECKS = {True: _group_errors, False: _leaf_errors}


def _standard_sum_errors(node: Node) -> list[str]:
    printed = node.criterion.printed_standard
    if printed is not None and printed != node.standard:
        return [
            _("Điểm chuẩn ghi %(p)s nhưng các mục con cộng lại %(s)s.")
            % {"p": _fmt(printed), "s": _fmt(node.standard)}
        ]
    return []


def _bonus_sum_errors(node: Node) -> list[str]:
    printed = node.criterion.printed_bonus
    if printed is not None and printed != node.bonus_max:
        return [
            _("Điểm thưởng ghi %(p)s nhưng các mục con cộng lại %(s)s.")
            % {"p": _fmt(printed), "s": _fmt(node.bonus_max)}
        ]
    return []


SUM_CHECKS = (_standard_sum_errors, _bonus_sum_errors)


def bad_row_messages(rows) -> list[str]:
    """One message per refused row, naming its line and code."""
    return [
        _("Dòng %(line)s (%(code)s): %(errors)s")
        % {"line": r.line, "code": r.code, "errors": " ".join(r.errors)}
        for r in rows
        if r.errors
    ]


@dataclass
class CriteriaPreview:
    """A checked criteria file as the import page shows it before anything is saved."""

    rows: list[CriterionRow]
    roots: list[Node]

    @property
    def nodes(self) -> list[Node]:
        return flatten(self.roots)

    @property
    def bad(self) -> list[CriterionRow]:
        return [r for r in self.rows if r.errors]

    @property
    def total(self) -> dict:
        return tree_maximum(self.roots)


def preview_criteria_file(filename: str, content: bytes) -> CriteriaPreview:
    """Parse and check a criteria file. Raises ImportFileError for a file that cannot be read."""
    rows = parse_criteria_file(filename, content)
    return CriteriaPreview(rows, check_criteria(rows))


PREVIEW_SALT = "scoring.import"
DATE_FIELDS = ("self_deadline", "appraisal_deadline")


def sign_preview(rows: list[CriterionRow], details: dict) -> str:
    """The checked rows and the table's details (code, name, year, grouping id, deadlines),
    signed into the preview page so that "Lưu" saves exactly what was shown."""
    meta = {**details, **{name: details[name].isoformat() if details[name] else None for name in DATE_FIELDS}}
    return signing.Signer(salt=PREVIEW_SALT).sign(
        json.dumps({"meta": meta, "rows": [r.as_dict() for r in rows]})
    )


def unsign_preview(payload: str) -> tuple[dict, list[CriterionRow]]:
    """The details and rows `sign_preview` signed. Raises signing.BadSignature or
    ValueError for anything else."""
    data = json.loads(signing.Signer(salt=PREVIEW_SALT).unsign(payload))
    meta = data["meta"]
    for name in DATE_FIELDS:
        meta[name] = datetime.date.fromisoformat(meta[name]) if meta[name] else None
    return meta, [CriterionRow.from_dict(r) for r in data["rows"]]


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


@dataclass
class ScoreRow:
    line: int
    code: str
    achieved: Decimal | None
    bonus: Decimal
    note: str = ""
    errors: list[str] = field(default_factory=list)
    choice: str = ""
    value: Decimal | None = None


def parse_scores_file(filename: str, content: bytes) -> list[ScoreRow]:
    rows = []
    for line, cells in read_records(filename, content, aliases=SCORE_ALIASES, required=SCORE_REQUIRED):
        errors: list[str] = []
        achieved = _points(cells.get("achieved"), line=line, column=_("Điểm thực hiện"), errors=errors)
        bonus = _points(
            cells.get("bonus"), line=line, column=_("Điểm thưởng"), errors=errors, blank=Decimal(0)
        )
        row = ScoreRow(
            line=line,
            code=cells.get("code", "").strip().rstrip("."),
            achieved=achieved,
            bonus=bonus if bonus is not None else Decimal(0),
            note=cells.get("note", ""),
        )
        row.errors = errors + value_errors(
            ItemScore,
            {"achieved": achieved, "bonus": bonus},
            {"achieved": "diem_thuc_hien", "bonus": "diem_thuong"},
        )
        if achieved is None and not errors:
            row.errors.append(_("Thiếu điểm thực hiện."))
        rows.append(row)
    return rows


def check_scores(rows: list[ScoreRow], *, leaves: dict, is_leader: bool) -> list[ScoreRow]:
    """Check each score against its leaf's rule; `leaves` maps code → tree Node."""
    seen: set[str] = set()
    for row in rows:
        if row.code in seen:
            row.errors.append(_("Mục %(c)s có hai dòng điểm.") % {"c": row.code})
            continue
        seen.add(row.code)
        node = leaves.get(row.code)
        if node is None:
            row.errors.append(_("Bảng không có tiêu chí chấm điểm mã %(c)s.") % {"c": row.code})
            continue
        if row.errors:
            continue
        try:
            outcome = outcome_from_points(
                node.rule,
                standard=node.standard,
                bonus_max=node.bonus_max,
                achieved=row.achieved,
                bonus=row.bonus,
                is_leader=is_leader,
            )
        except RuleError as exc:
            row.errors.append(f"{row.code}: {exc}")
        else:
            row.choice = outcome.choice
    return rows
