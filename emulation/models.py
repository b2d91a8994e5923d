from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from emulation.enums import (
    INDIVIDUAL_TITLES,
    Aggregation,
    CampaignKind,
    CampaignState,
    DeadlineKind,
    EmulationTitle,
    Period,
    RegistrationState,
    ReportState,
    TaskStatus,
    WorkState,
)
from units.models import ConstraintFieldErrors, EmulationGrouping, Unit, User

FIGURE = {"max_digits": 16, "decimal_places": 2}
# The campaign's rule, said the same by the service and the constraint.
ENDS_BEFORE_START = _("Ngày kết thúc không được trước ngày bắt đầu.")


class Indicator(ConstraintFieldErrors, models.Model):
    """A pledged target (chỉ tiêu thi đua) that units report, e.g. "Kết nạp đoàn viên mới"
    measured in đoàn viên. Totals add the members' figures up, or for a ratio divide the
    totals of two other indicators; either way computed, never typed (seed 002)."""

    name = models.CharField(
        _("chỉ tiêu"), max_length=255, unique=True, error_messages={"unique": _("Đã có chỉ tiêu tên này.")}
    )
    measure = models.CharField(_("đơn vị tính"), max_length=60)
    aggregation = models.CharField(
        _("cách cộng"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    numerator = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("tử số")
    )
    denominator = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("mẫu số")
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(aggregation=Aggregation.SUM, numerator__isnull=True, denominator__isnull=True)
                | Q(aggregation=Aggregation.RATIO, numerator__isnull=False, denominator__isnull=False),
                name="indicator_ratio_has_both_terms",
                violation_error_message=_("Chỉ tiêu tỷ lệ cần tử số và mẫu số; chỉ tiêu cộng dồn thì không."),
            ),
        ]

    constraint_fields = {"indicator_ratio_has_both_terms": "numerator"}

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """One unit's planned and actual figure of an indicator for a period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="indicator_values")
    year = models.PositiveSmallIntegerField(_("năm"))
    period = models.CharField(_("kỳ"), max_length=2, choices=Period.choices)
    planned = models.DecimalField(_("kế hoạch"), null=True, blank=True, **FIGURE)
    actual = models.DecimalField(_("thực hiện"), null=True, blank=True, **FIGURE)
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "year", "period"],
                name="indicator_value_unique",
                violation_error_message=_("Đơn vị đã có số liệu của chỉ tiêu này trong kỳ."),
            ),
            models.CheckConstraint(
                condition=(Q(planned__isnull=True) | Q(planned__gte=0))
                & (Q(actual__isnull=True) | Q(actual__gte=0)),
                name="indicator_value_not_negative",
                violation_error_message=_("Số liệu kế hoạch và thực hiện không được âm."),
            ),
        ]
        indexes = [models.Index(fields=["year", "period", "indicator"])]

    def __str__(self) -> str:
        return f"{self.unit} · {self.indicator} · {self.year}-{self.period}"


class Campaign(ConstraintFieldErrors, models.Model):
    """A phong trào thi đua launched by the province or received from above (Tổng Liên
    đoàn, UBND tỉnh) and passed on to target units (seeds 000, 002, 004)."""

    name = models.CharField(_("tên phong trào"), max_length=255)
    kind = models.CharField(_("loại"), max_length=20, choices=CampaignKind.choices)
    owner = models.ForeignKey(
        Unit, verbose_name=_("đơn vị phát động"), on_delete=models.PROTECT, related_name="campaigns"
    )
    launched_by_outside = models.CharField(
        _("do cấp trên phát động"),
        max_length=255,
        blank=True,
        help_text=_("Để trống nếu đơn vị tự phát động; ví dụ: Tổng Liên đoàn Lao động Việt Nam, UBND tỉnh."),
    )
    document_number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    document = models.FileField(_("tệp văn bản"), upload_to="campaigns/", blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    target_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đối tượng: các đơn vị thuộc"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    target_grouping = models.ForeignKey(
        EmulationGrouping,
        verbose_name=_("đối tượng: khối/cụm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
    )
    theme = models.CharField(_("chủ đề"), max_length=255, blank=True)
    content = models.TextField(_("nội dung"), blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=CampaignState.choices, default=CampaignState.DRAFT
    )
    launched_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_start",
                violation_error_message=ENDS_BEFORE_START,
            ),
        ]

    constraint_fields = {"campaign_ends_after_start": "ends_on"}

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("emulation:campaign_detail", kwargs={"campaign_id": self.pk})


class AnnualPlan(models.Model):
    """Kế hoạch công tác thi đua, khen thưởng năm (seed 001): tasks grouped by quarter."""

    owner = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="annual_plans")
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=255)
    document_number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    document_date = models.DateField(_("ngày ban hành"), null=True, blank=True)

    class Meta:
        verbose_name = _("kế hoạch năm")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "year"],
                name="annual_plan_unique_year",
                violation_error_message=_("Đơn vị đã có kế hoạch của năm này."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("emulation:plan_detail", kwargs={"plan_id": self.pk})


class PlanTask(models.Model):
    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="tasks")
    quarter = models.PositiveSmallIntegerField(_("quý"))
    number = models.PositiveSmallIntegerField(_("TT"))
    content = models.TextField(_("nội dung"))
    responsible = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị thực hiện"), blank=True, related_name="+"
    )
    responsible_text = models.CharField(_("đơn vị thực hiện (như văn bản)"), max_length=255, blank=True)
    due_on = models.DateField(_("hạn"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta:
        ordering = ["quarter", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4),
                name="plan_task_quarter_1_4",
                violation_error_message=_("Quý phải từ 1 đến 4."),
            ),
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="plan_task_unique_number",
                violation_error_message=_("Kế hoạch đã có nhiệm vụ số thứ tự này."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.content[:60]}"


class Deadline(models.Model):
    """A date the units under `owner` must meet: registration (10/02 in 2023), mid-year
    report (10/06), annual report (10/12) — seed 001 — and any others staff add."""

    owner = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="deadlines")
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại"), max_length=20, choices=DeadlineKind.choices)
    name = models.CharField(_("nội dung"), max_length=255)
    due_on = models.DateField(_("hạn"))
    lock_on = models.DateField(
        _("khóa từ ngày"),
        null=True,
        blank=True,
        help_text=_("Từ ngày này chỉ cán bộ thi đua tỉnh còn nhập được (để trống: không khóa)."),
    )

    class Meta:
        verbose_name = _("thời hạn")
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "year", "kind"],
                condition=~Q(kind=DeadlineKind.OTHER),
                name="deadline_unique_kind_per_year",
                violation_error_message=_("Năm này đã có hạn loại này."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.due_on:%d/%m/%Y})"


class Registration(models.Model):
    """A unit's đăng ký thi đua for a year. Seed 001: a unit without an accepted
    registration is not considered for awards."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="registrations")
    year = models.PositiveSmallIntegerField(_("năm"))
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=RegistrationState.choices, default=RegistrationState.DRAFT
    )
    campaigns = models.ManyToManyField(Campaign, verbose_name=_("phong trào tham gia"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("ngày chấp nhận"), null=True, blank=True)
    returned_reason = models.TextField(_("lý do trả lại"), blank=True)
    entered_by_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị nhập"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="registration_unique_year",
                violation_error_message=_("Đơn vị đã có bản đăng ký thi đua của năm này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("emulation:registration_detail", kwargs={"registration_id": self.pk})


class RegistrationTitle(models.Model):
    """A title aimed at: collective titles once, individual titles with a head count."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="titles")
    title = models.CharField(_("danh hiệu"), max_length=20, choices=EmulationTitle.choices)
    count = models.PositiveIntegerField(_("số lượng"), default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "title"],
                name="registration_title_unique",
                violation_error_message=_("Danh hiệu này đã có trong bản đăng ký."),
            ),
            models.CheckConstraint(
                condition=Q(count__gte=1),
                name="registration_title_count_positive",
                violation_error_message=_("Số lượng đăng ký phải từ 1 trở lên."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_title_display()} × {self.count}"

    @property
    def is_individual(self) -> bool:
        return self.title in INDIVIDUAL_TITLES


class RegisteredModel(models.Model):
    """A mô hình the unit pledges to build, with its field."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="models")
    name = models.CharField(_("tên mô hình"), max_length=255)
    field = models.CharField(_("lĩnh vực"), max_length=120, blank=True)

    def __str__(self) -> str:
        return self.name


class DedicatedWork(models.Model):
    """Công trình, sản phẩm, phần việc dedicated to an event, granted a plaque when done."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="works")
    name = models.CharField(_("tên công trình, phần việc"), max_length=255)
    dedicated_to = models.CharField(_("chào mừng sự kiện"), max_length=255, blank=True)
    value = models.DecimalField(_("giá trị (đồng)"), max_digits=16, decimal_places=0, null=True, blank=True)
    state = models.CharField(
        _("tình trạng"), max_length=20, choices=WorkState.choices, default=WorkState.REGISTERED
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="dedicated_work_value",
                violation_error_message=_("Giá trị không được âm."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class ResultReport(models.Model):
    """A unit's sơ kết 6 tháng or tổng kết năm: narrative sections as the seeds write
    them; the figures are the unit's IndicatorValue actuals for the same period."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="result_reports")
    year = models.PositiveSmallIntegerField(_("năm"))
    period = models.CharField(_("kỳ"), max_length=2, choices=Period.choices)
    advantages = models.TextField(_("Thuận lợi"), blank=True)
    difficulties = models.TextField(_("Khó khăn"), blank=True)
    results = models.TextField(_("Kết quả"), blank=True)
    shortcomings = models.TextField(_("Hạn chế"), blank=True)
    causes = models.TextField(_("Nguyên nhân"), blank=True)
    proposals = models.TextField(_("Kiến nghị, đề xuất"), blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("báo cáo kết quả thi đua")
        ordering = ["-year", "period", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "period"],
                name="result_report_unique_period",
                violation_error_message=_("Đơn vị đã có báo cáo của kỳ này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.get_period_display()} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("emulation:report_detail", kwargs={"report_id": self.pk})

    NARRATIVE_FIELDS = ("advantages", "difficulties", "results", "shortcomings", "causes", "proposals")

    @property
    def narrative_sections(self) -> list[tuple[str, str]]:
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name)) for name in self.NARRATIVE_FIELDS
        ]
