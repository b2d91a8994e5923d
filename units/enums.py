from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "tinh", _("LĐLĐ tỉnh")
    DISTRICT = "huyen", _("LĐLĐ huyện/thành phố")
    SECTOR_UNION = "nganh", _("Công đoàn ngành")
    CIVIL_SERVANTS = "vien_chuc", _("Công đoàn Viên chức")
    BLOC_UNION = "khoi", _("Công đoàn khối")
    GRASSROOTS = "cdcs", _("Công đoàn cơ sở")
    OUTSIDE = "ngoai", _("Cơ quan, tổ chức bên ngoài")


# Upper-level unions directly above the grassroots (công đoàn cấp trên trực tiếp cơ sở):
# they register, self-score and submit dossiers for themselves and their CĐCS (seed 003).
UPPER_LEVEL_KINDS = frozenset(
    {UnitKind.DISTRICT, UnitKind.SECTOR_UNION, UnitKind.CIVIL_SERVANTS, UnitKind.BLOC_UNION}
)


class Sector(models.TextChoices):
    NONE = "", _("Không phân khối")
    HCSN = "hcsn", _("Hành chính sự nghiệp (HCSN)")
    SXKD = "sxkd", _("Sản xuất kinh doanh (SXKD)")


class Role(models.TextChoices):
    ADMIN = "quan_tri", _("Quản trị hệ thống")
    PROVINCE_STAFF = "can_bo_tinh", _("Cán bộ thi đua tỉnh")
    COUNCIL = "hoi_dong", _("Thành viên Hội đồng TĐKT")
    LEADER = "lanh_dao", _("Lãnh đạo")
    UNIT_STAFF = "can_bo_don_vi", _("Cán bộ đơn vị")
    VIEWER = "chi_xem", _("Chỉ xem")


class UnitChangeKind(models.TextChoices):
    CREATED = "created", _("Thành lập")
    # A unit entered without a known founding date: the date is when it was recorded.
    RECORDED = "recorded", _("Đưa vào hệ thống")
    UPDATED = "updated", _("Sửa thông tin")
    MOVED = "moved", _("Chuyển đơn vị quản lý")
    MERGED = "merged", _("Sáp nhập")
    DISSOLVED = "dissolved", _("Giải thể")


class GroupingKind(models.TextChoices):
    BLOC = "khoi", _("Khối thi đua nội bộ")
    OUTSIDE_BLOC = "khoi_ngoai", _("Khối thi đua bên ngoài")
    CLUSTER = "cum", _("Cụm thi đua")


class AuditAction(models.TextChoices):
    CREATE = "create", _("Tạo mới")
    UPDATE = "update", _("Cập nhật")
    DELETE = "delete", _("Xóa")
    STATE = "state", _("Chuyển trạng thái")
    LOGIN = "login", _("Đăng nhập")
    LOGOUT = "logout", _("Đăng xuất")
    LOGIN_FAILED = "login_failed", _("Đăng nhập thất bại")
    LOCKED_OUT = "locked_out", _("Khóa đăng nhập")
    SESSION_EXPIRED = "session_expired", _("Hết phiên làm việc")
    PASSWORD_CHANGED = "password_changed", _("Đổi mật khẩu")
    ACCESS_DENIED = "access_denied", _("Từ chối truy cập")
    IMPORT = "import", _("Nhập dữ liệu")
    READ_SENSITIVE = "read_sensitive", _("Xem dữ liệu cá nhân nhạy cảm")


class DocumentKind(models.TextChoices):
    """Types of administrative documents (NĐ 30/2020, Phụ lục III); the value is the
    abbreviation printed in the number: 339/BC-LĐLĐ, 403/KH-LĐLĐ. A công văn has none
    (400/LĐLĐ)."""

    REPORT = "BC", _("Báo cáo")
    PLAN = "KH", _("Kế hoạch")
    DECISION = "QĐ", _("Quyết định")
    SUBMISSION = "TTr", _("Tờ trình")
    LETTER = "CV", _("Công văn")
    NOTICE = "TB", _("Thông báo")
    GUIDANCE = "HD", _("Hướng dẫn")
    PROGRAMME = "CTr", _("Chương trình")


# Default abbreviations of the issuing body in document numbers, by kind of unit.
DEFAULT_DOCUMENT_SYMBOLS = {
    UnitKind.PROVINCE: "LĐLĐ",
    UnitKind.DISTRICT: "LĐLĐ",
    UnitKind.SECTOR_UNION: "CĐN",
    UnitKind.CIVIL_SERVANTS: "CĐVC",
    UnitKind.BLOC_UNION: "CĐK",
    UnitKind.GRASSROOTS: "CĐCS",
}
