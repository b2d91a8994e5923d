"""The filters of the emulation lists, one FilterSet per list, read by the page and by
its XLSX alike (units.filters). Every list here shows one year: this year when the query
names none, or names one the year filter refuses (the page says which)."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emulation.enums import RegistrationState
from emulation.models import Deadline, IndicatorValue, Registration, ResultReport
from emulation.queries import NOT_REGISTERED
from units.filters import ListFilterSet, YearFilter


class IdField(forms.IntegerField):
    """A row's id (a unit, a grouping): what is not a whole number is not in the list.
    Django's Vietnamese "Nhập một số tổng thể." would say something else."""

    default_error_messages = {"invalid": _("“%(value)s” không có trong danh sách.")}

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as exc:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from exc


class IdFilter(django_filters.Filter):
    field_class = IdField


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

    unit = IdFilter(method="in_rows", widget=forms.HiddenInput)

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


class IndicatorFilter(ListFilterSet):
    """The indicators page and its XLSX: a bloc or cluster (?grouping=) or a unit's subtree
    (?unit=, the user's own by default), and a period ("2023-H1", "2023"; this year's
    first half by default). The view fetches the grouping or unit through the
    permission-aware fetchers (404 outside the user's reach) and reads the period with
    emulation.indicators.parse_period."""

    grouping = IdFilter(label=_("Khối/cụm"), method="in_rows", widget=forms.Select)
    period = django_filters.CharFilter(label=_("Kỳ"), method="in_rows")
    unit = IdFilter(method="in_rows", widget=forms.HiddenInput)

    class Meta(ListFilterSet.Meta):
        model = IndicatorValue
        fields = ["grouping", "period", "unit"]

    def __init__(self, data=None, *args, groupings=(), **kwargs):
        data = data.copy() if data is not None else {}
        if "period" not in data:
            data["period"] = f"{timezone.localdate().year}-H1"
        super().__init__(data, *args, **kwargs)
        self.form.fields["grouping"].widget.choices = [
            ("", _("Các đơn vị trực thuộc")),
            *((g.pk, f"{g.name} ({g.year})") for g in groupings),
        ]
        self.form.fields["period"].widget.attrs["placeholder"] = "2023-H1"

    def in_rows(self, queryset, name, value):
        return queryset
