"""Writes on score sheets: open, score, import points, attach evidence, the sheet's
transition, and an outside leader's recorded result."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scoring import access
from scoring.enums import APPRAISED_STATES, OPEN_TO_SELF, AppraisalSource, ScoreKind, SheetState, TableStatus
from scoring.imports import ScoreRow, bad_row_messages, check_scores
from scoring.models import CriteriaTable, Criterion, ItemAttachment, ItemScore, ScoreSheet
from scoring.rules import RuleError, evaluate, parse_rule
from scoring.tree import build_tree, flatten
from units.audit import audit_record, diff, snapshot
from units.enums import AuditAction
from units.files import filename_for
from units.models import Unit, User


@transaction.atomic
def sheet_open(*, table: CriteriaTable, unit: Unit, by: User | None) -> ScoreSheet:
    """The unit's sheet on this table, created on first use. Only a published table is
    scored."""
    if table.status != TableStatus.PUBLISHED:
        raise ValidationError(_("Bảng tiêu chí chưa ban hành hoặc đã kết thúc."))
    if table.grouping_id and not table.grouping.memberships.filter(unit=unit).exists():
        raise ValidationError(_("%(u)s không thuộc %(g)s.") % {"u": unit.name, "g": table.grouping.name})
    sheet, created = ScoreSheet.objects.get_or_create(table=table, unit=unit)
    if created:
        audit_record(action=AuditAction.CREATE, by=by, obj=sheet)
    return sheet


def is_leader(sheet: ScoreSheet) -> bool:
    grouping = sheet.table.grouping
    return grouping is not None and grouping.leader_id == sheet.unit_id


def _check_can_score(sheet: ScoreSheet, kind: str, by: User | None) -> None:
    """`by` None is the system (demo data, management commands): no role check."""
    if sheet.table.status != TableStatus.PUBLISHED:
        raise ValidationError(_("Bảng tiêu chí chưa ban hành hoặc đã kết thúc: không chấm điểm được."))
    if kind == ScoreKind.SELF:
        if by is not None and not access.can_self_score(by, sheet):
            raise PermissionDenied
        if sheet.state not in OPEN_TO_SELF:
            raise ValidationError(_("Phiếu đã nộp: không sửa được điểm tự chấm."))
    else:
        if by is not None and not access.can_appraise_sheet(by, sheet):
            raise PermissionDenied
        _check_appraised_here(sheet)
        if sheet.state != SheetState.SUBMITTED:
            raise ValidationError(_("Chỉ thẩm định phiếu đã nộp."))


def _check_appraised_here(sheet: ScoreSheet) -> None:
    """Nobody here appraises a sheet of an outside grouping, not even the system (`by`
    None): its leader does, and the result is recorded with its document."""
    if access.appraised_outside(sheet.table):
        raise ValidationError(
            _(
                "Phiếu chấm trong %(g)s do Trưởng khối/cụm chấm: chỉ ghi nhận kết quả nhận được, "
                "kèm số và ngày văn bản."
            )
            % {"g": sheet.table.grouping.name}
        )


@transaction.atomic
def item_score_set(
    *,
    sheet: ScoreSheet,
    criterion: Criterion,
    kind: str,
    by: User | None,
    choice: str = "",
    value: Decimal | None = None,
    achieved: Decimal | None = None,
    bonus: Decimal | None = None,
    note: str = "",
) -> ItemScore:
    """Score one leaf. The server evaluates the rule from the input; the points are never
    taken as typed except for manual items, and then only within 0..standard in half
    points. Raises ValidationError with the rule's reason."""
    _check_can_score(sheet, kind, by)
    if criterion.table_id != sheet.table_id or not criterion.is_leaf:
        raise ValidationError(_("Tiêu chí không thuộc bảng hoặc không phải mục chấm điểm."))
    if value is not None:
        # Evaluate exactly what is stored (two decimals): 29.999 is kept as 30.00.
        value = value.quantize(Decimal("0.01"))
    try:
        outcome = evaluate(
            parse_rule(criterion.rule),
            standard=criterion.standard,
            bonus_max=criterion.bonus_max,
            choice=choice,
            value=value,
            achieved=achieved,
            bonus=bonus,
            is_leader=is_leader(sheet),
        )
    except RuleError as exc:
        raise ValidationError(f"{criterion.code}: {exc}") from exc
    item = ItemScore.objects.filter(sheet=sheet, criterion=criterion, kind=kind).first()
    before = snapshot(item, ["choice", "value", "achieved", "bonus", "note"]) if item else {}
    if item is None:
        item = ItemScore(sheet=sheet, criterion=criterion, kind=kind)
    item.choice, item.value, item.note = outcome.choice, value, note
    item.achieved, item.bonus, item.updated_by = outcome.achieved, outcome.bonus, by
    item.from_self = False
    if kind == ScoreKind.SELF:
        item.returned_reason = item.returned_reason if sheet.state == SheetState.RETURNED else ""
    item.save()
    changes = diff(before, snapshot(item, ["choice", "value", "achieved", "bonus", "note"]))
    if changes:
        audit_record(
            action=AuditAction.UPDATE if before else AuditAction.CREATE,
            by=by,
            obj=item,
            changes={"criterion": criterion.code, "kind": kind, **changes},
        )
    return item


@transaction.atomic
def scores_import(*, rows: list[ScoreRow], sheet: ScoreSheet, kind: str, by: User | None) -> int:
    """Write a file of points (ma, diem_thuc_hien, diem_thuong) onto a sheet. Every row is
    checked against its rule first; one refused row saves nothing. The sheet must be open
    for that kind of score and `by` allowed to give it (None: a management command)."""
    _check_can_score(sheet, kind, by)
    criteria = list(sheet.table.criteria.all())
    leaves = {n.code: n for n in flatten(build_tree(criteria)) if n.is_leaf}
    check_scores(rows, leaves=leaves, is_leader=is_leader(sheet))
    bad = bad_row_messages(rows)
    if bad:
        raise ValidationError(bad)
    _write_items(sheet, kind, rows, leaves, by)
    audit_record(
        action=AuditAction.IMPORT,
        by=by,
        obj=sheet,
        changes={"kind": kind, "items": {r.code: [str(r.achieved), str(r.bonus)] for r in rows}},
    )
    return len(rows)


def _write_items(sheet: ScoreSheet, kind: str, rows: list[ScoreRow], leaves: dict, by: User | None) -> None:
    """Checked rows of points onto the sheet's items of that kind. Updated in place:
    deleting and re-creating would take the items' evidence with them."""
    existing = {i.criterion_id: i for i in sheet.items.filter(kind=kind)}
    for r in rows:
        criterion = leaves[r.code].criterion
        item = existing.get(criterion.pk) or ItemScore(sheet=sheet, criterion=criterion, kind=kind)
        item.choice, item.value, item.achieved, item.bonus = r.choice, None, r.achieved, r.bonus
        item.note = r.note or item.note
        item.updated_by, item.from_self = by, False
        item.save()


@transaction.atomic
def item_attachment_add(*, item: ItemScore, upload, by: User) -> ItemAttachment:
    """Attach one evidence file to a scored item. Preconditions: the upload passed
    forms.EvidenceForm (its content type read from the bytes: `checked_content_type`) and
    `by` may add evidence to the item's score."""
    attachment = ItemAttachment.objects.create(
        item=item,
        file=upload,
        original_name=filename_for(upload.name, upload.checked_content_type)[-255:],
        content_type=upload.checked_content_type,
        size=upload.size,
        uploaded_by=by,
    )
    audit_record(action=AuditAction.CREATE, by=by, obj=attachment, changes={"item": item.criterion.code})
    return attachment


SHEET_MOVES = {
    SheetState.DRAFT: {SheetState.SUBMITTED},
    SheetState.RETURNED: {SheetState.SUBMITTED},
    SheetState.SUBMITTED: {SheetState.RETURNED, SheetState.APPRAISED},
    SheetState.APPRAISED: {SheetState.PUBLISHED, SheetState.RETURNED},
    SheetState.PUBLISHED: set(),
}


def _may_move_sheet(by: User, sheet: ScoreSheet, to: str) -> bool:
    """Submitting is the unit's own staff's; every other move is an appraiser's. A state
    that is neither needs one of the two roles."""
    if to == SheetState.SUBMITTED:
        return access.can_self_score(by, sheet)
    if sheet.is_recorded and to in APPRAISED_STATES:
        return access.can_record_appraisal(by, sheet)
    if to in SheetState.values:
        return access.can_appraise_sheet(by, sheet)
    return access.can_self_score(by, sheet) or access.can_appraise_sheet(by, sheet)


@transaction.atomic
def set_score_sheet_state(
    *, obj: ScoreSheet, to: str, by: User | None, reason: str = "", item_reasons: dict | None = None
) -> ScoreSheet:
    """The sheet's one transition function.

    draft/returned → submitted (the unit, every leaf self-scored; late is recorded
    against the table's deadline) → appraised (an appraiser; leaves left untouched count
    at the unit's own score) → published; submitted/appraised → returned with a reason,
    optionally per item (`item_reasons`: criterion id → what to add).

    The role is checked first: an account that may not make the move is refused before
    anything is said about the sheet's state.
    """
    if by is not None and not _may_move_sheet(by, obj, to):
        raise PermissionDenied
    if to not in SheetState.values:
        raise ValidationError(_("Trạng thái không hợp lệ."))
    if obj.state == to:
        return obj
    if to not in SHEET_MOVES[obj.state]:
        raise ValidationError(
            _("Không thể chuyển phiếu từ “%(a)s” sang “%(b)s”.")
            % {"a": obj.get_state_display(), "b": SheetState(to).label}
        )
    if to == SheetState.SUBMITTED:
        _submit(obj)
    elif obj.is_recorded and to in APPRAISED_STATES:
        # An outside leader's result, recorded with its document (sheet_appraisal_record).
        _stamp(obj, to)
    else:
        # Seed 000's bloc tables are appraised by a peer or the province, never by the
        # unit itself or one below it (access.is_party_to, checked first by _may_move_sheet).
        _check_appraised_here(obj)
        _appraise_here(obj, to, by, reason, item_reasons)
    before = obj.state
    obj.state = to
    obj.save(
        update_fields=[
            "state",
            "submitted_at",
            "appraised_at",
            "published_at",
            "returned_reason",
            "updated_at",
        ]
    )
    audit_record(
        action=AuditAction.STATE,
        by=by,
        obj=obj,
        changes={
            "state": [before, to],
            "reason": reason,
            "late": obj.is_late if to == SheetState.SUBMITTED else None,
        },
    )
    return obj


def _submit(sheet: ScoreSheet) -> None:
    """The unit hands its sheet in: every leaf self-scored."""
    leaves = sheet.table.criteria.filter(standard__isnull=False)
    scored = sheet.items.filter(kind=ScoreKind.SELF).values_list("criterion_id", flat=True)
    missing = list(leaves.exclude(pk__in=scored).values_list("code", flat=True))
    if missing:
        raise ValidationError(
            _("Còn %(n)s mục chưa chấm: %(codes)s.") % {"n": len(missing), "codes": ", ".join(missing[:10])}
        )
    sheet.submitted_at = timezone.now()
    sheet.returned_reason = ""
    # Copies of the self-score made at an earlier appraisal would hide the unit's
    # corrections: the next appraisal copies the current self-score again.
    sheet.items.filter(kind=ScoreKind.APPRAISED, from_self=True).delete()
    sheet.items.filter(kind=ScoreKind.SELF).exclude(returned_reason="").update(returned_reason="")


def _stamp(sheet: ScoreSheet, to: str) -> None:
    if to == SheetState.APPRAISED:
        sheet.appraised_at = timezone.now()
    elif to == SheetState.PUBLISHED:
        sheet.published_at = timezone.now()


def _appraise_here(
    sheet: ScoreSheet, to: str, by: User | None, reason: str, item_reasons: dict | None
) -> None:
    """An appraiser's move: return with a reason (general or per item), appraise, publish."""
    if to == SheetState.RETURNED:
        if not reason.strip() and not item_reasons:
            raise ValidationError(_("Nêu lý do trả lại để đơn vị bổ sung."))
        sheet.returned_reason = reason.strip()
        for criterion_id, text in (item_reasons or {}).items():
            sheet.items.filter(kind=ScoreKind.SELF, criterion_id=criterion_id).update(returned_reason=text)
    elif to == SheetState.APPRAISED:
        _materialise_appraisal(sheet, by)
    _stamp(sheet, to)


def _materialise_appraisal(sheet: ScoreSheet, by: User) -> None:
    """Leaves the appraiser did not touch are appraised at the unit's own score."""
    appraised = set(sheet.items.filter(kind=ScoreKind.APPRAISED).values_list("criterion_id", flat=True))
    ItemScore.objects.bulk_create(
        ItemScore(
            sheet=sheet,
            criterion_id=item.criterion_id,
            kind=ScoreKind.APPRAISED,
            choice=item.choice,
            value=item.value,
            achieved=item.achieved,
            bonus=item.bonus,
            updated_by=by,
            from_self=True,
        )
        for item in sheet.items.filter(kind=ScoreKind.SELF).exclude(criterion_id__in=appraised)
    )


def _check_recordable(sheet: ScoreSheet) -> None:
    if not access.appraised_outside(sheet.table):
        raise ValidationError(_("Chỉ ghi nhận kết quả chấm của khối, cụm thi đua bên ngoài."))
    if sheet.table.status != TableStatus.PUBLISHED:
        raise ValidationError(_("Bảng tiêu chí chưa ban hành hoặc đã kết thúc: không chấm điểm được."))
    if not (
        sheet.state == SheetState.SUBMITTED or (sheet.state == SheetState.APPRAISED and sheet.is_recorded)
    ):
        raise ValidationError(
            _("Chỉ ghi nhận kết quả chấm cho phiếu đã nộp (phiếu đang ở trạng thái “%(s)s”).")
            % {"s": sheet.get_state_display()}
        )


def _appraiser_errors(appraiser: Unit, sheet: ScoreSheet) -> list[str]:
    grouping = sheet.table.grouping
    if not grouping.memberships.filter(unit=appraiser).exists():
        return [_("%(u)s không thuộc %(g)s.") % {"u": appraiser.name, "g": grouping.name}]
    if access.is_party_to(appraiser, sheet):
        return [_("%(u)s không chấm phiếu của chính mình hay của đơn vị cấp trên.") % {"u": appraiser.name}]
    return []


def _document_errors(number: str, day: datetime.date | None) -> list[str]:
    if not number or day is None:
        return [_("Ghi số và ngày văn bản của Trưởng khối/cụm.")]
    if day > timezone.localdate():
        return [_("Ngày văn bản không được sau hôm nay.")]
    return []


def _recorded_rows_errors(rows: list[ScoreRow], leaves: dict, sheet: ScoreSheet) -> list[str]:
    """Each row checked against its leaf's rule, and no leaf left without points."""
    check_scores(rows, leaves=leaves, is_leader=is_leader(sheet))
    errors = bad_row_messages(rows)
    missing = [code for code in leaves if code not in {r.code for r in rows}]
    if missing:
        errors.append(
            _("Thiếu điểm của %(n)s mục: %(codes)s.") % {"n": len(missing), "codes": ", ".join(missing[:10])}
        )
    return errors


RECORD_FIELDS = ("appraisal_source", "appraiser", "appraisal_document_number", "appraisal_document_date")


@transaction.atomic
def sheet_appraisal_record(
    *,
    sheet: ScoreSheet,
    rows: list[ScoreRow],
    appraiser: Unit,
    document_number: str,
    document_date: datetime.date,
    by: User | None,
    publish: bool = False,
    source: str = "",
) -> ScoreSheet:
    """Record the appraisal an outside grouping's leader made of a member's sheet, from
    the document it sent (seed 000: the MTTQ bloc's leader scores LĐLĐ tỉnh; nobody here
    appraises that sheet), and move the sheet to appraised (published with `publish`).

    Preconditions: the table belongs to an outside bloc or cluster and is published; the
    sheet is submitted, or appraised from an earlier recording (a correction); `by` keeps
    the table (None: a management command); `appraiser` is a member of the grouping that
    is not party to the sheet (access.is_party_to); `rows` give every leaf points its
    rule allows. All or nothing: any refusal raises ValidationError and saves nothing.
    `source` names where the points came from (a file name) in the audit.
    """
    sheet = (
        ScoreSheet.objects.select_for_update(of=("self",))
        .select_related("table__grouping", "unit")
        .get(pk=sheet.pk)
    )
    if by is not None and not access.can_record_appraisal(by, sheet):
        raise PermissionDenied
    _check_recordable(sheet)
    document_number = document_number.strip()
    leaves = {n.code: n for n in flatten(build_tree(sheet.table.criteria.all())) if n.is_leaf}
    errors = [
        *_appraiser_errors(appraiser, sheet),
        *_document_errors(document_number, document_date),
        *_recorded_rows_errors(rows, leaves, sheet),
    ]
    if errors:
        raise ValidationError(errors)
    _write_items(sheet, ScoreKind.APPRAISED, rows, leaves, by)
    before = snapshot(sheet, RECORD_FIELDS)
    sheet.appraisal_source = AppraisalSource.RECORDED
    sheet.appraiser = appraiser
    sheet.appraisal_document_number = document_number
    sheet.appraisal_document_date = document_date
    sheet.save(update_fields=[*RECORD_FIELDS, "updated_at"])
    audit_record(
        action=AuditAction.IMPORT,
        by=by,
        obj=sheet,
        changes={
            **diff(before, snapshot(sheet, RECORD_FIELDS)),
            "kind": ScoreKind.APPRAISED,
            "source": source,
            "items": {r.code: [str(r.achieved), str(r.bonus)] for r in rows},
        },
    )
    if sheet.state == SheetState.SUBMITTED:
        set_score_sheet_state(obj=sheet, to=SheetState.APPRAISED, by=by)
    if publish:
        set_score_sheet_state(obj=sheet, to=SheetState.PUBLISHED, by=by)
    return sheet
