"""Đơn vị và tài khoản: read-only pages of the support admin (see units.admin_site)."""

from units.admin_site import ReadOnlyAdmin, register
from units.models import (
    AuditEntry,
    DocumentCounter,
    EmulationGrouping,
    GroupingMembership,
    Notification,
    Unit,
    UnitChange,
    User,
)


@register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "parent", "successor", "kind", "sector")
    list_filter = ("kind", "sector")
    search_fields = ("name", "code")
    list_select_related = ("parent", "successor")


@register(UnitChange)
class UnitChangeAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "unit", "other", "kind")
    list_filter = ("kind",)
    list_select_related = ("unit", "other")


@register(DocumentCounter)
class DocumentCounterAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "issuer", "year", "kind")
    list_filter = ("year", "kind")
    list_select_related = ("issuer",)


@register(EmulationGrouping)
class EmulationGroupingAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "owner", "leader", "year", "kind")
    list_filter = ("year", "kind")
    search_fields = ("name",)
    list_select_related = ("owner", "leader")


@register(GroupingMembership)
class GroupingMembershipAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "grouping", "unit")
    list_select_related = ("grouping", "unit")


@register(User)
class UserAdmin(ReadOnlyAdmin):
    exclude = ("password",)  # the hash is nobody's business, support's included
    list_display = ("__str__", "unit", "is_superuser", "is_staff", "is_active")
    list_filter = ("is_superuser", "is_staff", "is_active")
    search_fields = ("username", "full_name")
    list_select_related = ("unit",)


@register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "actor", "actor_unit", "action")
    list_filter = ("action",)
    list_select_related = ("actor", "actor_unit")


@register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "recipient")
    list_select_related = ("recipient",)
