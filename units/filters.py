"""What every list's filters share (django-filter): one FilterSet per list, read by the
page and by its XLSX/PDF alike, so an export lists exactly the page's rows and no value
the page accepts can break an export.

A value a filter refuses (a year of letters, a state that does not exist) filters
nothing — django-filter leaves a field that failed validation out of the query — and
the page names the filter it did not apply (`includes/filter_errors.html`)."""

import django_filters
from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from units.forms import CleanTextMixin
from units.models import EmulationGrouping

# Years a list can be filtered on: history goes back to 1990 (awards.history_import).
FIRST_YEAR, LAST_YEAR = 1990, 2100


class YearField(forms.IntegerField):
    """The one year field of the product's filters."""

    def __init__(self, **kwargs):
        # Django's Vietnamese "Nhập một số tổng thể." says something else: say what a year is.
        refused = _("Năm phải là một số từ %(a)s đến %(b)s.") % {"a": FIRST_YEAR, "b": LAST_YEAR}
        kwargs.setdefault("label", _("Năm"))
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        kwargs.setdefault("error_messages", {"invalid": refused, "min_value": refused, "max_value": refused})
        super().__init__(**kwargs)


class YearFilter(django_filters.NumberFilter):
    field_class = YearField

    def __init__(self, field_name="year", **kwargs):
        kwargs.setdefault("label", _("Năm"))
        super().__init__(field_name=field_name, **kwargs)


class FilterForm(CleanTextMixin, forms.Form):
    """The form of a ListFilterSet: text cleaned like every form's, a Vietnamese word for
    an unknown choice, and an inline crispy layout with the "Lọc" button."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField):
                field.error_messages["invalid_choice"] = _("“%(value)s” không có trong danh sách.")
        self.helper = FormHelper(self)
        self.helper.form_method = "get"
        self.helper.form_tag = True
        self.helper.disable_csrf = True
        self.helper.form_show_errors = False  # named once, under the form
        self.helper.form_class = "row g-2 align-items-end mb-2"
        self.helper.label_class = "small"
        self.helper.layout = Layout(
            *(
                Field(name) if field.widget.is_hidden else Div(Field(name), css_class="col-auto")
                for name, field in self.fields.items()
            ),
            Div(StrictButton(_("Lọc"), type="submit", css_class="btn-secondary"), css_class="col-auto mb-3"),
        )


class ListFilterSet(django_filters.FilterSet):
    """Always bound (an empty query string is a valid "no filter"), so the page and its
    exports see the same cleaned values."""

    class Meta:
        form = FilterForm

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data if data is not None else {}, queryset, **kwargs)

    def value(self, name: str):
        """A filter's cleaned value; None when it refused its input or was left empty."""
        if name in self.form.errors:
            return None
        return self.form.cleaned_data.get(name) or None


# --- The units lists' filters ---------------------------------------------------------


class GroupingFilter(ListFilterSet):
    """The groupings list and its XLSX: the year of the blocs and clusters."""

    year = YearFilter()

    class Meta(ListFilterSet.Meta):
        model = EmulationGrouping
        fields = ["year"]
