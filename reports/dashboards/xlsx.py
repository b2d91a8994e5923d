"""A dashboard's panels as spreadsheet sheets: each panel's table, and its detail table."""

from decimal import Decimal

from reports.dashboards.panels import Cell, Dashboard, Panel, Table
from units.documents import Column, Sheet

NUMBER_FORMATS = {
    "int": "#,##0",
    "money": "#,##0",
    "number": "#,##0.##",
    "points": "0.00",
    "percent": "0.0%",
    "percent0": "0%",
    "date": "dd/mm/yyyy",
}
FORBIDDEN_IN_TITLES = "[]:*?/\\"


def _sheet_value(cell: Cell):
    if cell.kind in {"percent", "percent0"} and cell.value is not None:
        return Decimal(cell.value) / 100
    return cell.value


def _column_kind(cells: list[Cell]) -> str:
    """A column's kind: that of its first cell holding a value other than text."""
    return next((c.kind for c in cells if c.value is not None and c.kind != "text"), "text")


def _table_sheet(title: str, table: Table, heading: str) -> Sheet:
    every = table.rows + ([table.footer] if table.footer else [])
    kinds = [_column_kind([row[index] for row in every]) for index in range(len(table.columns))]
    columns = [
        Column(str(name), width=40 if index == 0 else 16, number_format=NUMBER_FORMATS.get(kind, ""))
        for index, (name, kind) in enumerate(zip(table.columns, kinds, strict=True))
    ]
    # A cell of another kind than its column's (a percent among amounts) keeps its own format.
    formats = {
        (r, c): NUMBER_FORMATS[cell.kind]
        for r, row in enumerate(every)
        for c, cell in enumerate(row)
        if cell.kind != kinds[c] and cell.kind in NUMBER_FORMATS
    }
    return Sheet(
        title=title,
        columns=columns,
        rows=[[_sheet_value(c) for c in row] for row in every],
        heading=heading,
        bold_rows={len(table.rows)} if table.footer else set(),
        cell_formats=formats,
    )


class _Titles:
    """Sheet titles as Excel takes them: no forbidden characters, at most 31 characters,
    unique whatever their case."""

    def __init__(self):
        self.used: set[str] = set()

    def unique(self, title: str) -> str:
        title = "".join(ch for ch in title if ch not in FORBIDDEN_IN_TITLES)[:28]
        candidate, n = title, 2
        while candidate.lower() in self.used:
            candidate, n = f"{title[:25]} ({n})", n + 1
        self.used.add(candidate.lower())
        return candidate


def panel_sheets(dashboard: Dashboard, panels: list[Panel]) -> list[Sheet]:
    """A sheet for each panel's table, and one for its detail table."""
    sheets, titles = [], _Titles()
    scope = f"{dashboard.root_name} — {dashboard.today:%d/%m/%Y}"
    for panel in panels:
        sheets.append(_table_sheet(titles.unique(panel.title), panel.table, f"{panel.title} — {scope}"))
        if panel.detail is not None:
            title = panel.detail.caption or panel.title
            sheets.append(_table_sheet(titles.unique(title), panel.detail, f"{title} — {scope}"))
    return sheets
