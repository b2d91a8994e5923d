"""Pledged indicators: figures per unit and period, percentages, totals, and imports.

Seed 002 prints each member's figure with its plan and percentage ("Lai Châu có 2751/2300
sáng kiến đăng ký (đạt 120%)") and a cluster total that is wrong where typed by hand
(27.1745 for 27.175). Here percentages and totals are always computed from the figures.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from emulation.enums import Aggregation, Period
from emulation.models import Indicator, IndicatorValue
from units.audit import audit_record
from units.enums import AuditAction
from units.imports import match_unit, read_records, value_errors
from units.models import Unit, fold_text

HUNDRED = Decimal(100)


def parse_period(text: str) -> tuple[int, str]:
    """ "2023-H1" → (2023, "H1"); "2023", "2023-Y" or "2023-N" → (2023, "Y")."""
    year_text, _sep, part = (text or "").strip().upper().partition("-")
    if not year_text.isdigit() or not 2000 <= int(year_text) <= 2100:
        raise ValueError(
            _("Kỳ “%(p)s” không hợp lệ: dùng dạng 2023-H1 (6 tháng) hoặc 2023 (cả năm).") % {"p": text}
        )
    if part in {"", "Y", "N", "CN"}:
        return int(year_text), Period.YEAR
    if part in {"H1", "6T"}:
        return int(year_text), Period.HALF_YEAR
    raise ValueError(
        _("Kỳ “%(p)s” không hợp lệ: dùng dạng 2023-H1 (6 tháng) hoặc 2023 (cả năm).") % {"p": text}
    )


def period_label(year: int, period: str) -> str:
    return f"{Period(period).label} {year}"


def percent(actual: Decimal | None, planned: Decimal | None, decimals: int = 0) -> Decimal | None:
    """Achieved share of the plan, rounded half up: 2751/2300 → 120; 4019/2700 → 149."""
    if actual is None or not planned:
        return None
    return (actual * HUNDRED / planned).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return numerator * HUNDRED / denominator


@dataclass
class MemberFigure:
    unit: Unit
    actual: Decimal | None
    planned: Decimal | None

    @property
    def percent(self) -> Decimal | None:
        return percent(self.actual, self.planned)


@dataclass
class IndicatorFigures:
    indicator: Indicator
    members: list[MemberFigure] = field(default_factory=list)
    total: Decimal | None = None
    plan_total: Decimal | None = None  # only when every member that reported has a plan

    @property
    def percent(self) -> Decimal | None:
        return percent(self.total, self.plan_total)


def figures(units: list[Unit], *, year: int, period: str) -> list[IndicatorFigures]:
    """Every indicator with figures among `units`, each member's figure and the totals.
    Two queries whatever the number of units and indicators."""
    values = list(
        IndicatorValue.objects.filter(unit__in=units, year=year, period=period).values(
            "indicator_id", "unit_id", "actual", "planned"
        )
    )
    return figures_from_values(units, values)


def figures_from_values(units: list[Unit], values: list[dict]) -> list[IndicatorFigures]:
    """The figures of `figures` from value rows already read (indicator_id, unit_id,
    actual, planned): one query for the indicators."""
    by_key = {(v["indicator_id"], v["unit_id"]): v for v in values}
    used = {v["indicator_id"] for v in values}
    indicators = list(
        Indicator.objects.filter(pk__in=used)
        | Indicator.objects.filter(aggregation=Aggregation.RATIO, numerator__in=used, denominator__in=used)
    )
    block = {Aggregation.RATIO: _ratio_block}
    return [
        block.get(indicator.aggregation, _sum_block)(indicator, units, by_key)
        for indicator in sorted(set(indicators), key=lambda i: (i.order, i.name))
    ]


def _ratio_block(indicator: Indicator, units: list[Unit], by_key: dict) -> IndicatorFigures:
    """Each member's ratio of its two figures; the total is the ratio of their sums."""
    block = IndicatorFigures(indicator)
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for unit in units:
        num = by_key.get((indicator.numerator_id, unit.pk), {})
        den = by_key.get((indicator.denominator_id, unit.pk), {})
        block.members.append(MemberFigure(unit, _ratio(num.get("actual"), den.get("actual")), None))
        for key, source in (("num", num), ("den", den)):
            if source.get("actual") is not None:
                sums[key] += source["actual"]
    block.total = _ratio(sums.get("num"), sums.get("den"))
    return block


def _sum_block(indicator: Indicator, units: list[Unit], by_key: dict) -> IndicatorFigures:
    """Each member's figure; the total of those that reported, and of their plans when
    every one of them has a plan."""
    block = IndicatorFigures(indicator)
    for unit in units:
        value = by_key.get((indicator.pk, unit.pk))
        block.members.append(MemberFigure(unit, value and value["actual"], value and value["planned"]))
    reported = [f for f in block.members if f.actual is not None]
    block.total = sum((f.actual for f in reported), Decimal(0)) if reported else None
    if reported and all(f.planned is not None for f in reported):
        block.plan_total = sum((f.planned for f in reported), Decimal(0))
    return block


def figures_json(blocks: list[IndicatorFigures]) -> list[dict]:
    def number(value):
        if value is None:
            return None
        return int(value) if value == value.to_integral_value() else float(value)

    return [
        {
            "indicator": b.indicator.name,
            "measure": b.indicator.measure,
            "total": number(b.total),
            "plan_total": number(b.plan_total),
            "percent": number(b.percent),
            "members": [
                {
                    "unit": m.unit.short_name or m.unit.name,
                    "code": m.unit.code,
                    "actual": number(m.actual),
                    "plan": number(m.planned),
                    "percent": number(m.percent),
                }
                for m in b.members
            ],
        }
        for b in blocks
    ]


# --- Import ------------------------------------------------------------------------------

ALIASES = {
    "unit": {"tinh", "don vi", "ma don vi", "unit"},
    "indicator": {"chi tieu", "indicator"},
    "measure": {"don vi tinh", "measure"},
    "actual": {"thuc hien", "actual"},
    "planned": {"ke hoach", "planned", "plan"},
}
REQUIRED = {"unit": "tinh (hoặc don_vi)", "indicator": "chi_tieu", "actual": "thuc_hien"}


@dataclass
class FigureRow:
    line: int
    unit_text: str
    indicator_text: str
    measure: str
    actual: Decimal | None
    planned: Decimal | None
    errors: list[str] = field(default_factory=list)
    unit: Unit | None = None
    new_indicator: bool = False


def _figure(raw: str, column: str, errors: list[str]) -> Decimal | None:
    text = (raw or "").strip().replace(" ", "")
    if not text:
        return None
    # Vietnamese thousands use dots ("2.751"); a comma is the decimal mark.
    if "," in text or text.count(".") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) == 3):
        text = text.replace(".", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        errors.append(_("%(c)s “%(t)s” không phải là số.") % {"c": column, "t": raw.strip()})
        return None
    if value < 0:
        errors.append(_("%(c)s không được âm.") % {"c": column})
    return value


def parse_figures(filename: str, content: bytes, *, units: list[Unit]) -> list[FigureRow]:
    rows = []
    known = {fold_text(i.name): i for i in Indicator.objects.all()}
    seen: dict[tuple, int] = {}
    for line, cells in read_records(filename, content, aliases=ALIASES, required=REQUIRED):
        errors: list[str] = []
        row = FigureRow(
            line=line,
            unit_text=cells.get("unit", ""),
            indicator_text=cells.get("indicator", "").strip(),
            measure=cells.get("measure", "").strip(),
            actual=_figure(cells.get("actual"), _("Thực hiện"), errors),
            planned=_figure(cells.get("planned"), _("Kế hoạch"), errors),
        )
        row.errors = errors
        row.unit, problem = match_unit(row.unit_text, units)
        if problem:
            row.errors.append(problem)
        if not row.indicator_text:
            row.errors.append(_("Thiếu tên chỉ tiêu."))
        else:
            indicator = known.get(fold_text(row.indicator_text))
            if indicator is None:
                row.new_indicator = True
                if not row.measure:
                    row.errors.append(_("Chỉ tiêu mới cần có đơn vị tính."))
            elif indicator.aggregation == Aggregation.RATIO:
                row.errors.append(_("Chỉ tiêu tỷ lệ được tính, không nhập."))
        row.errors += value_errors(
            Indicator,
            {"name": row.indicator_text, "measure": row.measure},
            {"name": "chi_tieu", "measure": "don_vi_tinh"},
        )
        row.errors += value_errors(
            IndicatorValue,
            {"actual": row.actual, "planned": row.planned},
            {"actual": "thuc_hien", "planned": "ke_hoach"},
        )
        if row.actual is None and row.planned is None and not errors:
            row.errors.append(_("Cần ít nhất số thực hiện hoặc kế hoạch."))
        key = (row.unit.pk if row.unit else row.unit_text, fold_text(row.indicator_text))
        if key in seen:
            row.errors.append(_("Trùng với dòng %(l)s.") % {"l": seen[key]})
        seen.setdefault(key, line)
        rows.append(row)
    return rows


@transaction.atomic
def figures_import(*, rows: list[FigureRow], year: int, period: str, by, source: str = "") -> int:
    """Save checked figures: new indicators are defined from their name and measure,
    existing figures of the same unit, indicator and period are replaced. Any bad row
    refuses the whole file."""
    bad = [r for r in rows if r.errors]
    if bad:
        raise ValidationError([_("Dòng %(l)s: %(e)s") % {"l": r.line, "e": " ".join(r.errors)} for r in bad])
    indicators = {fold_text(i.name): i for i in Indicator.objects.all()}
    order = max((i.order for i in indicators.values()), default=0)
    for row in rows:
        key = fold_text(row.indicator_text)
        if key not in indicators:
            order += 1
            indicators[key] = Indicator.objects.create(
                name=row.indicator_text, measure=row.measure, order=order
            )
        IndicatorValue.objects.update_or_create(
            indicator=indicators[key],
            unit=row.unit,
            year=year,
            period=period,
            defaults={"actual": row.actual, "planned": row.planned, "updated_by": by},
        )
    audit_record(
        action=AuditAction.IMPORT,
        by=by,
        object_type="emulation.indicatorvalue",
        object_repr=source[:255],
        changes={"period": f"{year}-{period}", "rows": len(rows)},
    )
    return len(rows)
