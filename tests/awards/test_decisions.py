"""Council votes, decisions numbered atomically at issue, prizes from the dated base
salary, awards written into history, revocation."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from awards.enums import DecisionState, DossierState, HistoryKind, Vote
from awards.models import BaseSalary, Decision, HistoryEntry
from awards.services import (
    attachment_add,
    decision_create,
    decision_issue,
    decision_revoke,
    nominee_add,
    session_close,
    session_create,
    set_dossier_state,
)
from tests.awards.conftest import pdf, person
from tests.conftest import make_user
from units.enums import Role

YEAR = 2021


@pytest.fixture
def council(org):
    return [make_user(f"hoidong{i}", org.province, Role.COUNCIL) for i in range(5)]


@pytest.fixture
def ready(org, form, alice, registered, staff_user):
    """A dossier for two people and one collective, appraised and ready for the council."""
    from awards.services import dossier_create

    form.recipient = "ca_hai"
    form.prize_coefficient, form.prize_coefficient_collective = Decimal("0.3"), Decimal("0.6")
    form.save()
    BaseSalary.objects.create(valid_from=datetime.date(2019, 7, 1), amount=1_490_000)
    BaseSalary.objects.create(valid_from=datetime.date(2024, 7, 1), amount=2_340_000)
    dossier = dossier_create(
        proposing_unit=org.a, year=YEAR, award_form=form, title="Bằng khen 2021", by=alice
    )
    mai, su = person(org.a1), person(org.a1, "Giàng A Sử")
    for kwargs in ({"person": mai}, {"person": su}, {"unit": org.a2}):
        nominee_add(dossier=dossier, by=alice, **kwargs)
    attachment_add(dossier=dossier, upload=pdf(), document_type="to_trinh", by=alice)
    set_dossier_state(obj=dossier, to=DossierState.SUBMITTED, by=alice)
    set_dossier_state(obj=dossier, to=DossierState.APPRAISING, by=staff_user)
    set_dossier_state(obj=dossier, to=DossierState.READY, by=staff_user)
    return dossier


def _vote(session, dossier, tallies):
    votes = {n.pk: tally for n, tally in zip(dossier.nominees.order_by("order"), tallies, strict=True)}
    return session_close(session=session, votes=votes, by=None)


def test_council_approves_with_more_than_half_of_those_present(org, ready, council, staff_user):
    session = session_create(
        owner=org.province,
        title="Phiên họp tháng 12",
        held_on=datetime.date(2021, 12, 20),
        members=council,
        dossiers=[ready],
        by=staff_user,
    )
    _vote(session, ready, [(3, 2), (2, 3), (5, 0)])  # 3 of 5 is more than half; 2 is not
    assert [n.vote for n in ready.nominees.order_by("order")] == [Vote.APPROVED, Vote.REJECTED, Vote.APPROVED]
    ready.refresh_from_db()
    assert ready.state == DossierState.COUNCIL_DONE
    assert "cần 3 phiếu đồng ý" in session.minutes and "Giàng A Sử" in session.minutes


def test_a_session_refuses_dossiers_not_ready(org, form, alice, staff_user, council):
    from awards.services import dossier_create

    draft = dossier_create(proposing_unit=org.a, year=YEAR, award_form=form, title="Nháp", by=alice)
    with pytest.raises(ValidationError):
        session_create(
            owner=org.province,
            title="X",
            held_on=datetime.date(2021, 12, 1),
            members=council,
            dossiers=[draft],
            by=staff_user,
        )


def test_decision_issue_numbers_computes_prizes_and_writes_history(org, ready, council, staff_user):
    session = session_create(
        owner=org.province,
        title="Phiên",
        held_on=datetime.date(2021, 12, 20),
        members=council,
        dossiers=[ready],
        by=staff_user,
    )
    _vote(session, ready, [(5, 0), (1, 4), (4, 1)])
    approved = list(ready.nominees.filter(vote=Vote.APPROVED).order_by("order"))
    decision = decision_create(
        issuer=org.province,
        year=YEAR,
        award_form=ready.award_form,
        subject="Tặng Bằng khen",
        by=staff_user,
        nominees=approved,
        session=session,
    )
    decision_issue(decision=decision, signed_on=datetime.date(2021, 12, 28), by=staff_user)
    decision.refresh_from_db()
    assert (decision.state, decision.number, decision.number_text) == (DecisionState.ISSUED, 1, "01/QĐ-LĐLĐ")
    # 0,3 × 1.490.000 = 447.000 → 450.000; 0,6 × 1.490.000 = 894.000 → 900.000
    assert [a.prize for a in decision.awardees.order_by("order")] == [Decimal(450_000), Decimal(900_000)]
    history = HistoryEntry.objects.filter(kind=HistoryKind.AWARD, decision=decision)
    assert history.count() == 2
    ready.refresh_from_db()
    assert ready.state == DossierState.DECIDED
    second = decision_create(
        issuer=org.province,
        year=YEAR,
        award_form=ready.award_form,
        subject="Khác",
        by=staff_user,
        nominees=[],
    )
    with pytest.raises(ValidationError):
        decision_issue(decision=second, signed_on=datetime.date(2021, 12, 29), by=staff_user)  # no awardee
    second.refresh_from_db()
    assert second.number is None  # refused: no number consumed


def test_revoked_decision_stays_and_leaves_history(org, ready, council, staff_user):
    session = session_create(
        owner=org.province,
        title="Phiên",
        held_on=datetime.date(2021, 12, 20),
        members=council,
        dossiers=[ready],
        by=staff_user,
    )
    _vote(session, ready, [(5, 0), (5, 0), (5, 0)])
    decision = decision_create(
        issuer=org.province,
        year=YEAR,
        award_form=ready.award_form,
        subject="Bằng khen",
        by=staff_user,
        nominees=list(ready.nominees.all()),
    )
    decision_issue(decision=decision, signed_on=datetime.date(2024, 8, 1), by=staff_user)
    assert sorted(a.prize for a in decision.awardees.all()) == [
        Decimal(710_000),
        Decimal(710_000),
        Decimal(1_410_000),
    ]
    with pytest.raises(ValidationError):
        decision_revoke(decision=decision, reason="", by=staff_user)
    decision_revoke(decision=decision, reason="Nhầm đối tượng", by=staff_user)
    decision.refresh_from_db()
    assert (decision.state, decision.revoked_reason) == (DecisionState.REVOKED, "Nhầm đối tượng")
    assert Decision.objects.filter(pk=decision.pk).exists()
    assert not HistoryEntry.objects.filter(decision=decision).exists()


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL's row locks; CI runs the suite on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_two_decisions_issued_at_once_get_different_numbers(org, form, staff_user):
    """Two threads issue at the same time; the counter row lock serialises them."""
    from awards.models import Awardee

    drafts = []
    for i in range(2):
        decision = Decision.objects.create(issuer=org.province, year=YEAR, award_form=form, subject=f"QĐ {i}")
        Awardee.objects.create(decision=decision, unit=org.a1)
        drafts.append(decision)
    barrier, errors = threading.Barrier(2), []

    def issue(decision):
        try:
            barrier.wait()
            decision_issue(decision=decision, signed_on=datetime.date(2021, 12, 1), by=None)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(Decision.objects.values_list("number", flat=True)) == [1, 2]
