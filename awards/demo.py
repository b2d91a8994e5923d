"""Demo catalogue of the union's usual awards, the dated base salary, and seed 003's 2020
quota for the exemplar conference. Coefficients are data the provincial admins edit."""

import datetime
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from awards.enums import AwardKind, IssuingLevel, Recipient
from awards.models import AwardForm, BaseSalary, QuotaEvent
from awards.quotas import parse_quota, quota_import
from units.demo import PROVINCE_CODE
from units.enums import UPPER_LEVEL_KINDS
from units.models import Unit

DATA = Path(__file__).resolve().parent / "demo_data"
QUOTA_EVENT = "Hội nghị biểu dương điển hình tiên tiến trong CNVCLĐ toàn tỉnh lần thứ IV, năm 2020"
D = Decimal

# (code, name, level, recipient, kind, individual coefficient, collective coefficient, documents)
CATALOGUE = [
    (
        "bk-ldld",
        "Bằng khen của Ban Chấp hành LĐLĐ tỉnh",
        IssuingLevel.PROVINCE_FEDERATION,
        Recipient.BOTH,
        AwardKind.COMPREHENSIVE,
        D("0.3"),
        D("0.6"),
        ["to_trinh", "bien_ban_hop_xet", "bao_cao_thanh_tich"],
    ),
    (
        "co-ldld",
        "Cờ thi đua của LĐLĐ tỉnh",
        IssuingLevel.PROVINCE_FEDERATION,
        Recipient.COLLECTIVE,
        AwardKind.COMPREHENSIVE,
        D(0),
        D("1.0"),
        ["to_trinh", "bien_ban_hop_xet", "bao_cao_thanh_tich"],
    ),
    (
        "bk-tld",
        "Bằng khen của Tổng Liên đoàn Lao động Việt Nam",
        IssuingLevel.GENERAL_CONFEDERATION,
        Recipient.BOTH,
        AwardKind.COMPREHENSIVE,
        D("1.0"),
        D("2.0"),
        ["to_trinh", "bien_ban_hop_xet", "bao_cao_thanh_tich"],
    ),
    (
        "co-tld",
        "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam",
        IssuingLevel.GENERAL_CONFEDERATION,
        Recipient.COLLECTIVE,
        AwardKind.COMPREHENSIVE,
        D(0),
        D("3.0"),
        ["to_trinh", "bien_ban_hop_xet", "bao_cao_thanh_tich"],
    ),
    (
        "bang-lds",
        "Bằng Lao động sáng tạo",
        IssuingLevel.GENERAL_CONFEDERATION,
        Recipient.INDIVIDUAL,
        AwardKind.THEMATIC,
        D("1.0"),
        D(0),
        ["to_trinh", "bao_cao_sang_kien", "xac_nhan_hieu_qua"],
    ),
    (
        "giai-ndc",
        "Giải thưởng Nguyễn Đức Cảnh",
        IssuingLevel.GENERAL_CONFEDERATION,
        Recipient.INDIVIDUAL,
        AwardKind.THEMATIC,
        D("2.0"),
        D(0),
        ["to_trinh", "bao_cao_thanh_tich"],
    ),
    (
        "knc-cd",
        "Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức Công đoàn”",
        IssuingLevel.GENERAL_CONFEDERATION,
        Recipient.INDIVIDUAL,
        AwardKind.SENIORITY,
        D(0),
        D(0),
        ["to_trinh", "danh_sach_trich_ngang"],
    ),
    (
        "bk-ubnd",
        "Bằng khen của Chủ tịch UBND tỉnh",
        IssuingLevel.PROVINCE_PEOPLES_COMMITTEE,
        Recipient.BOTH,
        AwardKind.COMPREHENSIVE,
        D("1.0"),
        D("2.0"),
        ["to_trinh", "bien_ban_hop_xet", "bao_cao_thanh_tich"],
    ),
    (
        "dvcdxs",
        "Đoàn viên công đoàn xuất sắc",
        IssuingLevel.PROVINCE_FEDERATION,
        Recipient.INDIVIDUAL,
        AwardKind.TITLE,
        D("0.15"),
        D(0),
        ["to_trinh", "bien_ban_hop_xet"],
    ),
    (
        "cdcs-vm",
        "Công đoàn cơ sở vững mạnh",
        IssuingLevel.PROVINCE_FEDERATION,
        Recipient.COLLECTIVE,
        AwardKind.TITLE,
        D(0),
        D("0.3"),
        ["to_trinh", "bien_ban_hop_xet"],
    ),
]


@transaction.atomic
def seed_demo() -> str:
    if AwardForm.objects.exists():
        return "Awards: already loaded."
    for order, (code, name, level, recipient, kind, individual, collective, documents) in enumerate(
        CATALOGUE, 1
    ):
        AwardForm.objects.create(
            code=code,
            name=name,
            issuing_level=level,
            recipient=recipient,
            kind=kind,
            prize_coefficient=individual,
            prize_coefficient_collective=collective,
            required_documents=documents,
            order=order,
        )
    BaseSalary.objects.create(
        valid_from=datetime.date(2024, 7, 1), amount=2_340_000, legal_basis="Nghị định 73/2024/NĐ-CP"
    )
    BaseSalary.objects.create(valid_from=datetime.date(2026, 7, 1), amount=2_530_000, legal_basis="")
    province = Unit.objects.get(code=PROVINCE_CODE)
    if not QuotaEvent.objects.filter(name=QUOTA_EVENT).exists():
        path = DATA / "lai-chau-hoi-nghi-dhtt-2020-phan-bo.csv"
        units = list(Unit.objects.subtree_of(province).active().filter(kind__in=UPPER_LEVEL_KINDS))
        quota_import(
            rows=parse_quota(path.name, path.read_bytes(), units=units),
            name=QUOTA_EVENT,
            year=2020,
            owner=province,
            by=None,
        )
    return f"Awards: {len(CATALOGUE)} award forms, the base salary table and the 2020 quota loaded."
