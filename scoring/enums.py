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


# The unit fills in its self-score while its sheet is in one of these states.
OPEN_TO_SELF = frozenset({SheetState.DRAFT, SheetState.RETURNED})
# A sheet in one of these has its appraisal (made here or recorded from a leader's result).
APPRAISED_STATES = frozenset({SheetState.APPRAISED, SheetState.PUBLISHED})


class ScoreKind(models.TextChoices):
    SELF = "self", _("Tự chấm")
    APPRAISED = "appraised", _("Thẩm định")


class AppraisalSource(models.TextChoices):
    """Who made a sheet's appraisal: an appraiser here, or an outside grouping's leader
    whose result the province recorded from its document (seed 000: the MTTQ bloc)."""

    INTERNAL = "internal", _("Thẩm định trong hệ thống")
    RECORDED = "recorded", _("Kết quả của Trưởng khối/cụm, ghi nhận theo văn bản")
