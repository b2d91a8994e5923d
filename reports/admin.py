"""Báo cáo: read-only pages of the support admin (see units.admin_site)."""

from reports.models import (
    Document,
    DocumentSection,
    DocumentTemplate,
    Rendering,
    TemplateSection,
)
from units.admin_site import ReadOnlyAdmin, register


@register(DocumentTemplate)
class DocumentTemplateAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "updated_by", "kind", "active")
    list_filter = ("kind", "active")
    search_fields = ("name", "code")
    list_select_related = ("updated_by",)


@register(TemplateSection)
class TemplateSectionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "template", "kind", "level", "block")
    list_filter = ("kind", "level", "block")
    list_select_related = ("template",)


@register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "issuer", "template", "year", "kind", "state")
    list_filter = ("year", "kind", "state", "period")
    list_select_related = ("issuer", "template")


@register(DocumentSection)
class DocumentSectionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "document", "updated_by", "kind", "level", "block")
    list_filter = ("kind", "level", "block")
    list_select_related = ("document", "updated_by")


@register(Rendering)
class RenderingAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "document", "requested_by", "format", "archived", "state")
    list_filter = ("format", "archived", "state")
    list_select_related = ("document", "requested_by")
