"""Reads of the emulation cycle: scope-aware fetchers, the registration gate, the
deadline board."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from emulation import access
from emulation.enums import (
    Aggregation,
    CampaignState,
    DeadlineKind,
    Period,
    RegistrationState,
    ReportState,
    TaskStatus,
)
from emulation.models import (
    AnnualPlan,
    Campaign,
    Deadline,
    Indicator,
    IndicatorValue,
    PlanTask,
    Registration,
    ResultReport,
)
from units.enums import UPPER_LEVEL_KINDS, UnitKind
from units.models import Unit
from units.queries import fetch_for_user

# --- The registration gate (seed 001) ---------------------------------------------------


def unit_is_registered(*, unit: Unit, year: int) -> bool:
    """Seed 001: "Đơn vị không đăng ký các danh hiệu thi đua …; Hội đồng thi đua, khen
    thưởng LĐLĐ tỉnh không xem xét khen thưởng cho đơn vị đó." Registered means an
    accepted registration for the year."""
    return Registration.objects.filter(unit=unit, year=year, state=RegistrationState.ACCEPTED).exists()


def registered_unit_ids(unit_ids, *, year: int) -> set[int]:
    """The same test for many units in one query (lists mark the others)."""
    return set(
        Registration.objects.filter(
            unit_id__in=unit_ids, year=year, state=RegistrationState.ACCEPTED
        ).values_list("unit_id", flat=True)
    )


# --- Fetchers ---------------------------------------------------------------------------


def get_registration_for_user(user, registration_id: int) -> Registration:
    return fetch_for_user(
        user,
        Registration.objects.select_related("unit", "unit__parent"),
        registration_id,
        visible=lambda r: r.unit.is_in_subtree_of(user.unit),
    )


def get_report_for_user(user, report_id: int) -> ResultReport:
    return fetch_for_user(
        user,
        ResultReport.objects.select_related("unit"),
        report_id,
        visible=lambda r: r.unit.is_in_subtree_of(user.unit),
    )


def _owner_visible(user, owner: Unit) -> bool:
    """An owner's plans and campaigns are read below it (districts read the province's)
    and by the units above it."""
    return owner.is_in_subtree_of(user.unit) or user.unit.is_in_subtree_of(owner)


def campaign_visible(user, campaign: Campaign) -> bool:
    return _owner_visible(user, campaign.owner)


def get_campaign_for_user(user, campaign_id: int) -> Campaign:
    return fetch_for_user(
        user,
        Campaign.objects.select_related("owner", "target_unit", "target_grouping"),
        campaign_id,
        visible=lambda c: campaign_visible(user, c),
    )


def get_plan_for_user(user, plan_id: int) -> AnnualPlan:
    return fetch_for_user(
        user,
        AnnualPlan.objects.select_related("owner"),
        plan_id,
        visible=lambda p: _owner_visible(user, p.owner),
    )


def get_deadline_for_user(user, deadline_id: int) -> Deadline:
    return fetch_for_user(
        user,
        Deadline.objects.select_related("owner"),
        deadline_id,
        visible=lambda d: _owner_visible(user, d.owner),
    )


def owners_q(user, prefix: str = "owner__") -> Q:
    """Objects owned inside the user's subtree or by one of its ancestors."""
    return Q(**{f"{prefix}path__startswith": user.unit.path}) | Q(
        **{f"{prefix}pk__in": user.unit.ancestor_ids}
    )


def campaign_list(user):
    return Campaign.objects.filter(owners_q(user)).select_related("owner", "target_unit", "target_grouping")


def deadline_list(user):
    """The deadlines that apply in the user's units: set above or inside its subtree."""
    return Deadline.objects.filter(owners_q(user)).select_related("owner").order_by("due_on")


def indicator_list():
    """The indicator catalogue (kept by the province, read by everyone)."""
    return Indicator.objects.select_related("numerator", "denominator")


def active_indicators():
    """The summed indicators a unit pledges and reports (a ratio is computed, not typed)."""
    return Indicator.objects.filter(aggregation=Aggregation.SUM).order_by("order", "name")


def launched_campaigns(user):
    return campaign_list(user).filter(state=CampaignState.LAUNCHED)


def plan_list(user):
    return AnnualPlan.objects.filter(owners_q(user)).select_related("owner").order_by("-year")


def target_units(campaign: Campaign) -> list[Unit]:
    """Who a launched campaign goes to: the members of its bloc or cluster, or the target
    unit with the upper-level unions below it (the CĐCS hear it from them)."""
    if campaign.target_grouping_id:
        return [m.unit for m in campaign.target_grouping.memberships.select_related("unit")]
    root = campaign.target_unit or campaign.owner
    below = Unit.objects.subtree_of(root).active().filter(kind__in=UPPER_LEVEL_KINDS)
    return [root, *below.exclude(pk=root.pk)]


# --- Deadlines ---------------------------------------------------------------------------


def deadline_for(unit: Unit, *, year: int, kind: str) -> Deadline | None:
    """The deadline that applies to a unit: set by the nearest unit above it (or itself)."""
    chain = [*unit.ancestor_ids, unit.pk]
    deadlines = {d.owner_id: d for d in Deadline.objects.filter(year=year, kind=kind, owner_id__in=chain)}
    for owner_id in reversed(chain):
        if owner_id in deadlines:
            return deadlines[owner_id]
    return None


def entry_locked_on(unit: Unit, *, year: int, kind: str, user) -> datetime.date | None:
    """The date from which `user` may no longer enter for `unit` under the deadline of
    `kind`, or None while they may (seed 001: after a deadline's lock date only
    provincial staff still enter)."""
    if access.can_manage_cycle(user):
        return None
    deadline = deadline_for(unit, year=year, kind=kind)
    if deadline is None or deadline.lock_on is None or timezone.localdate() < deadline.lock_on:
        return None
    return deadline.lock_on


def is_late(submitted_at: datetime.datetime | None, deadline: Deadline | None) -> bool:
    if submitted_at is None or deadline is None:
        return False
    return timezone.localtime(submitted_at).date() > deadline.due_on


def deadline_status(done, deadline: Deadline, today: datetime.date) -> str:
    """What a unit did about a deadline: on_time or late (by `done`'s submitted_at), else
    missing once the deadline has passed, else pending."""
    if done is not None:
        return "late" if is_late(done.submitted_at, deadline) else "on_time"
    return "missing" if today > deadline.due_on else "pending"


@dataclass
class BoardCell:
    status: str  # "on_time" | "late" | "missing" | "pending" (deadline not passed) | ""
    submitted_at: datetime.datetime | None = None
    url: str = ""


@dataclass
class BoardRow:
    unit: Unit
    registered: bool
    cells: list[BoardCell] = field(default_factory=list)


TRACKED = {
    DeadlineKind.REGISTRATION: None,
    DeadlineKind.MIDYEAR: Period.HALF_YEAR,
    DeadlineKind.ANNUAL: Period.YEAR,
}


def board_units(user, root: Unit | None = None):
    """The units a board lists: the active upper-level unions of the user's subtree, or
    of `root`'s when given (the root itself when it is one of them)."""
    return list(
        Unit.objects.subtree_of(root or user.unit)
        .active()
        .filter(kind__in=UPPER_LEVEL_KINDS)
        .exclude(kind=UnitKind.OUTSIDE)
        .order_by("depth", "id")
    )


def deadline_board(
    user, *, year: int, today: datetime.date | None = None, root: Unit | None = None
) -> tuple[list[Deadline], list[BoardRow]]:
    """Per unit of the user's subtree (or `root`'s) and deadline of the year: on time,
    late, missing, or still pending. Four queries whatever the number of units."""
    today = today or timezone.localdate()
    root = root or user.unit
    units = board_units(user, root)
    owners = {*root.ancestor_ids, root.pk}
    deadlines = list(
        Deadline.objects.filter(year=year, owner_id__in=owners, kind__in=list(TRACKED)).order_by("due_on")
    )
    registrations = {
        r.unit_id: r
        for r in Registration.objects.filter(year=year, unit__in=units).exclude(state=RegistrationState.DRAFT)
    }
    accepted = {uid for uid, r in registrations.items() if r.state == RegistrationState.ACCEPTED}
    reports = {
        (r.unit_id, r.period): r
        for r in ResultReport.objects.filter(year=year, unit__in=units, state=ReportState.SUBMITTED)
    }
    rows = []
    for unit in units:
        row = BoardRow(unit=unit, registered=unit.pk in accepted)
        for deadline in deadlines:
            if deadline.kind == DeadlineKind.REGISTRATION:
                done = registrations.get(unit.pk)
            else:
                done = reports.get((unit.pk, TRACKED[deadline.kind]))
            status = deadline_status(done, deadline, today)
            if done is not None:
                row.cells.append(BoardCell(status, done.submitted_at, done.get_absolute_url()))
            else:
                row.cells.append(BoardCell(status))
        rows.append(row)
    return deadlines, rows


def upcoming_deadlines(user, *, today: datetime.date, count: int = 5):
    return Deadline.objects.filter(owners_q(user), due_on__gte=today).order_by("due_on")[:count]


def registration_list(user, *, year: int, root: Unit | None = None):
    return (
        Registration.objects.filter(year=year, unit__path__startswith=(root or user.unit).path)
        .select_related("unit")
        .prefetch_related("titles")
        .order_by("unit__path")
    )


def report_list(user, *, year: int):
    return (
        ResultReport.objects.filter(year=year, unit__path__startswith=user.unit.path)
        .select_related("unit")
        .order_by("period", "unit__path")
    )


NOT_REGISTERED = "none"  # the registration list's state for a unit with no registration


def registration_rows(user, *, year: int, root: Unit, state: str | None):
    """The registration list: each unit of the board with its registration (or none),
    then the registrations of the other units of `root`'s subtree (its CĐCS); only those
    in `state` when given (NOT_REGISTERED: the units without one). Returns the rows, the
    others and the registration deadline."""
    registrations = {r.unit_id: r for r in registration_list(user, year=year, root=root)}
    units = board_units(user, root)
    deadline = deadline_for(root, year=year, kind=DeadlineKind.REGISTRATION)
    rows = []
    for unit in units:
        registration = registrations.get(unit.pk)
        if state and (registration.state if registration else NOT_REGISTERED) != state:
            continue
        rows.append(
            {
                "unit": unit,
                "registration": registration,
                "late": registration is not None and is_late(registration.submitted_at, deadline),
                "registered": registration is not None and registration.state == RegistrationState.ACCEPTED,
            }
        )
    board = {u.pk for u in units}
    extra = [r for r in registrations.values() if r.unit_id not in board and (not state or r.state == state)]
    return rows, extra, deadline


def grid_registrations(units, *, year: int) -> dict[int, Registration]:
    """The registrations of the grid's units, by unit, with their titles."""
    return {
        r.unit_id: r
        for r in Registration.objects.filter(unit__in=units, year=year).prefetch_related("titles")
    }


def sent_registration_codes(units, *, year: int) -> set[str]:
    """The codes of the units whose registration is sent (no longer edited by the unit)."""
    return set(
        Registration.objects.filter(unit__in=units, year=year)
        .exclude(state__in=RegistrationState.editable())
        .values_list("unit__code", flat=True)
    )


def plan_tasks(plan: AnnualPlan, *, today: datetime.date) -> list:
    """A plan's tasks in its order, each marked `overdue` when past due and not done."""
    tasks = list(plan.tasks.prefetch_related("responsible").order_by("quarter", "number"))
    for task in tasks:
        task.overdue = task.status != TaskStatus.DONE and task.due_on is not None and task.due_on < today
    return tasks


def report_figures(report: ResultReport):
    """The figures a report gives: its unit's indicator values for its period."""
    return report.unit.indicator_values.filter(year=report.year, period=report.period).select_related(
        "indicator"
    )


def pledged_figures(registration: Registration):
    """The year's planned values of a registration's unit (its pledges)."""
    return registration.unit.indicator_values.filter(
        year=registration.year, period=Period.YEAR
    ).select_related("indicator")


def planned_values(unit: Unit, *, year: int) -> dict[int, object]:
    """A unit's planned value for the year, by indicator id (what its registration pledges)."""
    return {v.indicator_id: v.planned for v in unit.indicator_values.filter(year=year, period=Period.YEAR)}


def grouping_members(grouping) -> list[Unit]:
    return [m.unit for m in grouping.memberships.select_related("unit")]


# --- What a unit's year looks like (the dashboards) ------------------------------------------


def deadlines_around(unit: Unit, *, year: int, today: datetime.date) -> list[Deadline]:
    """The deadlines `unit` and the unions above it set for `year`, and every one still
    ahead of `today` whatever its year, soonest first. One query."""
    return list(
        Deadline.objects.filter(owner_id__in={*unit.ancestor_ids, unit.pk})
        .filter(Q(year=year) | Q(due_on__gte=today))
        .select_related("owner")
        .order_by("due_on", "pk")
    )


def registrations_by_unit(unit_ids, *, year: int) -> dict[int, Registration]:
    """The registration for `year` of each of these units that has one. One query."""
    return {r.unit_id: r for r in Registration.objects.filter(year=year, unit_id__in=unit_ids)}


def subtree_registrations(root: Unit, *, year: int) -> list[Registration]:
    """The registrations for `year` of `root` and every unit below it. One query."""
    return list(
        Registration.objects.filter(year=year, unit__path__startswith=root.path).select_related("unit")
    )


def submitted_reports(unit_ids, *, year: int) -> dict[tuple[int, str], ResultReport]:
    """The submitted result reports for `year` of these units, by (unit id, period). One query."""
    reports = ResultReport.objects.filter(year=year, unit_id__in=unit_ids, state=ReportState.SUBMITTED)
    return {(r.unit_id, r.period): r for r in reports}


def latest_indicator_values(units, *, year: int) -> tuple[str, list[dict]]:
    """The period the units' newest indicator figures of `year` cover, and those figures:
    the whole year's once any unit reported them, else the mid-year ones. One query."""
    values = list(
        IndicatorValue.objects.filter(unit__in=units, year=year).values(
            "indicator_id", "unit_id", "actual", "planned", "period"
        )
    )
    period = Period.YEAR if any(v["period"] == Period.YEAR for v in values) else Period.HALF_YEAR
    return period, [v for v in values if v["period"] == period]


def overdue_tasks(owner: Unit, *, year: int, today: datetime.date) -> list[PlanTask]:
    """The tasks of `owner`'s annual plan for `year` past their due date and not done,
    the oldest due first. One query."""
    return list(
        PlanTask.objects.filter(plan__owner=owner, plan__year=year, due_on__lt=today)
        .exclude(status=TaskStatus.DONE)
        .select_related("plan")
        .order_by("due_on", "quarter", "number")
    )
