"""Chấm điểm: read-only pages of the support admin (see units.admin_site)."""

from scoring.models import (
    CriteriaTable,
    Criterion,
    ItemAttachment,
    ItemScore,
    ScoreSheet,
)
from units.admin_site import ReadOnlyAdmin, register


@register(CriteriaTable)
class CriteriaTableAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "grouping", "owner", "year", "status")
    list_filter = ("year", "status")
    search_fields = ("name", "code")
    list_select_related = ("grouping", "owner")


@register(Criterion)
class CriterionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "table", "parent")
    search_fields = ("code",)
    list_select_related = ("table", "parent")


@register(ScoreSheet)
class ScoreSheetAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "table", "unit", "state", "appraisal_source")
    list_filter = ("state", "appraisal_source")
    list_select_related = ("table", "unit")


@register(ItemScore)
class ItemScoreAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "sheet", "criterion", "kind", "from_self")
    list_filter = ("kind", "from_self")
    list_select_related = ("sheet", "criterion")


@register(ItemAttachment)
class ItemAttachmentAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "item", "uploaded_by")
    list_select_related = ("item", "uploaded_by")
