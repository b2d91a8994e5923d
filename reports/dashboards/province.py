"""Leadership's dashboard: the registrations, dossiers, awards, rankings, indicators,
plan and deadlines of a subtree for a year, every figure asked of the app that owns it."""

import datetime
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import DossierState, IssuingLevel
from awards.queries import (
    DIRECT_WORKER_TARGET,
    DONE_DOSSIER_STATES,
    OPEN_DOSSIER_STATES,
    award_counts,
    dossier_counts,
    fund_use,
    stuck_days,
    stuck_dossiers,
)
from emulation.enums import DeadlineKind, RegistrationState
from emulation.indicators import figures_from_values, period_label
from emulation.queries import (
    TRACKED,
    board_units,
    deadline_status,
    deadlines_around,
    latest_indicator_values,
    overdue_tasks,
    registrations_by_unit,
    submitted_reports,
)
from reports.dashboards.panels import (
    REGISTRATION_ORDER,
    Cell,
    Chart,
    Dashboard,
    Figure,
    Panel,
    Table,
    danger_if,
    deadline_cell,
    format_money_or_dash,
    format_percent_or_dash,
    heat_tone,
    indicator_columns,
    indicator_row,
    plan_chart,
    points_chart,
    registration_counts,
    registration_state_cell,
    share_tone,
    table_chart,
    unit_label,
    url,
    warning_if,
)
from scoring.queries import rankings, tables_of_blocs_in
from units.models import Unit


def province_dashboard(root: Unit, *, year: int, today: datetime.date) -> Dashboard:
    """Leadership's view of `root`'s subtree for a year. Fifteen queries."""
    dashboard = Dashboard("province", root.pk, root.name, year, today)
    units = board_units(None, root) or [root]  # 1
    unit_ids = [u.pk for u in units]
    dashboard.units = [(u.pk, unit_label(u)) for u in units]
    deadlines = deadlines_around(root, year=year, today=today)  # 2
    registrations = registrations_by_unit(unit_ids, year=year)  # 3
    reports = submitted_reports(unit_ids, year=year)  # 4
    registration_panel, registered = _registration_panel(
        root, units, year, today, deadlines, registrations, reports
    )
    dossier_panels, open_count = _dossier_panels(root, units, year)  # 5, 6
    award_panels, award_figures = _award_panels(root, year)  # 7, 8
    ranking_panels = _ranking_panels(root, year)  # 9–12
    indicator_panel = _indicator_panel(root, units, year)  # 13, 14
    task_panel, overdue = _task_panel(root, year, today)  # 15
    deadline_panel = _deadline_panel(root, deadlines, today)

    dashboard.figures = [
        Figure(
            "registered",
            _("Đơn vị đã được chấp nhận đăng ký"),
            registered,
            of=len(units),
            url="#panel-registrations",
        ),
        Figure("open_dossiers", _("Hồ sơ đang xử lý"), open_count, url="#panel-dossiers"),
        *award_figures,
        Figure(
            "overdue",
            _("Nhiệm vụ kế hoạch quá hạn"),
            overdue,
            url="#panel-tasks",
            tone=danger_if(overdue),
        ),
    ]
    dashboard.panels = [
        registration_panel,
        *dossier_panels,
        *award_panels,
        *ranking_panels,
        indicator_panel,
        task_panel,
        deadline_panel,
    ]
    return dashboard


# --- Registrations --------------------------------------------------------------------------


def _registration_panel(root, units, year, today, deadlines, registrations, reports):
    tracked = [d for d in deadlines if d.year == year and d.kind in TRACKED]
    counts = Counter()
    detail = Table(
        columns=[_("Đơn vị"), _("Tình trạng đăng ký")]
        + [f"{d.get_kind_display()} ({d.due_on:%d/%m/%Y})" for d in tracked],
        caption=_("Tình hình đăng ký và gửi báo cáo của từng đơn vị so với thời hạn"),
    )
    for unit in units:
        registration = registrations.get(unit.pk)
        counts[registration.state if registration else ""] += 1
        row = [
            Cell(unit_label(unit), url=url("reports:unit_dashboard", unit.pk, year=year)),
            registration_state_cell(registration),
        ]
        for deadline in tracked:
            done = _sent_for(deadline, unit, registration, reports)
            row.append(deadline_cell(deadline_status(done, deadline, today), done))
        detail.rows.append(row)
    registered = counts[RegistrationState.ACCEPTED]
    table, chart = registration_counts(["", *REGISTRATION_ORDER], counts, year, root, _("Số đơn vị"))
    panel = Panel(
        "registrations",
        _("Đăng ký thi đua năm %(y)s") % {"y": year},
        table,
        chart,
        detail,
        summary=_("%(n)s/%(m)s đơn vị đã được chấp nhận đăng ký; %(k)s đơn vị chưa đăng ký.")
        % {"n": registered, "m": len(units), "k": counts[""]},
        link=url("emulation:deadline_board", year=year, unit=root.pk),
        link_text=_("Xem bảng theo dõi thời hạn"),
        wide=True,
    )
    return panel, registered


def _sent_for(deadline, unit, registration, reports):
    """What `unit` sent against a tracked deadline: its registration once past draft, or
    its submitted report of the deadline's period."""
    if deadline.kind == DeadlineKind.REGISTRATION:
        return registration if registration and registration.state != RegistrationState.DRAFT else None
    return reports.get((unit.pk, TRACKED[deadline.kind]))


# --- Dossiers -------------------------------------------------------------------------------


def _board_unit_of(path: str, units: list[Unit]) -> Unit | None:
    """The board unit whose subtree holds `path` (the deepest one)."""
    best = None
    for unit in units:
        if path.startswith(unit.path) and (best is None or len(unit.path) > len(best.path)):
            best = unit
    return best


def _state_group(state: str) -> str:
    """The dossier list's group of a state: "open", "done" or (a draft) "draft"."""
    if state in OPEN_DOSSIER_STATES:
        return "open"
    return "done" if state in DONE_DOSSIER_STATES else "draft"


def _dossier_panels(root, units, year):
    by_state = Counter()
    by_unit: dict[int, Counter] = defaultdict(Counter)
    stuck_total = 0
    for row in dossier_counts(root=root, year=year):
        by_state[row["state"]] += row["n"]
        stuck_total += row["stuck"]
        owner = _board_unit_of(row["proposing_unit__path"], units)
        counts = by_unit[owner.pk if owner else root.pk]
        counts[_state_group(row["state"])] += row["n"]
        counts["returned"] += row["n"] if row["state"] == DossierState.RETURNED else 0
        counts["total"] += row["n"]
    table = Table(columns=[_("Trạng thái"), _("Số hồ sơ")])
    for state in DossierState:
        if by_state[state.value]:
            link = url("awards:dossier_list", year=year, state=state.value, unit=root.pk)
            table.rows.append([Cell(state.label), Cell(by_state[state.value], "int", url=link)])
    total = sum(by_state.values())
    table.footer = [
        Cell(_("Tổng số")),
        Cell(total, "int", url=url("awards:dossier_list", year=year, unit=root.pk)),
    ]
    names = {u.pk: unit_label(u) for u in units} | {root.pk: unit_label(root)}
    open_count = sum(by_state[s] for s in OPEN_DOSSIER_STATES)
    dossiers = Panel(
        "dossiers",
        _("Hồ sơ khen thưởng năm %(y)s") % {"y": year},
        table,
        table_chart("hbar", table, 1, _("Số hồ sơ")),
        _dossiers_by_unit(by_unit, names, year),
        summary=_("%(n)s hồ sơ, trong đó %(o)s đang xử lý và %(s)s nằm yên quá %(d)s ngày.")
        % {"n": total, "o": open_count, "s": stuck_total, "d": stuck_days()},
        link=url("awards:dossier_list", year=year, unit=root.pk),
        link_text=_("Xem danh sách hồ sơ"),
        empty=_("Chưa có hồ sơ nào trong năm."),
    )
    return [dossiers, _stuck_panel(root, year, stuck_total)], open_count


def _dossiers_by_unit(by_unit, names, year) -> Table:
    detail = Table(
        columns=[_("Đơn vị"), _("Đang xử lý"), _("Trong đó trả lại"), _("Đã có quyết định"), _("Tổng số")],
        caption=_("Hồ sơ theo đơn vị đề nghị"),
    )
    for unit_id, counts in sorted(by_unit.items(), key=lambda item: (-item[1]["total"], names[item[0]])):
        detail.rows.append(
            [
                Cell(names[unit_id]),
                *(
                    Cell(
                        counts[key],
                        "int",
                        url=url("awards:dossier_list", year=year, unit=unit_id, state=state),
                    )
                    for key, state in (
                        ("open", "open"),
                        ("returned", DossierState.RETURNED),
                        ("done", "done"),
                    )
                ),
                Cell(counts["total"], "int", url=url("awards:dossier_list", year=year, unit=unit_id)),
            ]
        )
    return detail


def _stuck_panel(root, year, stuck_total) -> Panel:
    stuck = Table(columns=[_("Hồ sơ"), _("Đơn vị đề nghị"), _("Trạng thái"), _("Số ngày chưa xử lý")])
    now = timezone.now()
    for d in stuck_dossiers(root=root, year=year):  # the oldest stuck dossiers
        stuck.rows.append(
            [
                Cell(d.title, url=d.get_absolute_url()),
                Cell(unit_label(d.proposing_unit)),
                Cell(d.get_state_display(), tone=warning_if(d.state == DossierState.RETURNED)),
                Cell((now - d.updated_at).days, "int"),
            ]
        )
    return Panel(
        "stuck",
        _("Hồ sơ nằm yên quá %(d)s ngày") % {"d": stuck_days()},
        stuck,
        summary=_("%(s)s hồ sơ; dưới đây là những hồ sơ chờ lâu nhất.") % {"s": stuck_total}
        if stuck_total
        else "",
        link=url("awards:dossier_list", year=year, unit=root.pk, state="stuck"),
        link_text=_("Xem tất cả hồ sơ nằm yên"),
        empty=_("Không có hồ sơ nào nằm yên quá hạn."),
    )


# --- Awards ---------------------------------------------------------------------------------


def _award_panels(root, year):
    """Awards of issued decisions to the subtree's people and collectives, by form and by
    level; the direct-worker share; and the prize money the root's own decisions paid
    against its fund. Two queries: `award_counts` without sectors, and `fund_use`."""
    counts = award_counts(root=root, year=year, by_sector=False)
    use = fund_use(owner=root, year=year)
    everyone = url("awards:awardee_list", year=year, unit=root.pk)
    share = counts.direct_worker_share
    figures = [
        Figure("awards", _("Tập thể, cá nhân được khen"), counts.total, url=everyone),
        Figure(
            "share",
            _("Tỷ lệ khen người lao động trực tiếp"),
            share,
            "percent",
            url="#panel-share",
            tone=share_tone(share),
        ),
        Figure(
            "fund",
            _("Tiền thưởng đã chi / quỹ"),
            use.percent,
            "percent",
            url="#panel-fund",
            tone=danger_if(use.percent and use.percent > 100),
        ),
    ]
    panels = [
        _forms_panel(root, year, counts),
        _levels_panel(root, year, counts),
        _share_panel(root, year, counts),
        _fund_panel(root, year, use),
    ]
    return panels, figures


def _forms_panel(root, year, counts) -> Panel:
    forms = Table(columns=[_("Hình thức"), _("Cấp khen"), _("Tập thể"), _("Cá nhân"), _("Tổng số")])
    for row in counts.forms:
        link = url("awards:awardee_list", year=year, unit=root.pk, form=row.form_id)
        forms.rows.append(
            [
                Cell(row.name, url=link),
                Cell(IssuingLevel(row.level).label),
                Cell(row.collectives, "int"),
                Cell(row.individuals, "int"),
                Cell(row.total, "int", url=link),
            ]
        )
    forms.footer = [
        Cell(_("Tổng số")),
        Cell(""),
        Cell(counts.collectives, "int"),
        Cell(counts.individuals, "int"),
        Cell(counts.total, "int", url=url("awards:awardee_list", year=year, unit=root.pk)),
    ]
    return Panel(
        "awards",
        _("Khen thưởng theo hình thức năm %(y)s") % {"y": year},
        forms,
        table_chart("hbar", forms, 4, _("Số được khen")),
        summary=_("Tặng %(t)s tập thể và %(c)s cá nhân theo các quyết định đã ban hành.")
        % {"t": counts.collectives, "c": counts.individuals}
        if counts.total
        else "",
        link=url("awards:awardee_list", year=year, unit=root.pk),
        link_text=_("Xem danh sách được khen thưởng"),
        empty=_("Chưa có quyết định khen thưởng nào được ban hành trong năm."),
    )


def _levels_panel(root, year, counts) -> Panel:
    by_level = counts.by_level
    levels = Table(columns=[_("Cấp khen thưởng"), _("Số được khen")])
    for level in IssuingLevel:
        if by_level.get(level.value):
            link = url("awards:awardee_list", year=year, unit=root.pk, level=level.value)
            levels.rows.append([Cell(level.label), Cell(by_level[level.value], "int", url=link)])
    levels.footer = [Cell(_("Tổng số")), Cell(counts.total, "int")]
    return Panel(
        "levels",
        _("Khen thưởng theo cấp năm %(y)s") % {"y": year},
        levels,
        table_chart("doughnut", levels, 1, _("Số được khen")),
        link=url("awards:statistics", year=year),
        link_text=_("Xem thống kê khen thưởng"),
        empty=_("Chưa có quyết định khen thưởng nào được ban hành trong năm."),
    )


def _share_panel(root, year, counts) -> Panel:
    share = counts.direct_worker_share
    individuals = url("awards:awardee_list", year=year, unit=root.pk, kind="individual")
    direct = url("awards:awardee_list", year=year, unit=root.pk, kind="direct")
    table = Table(columns=[_("Chỉ số"), _("Giá trị")])
    table.rows = [
        [Cell(_("Cá nhân được khen")), Cell(counts.individuals, "int", url=individuals)],
        [
            Cell(_("Trong đó công nhân, người lao động trực tiếp")),
            Cell(counts.direct_workers, "int", url=direct),
        ],
        [Cell(_("Tỷ lệ")), Cell(share, "percent", tone=share_tone(share))],
        [Cell(_("Mục tiêu tối thiểu")), Cell(DIRECT_WORKER_TARGET, "percent")],
    ]
    chart = None
    summary = _("Chưa có cá nhân nào được khen trong năm.")
    if share is not None:
        chart = Chart(
            "hbar",
            [_("Tỷ lệ đạt"), _("Mục tiêu")],
            [{"label": "%", "data": [float(share), float(DIRECT_WORKER_TARGET)]}],
            target=float(DIRECT_WORKER_TARGET),
            unit="%",
            colors=["#198754" if counts.meets_direct_worker_target else "#dc3545", "#adb5bd"],
        )
        summary = _("Đạt %(s)s, mục tiêu tối thiểu %(t)s.") % {
            "s": format_percent_or_dash(share),
            "t": format_percent_or_dash(DIRECT_WORKER_TARGET),
        }
    return Panel(
        "share",
        _("Tỷ lệ khen thưởng công nhân, người lao động trực tiếp"),
        table,
        chart,
        summary=summary,
        link=individuals,
        link_text=_("Xem danh sách cá nhân được khen"),
    )


def _fund_panel(root, year, use) -> Panel:
    cap, paid, used = use.cap, use.spent, use.percent
    table = Table(columns=[_("Khoản"), _("Số tiền (đồng)")])
    table.rows = [
        [Cell(_("Quỹ khen thưởng năm")), Cell(cap, "money", url=url("awards:fund_list"))],
        [Cell(_("Đã chi tiền thưởng")), Cell(paid, "money", url=url("awards:decision_list", year=year))],
        [
            Cell(_("Còn lại")),
            Cell(
                cap - paid if cap is not None else None,
                "money",
                tone=danger_if(cap is not None and paid > cap),
            ),
        ],
        [Cell(_("Tỷ lệ đã chi")), Cell(used, "percent", tone=danger_if(used and used > 100))],
    ]
    chart = None
    summary = _("Chưa lập quỹ khen thưởng của %(u)s cho năm này; đã chi %(p)s đồng.") % {
        "u": root.name,
        "p": format_money_or_dash(paid),
    }
    if cap:
        chart = Chart(
            "doughnut",
            [_("Đã chi"), _("Còn lại")],
            [{"label": _("đồng"), "data": [float(paid), float(max(cap - paid, 0))]}],
            unit="đ",
            colors=["#0d6efd", "#dee2e6"],
        )
        summary = _("Đã chi %(p)s đồng, bằng %(u)s quỹ %(c)s đồng.") % {
            "p": format_money_or_dash(paid),
            "u": format_percent_or_dash(used),
            "c": format_money_or_dash(cap),
        }
    return Panel(
        "fund",
        _("Tiền thưởng so với quỹ khen thưởng năm %(y)s") % {"y": year},
        table,
        chart,
        summary=summary,
        link=url("awards:fund_list"),
        link_text=_("Xem quỹ khen thưởng"),
    )


# --- Rankings, indicators, the plan and deadlines -------------------------------------------


def _ranking_row(row, root) -> list[Cell]:
    scored = bool(row.source)
    inside = row.unit.path.startswith(root.path)
    return [
        Cell(row.rank or None, "int"),
        Cell(unit_label(row.unit), url=row.sheet.get_absolute_url() if row.sheet and inside else ""),
        Cell(row.total if scored else None, "points"),
        Cell(row.percent.quantize(Decimal("0.1"), ROUND_HALF_UP) if scored else None, "percent"),
        Cell(row.band or ("" if scored else _("Chưa chấm"))),
    ]


def _ranking_panels(root, year):
    tables = tables_of_blocs_in(root, year=year)
    ranked = rankings(tables) if tables else {}
    panels = []
    for table in tables:
        rows = ranked[table.pk]
        body = Table(columns=[_("Hạng"), _("Đơn vị"), _("Tổng điểm"), _("Tỷ lệ"), _("Xếp loại")])
        body.rows = [_ranking_row(r, root) for r in rows]
        scored = [r for r in rows if r.source]
        panels.append(
            Panel(
                f"ranking-{table.pk}",
                _("Xếp hạng %(g)s") % {"g": table.grouping.name},
                body,
                points_chart(scored),
                summary=_("%(n)s/%(m)s đơn vị đã có điểm.") % {"n": len(scored), "m": len(rows)},
                link=url("scoring:ranking", table.pk),
                link_text=_("Xem bảng xếp hạng"),
                empty=_("Khối chưa có thành viên."),
            )
        )
    return panels


def _heat_map(units, blocks, year, period_text) -> Table:
    """Per unit and indicator, the percent of plan achieved, coloured like a heat map."""
    heat = Table(
        columns=[_("Đơn vị")] + [b.indicator.name for b in blocks],
        caption=_("Tỷ lệ thực hiện so với kế hoạch (%)"),
    )
    if not blocks:
        return heat
    for index, unit in enumerate(units):
        row = [Cell(unit_label(unit), url=url("reports:unit_dashboard", unit.pk, year=year))]
        link = url("emulation:indicators", unit=unit.pk, period=period_text)
        for block in blocks:
            pct = block.members[index].percent
            row.append(Cell(pct, "percent0", tone=heat_tone(pct), url=link))
        heat.rows.append(row)
    heat.footer = [Cell(_("Toàn phạm vi"))] + [
        Cell(b.percent, "percent0", tone=heat_tone(b.percent)) for b in blocks
    ]
    return heat


def _indicator_panel(root, units, year):
    period, values = latest_indicator_values(units, year=year)
    blocks = figures_from_values(units, values) if values else []
    period_text = f"{year}-{period}"
    totals = Table(columns=indicator_columns())
    totals.rows = [indicator_row(b.indicator, b.total, b.plan_total, b.percent) for b in blocks]
    with_plan = [b for b in blocks if b.percent is not None]
    reached = sum(1 for b in with_plan if b.percent >= 100)
    return Panel(
        "indicators",
        _("Chỉ tiêu đạt được theo đơn vị — %(p)s") % {"p": period_label(year, period)},
        totals,
        plan_chart([b.indicator.name for b in with_plan], [b.percent for b in with_plan])
        if with_plan
        else None,
        _heat_map(units, blocks, year, period_text),
        summary=_("%(n)s/%(m)s chỉ tiêu có kế hoạch đã đạt từ 100%% trở lên.")
        % {"n": reached, "m": len(with_plan)}
        if with_plan
        else "",
        link=url("emulation:indicators", unit=root.pk, period=period_text),
        link_text=_("Xem bảng chỉ tiêu"),
        empty=_("Chưa có số liệu chỉ tiêu trong năm."),
        wide=True,
    )


def _task_panel(root, year, today):
    tasks = overdue_tasks(root, year=year, today=today)
    table = Table(columns=[_("TT"), _("Nội dung"), _("Đơn vị thực hiện"), _("Hạn"), _("Quá hạn (ngày)")])
    for task in tasks[:15]:
        table.rows.append(
            [
                Cell(task.number, "int"),
                Cell(task.content, url=task.plan.get_absolute_url() + f"#task-{task.pk}"),
                Cell(task.responsible_text),
                Cell(task.due_on, "date"),
                Cell((today - task.due_on).days, "int", tone="danger"),
            ]
        )
    plan = tasks[0].plan if tasks else None
    return (
        Panel(
            "tasks",
            _("Nhiệm vụ quá hạn của kế hoạch năm %(y)s") % {"y": year},
            table,
            summary=_("%(n)s nhiệm vụ đã quá hạn mà chưa hoàn thành.") % {"n": len(tasks)} if tasks else "",
            link=plan.get_absolute_url() if plan else url("emulation:plan_list"),
            link_text=_("Xem kế hoạch"),
            empty=_("Không có nhiệm vụ nào quá hạn."),
        ),
        len(tasks),
    )


def _deadline_panel(root, deadlines, today):
    upcoming = [d for d in deadlines if d.due_on >= today][:8]
    table = Table(columns=[_("Nội dung"), _("Đơn vị đặt hạn"), _("Hạn"), _("Còn (ngày)")])
    for d in upcoming:
        left = (d.due_on - today).days
        table.rows.append(
            [
                Cell(d.name, url=url("emulation:deadline_board", year=d.year, unit=root.pk)),
                Cell(unit_label(d.owner)),
                Cell(d.due_on, "date"),
                Cell(left, "int", tone=warning_if(left <= 7)),
            ]
        )
    return Panel(
        "deadlines",
        _("Thời hạn sắp tới"),
        table,
        link=url("emulation:deadline_list"),
        link_text=_("Xem các thời hạn"),
        empty=_("Không có thời hạn nào sắp tới."),
    )
