"""Thi đua: read-only pages of the support admin (see units.admin_site)."""

from emulation.models import (
    AnnualPlan,
    Campaign,
    Deadline,
    DedicatedWork,
    Indicator,
    IndicatorValue,
    PlanTask,
    RegisteredModel,
    Registration,
    RegistrationTitle,
    ResultReport,
)
from units.admin_site import ReadOnlyAdmin, register


@register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "numerator", "denominator", "aggregation")
    list_filter = ("aggregation",)
    search_fields = ("name",)
    list_select_related = ("numerator", "denominator")


@register(IndicatorValue)
class IndicatorValueAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "indicator", "unit", "year", "period")
    list_filter = ("year", "period")
    list_select_related = ("indicator", "unit")


@register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "owner", "target_unit", "kind", "state")
    list_filter = ("kind", "state")
    search_fields = ("name", "content")
    list_select_related = ("owner", "target_unit")


@register(AnnualPlan)
class AnnualPlanAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "owner", "year")
    list_filter = ("year",)
    search_fields = ("title",)
    list_select_related = ("owner",)


@register(PlanTask)
class PlanTaskAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "plan", "status")
    list_filter = ("status",)
    search_fields = ("content",)
    list_select_related = ("plan",)


@register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "owner", "year", "kind")
    list_filter = ("year", "kind")
    search_fields = ("name",)
    list_select_related = ("owner",)


@register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "unit", "entered_by_unit", "year", "state")
    list_filter = ("year", "state")
    list_select_related = ("unit", "entered_by_unit")


@register(RegistrationTitle)
class RegistrationTitleAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "registration", "title")
    list_filter = ("title",)
    search_fields = ("title",)
    list_select_related = ("registration",)


@register(RegisteredModel)
class RegisteredModelAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "registration")
    search_fields = ("name",)
    list_select_related = ("registration",)


@register(DedicatedWork)
class DedicatedWorkAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "registration", "state")
    list_filter = ("state",)
    search_fields = ("name",)
    list_select_related = ("registration",)


@register(ResultReport)
class ResultReportAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "unit", "year", "period", "state")
    list_filter = ("year", "period", "state")
    list_select_related = ("unit",)
