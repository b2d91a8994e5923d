"""Dashboard cells printed the Vietnamese way: 1.117.335.103; 90,6%; 19/11/2020."""

import datetime

from django import template

from reports.dashboards.panels import Cell
from units.formatting import format_number, format_percent, format_points

register = template.Library()

NUMERIC = {"int", "money", "number", "points", "percent", "percent0"}


@register.filter
def cell_text(cell) -> str:
    value, kind = cell.value, cell.kind
    if value is None or value == "":
        return "—" if kind in NUMERIC or kind == "date" else ""
    if kind in {"int", "money"}:
        return format_number(value, 0)
    if kind in {"number", "points"}:
        return format_points(value) if kind == "points" else _number(value)
    if kind == "percent":
        return format_percent(value, 1)
    if kind == "percent0":
        return format_percent(value, 0)
    if kind == "date" and isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _number(value) -> str:
    """Up to two decimals, none when whole: 27.175 → "27.175"; 3,5."""
    text = format_number(value, 2)
    return text.rstrip("0").rstrip(",") if "," in text else text


@register.filter
def is_numeric(cell) -> bool:
    return cell.kind in NUMERIC


@register.filter
def figure_text(figure) -> str:
    return cell_text(Cell(figure.value, figure.kind))


@register.filter
def chart_json(chart) -> dict:
    return {
        "kind": chart.kind,
        "labels": [str(label) for label in chart.labels],
        "series": [{"label": str(s["label"]), "data": s["data"]} for s in chart.series],
        "target": chart.target,
        "unit": chart.unit,
        "colors": chart.colors,
    }


@register.filter
def zip_numeric(columns, table):
    return list(zip(columns, table.numeric, strict=True))
