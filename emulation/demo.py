"""Demo emulation cycle: campaigns, seed 001's 2023 plan, deadlines, registrations and
indicator figures for 2022–2024 (some late, one missing), and seed 002's cluster figures.

Numbers come from a generator seeded by unit and year, so every run gives the same data;
idempotent: nothing is loaded twice.
"""

import csv
import datetime
import random
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from emulation.enums import (
    CampaignKind,
    CampaignState,
    DeadlineKind,
    EmulationTitle,
    Period,
    RegistrationState,
    ReportState,
    TaskStatus,
    WorkState,
)
from emulation.indicators import figures_import, parse_figures
from emulation.models import AnnualPlan, Campaign, Indicator, Registration, ResultReport
from emulation.services import (
    campaign_save,
    deadline_save,
    plan_save,
    registration_save,
    report_save,
    report_submit,
    set_campaign_state,
    set_registration_state,
    upper_level_units,
)
from units.demo import CLUSTER_7, PROVINCE_CODE
from units.models import EmulationGrouping, Unit

DATA = Path(__file__).resolve().parent / "demo_data"
YEARS = (2022, 2023, 2024)
QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
INDICATORS = [
    ("Kết nạp đoàn viên mới", "đoàn viên", (150, 400)),
    ("Thành lập mới CĐCS", "CĐCS", (1, 4)),
    ("Sáng kiến đăng ký", "sáng kiến", (120, 320)),
]
NARRATIVE = {
    "advantages": (
        "Được sự quan tâm lãnh đạo, chỉ đạo của cấp ủy, chính quyền và LĐLĐ tỉnh; "
        "các CĐCS tích cực hưởng ứng phong trào thi đua."
    ),
    "difficulties": "Địa bàn rộng, giao thông khó khăn; số doanh nghiệp ngoài nhà nước ít, quy mô nhỏ.",
    "results": (
        "Triển khai sâu rộng phong trào “Lao động giỏi, Lao động sáng tạo”; "
        "kết nạp đoàn viên, thành lập CĐCS theo kế hoạch."
    ),
    "shortcomings": "Một số CĐCS đăng ký thi đua còn chậm; chất lượng sáng kiến chưa đồng đều.",
    "causes": "Cán bộ công đoàn cơ sở chủ yếu kiêm nhiệm, thay đổi thường xuyên.",
    "proposals": "Đề nghị LĐLĐ tỉnh tăng cường tập huấn nghiệp vụ thi đua, khen thưởng cho cán bộ CĐCS.",
}


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, 0))


def _plan(province: Unit) -> None:
    upper = list(upper_level_units(province))
    tasks = []
    with (DATA / "ke-hoach-2023.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            quarter = int(row["quy"])
            text = row["don_vi_thuc_hien"]
            tasks.append(
                {
                    "quarter": quarter,
                    "content": row["noi_dung"],
                    "responsible_text": text,
                    "responsible": [province, *(upper if text != "LĐLĐ tỉnh" else [])],
                    "due_on": datetime.date(2023, *QUARTER_END[quarter]),
                }
            )
    plan = plan_save(
        owner=province,
        year=2023,
        title="Kế hoạch công tác thi đua, khen thưởng năm 2023",
        by=None,
        tasks=tasks,
        document_number="403/KH-LĐLĐ",
        document_date=datetime.date(2023, 1, 11),
    )
    # By the end of 2023 the first three quarters were done; two tasks of Q4 ran late.
    plan.tasks.filter(quarter__lte=3).update(status=TaskStatus.DONE)
    plan.tasks.filter(quarter=4, number__lt=24).update(status=TaskStatus.DOING)


def _campaigns(province: Unit) -> None:
    specs = [
        (
            "Lao động giỏi, Lao động sáng tạo",
            CampaignKind.REGULAR,
            "Tổng Liên đoàn Lao động Việt Nam",
            datetime.date(2023, 1, 1),
            None,
            CampaignState.LAUNCHED,
        ),
        (
            "Chào mừng Đại hội Công đoàn các cấp tiến tới Đại hội XIII Công đoàn Việt Nam, "
            "nhiệm kỳ 2023-2028",
            CampaignKind.PERIODIC,
            "",
            datetime.date(2023, 1, 15),
            datetime.date(2023, 12, 31),
            CampaignState.LAUNCHED,
        ),
        (
            "Giỏi việc nước, đảm việc nhà",
            CampaignKind.THEMATIC,
            "",
            datetime.date(2022, 3, 1),
            None,
            CampaignState.LAUNCHED,
        ),
        (
            "Xây dựng nông thôn mới và giảm nghèo bền vững giai đoạn 2016-2020",
            CampaignKind.THEMATIC,
            "UBND tỉnh Lai Châu",
            datetime.date(2016, 3, 1),
            datetime.date(2020, 12, 31),
            CampaignState.CLOSED,
        ),
    ]
    # Seed 001's theme of the year goes with the campaign the province launched itself.
    themes = {
        specs[1][0]: (
            "Tập trung phát triển đoàn viên, thành lập công đoàn cơ sở",
            "Các cấp công đoàn thi đua lập thành tích chào mừng Đại hội Công đoàn các cấp, Đại hội XIII "
            "Công đoàn tỉnh Lai Châu và Đại hội XIII Công đoàn Việt Nam; đăng ký công trình, sản phẩm, "
            "phần việc gắn biển chào mừng Đại hội.\n\nMỗi công đoàn cấp trên trực tiếp cơ sở phấn đấu thành "
            "lập mới ít nhất 01 công đoàn cơ sở và kết nạp đoàn viên vượt chỉ tiêu Tổng Liên đoàn giao.",
        )
    }
    for name, kind, outside, start, end, state in specs:
        theme, content = themes.get(name, ("", ""))
        campaign = campaign_save(
            campaign=None,
            owner=province,
            by=None,
            name=name,
            kind=kind,
            launched_by_outside=outside,
            document_number="",
            document_date=None,
            starts_on=start,
            ends_on=end,
            target_unit=province,
            target_grouping=None,
            theme=theme,
            content=content,
        )
        set_campaign_state(obj=campaign, to=CampaignState.LAUNCHED, by=None)
        if state == CampaignState.CLOSED:
            set_campaign_state(obj=campaign, to=CampaignState.CLOSED, by=None)


def _deadlines(province: Unit, year: int) -> None:
    for kind, name, month, day in (
        (DeadlineKind.REGISTRATION, "Đăng ký thi đua", 2, 10),
        (DeadlineKind.MIDYEAR, "Báo cáo sơ kết 6 tháng", 6, 10),
        (DeadlineKind.ANNUAL, "Báo cáo tổng kết năm", 12, 10),
    ):
        due = datetime.date(year, month, day)
        lock = due + datetime.timedelta(days=20) if kind == DeadlineKind.REGISTRATION else None
        deadline_save(
            owner=province, year=year, kind=kind, name=f"{name} {year}", due_on=due, lock_on=lock, by=None
        )


def _cycle(province: Unit, year: int, indicators: list[Indicator]) -> None:
    """Every upper-level union registers (one late; in 2024 Mường Tè misses it) and
    reports its figures mid-year and at year end."""
    campaign = Campaign.objects.filter(name="Lao động giỏi, Lao động sáng tạo").first()
    for position, unit in enumerate(upper_level_units(province).order_by("id")):
        rng = random.Random(f"{unit.code}-{year}")  # noqa: S311 (repeatable demo data, not secrets)
        if year == 2024 and unit.code == "LDLD-MT":
            continue
        pledges = _register(unit, year, position, rng, indicators, campaign)
        for period, due in (
            (Period.HALF_YEAR, datetime.date(year, 6, 10)),
            (Period.YEAR, datetime.date(year, 12, 10)),
        ):
            _report(unit, year, position, rng, pledges, period, due)


def _register(unit: Unit, year: int, position: int, rng, indicators, campaign) -> dict:
    """The union's accepted registration, sent in early February (the fifth union a few
    days after the deadline); returns its pledges."""
    pledges = {i: Decimal(rng.randint(*spec[2])) for i, spec in zip(indicators, INDICATORS, strict=True)}
    registration = registration_save(
        unit=unit,
        year=year,
        by=None,
        titles={
            EmulationTitle.COLLECTIVE_EXCELLENT if position % 3 else EmulationTitle.COLLECTIVE_ADVANCED: 1,
            EmulationTitle.ADVANCED_WORKER: rng.randint(20, 60),
            EmulationTitle.EMULATION_FIGHTER: rng.randint(2, 6),
        },
        models=[("Mô hình “Dân vận khéo” trong CĐCS", "Dân vận")],
        works=[
            (
                "Phần việc chào mừng Đại hội Công đoàn các cấp",
                "Đại hội XIII Công đoàn Việt Nam",
                Decimal(rng.randint(5, 40) * 1_000_000),
                WorkState.COMPLETED if year < 2024 else WorkState.REGISTERED,
            )
        ],
        campaigns=[campaign] if campaign else [],
        pledges=pledges,
        note="",
    )
    set_registration_state(obj=registration, to=RegistrationState.SUBMITTED, by=None)
    set_registration_state(obj=registration, to=RegistrationState.ACCEPTED, by=None)
    day = datetime.date(year, 2, 14) if position == 4 else datetime.date(year, 2, 1 + position % 9)
    Registration.objects.filter(pk=registration.pk).update(
        submitted_at=_at(day), accepted_at=_at(day + datetime.timedelta(days=5))
    )
    return pledges


def _report(
    unit: Unit, year: int, position: int, rng, pledges: dict, period: str, due: datetime.date
) -> None:
    """The union's report of a period, sent a few days before the deadline (the eighth
    union's mid-year one late); in 2024 every fourth year-end report is still a draft."""
    share = Decimal("0.5") if period == Period.HALF_YEAR else Decimal(rng.randint(85, 120)) / 100
    report = report_save(
        unit=unit,
        year=year,
        period=period,
        by=None,
        narrative=NARRATIVE,
        actuals={i: (planned * share).quantize(Decimal(1)) for i, planned in pledges.items()},
    )
    if year == 2024 and period == Period.YEAR and position % 4 == 3:
        return  # still a draft: shows as missing on the board
    report_submit(report=report, by=None)
    late = position == 7 and period == Period.HALF_YEAR
    sent = due + datetime.timedelta(days=4) if late else due - datetime.timedelta(days=1 + position % 5)
    ResultReport.objects.filter(pk=report.pk).update(submitted_at=_at(sent), state=ReportState.SUBMITTED)


@transaction.atomic
def seed_demo() -> str:
    if AnnualPlan.objects.exists():
        return "Emulation: already loaded."
    province = Unit.objects.get(code=PROVINCE_CODE)
    _campaigns(province)
    _plan(province)
    indicators = []
    for order, (name, measure, _range) in enumerate(INDICATORS, start=1):
        indicators.append(
            Indicator.objects.get_or_create(name=name, defaults={"measure": measure, "order": order})[0]
        )
    for year in (*YEARS, timezone.localdate().year):
        _deadlines(province, year)
    for year in YEARS:
        _cycle(province, year, indicators)
    cluster = EmulationGrouping.objects.get(year=2023, name=CLUSTER_7)
    path = DATA / "cum-7-tinh-2023-6-thang-chi-tieu.csv"
    members = [m.unit for m in cluster.memberships.select_related("unit")]
    figures_import(
        rows=parse_figures(path.name, path.read_bytes(), units=members),
        year=2023,
        period=Period.HALF_YEAR,
        by=None,
        source=path.name,
    )
    return (
        "Emulation: campaigns, the 2023 plan, deadlines, registrations, reports and cluster figures loaded."
    )
