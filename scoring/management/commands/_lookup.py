"""Shared look-ups of the scoring commands: a table by code, a unit by code or name."""

from django.core.management.base import CommandError

from scoring.models import CriteriaTable
from units.models import Unit


def table_by_code(code: str) -> CriteriaTable:
    """The newest version of the table with this code."""
    table = CriteriaTable.objects.filter(code=code.upper()).order_by("-version").first()
    if table is None:
        raise CommandError(f"No criteria table with code {code!r}.")
    return table


def unit_by_code_or_name(text: str) -> Unit:
    unit = Unit.objects.filter(code__iexact=text).first()
    if unit is None:
        matches = list(Unit.objects.filter(name=text)[:2]) or list(Unit.objects.filter(short_name=text)[:2])
        if len(matches) > 1:
            raise CommandError(f"More than one unit is named {text!r}: use its code.")
        unit = matches[0] if matches else None
    if unit is None:
        raise CommandError(f"No unit with code or name {text!r}.")
    return unit
