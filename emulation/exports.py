"""The emulation pages' tables as XLSX sheets: the same rows, columns and order as on screen.

Each builder takes what its page's view already read (through the same scoped query and
filters) and returns a Sheet. Where the page puts two values in one cell (a period from
… to …, a status with the day it was met) the sheet gives each its own column, so that
dates stay dates.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.enums import Aggregation
from units.documents import COUNT, DATE, Column, Sheet, local_date

NOT_ELIGIBLE = gettext_lazy("Chưa đủ điều kiện xét khen thưởng")


def campaign_list_sheet(campaigns) -> Sheet:
    columns = [
        Column(_("Tên phong trào"), 50),
        Column(_("Loại"), 14),
        Column(_("Phát động"), 30),
        Column(_("Từ ngày"), 12, DATE),
        Column(_("Đến ngày"), 12, DATE),
        Column(_("Trạng thái"), 16),
    ]
    rows = [
        [
            c.name,
            c.get_kind_display(),
            c.launched_by_outside or c.owner.display_name,
            c.starts_on,
            c.ends_on,
            c.get_state_display(),
        ]
        for c in campaigns
    ]
    return Sheet(_("Phong trào"), columns, rows, heading=_("Phong trào thi đua"))


def plan_sheet(plan, quarters) -> Sheet:
    """The plan's tasks by quarter, each quarter's line in bold as on the page."""
    columns = [
        Column(_("TT"), 6),
        Column(_("Nội dung"), 60),
        Column(_("Đơn vị thực hiện"), 30),
        Column(_("Hạn"), 12, DATE),
        Column(_("Tình trạng"), 24),
    ]
    rows, bold = [], set()
    for quarter, tasks in quarters:
        bold.add(len(rows))
        rows.append([None, _("QUÝ %(q)s") % {"q": quarter}, None, None, None])
        for t in tasks:
            status = t.get_status_display()
            if t.overdue:
                status = f"{status}; {_('Quá hạn')}"
            rows.append([t.number, t.content, t.responsible_text or None, t.due_on, status])
    details = [plan.owner.name]
    if plan.document_number:
        details.append(f"{_('Số')} {plan.document_number}")
    if plan.document_date:
        details.append(f"{_('ngày')} {plan.document_date:%d/%m/%Y}")
    title = f"{plan.title} — {' · '.join(details)}"
    return Sheet(_("Kế hoạch"), columns, rows, heading=title, bold_rows=bold)


def deadline_list_sheet(deadlines, *, year: int) -> Sheet:
    columns = [
        Column(_("Nội dung"), 44),
        Column(_("Loại"), 24),
        Column(_("Hạn"), 12, DATE),
        Column(_("Khóa từ"), 12, DATE),
        Column(_("Đơn vị đặt hạn"), 30),
    ]
    rows = [[d.name, d.get_kind_display(), d.due_on, d.lock_on, d.owner.display_name] for d in deadlines]
    return Sheet(_("Thời hạn"), columns, rows, heading=_("Thời hạn năm %(y)s") % {"y": year})


BOARD_STATUS = {
    "on_time": gettext_lazy("Đúng hạn"),
    "late": gettext_lazy("Muộn"),
    "missing": gettext_lazy("Chưa nộp"),
    "pending": gettext_lazy("Chưa đến hạn"),
}


def deadline_board_sheet(deadlines, rows, *, year: int) -> Sheet:
    """Per unit and deadline: the status, and the day it was sent in its own column."""
    columns = [Column(_("Đơn vị"), 40), Column(_("Ghi chú"), 22)]
    for d in deadlines:
        kind = d.get_kind_display()
        columns += [
            Column(_("%(k)s (hạn %(d)s)") % {"k": kind, "d": f"{d.due_on:%d/%m/%Y}"}, 16),
            Column(_("%(k)s: ngày nộp") % {"k": kind}, 14, DATE),
        ]
    data = []
    for row in rows:
        line = [row.unit.name, None if row.registered else str(NOT_ELIGIBLE)]
        for cell in row.cells:
            line += [str(BOARD_STATUS.get(cell.status, "")) or None, local_date(cell.submitted_at)]
        data.append(line)
    title = _("Theo dõi thời hạn năm %(y)s") % {"y": year}
    return Sheet(_("Theo dõi thời hạn"), columns, data, heading=title)


def _titles_text(registration) -> str:
    parts = []
    for t in registration.titles.all():
        text = t.get_title_display()
        if t.is_individual:
            text = f"{text}: {t.count} {_('người')}"
        parts.append(text)
    return "; ".join(parts)


def _state_text(registration, late: bool) -> str:
    state = registration.get_state_display()
    return f"{state} ({_('Muộn')})" if late else state


def registration_list_sheet(rows, extra, *, year: int) -> Sheet:
    columns = [
        Column(_("Đơn vị"), 40),
        Column(_("Ghi chú"), 22),
        Column(_("Danh hiệu đăng ký"), 60),
        Column(_("Trạng thái"), 20),
        Column(_("Ngày gửi"), 12, DATE),
    ]
    data = []
    for row in rows:
        registration = row["registration"]
        note = None if row["registered"] else str(NOT_ELIGIBLE)
        if registration is None:
            data.append([row["unit"].name, note, None, _("Chưa đăng ký"), None])
            continue
        data.append(
            [
                row["unit"].name,
                note,
                _titles_text(registration),
                _state_text(registration, row["late"]),
                local_date(registration.submitted_at),
            ]
        )
    for r in extra:
        data.append([r.unit.name, None, _titles_text(r), r.get_state_display(), local_date(r.submitted_at)])
    title = _("Đăng ký thi đua năm %(y)s") % {"y": year}
    return Sheet(_("Đăng ký thi đua"), columns, data, heading=title)


def indicator_definitions_sheet(indicators) -> Sheet:
    columns = [Column(_("Chỉ tiêu"), 50), Column(_("Đơn vị tính"), 14), Column(_("Cách cộng"), 50)]
    rows = []
    for i in indicators:
        if i.aggregation == Aggregation.RATIO:
            how = f"{i.numerator.name} / {i.denominator.name} × 100%"
        else:
            how = i.get_aggregation_display()
        rows.append([i.name, i.measure, how])
    return Sheet(_("Chỉ tiêu"), columns, rows, heading=_("Danh mục chỉ tiêu thi đua"))


def report_list_sheet(rows, *, year: int) -> Sheet:
    columns = [Column(_("Đơn vị"), 40), Column(_("Sơ kết 6 tháng"), 18), Column(_("Tổng kết năm"), 18)]
    data = [
        [
            row["unit"].name,
            row["h1"].get_state_display() if row["h1"] else None,
            row["y"].get_state_display() if row["y"] else None,
        ]
        for row in rows
    ]
    title = _("Báo cáo kết quả thi đua năm %(y)s") % {"y": year}
    return Sheet(_("Báo cáo"), columns, data, heading=title)


def report_figures_sheet(report, values) -> Sheet:
    columns = [Column(_("Chỉ tiêu"), 50), Column(_("Thực hiện"), 14, COUNT), Column(_("Kế hoạch"), 14, COUNT)]
    rows = [[f"{v.indicator.name} ({v.indicator.measure})", v.actual, v.planned] for v in values]
    title = f"{_('Báo cáo')} {report.get_period_display().lower()} {report.year}: {report.unit.name}"
    return Sheet(_("Số liệu chỉ tiêu"), columns, rows, heading=title)


def registration_template_sheet(parent, units, titles, *, year: int) -> Sheet:
    """The registration grid to fill offline: one row per unit, one column per title
    (named by its code, as the grid's import reads it)."""
    columns = [Column("ma_don_vi", 16), Column(_("Tên đơn vị (để đối chiếu)"), 44)] + [
        Column(f"{t.value}", 14) for t in titles
    ]
    rows = [[u.code, u.name, *["" for _t in titles]] for u in units]
    legend = ", ".join(f"{t.value} = {t.label}" for t in titles)
    return Sheet(_("Đăng ký"), columns, rows, heading=f"{parent.name} — {year}. {legend}")


def _share(percent) -> float | None:
    return float(percent) / 100 if percent is not None else None


def indicator_figures_sheet(blocks, *, heading: str) -> Sheet:
    """The indicators page: each member's figures, then the total, per indicator."""
    rows = []
    for block in blocks:
        name, measure = block.indicator.name, block.indicator.measure
        rows += [[name, measure, m.unit.name, m.actual, m.planned, _share(m.percent)] for m in block.members]
        rows.append([name, measure, _("Tổng cộng"), block.total, block.plan_total, _share(block.percent)])
    columns = [
        Column(_("Chỉ tiêu"), 40),
        Column(_("Đơn vị tính"), 12),
        Column(_("Đơn vị"), 36),
        Column(_("Thực hiện"), 14, "#,##0"),
        Column(_("Kế hoạch"), 14, "#,##0"),
        Column(_("Tỷ lệ"), 10, "0%"),
    ]
    return Sheet(_("Chỉ tiêu"), columns, rows, heading=heading)
