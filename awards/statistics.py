"""Award statistics from issued decisions: counts by form, level, collective/individual,
sector, gender, ethnic minority; the direct-worker share; prize money. Computed, never
typed (seed 000 states them by hand)."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from awards.enums import DecisionState
from awards.models import Awardee
from scoring.metrics import DIRECT_WORKER_SHARE, provide


@dataclass
class AwardStatistics:
    total: int = 0
    collectives: int = 0
    individuals: int = 0
    by_form: Counter = field(default_factory=Counter)
    by_level: Counter = field(default_factory=Counter)
    by_sector: Counter = field(default_factory=Counter)
    women: int = 0
    ethnic_minority: int = 0
    direct_workers: int = 0
    prize_money: Decimal = Decimal(0)

    # Lists for templates: a Counter answers 0 to the template engine's "items" lookup.
    @property
    def form_rows(self) -> list[tuple[str, int]]:
        return self.by_form.most_common()

    @property
    def level_rows(self) -> list[tuple[str, int]]:
        return self.by_level.most_common()

    @property
    def sector_rows(self) -> list[tuple[str, int]]:
        from units.enums import Sector

        labels = {Sector.HCSN: "HCSN", Sector.SXKD: "SXKD"}
        return [(labels.get(key, str(Sector.NONE.label)), n) for key, n in self.by_sector.most_common()]

    @property
    def direct_worker_share(self) -> Decimal | None:
        """Share of individual awards that went to direct workers (domain rule 7)."""
        if not self.individuals:
            return None
        return (Decimal(self.direct_workers) * 100 / self.individuals).quantize(Decimal("0.1"), ROUND_HALF_UP)


def awardees_in(*, root, year: int | None = None):
    """Awardees of issued decisions whose person or collective belongs to `root`'s subtree."""
    awardees = Awardee.objects.filter(decision__state=DecisionState.ISSUED).select_related(
        "decision__award_form", "person", "person__unit", "unit"
    )
    if year:
        awardees = awardees.filter(decision__year=year)
    from django.db.models import Q

    return awardees.filter(Q(person__unit__path__startswith=root.path) | Q(unit__path__startswith=root.path))


def award_statistics(*, root, year: int | None = None) -> AwardStatistics:
    """One query whatever the number of awards."""
    stats = AwardStatistics()
    for awardee in awardees_in(root=root, year=year):
        form = awardee.decision.award_form
        stats.total += 1
        stats.by_form[form.name] += 1
        stats.by_level[form.get_issuing_level_display()] += 1
        stats.prize_money += awardee.prize
        if awardee.unit_id:
            stats.collectives += 1
            stats.by_sector[awardee.unit.sector or "-"] += 1
            continue
        person = awardee.person
        stats.individuals += 1
        stats.by_sector[person.sector or "-"] += 1
        stats.women += person.gender == "nu"
        stats.ethnic_minority += person.is_ethnic_minority
        stats.direct_workers += person.is_direct_worker
    return stats


def direct_worker_share(unit, year: int) -> Decimal | None:
    """The scoring metric of seed 000's III.3.2, from the awards of the unit's subtree."""
    return award_statistics(root=unit, year=year).direct_worker_share


provide(DIRECT_WORKER_SHARE.key, direct_worker_share)
