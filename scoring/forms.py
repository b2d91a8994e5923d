from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from scoring.enums import ScoreKind
from units.files import JPEG, PDF, PNG, FileRefused, check_upload
from units.forms import BootstrapMixin, DateInput
from units.models import EmulationGrouping
from units.queries import visible_groupings

ALLOWED_EVIDENCE = {
    # content signature → (content type, extension); checked on the bytes, not the name
    b"%PDF-": ("application/pdf", "pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
}
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


class TableImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp bảng tiêu chí (.csv hoặc .xlsx)"),
        help_text=_("Các cột: ma, noi_dung, diem_chuan, diem_thuong_toi_da, quy_tac, cach_cham."),
    )
    code = forms.SlugField(label=_("Mã bảng"), max_length=40, help_text=_("Ví dụ: KHOI-MTTQ-2020"))
    name = forms.CharField(label=_("Tên bảng"), max_length=255)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    grouping = forms.ModelChoiceField(
        label=_("Khối/cụm được chấm"), queryset=EmulationGrouping.objects.none(), required=False
    )
    self_deadline = forms.DateField(label=_("Hạn tự chấm"), required=False, widget=DateInput())
    appraisal_deadline = forms.DateField(label=_("Hạn thẩm định"), required=False, widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grouping"].queryset = visible_groupings(user).order_by("-year", "name")

    def clean(self):
        data = super().clean()
        grouping = data.get("grouping")
        if grouping is not None and data.get("year") and grouping.year != data["year"]:
            self.add_error("grouping", _("Khối/cụm này thuộc năm %(y)s.") % {"y": grouping.year})
        return data


BANDS_HELP = _("Mỗi dòng một mức: tên = tỷ lệ tối thiểu (% của điểm tối đa), ví dụ “Xuất sắc = 95”.")


class TableUpdateForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Tên bảng"), max_length=255)
    self_deadline = forms.DateField(label=_("Hạn tự chấm"), required=False, widget=DateInput())
    appraisal_deadline = forms.DateField(label=_("Hạn thẩm định"), required=False, widget=DateInput())
    bands = forms.CharField(
        label=_("Xếp loại"), required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text=BANDS_HELP
    )

    def clean_bands(self) -> list[dict]:
        bands = []
        for number, line in enumerate(self.cleaned_data["bands"].splitlines(), start=1):
            if not line.strip():
                continue
            name, sep, percent = line.rpartition("=")
            try:
                value = Decimal(percent.strip().rstrip("%").replace(",", "."))
            except ArithmeticError:
                value = None
            if not sep or not name.strip() or value is None or not 0 <= value <= 100:
                raise forms.ValidationError(
                    _("Dòng %(n)s: cần dạng “tên = tỷ lệ” với tỷ lệ từ 0 đến 100.") % {"n": number}
                )
            bands.append({"name": name.strip(), "min_percent": float(value)})
        return sorted(bands, key=lambda b: b["min_percent"], reverse=True)

    @staticmethod
    def bands_text(bands: list[dict]) -> str:
        return "\n".join(f"{b['name']} = {b['min_percent']:g}" for b in bands)


class ItemScoreForm(forms.Form):
    """What the score page posts for one leaf; the rule turns it into points."""

    kind = forms.ChoiceField(choices=ScoreKind.choices)
    choice = forms.CharField(required=False, max_length=60)
    value = forms.DecimalField(required=False, max_digits=9, decimal_places=2, localize=True)
    achieved = forms.DecimalField(required=False, max_digits=7, decimal_places=1, localize=True)
    bonus = forms.DecimalField(required=False, max_digits=7, decimal_places=1, localize=True)
    note = forms.CharField(required=False, max_length=2000)


class SheetReturnForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class EvidenceForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("Tệp minh chứng (PDF, JPG, PNG; tối đa 10 MB)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(_("Tệp lớn hơn 10 MB."))
        head = upload.read(16)
        upload.seek(0)
        for signature, (_content_type, _extension) in ALLOWED_EVIDENCE.items():
            if head.startswith(signature):
                # The shared checks (units.files): a PDF with active content is refused.
                try:
                    checked = check_upload(upload, allowed=(PDF, JPEG, PNG), max_bytes=MAX_EVIDENCE_BYTES)
                except FileRefused as exc:
                    raise forms.ValidationError(str(exc)) from exc
                upload.checked_content_type = checked.content_type
                return upload
        raise forms.ValidationError(_("Chỉ nhận tệp PDF, JPG hoặc PNG (kiểm tra theo nội dung tệp)."))
