"""Reads for awards: scope-aware fetchers and lists."""

from django.db.models import Count, Q
from django.http import Http404

from awards.models import Dossier, DossierAttachment, Person, QuotaEvent
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
