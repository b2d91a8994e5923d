import uuid

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.models import Decision, QuotaEvent
from emulation.enums import Period
from emulation.models import AnnualPlan, Campaign
from reports.enums import BlockKey, DocumentState, FileFormat, HeadingLevel, RenderState, SectionKind
from scoring.models import CriteriaTable
from units.enums import DocumentKind
from units.formatting import document_number_text
from units.models import EmulationGrouping, Unit, User

# A section of computed figures names its block, in a template and in a document.
BLOCK_NOT_NAMED = _("Mục số liệu tự động phải chọn loại số liệu.")


class DocumentTemplate(models.Model):
    """The skeleton of a recurring document (the annual report of seed 000, the cluster's
    mid-year report of seed 002, the plans of seeds 001, 003 and 004, the award decision):
    its header texts, its sections in order — headings, prose that staff rewrite each
    year, blocks computed from the data — and its appendices. Data that provincial staff
    edit, not code. Texts may hold placeholders such as {year} (reports.placeholders)."""

    code = models.SlugField(
        _("mã"), max_length=40, unique=True, error_messages={"unique": _("Đã có mẫu văn bản mã này.")}
    )
    name = models.CharField(_("tên mẫu"), max_length=255)
    kind = models.CharField(_("loại văn bản"), max_length=5, choices=DocumentKind.choices)
    subject = models.TextField(_("trích yếu"), help_text=_("Mỗi dòng một dòng trích yếu."))
    superior_body = models.CharField(
        _("cơ quan cấp trên"), max_length=255, blank=True, help_text=_("Để trống: lấy theo đơn vị ban hành.")
    )
    issuing_body = models.CharField(
        _("cơ quan ban hành"), max_length=255, blank=True, help_text=_("Để trống: tên đơn vị ban hành.")
    )
    symbol = models.CharField(
        _("ký hiệu cơ quan"), max_length=20, blank=True, help_text=_("Để trống: ký hiệu của đơn vị ban hành.")
    )
    place = models.CharField(_("địa danh"), max_length=60, default="Lai Châu")
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    signing_authority = models.CharField(
        _("thẩm quyền ký"), max_length=120, blank=True, default="TM. BAN THƯỜNG VỤ"
    )
    signer_post = models.CharField(_("chức vụ người ký"), max_length=120, default="CHỦ TỊCH")
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    active = models.BooleanField(_("đang dùng"), default=True)
    order = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mẫu văn bản")
        verbose_name_plural = _("mẫu văn bản")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reports:template_detail", kwargs={"template_id": self.pk})


class SectionFields(models.Model):
    """What a template section and a document section share."""

    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại"), max_length=10, choices=SectionKind.choices)
    heading = models.CharField(_("đề mục"), max_length=500, blank=True)
    level = models.PositiveSmallIntegerField(_("cấp đề mục"), choices=HeadingLevel.choices, default=1)
    text = models.TextField(_("nội dung"), blank=True)  # sanitised prose HTML
    block = models.CharField(_("số liệu"), max_length=30, choices=BlockKey.choices, blank=True)
    appendix = models.BooleanField(_("là phụ lục"), default=False)
    landscape = models.BooleanField(_("trang ngang"), default=False)

    class Meta:
        abstract = True
        ordering = ["order", "id"]


class TemplateSection(SectionFields):
    template = models.ForeignKey(DocumentTemplate, on_delete=models.CASCADE, related_name="sections")

    class Meta(SectionFields.Meta):
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=SectionKind.BLOCK) | ~Q(block=""),
                name="template_section_block_named",
                violation_error_message=BLOCK_NOT_NAMED,
            )
        ]

    def __str__(self) -> str:
        return self.heading or self.get_block_display() or str(self.order)


class Document(models.Model):
    """A formal document (NĐ 30/2020): drafted from a template, edited where prose is
    needed, then issued — numbered, dated, frozen, its PDF and DOCX archived with their
    checksums — and possibly superseded by a corrected one. Never deleted once issued."""

    issuer = models.ForeignKey(
        Unit, verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="documents"
    )
    template = models.ForeignKey(
        DocumentTemplate,
        verbose_name=_("mẫu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("loại văn bản"), max_length=5, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = models.CharField(_("ký hiệu cơ quan"), max_length=20)
    place = models.CharField(_("địa danh"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    superior_body = models.CharField(_("cơ quan cấp trên"), max_length=255, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=255)
    subject = models.TextField(_("trích yếu"))
    recipients = models.TextField(_("nơi nhận"), blank=True)
    signing_authority = models.CharField(_("thẩm quyền ký"), max_length=120, blank=True)
    signer_post = models.CharField(_("chức vụ người ký"), max_length=120)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=DocumentState.choices, default=DocumentState.DRAFT
    )
    # Where the computed blocks take their figures from (each block says which it needs).
    scope = models.ForeignKey(
        Unit, verbose_name=_("số liệu của"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    grouping = models.ForeignKey(
        EmulationGrouping,
        verbose_name=_("khối, cụm thi đua"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    period = models.CharField(_("kỳ báo cáo"), max_length=2, choices=Period.choices, blank=True)
    plan = models.ForeignKey(
        AnnualPlan,
        verbose_name=_("kế hoạch năm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("phong trào"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    quota_event = models.ForeignKey(
        QuotaEvent,
        verbose_name=_("phân bổ số lượng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("quyết định khen thưởng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    criteria_table = models.ForeignKey(
        CriteriaTable,
        verbose_name=_("bảng chấm điểm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("thay thế văn bản"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replacements",
    )
    # The content as issued (reports.content.Content.to_data): the archive is rendered
    # from it, never from the data as it is later.
    frozen = models.JSONField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    issued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-year", "-issued_on", "-id"]
        constraints = [
            # Numbers run per body, type and calendar year of issue (NĐ 30/2020): a report
            # on 2023 issued in January 2024 takes a 2024 number.
            models.UniqueConstraint(
                F("issuer"),
                F("kind"),
                F("symbol"),
                ExtractYear("issued_on"),
                F("number"),
                condition=Q(number__isnull=False),
                name="document_unique_number",
                violation_error_message=_("Số văn bản này đã được dùng trong năm."),
            ),
            models.CheckConstraint(
                condition=Q(state=DocumentState.DRAFT)
                | (Q(number__isnull=False) & Q(issued_on__isnull=False)),
                name="document_issued_has_number_and_date",
                violation_error_message=_("Văn bản đã ban hành phải có số và ngày ban hành."),
            ),
        ]
        indexes = [models.Index(fields=["issuer", "year", "state"])]

    def __str__(self) -> str:
        first = self.subject_lines[0] if self.subject_lines else ""
        return f"{self.get_kind_display()} {self.number_text} — {first}"

    def get_absolute_url(self) -> str:
        return reverse("reports:document_detail", kwargs={"document_id": self.pk})

    @property
    def number_text(self) -> str:
        return document_number_text(self.number, self.kind, self.symbol)

    @property
    def subject_lines(self) -> list[str]:
        return [line.strip() for line in self.subject.splitlines() if line.strip()]

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def is_draft(self) -> bool:
        return self.state == DocumentState.DRAFT


class DocumentSection(SectionFields):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sections")
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(SectionFields.Meta):
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=SectionKind.BLOCK) | ~Q(block=""),
                name="document_section_block_named",
                violation_error_message=BLOCK_NOT_NAMED,
            )
        ]

    def __str__(self) -> str:
        return self.heading or self.get_block_display() or str(self.order)


def rendering_path(instance, filename: str) -> str:
    """Generated names only: nothing a user typed reaches the file system."""
    return f"documents/{instance.document.year}/{uuid.uuid4().hex}.{instance.format}"


class Rendering(models.Model):
    """A PDF or DOCX of a document, made by the background worker. A draft's renderings
    are previews made on request; an issued document has exactly one archived file per
    format, with its SHA-256, and downloads always serve that file."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="renderings")
    format = models.CharField(_("định dạng"), max_length=4, choices=FileFormat.choices)
    archived = models.BooleanField(_("bản lưu trữ"), default=False)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=RenderState.choices, default=RenderState.QUEUED
    )
    file = models.FileField(upload_to=rendering_path, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "format"],
                condition=Q(archived=True),
                name="rendering_one_archive_per_format",
                violation_error_message=_("Văn bản đã có bản lưu trữ ở định dạng này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.document_id}.{self.format} ({self.state})"

    def get_absolute_url(self) -> str:
        return reverse("reports:rendering_download", kwargs={"rendering_id": self.pk})
