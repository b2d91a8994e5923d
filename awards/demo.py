"""Demo catalogue of the union's usual awards, the dated base salary, and seed 003's 2020
quota for the exemplar conference. Coefficients are data the provincial admins edit."""

import datetime
import random
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from awards.enums import (
    AwardKind,
    DisciplineLevel,
    DossierState,
    Gender,
    HistoryKind,
    InitiativeLevel,
    IssuingLevel,
    Rating,
    Recipient,
    Vote,
)
from awards.models import (
    AwardForm,
    AwardFund,
    BaseSalary,
    CouncilSession,
    Dossier,
    HistoryEntry,
    Person,
    QuotaEvent,
)
from awards.queries import OPEN_DOSSIER_STATES
from awards.quotas import parse_quota, quota_import
from awards.services import (
    attachment_add,
    decision_create,
    decision_issue,
    dossier_create,
    nominee_add,
    session_close,
    session_create,
    set_dossier_state,
)
from emulation.enums import EmulationTitle
from emulation.queries import unit_is_registered
from units.demo import PROVINCE_CODE
from units.enums import UPPER_LEVEL_KINDS, Role, Sector, UnitKind
from units.models import Unit, User

DATA = Path(__file__).resolve().parent / "demo_data"
QUOTA_EVENT = "Hội nghị biểu dương điển hình tiên tiến trong CNVCLĐ toàn tỉnh lần thứ IV, năm 2020"
D = Decimal
DEMO = "demo"  # the source of the demo's history entries

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


def _seed_catalogue() -> str:
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
        valid_from=datetime.date(2019, 7, 1), amount=1_490_000, legal_basis="Nghị định 38/2019/NĐ-CP"
    )
    BaseSalary.objects.create(
        valid_from=datetime.date(2023, 7, 1), amount=1_800_000, legal_basis="Nghị định 24/2023/NĐ-CP"
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


# --- Seed 003's exemplar criteria, people with history, dossiers, council and decisions ---

SPAN = {"from": 2016, "until": 2020}
EXEMPLAR_RULES = [
    {  # Tập thể khối HCSN
        "applies_to": {"recipient": "collective", "sector": "hcsn"},
        "checks": [
            {"check": "titles", "titles": ["ttldtt", "ttldxs"], "years": 5, **SPAN},
            {"check": "ratings", "ratings": ["htxsnv"], "count": 2, **SPAN},
            {"check": "award", "levels": ["bo_nganh", "ubnd_tinh"], **SPAN},
            {
                "check": "any",
                "label": "Có cá nhân có sáng kiến cấp tỉnh hoặc Bằng Lao động sáng tạo",
                "of": [
                    {"check": "initiative", "level": 2, "members": True, **SPAN},
                    {"check": "award", "forms": ["bang-lds"], "members": True, **SPAN},
                ],
            },
            {"check": "no_discipline", "level": 1, "members": True, **SPAN},
        ],
    },
    {  # Tập thể khối SXKD
        "applies_to": {"recipient": "collective", "sector": "sxkd"},
        "checks": [
            {"check": "ratings", "ratings": ["htxsnv", "httnv", "htnv"], "count": 5, **SPAN},
            {"check": "award", "levels": ["ubnd_tinh", "tld", "bo_nganh"], "members": True, **SPAN},
            {"check": "no_discipline", "level": 1, "members": True, **SPAN},
        ],
    },
    {  # Cá nhân khối HCSN giữ chức vụ lãnh đạo
        "applies_to": {"recipient": "individual", "sector": "hcsn", "leader": True},
        "checks": [
            {"check": "ratings", "ratings": ["htxsnv"], "count": 2, **SPAN},
            {
                "check": "any",
                "label": "Sáng kiến cấp tỉnh, Bằng Lao động sáng tạo hoặc Bằng khen Thủ tướng",
                "of": [
                    {"check": "initiative", "level": 2, **SPAN},
                    {"check": "award", "forms": ["bang-lds"], **SPAN},
                    {"check": "award", "levels": ["thu_tuong"], **SPAN},
                ],
            },
            {"check": "no_discipline", "level": 1, **SPAN},
        ],
    },
    {  # Đoàn viên khối HCSN không giữ chức vụ lãnh đạo
        "applies_to": {"recipient": "individual", "sector": "hcsn", "leader": False},
        "checks": [
            {"check": "titles", "titles": ["ldtt", "cstdcs"], "years": 5, **SPAN},
            {"check": "ratings", "ratings": ["htxsnv"], "count": 1, **SPAN},
            {
                "check": "any",
                "label": "02 sáng kiến cấp cơ sở hoặc Bằng khen UBND tỉnh, Tổng Liên đoàn",
                "of": [
                    {"check": "initiative", "level": 1, "count": 2, **SPAN},
                    {"check": "award", "levels": ["ubnd_tinh", "tld"], **SPAN},
                ],
            },
            {"check": "no_discipline", "level": 1, **SPAN},
        ],
    },
    {  # Đoàn viên khối SXKD
        "applies_to": {"recipient": "individual", "sector": "sxkd"},
        "checks": [
            {"check": "ratings", "ratings": ["htxsnv", "httnv"], "count": 2, **SPAN},
            {"check": "titles", "titles": ["dvcdxs"], "years": 1, "consecutive": False, **SPAN},
            {"check": "initiative", "level": 1, **SPAN},
            {"check": "no_discipline", "level": 1, **SPAN},
        ],
    },
    {  # Người đứng đầu: đơn vị có 2 năm trở lên đạt Tập thể lao động xuất sắc
        "applies_to": {"recipient": "individual", "head": True},
        "checks": [{"check": "head_unit_titles", "titles": ["ttldxs"], "count": 2, **SPAN}],
    },
]

FIRST_NAMES = [
    "Lò Thị Mai",
    "Giàng A Sử",
    "Tao Văn Hùng",
    "Vàng Thị Lan",
    "Nguyễn Thu Hà",
    "Phạm Văn Đức",
    "Lý Thị Dung",
    "Hoàng Văn Nam",
    "Sùng A Dế",
    "Đặng Thị Hoa",
    "Lù Văn Páo",
    "Trần Minh Tuấn",
]
ETHNICITIES = ["Thái", "Mông", "Kinh", "Dao", "Kinh", "Giáy"]
HISTORY_YEARS = range(2016, 2025)


def _unit_history(unit: Unit, rng: random.Random) -> list[HistoryEntry]:
    """A CĐCS' own titles and ratings over the history years."""
    entries = []
    for year in HISTORY_YEARS:
        title = (
            EmulationTitle.COLLECTIVE_EXCELLENT if rng.random() < 0.35 else EmulationTitle.COLLECTIVE_ADVANCED
        )
        entries.append(HistoryEntry(unit=unit, year=year, kind=HistoryKind.TITLE, title=title, source=DEMO))
        rating = Rating.EXCELLENT if rng.random() < 0.5 else Rating.GOOD
        entries.append(
            HistoryEntry(unit=unit, year=year, kind=HistoryKind.RATING, rating=rating, source=DEMO)
        )
    return entries


def _person(unit: Unit, position: int, k: int, rng: random.Random) -> Person:
    name = FIRST_NAMES[(position * 2 + k) % len(FIRST_NAMES)]
    leader = k == 0 and position % 2 == 0
    return Person.objects.create(
        full_name=name,
        gender=Gender.FEMALE if "Thị" in name else Gender.MALE,
        birth_year=1975 + rng.randint(0, 20),
        ethnicity=ETHNICITIES[(position + k) % len(ETHNICITIES)],
        position="Chủ tịch công đoàn cơ sở" if leader else "Chuyên viên",
        is_leader=leader,
        is_head_of_unit=False,
        is_direct_worker=not leader,
        unit=unit,
        sector=unit.sector or Sector.HCSN,
    )


def _person_history(person: Person, position: int, k: int, rng: random.Random) -> list[HistoryEntry]:
    """Titles and ratings every year, an initiative for some, one discipline (the sixth
    CĐCS' second person)."""
    entries = []
    for year in HISTORY_YEARS:
        entries.append(
            HistoryEntry(
                person=person,
                year=year,
                kind=HistoryKind.TITLE,
                title=EmulationTitle.ADVANCED_WORKER,
                source=DEMO,
            )
        )
        rating = Rating.EXCELLENT if rng.random() < 0.4 else Rating.GOOD
        entries.append(
            HistoryEntry(person=person, year=year, kind=HistoryKind.RATING, rating=rating, source=DEMO)
        )
    if rng.random() < 0.6:
        entries.append(
            HistoryEntry(
                person=person,
                year=2018 + k,
                kind=HistoryKind.INITIATIVE,
                initiative_level=InitiativeLevel.PROVINCE
                if rng.random() < 0.3
                else InitiativeLevel.GRASSROOTS,
                description="Sáng kiến cải tiến quy trình làm việc",
                source=DEMO,
            )
        )
    if position == 5 and k == 1:
        entries.append(
            HistoryEntry(
                person=person,
                year=2017,
                kind=HistoryKind.DISCIPLINE,
                discipline_level=DisciplineLevel.REPRIMAND,
                description="Khiển trách",
                source=DEMO,
            )
        )
    return entries


def _people_and_history(province: Unit) -> list:
    """Two people in each of a dozen CĐCS, with titles, ratings, initiatives and one
    discipline over 2016–2024, and the CĐCS' own titles and ratings."""
    people = []
    grassroots = list(
        Unit.objects.subtree_of(province).active().filter(kind=UnitKind.GRASSROOTS).order_by("id")[:12]
    )
    ubnd = AwardForm.objects.get(code="bk-ubnd")
    entries = []
    for position, unit in enumerate(grassroots):
        rng = random.Random(f"people-{unit.code}")  # noqa: S311 (repeatable demo data, not secrets)
        entries += _unit_history(unit, rng)
        if position % 3 == 0:
            entries.append(
                HistoryEntry(unit=unit, year=2019, kind=HistoryKind.AWARD, award_form=ubnd, source=DEMO)
            )
        for k in range(2):
            person = _person(unit, position, k, rng)
            people.append(person)
            entries += _person_history(person, position, k, rng)
    HistoryEntry.objects.bulk_create(entries)
    return people


# The moves that bring a new dossier to each state the demo shows.
PATHS = {
    DossierState.DRAFT: [],
    DossierState.SUBMITTED: [DossierState.SUBMITTED],
    DossierState.APPRAISING: [DossierState.SUBMITTED, DossierState.APPRAISING],
    DossierState.RETURNED: [DossierState.SUBMITTED, DossierState.APPRAISING, DossierState.RETURNED],
    DossierState.READY: [DossierState.SUBMITTED, DossierState.APPRAISING, DossierState.READY],
}


def _filed(district, year, title, state, *, award_form, people) -> Dossier | None:
    """A dossier of `district` for its first two people, with every required document,
    moved to `state`; none when the district is not registered for the year (seed 001)."""
    if not unit_is_registered(unit=district, year=year):
        return None
    dossier = dossier_create(
        proposing_unit=district,
        year=year,
        award_form=award_form,
        title=title,
        by=None,
        achievements="Hoàn thành xuất sắc nhiệm vụ năm, có nhiều mô hình hay.",
    )
    for person in people[:2]:
        nominee_add(dossier=dossier, by=None, person=person, summary="Hoàn thành xuất sắc nhiệm vụ")
    uploader = User.objects.filter(unit=district).first() or User.objects.get(username="thidua.tinh")
    for code in award_form.required_documents:
        attachment_add(
            dossier=dossier,
            upload=SimpleUploadedFile(f"{code}.pdf", b"%PDF-1.4\n% demo\n"),
            document_type=code,
            by=uploader,
        )
    for step in PATHS[state]:
        set_dossier_state(
            obj=dossier,
            to=step,
            by=None,
            reason="Bổ sung biên bản họp xét của đơn vị" if step == DossierState.RETURNED else "",
        )
    return dossier


def _council_agrees(province: Unit, council: list, dossiers: list, *, title: str, held_on) -> CouncilSession:
    """A council session over `dossiers` where every member present votes for everyone."""
    session = session_create(
        owner=province, title=title, held_on=held_on, members=council, dossiers=dossiers, by=None
    )
    votes = {n.pk: (len(council), 0) for d in dossiers for n in d.nominees.all()}
    session_close(session=session, votes=votes, by=None)
    return session


def _decided_years(province: Unit, form: AwardForm, council: list, by_district: dict) -> None:
    """2022–2024: three districts' dossiers, agreed by the council, awarded by an issued decision."""
    for year in (2022, 2023, 2024):
        filed = (
            _filed(
                district,
                year,
                f"Đề nghị tặng Bằng khen năm {year} — {district.short_name}",
                DossierState.READY,
                award_form=form,
                people=people,
            )
            for district, people in list(by_district.items())[:3]
        )
        ready = [d for d in filed if d]
        if not ready or not council:
            continue
        session = _council_agrees(
            province,
            council,
            ready,
            title=f"Phiên họp Hội đồng TĐKT xét khen thưởng năm {year}",
            held_on=datetime.date(year, 12, 20),
        )
        decision = decision_create(
            issuer=province,
            year=year,
            award_form=form,
            subject=f"Về việc tặng Bằng khen năm {year}",
            by=None,
            nominees=[n for d in ready for n in d.nominees.filter(vote=Vote.APPROVED)],
            session=session,
            signer_name="Hoàng Văn Trinh",
            signer_title="Phó Chủ tịch",
        )
        decision_issue(decision=decision, signed_on=datetime.date(year, 12, 28), by=None)


def _forwarded(province: Unit, council: list, by_district: dict) -> None:
    """Two 2024 proposals for the Tổng Liên đoàn's Bằng khen: the council agreed; one went
    up and was decided there, the other waits to be sent."""
    tld = AwardForm.objects.get(code="bk-tld")
    districts = list(by_district)
    up = []
    for i in range(2):
        district = districts[i % len(districts)]
        title = f"Đề nghị Tổng Liên đoàn tặng Bằng khen năm 2024 ({i + 1})"
        dossier = _filed(
            district, 2024, title, DossierState.READY, award_form=tld, people=by_district[district]
        )
        if dossier:
            up.append(dossier)
    if not up or not council:
        return
    _council_agrees(
        province,
        council,
        up,
        title="Phiên họp Hội đồng TĐKT xét đề nghị cấp trên năm 2024",
        held_on=datetime.date(2024, 11, 15),
    )
    set_dossier_state(obj=up[0], to=DossierState.FORWARDED, by=None)
    set_dossier_state(
        obj=up[0],
        to=DossierState.HIGHER_DECIDED,
        by=None,
        note="Quyết định số 1234/QĐ-TLĐ ngày 20/12/2024 của Đoàn Chủ tịch Tổng Liên đoàn",
    )


def _dossiers(province: Unit, people: list) -> None:
    """Dossiers in every state; council sessions and issued decisions for 2022–2024."""
    form = AwardForm.objects.get(code="bk-ldld")
    council = list(User.objects.filter(unit=province, role__in=[Role.COUNCIL, Role.LEADER, Role.ADMIN]))
    by_district: dict = {}
    for person in people:
        by_district.setdefault(person.unit.parent, []).append(person)
    by_district.pop(None, None)
    _decided_years(province, form, council, by_district)
    _forwarded(province, council, by_district)
    # 2024: dossiers still on their way, one in each earlier state.
    districts = list(by_district)
    for position, state in enumerate(PATHS):
        district = districts[position % len(districts)]
        title = f"Đề nghị tặng Bằng khen năm 2024 ({state.label}) — {district.short_name}"
        _filed(district, 2024, title, state, award_form=form, people=by_district[district])


@transaction.atomic
def seed_demo() -> str:
    message = _seed_catalogue()
    if Person.objects.exists():
        return message
    exemplar = AwardForm.objects.create(
        code="dhtt-2020",
        name="Điển hình tiên tiến giai đoạn 2016–2020 (Hội nghị lần thứ IV)",
        issuing_level=IssuingLevel.PROVINCE_FEDERATION,
        recipient=Recipient.BOTH,
        kind=AwardKind.THEMATIC,
        prize_coefficient=D("0.3"),
        prize_coefficient_collective=D("0.6"),
        required_documents=["to_trinh", "bao_cao_thanh_tich"],
        eligibility=EXEMPLAR_RULES,
        order=20,
    )
    # Seed 003's conference honours the exemplars of that form: its plan prints their standards.
    QuotaEvent.objects.filter(name=QUOTA_EVENT, award_form__isnull=True).update(award_form=exemplar)
    province = Unit.objects.get(code=PROVINCE_CODE)
    people = _people_and_history(province)
    _dossiers(province, people)
    _funds_and_waiting(province)
    return message + " People with history, dossiers, council sessions and decisions 2022–2024 loaded."


FUND_NOTE = "Dự toán chi năm được Ban Thường vụ phê duyệt"


def _funds_and_waiting(province: Unit) -> None:
    """The province's award fund per year (8% of the budget, or a fixed amount in 2024,
    which the decisions overran), and dossiers left waiting for weeks, as the dashboard
    shows them."""
    today = timezone.localdate()
    for year, budget, amount in (
        (2022, D(60_000_000), None),
        (2023, D(50_000_000), None),
        (2024, D(52_000_000), D(4_000_000)),
        (today.year, D(75_000_000), None),
    ):
        AwardFund.objects.update_or_create(
            owner=province,
            year=year,
            defaults={
                "budget": budget,
                "amount": amount,
                "note": "Dự toán chi năm được Ban Thường vụ phê duyệt",
            },
        )
    waiting = Dossier.objects.filter(state__in=OPEN_DOSSIER_STATES).order_by("pk")
    for days, dossier in zip((45, 30, 21), waiting, strict=False):
        # update() keeps the chosen moment (save() would stamp now on updated_at).
        Dossier.objects.filter(pk=dossier.pk).update(
            updated_at=timezone.now() - datetime.timedelta(days=days)
        )
