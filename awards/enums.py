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


class DossierState(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    SUBMITTED = "submitted", _("Đã nộp")
    APPRAISING = "appraising", _("Đang thẩm định")
    RETURNED = "returned", _("Trả lại bổ sung")
    READY = "ready", _("Đủ điều kiện trình Hội đồng")
    COUNCIL_DONE = "council_done", _("Hội đồng đã xét")
    DECIDED = "decided", _("Đã có quyết định")
    FORWARDED = "forwarded", _("Trình cấp trên")
    HIGHER_DECIDED = "higher_decided", _("Cấp trên đã quyết định")


class Vote(models.TextChoices):
    APPROVED = "approved", _("Đồng ý")
    REJECTED = "rejected", _("Không đồng ý")


class DocumentType(models.TextChoices):
    """Documents a dossier carries (the award's checklist names some of them)."""

    PROPOSAL = "to_trinh", _("Tờ trình")
    MINUTES = "bien_ban_hop_xet", _("Biên bản họp xét")
    ACHIEVEMENTS = "bao_cao_thanh_tich", _("Báo cáo thành tích")
    INITIATIVE = "bao_cao_sang_kien", _("Báo cáo sáng kiến")
    EFFECT = "xac_nhan_hieu_qua", _("Xác nhận hiệu quả áp dụng")
    ROSTER = "danh_sach_trich_ngang", _("Danh sách trích ngang")
    OTHER = "khac", _("Tài liệu khác")


class SessionState(models.TextChoices):
    OPEN = "open", _("Đang họp")
    CLOSED = "closed", _("Đã kết thúc")


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    REVOKED = "revoked", _("Đã thu hồi")
