"""The seed's table layout as XLSX and PDF: STT, Chỉ tiêu, Điểm chuẩn, Điểm thưởng, then
the scores (Điểm thực hiện, Điểm thưởng, Tổng điểm). Every sum comes from the tree."""

from decimal import Decimal

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from scoring.enums import APPRAISED_STATES, ScoreKind
from scoring.queries import (
    appraisal_label,
    appraised_column_title,
    shown_appraisal_label,
    table_maximum,
    table_tree,
)
from scoring.tree import Sums, flatten, totals
from units.documents import DATE, Column, Sheet, heading, pdf_download, xlsx_download

POINTS_FORMAT = "#,##0.#"


def _columns(score_titles: list[str]) -> list[Column]:
    columns = [
        Column(_("STT"), 10),
        Column(_("Chỉ tiêu"), 60),
        Column(_("Điểm chuẩn"), 11, POINTS_FORMAT),
        Column(_("Điểm thưởng"), 11, POINTS_FORMAT),
    ]
    for title in score_titles:
        columns += [
            Column(_("%(t)s: Điểm thực hiện") % {"t": title}, 13, POINTS_FORMAT),
            Column(_("%(t)s: Điểm thưởng") % {"t": title}, 13, POINTS_FORMAT),
            Column(_("%(t)s: Tổng điểm") % {"t": title}, 13, POINTS_FORMAT),
        ]
    return columns


def _rows(nodes, kinds: list[str]):
    rows, bold = [], set()
    for index, node in enumerate(nodes):
        row = [node.code, node.criterion.text, node.standard, node.bonus_max]
        for kind in kinds:
            sums = node.sums[kind]
            scored = sums.scored_leaves > 0
            row += [
                sums.achieved if scored else None,
                sums.bonus if scored else None,
                sums.total if scored else None,
            ]
        rows.append(row)
        if not node.is_leaf:
            bold.add(index)
    return rows, bold


def _total_row(roots, kinds):
    standard = sum(r.standard for r in roots)
    bonus_max = sum(r.bonus_max for r in roots)
    row = ["", _("Tổng cộng"), standard, bonus_max]
    for kind in kinds:
        t = totals(roots, kind)
        row += [t["achieved"], t["bonus"], t["total"]]
    return row


def _download(fmt: str, *, sheets, template: str, context: dict, filename: str):
    if fmt == "xlsx":
        return xlsx_download(sheets, filename=f"{filename}.xlsx")
    if fmt == "pdf":
        return pdf_download(
            template, {**context, "printed_on": timezone.localdate()}, filename=f"{filename}.pdf"
        )
    raise Http404


def table_download(table, fmt: str):
    """The table as a form to fill: the seed's columns with the self-score ones empty."""
    roots = table_tree(table)
    for node in flatten(roots):
        node.sums = {kind: Sums() for kind in ScoreKind.values}
    nodes = flatten(roots)
    kinds, titles = [ScoreKind.SELF], [_("Điểm tự chấm")]
    rows, bold = _rows(nodes, kinds)
    rows.append(
        [
            "",
            _("Tổng cộng"),
            sum(r.standard for r in roots),
            sum(r.bonus_max for r in roots),
            None,
            None,
            None,
        ]
    )
    bold.add(len(rows) - 1)
    sheet = Sheet(_("Bảng tiêu chí"), _columns(titles), rows, heading=str(table), bold_rows=bold)
    return _download(
        fmt,
        sheets=[sheet],
        template="scoring/pdf_table.html",
        context={
            "title": table.name,
            "table": table,
            "nodes": nodes,
            "kinds": kinds,
            "titles": titles,
            "total_row": rows[-1],
        },
        filename=f"{table.code}-v{table.version}",
    )


def _sheet_kinds(sheet) -> list[str]:
    if sheet.state in APPRAISED_STATES:
        return [ScoreKind.SELF, ScoreKind.APPRAISED]
    return [ScoreKind.SELF]


def sheet_download(sheet, roots, fmt: str):
    kinds = _sheet_kinds(sheet)
    nodes = flatten(roots)
    rows, bold = _rows(nodes, kinds)
    rows.append(_total_row(roots, kinds))
    bold.add(len(rows) - 1)
    titles = [_("Điểm tự chấm") if k == ScoreKind.SELF else appraised_column_title(sheet) for k in kinds]
    # An outside leader's result says whose it is and on which document (seed 000).
    label = appraisal_label(sheet) if ScoreKind.APPRAISED in kinds else ""
    spec = Sheet(
        _("Phiếu chấm điểm"),
        _columns(titles),
        rows,
        heading=heading(f"{sheet.unit.name} — {sheet.table}", label),
        bold_rows=bold,
    )
    return _download(
        fmt,
        sheets=[spec],
        template="scoring/pdf_table.html",
        context={
            "title": sheet.table.name,
            "table": sheet.table,
            "sheet": sheet,
            "nodes": nodes,
            "kinds": kinds,
            "titles": titles,
            "total_row": rows[-1],
            "appraisal_label": label,
        },
        filename=f"{sheet.table.code}-{sheet.unit.code}",
    )


def ranking_download(table, rows, fmt: str):
    standard, bonus_max = table_maximum(table)
    columns = [
        Column(_("Xếp hạng"), 9),
        Column(_("Đơn vị"), 45),
        Column(_("Điểm thực hiện"), 13, POINTS_FORMAT),
        Column(_("Điểm thưởng"), 13, POINTS_FORMAT),
        Column(_("Tổng điểm"), 13, POINTS_FORMAT),
        Column(_("Tỷ lệ"), 10, "0.0%"),
        Column(_("Xếp loại"), 14),
        Column(_("Nguồn điểm"), 30),
    ]
    data = [
        [
            r.rank or None,
            r.unit.name,
            r.achieved if r.source else None,
            r.bonus if r.source else None,
            r.total if r.source else None,
            float(r.percent) / 100 if r.source else None,
            r.band,
            r.appraisal_label or (ScoreKind(r.source).label if r.source else _("Chưa chấm")),
        ]
        for r in rows
    ]
    heading = _("Xếp hạng — %(t)s (tối đa %(s)s + %(b)s điểm)") % {"t": table, "s": standard, "b": bonus_max}
    spec = Sheet(_("Xếp hạng"), columns, data, heading=heading)
    return _download(
        fmt,
        sheets=[spec],
        template="scoring/pdf_ranking.html",
        context={
            "title": table.name,
            "table": table,
            "rows": rows,
            "standard": standard,
            "bonus_max": bonus_max,
        },
        filename=f"{table.code}-v{table.version}-xep-hang",
    )


def table_list_download(tables, *, year: int | None):
    """The list of criteria tables the page shows (every page of it)."""
    columns = [
        Column(_("Năm"), 8),
        Column(_("Mã"), 18),
        Column(_("Tên bảng"), 50),
        Column(_("Khối/cụm"), 36),
        Column(_("Phiên bản"), 10),
        Column(_("Trạng thái"), 16),
        Column(_("Hạn tự chấm"), 12, DATE),
    ]
    rows = [
        [
            t.year,
            t.code,
            t.name,
            t.grouping.name if t.grouping else None,
            t.version,
            t.get_status_display(),
            t.self_deadline,
        ]
        for t in tables
    ]
    title = heading(_("Bảng tiêu chí chấm điểm"), _("năm %(y)s") % {"y": year} if year else "")
    sheet = Sheet(_("Bảng tiêu chí"), columns, rows, heading=title)
    return xlsx_download([sheet], filename=f"bang-tieu-chi-{year or 'tat-ca'}.xlsx")


def compare_download(sheet, roots):
    """The comparison page: each item's self-scored and appraised totals and the difference
    where they differ; groups in bold as on the page, then the grand totals."""
    columns = [
        Column(_("STT"), 10),
        Column(_("Chỉ tiêu"), 60),
        Column(_("Tự chấm"), 11, POINTS_FORMAT),
        Column(appraised_column_title(sheet) if sheet.is_recorded else _("Thẩm định"), 11, POINTS_FORMAT),
        Column(_("Chênh lệch"), 11, POINTS_FORMAT),
    ]

    def line(code, text, own, appraised):
        return [code, text, own, appraised, appraised - own if appraised != own else None]

    rows, bold = [], set()
    for index, node in enumerate(flatten(roots)):
        own, appraised = node.sums[ScoreKind.SELF].total, node.sums[ScoreKind.APPRAISED].total
        rows.append(line(node.code, node.criterion.text, own, appraised))
        if not node.is_leaf:
            bold.add(index)
    own_total = sum((r.sums[ScoreKind.SELF].total for r in roots), Decimal(0))
    appraised_total = sum((r.sums[ScoreKind.APPRAISED].total for r in roots), Decimal(0))
    rows.append(line("", _("Tổng cộng"), own_total, appraised_total))
    bold.add(len(rows) - 1)
    title = heading(
        f"{_('So sánh tự chấm và thẩm định')}: {sheet.unit.name} — {sheet.table}",
        shown_appraisal_label(sheet),
    )
    spec = Sheet(_("So sánh"), columns, rows, heading=title, bold_rows=bold)
    return xlsx_download([spec], filename=f"{sheet.table.code}-{sheet.unit.code}-so-sanh.xlsx")
