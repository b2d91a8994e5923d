from django.db import models
from django.utils.translation import gettext_lazy as _


class Period(models.TextChoices):
    """Reporting periods of seeds 001 and 002: the mid-year review and the year."""

    HALF_YEAR = "H1", _("6 tháng đầu năm")
    YEAR = "Y", _("Cả năm")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Cộng dồn")
    RATIO = "ratio", _("Tỷ lệ giữa hai chỉ tiêu")


class CampaignKind(models.TextChoices):
    REGULAR = "thuong_xuyen", _("Thường xuyên")
    PERIODIC = "theo_dot", _("Theo đợt")
    THEMATIC = "chuyen_de", _("Chuyên đề")


class CampaignState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    LAUNCHED = "launched", _("Đã phát động")
    CLOSED = "closed", _("Đã kết thúc")


class RegistrationState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Trả lại")
    ACCEPTED = "accepted", _("Đã chấp nhận")

    @classmethod
    def editable(cls) -> frozenset:
        """The states in which the unit still edits its registration."""
        return frozenset({cls.DRAFT, cls.RETURNED})


class EmulationTitle(models.TextChoices):
    """Titles a unit registers for (seeds 000, 001): collective ones, and individual ones
    counted per unit."""

    COLLECTIVE_EXCELLENT = "ttldxs", _("Tập thể lao động xuất sắc")
    COLLECTIVE_ADVANCED = "ttldtt", _("Tập thể lao động tiên tiến")
    FLAG_PROVINCE = "co_ldld", _("Cờ thi đua của LĐLĐ tỉnh")
    STRONG_GRASSROOTS = "cdcs_vm", _("Công đoàn cơ sở vững mạnh")
    ADVANCED_WORKER = "ldtt", _("Lao động tiên tiến")
    EMULATION_FIGHTER = "cstdcs", _("Chiến sĩ thi đua cơ sở")
    EXCELLENT_MEMBER = "dvcdxs", _("Đoàn viên công đoàn xuất sắc")


COLLECTIVE_TITLES = (
    EmulationTitle.COLLECTIVE_EXCELLENT,
    EmulationTitle.COLLECTIVE_ADVANCED,
    EmulationTitle.FLAG_PROVINCE,
    EmulationTitle.STRONG_GRASSROOTS,
)
INDIVIDUAL_TITLES = (
    EmulationTitle.ADVANCED_WORKER,
    EmulationTitle.EMULATION_FIGHTER,
    EmulationTitle.EXCELLENT_MEMBER,
)


class WorkState(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký")
    COMPLETED = "completed", _("Đã hoàn thành")
    PLAQUE = "plaque", _("Đã gắn biển")


class DeadlineKind(models.TextChoices):
    REGISTRATION = "registration", _("Đăng ký thi đua")
    MIDYEAR = "midyear", _("Báo cáo sơ kết 6 tháng")
    ANNUAL = "annual", _("Báo cáo tổng kết năm")
    OTHER = "other", _("Khác")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "todo", _("Chưa thực hiện")
    DOING = "doing", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
