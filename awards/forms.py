"""The awards pages' forms: they validate and normalise what a page takes; the services
(awards.services) decide and write. Every form cleans its text (CleanTextMixin) and is
drawn by crispy (`{% crispy %}` or `|crispy`)."""

import json
import re

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout, Submit
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards import queries
from awards.enums import DocumentType, DossierState
from awards.models import AwardForm, AwardFund, BaseSalary, Dossier, Person, QuotaEvent
from units.enums import Role, UnitKind
from units.forms import CleanTextMixin, DateInput, UnitChoiceField
from units.models import Unit, User
from units.queries import visible_units


class DossierForm(CleanTextMixin, forms.Form):
    proposing_unit = UnitChoiceField(label=gettext_lazy("Đơn vị đề nghị"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
    award_form = forms.ModelChoiceField(
        label=gettext_lazy("Hình thức khen thưởng"), queryset=AwardForm.objects.none()
    )
    quota_event = forms.ModelChoiceField(
        label=gettext_lazy("Tính vào phân bổ số lượng"), queryset=QuotaEvent.objects.none(), required=False
    )
    title = forms.CharField(label=gettext_lazy("Trích yếu"), max_length=255)
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    achievements = forms.CharField(
        label=gettext_lazy("Thành tích"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposing_unit"].queryset = (
            visible_units(user).active().exclude(kind=UnitKind.OUTSIDE).order_by("path")
        )
        self.fields["award_form"].queryset = AwardForm.objects.filter(active=True)
        self.fields["quota_event"].queryset = QuotaEvent.objects.filter(
            owner__pk__in=[*user.unit.ancestor_ids, user.unit.pk]
        )


class NomineeForm(CleanTextMixin, forms.Form):
    person = forms.ModelChoiceField(
        label=gettext_lazy("Cá nhân"), queryset=Person.objects.none(), required=False
    )
    unit = UnitChoiceField(label=gettext_lazy("hoặc tập thể"), queryset=Unit.objects.none(), required=False)
    summary = forms.CharField(
        label=gettext_lazy("Tóm tắt thành tích"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        root = dossier.proposing_unit
        self.fields["person"].queryset = Person.objects.filter(unit__path__startswith=root.path).order_by(
            "full_name"
        )
        self.fields["unit"].queryset = Unit.objects.subtree_of(root).active().order_by("path")


class AttachmentForm(CleanTextMixin, forms.Form):
    document_type = forms.ChoiceField(label=gettext_lazy("Loại tài liệu"), choices=DocumentType.choices)
    file = forms.FileField(label=gettext_lazy("Tệp (PDF, DOCX, XLSX, JPG, PNG; tối đa 10 MB)"))


class HistoryImportForm(CleanTextMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp quá trình thi đua, khen thưởng (.csv hoặc .xlsx)"),
        help_text=gettext_lazy(
            "Các cột: ho_ten (để trống nếu là tập thể), gioi_tinh, nam_sinh, dan_toc, chuc_vu, ma_don_vi, "
            "nam, loai (danh_hieu, xep_loai, khen_thuong, sang_kien, ky_luat), gia_tri, mo_ta."
        ),
    )


class AwardFormForm(CleanTextMixin, forms.ModelForm):
    required_documents = forms.MultipleChoiceField(
        label=gettext_lazy("Hồ sơ bắt buộc"),
        choices=DocumentType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    eligibility_text = forms.CharField(
        label=gettext_lazy("Điều kiện xét (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "Danh sách quy tắc theo mô tả trong awards/eligibility.py; để trống nếu không xét."
        ),
    )

    class Meta:
        model = AwardForm
        fields = [
            "code",
            "name",
            "issuing_level",
            "recipient",
            "kind",
            "prize_coefficient",
            "prize_coefficient_collective",
            "required_documents",
            "active",
            "order",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eligibility_text"].initial = (
            json.dumps(self.instance.eligibility, ensure_ascii=False, indent=1)
            if self.instance.eligibility
            else ""
        )
        self.helper = FormHelper(self)
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout.append(
            Div(
                Submit("save", _("Lưu")),
                HTML(f'<a class="btn btn-link" href="{reverse_lazy("awards:catalogue")}">{_("Hủy")}</a>'),
            )
        )

    def clean_eligibility_text(self):
        text = self.cleaned_data["eligibility_text"].strip()
        if not text:
            return []
        try:
            rules = json.loads(text)
        except ValueError as exc:
            raise forms.ValidationError(_("JSON không hợp lệ: %(e)s") % {"e": exc}) from exc
        if not isinstance(rules, list) or not all(isinstance(r, dict) and "checks" in r for r in rules):
            raise forms.ValidationError(_("Cần một danh sách các quy tắc, mỗi quy tắc có “checks”."))
        return rules


class BaseSalaryForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = BaseSalary
        fields = ["valid_from", "amount", "legal_basis"]
        widgets = {"valid_from": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One line under the catalogue's table of base salaries.
        self.helper = FormHelper(self)
        self.helper.form_action = reverse_lazy("awards:base_salary_add")
        self.helper.form_class = "row g-2 align-items-end col-lg-8"
        self.helper.attrs = {"novalidate": ""}
        self.helper.label_class = "small"
        self.helper.layout = Layout(
            *(Div(Field(name), css_class="col-md-4") for name in self.fields),
            Div(
                StrictButton(_("Thêm"), type="submit", css_class="btn-outline-primary"),
                css_class="col-auto mb-3",
            ),
        )


class AwardFundForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = AwardFund
        fields = ["year", "budget", "share", "amount", "note"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Năm phải trong khoảng 2000–2100."))
        return year

    def validate_unique(self):
        """One fund per unit and year: saving a year again updates it (the service)."""


class SigningForm(CleanTextMixin, forms.Form):
    """The signing date as everywhere else: dd/mm/yyyy (ISO accepted)."""

    signed_on = forms.DateField(input_formats=["%d/%m/%Y", "%Y-%m-%d"])


class SessionForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=gettext_lazy("Tên phiên họp"), max_length=255)
    held_on = forms.DateField(label=gettext_lazy("Ngày họp"), widget=DateInput())
    members = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Thành viên dự họp"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    dossiers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Hồ sơ đủ điều kiện trình Hội đồng"),
        queryset=Dossier.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = User.objects.filter(
            unit=user.unit, role__in=[Role.COUNCIL, Role.LEADER, Role.ADMIN], is_active=True
        ).order_by("full_name")
        self.fields["dossiers"].queryset = queries.dossier_list(user).filter(state=DossierState.READY)
        empty = {
            "members": _("Chưa có tài khoản thành viên Hội đồng."),
            "dossiers": _("Không có hồ sơ nào đủ điều kiện."),
        }
        for name, message in empty.items():
            if not self.fields[name].queryset.exists():
                self.fields[name].help_text = message
        self.helper = FormHelper(self)
        self.helper.attrs = {"novalidate": ""}
        self.helper.form_class = "col-lg-8"
        self.helper.layout.append(Submit("create", _("Tạo phiên họp")))


# A vote count longer than this is beyond any council, and int() of a huge text is slow.
MAX_VOTE_DIGITS = 6


class VoteForm(CleanTextMixin, forms.Form):
    """One nominee's line of the council's vote table: the votes for and against as typed.
    A line whose "for" cell is empty gives no result (the service names every nominee
    without one); an empty "against" cell is 0."""

    votes_for = forms.CharField(required=False)
    votes_against = forms.CharField(required=False, initial="0")

    def __init__(self, *args, nominee, present: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.nominee, self.present = nominee, present
        self.fields["votes_for"].label = _("Đồng ý: %(n)s") % {"n": nominee.name}
        self.fields["votes_against"].label = _("Không đồng ý: %(n)s") % {"n": nominee.name}
        for field in self.fields.values():
            field.widget.attrs.update({"inputmode": "numeric", "class": "form-control-sm"})

    def _count(self, text: str, kind: str) -> int | None:
        values = {"k": kind, "n": self.nominee.name, "v": text[:20], "p": self.present}
        if not re.fullmatch(r"[0-9]+", text):
            message = _("Số phiếu %(k)s của %(n)s không hợp lệ: “%(v)s” không phải là số nguyên không âm.")
        elif len(text) > MAX_VOTE_DIGITS:
            message = _("Số phiếu %(k)s của %(n)s không hợp lệ: %(v)s lớn hơn số thành viên có mặt (%(p)s).")
        else:
            return int(text)
        self.add_error(None, message % values)
        return None

    def clean(self):
        typed_for = (self.cleaned_data.get("votes_for") or "").strip()
        if not typed_for:
            return {"votes": None}
        typed_against = (self.cleaned_data.get("votes_against") or "").strip() or "0"
        counts = (self._count(typed_for, _("đồng ý")), self._count(typed_against, _("không đồng ý")))
        return {"votes": None if None in counts else counts}


class BaseVoteFormSet(forms.BaseFormSet):
    """The council session's vote table, one form per nominee on its agenda, in the order
    the page lists them."""

    def __init__(self, *args, nominees, present: int, **kwargs):
        self.nominees, self.present = list(nominees), present
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_class = "visually-hidden"  # the table's header says what a cell is

    def total_form_count(self):
        return len(self.nominees)

    def get_form_kwargs(self, index):
        return {"nominee": self.nominees[index], "present": self.present}

    def votes(self) -> dict[int, tuple[int, int]]:
        """{nominee id: (for, against)} for every line with a result."""
        # A line left untouched is not cleaned (a formset's extra form): it has no result.
        lines = ((form.nominee.pk, form.cleaned_data.get("votes")) for form in self.forms)
        return {pk: votes for pk, votes in lines if votes}

    def refusals(self) -> list[str]:
        """Every refused cell's message, in the table's order."""
        return [error for form in self.forms for error in form.non_field_errors()]


VoteFormSet = forms.formset_factory(VoteForm, formset=BaseVoteFormSet, extra=0)
