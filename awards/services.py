"""Writes on award dossiers: one transition function, audited, telling the people
concerned; attachments checked by content; quotas and the registration gate enforced."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards import access
from awards.enums import DecisionState, DocumentType, DossierState, Recipient
from awards.models import AwardForm, Dossier, DossierAttachment, Nominee, Person, QuotaEvent
from emulation.queries import unit_is_registered
from units.audit import audit_record, diff, snapshot
from units.enums import AuditAction, DocumentKind, Role, Sector
from units.files import FileRefused, check_upload
from units.models import Unit, User
from units.services import document_number_take, notify

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


@transaction.atomic
def dossier_update(*, dossier: Dossier, by: User | None, **fields) -> Dossier:
    _check_editable(dossier, by)
    before = snapshot(dossier, DOSSIER_FIELDS)
    for name, value in fields.items():
        setattr(dossier, name, value)
    dossier.save()
    changes = diff(before, snapshot(dossier, DOSSIER_FIELDS))
    if changes:
        audit_record(action=AuditAction.UPDATE, by=by, obj=dossier, changes=changes)
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
                "s": (sector or "hcsn").upper(),
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
    if to == DossierState.SUBMITTED:
        if not unit_is_registered(unit=obj.proposing_unit, year=obj.year):
            raise ValidationError(NOT_REGISTERED % {"u": obj.proposing_unit.name, "y": obj.year})
        if not obj.nominees.exists():
            raise ValidationError(_("Hồ sơ chưa có người hoặc tập thể được đề nghị."))
        missing = missing_documents(obj)
        if missing:
            raise ValidationError(
                _("Còn thiếu tài liệu: %(d)s.")
                % {"d": ", ".join(str(DocumentType(m).label) for m in missing)}
            )
        obj.submitted_at = timezone.now()
        obj.returned_reason = ""
    elif to == DossierState.RETURNED:
        if not reason.strip():
            raise ValidationError(_("Nêu nội dung cần bổ sung để đơn vị biết."))
        obj.returned_reason = reason.strip()
    elif to == DossierState.APPRAISING:
        from awards.eligibility import evaluate_dossier

        evaluate_dossier(obj)
    elif to == DossierState.HIGHER_DECIDED:
        if not note.strip():
            raise ValidationError(_("Ghi số, ngày quyết định của cấp trên."))
        obj.higher_decision = note.strip()
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


# --- Council sessions -------------------------------------------------------------------------


@transaction.atomic
def session_create(
    *, owner: Unit, title: str, held_on, members: list[User], dossiers: list[Dossier], by: User | None
):
    """A council session over dossiers ready for the council, with the members present."""
    from awards.models import CouncilSession

    if by is not None and by.role not in access.PROVINCE_ROLES:
        raise PermissionDenied
    not_ready = [d.title for d in dossiers if d.state != DossierState.READY]
    if not_ready:
        raise ValidationError(
            _("Hồ sơ chưa đủ điều kiện trình Hội đồng: %(d)s.") % {"d": "; ".join(not_ready)}
        )
    if not members:
        raise ValidationError(_("Chọn các thành viên dự họp."))
    session = CouncilSession.objects.create(owner=owner, title=title, held_on=held_on, created_by=by)
    session.members_present.set(members)
    session.dossiers.set(dossiers)
    audit_record(
        action=AuditAction.CREATE,
        by=by,
        obj=session,
        changes={"members": [m.username for m in members], "dossiers": [d.pk for d in dossiers]},
    )
    return session


def approval_needed(present: int, threshold: float) -> int:
    """Votes needed to approve: more than `threshold` of those present (default one half)."""
    import math

    return math.floor(present * threshold) + 1


def vote_problem(yes: int, no: int, *, present: int) -> str:
    """Why a nominee's votes cannot be ("" when they can): each count is a whole number
    from 0, and those who voted are among the members present."""
    if yes < 0 or no < 0:
        return _("số phiếu không được âm")
    if yes > present:
        reason, count = _("số phiếu đồng ý (%(v)s) lớn hơn số thành viên có mặt (%(p)s)"), yes
    elif no > present:
        reason, count = _("số phiếu không đồng ý (%(v)s) lớn hơn số thành viên có mặt (%(p)s)"), no
    elif yes + no > present:
        reason = _("tổng số phiếu đồng ý và không đồng ý (%(v)s) lớn hơn số thành viên có mặt (%(p)s)")
        count = yes + no
    else:
        return ""
    return reason % {"v": count, "p": present}


@transaction.atomic
def session_close(*, session, votes: dict[int, tuple[int, int]], by: User | None):
    """Record each nominee's votes (for, against) and close the session: a nominee is
    approved with more than the threshold of the members present; every dossier moves to
    "Hội đồng đã xét"; the minutes are generated from the votes."""
    from django.conf import settings

    from awards.enums import SessionState, Vote

    if by is not None and by.role not in access.PROVINCE_ROLES:
        raise PermissionDenied
    if session.state != SessionState.OPEN:
        raise ValidationError(_("Phiên họp đã kết thúc."))
    present = session.members_present.count()
    needed = approval_needed(present, getattr(settings, "COUNCIL_APPROVAL_THRESHOLD", 0.5))
    dossiers = list(session.dossiers.select_related("proposing_unit", "award_form"))
    nominees = {d.pk: list(d.nominees.select_related("person", "unit")) for d in dossiers}
    # Every nominee's votes are checked before any is saved, each refusal with its reason.
    errors = []
    for dossier in dossiers:
        for nominee in nominees[dossier.pk]:
            if nominee.pk not in votes:
                errors.append(_("Chưa có kết quả biểu quyết cho %(n)s.") % {"n": nominee.name})
            elif problem := vote_problem(*votes[nominee.pk], present=present):
                message = _("Số phiếu của %(n)s không hợp lệ: %(r)s.")
                errors.append(message % {"n": nominee.name, "r": problem})
    if errors:
        raise ValidationError(errors)
    lines = [
        # The title names the session in full ("Phiên họp Hội đồng TĐKT xét khen thưởng năm
        # 2024"): the minutes quote it as it is, never behind a noun of their own.
        _("%(t)s, họp ngày %(d)s; có mặt %(n)s thành viên; cần %(k)s phiếu đồng ý để thông qua.")
        % {"t": session.title, "d": session.held_on.strftime("%d/%m/%Y"), "n": present, "k": needed}
    ]
    for dossier in dossiers:
        for nominee in nominees[dossier.pk]:
            yes, no = votes[nominee.pk]
            nominee.votes_for, nominee.votes_against = yes, no
            nominee.vote = Vote.APPROVED if yes >= needed else Vote.REJECTED
            nominee.save(update_fields=["votes_for", "votes_against", "vote"])
            outcome = nominee.get_vote_display()
            lines.append(f"- {nominee.name} ({dossier.award_form.name}): {yes}/{present} — {outcome}")
        set_dossier_state(obj=dossier, to=DossierState.COUNCIL_DONE, by=by)
    session.state = SessionState.CLOSED
    session.minutes = "\n".join(lines)
    session.save(update_fields=["state", "minutes"])
    audit_record(action=AuditAction.STATE, by=by, obj=session, changes={"state": ["open", "closed"]})
    return session


# --- Decisions ----------------------------------------------------------------------------------


@transaction.atomic
def decision_create(
    *,
    issuer: Unit,
    year: int,
    award_form: AwardForm,
    subject: str,
    by: User | None,
    nominees: list[Nominee],
    session=None,
    signer_name: str = "",
    signer_title: str = "",
):
    """A draft decision for approved nominees of dossiers the council has decided on."""
    from awards.enums import Vote
    from awards.models import Awardee, Decision

    if by is not None and by.role not in access.PROVINCE_ROLES:
        raise PermissionDenied
    # One nominee, one award: a second draft for the same people (a double click) is refused.
    taken = Awardee.objects.filter(nominee__in=nominees).exclude(decision__state=DecisionState.REVOKED)
    if taken.exists():
        names = ", ".join(sorted({str(a) for a in taken.select_related("person", "unit")}))
        raise ValidationError(_("Đã có trong một quyết định khác: %(n)s.") % {"n": names})
    # Read the states again: the caller's dossier objects may predate the council.
    states = dict(Dossier.objects.filter(pk__in={n.dossier_id for n in nominees}).values_list("pk", "state"))
    for nominee in nominees:
        if nominee.vote != Vote.APPROVED or states[nominee.dossier_id] != DossierState.COUNCIL_DONE:
            raise ValidationError(_("%(n)s chưa được Hội đồng đồng ý.") % {"n": nominee.name})
        if nominee.dossier.award_form_id != award_form.pk:
            raise ValidationError(_("%(n)s được đề nghị hình thức khác.") % {"n": nominee.name})
    decision = Decision.objects.create(
        issuer=issuer,
        year=year,
        award_form=award_form,
        subject=subject,
        symbol=issuer.symbol,
        session=session,
        signer_name=signer_name,
        signer_title=signer_title,
        created_by=by,
    )
    Awardee.objects.bulk_create(
        Awardee(decision=decision, nominee=n, person=n.person, unit=n.unit, order=i)
        for i, n in enumerate(nominees, start=1)
    )
    audit_record(
        action=AuditAction.CREATE, by=by, obj=decision, changes={"awardees": [n.name for n in nominees]}
    )
    return decision


@transaction.atomic
def session_decisions_draft(*, session, by: User | None) -> list:
    """Draft decisions for a closed council session: one per award form, for the nominees
    the session approved, issued by the session's unit in the year it met. All or
    nothing: a group refused half-way (a nominee already in another decision) leaves no
    draft of the others behind. Each draft is audited by `decision_create`."""
    from awards.enums import SessionState, Vote
    from awards.models import CouncilSession

    if by is not None and by.role not in access.PROVINCE_ROLES:
        raise PermissionDenied
    # The session row is locked: two clicks at once draft once, the second is refused.
    session = CouncilSession.objects.select_for_update().select_related("owner").get(pk=session.pk)
    if session.state != SessionState.CLOSED:
        raise ValidationError(_("Phiên họp chưa kết thúc: chưa có kết quả biểu quyết để lập quyết định."))
    approved = (
        Nominee.objects.filter(dossier__council_sessions=session, vote=Vote.APPROVED)
        .select_related("dossier__award_form", "person", "unit")
        .order_by("dossier__award_form__order", "dossier__award_form__name", "dossier_id", "order", "pk")
    )
    by_form: dict[AwardForm, list[Nominee]] = {}
    for nominee in approved:
        by_form.setdefault(nominee.dossier.award_form, []).append(nominee)
    if not by_form:
        raise ValidationError(_("Phiên họp không có ai được đồng ý: không có quyết định nào để lập."))
    return [
        decision_create(
            issuer=session.owner,
            year=session.held_on.year,
            award_form=award_form,
            subject=_("Về việc tặng %(f)s") % {"f": award_form.name},
            by=by,
            nominees=nominees,
            session=session,
        )
        for award_form, nominees in by_form.items()
    ]


@transaction.atomic
def decision_issue(*, decision, signed_on, by: User | None):
    """Issue a draft: take the next number of the issuer's year under a row lock, compute
    each prize from the base salary in force on the signing date, write every award into
    the awardee's history and close the dossiers. All or nothing."""
    from awards.enums import HistoryKind
    from awards.models import Decision, HistoryEntry, awardee_prize, prize_base_on

    if by is not None and by.role not in access.PROVINCE_ROLES:
        raise PermissionDenied
    given, decision = decision, Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.state != DecisionState.DRAFT:
        raise ValidationError(_("Quyết định đã ban hành hoặc đã thu hồi."))
    awardees = list(decision.awardees.select_related("nominee__dossier", "person", "unit"))
    if not awardees:
        raise ValidationError(_("Quyết định chưa có ai được khen thưởng."))
    form = decision.award_form
    base = prize_base_on(form, signed_on)
    number = document_number_take(
        issuer=decision.issuer, year=signed_on.year, kind=DocumentKind.DECISION, symbol=decision.symbol
    )
    decision.number, decision.signed_on, decision.state = number, signed_on, DecisionState.ISSUED
    decision.save(update_fields=["number", "signed_on", "state"])
    given.number, given.signed_on, given.state = decision.number, decision.signed_on, decision.state
    for awardee in awardees:
        awardee.prize = awardee_prize(form, collective=bool(awardee.unit_id), base=base)
        awardee.save(update_fields=["prize"])
        HistoryEntry.objects.create(
            person=awardee.person,
            unit=awardee.unit,
            year=decision.year,
            kind=HistoryKind.AWARD,
            award_form=form,
            description=decision.number_text,
            decision=decision,
            source="decision",
        )
    for dossier in {a.nominee.dossier for a in awardees if a.nominee_id}:
        set_dossier_state(obj=dossier, to=DossierState.DECIDED, by=by)
    audit_record(
        action=AuditAction.STATE,
        by=by,
        obj=decision,
        changes={"state": ["draft", "issued"], "number": decision.number_text, "base_salary": base},
    )
    return decision


@transaction.atomic
def decision_revoke(*, decision, reason: str, by: User | None):
    """Thu hồi: the decision stays, marked revoked with its reason; its awards leave the
    history that eligibility and statistics read."""
    if by is not None and by.role not in access.PROVINCE_ROLES:
        raise PermissionDenied
    from awards.models import Decision

    given, decision = decision, Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.state != DecisionState.ISSUED:
        raise ValidationError(_("Chỉ thu hồi quyết định đã ban hành."))
    if not reason.strip():
        raise ValidationError(_("Nêu lý do thu hồi."))
    decision.state, decision.revoked_reason = DecisionState.REVOKED, reason.strip()
    decision.save(update_fields=["state", "revoked_reason"])
    given.state, given.revoked_reason = decision.state, decision.revoked_reason
    removed = decision.history_entries.count()
    decision.history_entries.all().delete()
    audit_record(
        action=AuditAction.STATE,
        by=by,
        obj=decision,
        changes={"state": ["issued", "revoked"], "reason": reason, "history_removed": removed},
    )
    return decision


# --- Award fund --------------------------------------------------------------------------


@transaction.atomic
def award_fund_save(
    *, owner: Unit, year: int, budget: Decimal, share: Decimal, amount: Decimal | None, note: str, by: User
):
    """Sets the unit's award fund for a year (one row per unit and year), audited."""
    from awards.models import AwardFund

    if not access.keeps_fund(by) or owner.pk != by.unit_id:
        raise PermissionDenied
    fund = AwardFund.objects.select_for_update().filter(owner=owner, year=year).first()
    before = snapshot(fund, ["budget", "share", "amount", "note"]) if fund else {}
    if fund is None:
        fund = AwardFund(owner=owner, year=year)
    fund.budget, fund.share, fund.amount, fund.note, fund.updated_by = budget, share, amount, note, by
    fund.full_clean()
    fund.save()
    after = snapshot(fund, ["budget", "share", "amount", "note"])
    audit_record(
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        by=by,
        obj=fund,
        changes=diff(before, after) if before else after,
    )
    return fund
