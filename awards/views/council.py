"""The council: its sessions and votes, and the award decisions drafted from them."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from awards import access, exports, queries, services
from awards.enums import SessionState
from awards.filters import DecisionFilter
from awards.forms import SessionForm, SigningForm, VoteFormSet
from units.documents import pdf_download, xlsx_download
from units.shortcuts import paginate, require
from units.text import clean_text


def session_list(request):
    return render(
        request,
        "awards/session_list.html",
        {
            "page": paginate(request, queries.session_list(request.user)),
            "can_manage": request.user.role in access.PROVINCE_ROLES,
        },
    )


@require_http_methods(["GET", "POST"])
def session_create(request):
    require(request.user, request.user.role in access.PROVINCE_ROLES)
    form = SessionForm(request.POST or None, user=request.user, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.session_create(
                owner=request.user.unit,
                title=data["title"],
                held_on=data["held_on"],
                members=list(data["members"]),
                dossiers=list(data["dossiers"]),
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(session)
    return render(request, "awards/session_form.html", {"form": form})


def session_detail_xlsx(request, session_id: int):
    """The votes table: what was recorded (empty while the session is open)."""
    session = queries.get_session_for_user(request.user, session_id)
    sheet = exports.votes_sheet(
        session, queries.session_dossiers(session), present=session.members_present.count()
    )
    return xlsx_download([sheet], filename=f"bieu-quyet-{session.pk}.xlsx")


def _vote_formset(session, data=None):
    return VoteFormSet(
        data,
        prefix="phieu",
        nominees=queries.session_nominees(session),
        present=session.members_present.count(),
    )


def session_detail(request, session_id: int):
    session = queries.get_session_for_user(request.user, session_id)
    votes = _vote_formset(session)
    return render(
        request,
        "awards/session_detail.html",
        {
            "session": session,
            "votes": votes,
            "present": votes.present,
            "needed": services.approval_needed(votes.present, settings.COUNCIL_APPROVAL_THRESHOLD),
            "can_manage": request.user.role in access.PROVINCE_ROLES and session.state == SessionState.OPEN,
            "decisions": session.decisions.all(),
            "session_states": SessionState,
        },
    )


@require_POST
def session_close(request, session_id: int):
    session = queries.get_session_for_user(request.user, session_id)
    require(request.user, request.user.role in access.PROVINCE_ROLES)
    votes = _vote_formset(session, request.POST)
    errors = [] if votes.is_valid() else votes.refusals() or votes.non_form_errors()
    if not errors:
        try:
            services.session_close(session=session, votes=votes.votes(), by=request.user)
        except ValidationError as exc:
            errors = exc.messages
    for error in errors:
        messages.error(request, error)
    if not errors:
        messages.success(request, _("Đã ghi kết quả biểu quyết và kết thúc phiên họp."))
    return redirect(session)


@require_POST
def decision_draft(request, session_id: int):
    """A draft decision per award form for the nominees the session approved."""
    session = queries.get_session_for_user(request.user, session_id)
    require(request.user, request.user.role in access.PROVINCE_ROLES)
    try:
        decisions = services.session_decisions_draft(session=session, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã lập %(n)s dự thảo quyết định.") % {"n": len(decisions)})
    return redirect(session)


def _decision_filter(request):
    return DecisionFilter(request.GET, queryset=queries.decision_list(request.user))


def decision_list(request):
    filterset = _decision_filter(request)
    return render(
        request,
        "awards/decision_list.html",
        {"page": paginate(request, filterset.qs), "filter": filterset, "year": filterset.value("year")},
    )


def decision_list_xlsx(request):
    filterset = _decision_filter(request)
    year = filterset.value("year")
    sheet = exports.decisions_sheet(filterset.qs, year=year)
    return xlsx_download([sheet], filename=f"quyet-dinh-khen-thuong-{year or 'tat-ca'}.xlsx")


def decision_detail(request, decision_id: int):
    decision = queries.get_decision_for_user(request.user, decision_id)
    awardees = queries.decision_awardees(decision)
    return render(
        request,
        "awards/decision_detail.html",
        {
            "decision": decision,
            "awardees": awardees,
            "can_manage": request.user.role in access.PROVINCE_ROLES,
            "today": timezone.localdate(),
            "total_prize": sum(a.prize for a in awardees),
        },
    )


@require_POST
def decision_issue(request, decision_id: int):
    decision = queries.get_decision_for_user(request.user, decision_id)
    # The role first: a read-only account is refused before its date is read.
    require(request.user, request.user.role in access.PROVINCE_ROLES)
    form = SigningForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ngày ký không hợp lệ: nhập theo dạng dd/mm/yyyy."))
        return redirect(decision)
    try:
        services.decision_issue(decision=decision, signed_on=form.cleaned_data["signed_on"], by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã ban hành quyết định số %(n)s.") % {"n": decision.number_text})
    return redirect(decision)


@require_POST
def decision_revoke(request, decision_id: int):
    decision = queries.get_decision_for_user(request.user, decision_id)
    require(request.user, request.user.role in access.PROVINCE_ROLES)
    try:
        services.decision_revoke(
            decision=decision, reason=clean_text(request.POST.get("reason", "")), by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã thu hồi quyết định."))
    return redirect(decision)


def decision_export(request, decision_id: int, fmt: str):
    decision = queries.get_decision_for_user(request.user, decision_id)
    awardees = queries.decision_awardees(decision)
    title = f"{decision.number_text} — {decision.subject}"
    if fmt == "xlsx":
        sheet = exports.decision_awardees_sheet(decision, awardees, title=title)
        return xlsx_download([sheet], filename=f"quyet-dinh-{decision.pk}.xlsx")
    if fmt == "pdf":
        return pdf_download(
            "awards/pdf_awardees.html",
            {
                "decision": decision,
                "awardees": awardees,
                "total": sum(a.prize for a in awardees),
                "title": title,
            },
            filename=f"quyet-dinh-{decision.pk}.pdf",
        )
    raise Http404
