"""The filters of the emulation lists, one FilterSet per list, read by the page and by
its XLSX alike (units.filters). Every list here shows one year: this year when the query
names none, or names one the year filter refuses (the page says which)."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emulation.enums import RegistrationState
from emulation.models import Deadline, Registration, ResultReport
from emulation.queries import NOT_REGISTERED
from units.filters import ListFilterSet, YearFilter


class YearListFilterSet(ListFilterSet):
    year = YearFilter()

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("year"):
            data["year"] = str(timezone.localdate().year)
        super().__init__(data, *args, **kwargs)

    def selected_year(self) -> int:
        return self.value("year") or timezone.localdate().year

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.value("year") is None:
            queryset = queryset.filter(year=self.selected_year())
        return queryset


class ScopedFilterSet(YearListFilterSet):
    """A board narrowed to a unit's subtree (?unit=): the view reads the unit through
    units.shortcuts.scope_unit, which answers 404 outside the user's subtree; the form
    only carries it."""

    unit = django_filters.NumberFilter(method="in_rows", widget=forms.HiddenInput)

    def in_rows(self, queryset, name, value):
        return queryset


class DeadlineFilter(YearListFilterSet):
    class Meta(ListFilterSet.Meta):
        model = Deadline
        fields = ["year"]


class DeadlineBoardFilter(ScopedFilterSet):
    class Meta(ListFilterSet.Meta):
        model = Deadline
        fields = ["year", "unit"]


class RegistrationFilter(ScopedFilterSet):
    # Applied to the list's rows by queries.registration_rows, which also lists the units
    # without a registration (NOT_REGISTERED).
    state = django_filters.ChoiceFilter(
        label=_("Trạng thái"),
        empty_label=_("Tất cả"),
        choices=[(NOT_REGISTERED, _("Chưa đăng ký")), *RegistrationState.choices],
        method="in_rows",
    )

    class Meta(ListFilterSet.Meta):
        model = Registration
        fields = ["year", "state", "unit"]

    def in_rows(self, queryset, name, value):
        return queryset


class ReportFilter(YearListFilterSet):
    class Meta(ListFilterSet.Meta):
        model = ResultReport
        fields = ["year"]
