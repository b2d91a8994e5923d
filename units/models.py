import datetime
import unicodedata

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, router
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from units.enums import (
    DEFAULT_DOCUMENT_SYMBOLS,
    AuditAction,
    DocumentKind,
    GroupingKind,
    Role,
    Sector,
    UnitChangeKind,
    UnitKind,
)

PATH_SEPARATOR = "/"


class ConstraintFieldErrors:
    """Model mixin: a named constraint's violation is reported on the field the user
    corrects, `constraint_fields = {"campaign_ends_after_start": "ends_on"}`, instead of
    above the form; the text is the constraint's own violation_error_message. The rule
    and its message are stated once, in the constraint, and hold for model forms and
    for services' full_clean() alike (house style 5 pairs constraints with clean(); a
    clean() repeating each condition would state every rule twice).

    Django checks a constraint only when none of its fields is excluded (a model form
    excludes the fields it does not have), so the field named here is always on the form.
    """

    constraint_fields: dict[str, str] = {}

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(type(self), instance=self)
        errors: dict[str, list[ValidationError]] = {}
        for model_class, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as exc:
                    field = self.constraint_fields.get(constraint.name, NON_FIELD_ERRORS)
                    errors.setdefault(field, []).extend(exc.error_list)
        if errors:
            raise ValidationError(errors)


def fold_text(text: str) -> str:
    """Lower case without diacritics: "CĐCS Bệnh viện" → "cdcs benh vien".

    Stored beside the names so that search ignores case and accents on every database
    (SQLite's LIKE folds only ASCII letters; staff type with or without accents).
    """
    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return " ".join(text.lower().split())


class UnitQuerySet(models.QuerySet):
    def subtree_of(self, unit: "Unit") -> "UnitQuerySet":
        """The unit and everything below it, in one indexed prefix query."""
        return self.filter(path__startswith=unit.path)

    def active_on(self, day: datetime.date) -> "UnitQuerySet":
        return self.filter(Q(valid_from__lte=day) | Q(valid_from__isnull=True)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day)
        )

    def active(self) -> "UnitQuerySet":
        return self.filter(valid_to__isnull=True)

    def search(self, text: str) -> "UnitQuerySet":
        folded = fold_text(text)
        if not folded:
            return self
        return self.filter(search_text__contains=folded)


class Unit(ConstraintFieldErrors, models.Model):
    """A union body (or an outside body met in blocs and clusters).

    The tree is a materialised path ("12/40/311/", primary keys joined by "/") next to a
    plain parent key. Why this and not a closure table or treebeard: every list and report
    scopes by "the user's subtree", which with a path is one indexed prefix filter that
    composes with any other filter; moving a branch is one UPDATE of its paths; the
    parent key keeps select_related, the admin and integrity checks ordinary. Units are
    never deleted: a merged or dissolved unit keeps its place and its records, with
    valid_to set (rule 10 of the domain: history survives reorganisations).
    """

    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=120, blank=True)
    code = models.CharField(
        _("mã đơn vị"), max_length=40, unique=True, error_messages={"unique": _("Mã đơn vị này đã có.")}
    )
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices)
    sector = models.CharField(
        _("khối"), max_length=10, choices=Sector.choices, blank=True, default=Sector.NONE
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    valid_from = models.DateField(_("hoạt động từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("ngừng hoạt động từ ngày"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị tiếp nhận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
    )
    document_symbol = models.CharField(
        _("ký hiệu trên văn bản"),
        max_length=20,
        blank=True,
        help_text=_("Chữ viết tắt tên cơ quan trong số văn bản, ví dụ LĐLĐ trong 339/BC-LĐLĐ."),
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="unit_valid_to_after_valid_from",
                violation_error_message=_("Ngày bắt đầu hoạt động phải trước ngày ngừng hoạt động."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")),
                name="unit_not_own_parent",
                violation_error_message=_("Đơn vị không thể là cấp trên của chính nó."),
            ),
            models.UniqueConstraint(
                Upper("code"),
                name="unit_code_unique_ignoring_case",
                violation_error_message=_("Mã đơn vị này đã có (không phân biệt chữ hoa, chữ thường)."),
            ),
        ]

    constraint_fields = {"unit_valid_to_after_valid_from": "valid_from", "unit_not_own_parent": "parent"}

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "short_name", "code"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("units:unit_detail", kwargs={"unit_id": self.pk})

    def build_search_text(self) -> str:
        return fold_text(f"{self.name} {self.short_name} {self.code}")

    @property
    def is_active(self) -> bool:
        return self.valid_to is None

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def ancestor_ids(self) -> list[int]:
        """Primary keys from the root down to the parent, read from the path."""
        return [int(part) for part in self.path.split(PATH_SEPARATOR) if part][:-1]

    @property
    def symbol(self) -> str:
        """The issuing body's abbreviation in document numbers ("LĐLĐ")."""
        return self.document_symbol or DEFAULT_DOCUMENT_SYMBOLS.get(self.kind, "")

    def is_in_subtree_of(self, other: "Unit") -> bool:
        return self.path.startswith(other.path)


class UnitChange(models.Model):
    """One dated event in a unit's history: created, moved, merged, dissolved.

    `other` is the unit on the far side of the event: the new parent of a move, the unit
    that took over a merged unit, the parent that kept a dissolved unit's records. A
    unit's history page shows its own events and those where it is `other`, so that the
    CĐCS merged into it (seed 002: nine CĐCS merged into two) stay visible from it.
    """

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField(max_length=20, choices=UnitChangeKind.choices)
    on = models.DateField(_("ngày"))
    other = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="changes_received"
    )
    previous_parent = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("ghi chú"), blank=True)
    by = models.ForeignKey("units.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["other", "on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit} ({self.on:%d/%m/%Y})"


class DocumentCounter(models.Model):
    """The last number a body gave to one type of document in a year (NĐ 30/2020: numbers
    run from 01 each year per issuing body and type). The row is locked while a number is
    taken, so two documents issued at the same moment never share one. Award decisions and
    the formal documents of the reports app draw from the same counters."""

    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=5, choices=DocumentKind.choices)
    # A unit that also writes for a cluster it leads (733/BC-CTĐ) numbers those apart.
    symbol = models.CharField(max_length=20)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "kind", "symbol"],
                name="document_counter_unique",
                violation_error_message=_("Đơn vị đã có sổ đánh số cho loại văn bản này trong năm."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuer_id}/{self.year}/{self.kind}-{self.symbol}: {self.last_number}"


class EmulationGrouping(ConstraintFieldErrors, models.Model):
    """A khối thi đua or cụm thi đua for one year.

    Internal blocs group peer units of the province (Khối LĐLĐ huyện, thành phố; Khối
    Công đoàn ngành và Công đoàn Viên chức). Outside groupings have the province as one
    member among outside bodies (Khối MTTQ và các đoàn thể tỉnh; Cụm thi đua LĐLĐ 7 tỉnh
    biên giới phía Bắc). `owner` is the unit whose staff manage the grouping here.
    """

    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên khối/cụm"), max_length=255)
    kind = models.CharField(_("loại"), max_length=20, choices=GroupingKind.choices)
    owner = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị quản lý"),
        on_delete=models.PROTECT,
        related_name="owned_groupings",
    )
    leader = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị trưởng khối/cụm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_groupings",
    )
    members = models.ManyToManyField(
        Unit, through="GroupingMembership", related_name="groupings", verbose_name=_("thành viên")
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("khối/cụm thi đua")
        verbose_name_plural = _("khối/cụm thi đua")
        ordering = ["-year", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "name"],
                name="grouping_unique_year_name",
                violation_error_message=_("Năm này đã có khối/cụm thi đua cùng tên."),
            )
        ]

    constraint_fields = {"grouping_unique_year_name": "name"}

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("units:grouping_detail", kwargs={"grouping_id": self.pk})


class GroupingMembership(models.Model):
    grouping = models.ForeignKey(EmulationGrouping, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="memberships")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["grouping", "unit"],
                name="membership_unique_unit",
                violation_error_message=_("Đơn vị đã là thành viên của khối/cụm này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} ∈ {self.grouping}"


class User(AbstractUser):
    """An account belongs to one unit with one role; access is role × the unit's subtree."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="accounts"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    must_change_password = models.BooleanField(_("phải đổi mật khẩu"), default=False)

    objects = UserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_absolute_url(self) -> str:
        return reverse("units:account_detail", kwargs={"user_id": self.pk})


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The audit log is append-only.")

    def delete(self):
        raise TypeError("The audit log is append-only.")


class AuditEntry(models.Model):
    """Append-only record of who did what, when, from where.

    Nothing in the application updates or deletes rows: save() refuses an existing row,
    delete() and the queryset's bulk update/delete raise, and the admin is read-only.
    """

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    actor_username = models.CharField(_("tài khoản"), max_length=150, blank=True)
    actor_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    action = models.CharField(_("hành động"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("loại đối tượng"), max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    path = models.CharField(max_length=255, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["action", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_username} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The audit log is append-only.")


class Notification(models.Model):
    """An in-app message to one account (the bell in the navigation bar)."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField(_("nội dung"), max_length=500)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.message
