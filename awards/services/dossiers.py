"""Writes on award dossiers: one transition function, audited, telling the people
concerned; attachments checked by content; quotas and the registration gate enforced."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards import access
from awards.eligibility import evaluate_dossier
from awards.enums import DocumentType, DossierState, Recipient
from awards.models import (
    AwardForm,
    Dossier,
    DossierAttachment,
    Nominee,
    Person,
    QuotaEvent,
)
from emulation.queries import unit_is_registered
from units.audit import audit_record, snapshot
from units.enums import AuditAction, Role, Sector
from units.files import FileRefused, check_upload
from units.models import Unit, User
from units.services import notify

MAX_DOSSIER_BYTES = 50 * 1024 * 1024
EDITABLE = {DossierState.DRAFT, DossierState.RETURNED}
DOSSIER_FIELDS = ("title", "achievements", "award_form", "campaign", "quota_event", "year")


def _check_editable(dossier: Dossier, by: User | None) -> None:
    if by is not None and not access.can_propose_for(by, dossier.proposing_unit):
        raise PermissionDenied
    if dossier.state not in EDITABLE:
        raise ValidationError(_("Hồ sơ đã nộp: không sửa được nữa."))


@transaction.atomic
def dossier_create(
    *,
    proposing_unit: Unit,
    year: int,
    award_form: AwardForm,
    title: str,
    by: User | None,
    achievements: str = "",
    campaign=None,
    quota_event: QuotaEvent | None = None,
    form_token=None,
) -> Dossier:
    """A draft dossier of `proposing_unit` (which `by` acts for). The same `form_token`
    twice (a double submit of the form) returns the dossier made the first time, also
    when the submits arrive at the same moment."""
    if by is not None and not access.can_propose_for(by, proposing_unit):
        raise PermissionDenied
    if form_token is not None:
        existing = Dossier.objects.filter(form_token=form_token).first()
        if existing is not None:
            return existing
    try:
        # A savepoint: submits running in parallel all pass the check above, and the
        # unique form_token lets one insert through. PostgreSQL holds each other insert
        # until that one commits, then refuses it; the dossier it made is then visible.
        with transaction.atomic():
            dossier = Dossier.objects.create(
                form_token=form_token,
                proposing_unit=proposing_unit,
                year=year,
                award_form=award_form,
                title=title.strip(),
                achievements=achievements,
                campaign=campaign,
                quota_event=quota_event,
                created_by=by,
            )
    except IntegrityError:
        existing = Dossier.objects.filter(form_token=form_token).first() if form_token else None
        if existing is None:
            raise
        return existing
    audit_record(action=AuditAction.CREATE, by=by, obj=dossier, changes=snapshot(dossier, DOSSIER_FIELDS))
    return dossier


# --- Nominees and quotas ------------------------------------------------------------------


def quota_use_by_unit(*, event: QuotaEvent) -> dict[int, dict[str, int]]:
    """Nominees counted against `event`, per proposing unit, by kind and sector (one
    query whatever the number of units)."""
    use: dict[int, dict[str, int]] = {}
    nominees = Nominee.objects.filter(dossier__quota_event=event).values_list(
        "dossier__proposing_unit_id", "unit_id", "sector"
    )
    for unit_id, collective_id, sector in nominees:
        counts = use.setdefault(
            unit_id,
            {"collectives_hcsn": 0, "collectives_sxkd": 0, "individuals_hcsn": 0, "individuals_sxkd": 0},
        )
        kind = "collectives" if collective_id else "individuals"
        counts[f"{kind}_{sector if sector in {Sector.HCSN, Sector.SXKD} else Sector.HCSN}"] += 1
    return use


def quota_use(*, event: QuotaEvent, unit: Unit) -> dict[str, int]:
    empty = {"collectives_hcsn": 0, "collectives_sxkd": 0, "individuals_hcsn": 0, "individuals_sxkd": 0}
    return quota_use_by_unit(event=event).get(unit.pk, empty)


def _check_quota(dossier: Dossier, *, collective: bool, sector: str) -> None:
    """Seed 003: each upper-level union proposes within its share, split by kind and
    sector. A nomination beyond the share is refused with the numbers."""
    if dossier.quota_event_id is None:
        return
    allocation = dossier.quota_event.allocations.filter(unit=dossier.proposing_unit).first()
    key = f"{'collectives' if collective else 'individuals'}_{sector or Sector.HCSN}"
    allowed = getattr(allocation, key) if allocation else 0
    used = quota_use(event=dossier.quota_event, unit=dossier.proposing_unit)[key]
    if used + 1 > allowed:
        label = _("tập thể") if collective else _("cá nhân")
        raise ValidationError(
            _("Vượt phân bổ: %(u)s được đề nghị %(n)s %(k)s khối %(s)s và đã dùng %(used)s.")
            % {
                "u": dossier.proposing_unit.name,
                "n": allowed,
                "k": label,
                "s": (sector or Sector.HCSN).upper(),
                "used": used,
            }
        )


@transaction.atomic
def nominee_add(
    *,
    dossier: Dossier,
    by: User | None,
    person: Person | None = None,
    unit: Unit | None = None,
    summary: str = "",
) -> Nominee:
    """Add a person or a collective of the proposing unit's subtree to a draft dossier."""
    _check_editable(dossier, by)
    if (person is None) == (unit is None):
        raise ValidationError(_("Chọn một cá nhân hoặc một tập thể."))
    recipient = dossier.award_form.recipient
    if person is not None and recipient == Recipient.COLLECTIVE:
        raise ValidationError(_("%(a)s chỉ dành cho tập thể.") % {"a": dossier.award_form.name})
    if unit is not None and recipient == Recipient.INDIVIDUAL:
        raise ValidationError(_("%(a)s chỉ dành cho cá nhân.") % {"a": dossier.award_form.name})
    owner = person.unit if person is not None else unit
    if not owner.is_in_subtree_of(dossier.proposing_unit):
        raise ValidationError(_("%(n)s không thuộc đơn vị đề nghị.") % {"n": person or unit})
    if dossier.nominees.filter(person=person, unit=unit).exists():
        raise ValidationError(_("%(n)s đã có trong hồ sơ.") % {"n": person or unit})
    sector = (person.sector if person is not None else unit.sector) or ""
    _check_quota(dossier, collective=unit is not None, sector=sector)
    nominee = Nominee.objects.create(
        dossier=dossier,
        person=person,
        unit=unit,
        sector=sector,
        summary=summary,
        order=dossier.nominees.count() + 1,
    )
    audit_record(
        action=AuditAction.CREATE,
        by=by,
        obj=nominee,
        changes={"dossier": dossier.pk, "nominee": str(nominee)},
    )
    return nominee


@transaction.atomic
def nominee_remove(*, nominee: Nominee, by: User | None) -> None:
    _check_editable(nominee.dossier, by)
    audit_record(action=AuditAction.DELETE, by=by, obj=nominee, changes={"dossier": nominee.dossier_id})
    nominee.delete()


# --- Attachments ---------------------------------------------------------------------------


@transaction.atomic
def attachment_add(*, dossier: Dossier, upload, document_type: str, by: User) -> DossierAttachment:
    """Store an upload under a generated name after checking its content: PDF, DOCX,
    XLSX, JPG or PNG; 10 MB a file, 50 MB a dossier; no zip bombs."""
    _check_editable(dossier, by)
    if document_type not in DocumentType.values:
        raise ValidationError(_("Loại tài liệu không hợp lệ."))
    try:
        checked = check_upload(upload)
    except FileRefused as exc:
        raise ValidationError(str(exc)) from exc
    used = dossier.attachments.aggregate(total=Sum("size"))["total"] or 0
    if used + upload.size > MAX_DOSSIER_BYTES:
        raise ValidationError(_("Hồ sơ vượt quá 50 MB tệp đính kèm."))
    attachment = DossierAttachment.objects.create(
        dossier=dossier,
        document_type=document_type,
        file=upload,
        original_name=checked.filename(upload.name)[-255:],
        content_type=checked.content_type,
        size=upload.size,
        uploaded_by=by,
    )
    audit_record(
        action=AuditAction.CREATE,
        by=by,
        obj=attachment,
        changes={"dossier": dossier.pk, "type": document_type, "name": attachment.original_name},
    )
    return attachment


def superseded_attachment_ids(dossier: Dossier) -> set[int]:
    """Attachments replaced by a newer file of the same document type. "Tài liệu khác"
    holds many documents side by side: none of them replaces another."""
    newest: dict[str, tuple] = {}
    superseded = set()
    rows = dossier.attachments.exclude(document_type=DocumentType.OTHER).values_list(
        "pk", "document_type", "uploaded_at"
    )
    for pk, kind, uploaded_at in sorted(rows, key=lambda r: (r[2], r[0]), reverse=True):
        if kind in newest:
            superseded.add(pk)
        else:
            newest[kind] = (pk, uploaded_at)
    return superseded


def removable_attachment_ids(dossier: Dossier, *, superseded: set[int] | None = None) -> set[int]:
    """What the proposing unit may remove while the dossier is editable: a file the
    appraisers have not seen (uploaded since the last submission, or never submitted),
    and a file they have seen only once a newer one of the same type replaces it, so a
    returned dossier keeps what it was appraised on until it is replaced."""
    if dossier.state not in EDITABLE:
        return set()
    unseen = dossier.attachments.all()
    if dossier.submitted_at is not None:
        unseen = unseen.filter(uploaded_at__gt=dossier.submitted_at)
    if superseded is None:
        superseded = superseded_attachment_ids(dossier)
    return set(unseen.values_list("pk", flat=True)) | superseded


@transaction.atomic
def attachment_remove(*, attachment: DossierAttachment, by: User | None) -> None:
    """Remove an attachment of an editable dossier that `by` proposes for, when it is
    removable (`removable_attachment_ids`). The dossier row is locked, so a submit at
    the same moment sees the dossier with or without the file, never half of it. The
    stored file is deleted once the transaction has committed."""
    locked = Dossier.objects.select_for_update(of=("self",)).select_related("proposing_unit")
    dossier = locked.get(pk=attachment.dossier_id)
    _check_editable(dossier, by)
    if attachment.pk not in removable_attachment_ids(dossier):
        raise ValidationError(
            _(
                "Không xóa được %(n)s: tệp đã được nộp cùng hồ sơ. "
                "Tải lên tệp mới cùng loại để thay, rồi xóa bản cũ."
            )
            % {"n": attachment.original_name}
        )
    audit_record(
        action=AuditAction.DELETE,
        by=by,
        obj=attachment,
        changes={"dossier": dossier.pk, "type": attachment.document_type, "name": attachment.original_name},
    )
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


def missing_documents(dossier: Dossier) -> list[str]:
    """The award's required documents that the dossier does not carry yet."""
    present = set(dossier.attachments.values_list("document_type", flat=True))
    return [code for code in dossier.award_form.required_documents if code not in present]


# --- The one transition function ---------------------------------------------------------

MOVES = {
    DossierState.DRAFT: {DossierState.SUBMITTED},
    DossierState.SUBMITTED: {DossierState.APPRAISING},
    DossierState.APPRAISING: {DossierState.RETURNED, DossierState.READY},
    DossierState.RETURNED: {DossierState.SUBMITTED},
    DossierState.READY: {DossierState.COUNCIL_DONE, DossierState.RETURNED},
    DossierState.COUNCIL_DONE: {DossierState.DECIDED, DossierState.FORWARDED},
    DossierState.FORWARDED: {DossierState.HIGHER_DECIDED},
    DossierState.DECIDED: set(),
    DossierState.HIGHER_DECIDED: set(),
}
UNIT_MOVES = {DossierState.SUBMITTED}
NOT_REGISTERED = gettext_lazy(
    "%(u)s chưa có đăng ký thi đua năm %(y)s được chấp nhận: chưa đủ điều kiện xét khen thưởng."
)


def _who_may(by: User, dossier: Dossier, to: str) -> bool:
    if to in UNIT_MOVES:
        return access.can_propose_for(by, dossier.proposing_unit)
    if to == DossierState.COUNCIL_DONE:
        return access.can_vote(by, dossier) or access.can_appraise(by, dossier)
    if to in DossierState.values:
        return access.can_appraise(by, dossier)
    # Not a state: any role that moves dossiers hears that it is not one; others, no.
    return (
        access.can_propose_for(by, dossier.proposing_unit)
        or access.can_vote(by, dossier)
        or access.can_appraise(by, dossier)
    )


def _enter_submitted(dossier: Dossier, *, reason: str, note: str) -> None:
    if not unit_is_registered(unit=dossier.proposing_unit, year=dossier.year):
        raise ValidationError(NOT_REGISTERED % {"u": dossier.proposing_unit.name, "y": dossier.year})
    if not dossier.nominees.exists():
        raise ValidationError(_("Hồ sơ chưa có người hoặc tập thể được đề nghị."))
    missing = missing_documents(dossier)
    if missing:
        raise ValidationError(
            _("Còn thiếu tài liệu: %(d)s.") % {"d": ", ".join(str(DocumentType(m).label) for m in missing)}
        )
    dossier.submitted_at = timezone.now()
    dossier.returned_reason = ""


def _enter_returned(dossier: Dossier, *, reason: str, note: str) -> None:
    if not reason.strip():
        raise ValidationError(_("Nêu nội dung cần bổ sung để đơn vị biết."))
    dossier.returned_reason = reason.strip()


def _enter_appraising(dossier: Dossier, *, reason: str, note: str) -> None:
    evaluate_dossier(dossier)


def _enter_higher_decided(dossier: Dossier, *, reason: str, note: str) -> None:
    if not note.strip():
        raise ValidationError(_("Ghi số, ngày quyết định của cấp trên."))
    dossier.higher_decision = note.strip()


def _enter_freely(dossier: Dossier, *, reason: str, note: str) -> None:
    """A state that asks nothing of the dossier on the way in."""


# What a dossier must hold, and what is recorded, as it enters a state.
ENTERING = {
    DossierState.SUBMITTED: _enter_submitted,
    DossierState.RETURNED: _enter_returned,
    DossierState.APPRAISING: _enter_appraising,
    DossierState.HIGHER_DECIDED: _enter_higher_decided,
}


@transaction.atomic
def set_dossier_state(*, obj: Dossier, to: str, by: User | None, reason: str = "", note: str = "") -> Dossier:
    """nháp → đã nộp → đang thẩm định → trả lại bổ sung (→ đã nộp) → đủ điều kiện trình
    Hội đồng → Hội đồng đã xét → đã có quyết định, or → trình cấp trên → cấp trên đã
    quyết định.

    Submitting is refused for a unit not registered for the year (seed 001) and while a
    required document or a nominee is missing. The row is locked first, so a double
    submit makes one transition. `by` None is the system (decisions, the demo).

    The role is checked before anything else: an account that may not make the move
    is refused before anything is said about the dossier's state.
    """
    if by is not None and not _who_may(by, obj, to):
        raise PermissionDenied
    if to not in DossierState.values:
        raise ValidationError(_("Trạng thái không hợp lệ."))
    given = obj
    obj = Dossier.objects.select_for_update().select_related("proposing_unit", "award_form").get(pk=obj.pk)
    if obj.state == to:
        return obj
    if to not in MOVES[obj.state]:
        raise ValidationError(
            _("Không thể chuyển hồ sơ từ “%(a)s” sang “%(b)s”.")
            % {"a": obj.get_state_display(), "b": DossierState(to).label}
        )
    ENTERING.get(to, _enter_freely)(obj, reason=reason, note=note)
    before = obj.state
    obj.state = to
    obj.save(update_fields=["state", "submitted_at", "returned_reason", "higher_decision", "updated_at"])
    audit_record(
        action=AuditAction.STATE,
        by=by,
        obj=obj,
        changes={"state": [before, to], "reason": reason, "note": note},
    )
    _tell(obj, to)
    # The caller's instance follows the locked row it was read again as.
    for name in ("state", "submitted_at", "returned_reason", "higher_decision", "updated_at"):
        setattr(given, name, getattr(obj, name))
    return obj


def _tell(dossier: Dossier, to: str) -> None:
    """Every transition tells the people concerned; a return says what to add."""
    label = DossierState(to).label
    message = _("Hồ sơ “%(t)s” của %(u)s: %(s)s.") % {
        "t": dossier.title,
        "u": dossier.proposing_unit.name,
        "s": label,
    }
    if to == DossierState.RETURNED:
        message = f"{message} {_('Cần bổ sung:')} {dossier.returned_reason}"
    url = dossier.get_absolute_url()
    unit_side = [
        dossier.proposing_unit,
        *([dossier.proposing_unit.parent] if dossier.proposing_unit.parent else []),
    ]
    province_side = Unit.objects.filter(pk__in=dossier.proposing_unit.ancestor_ids)
    if to in {DossierState.SUBMITTED}:
        notify(units=province_side, roles=[Role.PROVINCE_STAFF], message=message, url=url)
    elif to == DossierState.READY:
        notify(units=province_side, roles=[Role.COUNCIL], message=message, url=url)
        notify(units=unit_side, roles=[Role.UNIT_STAFF, Role.LEADER], message=message, url=url)
    else:
        notify(units=unit_side, roles=[Role.UNIT_STAFF, Role.LEADER], message=message, url=url)
