import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emulation.enums import Period
from reports.content import text_to_prose
from reports.enums import BlockKey, HeadingLevel, SectionKind
from reports.models import DocumentTemplate
from reports.queries import source_choices
from units.enums import DocumentKind
from units.forms import BootstrapMixin, CleanTextMixin, DateInput, UnitChoiceField

SOURCE_LABELS = {
    "scope": _("Số liệu của đơn vị (và các đơn vị trực thuộc)"),
    "grouping": _("Khối, cụm thi đua"),
    "period": _("Kỳ báo cáo"),
    "plan": _("Kế hoạch năm"),
    "campaign": _("Phong trào"),
    "quota_event": _("Đợt phân bổ số lượng"),
    "decision": _("Quyết định khen thưởng"),
    "criteria_table": _("Bảng chấm điểm"),
}


class _DecisionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.number_text} — {obj.subject}"


def add_source_fields(form: forms.Form, user, *, year: int, names) -> None:
    """Scoped choice fields for the sources a template's blocks read."""
    choices = source_choices(user.unit, year=year)
    for name in names:
        label = SOURCE_LABELS[name]
        # Optional here: a draft shows what is missing, and issuing waits until it is chosen
        # or the section that needs it is left out.
        if name == "period":
            choices_ = [("", "—"), *Period.choices]
            form.fields[name] = forms.ChoiceField(label=label, choices=choices_, required=False)
        elif name == "scope":
            form.fields[name] = UnitChoiceField(label=label, queryset=choices[name], required=False)
        elif name == "decision":
            form.fields[name] = _DecisionChoice(label=label, queryset=choices[name], required=False)
        else:
            form.fields[name] = forms.ModelChoiceField(label=label, queryset=choices[name], required=False)
        form.fields[name].widget.attrs.setdefault("class", "form-select")


class TemplateChoiceForm(BootstrapMixin, forms.Form):
    template = forms.ModelChoiceField(
        label=_("Mẫu"),
        queryset=DocumentTemplate.objects.filter(active=True),
        empty_label=None,
        to_field_name="code",  # links elsewhere open a template by its code (?template=plan)
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)


class DocumentCreateForm(TemplateChoiceForm):
    def __init__(self, *args, user, template: DocumentTemplate, year: int, needs: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].widget = forms.HiddenInput()
        self.fields["year"].widget = forms.HiddenInput()
        add_source_fields(self, user, year=year, names=needs)
        self.needs = needs

    def sources(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.needs if self.cleaned_data.get(name)}


class DocumentHeaderForm(BootstrapMixin, forms.Form):
    subject = forms.CharField(
        label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 2}), help_text=_("Mỗi dòng một dòng.")
    )
    superior_body = forms.CharField(label=_("Cơ quan cấp trên"), max_length=255, required=False)
    issuing_body = forms.CharField(label=_("Cơ quan ban hành"), max_length=255)
    symbol = forms.CharField(
        label=_("Ký hiệu cơ quan"), max_length=20, help_text=_("Ví dụ LĐLĐ trong 339/BC-LĐLĐ.")
    )
    place = forms.CharField(label=_("Địa danh"), max_length=60)
    recipients = forms.CharField(
        label=_("Nơi nhận"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Mỗi dòng một nơi nhận; dòng cuối “- Lưu: VT, …”."),
    )
    signing_authority = forms.CharField(
        label=_("Thẩm quyền ký"), max_length=120, required=False, help_text=_("TM. / KT. / Q. / TL. …")
    )
    signer_post = forms.CharField(label=_("Chức vụ người ký"), max_length=120)
    signer_name = forms.CharField(label=_("Người ký"), max_length=120, required=False)

    def __init__(self, *args, user, year: int, needs: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        add_source_fields(self, user, year=year, names=needs)


class SectionTextForm(CleanTextMixin, forms.Form):
    text = forms.CharField(label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 12}))


class IssueForm(BootstrapMixin, forms.Form):
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=DateInput())

    def clean_issued_on(self) -> datetime.date:
        day = self.cleaned_data["issued_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Ngày ban hành không được sau hôm nay."))
        return day


class TemplateForm(BootstrapMixin, forms.Form):
    code = forms.SlugField(label=_("Mã"), max_length=40, help_text=_("Chữ không dấu, số và gạch ngang."))
    name = forms.CharField(label=_("Tên mẫu"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentKind.choices)
    subject = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 2}))
    superior_body = forms.CharField(label=_("Cơ quan cấp trên"), max_length=255, required=False)
    issuing_body = forms.CharField(label=_("Cơ quan ban hành"), max_length=255, required=False)
    symbol = forms.CharField(label=_("Ký hiệu cơ quan"), max_length=20, required=False)
    place = forms.CharField(label=_("Địa danh"), max_length=60)
    recipients = forms.CharField(
        label=_("Nơi nhận"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    signing_authority = forms.CharField(label=_("Thẩm quyền ký"), max_length=120, required=False)
    signer_post = forms.CharField(label=_("Chức vụ người ký"), max_length=120)
    signer_name = forms.CharField(label=_("Người ký"), max_length=120, required=False)
    active = forms.BooleanField(label=_("Đang dùng"), required=False)


class TemplateSectionForm(BootstrapMixin, forms.Form):
    order = forms.IntegerField(label=_("Thứ tự"), min_value=0, max_value=999)
    kind = forms.ChoiceField(label=_("Loại"), choices=SectionKind.choices)
    heading = forms.CharField(label=_("Đề mục"), max_length=500, required=False)
    level = forms.TypedChoiceField(label=_("Cấp đề mục"), choices=HeadingLevel.choices, coerce=int)
    text = forms.CharField(
        label=_("Nội dung mặc định"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Đoạn văn cách nhau một dòng trống; dòng bắt đầu bằng “- ” là danh sách; **đậm**, *nghiêng*."
        ),
    )
    block = forms.ChoiceField(label=_("Số liệu"), choices=[("", "—"), *BlockKey.choices], required=False)
    appendix = forms.BooleanField(label=_("Là phụ lục"), required=False)
    landscape = forms.BooleanField(label=_("Trang ngang"), required=False)

    def clean_text(self) -> str:
        return text_to_prose(self.cleaned_data["text"])

    def clean(self):
        data = super().clean()
        if data.get("kind") == SectionKind.BLOCK and not data.get("block"):
            self.add_error("block", _("Chọn loại số liệu tự động."))
        if data.get("kind") == SectionKind.HEADING and not (data.get("heading") or "").strip():
            self.add_error("heading", _("Đề mục không được để trống."))
        return data


TemplateSectionFormSet = forms.formset_factory(TemplateSectionForm, extra=1, can_delete=True, max_num=200)
