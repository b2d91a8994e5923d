import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from emulation.enums import COLLECTIVE_TITLES, INDIVIDUAL_TITLES, CampaignState, WorkState
from emulation.models import Campaign, Deadline, Indicator, ResultReport
from units.files import FileRefused, check_upload
from units.forms import BootstrapMixin, DateInput, UnitChoiceField, VNDecimalField
from units.models import EmulationGrouping, Unit, fold_text
from units.queries import visible_groupings, visible_units


class CampaignForm(BootstrapMixin, forms.ModelForm):
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
            visible_units(user).active().exclude(kind="ngoai").order_by("path")
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


class DeadlineForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Deadline
        fields = ["year", "kind", "name", "due_on", "lock_on"]
        widgets = {"due_on": DateInput(), "lock_on": DateInput()}


# How a cell of the registration grid, typed on the page or in an imported file, marks a
# collective title or leaves it, compared after fold_text ("Có", "CÓ" and "co" are one
# spelling). "on" is what a browser sends for a ticked checkbox, "true"/"false" what a
# spreadsheet's yes/no cell reads as. Anything else is refused, never guessed.
TITLE_MARKED = frozenset({"1", "x", "co", "yes", "on", "true"})
TITLE_UNMARKED = frozenset({"", "0", "khong", "no", "false"})
MAX_HEAD_COUNT = 100_000
# A head count: plain digits, or grouped the Vietnamese way ("1.200").
HEAD_COUNT = re.compile(r"\d+|\d{1,3}(?:\.\d{3})+")
# A whole number a spreadsheet stores as a float reads "12.0".
SPREADSHEET_WHOLE = re.compile(r"-?\d+\.0")


def title_cell_count(title: str, raw: str, *, cell: str) -> int:
    """What one cell of the registration grid gives a title: 1 or 0 for a collective
    title's mark, the head count (0 if empty) for an individual title. The grid page and
    the grid's XLSX/CSV import both read their cells here, so that a spelling means the
    same in both. Raises a ValidationError naming `cell` for anything else."""
    text = (raw or "").strip()
    if SPREADSHEET_WHOLE.fullmatch(text):
        text = text[:-2]
    if title in COLLECTIVE_TITLES:
        folded = fold_text(text)
        if folded in TITLE_MARKED:
            return 1
        if folded in TITLE_UNMARKED:
            return 0
        raise ValidationError(
            _(
                "%(cell)s: “%(v)s” không hợp lệ: đánh dấu 1, x hoặc có để đăng ký; "
                "để trống, 0 hoặc không nếu không đăng ký."
            )
            % {"cell": cell, "v": text}
        )
    if not text:
        return 0
    if text.startswith("-") and HEAD_COUNT.fullmatch(text[1:].strip()):
        raise ValidationError(_("%(cell)s: “%(v)s”: số người không được âm.") % {"cell": cell, "v": text})
    if not HEAD_COUNT.fullmatch(text):
        raise ValidationError(_("%(cell)s: “%(v)s” không phải số người.") % {"cell": cell, "v": text})
    count = int(text.replace(".", ""))
    if count > MAX_HEAD_COUNT:
        raise ValidationError(_("%(cell)s: “%(v)s” vượt quá 100.000 người.") % {"cell": cell, "v": text})
    return count


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


class RegistrationForm(BootstrapMixin, forms.Form):
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
        # Bootstrap classes for the fields added above.
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-check-input"
            elif not isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs.setdefault("class", "form-control")

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


class ModelEntryForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Tên mô hình"), max_length=255, required=False)
    field = forms.CharField(label=_("Lĩnh vực"), max_length=120, required=False)


class WorkEntryForm(BootstrapMixin, forms.Form):
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


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(BootstrapMixin, forms.ModelForm):
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
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )

    def actuals(self) -> dict:
        return {i: self.cleaned_data.get(f"actual_{i.pk}") for i in self.indicators}

    def actual_fields(self):
        return [self[f"actual_{i.pk}"] for i in self.indicators]


class FigureImportForm(BootstrapMixin, forms.Form):
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


class GridImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp đăng ký (.xlsx hoặc .csv)"),
        help_text=_(
            "Cột ma_don_vi và một cột cho mỗi danh hiệu (tải bảng mẫu ở trên). Danh hiệu tập thể: "
            "1, x hoặc có để đăng ký; để trống, 0 hoặc không nếu không. Danh hiệu cá nhân: số người."
        ),
    )


def active_indicators():
    return Indicator.objects.filter(aggregation="sum").order_by("order", "name")


def launched_campaigns(user):
    from emulation.queries import campaign_list

    return campaign_list(user).filter(state=CampaignState.LAUNCHED)


class PlanImportForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=255)
    document_number = forms.CharField(label=_("Số văn bản"), max_length=60, required=False)
    document_date = forms.DateField(label=_("Ngày ban hành"), required=False, widget=DateInput())
    file = forms.FileField(
        label=_("Tệp nhiệm vụ (.csv hoặc .xlsx)"),
        help_text=_("Các cột: quy (1–4), noi_dung, don_vi_thuc_hien, han (dd/mm/yyyy, không bắt buộc)."),
    )


class IndicatorForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "measure", "aggregation", "numerator", "denominator", "order"]

    def clean(self):
        data = super().clean()
        ratio = data.get("aggregation") == "ratio"
        if ratio and not (data.get("numerator") and data.get("denominator")):
            self.add_error("numerator", _("Chỉ tiêu tỷ lệ cần tử số và mẫu số."))
        if not ratio:
            data["numerator"] = data["denominator"] = None
        if ratio and data.get("numerator") == data.get("denominator"):
            self.add_error("denominator", _("Tử số và mẫu số phải khác nhau."))
        return data
