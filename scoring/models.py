import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scoring.enums import AppraisalSource, ScoreKind, SheetState, TableStatus
from units.files import stored_name
from units.models import EmulationGrouping, Unit, User

POINTS = {"max_digits": 7, "decimal_places": 1}
RECORDED_NEEDS_DOCUMENT = _("Kết quả chấm ghi nhận từ bên ngoài phải có đơn vị chấm, số và ngày văn bản.")


class CriteriaTable(models.Model):
    """One version of a bloc's criteria table for a year (seed 000, appendix).

    A published table never changes: editing it makes the next version (same code,
    version + 1) and every score stays on the version it was given on.
    """

    code = models.CharField(_("mã bảng"), max_length=40)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    name = models.CharField(_("tên bảng tiêu chí"), max_length=255)
    year = models.PositiveSmallIntegerField(_("năm"))
    grouping = models.ForeignKey(
        EmulationGrouping,
        verbose_name=_("khối/cụm được chấm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="criteria_tables",
    )
    owner = models.ForeignKey(
        Unit, verbose_name=_("đơn vị quản lý"), on_delete=models.PROTECT, related_name="criteria_tables"
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=TableStatus.choices, default=TableStatus.DRAFT
    )
    self_deadline = models.DateField(_("hạn tự chấm"), null=True, blank=True)
    appraisal_deadline = models.DateField(_("hạn thẩm định"), null=True, blank=True)
    # [{"name": "Xuất sắc", "min_percent": 95}, …]: a unit's class is the first band whose
    # minimum its total reaches, as a share of the maximum (standard + bonus).
    bands = models.JSONField(_("xếp loại"), default=list, blank=True)
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_versions"
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bảng tiêu chí")
        verbose_name_plural = _("bảng tiêu chí")
        ordering = ["-year", "code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"],
                name="criteria_table_unique_version",
                violation_error_message=_("Bảng tiêu chí đã có phiên bản này."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year}, v{self.version})"

    def get_absolute_url(self) -> str:
        return reverse("scoring:table_detail", kwargs={"table_id": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status == TableStatus.DRAFT


class Criterion(models.Model):
    """A node of the criteria tree. Only leaves carry points; a group's standard and
    bonus are the sums of its leaves, computed when read, never stored."""

    table = models.ForeignKey(CriteriaTable, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    code = models.CharField(_("mã"), max_length=40)
    text = models.TextField(_("nội dung"))
    standard = models.DecimalField(_("điểm chuẩn"), null=True, blank=True, **POINTS)
    bonus_max = models.DecimalField(_("điểm thưởng tối đa"), null=True, blank=True, **POINTS)
    rule = models.CharField(_("quy tắc chấm"), max_length=255, blank=True)
    guidance = models.TextField(_("hướng dẫn chấm"), blank=True)
    # A key of scoring.metrics.REGISTRY: the value of a `nguong` item taken from data.
    metric = models.CharField(_("chỉ số lấy từ dữ liệu"), max_length=60, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "code"],
                name="criterion_unique_code",
                violation_error_message=_("Mã tiêu chí bị trùng trong bảng."),
            ),
            models.CheckConstraint(
                condition=Q(standard__isnull=True) | Q(standard__gte=0),
                name="criterion_standard_not_negative",
                violation_error_message=_("Điểm chuẩn không được âm."),
            ),
            models.CheckConstraint(
                condition=Q(bonus_max__isnull=True) | Q(bonus_max__gte=0),
                name="criterion_bonus_not_negative",
                violation_error_message=_("Điểm thưởng tối đa không được âm."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:60]}"

    @property
    def is_leaf(self) -> bool:
        return self.standard is not None


class ScoreSheet(models.Model):
    """A unit's scores on one table version: its self-score and the appraised score."""

    table = models.ForeignKey(CriteriaTable, on_delete=models.PROTECT, related_name="sheets")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="score_sheets")
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=SheetState.choices, default=SheetState.DRAFT
    )
    submitted_at = models.DateTimeField(_("ngày nộp"), null=True, blank=True)
    appraised_at = models.DateTimeField(_("ngày thẩm định"), null=True, blank=True)
    published_at = models.DateTimeField(_("ngày công bố"), null=True, blank=True)
    returned_reason = models.TextField(_("lý do trả lại"), blank=True)
    # In an outside bloc or cluster the leader appraises; the province records the result
    # it received, and every page and document names the leader and its document.
    appraisal_source = models.CharField(
        _("nguồn kết quả chấm"),
        max_length=20,
        choices=AppraisalSource.choices,
        default=AppraisalSource.INTERNAL,
    )
    appraiser = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị chấm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    appraisal_document_number = models.CharField(_("số văn bản kết quả chấm"), max_length=60, blank=True)
    appraisal_document_date = models.DateField(_("ngày văn bản kết quả chấm"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phiếu chấm điểm")
        verbose_name_plural = _("phiếu chấm điểm")
        ordering = ["table", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "unit"],
                name="sheet_unique_unit",
                violation_error_message=_("Đơn vị đã có phiếu chấm điểm trên bảng này."),
            ),
            models.CheckConstraint(
                condition=Q(appraisal_source=AppraisalSource.INTERNAL)
                | (
                    Q(appraiser__isnull=False)
                    & ~Q(appraisal_document_number="")
                    & Q(appraisal_document_date__isnull=False)
                ),
                name="sheet_recorded_appraisal_has_document",
                violation_error_message=RECORDED_NEEDS_DOCUMENT,
            ),
            models.CheckConstraint(
                condition=Q(appraiser__isnull=True) | ~Q(appraiser=models.F("unit")),
                name="sheet_appraiser_not_own_unit",
                violation_error_message=_("Đơn vị không chấm phiếu của chính mình."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.table}"

    def get_absolute_url(self) -> str:
        return reverse("scoring:sheet_detail", kwargs={"sheet_id": self.pk})

    @property
    def is_recorded(self) -> bool:
        """The appraisal is an outside leader's result, recorded here from its document."""
        return self.appraisal_source == AppraisalSource.RECORDED

    def clean(self) -> None:
        if self.is_recorded and not (
            self.appraiser_id and self.appraisal_document_number.strip() and self.appraisal_document_date
        ):
            raise ValidationError(RECORDED_NEEDS_DOCUMENT)
        if self.appraiser_id is not None and self.appraiser_id == self.unit_id:
            raise ValidationError({"appraiser": _("Đơn vị không chấm phiếu của chính mình.")})

    @property
    def is_late(self) -> bool:
        """Submitted after the table's self-scoring deadline (the deadline day counts)."""
        deadline = self.table.self_deadline
        if deadline is None or self.submitted_at is None:
            return False
        return timezone.localtime(self.submitted_at).date() > deadline


class ItemScore(models.Model):
    """What one scorer gave one leaf: the rule's input (choice or value) and the points
    it produced, recomputed by the server from the input on every save."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="items")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    kind = models.CharField(max_length=20, choices=ScoreKind.choices)
    choice = models.CharField(_("lựa chọn"), max_length=60, blank=True)
    value = models.DecimalField(_("giá trị"), max_digits=9, decimal_places=2, null=True, blank=True)
    achieved = models.DecimalField(_("điểm thực hiện"), default=Decimal(0), **POINTS)
    bonus = models.DecimalField(_("điểm thưởng"), default=Decimal(0), **POINTS)
    note = models.TextField(_("minh chứng, ghi chú"), blank=True)
    returned_reason = models.TextField(_("yêu cầu bổ sung"), blank=True)
    # An appraised score copied from the self-score because the appraiser left the item
    # as the unit scored it; such copies are redone if the unit changes its score later.
    from_self = models.BooleanField(default=False)
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "criterion", "kind"],
                name="item_score_unique",
                violation_error_message=_("Tiêu chí này đã có điểm trong phiếu."),
            ),
            models.CheckConstraint(
                condition=Q(achieved__gte=0) & Q(bonus__gte=0),
                name="item_score_not_negative",
                violation_error_message=_("Điểm thực hiện và điểm thưởng không được âm."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.achieved} + {self.bonus}"


def evidence_path(instance, filename: str) -> str:
    # Generated names: the uploader's file name is kept only as data, never as a path.
    return f"scoring/{instance.item.sheet_id}/{stored_name(uuid.uuid4().hex, instance.content_type)}"


class ItemAttachment(models.Model):
    item = models.ForeignKey(ItemScore, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=evidence_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("scoring:attachment_download", kwargs={"attachment_id": self.pk})
