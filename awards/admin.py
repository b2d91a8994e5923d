"""Khen thưởng: read-only pages of the support admin (see units.admin_site)."""

from awards.models import (
    Awardee,
    AwardForm,
    AwardFund,
    BaseSalary,
    CouncilSession,
    Decision,
    Dossier,
    DossierAttachment,
    HistoryEntry,
    Nominee,
    Person,
    QuotaAllocation,
    QuotaEvent,
)
from units.admin_site import ReadOnlyAdmin, register


@register(AwardForm)
class AwardFormAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "issuing_level", "recipient", "kind")
    list_filter = ("issuing_level", "recipient", "kind")
    search_fields = ("name", "code")


@register(BaseSalary)
class BaseSalaryAdmin(ReadOnlyAdmin):
    list_display = ("__str__",)


@register(AwardFund)
class AwardFundAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "owner", "updated_by", "year")
    list_filter = ("year",)
    list_select_related = ("owner", "updated_by")


@register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "unit", "gender", "is_leader", "is_head_of_unit")
    list_filter = ("gender", "is_leader", "is_head_of_unit")
    search_fields = ("full_name",)
    list_select_related = ("unit",)


@register(HistoryEntry)
class HistoryEntryAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "person", "unit", "year", "kind", "rating")
    list_filter = ("year", "kind", "rating", "initiative_level")
    search_fields = ("title",)
    list_select_related = ("person", "unit")


@register(QuotaEvent)
class QuotaEventAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "owner", "award_form", "year")
    list_filter = ("year",)
    search_fields = ("name",)
    list_select_related = ("owner", "award_form")


@register(QuotaAllocation)
class QuotaAllocationAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "event", "unit")
    list_select_related = ("event", "unit")


@register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "proposing_unit", "campaign", "year", "state")
    list_filter = ("year", "state")
    search_fields = ("title",)
    list_select_related = ("proposing_unit", "campaign")


@register(Nominee)
class NomineeAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "dossier", "person", "sector", "vote")
    list_filter = ("sector", "vote")
    list_select_related = ("dossier", "person")


@register(DossierAttachment)
class DossierAttachmentAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "dossier", "uploaded_by", "document_type")
    list_filter = ("document_type",)
    list_select_related = ("dossier", "uploaded_by")


@register(CouncilSession)
class CouncilSessionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "owner", "created_by", "state")
    list_filter = ("state",)
    search_fields = ("title",)
    list_select_related = ("owner", "created_by")


@register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "issuer", "award_form", "year", "state")
    list_filter = ("year", "state")
    list_select_related = ("issuer", "award_form")


@register(Awardee)
class AwardeeAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "decision", "nominee")
    list_select_related = ("decision", "nominee")
