"""A read-only Django admin for support staff: superusers look at any row to answer a
question or trace a fault, but change nothing here. Every change goes through the
product's pages and services, which check access, keep the rules and write the audit log;
an admin form would bypass all three."""

from django.contrib import admin


class SupportAdminSite(admin.AdminSite):
    site_header = "Thi đua - Khen thưởng: tra cứu hỗ trợ"
    site_title = "Tra cứu hỗ trợ"
    index_title = "Dữ liệu (chỉ xem)"

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser


support_admin = SupportAdminSite(name="support_admin")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Lists, search and detail pages; no add, change or delete."""

    list_per_page = 50

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


def register(*models, **options):
    """`@register(Model)` on a ReadOnlyAdmin subclass, for the support site."""

    def wrap(admin_class):
        assert issubclass(admin_class, ReadOnlyAdmin), admin_class
        for model in models:
            support_admin.register(model, admin_class, **options)
        return admin_class

    return wrap
