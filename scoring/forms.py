from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scoring.enums import ScoreKind
from scoring.imports import ScoreRow, check_scores, parse_scores_file
from scoring.rules import RuleError, check_plain_digits, input_pattern, input_text
from units.files import JPEG, PDF, PNG, FileRefused, check_upload
from units.forms import CleanTextMixin, DateInput
from units.imports import ImportFileError
from units.models import EmulationGrouping, Unit
from units.queries import visible_groupings

ALLOWED_EVIDENCE = {
    # content signature → (content type, extension); checked on the bytes, not the name
    b"%PDF-": ("application/pdf", "pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
}
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


class TableImportForm(CleanTextMixin, forms.Form):
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

    def details(self) -> dict:
        """The table's details as the preview signs them (imports.sign_preview)."""
        data = self.cleaned_data
        return {
            "code": data["code"],
            "name": data["name"],
            "year": data["year"],
            "grouping": data["grouping"].pk if data["grouping"] else None,
            "self_deadline": data["self_deadline"],
            "appraisal_deadline": data["appraisal_deadline"],
        }


BANDS_HELP = _("Mỗi dòng một mức: tên = tỷ lệ tối thiểu (% của điểm tối đa), ví dụ “Xuất sắc = 95”.")


class TableUpdateForm(CleanTextMixin, forms.Form):
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


class ScoreNumberField(forms.DecimalField):
    """A number typed on the score page: digits 0–9 with a comma (or dot) for decimals.
    Its bounds are the rule's, which the service checks (scoring.rules.evaluate)."""

    widget = forms.TextInput

    default_error_messages = {
        "invalid": _("Gõ một số, ví dụ 12 hoặc 12,5."),
        "max_digits": _("Số quá lớn."),
        "max_whole_digits": _("Số quá lớn."),
        "max_decimal_places": _("Chỉ ghi tối đa %(max)s chữ số sau dấu phẩy."),
    }

    def __init__(self, **kwargs):
        super().__init__(required=False, localize=True, **kwargs)

    def prepare_value(self, value):
        return input_text(value) if isinstance(value, Decimal) else value

    def to_python(self, value):
        if isinstance(value, str):
            try:
                check_plain_digits(value)
            except RuleError as exc:
                raise forms.ValidationError(str(exc), code="digits") from exc
        return super().to_python(value)


class ItemScoreForm(CleanTextMixin, forms.Form):
    """What the score page posts for one leaf; the rule turns it into points."""

    kind = forms.ChoiceField(choices=ScoreKind.choices)
    choice = forms.CharField(required=False, max_length=60)
    value = ScoreNumberField(max_digits=9, decimal_places=2)
    achieved = ScoreNumberField(max_digits=7, decimal_places=1)
    bonus = ScoreNumberField(max_digits=7, decimal_places=1)
    note = forms.CharField(required=False, max_length=2000)


class SheetReturnForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def item_reasons(self) -> dict[int, str]:
        """criterion id → what the appraiser asks of that item (`reason_<id>`, typed beside
        it on the sheet); items left blank are not named."""
        reasons = {}
        for key, value in self.data.items():
            pk = key.removeprefix("reason_")
            if key.startswith("reason_") and pk.isdigit() and value.strip():
                reasons[int(pk)] = value.strip()
        return reasons


class EvidenceForm(CleanTextMixin, forms.Form):
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


class AppraisalRecordForm(CleanTextMixin, forms.Form):
    """The document an outside grouping's leader sent with its result (seed 000)."""

    appraiser = forms.ModelChoiceField(
        label=_("Đơn vị chấm"),
        queryset=Unit.objects.none(),
        help_text=_("Trưởng khối/cụm, hoặc đơn vị được khối/cụm giao chấm phiếu này."),
    )
    document_number = forms.CharField(
        label=_("Số văn bản"), max_length=60, help_text=_("Số văn bản thông báo kết quả, ví dụ 12/TB-MTTQ.")
    )
    document_date = forms.DateField(label=_("Ngày văn bản"), widget=DateInput())
    file = forms.FileField(
        label=_("Tệp kết quả của Trưởng khối/cụm (.csv hoặc .xlsx)"),
        required=False,
        help_text=_(
            "Các cột: ma, diem_thuc_hien, diem_thuong. Nếu chọn tệp, điểm lấy từ tệp thay cho bảng bên dưới."
        ),
    )
    publish = forms.BooleanField(label=_("Công bố kết quả ngay"), required=False)

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        grouping = sheet.table.grouping
        # Nobody scores its own sheet or one above it: not the province, not a unit below it.
        self.fields["appraiser"].queryset = (
            Unit.objects.filter(memberships__grouping=grouping)
            .exclude(path__startswith=sheet.unit.path)
            .order_by("name")
        )
        if not self.is_bound:
            self.initial.setdefault("appraiser", sheet.appraiser_id or grouping.leader_id)

    def clean_document_date(self):
        day = self.cleaned_data["document_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Ngày văn bản không được sau hôm nay."))
        return day

    def file_rows(self) -> list[ScoreRow] | None:
        """The points of the leader's file; None, with the error on the file field, for a
        file that cannot be read."""
        upload = self.cleaned_data["file"]
        try:
            return parse_scores_file(upload.name, upload.read())
        except ImportFileError as exc:
            self.add_error("file", str(exc))
            return None

    def record_details(self) -> dict:
        """What services.sheet_appraisal_record takes of this form."""
        data = self.cleaned_data
        return {
            "appraiser": data["appraiser"],
            "document_number": data["document_number"],
            "document_date": data["document_date"],
            "publish": data["publish"],
            "source": data["file"].name if data["file"] is not None else "",
        }


class AppraisalPointsForm(CleanTextMixin, forms.Form):
    """The leader's points typed item by item: achieved (`a_<id>`) and bonus (`b_<id>`) of
    every leaf, checked against its rule as a file of points would be."""

    def __init__(self, *args, leaves, is_leader: bool, recorded: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.leaves, self.is_leader = leaves, is_leader
        # A correction starts from the recorded result, a first recording from the self-score.
        kind = ScoreKind.APPRAISED if recorded else ScoreKind.SELF
        for node in leaves:
            c = node.criterion
            item = node.scores.get(kind) or node.scores.get(ScoreKind.SELF)
            if item is not None:
                self.initial |= {f"a_{c.pk}": item.achieved, f"b_{c.pk}": item.bonus}
            self.fields[f"a_{c.pk}"] = ScoreNumberField(
                label=_("Điểm thực hiện mục %(c)s") % {"c": c.code}, max_digits=7, decimal_places=1
            )
            self.fields[f"b_{c.pk}"] = ScoreNumberField(
                label=_("Điểm thưởng mục %(c)s") % {"c": c.code}, max_digits=7, decimal_places=1
            )
            for name, maximum in ((f"a_{c.pk}", node.standard), (f"b_{c.pk}", node.bonus_max)):
                self.fields[name].widget.attrs.update(
                    {
                        "class": "form-control form-control-sm",
                        "inputmode": "decimal",
                        "pattern": input_pattern(maximum, "points"),
                        "autocomplete": "off",
                    }
                )

    def fields_by_leaf(self) -> dict:
        """criterion id → (achieved field, bonus field), for the page's rows."""
        return {
            n.criterion.pk: (self[f"a_{n.criterion.pk}"], self[f"b_{n.criterion.pk}"]) for n in self.leaves
        }

    def clean(self):
        data = super().clean()
        rows = []
        for node in self.leaves:
            pk = node.criterion.pk
            if f"a_{pk}" in self.errors or f"b_{pk}" in self.errors:
                continue
            if data.get(f"a_{pk}") is None:
                self.add_error(f"a_{pk}", _("Thiếu điểm thực hiện."))
                continue
            rows.append(ScoreRow(0, node.code, data[f"a_{pk}"], data.get(f"b_{pk}") or Decimal(0)))
        check_scores(rows, leaves={n.code: n for n in self.leaves}, is_leader=self.is_leader)
        pks = {n.code: n.criterion.pk for n in self.leaves}
        for row in rows:
            for error in row.errors:
                self.add_error(f"a_{pks[row.code]}", error)
        self.rows = rows
        for name in self.errors:
            self.fields[name].widget.attrs["class"] += " is-invalid"
        return data
