"""The awards reads the dashboards present: the fund beside the money paid, award counts
without sectors, dossiers by unit and state, the stuck and the undecided ones."""

import datetime
from decimal import Decimal

from awards.enums import DecisionState, DossierState
from awards.models import Awardee, AwardFund, Decision, Dossier
from awards.queries import (
    award_counts,
    dossier_counts,
    fund_use,
    prize_paid_by,
    stuck_dossiers,
    undecided_dossiers,
)
from tests.awards.conftest import person
from tests.emulation.conftest import at, frozen

YEAR = 2024
NOW = at(2024, 11, 20, 10)


def _decision(org, form, number, *, year=YEAR, state=DecisionState.ISSUED, issuer=None):
    return Decision.objects.create(
        issuer=issuer or org.province, year=year, number=number, award_form=form, subject="QĐ", state=state
    )


def _paid(org, form):
    """3.000.000 đ paid by the province's issued decisions of 2024, beside a revoked one, a
    decision of another year and one of district A."""
    issued = _decision(org, form, 1)
    Awardee.objects.create(decision=issued, person=person(org.a1), prize=Decimal(1_000_000))
    Awardee.objects.create(decision=issued, unit=org.a2, prize=Decimal(2_000_000))
    revoked = _decision(org, form, 2, state=DecisionState.REVOKED)
    Awardee.objects.create(decision=revoked, unit=org.b1, prize=Decimal(9_000_000))
    Awardee.objects.create(decision=_decision(org, form, 3, year=2023), unit=org.b1, prize=Decimal(7_000_000))
    Awardee.objects.create(
        decision=_decision(org, form, 4, issuer=org.a), unit=org.a1, prize=Decimal(5_000_000)
    )


def test_fund_use_sets_the_fund_beside_the_money_paid_in_one_query(org, form, django_assert_num_queries):
    _paid(org, form)
    fund = AwardFund.objects.create(owner=org.province, year=YEAR, budget=Decimal(50_000_000))
    AwardFund.objects.create(owner=org.province, year=2023, budget=Decimal(10_000_000))
    with django_assert_num_queries(1):
        use = fund_use(owner=org.province, year=YEAR)
    assert use.fund == fund and use.fund.note == fund.note and use.fund.owner_id == org.province.pk
    assert use.cap == fund.cap == Decimal(4_000_000)
    assert use.spent == prize_paid_by(org.province, YEAR) == Decimal(3_000_000)
    assert use.percent == Decimal("75.0")


def test_fund_use_without_a_fund_still_counts_the_money(org, form, django_assert_num_queries):
    _paid(org, form)
    with django_assert_num_queries(1):
        use = fund_use(owner=org.province, year=2023)
    assert use.fund is None and use.cap is None and use.percent is None
    assert use.spent == Decimal(7_000_000)
    assert fund_use(owner=org.b, year=YEAR).spent == Decimal(0)


def test_award_counts_without_sectors_count_the_same_in_one_query(org, form, django_assert_num_queries):
    _paid(org, form)
    with django_assert_num_queries(1):
        counts = award_counts(root=org.province, year=YEAR, by_sector=False)
    full = award_counts(root=org.province, year=YEAR)
    assert counts.by_sector is None and full.by_sector
    assert counts.forms == full.forms
    assert (counts.collectives, counts.individuals, counts.total) == (2, 1, 3)


def _dossier(unit, form, state, title="HS", year=YEAR):
    return Dossier.objects.create(proposing_unit=unit, year=year, award_form=form, title=title, state=state)


def _age(dossier, days):
    Dossier.objects.filter(pk=dossier.pk).update(updated_at=NOW - datetime.timedelta(days=days))


def test_dossier_counts_group_by_unit_and_state_and_count_the_stuck(org, form):
    old = _dossier(org.a1, form, DossierState.SUBMITTED)
    _age(old, 30)
    _dossier(org.a1, form, DossierState.SUBMITTED)
    _age(_dossier(org.a, form, DossierState.DRAFT), 30)  # a draft is never stuck
    _dossier(org.b, form, DossierState.DECIDED)
    _dossier(org.a1, form, DossierState.SUBMITTED, year=2023)
    with frozen(NOW):
        rows = dossier_counts(root=org.a, year=YEAR)
    assert sorted((r["proposing_unit__path"], r["state"], r["n"], r["stuck"]) for r in rows) == [
        (org.a.path, DossierState.DRAFT, 1, 0),
        (org.a1.path, DossierState.SUBMITTED, 2, 1),
    ]


def test_stuck_dossiers_are_the_open_ones_waiting_longest(org, form):
    waits = {"15": 15, "40": 40, "20": 20, "3": 3}
    for title, days in waits.items():
        _age(_dossier(org.a1, form, DossierState.APPRAISING, title), days)
    _age(_dossier(org.a1, form, DossierState.DECIDED, "decided"), 50)
    _age(_dossier(org.b1, form, DossierState.SUBMITTED, "elsewhere"), 50)
    with frozen(NOW):
        assert [d.title for d in stuck_dossiers(root=org.a, year=YEAR)] == ["40", "20", "15"]
        assert [d.title for d in stuck_dossiers(root=org.a, year=YEAR, limit=2)] == ["40", "20"]


def test_undecided_dossiers_leave_out_the_decided_newest_change_first(org, form):
    for title, state, days in (
        ("draft", DossierState.DRAFT, 5),
        ("returned", DossierState.RETURNED, 1),
        ("decided", DossierState.DECIDED, 0),
        ("higher", DossierState.HIGHER_DECIDED, 0),
    ):
        _age(_dossier(org.a1, form, state, title), days)
    _dossier(org.b1, form, DossierState.DRAFT, "elsewhere")
    assert [d.title for d in undecided_dossiers(root=org.a, year=YEAR)] == ["returned", "draft"]
