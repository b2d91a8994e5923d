"""Writes on units, groupings and accounts. Every service is atomic and audited."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from units.audit import audit_record, diff, snapshot
from units.enums import AuditAction, GroupingKind, Role, Sector, UnitChangeKind, UnitKind
from units.imports import ImportRow, check_rows
from units.models import (
    PATH_SEPARATOR,
    DocumentCounter,
    EmulationGrouping,
    GroupingMembership,
    Notification,
    Unit,
    UnitChange,
    User,
)

logger = logging.getLogger(__name__)

UNIT_AUDIT_FIELDS = (
    "name",
    "short_name",
    "code",
    "kind",
    "sector",
    "parent",
    "valid_from",
    "valid_to",
    "document_symbol",
)


def _set_path(unit: Unit) -> None:
    prefix = unit.parent.path if unit.parent_id else ""
    unit.path = f"{prefix}{unit.pk}{PATH_SEPARATOR}"
    unit.depth = unit.path.count(PATH_SEPARATOR) - 1
    unit.save(update_fields=["path", "depth"])


def _check_unit_fields(*, kind: str, sector: str, parent: Unit | None) -> None:
    if kind not in UnitKind.values:
        raise ValidationError({"kind": _("Loại đơn vị không hợp lệ.")})
    if sector not in Sector.values:
        raise ValidationError({"sector": _("Khối không hợp lệ (HCSN, SXKD hoặc để trống).")})
    if kind == UnitKind.OUTSIDE and parent is not None:
        raise ValidationError({"parent": _("Cơ quan, tổ chức bên ngoài không thuộc cây đơn vị công đoàn.")})
    if kind != UnitKind.OUTSIDE and kind != UnitKind.PROVINCE and parent is None:
        raise ValidationError({"parent": _("Đơn vị này phải có đơn vị cấp trên.")})
    if parent is not None and not parent.is_active:
        raise ValidationError({"parent": _("Đơn vị cấp trên đã ngừng hoạt động.")})


@transaction.atomic
def unit_create(
    *,
    name: str,
    code: str,
    kind: str,
    parent: Unit | None,
    by: User | None,
    short_name: str = "",
    sector: str = Sector.NONE,
    valid_from: datetime.date | None = None,
    note: str = "",
) -> Unit:
    """Create a unit under `parent` (None only for the province and outside bodies).

    Preconditions: the code is unused; the parent is active.
    """
    _check_unit_fields(kind=kind, sector=sector, parent=parent)
    code = code.strip().upper()
    if Unit.objects.filter(code__iexact=code).exists():
        raise ValidationError({"code": _("Mã đơn vị %(code)s đã tồn tại.") % {"code": code}})
    unit = Unit(
        name=name.strip(),
        short_name=short_name.strip(),
        code=code.strip(),
        kind=kind,
        sector=sector,
        parent=parent,
        valid_from=valid_from,
    )
    unit.full_clean(exclude=["path", "depth"])
    unit.save()
    _set_path(unit)
    UnitChange.objects.create(
        unit=unit,
        kind=UnitChangeKind.CREATED if valid_from else UnitChangeKind.RECORDED,
        on=valid_from or timezone.localdate(),
        other=parent,
        note=note,
        by=by,
    )
    audit_record(action=AuditAction.CREATE, by=by, obj=unit, changes=snapshot(unit, UNIT_AUDIT_FIELDS))
    return unit


@transaction.atomic
def unit_update(
    *,
    unit: Unit,
    by: User,
    name: str,
    short_name: str,
    code: str,
    kind: str,
    sector: str,
    valid_from: datetime.date | None,
    document_symbol: str | None = None,
) -> Unit:
    """Change a unit's own fields. Its place in the tree changes only through unit_move.
    `document_symbol` None keeps the current one."""
    _check_unit_fields(kind=kind, sector=sector, parent=unit.parent)
    code = code.strip().upper()
    if Unit.objects.filter(code__iexact=code).exclude(pk=unit.pk).exists():
        raise ValidationError({"code": _("Mã đơn vị %(code)s đã tồn tại.") % {"code": code}})
    before = snapshot(unit, UNIT_AUDIT_FIELDS)
    unit.name, unit.short_name, unit.code = name.strip(), short_name.strip(), code.strip()
    unit.kind, unit.sector, unit.valid_from = kind, sector, valid_from
    if document_symbol is not None:
        unit.document_symbol = document_symbol.strip()
    unit.full_clean(exclude=["path", "depth"])
    changes = diff(before, snapshot(unit, UNIT_AUDIT_FIELDS))
    if not changes:
        return unit
    unit.save(
        update_fields=[
            "name",
            "short_name",
            "code",
            "kind",
            "sector",
            "valid_from",
            "document_symbol",
            "updated_at",
        ]
    )
    audit_record(action=AuditAction.UPDATE, by=by, obj=unit, changes=changes)
    return unit


@transaction.atomic
def unit_move(*, unit: Unit, new_parent: Unit, on: datetime.date, by: User | None, note: str = "") -> Unit:
    """Put `unit` and its whole branch under `new_parent`.

    Preconditions: both are active; new_parent is not inside the branch. The branch's
    paths change in one UPDATE; records stay attached to the units by key.
    """
    if unit.parent_id is None:
        raise ValidationError(_("Không thể chuyển đơn vị gốc."))
    if not unit.is_active or not new_parent.is_active:
        raise ValidationError(_("Chỉ chuyển được giữa các đơn vị đang hoạt động."))
    if new_parent.is_in_subtree_of(unit):
        raise ValidationError(
            {"new_parent": _("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.")}
        )
    if new_parent.pk == unit.parent_id:
        return unit
    if new_parent.kind == UnitKind.OUTSIDE:
        raise ValidationError({"new_parent": _("Không thể chuyển vào cơ quan bên ngoài.")})
    old_parent = unit.parent
    old_prefix = unit.path
    new_prefix = f"{new_parent.path}{unit.pk}{PATH_SEPARATOR}"
    depth_delta = new_prefix.count(PATH_SEPARATOR) - old_prefix.count(PATH_SEPARATOR)
    Unit.objects.filter(path__startswith=old_prefix).update(
        path=Concat(Value(new_prefix), Substr("path", len(old_prefix) + 1)),
        depth=F("depth") + depth_delta,
    )
    Unit.objects.filter(pk=unit.pk).update(parent=new_parent)
    unit.refresh_from_db()
    UnitChange.objects.create(
        unit=unit,
        kind=UnitChangeKind.MOVED,
        on=on,
        other=new_parent,
        previous_parent=old_parent,
        note=note,
        by=by,
    )
    audit_record(
        action=AuditAction.UPDATE,
        by=by,
        obj=unit,
        changes={"parent": [snapshot(old_parent, ["pk", "name"]), snapshot(new_parent, ["pk", "name"])]},
    )
    return unit


def _end_unit(unit: Unit, *, on: datetime.date, successor: Unit | None) -> None:
    if unit.valid_from and on <= unit.valid_from:
        raise ValidationError(
            _("%(unit)s bắt đầu hoạt động từ %(day)s: ngày kết thúc phải sau ngày đó.")
            % {"unit": unit.name, "day": unit.valid_from.strftime("%d/%m/%Y")}
        )
    unit.valid_to = on
    unit.successor = successor
    unit.save(update_fields=["valid_to", "successor", "updated_at"])


@transaction.atomic
def unit_merge(
    *, sources: list[Unit], into: Unit, on: datetime.date, by: User | None, note: str = ""
) -> Unit:
    """Merge `sources` into `into` on date `on` (seed 002: "Giải thể 09 CĐCS …, sáp nhập
    ghép thành 02 CĐCS").

    Preconditions: every unit is active; `into` is not one of the sources nor inside one.
    The sources keep their records and stay in the tree, ended on `on`, with `into` as
    successor; their active sub-units move under `into`.
    """
    if not sources:
        raise ValidationError(_("Chọn ít nhất một đơn vị để sáp nhập."))
    if not into.is_active:
        raise ValidationError(_("Đơn vị tiếp nhận đã ngừng hoạt động."))
    for source in sources:
        if source.pk == into.pk or into.is_in_subtree_of(source):
            raise ValidationError(
                _("Không thể sáp nhập %(unit)s vào chính nó hoặc đơn vị cấp dưới của nó.")
                % {"unit": source.name}
            )
        if not source.is_active:
            raise ValidationError(_("%(unit)s đã ngừng hoạt động.") % {"unit": source.name})
        if source.kind == UnitKind.OUTSIDE or into.kind == UnitKind.OUTSIDE:
            raise ValidationError(_("Không sáp nhập cơ quan, tổ chức bên ngoài."))
    for source in sources:
        for child in list(source.children.filter(valid_to__isnull=True)):
            unit_move(unit=child, new_parent=into, on=on, by=by, note=note)
        before = snapshot(source, ["valid_to", "successor"])
        _end_unit(source, on=on, successor=into)
        UnitChange.objects.create(
            unit=source, kind=UnitChangeKind.MERGED, on=on, other=into, note=note, by=by
        )
        audit_record(
            action=AuditAction.UPDATE,
            by=by,
            obj=source,
            changes=diff(before, snapshot(source, ["valid_to", "successor"])),
        )
    return into


@transaction.atomic
def unit_dissolve(
    *, unit: Unit, on: datetime.date, by: User | None, children_to: Unit | None = None, note: str = ""
) -> Unit:
    """End `unit` on date `on`. Its records stay and show in its parent's history.

    Preconditions: the unit is active and not the root; active sub-units either move to
    `children_to` first or block the dissolution (2025: districts were abolished and
    their CĐCS passed to other bodies).
    """
    if not unit.is_active:
        raise ValidationError(_("Đơn vị đã ngừng hoạt động."))
    if unit.parent_id is None and unit.kind != UnitKind.OUTSIDE:
        raise ValidationError(_("Không thể giải thể đơn vị gốc."))
    children = list(unit.children.filter(valid_to__isnull=True))
    if children and children_to is None:
        raise ValidationError(
            _("%(unit)s còn %(n)s đơn vị trực thuộc đang hoạt động: chọn đơn vị tiếp nhận.")
            % {"unit": unit.name, "n": len(children)}
        )
    for child in children:
        unit_move(unit=child, new_parent=children_to, on=on, by=by, note=note)
    before = snapshot(unit, ["valid_to"])
    _end_unit(unit, on=on, successor=None)
    UnitChange.objects.create(
        unit=unit, kind=UnitChangeKind.DISSOLVED, on=on, other=unit.parent, note=note, by=by
    )
    audit_record(
        action=AuditAction.UPDATE, by=by, obj=unit, changes=diff(before, snapshot(unit, ["valid_to"]))
    )
    return unit


# --- Groupings (khối, cụm thi đua) ------------------------------------------------


def _check_grouping(*, kind: str, members: list[Unit], leader: Unit | None) -> None:
    if kind not in GroupingKind.values:
        raise ValidationError({"kind": _("Loại khối/cụm không hợp lệ.")})
    if leader is not None and leader.pk not in {m.pk for m in members}:
        raise ValidationError({"leader": _("Đơn vị trưởng khối phải là thành viên của khối.")})
    if kind == GroupingKind.BLOC and any(m.kind == UnitKind.OUTSIDE for m in members):
        raise ValidationError({"members": _("Khối thi đua nội bộ chỉ gồm các đơn vị công đoàn trong tỉnh.")})


def _grouping_snapshot(grouping: EmulationGrouping) -> dict:
    data = snapshot(grouping, ["year", "name", "kind", "owner", "leader", "note"])
    data["members"] = sorted(grouping.memberships.values_list("unit_id", flat=True))
    return data


def _set_members(grouping: EmulationGrouping, members: list[Unit]) -> None:
    grouping.memberships.exclude(unit__in=members).delete()
    existing = set(grouping.memberships.values_list("unit_id", flat=True))
    GroupingMembership.objects.bulk_create(
        GroupingMembership(grouping=grouping, unit=m, order=i)
        for i, m in enumerate(members)
        if m.pk not in existing
    )
    for i, m in enumerate(members):
        grouping.memberships.filter(unit=m).exclude(order=i).update(order=i)


@transaction.atomic
def grouping_create(
    *,
    year: int,
    name: str,
    kind: str,
    owner: Unit,
    members: list[Unit],
    leader: Unit | None,
    by: User,
    note: str = "",
) -> EmulationGrouping:
    """Create a bloc or cluster for `year` with its members and leading unit."""
    _check_grouping(kind=kind, members=members, leader=leader)
    if EmulationGrouping.objects.filter(year=year, name=name.strip()).exists():
        raise ValidationError({"name": _("Năm %(year)s đã có khối/cụm tên này.") % {"year": year}})
    grouping = EmulationGrouping.objects.create(
        year=year, name=name.strip(), kind=kind, owner=owner, leader=leader, note=note
    )
    _set_members(grouping, members)
    audit_record(action=AuditAction.CREATE, by=by, obj=grouping, changes=_grouping_snapshot(grouping))
    return grouping


@transaction.atomic
def grouping_update(
    *,
    grouping: EmulationGrouping,
    year: int,
    name: str,
    kind: str,
    members: list[Unit],
    leader: Unit | None,
    by: User,
    note: str = "",
) -> EmulationGrouping:
    _check_grouping(kind=kind, members=members, leader=leader)
    clash = EmulationGrouping.objects.filter(year=year, name=name.strip()).exclude(pk=grouping.pk)
    if clash.exists():
        raise ValidationError({"name": _("Năm %(year)s đã có khối/cụm tên này.") % {"year": year}})
    before = _grouping_snapshot(grouping)
    grouping.year, grouping.name, grouping.kind = year, name.strip(), kind
    grouping.leader, grouping.note = leader, note
    grouping.save()
    _set_members(grouping, members)
    changes = diff(before, _grouping_snapshot(grouping))
    if changes:
        audit_record(action=AuditAction.UPDATE, by=by, obj=grouping, changes=changes)
    return grouping


# --- Accounts -----------------------------------------------------------------------

ACCOUNT_AUDIT_FIELDS = ("username", "full_name", "email", "position", "unit", "role", "is_active")


@transaction.atomic
def account_create(
    *,
    username: str,
    full_name: str,
    email: str,
    unit: Unit,
    role: str,
    password: str,
    by: User | None,
    position: str = "",
    must_change_password: bool = True,
) -> User:
    """Create an account. One made by an administrator must change its password at the
    first login; the password must pass the validators (12 characters at least)."""
    if role not in Role.values:
        raise ValidationError({"role": _("Vai trò không hợp lệ.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Tên đăng nhập đã tồn tại.")})
    account = User(
        username=username,
        full_name=full_name,
        email=email,
        unit=unit,
        role=role,
        position=position,
        must_change_password=must_change_password,
    )
    validate_password(password, account)
    account.set_password(password)
    account.save()
    audit_record(
        action=AuditAction.CREATE, by=by, obj=account, changes=snapshot(account, ACCOUNT_AUDIT_FIELDS)
    )
    return account


@transaction.atomic
def account_update(
    *, account: User, by: User, full_name: str, email: str, position: str, unit: Unit, role: str
) -> User:
    if role not in Role.values:
        raise ValidationError({"role": _("Vai trò không hợp lệ.")})
    before = snapshot(account, ACCOUNT_AUDIT_FIELDS)
    account.full_name, account.email, account.position = full_name, email, position
    account.unit, account.role = unit, role
    changes = diff(before, snapshot(account, ACCOUNT_AUDIT_FIELDS))
    if changes:
        account.save(update_fields=["full_name", "email", "position", "unit", "role"])
        audit_record(action=AuditAction.UPDATE, by=by, obj=account, changes=changes)
    return account


@transaction.atomic
def account_set_active(*, account: User, active: bool, by: User) -> User:
    """Activate or deactivate an account. A deactivated account's sessions end at once:
    the authentication backend refuses inactive users on every request."""
    if account.pk == by.pk and not active:
        raise ValidationError(_("Không thể tự khóa tài khoản của mình."))
    if account.is_active == active:
        return account
    account.is_active = active
    account.save(update_fields=["is_active"])
    audit_record(action=AuditAction.UPDATE, by=by, obj=account, changes={"is_active": [not active, active]})
    return account


@transaction.atomic
def account_reset_password(*, account: User, password: str, by: User) -> User:
    """Set a temporary password that the owner must change at the next login."""
    validate_password(password, account)
    account.set_password(password)
    account.must_change_password = True
    account.save(update_fields=["password", "must_change_password"])
    audit_record(action=AuditAction.PASSWORD_CHANGED, by=by, obj=account, changes={"reset_by_admin": True})
    return account


@transaction.atomic
def account_password_changed(*, account: User) -> None:
    """Record the owner's own password change and lift the first-login requirement."""
    if account.must_change_password:
        account.must_change_password = False
        account.save(update_fields=["must_change_password"])
    audit_record(action=AuditAction.PASSWORD_CHANGED, by=account, obj=account)


# --- Notifications ----------------------------------------------------------------------


def notify(*, units, message: str, url: str = "", roles=None) -> int:
    """Tell the active accounts of `units` (optionally only some roles): a bell message in
    the app, and an email after commit when mail is configured."""
    accounts = User.objects.filter(unit__in=units, is_active=True)
    if roles:
        accounts = accounts.filter(role__in=roles)
    accounts = list(accounts)
    Notification.objects.bulk_create(
        Notification(recipient=a, message=message[:500], url=url) for a in accounts
    )
    addresses = [a.email for a in accounts if a.email]
    if settings.EMAIL_CONFIGURED and addresses:
        transaction.on_commit(
            lambda: _send_mail(subject=message[:120], body=f"{message}\n\n{url}", to=addresses)
        )
    return len(accounts)


def notifications_mark_read(*, recipient: User, ids=None) -> int:
    """Mark the recipient's unread notifications read: all of them, or those of `ids`
    (the ones a page has just shown)."""
    unread = recipient.notifications.filter(read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


def _send_mail(*, subject: str, body: str, to: list[str]) -> None:
    """Mail is a courtesy copy of the in-app notification: a mail server that is down
    must not fail the request that caused it, so the error is logged, not raised."""
    try:
        EmailMessage(subject=subject, body=body, bcc=to).send()
    except Exception:  # any SMTP or network failure
        logger.exception("Could not send notification mail to %s recipients", len(to))


def document_number_take(*, issuer: Unit, year: int, kind: str, symbol: str) -> int:
    """The next number of `kind` documents of `issuer`'s body `symbol` in `year`.
    Precondition: the caller is inside a transaction that also saves the number; the
    counter row stays locked until it commits, so concurrent issues queue one behind the
    other and never share a number (SQLite serialises writers anyway)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("document_number_take must run inside transaction.atomic")
    key = {"issuer": issuer, "year": year, "kind": kind, "symbol": symbol}
    DocumentCounter.objects.get_or_create(**key)
    counter = DocumentCounter.objects.select_for_update().get(**key)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


@transaction.atomic
def units_import(*, rows: list[ImportRow], by: User, filename: str = "") -> list[Unit]:
    """Save checked rows, parents before children. Raises if any row has an error, so
    that nothing is saved while any row is bad."""
    check_rows(rows, user=by)
    bad = [r for r in rows if r.errors]
    if bad:
        raise ValidationError(
            [_("Dòng %(line)s: %(errors)s") % {"line": r.line, "errors": " ".join(r.errors)} for r in bad]
        )
    created: dict[str, Unit] = {}
    pending = list(rows)
    while pending:
        progress = []
        for row in pending:
            if row.parent_code and row.parent_code not in created:
                if any(r.code == row.parent_code for r in pending):
                    continue
                parent = Unit.objects.get(code=row.parent_code)
            else:
                parent = created.get(row.parent_code)
            created[row.code] = unit_create(
                name=row.name,
                code=row.code,
                kind=row.kind,
                sector=row.sector,
                short_name=row.short_name,
                parent=parent,
                by=by,
            )
            progress.append(row)
        if not progress:  # unreachable after check_rows refused cycles; never loop forever
            raise ValidationError(_("Không xác định được thứ tự đơn vị cấp trên."))
        pending = [r for r in pending if r not in progress]
    audit_record(
        action=AuditAction.IMPORT,
        by=by,
        object_type="units.unit",
        object_repr=filename[:255],
        changes={"created": [r.code for r in rows]},
    )
    return list(created.values())
