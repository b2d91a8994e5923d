"""Reads for awards: scope-aware fetchers and lists."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Count, FilteredRelation, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Lower, NullIf, Trim
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.enums import DecisionState, DossierState, Gender
from awards.models import (
    Awardee,
    AwardFund,
    CouncilSession,
    Decision,
    Dossier,
    DossierAttachment,
    Nominee,
    Person,
    QuotaEvent,
)
from units.enums import Role, UnitKind
from units.models import Unit
from units.queries import fetch_for_user
from units.text import clean_text


def get_dossier_for_user(user, dossier_id: int) -> Dossier:
    return fetch_for_user(
        user,
        Dossier.objects.select_related("proposing_unit", "award_form", "quota_event", "campaign"),
        dossier_id,
        visible=lambda d: d.proposing_unit.is_in_subtree_of(user.unit),
    )


def get_attachment_for_user(user, attachment_id: int) -> DossierAttachment:
    return fetch_for_user(
        user,
        DossierAttachment.objects.select_related("dossier__proposing_unit"),
        attachment_id,
        visible=lambda a: a.dossier.proposing_unit.is_in_subtree_of(user.unit),
    )


def get_person_for_user(user, person_id: int) -> Person:
    return fetch_for_user(
        user,
        Person.objects.select_related("unit"),
        person_id,
        visible=lambda p: p.unit.is_in_subtree_of(user.unit),
    )


def get_quota_for_user(user, event_id: int) -> QuotaEvent:
    return fetch_for_user(
        user,
        QuotaEvent.objects.select_related("owner"),
        event_id,
        visible=lambda e: e.owner.is_in_subtree_of(user.unit) or user.unit.is_in_subtree_of(e.owner),
    )


def sees_sensitive_data(user, person: Person) -> bool:
    """Ethnicity is sensitive personal data: shown only to the staff of the provincial
    federation itself (its administrators and emulation officers, the root of the tree:
    not such an account placed at a district union, whose subtree would otherwise show)
    and to the person's own unit. The caller audits each read."""
    unit = user.unit
    at_the_province = unit.parent_id is None and unit.kind == UnitKind.PROVINCE
    return (at_the_province and user.role in {Role.ADMIN, Role.PROVINCE_STAFF}) or person.unit_id == unit.pk


# Groups of states the dashboards count (and drill down to), beside the states themselves.
OPEN_DOSSIER_STATES = (
    DossierState.SUBMITTED,
    DossierState.APPRAISING,
    DossierState.RETURNED,
    DossierState.READY,
    DossierState.COUNCIL_DONE,
    DossierState.FORWARDED,
)
DONE_DOSSIER_STATES = (DossierState.DECIDED, DossierState.HIGHER_DECIDED)


def stuck_days() -> int:
    """Days without a change after which an open dossier counts as stuck."""
    return getattr(settings, "DOSSIER_STUCK_DAYS", 14)


class DossierGroup(models.TextChoices):
    """Groups of states the dashboards count and the dossier list filters on."""

    OPEN = "open"
    STUCK = "stuck"
    DONE = "done"


def stuck_cutoff() -> datetime.datetime:
    """An open dossier last changed before this moment is stuck."""
    return timezone.now() - datetime.timedelta(days=stuck_days())


def dossier_counts(*, root: Unit, year: int) -> list[dict]:
    """The dossiers of `root`'s subtree for `year`, one row per proposing unit's path and
    state: `n` dossiers, `stuck` of them open and unchanged since `stuck_cutoff()`. One
    grouped query whatever the number of dossiers."""
    stuck = Q(updated_at__lt=stuck_cutoff(), state__in=OPEN_DOSSIER_STATES)
    return list(
        Dossier.objects.filter(year=year, proposing_unit__path__startswith=root.path)
        .values("proposing_unit__path", "state")
        .annotate(n=Count("id"), stuck=Count("id", filter=stuck))
        .order_by()
    )


def stuck_dossiers(*, root: Unit, year: int, limit: int = 10) -> list[Dossier]:
    """The `limit` open dossiers of `root`'s subtree for `year` that waited longest since
    their last change, among those unchanged since `stuck_cutoff()`. One query."""
    return list(
        Dossier.objects.filter(
            year=year,
            proposing_unit__path__startswith=root.path,
            state__in=OPEN_DOSSIER_STATES,
            updated_at__lt=stuck_cutoff(),
        )
        .select_related("proposing_unit")
        .order_by("updated_at", "pk")[:limit]
    )


def undecided_dossiers(*, root: Unit, year: int) -> list[Dossier]:
    """The dossiers of `root`'s subtree for `year` without a decision (drafts, open and
    returned ones), the most recently changed first. One query."""
    return list(
        Dossier.objects.filter(year=year, proposing_unit__path__startswith=root.path)
        .exclude(state__in=DONE_DOSSIER_STATES)
        .select_related("proposing_unit", "award_form")
        .order_by("-updated_at", "pk")
    )


def dossier_state_groups():
    return [
        (DossierGroup.OPEN, _("Đang xử lý (mọi trạng thái)")),
        (DossierGroup.STUCK, _("Nằm yên quá %(d)s ngày") % {"d": stuck_days()}),
        (DossierGroup.DONE, _("Đã có quyết định (của tỉnh hoặc cấp trên)")),
    ]


def _stuck(dossiers):
    return dossiers.filter(state__in=OPEN_DOSSIER_STATES, updated_at__lt=stuck_cutoff())


DOSSIER_GROUP_FILTERS = {
    DossierGroup.OPEN: lambda dossiers: dossiers.filter(state__in=OPEN_DOSSIER_STATES),
    DossierGroup.STUCK: _stuck,
    DossierGroup.DONE: lambda dossiers: dossiers.filter(state__in=DONE_DOSSIER_STATES),
}


def dossiers_in_state(dossiers, state: str):
    """`dossiers` in a state or a group of states: open, stuck (open and unchanged for
    `stuck_days`), done."""
    if not state:
        return dossiers
    group = DOSSIER_GROUP_FILTERS.get(state)
    return group(dossiers) if group else dossiers.filter(state=state)


def dossier_list(user, *, root: Unit | None = None):
    """Dossiers proposed in the user's subtree (or `root`'s, a unit inside it); the list's
    filters (awards.filters.DossierFilter) narrow them."""
    return (
        Dossier.objects.filter(proposing_unit__path__startswith=(root or user.unit).path)
        .select_related("proposing_unit", "award_form")
        .annotate(nominee_count=Count("nominees", distinct=True))
        .order_by("-year", "-created_at")
    )


def dossier_nominees(dossier: Dossier) -> list[Nominee]:
    return list(dossier.nominees.select_related("person", "person__unit", "unit"))


def dossier_item(items, pk_text: str):
    """A dossier's nominee or attachment named by a posted id (`items` is the dossier's
    related manager): 404 for anything else."""
    item = items.filter(pk=int(pk_text)).first() if pk_text.isdigit() else None
    if item is None:
        raise Http404
    return item


def quota_list(user):
    """Quota events of the user's unit, its ancestors and its subtree, newest first."""
    unit = user.unit
    events = QuotaEvent.objects.filter(
        owner__pk__in=[*unit.ancestor_ids, unit.pk]
    ) | QuotaEvent.objects.filter(owner__path__startswith=unit.path)
    return events.distinct().order_by("-year")


def people_list(user):
    return (
        Person.objects.filter(unit__path__startswith=user.unit.path)
        .select_related("unit")
        .order_by("unit__path", "full_name")
    )


def people_matching(people, text: str):
    """People whose name or position holds `text`. Names are stored NFC (units.text): a
    search typed decomposed finds them too."""
    text = clean_text(text or "").strip()
    if not text:
        return people
    return people.filter(Q(full_name__icontains=text) | Q(position__icontains=text))


def get_session_for_user(user, session_id: int) -> CouncilSession:
    return fetch_for_user(
        user,
        CouncilSession.objects.select_related("owner"),
        session_id,
        visible=lambda s: s.owner.is_in_subtree_of(user.unit),
    )


def session_list(user):
    return CouncilSession.objects.filter(owner__path__startswith=user.unit.path).order_by("-held_on")


def session_dossiers(session: CouncilSession) -> list[Dossier]:
    return list(
        session.dossiers.select_related("proposing_unit", "award_form").prefetch_related(
            "nominees__person", "nominees__unit"
        )
    )


def session_nominees(session: CouncilSession):
    """The nominees on a session's agenda, in the order its vote table lists them."""
    return (
        Nominee.objects.filter(dossier__council_sessions=session)
        .select_related("dossier__award_form", "person", "unit")
        .order_by("dossier_id", "order", "pk")
    )


def _decision_visible(user, decision: Decision) -> bool:
    """The issuer's subtree reads a decision, and so does every unit one of whose people
    or collectives it awards (the district sees the result for its nominees)."""
    if decision.issuer.is_in_subtree_of(user.unit):
        return True
    if decision.state == DecisionState.DRAFT:
        return False  # the people awarded hear of it once it is issued
    return decision.awardees.filter(
        Q(person__unit__path__startswith=user.unit.path) | Q(unit__path__startswith=user.unit.path)
    ).exists()


def get_decision_for_user(user, decision_id: int) -> Decision:
    return fetch_for_user(
        user,
        Decision.objects.select_related("issuer", "award_form"),
        decision_id,
        visible=lambda d: _decision_visible(user, d),
    )


def decision_list(user):
    """Decisions issued in the user's subtree, and issued ones awarding its people or
    collectives. The awarded test is a subquery, so the people count covers the whole
    decision, not only this subtree's share of it."""
    awarded_here = Awardee.objects.filter(
        Q(person__unit__path__startswith=user.unit.path) | Q(unit__path__startswith=user.unit.path)
    ).values("decision_id")
    decisions = (
        Decision.objects.filter(
            Q(issuer__path__startswith=user.unit.path)
            | (Q(pk__in=awarded_here) & ~Q(state=DecisionState.DRAFT))
        )
        .select_related("issuer", "award_form")
        .annotate(awardee_count=Count("awardees"))
    )
    return decisions.order_by("-year", "-number")


def decision_awardees(decision: Decision) -> list[Awardee]:
    return list(decision.awardees.select_related("person", "person__unit", "unit"))


@dataclass
class FundRow:
    year: int
    fund: AwardFund | None
    spent: Decimal

    @property
    def cap(self) -> Decimal | None:
        return self.fund.cap if self.fund else None

    @property
    def percent(self) -> Decimal | None:
        """Share of the fund paid out, one decimal, half up."""
        if not self.cap:
            return None
        return (self.spent * 100 / self.cap).quantize(Decimal("0.1"), ROUND_HALF_UP)


def prize_money_paid(issuer: Unit, years=None) -> dict[int, Decimal]:
    """Prize money of the issuer's issued decisions by year: one query."""
    rows = Awardee.objects.filter(decision__issuer=issuer, decision__state=DecisionState.ISSUED)
    if years is not None:
        rows = rows.filter(decision__year__in=years)
    return {
        r["decision__year"]: r["total"] or Decimal(0)
        for r in rows.values("decision__year").annotate(total=Sum("prize")).order_by()
    }


def fund_rows(unit: Unit) -> list[FundRow]:
    """Every year with a fund or with prize money paid, newest first: two queries."""
    funds = {f.year: f for f in AwardFund.objects.filter(owner=unit)}
    paid = prize_money_paid(unit)
    return [
        FundRow(year=y, fund=funds.get(y), spent=paid.get(y, Decimal(0)))
        for y in sorted(set(funds) | set(paid), reverse=True)
    ]


class AwardeeKind(models.TextChoices):
    COLLECTIVE = "collective", gettext_lazy("Tập thể")
    INDIVIDUAL = "individual", gettext_lazy("Cá nhân")
    DIRECT = "direct", gettext_lazy("Cá nhân là công nhân, người lao động trực tiếp")


AWARDEE_KIND_FILTERS = {
    AwardeeKind.COLLECTIVE: Q(unit__isnull=False),
    AwardeeKind.INDIVIDUAL: Q(person__isnull=False),
    AwardeeKind.DIRECT: Q(person__is_direct_worker=True),
}


def awardee_list(user, *, root: Unit | None = None):
    """Awardees of issued decisions in the user's subtree (or `root`'s): the list behind
    every award figure of the dashboards and the statistics page; its filters
    (awards.filters.AwardeeFilter) narrow it."""
    return (
        issued_awardees(root=root or user.unit)
        .select_related("decision__award_form", "decision__issuer", "person", "person__unit", "unit")
        .order_by("-decision__year", "decision__number", "order", "pk")
    )


# --- Award counts: the one source of every award figure -------------------------------------

# Domain rule 7: at least 30% of the individual awards go to direct workers (seed 000, III.3.2).
DIRECT_WORKER_TARGET = Decimal(30)
# Ethnicities that are not ethnic minorities (the Kinh majority, sometimes written "Việt").
MAJORITY_ETHNICITIES = ("kinh", "việt")


@dataclass
class FormCount:
    """The awards of one form (Bằng khen, Giấy khen …) in a scope and year."""

    form_id: int
    name: str
    level: str
    order: int
    collectives: int = 0
    individuals: int = 0
    direct_workers: int = 0
    women: int = 0
    ethnic_minority: int = 0
    prize: Decimal = Decimal(0)

    @property
    def total(self) -> int:
        return self.collectives + self.individuals


@dataclass
class AwardCounts:
    """Awards of issued decisions to a subtree's people and collectives: the statistics
    page, the report blocks, the dashboards and scoring's III.3.2 metric all read these."""

    forms: list[FormCount]
    by_sector: dict[str, int] | None  # None when not asked for (`award_counts(by_sector=False)`)

    def _sum(self, name: str):
        return sum((getattr(row, name) for row in self.forms), Decimal(0) if name == "prize" else 0)

    @property
    def collectives(self) -> int:
        return self._sum("collectives")

    @property
    def individuals(self) -> int:
        return self._sum("individuals")

    @property
    def total(self) -> int:
        return self.collectives + self.individuals

    @property
    def direct_workers(self) -> int:
        return self._sum("direct_workers")

    @property
    def women(self) -> int:
        return self._sum("women")

    @property
    def ethnic_minority(self) -> int:
        return self._sum("ethnic_minority")

    @property
    def prize(self) -> Decimal:
        return self._sum("prize")

    @property
    def by_level(self) -> dict[str, int]:
        levels: dict[str, int] = {}
        for row in self.forms:
            levels[row.level] = levels.get(row.level, 0) + row.total
        return levels

    @property
    def direct_worker_share(self) -> Decimal | None:
        """Share of individual awards that went to direct workers, to 0,1 half up."""
        if not self.individuals:
            return None
        return (Decimal(self.direct_workers) * 100 / self.individuals).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def meets_direct_worker_target(self) -> bool:
        share = self.direct_worker_share
        return share is not None and share >= DIRECT_WORKER_TARGET


def issued_awardees(*, root, year: int | None = None):
    """Awardees of issued decisions whose person or collective belongs to `root`'s subtree."""
    awardees = Awardee.objects.filter(decision__state=DecisionState.ISSUED)
    if year:
        awardees = awardees.filter(decision__year=year)
    return awardees.filter(Q(person__unit__path__startswith=root.path) | Q(unit__path__startswith=root.path))


def award_counts(*, root, year: int | None = None, by_sector: bool = True) -> AwardCounts:
    """Counted in the database, one grouped query whatever the number of awards: per form
    and sector (a collective's sector or the person's) the collectives, individuals,
    direct workers, women, ethnic minorities and prize money, folded here into the
    forms' rows and the sectors' totals (None with `by_sector=False`: the dashboards do
    not show them)."""
    person = Q(person__isnull=False)
    minority = person & ~Q(person__ethnicity="") & ~Q(ethnicity_folded__in=MAJORITY_ETHNICITIES)
    rows = (
        issued_awardees(root=root, year=year)
        .annotate(
            ethnicity_folded=Lower(Trim("person__ethnicity")),
            sector=Coalesce(NullIf("unit__sector", Value("")), NullIf("person__sector", Value(""))),
        )
        .values(
            "decision__award_form_id",
            "decision__award_form__name",
            "decision__award_form__issuing_level",
            "decision__award_form__order",
            "sector",
        )
        .annotate(
            collectives=Count("id", filter=Q(unit__isnull=False)),
            individuals=Count("id", filter=person),
            direct_workers=Count("id", filter=person & Q(person__is_direct_worker=True)),
            women=Count("id", filter=person & Q(person__gender=Gender.FEMALE)),
            ethnic_minority=Count("id", filter=minority),
            prize=Sum("prize"),
            n=Count("id"),
        )
        .order_by("decision__award_form__order", "decision__award_form__name", "sector")
    )
    forms: dict[int, FormCount] = {}
    sectors: dict[str, int] = {}
    for row in rows:
        form = forms.setdefault(
            row["decision__award_form_id"],
            FormCount(
                form_id=row["decision__award_form_id"],
                name=row["decision__award_form__name"],
                level=row["decision__award_form__issuing_level"],
                order=row["decision__award_form__order"],
            ),
        )
        for name in ("collectives", "individuals", "direct_workers", "women", "ethnic_minority"):
            setattr(form, name, getattr(form, name) + row[name])
        form.prize += row["prize"] or Decimal(0)
        sector = row["sector"] or ""
        sectors[sector] = sectors.get(sector, 0) + row["n"]
    if not by_sector:
        return AwardCounts(forms=list(forms.values()), by_sector=None)
    ordered = dict(sorted(sectors.items(), key=lambda item: (-item[1], item[0])))
    return AwardCounts(forms=list(forms.values()), by_sector=ordered)


def direct_worker_share(unit, year: int) -> Decimal | None:
    """The scoring metric of seed 000's III.3.2 (registered by awards.apps)."""
    return award_counts(root=unit, year=year).direct_worker_share


def _paid_by(issuer, year: int):
    return Awardee.objects.filter(
        decision__state=DecisionState.ISSUED, decision__year=year, decision__issuer=issuer
    )


def prize_paid_by(issuer, year: int) -> Decimal:
    """Prize money of the issued decisions `issuer` itself signed in `year` (its fund's use)."""
    return _paid_by(issuer, year).aggregate(paid=Sum("prize"))["paid"] or Decimal(0)


def fund_use(*, owner: Unit, year: int) -> FundRow:
    """`owner`'s fund for `year` (None when not set) beside the prize money its own issued
    decisions paid that year (`prize_paid_by`), in one query: the fund is left-joined to
    the owner's row and the money summed in a subquery, so the dashboards, which show the
    two side by side, spend a single query on them."""
    paid = (
        _paid_by(OuterRef("pk"), year)
        .order_by()
        .values("decision__issuer")
        .annotate(total=Sum("prize"))
        .values("total")
    )
    names = [f.attname for f in AwardFund._meta.concrete_fields]
    row = (
        Unit.objects.filter(pk=owner.pk)
        .annotate(
            fund=FilteredRelation("award_funds", condition=Q(award_funds__year=year)), spent=Subquery(paid)
        )
        .values_list("spent", *(f"fund__{name}" for name in names))
        .get()
    )
    spent, values = row[0] or Decimal(0), row[1:]
    fund = AwardFund.from_db(Unit.objects.db, names, values) if values[0] is not None else None
    return FundRow(year=year, fund=fund, spent=spent)
