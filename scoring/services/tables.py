"""Writes on criteria tables: import, new version, update, and the table's transition."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scoring import access
from scoring.enums import TableStatus
from scoring.imports import CriterionRow, bad_row_messages, check_criteria
from scoring.models import CriteriaTable, Criterion
from units.audit import audit_record, diff, snapshot
from units.enums import AuditAction
from units.models import EmulationGrouping, Unit, User

TABLE_FIELDS = (
    "code",
    "version",
    "name",
    "year",
    "grouping",
    "status",
    "self_deadline",
    "appraisal_deadline",
    "bands",
)


@transaction.atomic
def criteria_table_import(
    *,
    rows: list[CriterionRow],
    code: str,
    name: str,
    year: int,
    owner: Unit,
    by: User | None,
    grouping: EmulationGrouping | None = None,
    self_deadline=None,
    appraisal_deadline=None,
    bands: list | None = None,
) -> CriteriaTable:
    """Save a checked criteria table as a new draft: version 1 of a new code, or the next
    version of an existing one (whose scores stay on their version).

    Raises ValidationError naming every bad row; nothing is saved then.
    """
    check_criteria(rows)
    bad = bad_row_messages(rows)
    if bad:
        raise ValidationError(bad)
    code = code.strip().upper()
    latest = CriteriaTable.objects.filter(code=code).order_by("-version").first()
    table = CriteriaTable.objects.create(
        code=code,
        version=latest.version + 1 if latest else 1,
        previous=latest,
        name=name.strip(),
        year=year,
        grouping=grouping,
        owner=owner,
        self_deadline=self_deadline,
        appraisal_deadline=appraisal_deadline,
        bands=bands if bands is not None else (latest.bands if latest else []),
        created_by=by,
    )
    _create_criteria(table, rows)
    audit_record(
        action=AuditAction.CREATE,
        by=by,
        obj=table,
        changes={**snapshot(table, TABLE_FIELDS), "criteria": len(rows)},
    )
    return table


def _create_criteria(table: CriteriaTable, rows) -> None:
    """Rows in order, parents before children (checked by check_criteria)."""
    has_children = {r.code.rsplit(".", 1)[0] for r in rows if "." in r.code}
    created: dict[str, Criterion] = {}
    for order, row in enumerate(rows):
        leaf = row.code not in has_children
        parent_code = row.code.rsplit(".", 1)[0] if "." in row.code else ""
        created[row.code] = Criterion.objects.create(
            table=table,
            parent=created.get(parent_code),
            code=row.code,
            text=row.text,
            standard=row.standard if leaf else None,
            bonus_max=row.bonus_max if leaf else None,
            rule=row.rule if leaf else "",
            guidance=row.guidance,
            metric=row.metric if leaf else "",
            order=order,
        )


@transaction.atomic
def criteria_table_new_version(*, table: CriteriaTable, by: User) -> CriteriaTable:
    """A draft copy of `table` as its next version, to be edited and published in its
    place. The old version and every score on it stay as they are."""
    latest = CriteriaTable.objects.filter(code=table.code).order_by("-version").first()
    copy = CriteriaTable.objects.create(
        code=table.code,
        version=latest.version + 1,
        previous=table,
        name=table.name,
        year=table.year,
        grouping=table.grouping,
        owner=table.owner,
        self_deadline=table.self_deadline,
        appraisal_deadline=table.appraisal_deadline,
        bands=table.bands,
        created_by=by,
    )
    criteria = list(table.criteria.order_by("order"))
    _create_criteria(copy, [_row_from_criterion(c) for c in criteria])
    audit_record(action=AuditAction.CREATE, by=by, obj=copy, changes={"copied_from": table.pk})
    return copy


def _row_from_criterion(c: Criterion) -> CriterionRow:
    return CriterionRow(
        line=c.order,
        code=c.code,
        text=c.text,
        printed_standard=c.standard,
        printed_bonus=c.bonus_max,
        rule=c.rule,
        guidance=c.guidance,
        metric=c.metric,
        standard=c.standard,
        bonus_max=c.bonus_max,
    )


@transaction.atomic
def criteria_table_update(*, table: CriteriaTable, by: User, **fields) -> CriteriaTable:
    """Change a table's name, deadlines, bloc and bands. Deadlines may move after
    publication (an extension is common); the rest only while it is a draft."""
    allowed = {"self_deadline", "appraisal_deadline"} | (
        {"name", "grouping", "bands", "year"} if table.is_editable else set()
    )
    refused = set(fields) - allowed
    if any(getattr(table, f) != fields[f] for f in refused):
        raise ValidationError(_("Bảng đã ban hành không sửa được; hãy tạo phiên bản mới."))
    before = snapshot(table, TABLE_FIELDS)
    for name in allowed & set(fields):
        setattr(table, name, fields[name])
    changes = diff(before, snapshot(table, TABLE_FIELDS))
    if changes:
        table.save()
        audit_record(action=AuditAction.UPDATE, by=by, obj=table, changes=changes)
    return table


TABLE_MOVES = {
    TableStatus.DRAFT: {TableStatus.PUBLISHED},
    TableStatus.PUBLISHED: {TableStatus.CLOSED},
    TableStatus.CLOSED: set(),
}


@transaction.atomic
def set_criteria_table_state(
    *, obj: CriteriaTable, to: str, by: User | None, reason: str = ""
) -> CriteriaTable:
    """draft → published (frozen) → closed. Publishing closes nothing else: older
    versions keep their own state and scores. `by` None is a management command."""
    if by is not None and not access.can_manage_table(by, obj):
        raise PermissionDenied
    if to not in TableStatus.values:
        raise ValidationError(_("Trạng thái không hợp lệ."))
    if obj.status == to:
        return obj
    if to not in TABLE_MOVES[obj.status]:
        raise ValidationError(
            _("Không thể chuyển bảng từ “%(a)s” sang “%(b)s”.")
            % {"a": obj.get_status_display(), "b": TableStatus(to).label}
        )
    if to == TableStatus.PUBLISHED and not obj.criteria.exists():
        raise ValidationError(_("Bảng chưa có tiêu chí nào."))
    before = obj.status
    obj.status = to
    if to == TableStatus.PUBLISHED:
        obj.published_at = timezone.now()
    obj.save(update_fields=["status", "published_at"])
    audit_record(action=AuditAction.STATE, by=by, obj=obj, changes={"status": [before, to], "reason": reason})
    return obj
