"""A union's own dashboard: its deadlines, registrations, dossiers in progress and
returned, its scores and rank in each bloc, its indicators."""

import datetime
from collections import Counter

from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import DossierState
from awards.queries import OPEN_DOSSIER_STATES, undecided_dossiers
from emulation.enums import DeadlineKind, RegistrationState
from emulation.indicators import figures_from_values, period_label
from emulation.queries import (
    TRACKED,
    deadline_status,
    deadlines_around,
    latest_indicator_values,
    submitted_reports,
    subtree_registrations,
)
from reports.dashboards.panels import (
    REGISTRATION_ORDER,
    REGISTRATION_TONES,
    Cell,
    Chart,
    Dashboard,
    Figure,
    Panel,
    Table,
    danger_if,
    deadline_cell,
    indicator_columns,
    indicator_row,
    plan_chart,
    points_chart,
    registration_counts,
    registration_state_cell,
    registration_state_label,
    unit_label,
    url,
    warning_if,
)
from scoring.enums import ScoreKind
from scoring.queries import rankings, tables_of_blocs_of
from units.models import Unit


def unit_dashboard(unit: Unit, *, year: int, today: datetime.date) -> Dashboard:
    """A union's own view: its deadlines, registrations, dossiers in progress and
    returned, its scores and rank, its indicators. Eleven queries."""
    dashboard = Dashboard("unit", unit.pk, unit.name, year, today)
    deadlines = deadlines_around(unit, year=year, today=today)  # 1
    registrations = subtree_registrations(unit, year=year)  # 2: its own and those below it
    own = next((r for r in registrations if r.unit_id == unit.pk), None)
    reports = {period: r for (_unit, period), r in submitted_reports([unit.pk], year=year).items()}  # 3
    deadline_panel, missing = _own_deadline_panel(year, today, deadlines, own, reports)
    registration_panel = _own_registration_panel(unit, year, own, registrations)
    dossier_panel, open_count, returned = _own_dossier_panel(unit, year)  # 4
    score_panels, ranks = _own_score_panels(unit, year)  # 5–9
    indicator_panel = _own_indicator_panel(unit, year)  # 10, 11

    state = own.state if own else ""
    dashboard.figures = [
        Figure(
            "registration",
            _("Đăng ký thi đua"),
            registration_state_label(state),
            "text",
            url=own.get_absolute_url() if own else url("emulation:registration_list", year=year),
            tone=REGISTRATION_TONES[state],
        ),
        Figure(
            "missing",
            _("Thời hạn đã quá mà chưa nộp"),
            missing,
            url="#panel-own-deadlines",
            tone=danger_if(missing),
        ),
        Figure("open_dossiers", _("Hồ sơ đang xử lý"), open_count, url="#panel-own-dossiers"),
        Figure(
            "returned",
            _("Hồ sơ bị trả lại"),
            returned,
            url=url("awards:dossier_list", year=year, unit=unit.pk, state=DossierState.RETURNED),
            tone=warning_if(returned),
        ),
        *ranks,
    ]
    dashboard.panels = [deadline_panel, registration_panel, dossier_panel, *score_panels, indicator_panel]
    return dashboard


def _own_deadline_cell(deadline, year, today, own, reports) -> tuple[Cell, bool]:
    """The unit's standing against a deadline, and whether it is missing: a tracked
    deadline of the year says what the unit sent; any other says how long is left."""
    if deadline.kind in TRACKED and deadline.year == year:
        if deadline.kind == DeadlineKind.REGISTRATION:
            done = own if own and own.state != RegistrationState.DRAFT else None
        else:
            done = reports.get(TRACKED[deadline.kind])
        status = deadline_status(done, deadline, today)
        return deadline_cell(status, done), status == "missing"
    if deadline.due_on >= today:
        return Cell(_("Còn %(n)s ngày") % {"n": (deadline.due_on - today).days}), False
    return Cell(_("Đã qua")), False


def _own_deadline_panel(year, today, deadlines, own, reports):
    table = Table(columns=[_("Nội dung"), _("Hạn"), _("Tình trạng của đơn vị")])
    missing = 0
    for d in deadlines:
        cell, late = _own_deadline_cell(d, year, today, own, reports)
        missing += late
        table.rows.append([Cell(d.name), Cell(d.due_on, "date"), cell])
    panel = Panel(
        "own-deadlines",
        _("Thời hạn của đơn vị năm %(y)s") % {"y": year},
        table,
        summary=_("%(n)s thời hạn đã quá mà đơn vị chưa nộp.") % {"n": missing} if missing else "",
        link=url("emulation:deadline_list", year=year),
        link_text=_("Xem các thời hạn"),
        empty=_("Chưa có thời hạn nào trong năm."),
    )
    return panel, missing


def _own_registration_panel(unit, year, own, registrations):
    below = [r for r in registrations if r.unit_id != unit.pk]
    counts = Counter(r.state for r in below)
    table, chart = registration_counts(REGISTRATION_ORDER, counts, year, unit, _("Số đơn vị trực thuộc"))
    detail = Table(columns=[_("Đơn vị"), _("Tình trạng"), _("Ngày gửi")], caption=_("Đăng ký của đơn vị"))
    submitted = timezone.localtime(own.submitted_at).date() if own and own.submitted_at else None
    detail.rows.append([Cell(unit_label(unit)), registration_state_cell(own), Cell(submitted, "date")])
    if own and own.state == RegistrationState.RETURNED and own.returned_reason:
        detail.rows.append(
            [Cell(_("Lý do trả lại")), Cell(own.returned_reason, tone="warning"), Cell(None, "date")]
        )
    return Panel(
        "own-registrations",
        _("Đăng ký thi đua năm %(y)s") % {"y": year},
        table,
        chart if below else None,
        detail,
        summary=_("%(n)s đơn vị trực thuộc đã gửi đăng ký.") % {"n": len(below)},
        link=url("emulation:registration_list", year=year, unit=unit.pk),
        link_text=_("Xem danh sách đăng ký"),
    )


def _own_dossier_panel(unit, year):
    dossiers = undecided_dossiers(root=unit, year=year)
    counts = Counter(d.state for d in dossiers)
    table = Table(columns=[_("Hồ sơ"), _("Hình thức"), _("Trạng thái"), _("Cập nhật")])
    for d in dossiers[:15]:
        table.rows.append(
            [
                Cell(d.title, url=d.get_absolute_url()),
                Cell(d.award_form.name),
                Cell(d.get_state_display(), tone=warning_if(d.state == DossierState.RETURNED)),
                Cell(timezone.localtime(d.updated_at).date(), "date"),
            ]
        )
    states = [s for s in DossierState if counts[s.value]]
    returned = counts[DossierState.RETURNED]
    panel = Panel(
        "own-dossiers",
        _("Hồ sơ đang xử lý và bị trả lại năm %(y)s") % {"y": year},
        table,
        Chart(
            "hbar", [s.label for s in states], [{"label": _("Số hồ sơ"), "data": [counts[s] for s in states]}]
        )
        if states
        else None,
        summary=_("%(n)s hồ sơ chưa có quyết định, trong đó %(r)s bị trả lại để bổ sung.")
        % {"n": len(dossiers), "r": returned},
        link=url("awards:dossier_list", year=year, unit=unit.pk),
        link_text=_("Xem danh sách hồ sơ"),
        empty=_("Không có hồ sơ nào đang xử lý."),
    )
    return panel, sum(counts[s] for s in OPEN_DOSSIER_STATES), returned


# --- Scores ---------------------------------------------------------------------------------


def _source_label(row) -> str:
    if row is None or not row.source:
        return _("Chưa chấm")
    return _("Điểm thẩm định") if row.source == ScoreKind.APPRAISED else _("Điểm tự chấm")


def _score_table(mine, rank_text: str, ranking_url: str) -> Table:
    """The unit's points, their source, its rank and band in one bloc."""
    scored = mine if mine and mine.source else None
    table = Table(columns=[_("Chỉ số"), _("Giá trị")])
    table.rows = [
        [Cell(_("Điểm chuẩn đạt")), Cell(scored and scored.achieved, "points")],
        [Cell(_("Điểm thưởng")), Cell(scored and scored.bonus, "points")],
        [Cell(_("Tổng điểm")), Cell(scored and scored.total, "points")],
        [Cell(_("Nguồn điểm")), Cell(_source_label(mine))],
        [Cell(_("Xếp hạng")), Cell(rank_text, url=ranking_url)],
        [Cell(_("Xếp loại")), Cell(mine.band if mine else "")],
    ]
    return table


def _pending_note(rows, scored) -> str:
    # Scoring ranks every member and puts the unscored ones last: a rank is out of the
    # whole bloc ("1/8"), and says how many members have no score yet.
    unscored = len(rows) - len(scored)
    return _("(%(n)s đơn vị chưa có điểm)") % {"n": unscored} if unscored else ""


def _own_score_panel(unit, table, rows) -> tuple[Panel, Figure | None]:
    mine = next((r for r in rows if r.unit.pk == unit.pk), None)
    ranked = mine if mine and mine.rank else None
    scored = [r for r in rows if r.source]
    pending = _pending_note(rows, scored)
    ranking_url = url("scoring:ranking", table.pk)
    figure = None
    rank_text = "—"
    if ranked:
        rank_text = f"{ranked.rank}/{len(rows)} {pending}".strip()
        figure = Figure(
            f"rank-{table.pk}",
            _("Hạng trong %(g)s") % {"g": table.grouping.name},
            ranked.rank,
            of=len(rows),
            url=ranking_url,
            note=pending,
        )
    sheet = mine.sheet if mine else None
    panel = Panel(
        f"own-score-{table.pk}",
        _("Điểm và xếp hạng trong %(g)s") % {"g": table.grouping.name},
        _score_table(mine, rank_text, ranking_url),
        points_chart(scored, ["#0d6efd" if r.unit.pk == unit.pk else "#adb5bd" for r in scored])
        if scored
        else None,
        link=sheet.get_absolute_url() if sheet else ranking_url,
        link_text=_("Xem phiếu chấm điểm") if sheet else _("Xem bảng xếp hạng"),
    )
    return panel, figure


def _own_score_panels(unit, year):
    tables = tables_of_blocs_of(unit, year=year)
    ranked = rankings(tables) if tables else {}
    pairs = [_own_score_panel(unit, table, ranked[table.pk]) for table in tables]
    return [panel for panel, _figure in pairs], [figure for _panel, figure in pairs if figure]


def _own_indicator_panel(unit, year):
    period, values = latest_indicator_values([unit], year=year)
    blocks = figures_from_values([unit], values) if values else []
    table = Table(columns=indicator_columns())
    table.rows = [
        indicator_row(b.indicator, b.members[0].actual, b.members[0].planned, b.members[0].percent)
        for b in blocks
    ]
    with_plan = [b for b in blocks if b.members[0].percent is not None]
    return Panel(
        "own-indicators",
        _("Chỉ tiêu của đơn vị — %(p)s") % {"p": period_label(year, period)},
        table,
        plan_chart([b.indicator.name for b in with_plan], [b.members[0].percent for b in with_plan])
        if with_plan
        else None,
        link=url("emulation:indicators", unit=unit.pk, period=f"{year}-{period}"),
        link_text=_("Xem bảng chỉ tiêu"),
        empty=_("Đơn vị chưa báo cáo số liệu chỉ tiêu trong năm."),
    )
