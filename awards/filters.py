"""The awards lists' filters: one form per list, read by the page and by its exports.

A page and its XLSX/PDF read the query string through the same form, so an export lists
exactly the page's rows under exactly the page's filters, and no value the page accepts
can break an export. A value a field refuses (a state that does not exist, a year of
letters) filters nothing, on the page and in its exports alike, and the page shows why.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards import queries
from awards.enums import DossierState, IssuingLevel
from awards.models import AwardForm
from units.forms import BootstrapMixin

# Years a list can be filtered on: history goes back to 1990 (awards.history_import).
FIRST_YEAR, LAST_YEAR = 1990, 2100


def _year_field():
    # Django's Vietnamese "Nhập một số tổng thể." says something else: say what a year is.
    refused = _("Năm phải là một số từ %(a)s đến %(b)s.") % {"a": FIRST_YEAR, "b": LAST_YEAR}
    return forms.IntegerField(
        label=_("Năm"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={"invalid": refused, "min_value": refused, "max_value": refused},
    )


class ListFilterForm(BootstrapMixin, forms.Form):
    """A filter form bound to the query string. `value(name)` is the field's cleaned
    value, or its empty value when the field refused what it was given."""

    def __init__(self, data=None, **kwargs):
        # Always bound: an empty query string is a valid "no filter".
        super().__init__(data if data is not None else {}, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField):
                field.error_messages["invalid_choice"] = _("“%(value)s” không có trong danh sách.")

    def value(self, name: str):
        """The field's cleaned value; its empty value when it refused its input."""
        field = self.fields[name]
        if name in self.errors:  # validates the form once
            if isinstance(field, forms.ModelChoiceField) or not isinstance(
                field, forms.CharField | forms.ChoiceField
            ):
                return None
            return ""
        return self.cleaned_data.get(name)

    def choice_label(self, name: str) -> str:
        """The label of a choice field's chosen value ("" when nothing is chosen)."""
        value = self.value(name)
        return str(dict(self.fields[name].choices).get(value, "")) if value else ""


class DossierFilterForm(ListFilterForm):
    """The dossier list: year, a state or a group of states, and the unit the list is
    narrowed to (a dashboard's drill-down)."""

    year = _year_field()
    state = forms.ChoiceField(label=_("Trạng thái"), required=False)
    unit = forms.IntegerField(label=_("Đơn vị"), required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The groups' labels name the configured number of days: built per request.
        self.fields["state"].choices = [
            ("", _("Tất cả")),
            *queries.dossier_state_groups(),
            *DossierState.choices,
        ]


class PersonFilterForm(ListFilterForm):
    q = forms.CharField(label=_("Tìm theo tên, chức vụ"), required=False, max_length=100)


class DecisionFilterForm(ListFilterForm):
    year = _year_field()


class StatisticsFilterForm(ListFilterForm):
    year = _year_field()


AWARDEE_KINDS = [
    ("collective", _("Tập thể")),
    ("individual", _("Cá nhân")),
    ("direct", _("Cá nhân là công nhân, người lao động trực tiếp")),
]


class AwardeeFilterForm(ListFilterForm):
    """The awardee list: the list behind every award figure of the dashboards."""

    year = _year_field()
    form = forms.ModelChoiceField(
        label=_("Hình thức"),
        required=False,
        queryset=AwardForm.objects.order_by("order", "name"),
        empty_label=_("Tất cả"),
    )
    level = forms.ChoiceField(
        label=_("Cấp khen thưởng"), required=False, choices=[("", _("Tất cả")), *IssuingLevel.choices]
    )
    kind = forms.ChoiceField(
        label=_("Đối tượng"), required=False, choices=[("", _("Tất cả")), *AWARDEE_KINDS]
    )
    unit = forms.IntegerField(label=_("Đơn vị"), required=False, min_value=1, widget=forms.HiddenInput)
