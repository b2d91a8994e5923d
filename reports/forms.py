import datetime

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emulation.enums import Period
from reports.content import prose_to_text, text_to_prose
from reports.enums import BlockKey, HeadingLevel, SectionKind
from reports.models import DocumentTemplate
from reports.queries import source_choices
from reports.services import SECTION_FIELDS, TEMPLATE_FIELDS
from units.enums import DocumentKind
from units.forms import CleanTextMixin, DateInput, UnitChoiceField

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


def fields_helper(*fields) -> FormHelper:
    """Crispy draws the fields (labels, required marks, help texts, errors under each
    field) inside the page's own <form>, whose one error summary lists every error of the
    page's forms (`{% error_summary %}`): the fields-only template leaves crispy's own
    summary out, so no page shows two."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.template = "reports/_crispy_fields.html"
    helper.layout = Layout(*fields)
    return helper


class TemplateChoiceForm(CleanTextMixin, forms.Form):
    template = forms.ModelChoiceField(
        label=_("Mẫu"),
        queryset=DocumentTemplate.objects.filter(active=True),
        empty_label=None,
        to_field_name="code",  # links elsewhere open a template by its code (?template=plan)
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        self.helper.form_class = "card card-body"
        self.helper.attrs = {"data-testid": "choose-template"}
        self.helper.layout = Layout(
            "template", "year", StrictButton(_("Chọn mẫu"), type="submit", css_class="btn-outline-primary")
        )


class DocumentCreateForm(TemplateChoiceForm):
    def __init__(self, *args, user, template: DocumentTemplate, year: int, needs: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].widget = forms.HiddenInput()
        self.fields["year"].widget = forms.HiddenInput()
        add_source_fields(self, user, year=year, names=needs)
        self.needs = needs
        self.helper = FormHelper()
        self.helper.form_tag = False

    def sources(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.needs if self.cleaned_data.get(name)}


class DocumentHeaderForm(CleanTextMixin, forms.Form):
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
        self.helper = FormHelper()
        self.helper.form_tag = False


class SectionTextForm(CleanTextMixin, forms.Form):
    text = forms.CharField(label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 12}))


class IssueForm(CleanTextMixin, forms.Form):
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=DateInput())

    def clean_issued_on(self) -> datetime.date:
        day = self.cleaned_data["issued_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Ngày ban hành không được sau hôm nay."))
        return day


class TemplateForm(CleanTextMixin, forms.Form):
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

    # A new template starts as Lai Châu's documents are signed (seeds 000-004).
    NEW = {
        "place": "Lai Châu",
        "signing_authority": "TM. BAN THƯỜNG VỤ",
        "signer_post": "CHỦ TỊCH",
        "active": True,
    }

    def __init__(self, *args, template: DocumentTemplate | None, **kwargs):
        if template is None:
            initial = dict(self.NEW)
        else:
            initial = {name: getattr(template, name) for name in (*TEMPLATE_FIELDS, "code")}
        super().__init__(*args, initial=initial, **kwargs)
        self.template = template
        if template is not None:
            self.fields["code"].disabled = True  # documents and links name a template by its code
        self.helper = fields_helper(*self.fields)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if self.template is None and DocumentTemplate.objects.filter(code=code).exists():
            raise forms.ValidationError(_("Mã mẫu đã tồn tại."))
        return code


class TemplateSectionForm(CleanTextMixin, forms.Form):
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

    @property
    def helper(self) -> FormHelper:
        checks = ["appendix", "landscape", *(["DELETE"] if "DELETE" in self.fields else [])]
        return fields_helper(
            Div(
                Div(Field("order"), css_class="col-sm-2"),
                Div(Field("kind"), css_class="col-sm-3"),
                Div(Field("heading"), css_class="col-sm-7"),
                Div(Field("level"), css_class="col-sm-4"),
                Div(Field("block"), css_class="col-sm-8"),
                Div(Field("text"), css_class="col-12"),
                Div(*checks, css_class="col-12 d-flex flex-wrap gap-3 small"),
                css_class="row g-2",
            )
        )


class BaseTemplateSectionFormSet(forms.BaseFormSet):
    def __init__(self, *args, template: DocumentTemplate | None, **kwargs):
        sections = template.sections.all() if template is not None else []
        initial = [
            {**{name: getattr(s, name) for name in SECTION_FIELDS}, "text": prose_to_text(s.text)}
            for s in sections
        ]
        super().__init__(*args, initial=initial, prefix="sections", **kwargs)

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Xóa phần này")

    def sections(self) -> list[dict]:
        """The sections to save, in their order: every row kept (the template's own rows,
        and the blank rows the user filled in), without the ones marked for deletion."""
        rows = [
            {name: value for name, value in form.cleaned_data.items() if name != "DELETE"}
            for form in self.forms
            if form.has_changed() or form in self.initial_forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        return sorted(rows, key=lambda row: row["order"])


TemplateSectionFormSet = forms.formset_factory(
    TemplateSectionForm, formset=BaseTemplateSectionFormSet, extra=1, can_delete=True, max_num=200
)
