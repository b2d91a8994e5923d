from django.db import models
from django.utils.translation import gettext_lazy as _


class Period(models.TextChoices):
    """Reporting periods of seeds 001 and 002: the mid-year review and the year."""

    HALF_YEAR = "H1", _("6 tháng đầu năm")
    YEAR = "Y", _("Cả năm")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Cộng dồn")
    RATIO = "ratio", _("Tỷ lệ giữa hai chỉ tiêu")
