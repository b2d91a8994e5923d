from django.core.management.base import CommandError

from emulation.indicators import parse_period
from units.models import EmulationGrouping


def grouping_and_period(name: str, period_text: str):
    try:
        year, period = parse_period(period_text)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    grouping = EmulationGrouping.objects.filter(year=year, name=name).first()
    if grouping is None:
        raise CommandError(f"No bloc or cluster named {name!r} in {year}.")
    return grouping, year, period
