from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from emulation.enums import Aggregation, Period
from units.models import Unit, User

FIGURE = {"max_digits": 16, "decimal_places": 2}


class Indicator(models.Model):
    """A pledged target (chỉ tiêu thi đua) that units report, e.g. "Kết nạp đoàn viên mới"
    measured in đoàn viên. Totals add the members' figures up, or for a ratio divide the
    totals of two other indicators; either way computed, never typed (seed 002)."""

    name = models.CharField(_("chỉ tiêu"), max_length=255, unique=True)
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
            ),
        ]

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
                fields=["indicator", "unit", "year", "period"], name="indicator_value_unique"
            ),
            models.CheckConstraint(
                condition=(Q(planned__isnull=True) | Q(planned__gte=0))
                & (Q(actual__isnull=True) | Q(actual__gte=0)),
                name="indicator_value_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["year", "period", "indicator"])]

    def __str__(self) -> str:
        return f"{self.unit} · {self.indicator} · {self.year}-{self.period}"
