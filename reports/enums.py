from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    SUPERSEDED = "superseded", _("Đã được thay thế")


class SectionKind(models.TextChoices):
    HEADING = "heading", _("Đề mục")
    PROSE = "prose", _("Nội dung soạn thảo")
    BLOCK = "block", _("Số liệu tự động")


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"


class RenderState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ tạo tệp")
    RUNNING = "running", _("Đang tạo tệp")
    DONE = "done", _("Đã tạo tệp")
    FAILED = "failed", _("Tạo tệp bị lỗi")


class HeadingLevel(models.IntegerChoices):
    PART = 0, _("Phần (căn giữa)")
    SECTION = 1, _("Mục La Mã (I, II …)")
    ITEM = 2, _("Mục số (1, 2 …)")
    SUBITEM = 3, _("Tiểu mục (1.1 …, nghiêng)")


class BlockKey(models.TextChoices):
    """Blocks computed from the data that a template places among its sections
    (reports.blocks builds each one)."""

    AWARD_SUMMARY = "award_summary", _("Khen thưởng trong năm: câu văn")
    AWARD_TABLE = "award_table", _("Khen thưởng trong năm: bảng theo hình thức")
    DOCUMENTS_ISSUED = "documents_issued", _("Văn bản đã ban hành trong năm")
    REGISTRATIONS = "registrations", _("Đăng ký thi đua của các đơn vị")
    INDICATOR_SUMMARY = "indicator_summary", _("Chỉ tiêu: câu văn, số liệu từng đơn vị ở chú thích")
    INDICATOR_TABLE = "indicator_table", _("Chỉ tiêu: bảng kế hoạch, thực hiện, tỷ lệ")
    SCORE_TABLE = "score_table", _("Bảng chấm điểm thi đua của đơn vị")
    BLOC_RANKING = "bloc_ranking", _("Xếp hạng khối thi đua")
    QUOTA_TABLE = "quota_table", _("Phân bổ số lượng")
    ELIGIBILITY = "eligibility", _("Tiêu chuẩn xét chọn")
    PLAN_TASKS = "plan_tasks", _("Nhiệm vụ của kế hoạch năm theo quý")
    DEADLINES = "deadlines", _("Thời hạn gửi đăng ký, báo cáo")
    CAMPAIGN = "campaign", _("Chủ đề và nội dung phong trào")
    DECISION_ARTICLES = "decision_articles", _("Các điều của quyết định khen thưởng")
    AWARDEE_LIST = "awardee_list", _("Danh sách được khen thưởng")
    FORWARDED = "forwarded", _("Hồ sơ trình cấp trên: câu văn theo hình thức")
    FORWARDED_LIST = "forwarded_list", _("Hồ sơ trình cấp trên: danh sách")
