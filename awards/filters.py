"""The awards lists' filters: one FilterSet per list, read by the page and by its exports.

A page and its XLSX/PDF read the query string through the same FilterSet, so an export
lists exactly the page's rows under exactly the page's filters, and no value the page
accepts can break an export. A value a filter refuses (a state that does not exist, a
year of letters) filters nothing, on the page and in its exports alike, and the page
names it (units.filters).
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from awards import queries
from awards.enums import DossierState, IssuingLevel
from awards.models import Awardee, AwardForm, Decision, Dossier, Person
from units.filters import ListFilterSet, YearFilter


def _unit_filter():
    """The unit a list is narrowed to (a dashboard's drill-down): the view reads it
    (units.shortcuts.scope_unit) and hands the filterset that unit's rows."""
    return django_filters.NumberFilter(
        label=_("Đơn vị"), min_value=1, widget=forms.HiddenInput, method="scoped"
    )


class ScopedFilterSet(ListFilterSet):
    unit = _unit_filter()

    def scoped(self, queryset, name, value):
        return queryset  # the queryset is already the unit's (its view's scope_unit)


def _dossier_states():
    # The groups' labels name the configured number of days: built per form.
    return [*queries.dossier_state_groups(), *DossierState.choices]


class DossierFilter(ScopedFilterSet):
    """The dossier list: year, a state or a group of states, and the unit it is narrowed to."""

    year = YearFilter()
    state = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=_dossier_states, empty_label=_("Tất cả"), method="in_state"
    )

    class Meta(ListFilterSet.Meta):
        model = Dossier
        fields = ["year", "state", "unit"]

    def in_state(self, queryset, name, value):
        return queries.dossiers_in_state(queryset, value)

    def state_label(self) -> str:
        """The label of the chosen state or group ("" when none is chosen)."""
        value = self.value("state")
        return str(dict(_dossier_states()).get(value, "")) if value else ""


class PersonFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo tên, chức vụ"), max_length=100, method="matching")

    class Meta(ListFilterSet.Meta):
        model = Person
        fields = ["q"]

    def matching(self, queryset, name, value):
        return queries.people_matching(queryset, value)


class DecisionFilter(ListFilterSet):
    year = YearFilter()

    class Meta(ListFilterSet.Meta):
        model = Decision
        fields = ["year"]


class StatisticsFilter(ListFilterSet):
    """The statistics page's year (this year when none is given): award_counts reads it."""

    year = YearFilter(field_name="decision__year")

    class Meta(ListFilterSet.Meta):
        model = Awardee
        fields = ["year"]


class AwardeeFilter(ScopedFilterSet):
    """The awardee list: the list behind every award figure of the dashboards."""

    year = YearFilter(field_name="decision__year")
    form = django_filters.ModelChoiceFilter(
        label=_("Hình thức"),
        field_name="decision__award_form",
        queryset=AwardForm.objects.order_by("order", "name"),
        empty_label=_("Tất cả"),
    )
    level = django_filters.ChoiceFilter(
        label=_("Cấp khen thưởng"),
        field_name="decision__award_form__issuing_level",
        choices=IssuingLevel.choices,
        empty_label=_("Tất cả"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Đối tượng"), choices=queries.AwardeeKind.choices, empty_label=_("Tất cả"), method="of_kind"
    )

    class Meta(ListFilterSet.Meta):
        model = Awardee
        fields = ["year", "form", "level", "kind", "unit"]

    def of_kind(self, queryset, name, value):
        return queryset.filter(queries.AWARDEE_KIND_FILTERS[value])
