"""Reads for awards: scope-aware fetchers and lists."""

from django.db.models import Count, Q
from django.http import Http404

from awards.enums import DecisionState
from awards.models import CouncilSession, Decision, Dossier, DossierAttachment, Person, QuotaEvent
from units.audit import audit_record
from units.enums import AuditAction, Role


def _deny(user, obj):
    audit_record(action=AuditAction.ACCESS_DENIED, by=user, obj=obj)
    raise Http404


def _fetch(user, queryset, pk, visible):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    if not visible(obj):
        _deny(user, obj)
    return obj


def get_dossier_for_user(user, dossier_id: int) -> Dossier:
    return _fetch(
        user,
        Dossier.objects.select_related("proposing_unit", "award_form", "quota_event", "campaign"),
        dossier_id,
        lambda d: d.proposing_unit.is_in_subtree_of(user.unit),
    )


def get_attachment_for_user(user, attachment_id: int) -> DossierAttachment:
    return _fetch(
        user,
        DossierAttachment.objects.select_related("dossier__proposing_unit"),
        attachment_id,
        lambda a: a.dossier.proposing_unit.is_in_subtree_of(user.unit),
    )


def get_person_for_user(user, person_id: int) -> Person:
    return _fetch(
        user, Person.objects.select_related("unit"), person_id, lambda p: p.unit.is_in_subtree_of(user.unit)
    )


def get_quota_for_user(user, event_id: int) -> QuotaEvent:
    return _fetch(
        user,
        QuotaEvent.objects.select_related("owner"),
        event_id,
        lambda e: e.owner.is_in_subtree_of(user.unit) or user.unit.is_in_subtree_of(e.owner),
    )


def sees_sensitive_data(user, person: Person) -> bool:
    """Ethnicity is shown to provincial staff and to the person's own unit only."""
    return user.role in {Role.ADMIN, Role.PROVINCE_STAFF} or person.unit_id == user.unit_id


def dossier_list(user, *, year: int | None = None, state: str = ""):
    dossiers = (
        Dossier.objects.filter(proposing_unit__path__startswith=user.unit.path)
        .select_related("proposing_unit", "award_form")
        .annotate(nominee_count=Count("nominees", distinct=True))
    )
    if year:
        dossiers = dossiers.filter(year=year)
    if state:
        dossiers = dossiers.filter(state=state)
    return dossiers.order_by("-year", "-created_at")


def people_list(user, *, text: str = ""):
    people = Person.objects.filter(unit__path__startswith=user.unit.path).select_related("unit")
    if text:
        people = people.filter(Q(full_name__icontains=text) | Q(position__icontains=text))
    return people.order_by("unit__path", "full_name")


def get_session_for_user(user, session_id: int) -> CouncilSession:
    return _fetch(
        user,
        CouncilSession.objects.select_related("owner"),
        session_id,
        lambda s: s.owner.is_in_subtree_of(user.unit),
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
    return _fetch(
        user,
        Decision.objects.select_related("issuer", "award_form"),
        decision_id,
        lambda d: _decision_visible(user, d),
    )


def decision_list(user, *, year: int | None = None):
    """Decisions issued in the user's subtree, and issued ones awarding its people or
    collectives. The awarded test is a subquery, so the people count covers the whole
    decision, not only this subtree's share of it."""
    from awards.models import Awardee

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
    if year:
        decisions = decisions.filter(year=year)
    return decisions.order_by("-year", "-number")
