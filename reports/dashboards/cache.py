"""Dashboards are cached per scope, year, day and language under the data version: the
id of the newest audited change, so any recorded change shows at the next request on
every app server."""

import datetime

from django.core.cache import cache
from django.utils.translation import get_language

from reports.dashboards.panels import Dashboard
from units.enums import AuditAction
from units.models import AuditEntry, Unit

CACHE_SECONDS = 600
# Audited actions that change data (logins, denials and sensitive reads do not).
DATA_ACTIONS = (
    AuditAction.CREATE,
    AuditAction.UPDATE,
    AuditAction.DELETE,
    AuditAction.STATE,
    AuditAction.IMPORT,
)


def data_version() -> int:
    """The id of the newest audited change: every service records its writes in the audit
    log in the same transaction, so a new id means the data may have changed. One query on
    the primary key's index."""
    return (
        AuditEntry.objects.filter(action__in=DATA_ACTIONS)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
        or 0
    )


def cached(kind: str, root: Unit, year: int, today: datetime.date, build) -> Dashboard:
    """The dashboard from the cache when it was built at the current data version, else
    built now and kept. The key names the scope, year, day and language; the version makes
    a per-process cache as exact as a shared one."""
    version = data_version()
    key = f"dashboard:{kind}:{root.pk}:{year}:{today.isoformat()}:{get_language()}:{version}"
    dashboard = cache.get(key)
    if dashboard is None:
        dashboard = build(root, year=year, today=today)
        dashboard.version = version
        cache.set(key, dashboard, CACHE_SECONDS)
    return dashboard
