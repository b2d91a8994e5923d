from django.db import models
from django.utils.translation import gettext_lazy as _


class IssuingLevel(models.TextChoices):
    PROVINCE_FEDERATION = "ldld_tinh", _("LĐLĐ tỉnh")
    GENERAL_CONFEDERATION = "tld", _("Tổng Liên đoàn Lao động Việt Nam")
    PROVINCE_PEOPLES_COMMITTEE = "ubnd_tinh", _("UBND tỉnh")
    PRIME_MINISTER = "thu_tuong", _("Thủ tướng Chính phủ")
    PRESIDENT = "chu_tich_nuoc", _("Chủ tịch nước")
    MINISTRY = "bo_nganh", _("Bộ, ngành")


class Recipient(models.TextChoices):
    COLLECTIVE = "tap_the", _("Tập thể")
    INDIVIDUAL = "ca_nhan", _("Cá nhân")
    BOTH = "ca_hai", _("Tập thể và cá nhân")


class AwardKind(models.TextChoices):
    COMPREHENSIVE = "toan_dien", _("Toàn diện")
    THEMATIC = "chuyen_de", _("Chuyên đề")
    AD_HOC = "dot_xuat", _("Đột xuất")
    SENIORITY = "nien_han", _("Niên hạn")
    TITLE = "danh_hieu", _("Danh hiệu thi đua")


class Gender(models.TextChoices):
    FEMALE = "nu", _("Nữ")
    MALE = "nam", _("Nam")


class HistoryKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu")
    RATING = "rating", _("Xếp loại hoàn thành nhiệm vụ")
    AWARD = "award", _("Khen thưởng")
    INITIATIVE = "initiative", _("Sáng kiến")
    DISCIPLINE = "discipline", _("Kỷ luật")


class Rating(models.TextChoices):
    """Xếp loại mức độ hoàn thành nhiệm vụ."""

    EXCELLENT = "htxsnv", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "httnv", _("Hoàn thành tốt nhiệm vụ")
    DONE = "htnv", _("Hoàn thành nhiệm vụ")
    NOT_DONE = "khtnv", _("Không hoàn thành nhiệm vụ")


class InitiativeLevel(models.IntegerChoices):
    GRASSROOTS = 1, _("Cấp cơ sở")
    PROVINCE = 2, _("Cấp tỉnh")
    NATIONAL = 3, _("Cấp toàn quốc")


class DisciplineLevel(models.IntegerChoices):
    """Ordered by severity: "từ khiển trách trở lên" (seed 003) is level ≥ REPRIMAND."""

    REPRIMAND = 1, _("Khiển trách")
    WARNING = 2, _("Cảnh cáo")
    DEMOTION = 3, _("Hạ bậc lương, giáng chức")
    DISMISSAL = 4, _("Cách chức, buộc thôi việc")
