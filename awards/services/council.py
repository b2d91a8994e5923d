"""Writes of the council: its sessions and votes, and the award decisions drafted,
issued and revoked from them."""

import math

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards import access
from awards.enums import DecisionState, DossierState, HistoryKind, SessionState, Vote
from awards.models import Awardee, AwardForm, CouncilSession, Decision, Dossier, HistoryEntry, Nominee
from awards.prizes import awardee_prize, prize_base_on
from awards.services.dossiers import set_dossier_state
from units.audit import audit_record
from units.enums import AuditAction, DocumentKind
from units.models import Unit, User
from units.services import document_number_take

# --- Council sessions -------------------------------------------------------------------------


@transaction.atomic
def session_create(
    *, owner: Unit, title: str, held_on, members: list[User], dossiers: list[Dossier], by: User | None
):
    """A council session over dossiers ready for the council, with the members present."""

    if by is not None and by.role not in access.PROVINCE_ROLES:
        raise PermissionDenied
    not_ready = [d.title for d in dossiers if d.state != DossierState.READY]
    if not_ready:
        raise ValidationError(
            _("Hồ sơ chưa đủ điều kiện trình Hội đồng: %(d)s.") % {"d": "; ".join(not_ready)}
        )
    if not members:
        raise ValidationError(_("Chọn các thành viên dự họp."))
    session = CouncilSession.objects.create(owner=owner, title=title, held_on=held_on, created_by=by)
    session.members_present.set(members)
    session.dossiers.set(dossiers)
    audit_record(
        action=AuditAction.CREATE,
        by=by,
        obj=session,
        changes={"members": [m.username for m in members], "dossiers": [d.pk for d in dossiers]},
    )
    return session


def approval_needed(present: int, threshold: float) -> int:
    """Votes needed to approve: more than `threshold` of those present (default one half)."""
    return math.floor(present * threshold) + 1


def vote_problem(yes: int, no: int, *, present: int) -> str:
    """Why a nominee's votes cannot be ("" when they can): each count is a whole number
    from 0, and those who voted are among the members present."""
    if yes < 0 or no < 0:
        return _("số phiếu không được âm")
    if yes > present:
        reason, count = _("số phiếu đồng ý (%(v)s) lớn hơn số thành viên có mặt (%(p)s)"), yes
    elif no > present:
        reason, count = _("số phiếu không đồng ý (%(v)s) lớn hơn số thành viên có mặt (%(p)s)"), no
    elif yes + no > present:
        reason = _("tổng số phiếu đồng ý và không đồng ý (%(v)s) lớn hơn số thành viên có mặt (%(p)s)")
        count = yes + no
    else:
        return ""
    return reason % {"v": count, "p": present}


@transaction.atomic
def session_close(*, session, votes: dict[int, tuple[int, int]], by: User | None):
    """Record each nominee's votes (for, against) and close the session: a nominee is
    approved with more than the threshold of the members present; every dossier moves to
    "Hội đồng đã xét"; the minutes are generated from the votes."""

    if by is not None and by.role not in access.PROVINCE_ROLES:
        raise PermissionDenied
    if session.state != SessionState.OPEN:
        raise ValidationError(_("Phiên họp đã kết thúc."))
    present = session.members_present.count()
    needed = approval_needed(present, getattr(settings, "COUNCIL_APPROVAL_THRESHOLD", 0.5))
    dossiers = list(session.dossiers.select_related("proposing_unit", "award_form"))
    nominees = {d.pk: list(d.nominees.select_related("person", "unit")) for d in dossiers}
    # Every nominee's votes are checked before any is saved, each refusal with its reason.
    errors = []
    for dossier in dossiers:
        for nominee in nominees[dossier.pk]:
            if nominee.pk not in votes:
                errors.append(_("Chưa có kết quả biểu quyết cho %(n)s.") % {"n": nominee.name})
            elif problem := vote_problem(*votes[nominee.pk], present=present):
                message = _("Số phiếu của %(n)s không hợp lệ: %(r)s.")
                errors.append(message % {"n": nominee.name, "r": problem})
    if errors:
        raise ValidationError(errors)
    lines = [
        # The title names the session in full ("Phiên họp Hội đồng TĐKT xét khen thưởng năm
        # 2024"): the minutes quote it as it is, never behind a noun of their own.
        _("%(t)s, họp ngày %(d)s; có mặt %(n)s thành viên; cần %(k)s phiếu đồng ý để thông qua.")
        % {"t": session.title, "d": session.held_on.strftime("%d/%m/%Y"), "n": present, "k": needed}
    ]
    for dossier in dossiers:
        for nominee in nominees[dossier.pk]:
            yes, no = votes[nominee.pk]
            nominee.votes_for, nominee.votes_against = yes, no
            nominee.vote = Vote.APPROVED if yes >= needed else Vote.REJECTED
            nominee.save(update_fields=["votes_for", "votes_against", "vote"])
            outcome = nominee.get_vote_display()
            lines.append(f"- {nominee.name} ({dossier.award_form.name}): {yes}/{present} — {outcome}")
        set_dossier_state(obj=dossier, to=DossierState.COUNCIL_DONE, by=by)
    session.state = SessionState.CLOSED
    session.minutes = "\n".join(lines)
    session.save(update_fields=["state", "minutes"])
    changes = {"state": [SessionState.OPEN, SessionState.CLOSED]}
    audit_record(action=AuditAction.STATE, by=by, obj=session, changes=changes)
    return session


# --- Decisions ----------------------------------------------------------------------------------


@transaction.atomic
def decision_create(
    *,
    issuer: Unit,
    year: int,
    award_form: AwardForm,
    subject: str,
    by: User | None,
    nominees: list[Nominee],
    session=None,
    signer_name: str = "",
    signer_title: str = "",
):
    """A draft decision for approved nominees of dossiers the council has decided on."""

    if by is not None and by.role not in access.PROVINCE_ROLES:
        raise PermissionDenied
    # One nominee, one award: a second draft for the same people (a double click) is refused.
    taken = Awardee.objects.filter(nominee__in=nominees).exclude(decision__state=DecisionState.REVOKED)
    if taken.exists():
        names = ", ".join(sorted({str(a) for a in taken.select_related("person", "unit")}))
        raise ValidationError(_("Đã có trong một quyết định khác: %(n)s.") % {"n": names})
    # Read the states again: the caller's dossier objects may predate the council.
    states = dict(Dossier.objects.filter(pk__in={n.dossier_id for n in nominees}).values_list("pk", "state"))
    for nominee in nominees:
        if nominee.vote != Vote.APPROVED or states[nominee.dossier_id] != DossierState.COUNCIL_DONE:
            raise ValidationError(_("%(n)s chưa được Hội đồng đồng ý.") % {"n": nominee.name})
        if nominee.dossier.award_form_id != award_form.pk:
            raise ValidationError(_("%(n)s được đề nghị hình thức khác.") % {"n": nominee.name})
    decision = Decision.objects.create(
        issuer=issuer,
        year=year,
        award_form=award_form,
        subject=subject,
        symbol=issuer.symbol,
        session=session,
        signer_name=signer_name,
        signer_title=signer_title,
        created_by=by,
    )
    Awardee.objects.bulk_create(
        Awardee(decision=decision, nominee=n, person=n.person, unit=n.unit, order=i)
        for i, n in enumerate(nominees, start=1)
    )
    audit_record(
        action=AuditAction.CREATE, by=by, obj=decision, changes={"awardees": [n.name for n in nominees]}
    )
    return decision


@transaction.atomic
def session_decisions_draft(*, session, by: User | None) -> list:
    """Draft decisions for a closed council session: one per award form, for the nominees
    the session approved, issued by the session's unit in the year it met. All or
    nothing: a group refused half-way (a nominee already in another decision) leaves no
    draft of the others behind. Each draft is audited by `decision_create`."""

    if by is not None and by.role not in access.PROVINCE_ROLES:
        raise PermissionDenied
    # The session row is locked: two clicks at once draft once, the second is refused.
    session = CouncilSession.objects.select_for_update().select_related("owner").get(pk=session.pk)
    if session.state != SessionState.CLOSED:
        raise ValidationError(_("Phiên họp chưa kết thúc: chưa có kết quả biểu quyết để lập quyết định."))
    approved = (
        Nominee.objects.filter(dossier__council_sessions=session, vote=Vote.APPROVED)
        .select_related("dossier__award_form", "person", "unit")
        .order_by("dossier__award_form__order", "dossier__award_form__name", "dossier_id", "order", "pk")
    )
    by_form: dict[AwardForm, list[Nominee]] = {}
    for nominee in approved:
        by_form.setdefault(nominee.dossier.award_form, []).append(nominee)
    if not by_form:
        raise ValidationError(_("Phiên họp không có ai được đồng ý: không có quyết định nào để lập."))
    return [
        decision_create(
            issuer=session.owner,
            year=session.held_on.year,
            award_form=award_form,
            subject=_("Về việc tặng %(f)s") % {"f": award_form.name},
            by=by,
            nominees=nominees,
            session=session,
        )
        for award_form, nominees in by_form.items()
    ]


@transaction.atomic
def decision_issue(*, decision, signed_on, by: User | None):
    """Issue a draft: take the next number of the issuer's year under a row lock, compute
    each prize from the base salary in force on the signing date, write every award into
    the awardee's history and close the dossiers. All or nothing."""

    if by is not None and by.role not in access.PROVINCE_ROLES:
        raise PermissionDenied
    given, decision = decision, Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.state != DecisionState.DRAFT:
        raise ValidationError(_("Quyết định đã ban hành hoặc đã thu hồi."))
    awardees = list(decision.awardees.select_related("nominee__dossier", "person", "unit"))
    if not awardees:
        raise ValidationError(_("Quyết định chưa có ai được khen thưởng."))
    form = decision.award_form
    base = prize_base_on(form, signed_on)
    number = document_number_take(
        issuer=decision.issuer, year=signed_on.year, kind=DocumentKind.DECISION, symbol=decision.symbol
    )
    decision.number, decision.signed_on, decision.state = number, signed_on, DecisionState.ISSUED
    decision.save(update_fields=["number", "signed_on", "state"])
    given.number, given.signed_on, given.state = decision.number, decision.signed_on, decision.state
    for awardee in awardees:
        awardee.prize = awardee_prize(form, collective=bool(awardee.unit_id), base=base)
        awardee.save(update_fields=["prize"])
        HistoryEntry.objects.create(
            person=awardee.person,
            unit=awardee.unit,
            year=decision.year,
            kind=HistoryKind.AWARD,
            award_form=form,
            description=decision.number_text,
            decision=decision,
            source="decision",
        )
    for dossier in {a.nominee.dossier for a in awardees if a.nominee_id}:
        set_dossier_state(obj=dossier, to=DossierState.DECIDED, by=by)
    audit_record(
        action=AuditAction.STATE,
        by=by,
        obj=decision,
        changes={
            "state": [DecisionState.DRAFT, DecisionState.ISSUED],
            "number": decision.number_text,
            "base_salary": base,
        },
    )
    return decision


@transaction.atomic
def decision_revoke(*, decision, reason: str, by: User | None):
    """Thu hồi: the decision stays, marked revoked with its reason; its awards leave the
    history that eligibility and statistics read."""
    if by is not None and by.role not in access.PROVINCE_ROLES:
        raise PermissionDenied

    given, decision = decision, Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.state != DecisionState.ISSUED:
        raise ValidationError(_("Chỉ thu hồi quyết định đã ban hành."))
    if not reason.strip():
        raise ValidationError(_("Nêu lý do thu hồi."))
    decision.state, decision.revoked_reason = DecisionState.REVOKED, reason.strip()
    decision.save(update_fields=["state", "revoked_reason"])
    given.state, given.revoked_reason = decision.state, decision.revoked_reason
    removed = decision.history_entries.count()
    decision.history_entries.all().delete()
    audit_record(
        action=AuditAction.STATE,
        by=by,
        obj=decision,
        changes={
            "state": [DecisionState.ISSUED, DecisionState.REVOKED],
            "reason": reason,
            "history_removed": removed,
        },
    )
    return decision
