"""Prize money at issue: the base salary in force on the signing date prices each awardee's
prize from the form's coefficient for a collective or an individual (QĐ 999/QĐ-TLĐ)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from awards.enums import AwardKind, DecisionState, IssuingLevel, Recipient
from awards.models import Awardee, AwardForm, BaseSalary, Decision, HistoryEntry
from awards.prizes import awardee_prize, base_salary_on, prize_base_on
from awards.services import decision_issue
from tests.awards.conftest import person

JULY_2024 = datetime.date(2024, 7, 1)


def award_form(individual="0", collective="0", code="bk"):
    return AwardForm(
        code=code,
        name="Bằng khen LĐLĐ tỉnh",
        issuing_level=IssuingLevel.PROVINCE_FEDERATION,
        recipient=Recipient.BOTH,
        kind=AwardKind.COMPREHENSIVE,
        prize_coefficient=Decimal(individual),
        prize_coefficient_collective=Decimal(collective),
    )


@pytest.fixture
def base_2024(db):
    return BaseSalary.objects.create(valid_from=JULY_2024, amount=2_340_000)


@pytest.mark.parametrize(("individual", "collective"), [("0.3", "0"), ("0", "0.6"), ("0.3", "0.6")])
def test_prize_base_refuses_a_form_with_a_coefficient_before_any_base_salary(
    base_2024, individual, collective
):
    with pytest.raises(ValidationError) as exc:
        prize_base_on(award_form(individual, collective), datetime.date(2024, 6, 30))
    assert exc.value.messages == ["Chưa có mức lương cơ sở áp dụng cho ngày 30/06/2024."]


def test_prize_base_is_the_base_salary_in_force_or_none_for_a_form_without_prize(base_2024):
    assert prize_base_on(award_form("0.3"), JULY_2024) == Decimal(2_340_000)
    assert prize_base_on(award_form(), datetime.date(2024, 6, 30)) is None
    assert prize_base_on(award_form(), JULY_2024) == Decimal(2_340_000)


def test_base_salary_on_takes_the_latest_row_in_force(db):
    assert base_salary_on(JULY_2024) is None
    BaseSalary.objects.create(valid_from=datetime.date(2023, 7, 1), amount=1_800_000)
    BaseSalary.objects.create(valid_from=JULY_2024, amount=2_340_000)
    assert base_salary_on(datetime.date(2024, 6, 30)) == Decimal(1_800_000)
    assert base_salary_on(datetime.date(2030, 1, 1)) == Decimal(2_340_000)


def test_awardee_prize_takes_the_coefficient_of_its_kind():
    form = award_form("0.3", "0.6")
    base = Decimal(2_340_000)
    # 0,3 × 2.340.000 = 702.000 → 710.000; 0,6 × 2.340.000 = 1.404.000 → 1.410.000
    assert awardee_prize(form, collective=False, base=base) == Decimal(710_000)
    assert awardee_prize(form, collective=True, base=base) == Decimal(1_410_000)


def test_awardee_prize_is_nothing_without_a_base_salary():
    form = award_form("0.3", "0.6")
    assert awardee_prize(form, collective=False, base=None) == Decimal(0)
    assert awardee_prize(form, collective=True, base=Decimal(0)) == Decimal(0)


@pytest.fixture
def draft(org):
    form = award_form("0.3", "0.6")
    form.save()
    decision = Decision.objects.create(
        issuer=org.province, year=2024, award_form=form, subject="Tặng Bằng khen"
    )
    Awardee.objects.create(decision=decision, person=person(org.a1), order=1)
    Awardee.objects.create(decision=decision, unit=org.a2, order=2)
    return decision


def test_decision_issue_refuses_a_form_with_a_coefficient_and_no_base_salary_on_the_signing_date(
    draft, base_2024
):
    with pytest.raises(ValidationError) as exc:
        decision_issue(decision=draft, signed_on=datetime.date(2024, 6, 28), by=None)
    assert exc.value.messages == ["Chưa có mức lương cơ sở áp dụng cho ngày 28/06/2024."]
    draft.refresh_from_db()
    assert (draft.state, draft.number, draft.signed_on) == (DecisionState.DRAFT, None, None)
    assert list(draft.awardees.values_list("prize", flat=True)) == [Decimal(0), Decimal(0)]
    assert not HistoryEntry.objects.exists()


def test_decision_issue_prices_each_awardee_on_the_signing_date(draft, base_2024):
    BaseSalary.objects.create(valid_from=datetime.date(2026, 7, 1), amount=2_530_000)
    decision_issue(decision=draft, signed_on=datetime.date(2026, 7, 1), by=None)
    # 0,3 × 2.530.000 = 759.000 → 760.000; 0,6 × 2.530.000 = 1.518.000 → 1.520.000
    assert list(draft.awardees.order_by("order").values_list("prize", flat=True)) == [
        Decimal(760_000),
        Decimal(1_520_000),
    ]


def test_decision_issue_of_a_form_without_prize_needs_no_base_salary(org):
    form = award_form(code="gk")
    form.save()
    decision = Decision.objects.create(
        issuer=org.province, year=2024, award_form=form, subject="Tặng Giấy khen"
    )
    Awardee.objects.create(decision=decision, unit=org.a2)
    decision_issue(decision=decision, signed_on=datetime.date(2024, 6, 28), by=None)
    decision.refresh_from_db()
    assert decision.state == DecisionState.ISSUED
    assert list(decision.awardees.values_list("prize", flat=True)) == [Decimal(0)]
