"""Blocks from the scoring app: a unit's score table and a bloc's ranking."""

from django.utils import translation

from reports.blocks import block, italic_note, scope_of
from reports.content import Block, Cell, Para, Table, Text
from reports.enums import BlockKey
from scoring.enums import ScoreKind, SheetState
from scoring.queries import appraisal_label, appraised_column_title, ranking, sheet_tree, table_maximum
from scoring.tree import flatten, totals
from units.formatting import format_points

# --- Scores ----------------------------------------------------------------------------------


def _score_cells(sums, *, bold: bool) -> list[Cell]:
    """A kind's three cells; empty while none of the criterion's leaves is scored."""
    if not sums.scored_leaves:
        return [Cell("", bold=bold, align="right") for _i in range(3)]
    return [
        Cell(format_points(sums.achieved), bold=bold, align="right"),
        Cell(format_points(sums.bonus) if sums.bonus else "", bold=bold, align="right"),
        Cell(format_points(sums.total), bold=bold, align="right"),
    ]


def _criterion_row(node, kinds) -> list[Cell]:
    bold = not node.is_leaf
    row = [
        Cell(node.code, bold=bold, align="center"),
        Cell(node.criterion.text, bold=bold),
        Cell(format_points(node.standard), bold=bold, align="right"),
        Cell(format_points(node.bonus_max) if node.bonus_max else "", bold=bold, align="right"),
    ]
    for kind in kinds:
        row += _score_cells(node.sums[kind], bold=bold)
    return row


@block(BlockKey.SCORE_TABLE, "criteria_table")
def score_table(document) -> list[Block]:
    """Seed 000's appendix: the criteria with standard and bonus points and the unit's
    own scores (and the appraised ones once appraised), every sum from the leaves."""
    table = document.criteria_table
    sheet = (
        table.sheets.filter(unit=scope_of(document))
        .select_related("table__grouping", "unit", "appraiser")
        .first()
    )
    if sheet is None:
        return [italic_note(f"({scope_of(document).name} chưa có phiếu chấm điểm trong {table.name}.)")]
    roots = sheet_tree(sheet)
    kinds = [ScoreKind.SELF]
    if sheet.state in {SheetState.APPRAISED, SheetState.PUBLISHED}:
        kinds.append(ScoreKind.APPRAISED)
    # An outside leader's result says whose it is and on which document (seed 000).
    with translation.override("vi"):
        titles = {ScoreKind.SELF: "Điểm tự chấm", ScoreKind.APPRAISED: appraised_column_title(sheet)}
        label = appraisal_label(sheet) if ScoreKind.APPRAISED in kinds else ""
    header = [
        [
            Cell("STT", rowspan=2),
            Cell("Chỉ tiêu", rowspan=2),
            Cell("Điểm chuẩn", rowspan=2),
            Cell("Điểm thưởng", rowspan=2),
            *(Cell(titles[k], colspan=3) for k in kinds),
        ],
        [c for _k in kinds for c in (Cell("Điểm thực hiện"), Cell("Điểm thưởng"), Cell("Tổng điểm"))],
    ]
    rows, keep = [], []
    for node in flatten(roots):
        if not node.is_leaf:
            keep.append(len(rows))
        rows.append(_criterion_row(node, kinds))
    total_row = [
        Cell(""),
        Cell("Tổng điểm", bold=True),
        Cell(format_points(sum(r.standard for r in roots)), bold=True, align="right"),
        Cell(format_points(sum(r.bonus_max for r in roots)), bold=True, align="right"),
    ]
    for kind in kinds:
        t = totals(roots, kind)
        total_row += [
            Cell(format_points(t[key]), bold=True, align="right") for key in ("achieved", "bonus", "total")
        ]
    rows.append(total_row)
    widths = [2, 8.4, 1.6, 1.6] + [1.7, 1.6, 1.6] * len(kinds)
    # The grand total stays with the last item rather than alone on a page.
    keep.append(len(rows) - 2)
    table_block = Table(widths, header, rows, font_size=11, keep=keep)
    return [table_block, italic_note(f"({label}.)")] if label else [table_block]


@block(BlockKey.BLOC_RANKING, "criteria_table")
def bloc_ranking(document) -> list[Block]:
    table = document.criteria_table
    standard, bonus_max = table_maximum(table)
    rows_ = ranking(table)
    header = [
        [
            Cell("Xếp hạng"),
            Cell("Đơn vị"),
            Cell("Điểm thực hiện"),
            Cell("Điểm thưởng"),
            Cell("Tổng điểm"),
            Cell("Xếp loại"),
        ]
    ]
    rows = [
        [
            Cell(str(r.rank) if r.rank else "", align="center"),
            Cell(r.unit.name),
            Cell(format_points(r.achieved) if r.source else "", align="right"),
            Cell(format_points(r.bonus) if r.source else "", align="right"),
            Cell(format_points(r.total) if r.source else "Chưa chấm", align="right"),
            Cell(r.band + (" (tự chấm)" if r.source == ScoreKind.SELF else "")),
        ]
        for r in rows_
    ]
    intro = Para(
        [
            Text(
                f"{table.name}: tối đa {format_points(standard)} điểm chuẩn và "
                f"{format_points(bonus_max)} điểm thưởng."
            )
        ]
    )
    with translation.override("vi"):
        notes = [italic_note(f"({r.unit.name}: {r.appraisal_label}.)") for r in rows_ if r.appraisal_label]
    return [intro, Table([1.4, 7, 2, 1.8, 1.8, 2.4], header, rows), *notes]
