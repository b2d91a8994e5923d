"""Council votes, decisions numbered atomically at issue, prizes from the dated base
salary, awards written into history, revocation."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from awards.enums import DecisionState, DocumentType, DossierState, HistoryKind, Vote
from awards.models import Awardee, AwardForm, BaseSalary, Decision, HistoryEntry
from awards.services import (
    attachment_add,
    decision_create,
    decision_issue,
    decision_revoke,
    dossier_create,
    nominee_add,
    session_close,
    session_create,
    session_decisions_draft,
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
    attachment_add(dossier=dossier, upload=pdf(), document_type=DocumentType.PROPOSAL, by=alice)
    set_dossier_state(obj=dossier, to=DossierState.SUBMITTED, by=alice)
    set_dossier_state(obj=dossier, to=DossierState.APPRAISING, by=staff_user)
    set_dossier_state(obj=dossier, to=DossierState.READY, by=staff_user)
    return dossier


def _session(org, dossiers, council, by, title="Phiên"):
    """An open council session of the province on 20/12/2021 over `dossiers`."""
    return session_create(
        owner=org.province,
        title=title,
        held_on=datetime.date(2021, 12, 20),
        members=council,
        dossiers=dossiers,
        by=by,
    )


def _vote(session, dossier, tallies):
    votes = {n.pk: tally for n, tally in zip(dossier.nominees.order_by("order"), tallies, strict=True)}
    return session_close(session=session, votes=votes, by=None)


def test_council_approves_with_more_than_half_of_those_present(org, ready, council, staff_user):
    session = _session(org, [ready], council, staff_user, title="Phiên họp tháng 12")
    _vote(session, ready, [(3, 2), (2, 3), (5, 0)])  # 3 of 5 is more than half; 2 is not
    assert [n.vote for n in ready.nominees.order_by("order")] == [Vote.APPROVED, Vote.REJECTED, Vote.APPROVED]
    ready.refresh_from_db()
    assert ready.state == DossierState.COUNCIL_DONE
    assert "cần 3 phiếu đồng ý" in session.minutes and "Giàng A Sử" in session.minutes


def test_a_session_refuses_dossiers_not_ready(org, form, alice, staff_user, council):

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
    session = _session(org, [ready], council, staff_user)
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
    session = _session(org, [ready], council, staff_user)
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


def test_session_decisions_draft_is_all_or_nothing(client, org, ready, council, staff_user, alice):
    """Two award forms approved in one session: the second group is refused (one of its
    nominees is already in another decision), so the first group's draft is not kept."""

    medal = AwardForm.objects.create(
        code="gk-ldld",
        name="Giấy khen LĐLĐ tỉnh",
        issuing_level="ldld_tinh",
        recipient="ca_hai",
        kind="toan_dien",
    )
    second = dossier_create(
        proposing_unit=org.a, year=YEAR, award_form=medal, title="Giấy khen 2021", by=alice
    )
    nominee_add(dossier=second, by=alice, unit=org.a1)
    attachment_add(dossier=second, upload=pdf(), document_type=DocumentType.PROPOSAL, by=alice)
    for to, by in (("submitted", alice), ("appraising", staff_user), ("ready", staff_user)):
        set_dossier_state(obj=second, to=to, by=by)
    session = _session(org, [ready, second], council, staff_user)
    session_close(
        session=session,
        votes={n.pk: (5, 0) for d in (ready, second) for n in d.nominees.all()},
        by=staff_user,
    )
    # The collective of the second dossier already sits in another (draft) decision.
    elsewhere = Decision.objects.create(issuer=org.province, year=YEAR, award_form=medal, subject="QĐ khác")
    Awardee.objects.create(decision=elsewhere, nominee=second.nominees.get(), unit=org.a1)
    client.force_login(staff_user)
    response = client.post(reverse("awards:decision_draft", kwargs={"session_id": session.pk}))
    assert response["Location"] == session.get_absolute_url()
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Đã có trong một quyết định khác: CĐCS A1."
    ]
    assert list(Decision.objects.values_list("subject", flat=True)) == ["QĐ khác"]
    assert not Awardee.objects.exclude(decision=elsewhere).exists()

    elsewhere.awardees.all().delete()
    drafts = session_decisions_draft(session=session, by=staff_user)
    assert [(d.subject, d.awardees.count(), d.state) for d in drafts] == [
        ("Về việc tặng Bằng khen LĐLĐ tỉnh", 3, DecisionState.DRAFT),
        ("Về việc tặng Giấy khen LĐLĐ tỉnh", 1, DecisionState.DRAFT),
    ]


def test_session_decisions_draft_needs_a_closed_session_with_approvals(org, ready, council, staff_user):

    session = _session(org, [ready], council, staff_user)
    with pytest.raises(ValidationError) as refused:
        session_decisions_draft(session=session, by=staff_user)
    assert refused.value.messages == [
        "Phiên họp chưa kết thúc: chưa có kết quả biểu quyết để lập quyết định."
    ]
    _vote(session, ready, [(0, 5), (1, 4), (2, 3)])
    with pytest.raises(ValidationError) as refused:
        session_decisions_draft(session=session, by=staff_user)
    assert refused.value.messages == ["Phiên họp không có ai được đồng ý: không có quyết định nào để lập."]
    assert not Decision.objects.exists()


def test_session_close_refuses_negative_votes_with_the_reason(org, ready, council, staff_user):
    session = _session(org, [ready], council, staff_user)
    with pytest.raises(ValidationError) as refused:
        _vote(session, ready, [(3, 0), (-1, 2), (4, 2)])
    assert refused.value.messages == [
        "Số phiếu của Giàng A Sử không hợp lệ: số phiếu không được âm.",
        "Số phiếu của CĐCS A2 không hợp lệ: tổng số phiếu đồng ý và không đồng ý (6) "
        "lớn hơn số thành viên có mặt (5).",
    ]
    assert not ready.nominees.exclude(vote="").exists()
