"""Reads for formal documents: scope-aware fetchers, lists, and the sources a new
document most likely reads (its bloc's criteria table, its cluster, its plan …)."""

from django.db.models import F, Q
from django.http import Http404

from awards.models import Decision, QuotaEvent
from emulation.enums import Period
from emulation.models import AnnualPlan, Campaign
from reports import access
from reports.enums import DocumentState
from reports.models import Document, DocumentSection, DocumentTemplate, Rendering
from scoring.enums import TableStatus
from scoring.models import CriteriaTable
from units.enums import GroupingKind
from units.models import EmulationGrouping, Unit
from units.queries import fetch_for_user

DOCUMENT_RELATED = (
    "issuer",
    "template",
    "scope",
    "grouping",
    "plan",
    "campaign",
    "quota_event__award_form",
    "decision__award_form",
    "criteria_table",
    "replaces",
)


def get_document_for_user(user, document_id: int) -> Document:
    return fetch_for_user(
        user,
        Document.objects.select_related(*DOCUMENT_RELATED),
        document_id,
        visible=lambda document: access.can_see(user, document),
    )


def get_section_for_user(user, section_id: int) -> DocumentSection:
    return fetch_for_user(
        user,
        DocumentSection.objects.select_related("document__issuer"),
        section_id,
        visible=lambda section: access.can_see(user, section.document),
        audited=lambda section: section.document,
    )


def get_rendering_for_user(user, rendering_id: int) -> Rendering:
    return fetch_for_user(
        user,
        Rendering.objects.select_related("document__issuer"),
        rendering_id,
        visible=lambda rendering: access.can_see(user, rendering.document),
        audited=lambda rendering: rendering.document,
    )


def get_template_for_user(user, template_id: int) -> DocumentTemplate:
    """Templates are the province's shared data: every account may read them."""
    template = DocumentTemplate.objects.filter(pk=template_id).first()
    if template is None:
        raise Http404
    return template


def visible_documents(user):
    """The user's subtree's documents, and the issued ones of the units above it."""
    return Document.objects.filter(
        Q(issuer__path__startswith=user.unit.path)
        | (Q(issuer_id__in=user.unit.ancestor_ids) & ~Q(state=DocumentState.DRAFT))
    )


def document_list(user, *, year: int | None = None, kind: str = "", state: str = ""):
    documents = visible_documents(user).select_related("issuer", "template")
    if year:
        documents = documents.filter(year=year)
    if kind:
        documents = documents.filter(kind=kind)
    if state:
        documents = documents.filter(state=state)
    # Drafts (no date yet) first on every database: PostgreSQL and SQLite sort NULL apart.
    return documents.order_by("-year", F("issued_on").desc(nulls_first=True), "-id")


def document_renderings(document: Document) -> list[Rendering]:
    """The archive of an issued document, or the newest preview of each format of a draft."""
    renderings = list(document.renderings.all())
    if not document.is_draft:
        return sorted((r for r in renderings if r.archived), key=lambda r: r.format, reverse=True)
    newest: dict[str, Rendering] = {}
    for rendering in renderings:  # newest first (Meta.ordering)
        if not rendering.archived:
            newest.setdefault(rendering.format, rendering)
    return sorted(newest.values(), key=lambda r: r.format, reverse=True)


# --- Source choices and suggestions ----------------------------------------------------------------


def source_choices(unit, *, year: int) -> dict:
    """Querysets of what a document of `unit` may read: its subtree's data, or what the
    units above it own (a plan, a campaign, a quota) — never a sibling's."""

    def owners_q(prefix: str = "owner__") -> Q:
        return Q(**{f"{prefix}path__startswith": unit.path}) | Q(**{f"{prefix}pk__in": unit.ancestor_ids})

    return {
        "scope": Unit.objects.subtree_of(unit).order_by("path"),
        "grouping": EmulationGrouping.objects.filter(year=year)
        .filter(Q(members=unit) | Q(owner__path__startswith=unit.path))
        .distinct(),
        "plan": AnnualPlan.objects.filter(owners_q()).filter(year=year),
        "campaign": Campaign.objects.filter(owners_q()),
        "quota_event": QuotaEvent.objects.filter(owners_q()),
        "decision": Decision.objects.filter(issuer__path__startswith=unit.path, year=year).select_related(
            "award_form"
        ),
        "criteria_table": CriteriaTable.objects.filter(year=year)
        .filter(Q(owner__path__startswith=unit.path) | Q(sheets__unit=unit))
        .distinct(),
    }


def suggested_sources(unit, *, year: int, needs: list[str]) -> dict:
    """Likely choices for a new document: the cluster the unit belongs to, the outside
    bloc table it self-scores in, its plan for the year, the mid-year period …"""
    choices = source_choices(unit, year=year)
    suggested: dict = {}
    if "grouping" in needs:
        suggested["grouping"] = (
            choices["grouping"].filter(kind=GroupingKind.CLUSTER).first() or choices["grouping"].first()
        )
    if "period" in needs:
        suggested["period"] = Period.HALF_YEAR
    if "plan" in needs:
        suggested["plan"] = choices["plan"].first()
    if "criteria_table" in needs:
        own = choices["criteria_table"].filter(sheets__unit=unit).exclude(status=TableStatus.DRAFT)
        suggested["criteria_table"] = own.order_by("-version").first()
    if "quota_event" in needs:
        suggested["quota_event"] = choices["quota_event"].filter(year=year).first()
    if "campaign" in needs:
        suggested["campaign"] = choices["campaign"].filter(starts_on__year=year).first()
    return {key: value for key, value in suggested.items() if value}


def template_list():
    return DocumentTemplate.objects.order_by("order", "name")
