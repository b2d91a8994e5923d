"""The audit trail: who did what to which object, from where, with old → new values.

Services call `audit_record` inside their transaction, so a change and its audit row
commit or roll back together. The request's IP address and path reach it through a
context variable set by `AuditContextMiddleware`, so services keep taking only `by`.
"""

import contextvars
import datetime
import decimal
from collections.abc import Iterable

from django.db import models

from units.enums import AuditAction
from units.models import AuditEntry

_request_context: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "audit_request_context", default=None
)


def client_ip(request) -> str | None:
    # Behind the reverse proxy (README: nginx) REMOTE_ADDR is the proxy's; the proxy
    # is configured to set X-Real-IP. Unset, REMOTE_ADDR is the client itself.
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_context.set({"ip": client_ip(request), "path": request.path[:255]})
        try:
            return self.get_response(request)
        finally:
            _request_context.reset(token)


def _jsonable(value):
    if isinstance(value, models.Model):
        return {"id": value.pk, "repr": str(value)}
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        # 8.0 and 8 are one value: a re-save of the same points is not a change.
        return f"{value.normalize():f}" if value.is_finite() else str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict:
    """The named fields of obj, as JSON-ready values (foreign keys by id and text)."""
    return {name: _jsonable(getattr(obj, name)) for name in fields}


def diff(old: dict, new: dict) -> dict:
    """{"field": [old, new]} for the fields whose value changed."""
    return {k: [old.get(k), new.get(k)] for k in new if old.get(k) != new.get(k)}


def audit_record(
    *,
    action: AuditAction,
    by=None,
    obj: models.Model | None = None,
    changes: dict | None = None,
    object_type: str = "",
    object_repr: str = "",
    username: str = "",
    ip: str | None = None,
) -> AuditEntry:
    ctx = _request_context.get() or {}
    actor = by if by is not None and getattr(by, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=actor,
        actor_username=(actor.username if actor else username)[:150],
        actor_unit_id=actor.unit_id if actor else None,
        action=action,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:255],
        changes=_jsonable(changes or {}),
        ip_address=ip or ctx.get("ip"),
        path=ctx.get("path", ""),
    )
