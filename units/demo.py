"""The demo organisation: Liên đoàn Lao động tỉnh Lai Châu as the seed documents show it.

Idempotent: every unit, grouping and account is looked up by its code, name or username
first, so running it twice changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from units.enums import GroupingKind, Role, Sector, UnitKind
from units.models import EmulationGrouping, Unit, User
from units.services import account_create, grouping_create, unit_create, unit_merge

PROVINCE_CODE = "LDLD-LC"
DEMO_PASSWORD = "LaiChau@2026!"

HCSN, SXKD = Sector.HCSN, Sector.SXKD

# The 11 upper-level unions in the order and with the names of seed 003's quota table.
UPPER_LEVEL = [
    ("LDLD-TP", "Liên đoàn Lao động thành phố Lai Châu", "LĐLĐ Thành phố", UnitKind.DISTRICT),
    ("LDLD-PT", "Liên đoàn Lao động huyện Phong Thổ", "LĐLĐ huyện Phong Thổ", UnitKind.DISTRICT),
    ("LDLD-TD", "Liên đoàn Lao động huyện Tam Đường", "LĐLĐ huyện Tam Đường", UnitKind.DISTRICT),
    ("LDLD-SH", "Liên đoàn Lao động huyện Sìn Hồ", "LĐLĐ huyện Sìn Hồ", UnitKind.DISTRICT),
    ("LDLD-TU", "Liên đoàn Lao động huyện Tân Uyên", "LĐLĐ huyện Tân Uyên", UnitKind.DISTRICT),
    ("LDLD-THU", "Liên đoàn Lao động huyện Than Uyên", "LĐLĐ huyện Than Uyên", UnitKind.DISTRICT),
    ("LDLD-NN", "Liên đoàn Lao động huyện Nậm Nhùn", "LĐLĐ huyện Nậm Nhùn", UnitKind.DISTRICT),
    ("LDLD-MT", "Liên đoàn Lao động huyện Mường Tè", "LĐLĐ huyện Mường Tè", UnitKind.DISTRICT),
    ("CDN-YT", "Công đoàn ngành Y tế tỉnh Lai Châu", "Công đoàn ngành Y tế", UnitKind.SECTOR_UNION),
    ("CDN-GD", "Công đoàn ngành Giáo dục tỉnh Lai Châu", "Công đoàn ngành Giáo dục", UnitKind.SECTOR_UNION),
    ("CDVC", "Công đoàn Viên chức tỉnh Lai Châu", "Công đoàn Viên chức tỉnh", UnitKind.CIVIL_SERVANTS),
]

# Grassroots unions (CĐCS): the eight the seeds name, and others of the same kinds.
GRASSROOTS = {
    "LDLD-TP": [
        ("CDCS-NUOCSACH", "CĐCS Công ty CP Nước sạch Lai Châu", SXKD),
        ("CDCS-BENXE", "CĐCS Bến xe khách tỉnh", SXKD),
        ("CDCS-UBND-TP", "CĐCS Cơ quan UBND thành phố Lai Châu", HCSN),
        ("CDCS-THCS-DK", "CĐCS Trường THCS Đoàn Kết", HCSN),
        ("CDCS-MTDT", "CĐCS Công ty CP Môi trường Đô thị Lai Châu", SXKD),
    ],
    "LDLD-PT": [
        ("CDCS-UBND-PT", "CĐCS Cơ quan UBND huyện Phong Thổ", HCSN),
        ("CDCS-PTDTNT-PT", "CĐCS Trường PTDTNT huyện Phong Thổ", HCSN),
        ("CDCS-TD-PT", "CĐCS Công ty CP Thủy điện Phong Thổ", SXKD),
    ],
    "LDLD-TD": [
        ("CDCS-CHE-TD", "CĐCS Công ty CP Chè Tam Đường", SXKD),
        ("CDCS-UBND-TD", "CĐCS Cơ quan UBND huyện Tam Đường", HCSN),
        ("CDCS-THPT-BL", "CĐCS Trường THPT Bình Lư", HCSN),
    ],
    "LDLD-SH": [
        ("CDCS-UBND-SH", "CĐCS Cơ quan UBND huyện Sìn Hồ", HCSN),
        ("CDCS-THPT-SH", "CĐCS Trường THPT Sìn Hồ", HCSN),
        ("CDCS-TD-NAMMA", "CĐCS Công ty CP Thủy điện Nậm Mạ", SXKD),
    ],
    "LDLD-TU": [
        ("CDCS-UBND-TU", "CĐCS Cơ quan UBND huyện Tân Uyên", HCSN),
        ("CDCS-THPT-TU", "CĐCS Trường THPT Tân Uyên", HCSN),
        ("CDCS-CHE-TU", "CĐCS Công ty CP Chè Tân Uyên", SXKD),
    ],
    "LDLD-THU": [
        ("CDCS-TRA-THU", "CĐCS Công ty CP Trà Than Uyên", SXKD),
        ("CDCS-UBND-THU", "CĐCS Cơ quan UBND huyện Than Uyên", HCSN),
        ("CDCS-THPT-THU", "CĐCS Trường THPT Than Uyên", HCSN),
    ],
    "LDLD-NN": [
        ("CDCS-UBND-NN", "CĐCS Cơ quan UBND huyện Nậm Nhùn", HCSN),
        ("CDCS-THPT-NN", "CĐCS Trường THPT Nậm Nhùn", HCSN),
    ],
    "LDLD-MT": [
        ("CDCS-UBND-MT", "CĐCS Cơ quan UBND huyện Mường Tè", HCSN),
        ("CDCS-THPT-MT", "CĐCS Trường THPT Mường Tè", HCSN),
    ],
    "CDN-YT": [
        ("CDCS-TTYT-TU", "CĐCS Trung tâm Y tế huyện Tân Uyên", HCSN),
        ("CDCS-BVDK", "CĐCS Bệnh viện Đa khoa tỉnh Lai Châu", HCSN),
        ("CDCS-CDC", "CĐCS Trung tâm Kiểm soát bệnh tật tỉnh", HCSN),
        ("CDCS-TTYT-THU", "CĐCS Trung tâm Y tế huyện Than Uyên", HCSN),
        ("CDCS-DUOC", "CĐCS Công ty CP Dược phẩm Lai Châu", SXKD),
    ],
    "CDN-GD": [
        ("CDCS-LQD", "CĐCS Trường THPT Chuyên Lê Quý Đôn", HCSN),
        ("CDCS-THPT-TP", "CĐCS Trường THPT Thành phố Lai Châu", HCSN),
        ("CDCS-CDCD", "CĐCS Trường Cao đẳng Cộng đồng Lai Châu", HCSN),
        ("CDCS-PTDTNT-T", "CĐCS Trường PTDTNT tỉnh Lai Châu", HCSN),
    ],
    "CDVC": [
        ("CDCS-VP-HDND", "CĐCS Văn phòng HĐND tỉnh", HCSN),
        ("CDCS-VP-TU", "CĐCS Văn phòng Tỉnh ủy", HCSN),
        ("CDCS-STC", "CĐCS Sở Tài chính", HCSN),
        ("CDCS-SNV", "CĐCS Sở Nội vụ", HCSN),
        ("CDCS-SLDTBXH", "CĐCS Sở Lao động - Thương binh và Xã hội", HCSN),
        ("CDCS-BAO-LC", "CĐCS Báo Lai Châu", HCSN),
        ("CDCS-CQ-LDLD", "CĐCS Cơ quan Liên đoàn Lao động tỉnh", HCSN),
    ],
}

# Seed 002: small CĐCS in enterprises were dissolved and merged into a combined one
# (Nghị quyết 10/NQ-BTV, 15/02/2022). The demo keeps one such merge in its history.
MERGED_CDCS = [
    ("CDCS-PHUCUONG", "CĐCS Công ty TNHH Thương mại Phú Cường"),
    ("CDCS-HOANGLONG", "CĐCS Doanh nghiệp tư nhân Hoàng Long"),
    ("CDCS-MINHDUC", "CĐCS Công ty TNHH Xây dựng Minh Đức"),
]
MERGED_INTO = ("CDCS-GHEP-TP", "CĐCS ghép các doanh nghiệp ngoài nhà nước thành phố Lai Châu")
MERGE_DATE = datetime.date(2023, 3, 1)

OUTSIDE_MTTQ = [
    ("MTTQ-LC", "Ủy ban MTTQ Việt Nam tỉnh Lai Châu", "Ủy ban MTTQ tỉnh"),
    ("HLHPN-LC", "Hội Liên hiệp Phụ nữ tỉnh Lai Châu", "Hội Liên hiệp Phụ nữ tỉnh"),
    ("TINHDOAN-LC", "Tỉnh đoàn Lai Châu", "Tỉnh đoàn"),
    ("HND-LC", "Hội Nông dân tỉnh Lai Châu", "Hội Nông dân tỉnh"),
    ("HCCB-LC", "Hội Cựu chiến binh tỉnh Lai Châu", "Hội Cựu chiến binh tỉnh"),
]
OUTSIDE_CLUSTER = [
    ("LDLD-LAOCAI", "Liên đoàn Lao động tỉnh Lào Cai", "LĐLĐ tỉnh Lào Cai"),
    ("LDLD-HAGIANG", "Liên đoàn Lao động tỉnh Hà Giang", "LĐLĐ tỉnh Hà Giang"),
    ("LDLD-DIENBIEN", "Liên đoàn Lao động tỉnh Điện Biên", "LĐLĐ tỉnh Điện Biên"),
    ("LDLD-CAOBANG", "Liên đoàn Lao động tỉnh Cao Bằng", "LĐLĐ tỉnh Cao Bằng"),
    ("LDLD-LANGSON", "Liên đoàn Lao động tỉnh Lạng Sơn", "LĐLĐ tỉnh Lạng Sơn"),
    ("LDLD-SONLA", "Liên đoàn Lao động tỉnh Sơn La", "LĐLĐ tỉnh Sơn La"),
]

BLOC_DISTRICTS = "Khối LĐLĐ các huyện, thành phố"
BLOC_SECTORS = "Khối Công đoàn ngành và Công đoàn Viên chức tỉnh"
BLOC_MTTQ = "Khối thi đua MTTQ và các đoàn thể tỉnh"
CLUSTER_7 = "Cụm thi đua LĐLĐ 7 tỉnh biên giới phía Bắc"

# (username, full name, unit code, role, position)
ACCOUNTS = [
    ("quantri", "Nguyễn Văn Quản", PROVINCE_CODE, Role.ADMIN, "Chuyên viên Văn phòng"),
    ("thidua.tinh", "Lò Thị Thanh", PROVINCE_CODE, Role.PROVINCE_STAFF, "Chuyên viên Ban CSPL&QHLĐ"),
    ("hoidong", "Tao Văn Hùng", PROVINCE_CODE, Role.COUNCIL, "Ủy viên Hội đồng TĐKT"),
    ("lanhdao.tinh", "Hoàng Văn Trinh", PROVINCE_CODE, Role.LEADER, "Phó Chủ tịch"),
    ("canbo.tinh", "Vàng Thị Mai", PROVINCE_CODE, Role.UNIT_STAFF, "Chuyên viên Văn phòng"),
    ("chixem.tinh", "Đỗ Minh Tâm", PROVINCE_CODE, Role.VIEWER, "Chuyên viên"),
    ("canbo.thanhpho", "Phạm Thị Hoa", "LDLD-TP", Role.UNIT_STAFF, "Chuyên viên"),
    ("lanhdao.thanhpho", "Lê Văn Sơn", "LDLD-TP", Role.LEADER, "Chủ tịch"),
    ("chixem.thanhpho", "Giàng A Páo", "LDLD-TP", Role.VIEWER, "Chuyên viên"),
    ("canbo.yte", "Trần Thu Hà", "CDN-YT", Role.UNIT_STAFF, "Chuyên viên"),
    ("lanhdao.yte", "Bùi Quang Vinh", "CDN-YT", Role.LEADER, "Chủ tịch"),
    ("chixem.yte", "Lò Văn Sính", "CDN-YT", Role.VIEWER, "Chuyên viên"),
]


def _unit(code, name, kind, parent, *, short_name="", sector=Sector.NONE, valid_from=None):
    existing = Unit.objects.filter(code=code).first()
    if existing is not None:
        return existing
    return unit_create(
        name=name,
        code=code,
        kind=kind,
        parent=parent,
        by=None,
        short_name=short_name,
        sector=sector,
        valid_from=valid_from,
    )


def _grouping(year, name, kind, owner, members, leader):
    existing = EmulationGrouping.objects.filter(year=year, name=name).first()
    if existing is not None:
        return existing
    return grouping_create(
        year=year, name=name, kind=kind, owner=owner, members=members, leader=leader, by=None
    )


@transaction.atomic
def seed_demo() -> dict:
    province = _unit(
        PROVINCE_CODE,
        "Liên đoàn Lao động tỉnh Lai Châu",
        UnitKind.PROVINCE,
        None,
        short_name="LĐLĐ tỉnh Lai Châu",
    )
    upper = {}
    for code, name, short, kind in UPPER_LEVEL:
        upper[code] = _unit(code, name, kind, province, short_name=short)
    for parent_code, rows in GRASSROOTS.items():
        for code, name, sector in rows:
            _unit(code, name, UnitKind.GRASSROOTS, upper[parent_code], sector=sector)

    if not Unit.objects.filter(code=MERGED_INTO[0]).exists():
        sources = [
            _unit(
                code,
                name,
                UnitKind.GRASSROOTS,
                upper["LDLD-TP"],
                sector=SXKD,
                valid_from=datetime.date(2016, 5, 1),
            )
            for code, name in MERGED_CDCS
        ]
        into = _unit(*MERGED_INTO, UnitKind.GRASSROOTS, upper["LDLD-TP"], sector=SXKD, valid_from=MERGE_DATE)
        unit_merge(
            sources=sources,
            into=into,
            on=MERGE_DATE,
            by=None,
            note="Nghị quyết số 10/NQ-BTV ngày 15/02/2022 về CĐCS ít đoàn viên",
        )

    mttq = [_unit(c, n, UnitKind.OUTSIDE, None, short_name=s) for c, n, s in OUTSIDE_MTTQ]
    cluster = [_unit(c, n, UnitKind.OUTSIDE, None, short_name=s) for c, n, s in OUTSIDE_CLUSTER]

    districts = [upper[c] for c, *_ in UPPER_LEVEL if upper[c].kind == UnitKind.DISTRICT]
    sectors = [upper["CDN-YT"], upper["CDN-GD"], upper["CDVC"]]
    for year in sorted({2020, 2022, 2023, 2024, timezone.localdate().year}):
        _grouping(year, BLOC_DISTRICTS, GroupingKind.BLOC, province, districts, upper["LDLD-TP"])
        _grouping(year, BLOC_SECTORS, GroupingKind.BLOC, province, sectors, upper["CDVC"])
        _grouping(year, BLOC_MTTQ, GroupingKind.OUTSIDE_BLOC, province, [province, *mttq], mttq[0])
        # Seed 002: in 2023 Lai Châu led the cluster (TM. CỤM THI ĐUA / TRƯỞNG CỤM).
        _grouping(year, CLUSTER_7, GroupingKind.CLUSTER, province, [province, *cluster], province)

    created_accounts = []
    for username, full_name, unit_code, role, position in ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        account_create(
            username=username,
            full_name=full_name,
            email=f"{username}@example.vn",
            unit=Unit.objects.get(code=unit_code),
            role=role,
            password=DEMO_PASSWORD,
            position=position,
            by=None,
            must_change_password=False,
        )
        created_accounts.append(username)
    return {"units": Unit.objects.count(), "accounts": created_accounts}
