"""The pieces a dashboard is drawn from: cells, tables, charts, panels and headline
figures, and the colours, labels and links they share. Nothing here reads the database."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from awards.queries import DIRECT_WORKER_TARGET
from emulation.enums import RegistrationState
from units.formatting import format_number, format_percent
from units.models import Unit


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


def url(name: str, *args, **params) -> str:
    """The reversed URL with its non-empty query parameters."""
    path = reverse(name, args=args)
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(params)}" if params else path


def unit_label(unit: Unit) -> str:
    return unit.short_name or unit.name


def format_percent_or_dash(value) -> str:
    return format_percent(value, 1) if value is not None else "—"


def format_money_or_dash(value) -> str:
    return format_number(value, 0) if value is not None else "—"


def danger_if(condition) -> str:
    return "danger" if condition else ""


def warning_if(condition) -> str:
    return "warning" if condition else ""


# --- Registrations and deadlines ------------------------------------------------------------

REGISTRATION_TONES = {
    "": "secondary",
    RegistrationState.DRAFT: "secondary",
    RegistrationState.SUBMITTED: "info",
    RegistrationState.RETURNED: "warning",
    RegistrationState.ACCEPTED: "success",
}
REGISTRATION_ORDER = (
    RegistrationState.DRAFT,
    RegistrationState.SUBMITTED,
    RegistrationState.RETURNED,
    RegistrationState.ACCEPTED,
)
REGISTRATION_COLORS = {
    "": "#adb5bd",
    RegistrationState.DRAFT: "#6c757d",
    RegistrationState.SUBMITTED: "#0dcaf0",
    RegistrationState.RETURNED: "#ffc107",
}
BOARD_TONES = {"on_time": "success", "late": "warning", "missing": "danger", "pending": "secondary"}


def board_labels() -> dict[str, str]:
    """The words for `emulation.queries.deadline_status`'s answers."""
    return {
        "on_time": _("Đúng hạn"),
        "late": _("Trễ hạn"),
        "missing": _("Chưa nộp"),
        "pending": _("Chưa đến hạn"),
    }


def registration_state_label(state: str) -> str:
    return RegistrationState(state).label if state else _("Chưa đăng ký")


def registration_state_cell(registration, **kwargs) -> Cell:
    """A registration's state (or "not registered"), coloured, linking to it."""
    state = registration.state if registration else ""
    return Cell(
        registration_state_label(state),
        url=registration.get_absolute_url() if registration else "",
        tone=REGISTRATION_TONES[state],
        **kwargs,
    )


def deadline_cell(status: str, done) -> Cell:
    """A unit's standing against a deadline, linking to what it sent (if anything)."""
    return Cell(board_labels()[status], tone=BOARD_TONES[status], url=done.get_absolute_url() if done else "")


def registration_counts(order, counts, year, root, column):
    """Units per registration state: the table (each count links to the list) and its
    doughnut."""
    table = Table(columns=[_("Tình trạng đăng ký"), column])
    for state in order:
        table.rows.append(
            [
                Cell(registration_state_label(state), tone=REGISTRATION_TONES[state]),
                Cell(
                    counts[state],
                    "int",
                    url=url("emulation:registration_list", year=year, unit=root.pk, state=state or "none"),
                ),
            ]
        )
    table.footer = [Cell(_("Tổng số")), Cell(sum(counts[s] for s in order), "int")]
    chart = Chart(
        "doughnut",
        [registration_state_label(s) for s in order],
        [{"label": _("Số đơn vị"), "data": [counts[s] for s in order]}],
        colors=[REGISTRATION_COLORS.get(s, "#198754") for s in order],
    )
    return table, chart


# --- Scores, shares and indicators ----------------------------------------------------------

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


def share_tone(share) -> str:
    """Green when the direct-worker share reaches the target, red below it."""
    if share is None:
        return ""
    return "success" if share >= DIRECT_WORKER_TARGET else "danger"


def points_chart(rows, colors=None) -> Chart:
    """Total points of the scored members of a bloc, in ranking order."""
    return Chart(
        "hbar",
        [unit_label(r.unit) for r in rows],
        [{"label": _("Tổng điểm"), "data": [float(r.total) for r in rows]}],
        colors=colors or [],
    )


def plan_chart(labels, percents) -> Chart:
    """Indicators' achievement as a percent of plan, against the 100% line."""
    return Chart(
        "hbar",
        labels,
        [{"label": _("% kế hoạch"), "data": [float(p) for p in percents]}],
        target=100,
        unit="%",
    )


def indicator_row(indicator, actual, planned, percent) -> list[Cell]:
    return [
        Cell(f"{indicator.name} ({indicator.measure})"),
        Cell(actual, "number"),
        Cell(planned, "number"),
        Cell(percent, "percent0", tone=heat_tone(percent)),
    ]


def indicator_columns() -> list[str]:
    return [_("Chỉ tiêu"), _("Thực hiện"), _("Kế hoạch"), _("Tỷ lệ")]
