from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from emulation.enums import (
    COLLECTIVE_TITLES,
    INDIVIDUAL_TITLES,
    Aggregation,
    RegistrationState,
    WorkState,
)
from emulation.imports import GRID_TITLES, MAX_HEAD_COUNT, title_cell_count
from emulation.models import Campaign, Deadline, Indicator, Registration, ResultReport
from units.enums import UnitKind
from units.files import FileRefused, check_upload
from units.forms import CleanTextMixin, DateInput, UnitChoiceField, VNDecimalField
from units.models import EmulationGrouping, Unit
from units.queries import visible_groupings, visible_units


def fields_helper(**attributes) -> FormHelper:
    """A crispy helper that draws the fields only: the page writes the <form> tag and its
    buttons around them."""
    helper = FormHelper()
    helper.form_tag = False
    for name, value in attributes.items():
        setattr(helper, name, value)
    return helper


class CrispyFieldsMixin(CleanTextMixin):
    """Every emulation form: text cleaned (CleanTextMixin) and drawn by crispy inside the
    page's own <form>."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = fields_helper()


class CampaignForm(CrispyFieldsMixin, forms.ModelForm):
    target_unit = UnitChoiceField(
        label=_("Đối tượng: các đơn vị thuộc"), queryset=Unit.objects.none(), required=False
    )

    class Meta:
        model = Campaign
        fields = [
            "name",
            "kind",
            "launched_by_outside",
            "document_number",
            "document_date",
            "document",
            "starts_on",
            "ends_on",
            "target_unit",
            "target_grouping",
            "theme",
            "content",
        ]
        widgets = {
            "document_date": DateInput(),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "content": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_unit"].queryset = (
            visible_units(user).active().exclude(kind=UnitKind.OUTSIDE).order_by("path")
        )
        self.fields["target_grouping"].queryset = visible_groupings(user).order_by("-year", "name")

    def clean_document(self):
        """The launching document is checked by its content like every upload
        (units.files), and named by the kind found: "x.html" holding a PDF is "x.pdf"."""
        document = self.cleaned_data.get("document")
        if not document or not hasattr(document, "content_type"):
            return document  # none given, or the one already stored
        try:
            checked = check_upload(document)
        except FileRefused as exc:
            raise forms.ValidationError(str(exc)) from exc
        document.name = checked.filename(document.name)
        return document


class DeadlineForm(CrispyFieldsMixin, forms.ModelForm):
    class Meta:
        model = Deadline
        fields = ["year", "kind", "name", "due_on", "lock_on"]
        widgets = {"due_on": DateInput(), "lock_on": DateInput()}


# The number fields' messages in the user's words: Django's stock texts ("Đảm bảo giá trị
# này lớn hơn hoặc bằng với 0 .", "Nhập một số tổng thể.") never reach these pages.
HEAD_COUNT_ERRORS = {
    "invalid": _("Số người phải là số nguyên, ví dụ 12."),
    "min_value": _("Số người không được âm."),
    "max_value": _("Số người tối đa là 100.000."),
}
PLEDGE_ERRORS = {
    "invalid": _("Chỉ tiêu đăng ký phải là số, ví dụ 1.200 hoặc 12,5."),
    "min_value": _("Chỉ tiêu đăng ký không được âm."),
    "max_digits": _("Chỉ tiêu đăng ký quá lớn."),
    "max_whole_digits": _("Chỉ tiêu đăng ký quá lớn."),
    "max_decimal_places": _("Chỉ tiêu đăng ký có tối đa 2 chữ số sau dấu phẩy."),
}
WORK_VALUE_ERRORS = {
    "invalid": _("Giá trị phải là số đồng, ví dụ 15.000.000."),
    "min_value": _("Giá trị không được âm."),
    "max_digits": _("Giá trị quá lớn."),
    "max_whole_digits": _("Giá trị quá lớn."),
    "max_decimal_places": _("Giá trị tính bằng đồng, không có phần lẻ."),
}
ACTUAL_ERRORS = {
    "invalid": _("Số liệu thực hiện phải là số, ví dụ 1.200 hoặc 12,5."),
    "min_value": _("Số liệu thực hiện không được âm."),
    "max_digits": _("Số liệu thực hiện quá lớn."),
    "max_whole_digits": _("Số liệu thực hiện quá lớn."),
    "max_decimal_places": _("Số liệu thực hiện có tối đa 2 chữ số sau dấu phẩy."),
}


class RegistrationForm(CrispyFieldsMixin, forms.Form):
    """Titles, campaigns, pledges and note of one registration; models and works come in
    their own formsets."""

    campaigns = forms.ModelMultipleChoiceField(
        label=_("Phong trào tham gia"),
        queryset=Campaign.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, campaigns, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        for title in COLLECTIVE_TITLES:
            self.fields[f"title_{title}"] = forms.BooleanField(label=title.label, required=False)
        for title in INDIVIDUAL_TITLES:
            self.fields[f"title_{title}"] = forms.IntegerField(
                label=_("%(t)s (số người)") % {"t": title.label},
                min_value=0,
                max_value=MAX_HEAD_COUNT,
                required=False,
                error_messages=HEAD_COUNT_ERRORS,
            )
        for indicator in indicators:
            self.fields[f"pledge_{indicator.pk}"] = VNDecimalField(
                label=f"{indicator.name} ({indicator.measure})",
                min_value=0,
                required=False,
                max_digits=16,
                decimal_places=2,
                error_messages=PLEDGE_ERRORS,
            )
        self.fields["campaigns"].queryset = campaigns
        self.indicators = indicators
        # The page's order, which the error summary follows.
        self.order_fields(
            [
                *(f"title_{t}" for t in (*COLLECTIVE_TITLES, *INDIVIDUAL_TITLES)),
                *(f"pledge_{i.pk}" for i in indicators),
            ]
        )

    def titles(self) -> dict[str, int]:
        data = self.cleaned_data
        result = {t: 1 for t in COLLECTIVE_TITLES if data.get(f"title_{t}")}
        result |= {t: data[f"title_{t}"] for t in INDIVIDUAL_TITLES if data.get(f"title_{t}")}
        return result

    def pledges(self) -> dict:
        return {i: self.cleaned_data.get(f"pledge_{i.pk}") for i in self.indicators}

    def title_fields(self):
        return [self[f"title_{t}"] for t in (*COLLECTIVE_TITLES, *INDIVIDUAL_TITLES)]

    def pledge_fields(self):
        return [self[f"pledge_{i.pk}"] for i in self.indicators]


class ModelEntryForm(CrispyFieldsMixin, forms.Form):
    name = forms.CharField(label=_("Tên mô hình"), max_length=255, required=False)
    field = forms.CharField(label=_("Lĩnh vực"), max_length=120, required=False)


class WorkEntryForm(CrispyFieldsMixin, forms.Form):
    name = forms.CharField(label=_("Công trình, sản phẩm, phần việc"), max_length=255, required=False)
    dedicated_to = forms.CharField(label=_("Chào mừng sự kiện"), max_length=255, required=False)
    value = VNDecimalField(
        label=_("Giá trị (đồng)"),
        min_value=0,
        max_digits=16,
        decimal_places=0,
        required=False,
        error_messages=WORK_VALUE_ERRORS,
    )
    state = forms.ChoiceField(label=_("Tình trạng"), choices=WorkState.choices, initial=WorkState.REGISTERED)


ModelFormSet = forms.formset_factory(ModelEntryForm, extra=2, max_num=30)
WorkFormSet = forms.formset_factory(WorkEntryForm, extra=2, max_num=30)


class ReasonForm(CrispyFieldsMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(CrispyFieldsMixin, forms.ModelForm):
    class Meta:
        model = ResultReport
        fields = ["advantages", "difficulties", "results", "shortcomings", "causes", "proposals"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"actual_{indicator.pk}"] = VNDecimalField(
                label=f"{indicator.name} ({indicator.measure})",
                min_value=0,
                required=False,
                max_digits=16,
                decimal_places=2,
                error_messages=ACTUAL_ERRORS,
            )

    def actuals(self) -> dict:
        return {i: self.cleaned_data.get(f"actual_{i.pk}") for i in self.indicators}

    def actual_fields(self):
        return [self[f"actual_{i.pk}"] for i in self.indicators]

    def narrative_fields(self):
        return [self[name] for name in self.Meta.fields]


class FigureImportForm(CrispyFieldsMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp số liệu (.csv hoặc .xlsx)"),
        help_text=_("Các cột: tinh (hoặc don_vi), chi_tieu, don_vi_tinh, thuc_hien, ke_hoach."),
    )
    grouping = forms.ModelChoiceField(label=_("Khối/cụm"), queryset=EmulationGrouping.objects.none())
    period = forms.CharField(
        label=_("Kỳ"), max_length=10, help_text=_("2023-H1 (6 tháng) hoặc 2023 (cả năm)")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grouping"].queryset = visible_groupings(user).order_by("-year", "name")


class GridImportForm(CrispyFieldsMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp đăng ký (.xlsx hoặc .csv)"),
        help_text=_(
            "Cột ma_don_vi và một cột cho mỗi danh hiệu (tải bảng mẫu ở trên). Danh hiệu tập thể: "
            "1, x hoặc có để đăng ký; để trống, 0 hoặc không nếu không. Danh hiệu cá nhân: số người."
        ),
    )


class PlanImportForm(CrispyFieldsMixin, forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=255)
    document_number = forms.CharField(label=_("Số văn bản"), max_length=60, required=False)
    document_date = forms.DateField(label=_("Ngày ban hành"), required=False, widget=DateInput())
    file = forms.FileField(
        label=_("Tệp nhiệm vụ (.csv hoặc .xlsx)"),
        help_text=_("Các cột: quy (1–4), noi_dung, don_vi_thuc_hien, han (dd/mm/yyyy, không bắt buộc)."),
    )


class IndicatorForm(CrispyFieldsMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "measure", "aggregation", "numerator", "denominator", "order"]

    def clean(self):
        data = super().clean()
        ratio = data.get("aggregation") == Aggregation.RATIO
        if ratio and not (data.get("numerator") and data.get("denominator")):
            self.add_error("numerator", _("Chỉ tiêu tỷ lệ cần tử số và mẫu số."))
        if not ratio:
            data["numerator"] = data["denominator"] = None
        if ratio and data.get("numerator") == data.get("denominator"):
            self.add_error("denominator", _("Tử số và mẫu số phải khác nhau."))
        return data


# --- The registration grid --------------------------------------------------------------------


class GridMarkInput(forms.CheckboxInput):
    """A collective title's cell: drawn as a checkbox, read as the text sent (a browser
    sends "on"; a hand-made request anything), so that title_cell_count refuses what is
    not a mark instead of ticking it."""

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")


class GridCellField(forms.Field):
    """One cell of the registration grid, read by title_cell_count like a cell of the
    grid's file."""

    def __init__(self, *, title, cell: str, **kwargs):
        self.title, self.cell = title, cell
        if title in COLLECTIVE_TITLES:
            widget = GridMarkInput()
        else:
            widget = forms.TextInput(attrs={"inputmode": "numeric", "class": "form-control-sm"})
        super().__init__(widget=widget, required=False, **kwargs)

    def clean(self, value):
        # A sent registration's cell (disabled) reads its saved count.
        return title_cell_count(self.title, "" if value is None else str(value), cell=self.cell)


class RegistrationGridForm(CleanTextMixin, forms.Form):
    """The titles of a union and its CĐCS in one table (seed 001): a cell u<unit>_<title>
    per unit and title. A registration already sent is shown but not read; after the lock
    date (`locked`) nothing is."""

    def __init__(
        self, *args, units: list[Unit], registrations: dict[int, Registration], locked: bool, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.units, self.registrations = units, registrations
        self.sent = {
            unit_id for unit_id, r in registrations.items() if r.state not in RegistrationState.editable()
        }
        for unit in units:
            registration = registrations.get(unit.pk)
            counts = {t.title: t.count for t in registration.titles.all()} if registration else {}
            for title in GRID_TITLES:
                field = GridCellField(
                    title=title,
                    cell=f"{unit.name}, {title.label}",
                    label=f"{unit.display_name}: {title.label}",
                    initial=counts.get(title, ""),
                    disabled=unit.pk in self.sent,
                )
                field.widget.attrs["aria-label"] = field.label
                if locked:
                    # Drawn read-only; what is sent anyway reaches the service, which
                    # refuses it after the lock date (seed 001) and says so.
                    field.widget.attrs["disabled"] = True
                self.fields[self.cell_name(unit, title)] = field
        self.helper = fields_helper(form_show_labels=False, field_template="emulation/_grid_cell.html")

    @staticmethod
    def cell_name(unit: Unit, title: str) -> str:
        return f"u{unit.pk}_{title}"

    def rows(self) -> list[dict]:
        """The table: each unit with its registration and its cells, in the titles' order."""
        return [
            {
                "unit": unit,
                "registration": self.registrations.get(unit.pk),
                "cells": [self[self.cell_name(unit, title)] for title in GRID_TITLES],
            }
            for unit in self.units
        ]

    def titles(self) -> dict[Unit, dict[str, int]]:
        """What to save: each unit not yet sent that has a title, or a registration whose
        titles are to be replaced."""
        result = {}
        for unit in self.units:
            if unit.pk in self.sent:
                continue
            values = {title: self.cleaned_data[self.cell_name(unit, title)] for title in GRID_TITLES}
            if any(values.values()) or unit.pk in self.registrations:
                result[unit] = values
        return result
