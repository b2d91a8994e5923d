import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.enums import (
    AwardKind,
    DecisionState,
    DisciplineLevel,
    DocumentType,
    DossierState,
    Gender,
    HistoryKind,
    InitiativeLevel,
    IssuingLevel,
    Rating,
    Recipient,
    SessionState,
    Vote,
)
from units.enums import DocumentKind, Sector
from units.files import stored_name
from units.formatting import document_number_text
from units.models import ConstraintFieldErrors, Unit, User

# Quỹ thi đua, khen thưởng: 8% of the year's budget unless the unit sets otherwise.
DEFAULT_FUND_SHARE = Decimal(8)


class AwardForm(ConstraintFieldErrors, models.Model):
    """A form of award or an emulation title in the catalogue (hình thức khen thưởng,
    danh hiệu thi đua): data that provincial admins edit, not code."""

    code = models.SlugField(
        _("mã"),
        max_length=40,
        unique=True,
        error_messages={"unique": _("Đã có hình thức khen thưởng mã này.")},
    )
    name = models.CharField(_("tên hình thức, danh hiệu"), max_length=255)
    issuing_level = models.CharField(_("cấp khen thưởng"), max_length=20, choices=IssuingLevel.choices)
    recipient = models.CharField(_("đối tượng"), max_length=10, choices=Recipient.choices)
    kind = models.CharField(_("loại"), max_length=20, choices=AwardKind.choices)
    prize_coefficient = models.DecimalField(
        _("hệ số tiền thưởng cá nhân"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(0),
        help_text=_("Tiền thưởng = hệ số × mức lương cơ sở tại ngày quyết định, làm tròn lên đến 10.000 đ."),
    )
    prize_coefficient_collective = models.DecimalField(
        _("hệ số tiền thưởng tập thể"), max_digits=6, decimal_places=2, default=Decimal(0)
    )
    required_documents = models.JSONField(_("hồ sơ bắt buộc"), default=list, blank=True)
    # Eligibility checks as data: [{"check": "consecutive_titles", "title": "ttldtt", "years": 5}, …]
    # (awards.eligibility lists the check names and their parameters).
    eligibility = models.JSONField(_("điều kiện xét"), default=list, blank=True)
    active = models.BooleanField(_("đang dùng"), default=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(prize_coefficient__gte=0),
                name="award_form_coefficient_positive",
                violation_error_message=_("Hệ số tiền thưởng không được âm."),
            ),
            models.CheckConstraint(
                condition=Q(prize_coefficient_collective__gte=0),
                name="award_form_collective_coefficient_positive",
                violation_error_message=_("Hệ số tiền thưởng tập thể không được âm."),
            ),
        ]

    constraint_fields = {
        "award_form_coefficient_positive": "prize_coefficient",
        "award_form_collective_coefficient_positive": "prize_coefficient_collective",
    }

    def __str__(self) -> str:
        return self.name


class BaseSalary(ConstraintFieldErrors, models.Model):
    """Mức lương cơ sở from a date (2.340.000 đ from 1/7/2024, 2.530.000 đ from 1/7/2026)."""

    valid_from = models.DateField(
        _("áp dụng từ ngày"),
        unique=True,
        error_messages={"unique": _("Đã có mức lương cơ sở áp dụng từ ngày này.")},
    )
    amount = models.DecimalField(_("mức lương cơ sở (đồng)"), max_digits=12, decimal_places=0)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("mức lương cơ sở")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="base_salary_positive",
                violation_error_message=_("Mức lương cơ sở phải lớn hơn 0."),
            )
        ]

    constraint_fields = {"base_salary_positive": "amount"}

    def __str__(self) -> str:
        return f"{self.amount} ({self.valid_from:%d/%m/%Y})"


class AwardFund(ConstraintFieldErrors, models.Model):
    """Quỹ thi đua, khen thưởng of a unit for a year: the cap on the prize money its
    decisions pay. By default 8% of the year's budget; a fixed amount replaces the share
    when the unit's council sets one."""

    owner = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="award_funds"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    budget = models.DecimalField(_("tổng dự toán chi năm (đồng)"), max_digits=16, decimal_places=0)
    share = models.DecimalField(
        _("tỷ lệ trích quỹ (%)"), max_digits=5, decimal_places=2, default=DEFAULT_FUND_SHARE
    )
    amount = models.DecimalField(
        _("mức quỹ ấn định (đồng)"),
        max_digits=16,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Để trống thì quỹ bằng tỷ lệ trích nhân tổng dự toán."),
    )
    note = models.CharField(_("căn cứ"), max_length=255, blank=True)
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("quỹ khen thưởng")
        verbose_name_plural = _("quỹ khen thưởng")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "year"],
                name="award_fund_one_per_unit_year",
                violation_error_message=_("Đơn vị đã có quỹ khen thưởng của năm này."),
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0),
                name="award_fund_budget_positive",
                violation_error_message=_("Tổng dự toán chi không được âm."),
            ),
            models.CheckConstraint(
                condition=Q(share__gte=0) & Q(share__lte=100),
                name="award_fund_share_percent",
                violation_error_message=_("Tỷ lệ trích quỹ phải từ 0 đến 100."),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="award_fund_amount_positive",
                violation_error_message=_("Mức quỹ ấn định không được âm."),
            ),
        ]

    constraint_fields = {
        "award_fund_budget_positive": "budget",
        "award_fund_share_percent": "share",
        "award_fund_amount_positive": "amount",
    }

    def __str__(self) -> str:
        return f"{self.owner} {self.year}"

    @property
    def cap(self) -> Decimal:
        """The fund: the fixed amount, else budget × share, rounded half up to the đồng."""
        if self.amount is not None:
            return self.amount
        return (self.budget * self.share / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)


class Person(models.Model):
    """An individual who can be proposed. Ethnicity is sensitive personal data: only
    provincial staff and the person's own unit see it, and reading it is audited."""

    full_name = models.CharField(_("họ và tên"), max_length=150)
    gender = models.CharField(_("giới tính"), max_length=5, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=60, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    is_leader = models.BooleanField(_("giữ chức vụ lãnh đạo, quản lý"), default=False)
    is_head_of_unit = models.BooleanField(_("là người đứng đầu đơn vị"), default=False)
    is_direct_worker = models.BooleanField(
        _("người lao động trực tiếp"),
        default=False,
        help_text=_("Không giữ chức vụ lãnh đạo: công nhân, nông dân, nhân viên…"),
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="people")
    sector = models.CharField(_("khối"), max_length=10, choices=Sector.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["unit__path", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(is_leader=True) & Q(is_direct_worker=True)),
                name="person_leader_not_direct_worker",
                violation_error_message=_(
                    "Người giữ chức vụ lãnh đạo không phải là người lao động trực tiếp."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("awards:person_detail", kwargs={"person_id": self.pk})

    @property
    def is_ethnic_minority(self) -> bool:
        return bool(self.ethnicity) and self.ethnicity.strip().lower() not in {"kinh", "việt"}


class HistoryEntry(models.Model):
    """One line of a person's or a collective's record for a year: a title, a rating, an
    award, an initiative or a discipline. Imported for past years, written by decisions."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="history"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="award_history"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại"), max_length=20, choices=HistoryKind.choices)
    title = models.CharField(_("danh hiệu"), max_length=40, blank=True)  # EmulationTitle value
    rating = models.CharField(_("xếp loại"), max_length=10, choices=Rating.choices, blank=True)
    award_form = models.ForeignKey(
        AwardForm, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    initiative_level = models.PositiveSmallIntegerField(
        _("cấp sáng kiến"), choices=InitiativeLevel.choices, null=True, blank=True
    )
    discipline_level = models.PositiveSmallIntegerField(
        _("mức kỷ luật"), choices=DisciplineLevel.choices, null=True, blank=True
    )
    description = models.CharField(_("nội dung"), max_length=255, blank=True)
    decision = models.ForeignKey(
        "awards.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="history_entries"
    )
    source = models.CharField(_("nguồn"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("quá trình thi đua, khen thưởng")
        ordering = ["-year", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(unit__isnull=True))
                | (Q(person__isnull=True) & Q(unit__isnull=False)),
                name="history_person_xor_unit",
                violation_error_message=_(
                    "Mỗi dòng quá trình thuộc một cá nhân hoặc một tập thể, không cả hai."
                ),
            ),
        ]
        indexes = [models.Index(fields=["person", "year"]), models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()} {self.description}"


class QuotaEvent(models.Model):
    """An event whose delegates or awards are shared out per upper-level union (seed 003:
    Hội nghị biểu dương điển hình tiên tiến lần thứ IV, 2020)."""

    name = models.CharField(_("sự kiện"), max_length=255)
    year = models.PositiveSmallIntegerField(_("năm"))
    owner = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="quota_events")
    award_form = models.ForeignKey(
        AwardForm,
        verbose_name=_("hình thức khen thưởng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phân bổ số lượng")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "year", "name"],
                name="quota_event_unique",
                violation_error_message=_("Năm này đã có sự kiện phân bổ cùng tên."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("awards:quota_detail", kwargs={"event_id": self.pk})


class QuotaAllocation(models.Model):
    """A unit's share. Only the four leaves are stored (collectives and individuals, each
    HCSN and SXKD): the totals the seed types by hand — and gets wrong — are computed."""

    event = models.ForeignKey(QuotaEvent, on_delete=models.CASCADE, related_name="allocations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    collectives_hcsn = models.PositiveIntegerField(_("tập thể khối HCSN"), default=0)
    collectives_sxkd = models.PositiveIntegerField(_("tập thể khối SXKD"), default=0)
    individuals_hcsn = models.PositiveIntegerField(_("cá nhân khối HCSN"), default=0)
    individuals_sxkd = models.PositiveIntegerField(_("cá nhân khối SXKD"), default=0)

    class Meta:
        ordering = ["order", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "unit"],
                name="quota_allocation_unique",
                violation_error_message=_("Đơn vị đã có phần phân bổ trong sự kiện này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.unit}"

    @property
    def collectives(self) -> int:
        return self.collectives_hcsn + self.collectives_sxkd

    @property
    def individuals(self) -> int:
        return self.individuals_hcsn + self.individuals_sxkd

    @property
    def total(self) -> int:
        return self.collectives + self.individuals


def dossier_file_path(instance, filename: str) -> str:
    # Generated names: what the uploader called the file is kept only as data; the
    # extension is that of the kind its content was found to be (units.files).
    return f"dossiers/{instance.dossier_id}/{stored_name(uuid.uuid4().hex, instance.content_type)}"


class Dossier(models.Model):
    """A hồ sơ đề nghị khen thưởng: a proposing unit asks for one award form for one or
    many nominees (a tờ trình lists many), with its attachments."""

    proposing_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT, related_name="dossiers"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    campaign = models.ForeignKey(
        "emulation.Campaign",
        verbose_name=_("phong trào"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
    )
    award_form = models.ForeignKey(
        AwardForm, verbose_name=_("hình thức khen thưởng"), on_delete=models.PROTECT, related_name="dossiers"
    )
    quota_event = models.ForeignKey(
        QuotaEvent,
        verbose_name=_("tính vào phân bổ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
    )
    title = models.CharField(_("trích yếu"), max_length=255)
    achievements = models.TextField(_("thành tích"), blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=DossierState.choices, default=DossierState.DRAFT
    )
    submitted_at = models.DateTimeField(_("ngày nộp"), null=True, blank=True)
    returned_reason = models.TextField(_("nội dung cần bổ sung"), blank=True)
    higher_decision = models.CharField(_("quyết định của cấp trên"), max_length=255, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The create form's one-time token: a double click on "Lưu" makes one dossier.
    form_token = models.UUIDField(
        null=True,
        blank=True,
        unique=True,
        editable=False,
        error_messages={"unique": _("Biểu mẫu này đã được gửi.")},
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-year", "-created_at"]
        indexes = [models.Index(fields=["state", "year"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("awards:dossier_detail", kwargs={"dossier_id": self.pk})


class Nominee(models.Model):
    """One person or collective proposed in a dossier, with the council's vote and the
    eligibility checklist computed at appraisal."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="nominees")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations"
    )
    sector = models.CharField(_("khối"), max_length=10, choices=Sector.choices, blank=True)
    summary = models.TextField(_("tóm tắt thành tích"), blank=True)
    eligibility = models.JSONField(_("kết quả kiểm tra điều kiện"), default=list, blank=True)
    vote = models.CharField(_("kết quả xét"), max_length=10, choices=Vote.choices, blank=True)
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(unit__isnull=True))
                | (Q(person__isnull=True) & Q(unit__isnull=False)),
                name="nominee_person_xor_unit",
                violation_error_message=_(
                    "Người được đề nghị là một cá nhân hoặc một tập thể, không cả hai."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.person or self.unit)

    @property
    def is_collective(self) -> bool:
        return self.unit_id is not None

    @property
    def name(self) -> str:
        return self.person.full_name if self.person_id else self.unit.name


class DossierAttachment(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="attachments")
    document_type = models.CharField(_("loại tài liệu"), max_length=30, choices=DocumentType.choices)
    file = models.FileField(upload_to=dossier_file_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document_type", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("awards:attachment_download", kwargs={"dossier_attachment_id": self.pk})


class CouncilSession(models.Model):
    """A meeting of the Hội đồng Thi đua - Khen thưởng that votes on ready dossiers."""

    owner = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="council_sessions")
    title = models.CharField(_("tên phiên họp"), max_length=255)
    held_on = models.DateField(_("ngày họp"))
    members_present = models.ManyToManyField(User, verbose_name=_("thành viên dự họp"), related_name="+")
    dossiers = models.ManyToManyField(Dossier, verbose_name=_("hồ sơ xét"), related_name="council_sessions")
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=SessionState.choices, default=SessionState.OPEN
    )
    minutes = models.TextField(_("biên bản"), blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("awards:session_detail", kwargs={"session_id": self.pk})


class Decision(models.Model):
    """A quyết định khen thưởng: numbered at issue, never deleted (revoked with a reason)."""

    issuer = models.ForeignKey(
        Unit, verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="decisions"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    # The issuing body's abbreviation: the number is 05/QĐ-LĐLĐ (units.DocumentCounter).
    symbol = models.CharField(_("ký hiệu cơ quan"), max_length=20, default="LĐLĐ")
    award_form = models.ForeignKey(
        AwardForm, verbose_name=_("hình thức"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("trích yếu"), max_length=255)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=DecisionState.choices, default=DecisionState.DRAFT
    )
    revoked_reason = models.TextField(_("lý do thu hồi"), blank=True)
    session = models.ForeignKey(
        CouncilSession, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        ordering = ["-year", "-number"]
        constraints = [
            # Numbers run per body and calendar year of signing (NĐ 30/2020), shared
            # with the body's other quyết định (units.DocumentCounter).
            models.UniqueConstraint(
                F("issuer"),
                F("symbol"),
                ExtractYear("signed_on"),
                F("number"),
                condition=Q(number__isnull=False),
                name="decision_unique_number",
                violation_error_message=_("Số quyết định này đã được dùng trong năm."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number_text} — {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("awards:decision_detail", kwargs={"decision_id": self.pk})

    @property
    def number_text(self) -> str:
        if not self.number:
            return str(_("(chưa có số)"))
        return document_number_text(self.number, DocumentKind.DECISION, self.symbol)


class Awardee(models.Model):
    """One person or collective awarded by a decision, with the prize computed at issue."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="awardees")
    nominee = models.ForeignKey(
        Nominee, on_delete=models.PROTECT, null=True, blank=True, related_name="awards"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="awards")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="awards")
    prize = models.DecimalField(_("tiền thưởng (đồng)"), max_digits=14, decimal_places=0, default=Decimal(0))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(unit__isnull=True))
                | (Q(person__isnull=True) & Q(unit__isnull=False)),
                name="awardee_person_xor_unit",
                violation_error_message=_("Người được khen là một cá nhân hoặc một tập thể, không cả hai."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.person or self.unit)
