"""Reads: the user's scope and the permission-aware fetchers.

Every view fetches its object through a `get_<entity>_for_user` helper here. An object
that exists but lies outside the user's units answers 404 exactly like a missing one (so
ids cannot be probed), and the refusal is written to the audit log.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404

from units.audit import audit_record
from units.enums import AuditAction, UnitChangeKind, UnitKind
from units.models import AuditEntry, EmulationGrouping, GroupingMembership, Unit, UnitChange, User
from units.text import clean_text


def sees_outside_bodies(user) -> bool:
    """Outside bodies (the other mass organisations, the other provinces' LĐLĐ) are not
    under the province in the tree; the province's own accounts see them because the
    province sits with them in the MTTQ bloc and the 7-province cluster."""
    return user.unit.kind == UnitKind.PROVINCE


def unit_scope_q(user, prefix: str = "") -> Q:
    """A Q object selecting the units the user may read, for any model reaching Unit
    through `prefix` (e.g. "unit__" for a model with a `unit` foreign key)."""
    q = Q(**{f"{prefix}path__startswith": user.unit.path})
    if sees_outside_bodies(user):
        q |= Q(**{f"{prefix}kind": UnitKind.OUTSIDE})
    return q


def visible_units(user):
    return Unit.objects.filter(unit_scope_q(user))


MAX_SUCCESSION_STEPS = 20


def can_see_unit(user, unit: Unit) -> bool:
    """In the user's subtree, an outside body for the province's accounts, or a unit
    merged (possibly through several merges) into one the user sees: a merged unit's
    records stay with it and are visible from the unit that took it over (rule 10)."""
    if unit.is_in_subtree_of(user.unit):
        return True
    if unit.kind == UnitKind.OUTSIDE and sees_outside_bodies(user):
        return True
    successor_id, steps = unit.successor_id, 0
    while successor_id is not None and steps < MAX_SUCCESSION_STEPS:
        successor = Unit.objects.only("path", "successor_id").get(pk=successor_id)
        if successor.is_in_subtree_of(user.unit):
            return True
        successor_id, steps = successor.successor_id, steps + 1
    return False


def linkable_unit_ids(user, unit: Unit, history) -> set[int]:
    """Which units named on a unit's page the user may open: those in scope, and the
    units merged into this one (visible through it)."""
    ids = {unit.parent_id, unit.successor_id}
    for change in history:
        ids |= {change.unit_id, change.other_id, change.previous_parent_id}
    ids.discard(None)
    linkable = set(visible_units(user).filter(pk__in=ids).values_list("pk", flat=True))
    linkable |= {c.unit_id for c in history if c.kind == UnitChangeKind.MERGED and c.other_id == unit.pk}
    if unit.successor_id and can_see_unit(user, unit.successor):
        linkable.add(unit.successor_id)
    return linkable


def fetch_for_user(user, queryset, pk, *, visible, audited=None):
    """The object `pk` of `queryset` if `user` may see it. `visible` is a predicate on the
    object or a queryset of what the user sees. A missing object and one outside the
    user's units both answer 404, so ids cannot be probed; the second is audited (as
    `audited(obj)` where the refusal concerns an owning object, e.g. a section's document)."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    allowed = visible.filter(pk=obj.pk).exists() if hasattr(visible, "filter") else visible(obj)
    if not allowed:
        audit_record(action=AuditAction.ACCESS_DENIED, by=user, obj=audited(obj) if audited else obj)
        raise Http404
    return obj


def get_unit_for_user(user, unit_id: int) -> Unit:
    return fetch_for_user(
        user,
        Unit.objects.select_related("parent", "successor"),
        unit_id,
        visible=lambda unit: can_see_unit(user, unit),
    )


def visible_groupings(user):
    scope = user.unit.path
    member_in_scope = GroupingMembership.objects.filter(grouping=OuterRef("pk"), unit__path__startswith=scope)
    return EmulationGrouping.objects.filter(Q(owner__path__startswith=scope) | Q(Exists(member_in_scope)))


def get_grouping_for_user(user, grouping_id: int) -> EmulationGrouping:
    return fetch_for_user(
        user,
        EmulationGrouping.objects.select_related("owner", "leader"),
        grouping_id,
        visible=visible_groupings(user),
    )


def visible_accounts(user):
    return User.objects.filter(unit__path__startswith=user.unit.path)


def get_account_for_user(user, user_id: int) -> User:
    return fetch_for_user(
        user,
        User.objects.select_related("unit"),
        user_id,
        visible=lambda account: account.unit.is_in_subtree_of(user.unit),
    )


# --- Lists -----------------------------------------------------------------------


@dataclass
class TreeNode:
    unit: Unit
    level: int = 0
    children: list["TreeNode"] = field(default_factory=list)
    active_descendants: int = 0


def unit_tree(user, *, on: datetime.date | None = None) -> list[TreeNode]:
    """The user's subtree as nested nodes, built from one query.

    Units inactive on `on` are left out with their descendants. Siblings keep the
    order in which they were created (the seeds' official order, STT).
    """
    units = Unit.objects.subtree_of(user.unit).order_by("depth", "id")
    if on is not None:
        units = units.active_on(on)
    nodes: dict[int, TreeNode] = {}
    roots: list[TreeNode] = []
    for unit in units:
        parent = nodes.get(unit.parent_id)
        node = TreeNode(unit, level=0 if parent is None else parent.level + 1)
        nodes[unit.pk] = node
        if parent is None:
            roots.append(node)
        else:
            parent.children.append(node)

    def count(node: TreeNode) -> int:
        node.active_descendants = sum(1 + count(child) for child in node.children)
        return node.active_descendants

    for root in roots:
        count(root)
    return roots


def unit_list(
    user,
    *,
    text: str = "",
    kind: str = "",
    sector: str | None = None,
    on: datetime.date | None = None,
):
    """The flat, filtered unit list of the tree page's search."""
    units = visible_units(user).select_related("parent").search(text)
    if kind:
        units = units.filter(kind=kind)
    if sector is not None:
        units = units.filter(sector=sector)
    if on is not None:
        units = units.active_on(on)
    return units.order_by("path")


def unit_counts_by_kind(user, *, on: datetime.date) -> dict[str, int]:
    rows = Unit.objects.subtree_of(user.unit).active_on(on).values("kind").annotate(n=Count("id")).order_by()
    return {row["kind"]: row["n"] for row in rows}


def unit_ancestors(user, unit: Unit) -> list[tuple[Unit, bool]]:
    """The chain from the root down to the parent, each with whether the user may open
    it (a district officer sees the province's name but cannot open its page)."""
    ids = unit.ancestor_ids
    by_id = Unit.objects.in_bulk(ids)
    return [(by_id[i], can_see_unit(user, by_id[i])) for i in ids if i in by_id]


def unit_history(unit: Unit):
    """Events of the unit itself and of the units it took over, newest first."""
    return (
        UnitChange.objects.filter(Q(unit=unit) | Q(other=unit))
        .select_related("unit", "other", "previous_parent", "by")
        .order_by("-on", "-id")
    )


def unit_lineage_ids(unit: Unit) -> list[int]:
    """The unit and every unit merged into it, directly or through earlier merges: the
    records of all of them are the unit's history (domain rule 10)."""
    found = [unit.pk]
    frontier = [unit.pk]
    while frontier:
        frontier = list(Unit.objects.filter(successor_id__in=frontier).values_list("pk", flat=True))
        found.extend(frontier)
    return found


def unit_children(unit: Unit):
    return unit.children.order_by("valid_to", "id")


def grouping_list(user):
    """The groupings the user sees, for the list and its XLSX (units.filters.GroupingFilter
    narrows them)."""
    return (
        visible_groupings(user)
        .select_related("owner", "leader")
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("-year", "kind", "name")
    )


def grouping_members(grouping: EmulationGrouping):
    return grouping.memberships.select_related("unit", "unit__parent").order_by("order", "unit__name")


def groupings_of_unit(unit: Unit):
    return (
        EmulationGrouping.objects.filter(memberships__unit=unit)
        .select_related("leader")
        .order_by("-year", "name")
    )


def account_list(user, *, text: str = "", role: str = "", active: bool | None = None):
    accounts = visible_accounts(user).select_related("unit")
    # Names are stored NFC (units.text): a search typed decomposed finds them too.
    text = clean_text(text).strip()
    if text:
        accounts = accounts.filter(
            Q(username__icontains=text) | Q(full_name__icontains=text) | Q(email__icontains=text)
        )
    if role:
        accounts = accounts.filter(role=role)
    if active is not None:
        accounts = accounts.filter(is_active=active)
    return accounts.order_by("unit__path", "username")


def audit_list(
    user,
    *,
    action: str = "",
    username: str = "",
    object_type: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
):
    entries = AuditEntry.objects.select_related("actor_unit")
    if user.unit.kind != UnitKind.PROVINCE:
        entries = entries.filter(actor_unit__path__startswith=user.unit.path)
    if action:
        entries = entries.filter(action=action)
    if username:
        entries = entries.filter(actor_username__icontains=username)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    return entries.order_by("-at", "-id")


def account_activity(account: User):
    """What the account did, newest first (the account is already in the reader's scope)."""
    return AuditEntry.objects.filter(actor=account).order_by("-at", "-id")


def unit_by_code_or_name(text: str) -> Unit:
    """The unit a command-line user names: by code (any case), else by exact name or
    short name. Raises ValueError, with the reason, when none or several match."""
    unit = Unit.objects.filter(code__iexact=text).first()
    if unit is None:
        matches = list(Unit.objects.filter(name=text)[:2]) or list(Unit.objects.filter(short_name=text)[:2])
        if len(matches) > 1:
            raise ValueError(f"More than one unit is named {text!r}: use its code.")
        unit = matches[0] if matches else None
    if unit is None:
        raise ValueError(f"No unit with code or name {text!r}.")
    return unit
