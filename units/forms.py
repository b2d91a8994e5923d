import datetime
from decimal import Decimal

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from units.enums import AuditAction, GroupingKind, Role, Sector, UnitKind
from units.formatting import format_points
from units.models import EmulationGrouping, Unit
from units.queries import visible_units
from units.text import clean_data


class CleanTextMixin:
    """Every text a form takes is stored NFC, without control or zero-width characters
    (units.text). The submitted data is cleaned before any field sees it, so lengths are
    checked, and errors shown, on the text as it will be stored. Passwords are left as
    typed: a password is compared byte for byte with what was hashed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            passwords = {
                self.add_prefix(name)
                for name, field in self.fields.items()
                if isinstance(field.widget, forms.PasswordInput)
            }
            self.data = clean_data(self.data, skip=passwords)


class VNDecimalField(forms.DecimalField):
    """A number typed the Vietnamese way: "15.000.000", "1.200", "12,5" (and plain "1200").

    Dots group thousands and a comma marks decimals, as everything prints here; a lone
    dot followed by other than three digits is read as a decimal point for those who
    type it the English way.
    """

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        if isinstance(value, str):
            text = value.strip().replace(" ", "").replace("\u00a0", "")
            if "," in text:
                text = text.replace(".", "").replace(",", ".")
            elif text.count(".") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) == 3):
                text = text.replace(".", "")
            value = text
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return format_points(value)
        return value


class DateInput(forms.DateInput):
    """A text field in the Vietnamese order (19/11/2020). The browser's own date picker
    would follow the browser's language, printing 11/19/2020 on an English Chrome."""

    def __init__(self, **kwargs):
        attrs = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(format="%d/%m/%Y", attrs=attrs, **kwargs)


def _active_units(user):
    return visible_units(user).active().exclude(kind=UnitKind.OUTSIDE).order_by("path")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{'— ' * obj.depth}{obj.name} ({obj.code})"


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.name} ({obj.code})"


class UnitFilterForm(CleanTextMixin, forms.Form):
    q = forms.CharField(label=_("Tìm theo tên hoặc mã"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Loại đơn vị"), required=False, choices=[("", _("Tất cả")), *UnitKind.choices]
    )
    sector = forms.ChoiceField(
        label=_("Khối"),
        required=False,
        choices=[("*", _("Tất cả")), ("hcsn", "HCSN"), ("sxkd", "SXKD"), ("-", _("Không phân khối"))],
    )
    on = forms.DateField(label=_("Hoạt động vào ngày"), required=False, widget=DateInput())
    include_ended = forms.BooleanField(label=_("Gồm cả đơn vị đã ngừng hoạt động"), required=False)

    def sector_value(self) -> str | None:
        value = self.cleaned_data.get("sector") or "*"
        return {"*": None, "-": Sector.NONE}.get(value, value)

    def is_search(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("q") or data.get("kind") or (data.get("sector") or "*") != "*")


class UnitBaseForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=120, required=False)
    code = forms.CharField(
        label=_("Mã đơn vị"),
        max_length=40,
        help_text=_("Duy nhất trong hệ thống, ví dụ CDCS-VP-HDND."),
    )
    kind = forms.ChoiceField(label=_("Loại đơn vị"), choices=UnitKind.choices)
    sector = forms.ChoiceField(label=_("Khối"), choices=Sector.choices, required=False)
    valid_from = forms.DateField(label=_("Hoạt động từ ngày"), required=False, widget=DateInput())

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().upper()
        if any(c.isspace() for c in code):
            raise forms.ValidationError(_("Mã đơn vị không được chứa khoảng trắng."))
        return code


class UnitCreateForm(UnitBaseForm):
    parent = UnitChoiceField(label=_("Đơn vị cấp trên"), queryset=Unit.objects.none(), required=False)

    field_order = ["parent", "name", "short_name", "code", "kind", "sector", "valid_from"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = _active_units(user)


class UnitUpdateForm(UnitBaseForm):
    document_symbol = forms.CharField(
        label=_("Ký hiệu trên văn bản"),
        max_length=20,
        required=False,
        help_text=_("Chữ viết tắt tên cơ quan trong số văn bản, ví dụ LĐLĐ trong 339/BC-LĐLĐ."),
    )


class UnitMoveForm(CleanTextMixin, forms.Form):
    new_parent = UnitChoiceField(label=_("Đơn vị cấp trên mới"), queryset=Unit.objects.none())
    on = forms.DateField(label=_("Ngày hiệu lực"), widget=DateInput(), initial=datetime.date.today)
    note = forms.CharField(
        label=_("Căn cứ, ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = (
            _active_units(user).exclude(path__startswith=unit.path).exclude(pk=unit.parent_id)
        )


class UnitMergeForm(CleanTextMixin, forms.Form):
    sources = UnitMultipleChoiceField(
        label=_("Các đơn vị sáp nhập vào đơn vị này"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    on = forms.DateField(label=_("Ngày sáp nhập"), widget=DateInput(), initial=datetime.date.today)
    note = forms.CharField(
        label=_("Căn cứ, ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = (
            _active_units(user)
            .exclude(pk=unit.pk)
            .exclude(pk__in=unit.ancestor_ids)
            .exclude(kind=UnitKind.PROVINCE)
        )


class UnitDissolveForm(CleanTextMixin, forms.Form):
    on = forms.DateField(label=_("Ngày giải thể"), widget=DateInput(), initial=datetime.date.today)
    children_to = UnitChoiceField(
        label=_("Chuyển các đơn vị trực thuộc đang hoạt động sang"),
        queryset=Unit.objects.none(),
        required=False,
    )
    note = forms.CharField(
        label=_("Căn cứ, ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children_to"].queryset = _active_units(user).exclude(path__startswith=unit.path)


class UnitImportForm(CleanTextMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp CSV hoặc Excel (.xlsx)"),
        help_text=_("Các cột: ma, ten, ten_viet_tat, loai, khoi, ma_cap_tren."),
    )


class GroupingForm(CleanTextMixin, forms.ModelForm):
    members = UnitMultipleChoiceField(
        label=_("Thành viên"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 14}),
        help_text=_("Giữ phím Ctrl để chọn nhiều thành viên."),
    )
    leader = UnitChoiceField(label=_("Đơn vị trưởng khối/cụm"), queryset=Unit.objects.none(), required=False)

    class Meta:
        model = EmulationGrouping
        fields = ["year", "name", "kind", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = visible_units(user).active().order_by("kind", "path")
        self.fields["members"].queryset = units
        self.fields["leader"].queryset = units
        self.fields["kind"].choices = GroupingKind.choices
        if self.instance.pk:
            self.fields["members"].initial = [m.unit_id for m in self.instance.memberships.all()]
            self.fields["leader"].initial = self.instance.leader_id

    def clean(self):
        data = super().clean()
        leader, members = data.get("leader"), data.get("members")
        if leader is not None and members is not None and leader not in members:
            self.add_error("leader", _("Đơn vị trưởng khối phải là thành viên của khối."))
        return data


class AccountForm(CleanTextMixin, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    position = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _active_units(user)


class TemporaryPasswordMixin(CleanTextMixin, forms.Form):
    password1 = forms.CharField(label=_("Mật khẩu tạm thời"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Nhập lại mật khẩu"), widget=forms.PasswordInput, strip=False)

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Hai mật khẩu không khớp."))
        elif p1:
            try:
                validate_password(p1)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class AccountCreateForm(TemporaryPasswordMixin, AccountForm):
    username = forms.RegexField(
        label=_("Tên đăng nhập"),
        max_length=150,
        regex=r"^[A-Za-z0-9.@+_-]+$",
        error_messages={"invalid": _("Tên đăng nhập chỉ gồm chữ không dấu, chữ số và các ký tự . @ + - _")},
        help_text=_("Ví dụ: canbo.phongtho"),
    )

    field_order = ["username", "full_name", "email", "position", "unit", "role", "password1", "password2"]


class AccountPasswordResetForm(TemporaryPasswordMixin):
    pass


class AuditFilterForm(CleanTextMixin, forms.Form):
    action = forms.ChoiceField(
        label=_("Hành động"), required=False, choices=[("", _("Tất cả")), *AuditAction.choices]
    )
    username = forms.CharField(label=_("Tài khoản"), required=False, max_length=150)
    object_type = forms.ChoiceField(
        label=_("Loại đối tượng"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("units.unit", _("Đơn vị")),
            ("units.user", _("Tài khoản")),
            ("units.emulationgrouping", _("Khối/cụm thi đua")),
        ],
    )
    since = forms.DateField(label=_("Từ ngày"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Đến ngày"), required=False, widget=DateInput())


class AccountFilterForm(CleanTextMixin, forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Vai trò"), required=False, choices=[("", _("Tất cả")), *Role.choices])


class LoginForm(CleanTextMixin, AuthenticationForm):
    pass


class OwnPasswordChangeForm(CleanTextMixin, PasswordChangeForm):
    pass
