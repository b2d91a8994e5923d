"""What is left of the awards' own counting: nothing but the awardees that reports.blocks.awards
still counts by itself. The figures come from awards.queries.award_counts; this module goes
once reports reads award_counts too (issue 12, the reports lane)."""

from django.db.models import Q

from awards.enums import DecisionState
from awards.models import Awardee


def awardees_in(*, root, year: int | None = None):
    """Awardees of issued decisions whose person or collective belongs to `root`'s subtree."""
    awardees = Awardee.objects.filter(decision__state=DecisionState.ISSUED).select_related(
        "decision__award_form", "person", "person__unit", "unit"
    )
    if year:
        awardees = awardees.filter(decision__year=year)
    return awardees.filter(Q(person__unit__path__startswith=root.path) | Q(unit__path__startswith=root.path))
