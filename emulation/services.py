"""Writes of the yearly emulation cycle. Atomic, audited, notifying the units concerned."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation import access
from emulation.enums import (
    COLLECTIVE_TITLES,
    CampaignState,
    DeadlineKind,
    Period,
    RegistrationState,
    ReportState,
    TaskStatus,
    WorkState,
)
from emulation.models import (
    ENDS_BEFORE_START,
    AnnualPlan,
    Campaign,
    Deadline,
    DedicatedWork,
    Indicator,
    IndicatorValue,
    PlanTask,
    RegisteredModel,
    Registration,
    RegistrationTitle,
    ResultReport,
)
from emulation.queries import entry_locked_on, target_units
from units.audit import audit_record, diff, snapshot
from units.enums import AuditAction, Role, UnitKind
from units.models import Unit, User
from units.services import notify

UPPER_LEVEL_ROLES = [Role.UNIT_STAFF, Role.LEADER]


# --- Deadlines ---------------------------------------------------------------------------


@transaction.atomic
def deadline_save(
    *,
    owner: Unit,
    year: int,
    kind: str,
    name: str,
    due_on: datetime.date,
    by: User | None,
    lock_on: datetime.date | None = None,
    deadline: Deadline | None = None,
) -> Deadline:
    """Create or change a deadline. One deadline of each tracked kind per owner and year."""
    if by is not None and not access.can_manage_cycle(by):
        raise PermissionDenied
    if lock_on is not None and lock_on < due_on:
        raise ValidationError({"lock_on": _("Ngày khóa phải từ hạn trở đi.")})
    clash = Deadline.objects.filter(owner=owner, year=year, kind=kind).exclude(kind=DeadlineKind.OTHER)
    if deadline is not None:
        clash = clash.exclude(pk=deadline.pk)
    if clash.exists():
        raise ValidationError({"kind": _("Năm %(y)s đã có hạn loại này.") % {"y": year}})
    before = snapshot(deadline, ["year", "kind", "name", "due_on", "lock_on"]) if deadline else {}
    deadline = deadline or Deadline(owner=owner)
    deadline.year, deadline.kind, deadline.name, deadline.due_on, deadline.lock_on = (
        year,
        kind,
        name,
        due_on,
        lock_on,
    )
    deadline.save()
    audit_record(
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        by=by,
        obj=deadline,
        changes=diff(before, snapshot(deadline, ["year", "kind", "name", "due_on", "lock_on"])),
    )
    return deadline


def _check_not_locked(*, unit: Unit, year: int, kind: str, by: User | None) -> None:
    """After a deadline's lock date only provincial staff still enter (seed 001)."""
    locked_on = None if by is None else entry_locked_on(unit, year=year, kind=kind, user=by)
    if locked_on is not None:
        raise ValidationError(
            _("Đã khóa từ ngày %(d)s: liên hệ LĐLĐ tỉnh để được nhập.")
            % {"d": locked_on.strftime("%d/%m/%Y")}
        )


# --- Registrations ------------------------------------------------------------------------


def _check_can_edit_registration(
    registration: Registration | None, unit: Unit, year: int, by: User | None
) -> None:
    if by is not None and not access.can_enter_for(by, unit):
        raise PermissionDenied
    if (
        registration is not None
        and registration.state not in RegistrationState.editable()
        and (by is None or not access.can_review(by, unit))
    ):
        raise ValidationError(_("Bản đăng ký đã gửi: không sửa được nữa."))
    _check_not_locked(unit=unit, year=year, kind=DeadlineKind.REGISTRATION, by=by)


def _registration_snapshot(registration: Registration) -> dict:
    return {
        "titles": {t.title: t.count for t in registration.titles.all()},
        "models": [[m.name, m.field] for m in registration.models.all()],
        "works": [[w.name, w.dedicated_to, w.value, w.state] for w in registration.works.all()],
        "campaigns": sorted(registration.campaigns.values_list("pk", flat=True)),
        "note": registration.note,
    }


def _check_title_counts(titles: dict[str, int]) -> None:
    for title, count in titles.items():
        if count < 0:
            raise ValidationError(_("Số lượng danh hiệu không được âm."))
        if title in COLLECTIVE_TITLES and count > 1:
            raise ValidationError(_("Danh hiệu tập thể chỉ đăng ký một lần."))


def _replace_models(registration: Registration, models: list[tuple[str, str]]) -> None:
    registration.models.all().delete()
    RegisteredModel.objects.bulk_create(
        RegisteredModel(registration=registration, name=n.strip(), field=f.strip())
        for n, f in models
        if n.strip()
    )


def _replace_works(registration: Registration, works: list[tuple[str, str, Decimal | None, str]]) -> None:
    registration.works.all().delete()
    DedicatedWork.objects.bulk_create(
        DedicatedWork(
            registration=registration,
            name=n.strip(),
            dedicated_to=d.strip(),
            value=v,
            state=s or WorkState.REGISTERED,
        )
        for n, d, v, s in works
        if n.strip()
    )


def _save_pledges(*, unit: Unit, year: int, pledges: dict, by: User | None) -> None:
    """A registration's pledges are the unit's planned values for the year."""
    for indicator, planned in pledges.items():
        IndicatorValue.objects.update_or_create(
            indicator=indicator,
            unit=unit,
            year=year,
            period=Period.YEAR,
            defaults={"planned": planned, "updated_by": by},
        )


@transaction.atomic
def registration_save(
    *,
    unit: Unit,
    year: int,
    by: User | None,
    titles: dict[str, int],
    models: list[tuple[str, str]] | None = None,
    works: list[tuple[str, str, Decimal | None, str]] | None = None,
    campaigns: list[Campaign] | None = None,
    pledges: dict[Indicator, Decimal | None] | None = None,
    note: str | None = None,
) -> Registration:
    """Write a unit's registration for the year (replacing what it had). `None` for
    models, works, campaigns, pledges or note leaves that part as it was (the grid only
    writes titles). Pledged indicators are the year's planned values.

    Preconditions: `by` acts for the unit; the registration is a draft or returned (or
    `by` reviews it); the registration deadline's lock date has not passed for unit staff.
    """
    registration = Registration.objects.filter(unit=unit, year=year).first()
    _check_can_edit_registration(registration, unit, year, by)
    _check_title_counts(titles)
    if registration is None:
        registration = Registration.objects.create(
            unit=unit, year=year, entered_by_unit=by.unit if by else None
        )
        before = {}
    else:
        before = _registration_snapshot(registration)
    registration.titles.all().delete()
    RegistrationTitle.objects.bulk_create(
        RegistrationTitle(registration=registration, title=t, count=c) for t, c in titles.items() if c
    )
    if models is not None:
        _replace_models(registration, models)
    if works is not None:
        _replace_works(registration, works)
    if campaigns is not None:
        registration.campaigns.set(campaigns)
    if note is not None:
        registration.note = note
        registration.save(update_fields=["note", "updated_at"])
    if pledges is not None:
        _save_pledges(unit=unit, year=year, pledges=pledges, by=by)
    changes = diff(before, _registration_snapshot(registration))
    if changes:
        audit_record(
            action=AuditAction.UPDATE if before else AuditAction.CREATE,
            by=by,
            obj=registration,
            changes=changes,
        )
    return registration


@transaction.atomic
def registration_grid_save(
    *, parent: Unit, year: int, rows: dict[Unit, dict[str, int]], by: User | None
) -> int:
    """An upper-level union registers the titles of itself and its CĐCS in one go (seed
    001). All rows or none: one refused unit refuses the grid, named in the message."""
    for unit in rows:
        if unit.pk != parent.pk and unit.parent_id != parent.pk:
            raise ValidationError(_("%(u)s không trực thuộc %(p)s.") % {"u": unit.name, "p": parent.name})
    for unit, titles in rows.items():
        try:
            registration_save(unit=unit, year=year, by=by, titles=titles)
        except ValidationError as exc:
            raise ValidationError([f"{unit.name}: {m}" for m in exc.messages]) from exc
    return len(rows)


REGISTRATION_MOVES = {
    RegistrationState.DRAFT: {RegistrationState.SUBMITTED},
    RegistrationState.RETURNED: {RegistrationState.SUBMITTED},
    RegistrationState.SUBMITTED: {RegistrationState.ACCEPTED, RegistrationState.RETURNED},
    RegistrationState.ACCEPTED: {RegistrationState.RETURNED},
}


def _may_move_registration(by: User, registration: Registration, to: str) -> bool:
    """Submitting is the unit's (or the union's above it); accepting and returning are
    the reviewers'. A state that is none of these needs one of the two roles, so that a
    read-only account learns nothing about the state machine."""
    submit = access.can_enter_for(by, registration.unit)
    review = access.can_review(by, registration.unit)
    if to == RegistrationState.SUBMITTED:
        return submit
    if to in {RegistrationState.ACCEPTED, RegistrationState.RETURNED}:
        return review
    return submit or review


@transaction.atomic
def set_registration_state(*, obj: Registration, to: str, by: User | None, reason: str = "") -> Registration:
    """draft/returned → submitted (the unit or the union above it; late submissions are
    accepted and flagged) → accepted, or → returned with a reason (provincial staff).
    The role is checked first: an account that may not make the move is refused before
    anything is said about the registration's state."""
    if by is not None and not _may_move_registration(by, obj, to):
        raise PermissionDenied
    if to not in RegistrationState.values:
        raise ValidationError(_("Trạng thái không hợp lệ."))
    if obj.state == to:
        return obj
    if to not in REGISTRATION_MOVES[obj.state]:
        raise ValidationError(
            _("Không thể chuyển bản đăng ký từ “%(a)s” sang “%(b)s”.")
            % {"a": obj.get_state_display(), "b": RegistrationState(to).label}
        )
    if to == RegistrationState.SUBMITTED:
        _check_not_locked(unit=obj.unit, year=obj.year, kind=DeadlineKind.REGISTRATION, by=by)
        if not obj.titles.exists():
            raise ValidationError(_("Chọn ít nhất một danh hiệu thi đua trước khi gửi."))
        obj.submitted_at = timezone.now()
        obj.returned_reason = ""
    else:
        if to == RegistrationState.RETURNED:
            if not reason.strip():
                raise ValidationError(_("Nêu lý do trả lại để đơn vị bổ sung."))
            obj.returned_reason = reason.strip()
            obj.accepted_at = None
        else:
            obj.accepted_at = timezone.now()
    before = obj.state
    obj.state = to
    obj.save(update_fields=["state", "submitted_at", "accepted_at", "returned_reason", "updated_at"])
    audit_record(action=AuditAction.STATE, by=by, obj=obj, changes={"state": [before, to], "reason": reason})
    url = reverse("emulation:registration_detail", kwargs={"registration_id": obj.pk})
    if to == RegistrationState.SUBMITTED:
        reviewers = [u for u in Unit.objects.filter(pk__in=obj.unit.ancestor_ids)]
        notify(
            units=reviewers,
            roles=[Role.PROVINCE_STAFF],
            message=_("%(u)s gửi đăng ký thi đua năm %(y)s.") % {"u": obj.unit.name, "y": obj.year},
            url=url,
        )
    else:
        message = (
            _("Đăng ký thi đua năm %(y)s đã được chấp nhận.") % {"y": obj.year}
            if to == RegistrationState.ACCEPTED
            else _("Đăng ký thi đua năm %(y)s bị trả lại: %(r)s") % {"y": obj.year, "r": obj.returned_reason}
        )
        notify(
            units=[obj.unit, obj.unit.parent] if obj.unit.parent else [obj.unit],
            message=message,
            url=url,
            roles=UPPER_LEVEL_ROLES,
        )
    return obj


# --- Campaigns ----------------------------------------------------------------------------

CAMPAIGN_FIELDS = (
    "name",
    "kind",
    "launched_by_outside",
    "document_number",
    "document_date",
    "starts_on",
    "ends_on",
    "target_unit",
    "target_grouping",
    "theme",
    "content",
)


def _check_campaign_fields(campaign: Campaign | None, fields: dict) -> None:
    if fields.get("ends_on") and fields["ends_on"] < fields["starts_on"]:
        raise ValidationError({"ends_on": ENDS_BEFORE_START})
    if fields.get("target_unit") and fields.get("target_grouping"):
        raise ValidationError(
            _("Chọn đối tượng là các đơn vị thuộc một đơn vị, hoặc một khối/cụm, không cả hai.")
        )
    if campaign is not None and campaign.state != CampaignState.DRAFT:
        # Compare with the stored row: a bound form has already copied its input onto
        # the instance it was given.
        stored = Campaign.objects.get(pk=campaign.pk)
        changed = {k for k, v in fields.items() if getattr(stored, k) != v} - {"ends_on"}
        if changed:
            raise ValidationError(_("Phong trào đã phát động: chỉ sửa được ngày kết thúc."))


@transaction.atomic
def campaign_save(
    *, campaign: Campaign | None, owner: Unit, by: User | None, document=None, **fields
) -> Campaign:
    """Create or edit a campaign (only while it is a draft, except its end date)."""
    if by is not None and not access.can_manage_cycle(by):
        raise PermissionDenied
    _check_campaign_fields(campaign, fields)
    before = snapshot(campaign, CAMPAIGN_FIELDS) if campaign else {}
    campaign = campaign or Campaign(owner=owner, created_by=by)
    for name, value in fields.items():
        setattr(campaign, name, value)
    if document is not None:
        campaign.document = document
    campaign.full_clean(exclude=["document"])
    campaign.save()
    audit_record(
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        by=by,
        obj=campaign,
        changes=diff(before, snapshot(campaign, CAMPAIGN_FIELDS)),
    )
    return campaign


CAMPAIGN_MOVES = {
    CampaignState.DRAFT: {CampaignState.LAUNCHED},
    CampaignState.LAUNCHED: {CampaignState.CLOSED},
    CampaignState.CLOSED: set(),
}


@transaction.atomic
def set_campaign_state(*, obj: Campaign, to: str, by: User | None, reason: str = "") -> Campaign:
    """draft → launched (the target units are notified, in the app and by mail when
    configured) → closed."""
    if by is not None and not (access.can_manage_cycle(by) and obj.owner.is_in_subtree_of(by.unit)):
        raise PermissionDenied
    if obj.state == to:
        return obj
    if to not in CAMPAIGN_MOVES[obj.state]:
        raise ValidationError(_("Không thể chuyển trạng thái phong trào."))
    before = obj.state
    obj.state = to
    if to == CampaignState.LAUNCHED:
        obj.launched_at = timezone.now()
    obj.save(update_fields=["state", "launched_at"])
    audit_record(action=AuditAction.STATE, by=by, obj=obj, changes={"state": [before, to], "reason": reason})
    if to == CampaignState.LAUNCHED:
        notify(
            units=target_units(obj),
            message=_("Phát động phong trào thi đua: %(n)s") % {"n": obj.name},
            url=obj.get_absolute_url(),
        )
    return obj


# --- Annual plan ---------------------------------------------------------------------------


@transaction.atomic
def plan_save(
    *,
    owner: Unit,
    year: int,
    title: str,
    by: User | None,
    tasks: list[dict],
    document_number: str = "",
    document_date=None,
) -> AnnualPlan:
    """Create or replace the owner's plan for the year with its tasks. Each task:
    quarter (1–4), content, responsible_text, responsible (units), due_on."""
    if by is not None and not access.can_manage_cycle(by):
        raise PermissionDenied
    plan, created = AnnualPlan.objects.update_or_create(
        owner=owner,
        year=year,
        defaults={"title": title, "document_number": document_number, "document_date": document_date},
    )
    plan.tasks.all().delete()
    for number, task in enumerate(sorted(tasks, key=lambda t: t["quarter"]), start=1):
        if task["quarter"] not in {1, 2, 3, 4}:
            raise ValidationError(_("Quý phải từ 1 đến 4."))
        item = PlanTask.objects.create(
            plan=plan,
            quarter=task["quarter"],
            number=number,
            content=task["content"],
            responsible_text=task.get("responsible_text", ""),
            due_on=task.get("due_on"),
        )
        item.responsible.set(task.get("responsible", []))
    audit_record(
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        by=by,
        obj=plan,
        changes={"tasks": len(tasks)},
    )
    return plan


@transaction.atomic
def task_set_status(*, task: PlanTask, status: str, by: User | None) -> PlanTask:
    """Provincial staff, or the acting staff of a unit responsible for the task, mark its
    progress; read-only accounts of that unit do not."""
    if by is not None and not access.can_update_task(by, task):
        raise PermissionDenied
    if status not in TaskStatus.values:
        raise ValidationError(_("Tình trạng không hợp lệ."))
    before = task.status
    task.status = status
    task.done_on = timezone.localdate() if status == TaskStatus.DONE else None
    task.save(update_fields=["status", "done_on"])
    audit_record(action=AuditAction.STATE, by=by, obj=task, changes={"status": [before, status]})
    return task


# --- Result reports ------------------------------------------------------------------------

NARRATIVE = ("advantages", "difficulties", "results", "shortcomings", "causes", "proposals")


@transaction.atomic
def report_save(
    *,
    unit: Unit,
    year: int,
    period: str,
    by: User | None,
    narrative: dict[str, str],
    actuals: dict[Indicator, Decimal | None],
) -> ResultReport:
    """Write a unit's mid-year or annual report: its narrative and indicator actuals."""
    if by is not None and not access.can_enter_for(by, unit):
        raise PermissionDenied
    kind = DeadlineKind.MIDYEAR if period == Period.HALF_YEAR else DeadlineKind.ANNUAL
    report, _created = ResultReport.objects.get_or_create(unit=unit, year=year, period=period)
    if report.state == ReportState.SUBMITTED and by is not None and not access.can_review(by, unit):
        raise ValidationError(_("Báo cáo đã gửi: không sửa được nữa."))
    _check_not_locked(unit=unit, year=year, kind=kind, by=by)
    before = snapshot(report, NARRATIVE)
    for name in NARRATIVE:
        setattr(report, name, narrative.get(name, "").strip())
    report.save()
    for indicator, actual in actuals.items():
        if actual is not None and actual < 0:
            raise ValidationError(_("Số liệu không được âm."))
        IndicatorValue.objects.update_or_create(
            indicator=indicator,
            unit=unit,
            year=year,
            period=period,
            defaults={"actual": actual, "updated_by": by},
        )
    audit_record(
        action=AuditAction.UPDATE,
        by=by,
        obj=report,
        changes={
            **diff(before, snapshot(report, NARRATIVE)),
            "actuals": {i.name: actual for i, actual in actuals.items()},
        },
    )
    return report


def report_open(*, unit: Unit, year: int, period: str) -> ResultReport:
    """The unit's report for a period, opened as a draft the first time.

    Preconditions: the caller may enter for the unit; `period` is a Period."""
    report, _created = ResultReport.objects.get_or_create(unit=unit, year=year, period=period)
    return report


@transaction.atomic
def report_submit(*, report: ResultReport, by: User | None) -> ResultReport:
    """Send the report; a late one is accepted and shown late on the deadline board."""
    if by is not None and not access.can_enter_for(by, report.unit):
        raise PermissionDenied
    if report.state == ReportState.SUBMITTED:
        return report
    kind = DeadlineKind.MIDYEAR if report.period == Period.HALF_YEAR else DeadlineKind.ANNUAL
    _check_not_locked(unit=report.unit, year=report.year, kind=kind, by=by)
    if not report.results.strip():
        raise ValidationError(_("Phần “Kết quả” không được để trống."))
    report.state = ReportState.SUBMITTED
    report.submitted_at = timezone.now()
    report.save(update_fields=["state", "submitted_at", "updated_at"])
    audit_record(
        action=AuditAction.STATE,
        by=by,
        obj=report,
        changes={"state": [ReportState.DRAFT, ReportState.SUBMITTED]},
    )
    return report


def upper_level_units(parent: Unit):
    return parent.children.filter(
        valid_to__isnull=True,
        kind__in=[
            UnitKind.DISTRICT,
            UnitKind.SECTOR_UNION,
            UnitKind.CIVIL_SERVANTS,
            UnitKind.BLOC_UNION,
        ],
    )


def issued_document_record(*, obj: AnnualPlan | Campaign, number: str, day, by: User | None) -> bool:
    """Write on a plan or a campaign the number and date of the Kế hoạch that put it out
    (issued through the reports app), unless staff already typed them. Returns whether
    anything changed."""
    if obj.document_number:
        return False
    changed = (
        type(obj)
        .objects.filter(pk=obj.pk, document_number="")
        .update(document_number=number, document_date=day)
    )
    if changed:
        before = obj.document_date
        obj.document_number, obj.document_date = number, day
        audit_record(
            action=AuditAction.UPDATE,
            by=by,
            obj=obj,
            changes={"document_number": ["", number], "document_date": [before, day]},
        )
    return bool(changed)
