from django.db import models
from django.utils.translation import gettext_lazy as _


class TableStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PUBLISHED = "published", _("Đã ban hành")
    CLOSED = "closed", _("Đã kết thúc")


class SheetState(models.TextChoices):
    DRAFT = "draft", _("Đang tự chấm")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Trả lại bổ sung")
    APPRAISED = "appraised", _("Đã thẩm định")
    PUBLISHED = "published", _("Đã công bố")


class ScoreKind(models.TextChoices):
    SELF = "self", _("Tự chấm")
    APPRAISED = "appraised", _("Thẩm định")
