"""Shared look-ups of the scoring commands: a table by code, a unit by code or name."""

from django.core.management.base import CommandError

from scoring.models import CriteriaTable
from units import queries
from units.models import Unit


def table_by_code(code: str) -> CriteriaTable:
    """The newest version of the table with this code."""
    table = CriteriaTable.objects.filter(code=code.upper()).order_by("-version").first()
    if table is None:
        raise CommandError(f"No criteria table with code {code!r}.")
    return table


def unit_by_code_or_name(text: str) -> Unit:
    try:
        return queries.unit_by_code_or_name(text)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
