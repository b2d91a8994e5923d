"""Dashboards: what leadership and each union see at a glance.

A dashboard is a list of panels. A panel carries the table behind its chart (what screen
readers and the XLSX export read), an optional detail table, the chart's series and the
link to the full list. Every figure is computed here from the data, in a fixed number of
queries whatever the data size (tests/reports/test_dashboards.py counts them), and the
result is cached per scope, year, day and language under the data version: the id of the
newest audited change, so any recorded change shows at the next request on every app
server (see `data_version`).
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from awards.enums import DecisionState, DossierState, IssuingLevel
from awards.models import Awardee, AwardFund, Dossier
from awards.queries import DONE_DOSSIER_STATES, OPEN_DOSSIER_STATES, stuck_days
from emulation.enums import DeadlineKind, Period, RegistrationState, ReportState, TaskStatus
from emulation.indicators import figures_from_values, period_label
from emulation.models import Deadline, IndicatorValue, PlanTask, Registration, ResultReport
from emulation.queries import TRACKED, board_units, deadline_status
from scoring.enums import TableStatus
from scoring.models import CriteriaTable
from scoring.queries import rankings, with_maximum
from units.enums import AuditAction
from units.formatting import format_number, format_percent
from units.models import AuditEntry, GroupingMembership, Unit

DIRECT_WORKER_TARGET = Decimal(30)  # domain rule 7: at least 30% of individual awards
CACHE_SECONDS = 600
# Audited actions that change data (logins, denials and sensitive reads do not).
DATA_ACTIONS = (
    AuditAction.CREATE,
    AuditAction.UPDATE,
    AuditAction.DELETE,
    AuditAction.STATE,
    AuditAction.IMPORT,
)


# --- The panel model ------------------------------------------------------------------------


@dataclass
class Cell:
    value: object = None  # int, Decimal, str, date or None
    kind: str = "text"  # text | int | money | percent | points | date
    url: str = ""
    tone: str = ""  # a colour class for statuses and heat-map cells

    @property
    def number(self):
        """The value as a plain number for charts and spreadsheets (None when not one)."""
        if self.kind in {"text", "date"} or self.value is None:
            return None
        return float(self.value) if isinstance(self.value, Decimal) else self.value


@dataclass
class Table:
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    footer: list[Cell] | None = None
    caption: str = ""

    @property
    def numeric(self) -> list[bool]:
        """Per column, whether it holds numbers (its header aligns right like them)."""
        rows = self.rows + ([self.footer] if self.footer else [])
        return [
            any(row[i].kind not in {"text", "date"} for row in rows) and i > 0
            for i in range(len(self.columns))
        ]


@dataclass
class Chart:
    kind: str  # bar | hbar | doughnut
    labels: list[str]
    series: list[dict]  # {"label": str, "data": [numbers]}
    target: float | None = None  # a reference line (30% share, 100% of plan)
    unit: str = ""  # "%" or "đ" for the axis and tooltips
    colors: list[str] = field(default_factory=list)


def table_chart(kind: str, table: Table, column: int, label: str) -> Chart:
    """A chart of one column of a table against its first column: the chart and the
    table beside it then cannot disagree."""
    return Chart(
        kind,
        [row[0].value for row in table.rows],
        [{"label": label, "data": [row[column].value for row in table.rows]}],
    )


@dataclass
class Panel:
    key: str
    title: str
    table: Table
    chart: Chart | None = None
    detail: Table | None = None
    summary: str = ""
    link: str = ""
    link_text: str = ""
    empty: str = ""
    wide: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.table.rows and not (self.detail and self.detail.rows)


@dataclass
class Figure:
    """A headline number at the top of a dashboard."""

    key: str
    label: str
    value: object
    kind: str = "int"
    of: object = None  # "x / of"
    url: str = ""
    tone: str = ""
    note: str = ""  # a line under the value: "(7 đơn vị chưa có điểm)"


@dataclass
class Dashboard:
    kind: str  # "province" | "unit"
    root_id: int
    root_name: str
    year: int
    today: datetime.date
    figures: list[Figure] = field(default_factory=list)
    panels: list[Panel] = field(default_factory=list)
    units: list[tuple[int, str]] = field(default_factory=list)  # the units a province board lists
    version: int = 0

    def panel(self, key: str) -> Panel | None:
        return next((p for p in self.panels if p.key == key), None)


def _url(name: str, *args, **params) -> str:
    url = reverse(name, args=args)
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{url}?{urlencode(params)}" if params else url


def _percent(part, whole, places: str = "0.1") -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(places), ROUND_HALF_UP)


def _unit_label(unit: Unit) -> str:
    return unit.short_name or unit.name


# --- Cache ----------------------------------------------------------------------------------


def data_version() -> int:
    """The id of the newest audited change: every service records its writes in the audit
    log in the same transaction, so a new id means the data may have changed. One query on
    the primary key's index."""
    return (
        AuditEntry.objects.filter(action__in=DATA_ACTIONS)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
        or 0
    )


def cached(kind: str, root: Unit, year: int, today: datetime.date, build) -> Dashboard:
    """The dashboard from the cache when it was built at the current data version, else
    built now and kept. The key names the scope, year, day and language; the version makes
    a per-process cache as exact as a shared one."""
    version = data_version()
    key = f"dashboard:{kind}:{root.pk}:{year}:{today.isoformat()}:{get_language()}:{version}"
    dashboard = cache.get(key)
    if dashboard is None:
        dashboard = build(root, year=year, today=today)
        dashboard.version = version
        cache.set(key, dashboard, CACHE_SECONDS)
    return dashboard


# --- Province dashboard ---------------------------------------------------------------------


REGISTRATION_TONES = {
    "": "secondary",
    RegistrationState.DRAFT: "secondary",
    RegistrationState.SUBMITTED: "info",
    RegistrationState.RETURNED: "warning",
    RegistrationState.ACCEPTED: "success",
}
BOARD_TONES = {"on_time": "success", "late": "warning", "missing": "danger", "pending": "secondary"}


def _board_labels() -> dict[str, str]:
    return {
        "on_time": _("Đúng hạn"),
        "late": _("Trễ hạn"),
        "missing": _("Chưa nộp"),
        "pending": _("Chưa đến hạn"),
    }


def _registration_state_label(state: str) -> str:
    return RegistrationState(state).label if state else _("Chưa đăng ký")


REGISTRATION_ORDER = (
    RegistrationState.DRAFT,
    RegistrationState.SUBMITTED,
    RegistrationState.RETURNED,
    RegistrationState.ACCEPTED,
)
REGISTRATION_COLORS = {"": "#adb5bd", "draft": "#6c757d", "submitted": "#0dcaf0", "returned": "#ffc107"}


def _registration_counts(order, counts, year, root, column):
    """Units per registration state: the table (each count links to the list) and its
    doughnut."""
    table = Table(columns=[_("Tình trạng đăng ký"), column])
    for state in order:
        table.rows.append(
            [
                Cell(_registration_state_label(state), tone=REGISTRATION_TONES[state]),
                Cell(
                    counts[state],
                    "int",
                    url=_url("emulation:registration_list", year=year, unit=root.pk, state=state or "none"),
                ),
            ]
        )
    table.footer = [Cell(_("Tổng số")), Cell(sum(counts[s] for s in order), "int")]
    chart = Chart(
        "doughnut",
        [_registration_state_label(s) for s in order],
        [{"label": _("Số đơn vị"), "data": [counts[s] for s in order]}],
        colors=[REGISTRATION_COLORS.get(s, "#198754") for s in order],
    )
    return table, chart


def province_dashboard(root: Unit, *, year: int, today: datetime.date) -> Dashboard:
    """Leadership's view of `root`'s subtree for a year. Fifteen queries."""
    dashboard = Dashboard("province", root.pk, root.name, year, today)
    units = board_units(None, root)  # 1
    if not units:
        units = [root]
    unit_ids = [u.pk for u in units]
    dashboard.units = [(u.pk, _unit_label(u)) for u in units]
    owners = {*root.ancestor_ids, root.pk}
    deadlines = list(  # 2: the year's deadlines and the next ones
        Deadline.objects.filter(owner_id__in=owners)
        .filter(Q(year=year) | Q(due_on__gte=today))
        .select_related("owner")
        .order_by("due_on", "pk")
    )
    registrations = {r.unit_id: r for r in Registration.objects.filter(year=year, unit_id__in=unit_ids)}  # 3
    reports = {  # 4
        (r.unit_id, r.period): r
        for r in ResultReport.objects.filter(year=year, unit_id__in=unit_ids, state=ReportState.SUBMITTED)
    }
    registration_panel, registered = _registration_panel(
        root, units, year, today, deadlines, registrations, reports
    )
    dossier_panels, open_count = _dossier_panels(root, units, year, today)  # 5, 6
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
        award_figures["awards"],
        award_figures["share"],
        award_figures["fund"],
        Figure(
            "overdue",
            _("Nhiệm vụ kế hoạch quá hạn"),
            overdue,
            url="#panel-tasks",
            tone="danger" if overdue else "",
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


def _registration_panel(root, units, year, today, deadlines, registrations, reports):
    tracked = [d for d in deadlines if d.year == year and d.kind in TRACKED]
    labels = _board_labels()
    counts = Counter()
    detail = Table(
        columns=[_("Đơn vị"), _("Tình trạng đăng ký")]
        + [f"{d.get_kind_display()} ({d.due_on:%d/%m/%Y})" for d in tracked],
        caption=_("Tình hình đăng ký và gửi báo cáo của từng đơn vị so với thời hạn"),
    )
    registered = 0
    for unit in units:
        registration = registrations.get(unit.pk)
        state = registration.state if registration else ""
        counts[state] += 1
        registered += state == RegistrationState.ACCEPTED
        row = [
            Cell(_unit_label(unit), url=_url("reports:unit_dashboard", unit.pk, year=year)),
            Cell(
                _registration_state_label(state),
                url=registration.get_absolute_url() if registration else "",
                tone=REGISTRATION_TONES[state],
            ),
        ]
        for deadline in tracked:
            if deadline.kind == DeadlineKind.REGISTRATION:
                done = registration if state not in ("", RegistrationState.DRAFT) else None
            else:
                done = reports.get((unit.pk, TRACKED[deadline.kind]))
            status = deadline_status(done, deadline, today)
            row.append(
                Cell(labels[status], tone=BOARD_TONES[status], url=done.get_absolute_url() if done else "")
            )
        detail.rows.append(row)
    table, chart = _registration_counts(["", *REGISTRATION_ORDER], counts, year, root, _("Số đơn vị"))
    panel = Panel(
        "registrations",
        _("Đăng ký thi đua năm %(y)s") % {"y": year},
        table,
        chart,
        detail,
        summary=_("%(n)s/%(m)s đơn vị đã được chấp nhận đăng ký; %(k)s đơn vị chưa đăng ký.")
        % {"n": registered, "m": len(units), "k": counts[""]},
        link=_url("emulation:deadline_board", year=year, unit=root.pk),
        link_text=_("Xem bảng theo dõi thời hạn"),
        wide=True,
    )
    return panel, registered


def _board_unit_of(path: str, units: list[Unit]) -> Unit | None:
    """The board unit whose subtree holds `path` (the deepest one)."""
    best = None
    for unit in units:
        if path.startswith(unit.path) and (best is None or len(unit.path) > len(best.path)):
            best = unit
    return best


def _dossier_panels(root, units, year, today):
    cutoff = timezone.now() - datetime.timedelta(days=stuck_days())
    rows = (  # one grouped query: by proposing unit and state, with the stuck ones counted
        Dossier.objects.filter(year=year, proposing_unit__path__startswith=root.path)
        .values("proposing_unit__path", "state")
        .annotate(
            n=Count("id"), stuck=Count("id", filter=Q(updated_at__lt=cutoff, state__in=OPEN_DOSSIER_STATES))
        )
        .order_by()
    )
    by_state = Counter()
    by_unit: dict[int, Counter] = defaultdict(Counter)
    stuck_total = 0
    for row in rows:
        by_state[row["state"]] += row["n"]
        stuck_total += row["stuck"]
        owner = _board_unit_of(row["proposing_unit__path"], units)
        key = owner.pk if owner else root.pk
        group = (
            "open"
            if row["state"] in OPEN_DOSSIER_STATES
            else "done"
            if row["state"] in DONE_DOSSIER_STATES
            else "draft"
        )
        by_unit[key][group] += row["n"]
        by_unit[key]["returned"] += row["n"] if row["state"] == DossierState.RETURNED else 0
        by_unit[key]["total"] += row["n"]
    table = Table(columns=[_("Trạng thái"), _("Số hồ sơ")])
    states = [s for s in DossierState if by_state[s.value]]
    for state in states:
        table.rows.append(
            [
                Cell(state.label),
                Cell(
                    by_state[state.value],
                    "int",
                    url=_url("awards:dossier_list", year=year, state=state.value, unit=root.pk),
                ),
            ]
        )
    total = sum(by_state.values())
    table.footer = [
        Cell(_("Tổng số")),
        Cell(total, "int", url=_url("awards:dossier_list", year=year, unit=root.pk)),
    ]
    detail = Table(
        columns=[_("Đơn vị"), _("Đang xử lý"), _("Trong đó trả lại"), _("Đã có quyết định"), _("Tổng số")],
        caption=_("Hồ sơ theo đơn vị đề nghị"),
    )
    names = {u.pk: _unit_label(u) for u in units} | {root.pk: _unit_label(root)}
    for unit_id, counts in sorted(by_unit.items(), key=lambda item: (-item[1]["total"], names[item[0]])):
        detail.rows.append(
            [
                Cell(names[unit_id]),
                Cell(
                    counts["open"],
                    "int",
                    url=_url("awards:dossier_list", year=year, unit=unit_id, state="open"),
                ),
                Cell(
                    counts["returned"],
                    "int",
                    url=_url("awards:dossier_list", year=year, unit=unit_id, state=DossierState.RETURNED),
                ),
                Cell(
                    counts["done"],
                    "int",
                    url=_url("awards:dossier_list", year=year, unit=unit_id, state="done"),
                ),
                Cell(counts["total"], "int", url=_url("awards:dossier_list", year=year, unit=unit_id)),
            ]
        )
    chart = table_chart("hbar", table, 1, _("Số hồ sơ"))
    open_count = sum(by_state[s] for s in OPEN_DOSSIER_STATES)
    dossiers = Panel(
        "dossiers",
        _("Hồ sơ khen thưởng năm %(y)s") % {"y": year},
        table,
        chart,
        detail,
        summary=_("%(n)s hồ sơ, trong đó %(o)s đang xử lý và %(s)s nằm yên quá %(d)s ngày.")
        % {"n": total, "o": open_count, "s": stuck_total, "d": stuck_days()},
        link=_url("awards:dossier_list", year=year, unit=root.pk),
        link_text=_("Xem danh sách hồ sơ"),
        empty=_("Chưa có hồ sơ nào trong năm."),
    )
    stuck_rows = list(  # the oldest stuck dossiers
        Dossier.objects.filter(
            year=year,
            proposing_unit__path__startswith=root.path,
            state__in=OPEN_DOSSIER_STATES,
            updated_at__lt=cutoff,
        )
        .select_related("proposing_unit")
        .order_by("updated_at", "pk")[:10]
    )
    stuck = Table(columns=[_("Hồ sơ"), _("Đơn vị đề nghị"), _("Trạng thái"), _("Số ngày chưa xử lý")])
    now = timezone.now()
    for d in stuck_rows:
        stuck.rows.append(
            [
                Cell(d.title, url=d.get_absolute_url()),
                Cell(_unit_label(d.proposing_unit)),
                Cell(d.get_state_display(), tone="warning" if d.state == DossierState.RETURNED else ""),
                Cell((now - d.updated_at).days, "int"),
            ]
        )
    stuck_panel = Panel(
        "stuck",
        _("Hồ sơ nằm yên quá %(d)s ngày") % {"d": stuck_days()},
        stuck,
        summary=_("%(s)s hồ sơ; dưới đây là những hồ sơ chờ lâu nhất.") % {"s": stuck_total}
        if stuck_total
        else "",
        link=_url("awards:dossier_list", year=year, unit=root.pk, state="stuck"),
        link_text=_("Xem tất cả hồ sơ nằm yên"),
        empty=_("Không có hồ sơ nào nằm yên quá hạn."),
    )
    return [dossiers, stuck_panel], open_count


def _award_panels(root, year):
    """Awards of issued decisions to the subtree's people and collectives, by form; the
    direct-worker share; and the prize money the root's own decisions paid against its
    fund. Two queries."""
    in_scope = Q(person__unit__path__startswith=root.path) | Q(unit__path__startswith=root.path)
    rows = list(
        Awardee.objects.filter(decision__state=DecisionState.ISSUED, decision__year=year)
        .filter(in_scope | Q(decision__issuer=root))
        .values(
            "decision__award_form_id",
            "decision__award_form__name",
            "decision__award_form__issuing_level",
            "decision__award_form__order",
        )
        .annotate(
            collectives=Count("id", filter=in_scope & Q(unit__isnull=False)),
            individuals=Count("id", filter=in_scope & Q(person__isnull=False)),
            direct=Count("id", filter=in_scope & Q(person__is_direct_worker=True)),
            paid=Sum("prize", filter=Q(decision__issuer=root)),
        )
        .order_by("decision__award_form__order", "decision__award_form__name")
    )
    fund = AwardFund.objects.filter(owner=root, year=year).first()
    forms = Table(columns=[_("Hình thức"), _("Cấp khen"), _("Tập thể"), _("Cá nhân"), _("Tổng số")])
    by_level = Counter()
    totals = Counter()
    paid = Decimal(0)
    for row in rows:
        paid += row["paid"] or 0
        n = row["collectives"] + row["individuals"]
        if not n:
            continue
        totals.update(collectives=row["collectives"], individuals=row["individuals"], direct=row["direct"])
        level = row["decision__award_form__issuing_level"]
        by_level[level] += n
        url = _url("awards:awardee_list", year=year, unit=root.pk, form=row["decision__award_form_id"])
        forms.rows.append(
            [
                Cell(row["decision__award_form__name"], url=url),
                Cell(IssuingLevel(level).label),
                Cell(row["collectives"], "int"),
                Cell(row["individuals"], "int"),
                Cell(n, "int", url=url),
            ]
        )
    total = totals["collectives"] + totals["individuals"]
    forms.footer = [
        Cell(_("Tổng số")),
        Cell(""),
        Cell(totals["collectives"], "int"),
        Cell(totals["individuals"], "int"),
        Cell(total, "int", url=_url("awards:awardee_list", year=year, unit=root.pk)),
    ]
    awards = Panel(
        "awards",
        _("Khen thưởng theo hình thức năm %(y)s") % {"y": year},
        forms,
        table_chart("hbar", forms, 4, _("Số được khen")),
        summary=_("Tặng %(t)s tập thể và %(c)s cá nhân theo các quyết định đã ban hành.")
        % {"t": totals["collectives"], "c": totals["individuals"]}
        if total
        else "",
        link=_url("awards:awardee_list", year=year, unit=root.pk),
        link_text=_("Xem danh sách được khen thưởng"),
        empty=_("Chưa có quyết định khen thưởng nào được ban hành trong năm."),
    )
    levels = Table(columns=[_("Cấp khen thưởng"), _("Số được khen")])
    for level in IssuingLevel:
        if by_level[level.value]:
            levels.rows.append(
                [
                    Cell(level.label),
                    Cell(
                        by_level[level.value],
                        "int",
                        url=_url("awards:awardee_list", year=year, unit=root.pk, level=level.value),
                    ),
                ]
            )
    levels.footer = [Cell(_("Tổng số")), Cell(total, "int")]
    level_panel = Panel(
        "levels",
        _("Khen thưởng theo cấp năm %(y)s") % {"y": year},
        levels,
        table_chart("doughnut", levels, 1, _("Số được khen")),
        link=_url("awards:statistics", year=year),
        link_text=_("Xem thống kê khen thưởng"),
        empty=_("Chưa có quyết định khen thưởng nào được ban hành trong năm."),
    )
    share = _percent(totals["direct"], totals["individuals"])
    share_url = _url("awards:awardee_list", year=year, unit=root.pk, kind="individual")
    share_table = Table(columns=[_("Chỉ số"), _("Giá trị")])
    share_table.rows = [
        [Cell(_("Cá nhân được khen")), Cell(totals["individuals"], "int", url=share_url)],
        [
            Cell(_("Trong đó công nhân, người lao động trực tiếp")),
            Cell(
                totals["direct"],
                "int",
                url=_url("awards:awardee_list", year=year, unit=root.pk, kind="direct"),
            ),
        ],
        [Cell(_("Tỷ lệ")), Cell(share, "percent", tone=_share_tone(share))],
        [Cell(_("Mục tiêu tối thiểu")), Cell(DIRECT_WORKER_TARGET, "percent")],
    ]
    share_panel = Panel(
        "share",
        _("Tỷ lệ khen thưởng công nhân, người lao động trực tiếp"),
        share_table,
        Chart(
            "hbar",
            [_("Tỷ lệ đạt"), _("Mục tiêu")],
            [{"label": "%", "data": [float(share) if share is not None else 0, float(DIRECT_WORKER_TARGET)]}],
            target=float(DIRECT_WORKER_TARGET),
            unit="%",
            colors=[
                "#198754" if share is not None and share >= DIRECT_WORKER_TARGET else "#dc3545",
                "#adb5bd",
            ],
        )
        if share is not None
        else None,
        summary=(
            _("Đạt %(s)s, mục tiêu tối thiểu %(t)s.")
            % {"s": _format_percent(share), "t": _format_percent(DIRECT_WORKER_TARGET)}
            if share is not None
            else _("Chưa có cá nhân nào được khen trong năm.")
        ),
        link=share_url,
        link_text=_("Xem danh sách cá nhân được khen"),
    )
    cap = fund.cap if fund else None
    used = _percent(paid, cap) if cap else None
    fund_table = Table(columns=[_("Khoản"), _("Số tiền (đồng)")])
    fund_table.rows = [
        [Cell(_("Quỹ khen thưởng năm")), Cell(cap, "money", url=_url("awards:fund_list"))],
        [Cell(_("Đã chi tiền thưởng")), Cell(paid, "money", url=_url("awards:decision_list", year=year))],
        [
            Cell(_("Còn lại")),
            Cell(
                cap - paid if cap is not None else None,
                "money",
                tone="danger" if cap is not None and paid > cap else "",
            ),
        ],
        [Cell(_("Tỷ lệ đã chi")), Cell(used, "percent", tone="danger" if used and used > 100 else "")],
    ]
    fund_panel = Panel(
        "fund",
        _("Tiền thưởng so với quỹ khen thưởng năm %(y)s") % {"y": year},
        fund_table,
        Chart(
            "doughnut",
            [_("Đã chi"), _("Còn lại")],
            [{"label": _("đồng"), "data": [float(paid), float(max(cap - paid, 0))]}],
            unit="đ",
            colors=["#0d6efd", "#dee2e6"],
        )
        if cap
        else None,
        summary=(
            _("Đã chi %(p)s đồng, bằng %(u)s quỹ %(c)s đồng.")
            % {"p": _format_money(paid), "u": _format_percent(used), "c": _format_money(cap)}
            if cap
            else _("Chưa lập quỹ khen thưởng của %(u)s cho năm này; đã chi %(p)s đồng.")
            % {"u": root.name, "p": _format_money(paid)}
        ),
        link=_url("awards:fund_list"),
        link_text=_("Xem quỹ khen thưởng"),
    )
    figures = {
        "awards": Figure(
            "awards",
            _("Tập thể, cá nhân được khen"),
            total,
            url=_url("awards:awardee_list", year=year, unit=root.pk),
        ),
        "share": Figure(
            "share",
            _("Tỷ lệ khen người lao động trực tiếp"),
            share,
            "percent",
            url="#panel-share",
            tone=_share_tone(share),
        ),
        "fund": Figure(
            "fund",
            _("Tiền thưởng đã chi / quỹ"),
            used,
            "percent",
            url="#panel-fund",
            tone="danger" if used and used > 100 else "",
        ),
    }
    return [awards, level_panel, share_panel, fund_panel], figures


def _share_tone(share) -> str:
    if share is None:
        return ""
    return "success" if share >= DIRECT_WORKER_TARGET else "danger"


def _format_percent(value) -> str:
    return format_percent(value, 1) if value is not None else "—"


def _format_money(value) -> str:
    return format_number(value, 0) if value is not None else "—"


def _bloc_tables(year, scope: Q):
    """The newest version of each bloc's criteria table of the year (published or
    closed), with its maximum read alongside, among the blocs `scope` selects."""
    tables = (
        CriteriaTable.objects.filter(year=year, grouping__isnull=False)
        .filter(scope)
        .exclude(status=TableStatus.DRAFT)
        .select_related("grouping")
        .order_by("grouping__name", "-version")
    )
    return _latest_versions(list(with_maximum(tables)))


def _latest_versions(tables):
    seen, result = set(), []
    for table in tables:  # newest version of each bloc's table first
        if (table.grouping_id, table.code) not in seen:
            seen.add((table.grouping_id, table.code))
            result.append(table)
    return result


def _ranking_panels(root, year):
    members = GroupingMembership.objects.filter(unit__path__startswith=root.path).values("grouping_id")
    # The blocs with a member in the subtree, or owned by it.
    tables = _bloc_tables(year, Q(grouping_id__in=members) | Q(owner__path__startswith=root.path))
    ranked = rankings(tables) if tables else {}
    panels = []
    for table in tables:
        rows = ranked[table.pk]
        body = Table(columns=[_("Hạng"), _("Đơn vị"), _("Tổng điểm"), _("Tỷ lệ"), _("Xếp loại")])
        for r in rows:
            inside = r.unit.path.startswith(root.path)
            body.rows.append(
                [
                    Cell(r.rank or None, "int"),
                    Cell(
                        _unit_label(r.unit),
                        url=r.sheet.get_absolute_url() if r.sheet and inside else "",
                    ),
                    Cell(r.total if r.source else None, "points"),
                    Cell(r.percent.quantize(Decimal("0.1"), ROUND_HALF_UP) if r.source else None, "percent"),
                    Cell(r.band or (_("Chưa chấm") if not r.source else "")),
                ]
            )
        scored = [r for r in rows if r.source]
        panels.append(
            Panel(
                f"ranking-{table.pk}",
                _("Xếp hạng %(g)s") % {"g": table.grouping.name},
                body,
                Chart(
                    "hbar",
                    [_unit_label(r.unit) for r in scored],
                    [{"label": _("Tổng điểm"), "data": [float(r.total) for r in scored]}],
                ),
                summary=_("%(n)s/%(m)s đơn vị đã có điểm.") % {"n": len(scored), "m": len(rows)},
                link=_url("scoring:ranking", table.pk),
                link_text=_("Xem bảng xếp hạng"),
                empty=_("Khối chưa có thành viên."),
            )
        )
    return panels


HEAT_TONES = (
    (Decimal(100), "heat-4"),
    (Decimal(90), "heat-3"),
    (Decimal(70), "heat-2"),
    (Decimal(0), "heat-1"),
)


def heat_tone(percent) -> str:
    if percent is None:
        return "heat-none"
    return next(tone for floor, tone in HEAT_TONES if percent >= floor)


def _indicator_values(units, year):
    """The year's figures if any unit reported them, else the mid-year ones: one query."""
    values = list(
        IndicatorValue.objects.filter(unit__in=units, year=year).values(
            "indicator_id", "unit_id", "actual", "planned", "period"
        )
    )
    period = Period.YEAR if any(v["period"] == Period.YEAR for v in values) else Period.HALF_YEAR
    return period, [v for v in values if v["period"] == period]


def _indicator_panel(root, units, year):
    period, values = _indicator_values(units, year)
    blocks = figures_from_values(units, values) if values else []
    columns = [_("Đơn vị")] + [b.indicator.name for b in blocks]
    heat = Table(columns=columns, caption=_("Tỷ lệ thực hiện so với kế hoạch (%)"))
    period_text = f"{year}-{period}"
    for index, unit in enumerate(units if blocks else []):
        row = [Cell(_unit_label(unit), url=_url("reports:unit_dashboard", unit.pk, year=year))]
        for block in blocks:
            figure = block.members[index]
            pct = figure.percent
            row.append(
                Cell(
                    pct,
                    "percent0",
                    tone=heat_tone(pct),
                    url=_url("emulation:indicators", unit=unit.pk, period=period_text),
                )
            )
        heat.rows.append(row)
    if blocks:
        heat.footer = [Cell(_("Toàn phạm vi"))] + [
            Cell(b.percent, "percent0", tone=heat_tone(b.percent)) for b in blocks
        ]
    totals = Table(columns=[_("Chỉ tiêu"), _("Thực hiện"), _("Kế hoạch"), _("Tỷ lệ")])
    for b in blocks:
        totals.rows.append(
            [
                Cell(f"{b.indicator.name} ({b.indicator.measure})"),
                Cell(b.total, "number"),
                Cell(b.plan_total, "number"),
                Cell(b.percent, "percent0", tone=heat_tone(b.percent)),
            ]
        )
    with_plan = [b for b in blocks if b.percent is not None]
    return Panel(
        "indicators",
        _("Chỉ tiêu đạt được theo đơn vị — %(p)s") % {"p": period_label(year, period)},
        totals,
        Chart(
            "hbar",
            [b.indicator.name for b in with_plan],
            [{"label": _("% kế hoạch"), "data": [float(b.percent) for b in with_plan]}],
            target=100,
            unit="%",
        )
        if with_plan
        else None,
        heat,
        summary=_("%(n)s/%(m)s chỉ tiêu có kế hoạch đã đạt từ 100%% trở lên.")
        % {"n": sum(1 for b in with_plan if b.percent >= 100), "m": len(with_plan)}
        if with_plan
        else "",
        link=_url("emulation:indicators", unit=root.pk, period=period_text),
        link_text=_("Xem bảng chỉ tiêu"),
        empty=_("Chưa có số liệu chỉ tiêu trong năm."),
        wide=True,
    )


def _task_panel(root, year, today):
    tasks = list(
        PlanTask.objects.filter(plan__owner=root, plan__year=year, due_on__lt=today)
        .exclude(status=TaskStatus.DONE)
        .select_related("plan")
        .order_by("due_on", "quarter", "number")
    )
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
            link=plan.get_absolute_url() if plan else _url("emulation:plan_list"),
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
                Cell(d.name, url=_url("emulation:deadline_board", year=d.year, unit=root.pk)),
                Cell(_unit_label(d.owner)),
                Cell(d.due_on, "date"),
                Cell(left, "int", tone="warning" if left <= 7 else ""),
            ]
        )
    return Panel(
        "deadlines",
        _("Thời hạn sắp tới"),
        table,
        link=_url("emulation:deadline_list"),
        link_text=_("Xem các thời hạn"),
        empty=_("Không có thời hạn nào sắp tới."),
    )


# --- Union dashboard ------------------------------------------------------------------------


def unit_dashboard(unit: Unit, *, year: int, today: datetime.date) -> Dashboard:
    """A union's own view: its deadlines, registrations, dossiers in progress and
    returned, its scores and rank, its indicators. Eleven queries."""
    dashboard = Dashboard("unit", unit.pk, unit.name, year, today)
    owners = {*unit.ancestor_ids, unit.pk}
    deadlines = list(  # 1
        Deadline.objects.filter(owner_id__in=owners)
        .filter(Q(year=year) | Q(due_on__gte=today))
        .select_related("owner")
        .order_by("due_on", "pk")
    )
    registrations = list(  # 2: its own and those of the units below it
        Registration.objects.filter(year=year, unit__path__startswith=unit.path).select_related("unit")
    )
    own = next((r for r in registrations if r.unit_id == unit.pk), None)
    reports = {  # 3
        r.period: r for r in ResultReport.objects.filter(year=year, unit=unit, state=ReportState.SUBMITTED)
    }
    deadline_panel, missing = _own_deadline_panel(unit, year, today, deadlines, own, reports)
    registration_panel = _own_registration_panel(unit, year, own, registrations)
    dossier_panel, open_count, returned = _own_dossier_panel(unit, year)  # 4
    score_panels, ranks = _own_score_panels(unit, year)  # 5–9
    indicator_panel = _own_indicator_panel(unit, year)  # 10, 11

    state = own.state if own else ""
    dashboard.figures = [
        Figure(
            "registration",
            _("Đăng ký thi đua"),
            _registration_state_label(state),
            "text",
            url=own.get_absolute_url() if own else _url("emulation:registration_list", year=year),
            tone=REGISTRATION_TONES[state],
        ),
        Figure(
            "missing",
            _("Thời hạn đã quá mà chưa nộp"),
            missing,
            url="#panel-own-deadlines",
            tone="danger" if missing else "",
        ),
        Figure("open_dossiers", _("Hồ sơ đang xử lý"), open_count, url="#panel-own-dossiers"),
        Figure(
            "returned",
            _("Hồ sơ bị trả lại"),
            returned,
            url=_url("awards:dossier_list", year=year, unit=unit.pk, state=DossierState.RETURNED),
            tone="warning" if returned else "",
        ),
        *ranks,
    ]
    dashboard.panels = [deadline_panel, registration_panel, dossier_panel, *score_panels, indicator_panel]
    return dashboard


def _own_deadline_panel(unit, year, today, deadlines, own, reports):
    labels = _board_labels()
    table = Table(columns=[_("Nội dung"), _("Hạn"), _("Tình trạng của đơn vị")])
    missing = 0
    shown = [d for d in deadlines if d.year == year or d.due_on >= today]
    for d in shown:
        if d.kind in TRACKED and d.year == year:
            if d.kind == DeadlineKind.REGISTRATION:
                done = own if own and own.state != RegistrationState.DRAFT else None
            else:
                done = reports.get(TRACKED[d.kind])
            status = deadline_status(done, d, today)
            missing += status == "missing"
            cell = Cell(labels[status], tone=BOARD_TONES[status], url=done.get_absolute_url() if done else "")
        else:
            cell = Cell(
                _("Còn %(n)s ngày") % {"n": (d.due_on - today).days} if d.due_on >= today else _("Đã qua")
            )
        table.rows.append([Cell(d.name), Cell(d.due_on, "date"), cell])
    panel = Panel(
        "own-deadlines",
        _("Thời hạn của đơn vị năm %(y)s") % {"y": year},
        table,
        summary=_("%(n)s thời hạn đã quá mà đơn vị chưa nộp.") % {"n": missing} if missing else "",
        link=_url("emulation:deadline_list", year=year),
        link_text=_("Xem các thời hạn"),
        empty=_("Chưa có thời hạn nào trong năm."),
    )
    return panel, missing


def _own_registration_panel(unit, year, own, registrations):
    below = [r for r in registrations if r.unit_id != unit.pk]
    counts = Counter(r.state for r in below)
    table, chart = _registration_counts(REGISTRATION_ORDER, counts, year, unit, _("Số đơn vị trực thuộc"))
    detail = Table(columns=[_("Đơn vị"), _("Tình trạng"), _("Ngày gửi")], caption=_("Đăng ký của đơn vị"))
    state = own.state if own else ""
    detail.rows.append(
        [
            Cell(_unit_label(unit)),
            Cell(
                _registration_state_label(state),
                url=own.get_absolute_url() if own else "",
                tone=REGISTRATION_TONES[state],
            ),
            Cell(timezone.localtime(own.submitted_at).date() if own and own.submitted_at else None, "date"),
        ]
    )
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
        link=_url("emulation:registration_list", year=year, unit=unit.pk),
        link_text=_("Xem danh sách đăng ký"),
    )


def _own_dossier_panel(unit, year):
    dossiers = list(
        Dossier.objects.filter(year=year, proposing_unit__path__startswith=unit.path)
        .exclude(state__in=DONE_DOSSIER_STATES)
        .select_related("proposing_unit", "award_form")
        .order_by("-updated_at", "pk")
    )
    counts = Counter(d.state for d in dossiers)
    table = Table(columns=[_("Hồ sơ"), _("Hình thức"), _("Trạng thái"), _("Cập nhật")])
    for d in dossiers[:15]:
        table.rows.append(
            [
                Cell(d.title, url=d.get_absolute_url()),
                Cell(d.award_form.name),
                Cell(
                    d.get_state_display(),
                    tone="warning" if d.state == DossierState.RETURNED else "",
                ),
                Cell(timezone.localtime(d.updated_at).date(), "date"),
            ]
        )
    states = [s for s in DossierState if counts[s.value]]
    open_count = sum(counts[s] for s in OPEN_DOSSIER_STATES)
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
        link=_url("awards:dossier_list", year=year, unit=unit.pk),
        link_text=_("Xem danh sách hồ sơ"),
        empty=_("Không có hồ sơ nào đang xử lý."),
    )
    return panel, open_count, returned


def _own_score_panels(unit, year):
    member_of = GroupingMembership.objects.filter(unit=unit).values("grouping_id")
    tables = _bloc_tables(year, Q(grouping_id__in=member_of))
    ranked = rankings(tables) if tables else {}
    panels, figures = [], []
    for table in tables:
        rows = ranked[table.pk]
        mine = next((r for r in rows if r.unit.pk == unit.pk), None)
        scored = [r for r in rows if r.source]
        # Scoring ranks every member and puts the unscored ones last: a rank is out of the
        # whole bloc ("1/8"), and says how many members have no score yet.
        unscored = len(rows) - len(scored)
        pending = _("(%(n)s đơn vị chưa có điểm)") % {"n": unscored} if unscored else ""
        rank_text = f"{mine.rank}/{len(rows)} {pending}".strip() if mine and mine.rank else "—"
        body = Table(columns=[_("Chỉ số"), _("Giá trị")])
        body.rows = [
            [Cell(_("Điểm chuẩn đạt")), Cell(mine.achieved if mine and mine.source else None, "points")],
            [Cell(_("Điểm thưởng")), Cell(mine.bonus if mine and mine.source else None, "points")],
            [Cell(_("Tổng điểm")), Cell(mine.total if mine and mine.source else None, "points")],
            [
                Cell(_("Nguồn điểm")),
                Cell(
                    _("Điểm thẩm định")
                    if mine and mine.source == "appraised"
                    else _("Điểm tự chấm")
                    if mine and mine.source
                    else _("Chưa chấm")
                ),
            ],
            [
                Cell(_("Xếp hạng")),
                Cell(rank_text, url=_url("scoring:ranking", table.pk)),
            ],
            [Cell(_("Xếp loại")), Cell(mine.band if mine else "")],
        ]
        if mine and mine.rank:
            figures.append(
                Figure(
                    f"rank-{table.pk}",
                    _("Hạng trong %(g)s") % {"g": table.grouping.name},
                    mine.rank,
                    of=len(rows),
                    url=_url("scoring:ranking", table.pk),
                    note=pending,
                )
            )
        panels.append(
            Panel(
                f"own-score-{table.pk}",
                _("Điểm và xếp hạng trong %(g)s") % {"g": table.grouping.name},
                body,
                Chart(
                    "hbar",
                    [_unit_label(r.unit) for r in scored],
                    [{"label": _("Tổng điểm"), "data": [float(r.total) for r in scored]}],
                    colors=["#0d6efd" if r.unit.pk == unit.pk else "#adb5bd" for r in scored],
                )
                if scored
                else None,
                link=mine.sheet.get_absolute_url()
                if mine and mine.sheet
                else _url("scoring:ranking", table.pk),
                link_text=_("Xem phiếu chấm điểm") if mine and mine.sheet else _("Xem bảng xếp hạng"),
            )
        )
    return panels, figures


def _own_indicator_panel(unit, year):
    period, values = _indicator_values([unit], year)
    blocks = figures_from_values([unit], values) if values else []
    table = Table(columns=[_("Chỉ tiêu"), _("Thực hiện"), _("Kế hoạch"), _("Tỷ lệ")])
    for b in blocks:
        m = b.members[0]
        table.rows.append(
            [
                Cell(f"{b.indicator.name} ({b.indicator.measure})"),
                Cell(m.actual, "number"),
                Cell(m.planned, "number"),
                Cell(m.percent, "percent0", tone=heat_tone(m.percent)),
            ]
        )
    with_plan = [b for b in blocks if b.members[0].percent is not None]
    return Panel(
        "own-indicators",
        _("Chỉ tiêu của đơn vị — %(p)s") % {"p": period_label(year, period)},
        table,
        Chart(
            "hbar",
            [b.indicator.name for b in with_plan],
            [{"label": _("% kế hoạch"), "data": [float(b.members[0].percent) for b in with_plan]}],
            target=100,
            unit="%",
        )
        if with_plan
        else None,
        link=_url("emulation:indicators", unit=unit.pk, period=f"{year}-{period}"),
        link_text=_("Xem bảng chỉ tiêu"),
        empty=_("Đơn vị chưa báo cáo số liệu chỉ tiêu trong năm."),
    )


# --- XLSX -----------------------------------------------------------------------------------

NUMBER_FORMATS = {
    "int": "#,##0",
    "money": "#,##0",
    "number": "#,##0.##",
    "points": "0.00",
    "percent": "0.0%",
    "percent0": "0%",
    "date": "dd/mm/yyyy",
}


def _sheet_value(cell: Cell):
    if cell.kind in {"percent", "percent0"} and cell.value is not None:
        return Decimal(cell.value) / 100
    return cell.value


def _table_sheet(title: str, table: Table, heading: str):
    from units.documents import Column, Sheet

    kinds = []
    for index, _name in enumerate(table.columns):
        cells = [row[index] for row in table.rows + ([table.footer] if table.footer else [])]
        kinds.append(next((c.kind for c in cells if c.value is not None and c.kind != "text"), "text"))
    columns = [
        Column(str(name), width=40 if index == 0 else 16, number_format=NUMBER_FORMATS.get(kind, ""))
        for index, (name, kind) in enumerate(zip(table.columns, kinds, strict=True))
    ]
    every = table.rows + ([table.footer] if table.footer else [])
    rows = [[_sheet_value(c) for c in row] for row in every]
    bold = {len(table.rows)} if table.footer else set()
    formats = {
        (r, c): NUMBER_FORMATS[cell.kind]
        for r, row in enumerate(every)
        for c, cell in enumerate(row)
        if cell.kind != kinds[c] and cell.kind in NUMBER_FORMATS
    }
    return Sheet(
        title=title, columns=columns, rows=rows, heading=heading, bold_rows=bold, cell_formats=formats
    )


def panel_sheets(dashboard: Dashboard, panels: list[Panel]):
    """A sheet for each panel's table, and one for its detail table."""
    sheets, used = [], set()

    def unique(title: str) -> str:
        title = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28]
        candidate, n = title, 2
        while candidate.lower() in used:
            candidate, n = f"{title[:25]} ({n})", n + 1
        used.add(candidate.lower())
        return candidate

    scope = f"{dashboard.root_name} — {dashboard.today:%d/%m/%Y}"
    for panel in panels:
        sheets.append(_table_sheet(unique(panel.title), panel.table, f"{panel.title} — {scope}"))
        if panel.detail is not None:
            title = panel.detail.caption or panel.title
            sheets.append(_table_sheet(unique(title), panel.detail, f"{title} — {scope}"))
    return sheets
