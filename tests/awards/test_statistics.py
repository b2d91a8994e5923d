"""Award statistics on crafted decisions: every count equals one made by hand from the
crafted rows (issued decisions only), the direct-worker share is the scoring metric, and
the page renders the numbers with a constant query count."""

import html
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.utils import timezone

from awards.enums import AwardKind, DecisionState, Gender, IssuingLevel, Recipient
from awards.exports import statistics_tables
from awards.models import Awardee, AwardForm, Decision, Person
from awards.queries import award_counts, prize_paid_by
from awards.services import decision_revoke
from scoring.metrics import metric_value
from tests.awards.conftest import person
from units.enums import Sector

YEAR = 2021
METRIC = "ty_le_nguoi_lao_dong_truc_tiep"

# name: (unit code, gender, ethnicity, direct worker)
PEOPLE = {
    "Lò Thị Mai": ("A1", Gender.FEMALE, "Thái", True),
    "Giàng A Sử": ("A1", Gender.MALE, "H'Mông", True),
    "Nguyễn Thị Lan": ("A2", Gender.FEMALE, "Kinh", False),
    "Hà Văn Hùng": ("B1", Gender.MALE, " kinh ", True),
    "Trần Thị Hoa": ("B1", Gender.FEMALE, "", False),
}
# (form code, state, year, [(person name or collective unit code, prize)])
DECISIONS = [
    (
        "bk",
        DecisionState.ISSUED,
        2021,
        [("Lò Thị Mai", 450_000), ("Nguyễn Thị Lan", 450_000), ("A2", 900_000)],
    ),
    (
        "tld",
        DecisionState.ISSUED,
        2021,
        [
            ("Giàng A Sử", 1_000_000),
            ("Hà Văn Hùng", 1_000_000),
            ("Trần Thị Hoa", 1_000_000),
            ("B1", 2_000_000),
        ],
    ),
    ("bk", DecisionState.REVOKED, 2021, [("Lò Thị Mai", 450_000), ("Giàng A Sử", 450_000)]),
    ("tld", DecisionState.DRAFT, 2021, [("Nguyễn Thị Lan", 0)]),
    ("bk", DecisionState.ISSUED, 2020, [("Hà Văn Hùng", 450_000)]),
]
FORMS = {
    "bk": ("Bằng khen LĐLĐ tỉnh", IssuingLevel.PROVINCE_FEDERATION, "LĐLĐ tỉnh"),
    "tld": (
        "Bằng khen Tổng Liên đoàn",
        IssuingLevel.GENERAL_CONFEDERATION,
        "Tổng Liên đoàn Lao động Việt Nam",
    ),
}
# Which units each root's subtree holds.
SUBTREES = {"P": {"A1", "A2", "B1"}, "A": {"A1", "A2"}, "B": {"B1"}, "A2": {"A2"}}
SECTORS = {"A1": Sector.HCSN, "A2": Sector.SXKD, "B1": Sector.HCSN}


@pytest.fixture
def crafted(org):
    """The decisions of DECISIONS, written straight to the tables."""
    units = {"A1": org.a1, "A2": org.a2, "B1": org.b1}
    forms = {
        code: AwardForm.objects.create(
            code=code, name=name, issuing_level=level, recipient=Recipient.BOTH, kind=AwardKind.COMPREHENSIVE
        )
        for code, (name, level, _label) in FORMS.items()
    }
    people = {
        name: Person.objects.create(
            unit=units[code],
            full_name=name,
            sector=SECTORS[code],
            gender=gender,
            ethnicity=ethnicity,
            is_direct_worker=direct,
            is_leader=not direct,
        )
        for name, (code, gender, ethnicity, direct) in PEOPLE.items()
    }
    decisions = []
    for number, (form_code, state, year, awardees) in enumerate(DECISIONS, start=1):
        decision = Decision.objects.create(
            issuer=org.province,
            year=year,
            number=None if state == DecisionState.DRAFT else number,
            award_form=forms[form_code],
            subject=f"QĐ {number}",
            state=state,
        )
        Awardee.objects.bulk_create(
            Awardee(decision=decision, person=people.get(who), unit=units.get(who), prize=prize, order=i)
            for i, (who, prize) in enumerate(awardees, start=1)
        )
        decisions.append(decision)
    return decisions


def _hand_count(root: str, year: int | None) -> dict:
    """The statistics counted from the crafted rows, without the app's code."""
    counted = {
        "total": 0,
        "collectives": 0,
        "individuals": 0,
        "by_form": Counter(),
        "by_level": Counter(),
        "by_sector": Counter(),
        "women": 0,
        "ethnic_minority": 0,
        "direct_workers": 0,
        "prize_money": Decimal(0),
    }
    for form_code, state, decision_year, awardees in DECISIONS:
        if state != DecisionState.ISSUED or (year is not None and decision_year != year):
            continue
        for who, prize in awardees:
            unit_code = PEOPLE[who][0] if who in PEOPLE else who
            if unit_code not in SUBTREES[root]:
                continue
            counted["total"] += 1
            counted["by_form"][FORMS[form_code][0]] += 1
            counted["by_level"][FORMS[form_code][2]] += 1
            counted["by_sector"][SECTORS[unit_code]] += 1
            counted["prize_money"] += prize
            if who not in PEOPLE:
                counted["collectives"] += 1
                continue
            _unit, gender, ethnicity, direct = PEOPLE[who]
            counted["individuals"] += 1
            counted["women"] += gender == Gender.FEMALE
            counted["ethnic_minority"] += ethnicity.strip().lower() not in {"", "kinh"}
            counted["direct_workers"] += direct
    return counted


def _root(org, code):
    return {"P": org.province, "A": org.a, "B": org.b, "A2": org.a2}[code]


def _page(response) -> str:
    """The page's text, one space for each tag, so table cells stay apart."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.mark.parametrize("root", ["P", "A", "B", "A2"])
@pytest.mark.parametrize("year", [YEAR, 2020, None])
def test_award_counts_equal_a_hand_count(org, crafted, root, year, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = award_counts(root=_root(org, root), year=year)
    hand = _hand_count(root, year)
    labels = {level: label for _name, level, label in FORMS.values()}
    assert {
        "total": counts.total,
        "collectives": counts.collectives,
        "individuals": counts.individuals,
        "by_form": Counter({row.name: row.total for row in counts.forms}),
        "by_level": Counter({labels[level]: n for level, n in counts.by_level.items()}),
        "by_sector": Counter(counts.by_sector),
        "women": counts.women,
        "ethnic_minority": counts.ethnic_minority,
        "direct_workers": counts.direct_workers,
        "prize_money": counts.prize,
    } == hand
    assert all(row.total for row in counts.forms)  # no empty form rows


def test_award_counts_share_and_prize_paid(org, crafted):
    counts = award_counts(root=org.province, year=YEAR)
    assert counts.direct_worker_share == Decimal("60.0")
    assert counts.meets_direct_worker_target
    assert not award_counts(root=org.a, year=2019).meets_direct_worker_target
    assert prize_paid_by(org.province, YEAR) == Decimal(6_800_000)
    assert prize_paid_by(org.a, YEAR) == Decimal(0)
    assert award_counts(root=org.province, year=2019).direct_worker_share is None


def test_award_counts_for_the_province_in_2021(org, crafted):
    stats = award_counts(root=org.province, year=YEAR)
    tables = statistics_tables(stats)
    assert (stats.total, stats.collectives, stats.individuals) == (7, 2, 5)
    assert tables["forms"] == [("Bằng khen Tổng Liên đoàn", 4), ("Bằng khen LĐLĐ tỉnh", 3)]
    assert tables["levels"] == [("Tổng Liên đoàn Lao động Việt Nam", 4), ("LĐLĐ tỉnh", 3)]
    assert (stats.women, stats.ethnic_minority, stats.direct_workers) == (3, 2, 3)
    assert stats.direct_worker_share == Decimal("60.0")
    assert stats.prize == Decimal(6_800_000)


def test_award_counts_leave_out_a_decision_once_revoked(org, crafted):
    decision_revoke(decision=crafted[0], reason="Nhầm đối tượng", by=None)
    stats = award_counts(root=org.province, year=YEAR)
    assert (stats.total, stats.collectives, stats.individuals) == (4, 1, 3)
    assert (stats.women, stats.ethnic_minority, stats.direct_workers) == (1, 1, 2)
    assert stats.direct_worker_share == Decimal("66.7")
    assert stats.prize == Decimal(5_000_000)


@pytest.mark.parametrize(
    ("root", "share"),
    [("P", Decimal("60.0")), ("A", Decimal("66.7")), ("B", Decimal("50.0")), ("A2", Decimal("0.0"))],
)
def test_direct_worker_share_metric_equals_the_statistics(org, crafted, root, share):
    unit = _root(org, root)
    assert metric_value(METRIC, unit=unit, year=YEAR) == share
    assert award_counts(root=unit, year=YEAR).direct_worker_share == share


def test_direct_worker_share_metric_is_none_for_a_year_without_awards(org, crafted):
    assert metric_value(METRIC, unit=org.province, year=2019) is None


def test_statistics_page_shows_the_numbers_of_the_users_subtree(client, org, crafted, staff_user, charlie):
    client.force_login(staff_user)
    response = client.get("/khen-thuong/thong-ke/?year=2021")
    text = _page(response)
    assert "Thống kê khen thưởng năm 2021" in text
    assert "Tổng số 7 lượt khen thưởng: 2 tập thể và 5 cá nhân." in text
    assert "Tỷ lệ cá nhân là người lao động trực tiếp: 60%." in text
    assert "Tổng tiền thưởng: 6.800.000 đồng." in text
    assert "Theo hình thức Bằng khen Tổng Liên đoàn 4 Bằng khen LĐLĐ tỉnh 3" in text
    assert "Theo cấp khen thưởng Tổng Liên đoàn Lao động Việt Nam 4 LĐLĐ tỉnh 3" in text
    assert "Nữ 3 Dân tộc thiểu số 2 Người lao động trực tiếp 3" in text
    client.force_login(charlie)
    text = _page(client.get("/khen-thuong/thong-ke/?year=2021"))
    assert "Tổng số 3 lượt khen thưởng: 1 tập thể và 2 cá nhân." in text
    assert "Tỷ lệ cá nhân là người lao động trực tiếp: 50%." in text
    assert "Tổng tiền thưởng: 4.000.000 đồng." in text


def test_statistics_page_defaults_to_this_year(client, org, crafted, staff_user):
    """No awards in the current year (the crafted ones are 2020 and 2021)."""
    client.force_login(staff_user)
    response = client.get("/khen-thuong/thong-ke/")
    assert response.context["year"] == timezone.localdate().year
    assert "Tổng số 0 lượt khen thưởng: 0 tập thể và 0 cá nhân." in _page(response)
    assert "Tỷ lệ cá nhân" not in _page(response)


@pytest.mark.parametrize("count", [3, 300])
def test_statistics_page_query_count_is_constant(
    client, org, form, staff_user, count, django_assert_num_queries
):
    decisions = Decision.objects.bulk_create(
        Decision(
            issuer=org.province,
            year=YEAR,
            number=i,
            award_form=form,
            subject=f"QĐ {i}",
            state=DecisionState.ISSUED,
        )
        for i in range(1, count + 1)
    )
    worker = person(org.a1, is_direct_worker=True)
    Awardee.objects.bulk_create(
        Awardee(decision=d, person=worker, prize=450_000) if i % 3 else Awardee(decision=d, unit=org.a2)
        for i, d in enumerate(decisions)
    )
    client.force_login(staff_user)
    client.get("/")
    with django_assert_num_queries(5):
        response = client.get("/khen-thuong/thong-ke/?year=2021")
    assert response.context["stats"].total == count
    assert response.context["stats"].direct_workers == count - len(range(0, count, 3))
