import re
import uuid
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from awards import access, eligibility, exports, queries, services
from awards.enums import DocumentType, DossierState
from awards.filters import (
    AwardeeFilterForm,
    DecisionFilterForm,
    DossierFilterForm,
    PersonFilterForm,
    StatisticsFilterForm,
)
from awards.models import (
    AwardForm,
    AwardFund,
    BaseSalary,
    CouncilSession,
    Dossier,
    Nominee,
    Person,
    QuotaEvent,
)
from awards.quotas import quota_totals
from units.audit import audit_record
from units.documents import Column, Sheet, heading, local_date, pdf_download, xlsx_download
from units.enums import AuditAction, Role
from units.files import filename_for
from units.forms import BootstrapMixin, CleanTextMixin, DateInput, UnitChoiceField
from units.models import Unit, User
from units.queries import visible_units
from units.shortcuts import paginate, require, scope_unit
from units.text import clean_text


class DossierForm(BootstrapMixin, forms.Form):
    proposing_unit = UnitChoiceField(label=gettext_lazy("Đơn vị đề nghị"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
    award_form = forms.ModelChoiceField(
        label=gettext_lazy("Hình thức khen thưởng"), queryset=AwardForm.objects.none()
    )
    quota_event = forms.ModelChoiceField(
        label=gettext_lazy("Tính vào phân bổ số lượng"), queryset=QuotaEvent.objects.none(), required=False
    )
    title = forms.CharField(label=gettext_lazy("Trích yếu"), max_length=255)
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    achievements = forms.CharField(
        label=gettext_lazy("Thành tích"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposing_unit"].queryset = (
            visible_units(user).active().exclude(kind="ngoai").order_by("path")
        )
        self.fields["award_form"].queryset = AwardForm.objects.filter(active=True)
        self.fields["quota_event"].queryset = QuotaEvent.objects.filter(
            owner__pk__in=[*user.unit.ancestor_ids, user.unit.pk]
        )


class NomineeForm(BootstrapMixin, forms.Form):
    person = forms.ModelChoiceField(
        label=gettext_lazy("Cá nhân"), queryset=Person.objects.none(), required=False
    )
    unit = UnitChoiceField(label=gettext_lazy("hoặc tập thể"), queryset=Unit.objects.none(), required=False)
    summary = forms.CharField(
        label=gettext_lazy("Tóm tắt thành tích"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        root = dossier.proposing_unit
        self.fields["person"].queryset = Person.objects.filter(unit__path__startswith=root.path).order_by(
            "full_name"
        )
        self.fields["unit"].queryset = Unit.objects.subtree_of(root).active().order_by("path")


class AttachmentForm(BootstrapMixin, forms.Form):
    document_type = forms.ChoiceField(label=gettext_lazy("Loại tài liệu"), choices=DocumentType.choices)
    file = forms.FileField(label=gettext_lazy("Tệp (PDF, DOCX, XLSX, JPG, PNG; tối đa 10 MB)"))


def _dossier_filters(request):
    """The dossier list's filter form, its rows and the unit it is narrowed to: the page,
    its XLSX and its PDF all read their filters here."""
    form = DossierFilterForm(request.GET)
    root = scope_unit(request, form.value("unit") or request.user.unit_id)
    dossiers = queries.dossier_list(
        request.user, year=form.value("year"), state=form.value("state"), root=root
    )
    return form, dossiers, root


def dossier_list(request):
    form, dossiers, root = _dossier_filters(request)
    return render(
        request,
        "awards/dossier_list.html",
        {
            "page": paginate(request, dossiers),
            "form": form,
            "year": form.value("year"),
            "state": form.value("state"),
            "scope": root if root != request.user.unit else None,
            "can_create": request.user.role in access.ACTING_ROLES,
        },
    )


@require_http_methods(["GET", "POST"])
def dossier_create(request):
    require(request.user, request.user.role in access.ACTING_ROLES)
    form = DossierForm(
        request.POST or None,
        user=request.user,
        initial={
            "proposing_unit": request.user.unit,
            "year": timezone.localdate().year,
            "form_token": uuid.uuid4(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.dossier_create(by=request.user, **form.cleaned_data)
        except PermissionDenied:
            require(request.user, False)
        else:
            messages.success(request, _("Đã tạo hồ sơ. Thêm người được đề nghị và tài liệu rồi nộp."))
            return redirect(dossier)
    return render(request, "awards/form.html", {"form": form, "title": _("Tạo hồ sơ đề nghị khen thưởng")})


def _nominees(dossier):
    return list(dossier.nominees.select_related("person", "person__unit", "unit"))


def dossier_detail_xlsx(request, dossier_id: int):
    dossier = queries.get_dossier_for_user(request.user, dossier_id)
    sheet = exports.nominees_sheet(dossier, _nominees(dossier))
    return xlsx_download([sheet], filename=f"ho-so-{dossier.pk}-nguoi-duoc-de-nghi.xlsx")


def dossier_detail(request, dossier_id: int):
    dossier = queries.get_dossier_for_user(request.user, dossier_id)
    user = request.user
    nominees = _nominees(dossier)
    for nominee in nominees:
        nominee.check_summary = eligibility.summary(nominee.eligibility)
    editable = dossier.state in services.EDITABLE and access.can_propose_for(user, dossier.proposing_unit)
    # After a refused upload the page comes back with the document type that was chosen.
    chosen_type = request.GET.get("loai", "")
    initial_type = chosen_type if chosen_type in DocumentType.values else ""
    superseded = services.superseded_attachment_ids(dossier)
    removable = services.removable_attachment_ids(dossier, superseded=superseded) if editable else set()
    return render(
        request,
        "awards/dossier_detail.html",
        {
            "dossier": dossier,
            "nominees": nominees,
            "attachments": dossier.attachments.all(),
            "removable": removable,
            "superseded": superseded,
            "missing": [DocumentType(code).label for code in services.missing_documents(dossier)],
            "editable": editable,
            "can_appraise": access.can_appraise(user, dossier),
            "nominee_form": NomineeForm(dossier=dossier) if editable else None,
            "attachment_form": AttachmentForm(initial={"document_type": initial_type}) if editable else None,
            "states": DossierState,
        },
    )


@require_POST
def nominee_add(request, dossier_id: int):
    dossier = queries.get_dossier_for_user(request.user, dossier_id)
    require(request.user, access.can_propose_for(request.user, dossier.proposing_unit))
    form = NomineeForm(request.POST, dossier=dossier)
    if form.is_valid():
        try:
            services.nominee_add(dossier=dossier, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied:
            require(request.user, False)
        else:
            messages.success(request, _("Đã thêm người được đề nghị."))
    else:
        messages.error(request, _("Chọn một cá nhân hoặc một tập thể."))
    return redirect(dossier)


@require_POST
def nominee_remove(request, dossier_id: int):
    dossier = queries.get_dossier_for_user(request.user, dossier_id)
    require(request.user, access.can_propose_for(request.user, dossier.proposing_unit))
    nominee_id = request.POST.get("nominee", "")
    nominee = dossier.nominees.filter(pk=int(nominee_id)).first() if nominee_id.isdigit() else None
    if nominee is None:
        raise Http404
    try:
        services.nominee_remove(nominee=nominee, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        require(request.user, False)
    return redirect(dossier)


@require_POST
def attachment_upload(request, dossier_id: int):
    dossier = queries.get_dossier_for_user(request.user, dossier_id)
    require(request.user, access.can_propose_for(request.user, dossier.proposing_unit))
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                dossier=dossier,
                upload=form.cleaned_data["file"],
                document_type=form.cleaned_data["document_type"],
                by=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied:
            require(request.user, False)
        else:
            messages.success(request, _("Đã đính kèm tệp."))
            return redirect(f"{dossier.get_absolute_url()}#tai-lieu")
    else:
        messages.error(request, _("Chọn loại tài liệu và tệp."))
    chosen = request.POST.get("document_type", "")
    query = f"?{urlencode({'loai': chosen})}" if chosen in DocumentType.values else ""
    return redirect(f"{dossier.get_absolute_url()}{query}#tai-lieu")


@require_POST
def attachment_remove(request, dossier_id: int):
    """Remove a file the dossier's unit may still take back (services.attachment_remove)."""
    dossier = queries.get_dossier_for_user(request.user, dossier_id)
    require(request.user, access.can_propose_for(request.user, dossier.proposing_unit))
    attachment_id = request.POST.get("attachment", "")
    attachment = (
        dossier.attachments.filter(pk=int(attachment_id)).first() if attachment_id.isdigit() else None
    )
    if attachment is None:
        raise Http404
    try:
        services.attachment_remove(attachment=attachment, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        require(request.user, False)
    else:
        messages.success(request, _("Đã xóa tệp %(n)s.") % {"n": attachment.original_name})
    return redirect(f"{dossier.get_absolute_url()}#tai-lieu")


def attachment_download(request, dossier_attachment_id: int):
    attachment = queries.get_attachment_for_user(request.user, dossier_attachment_id)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        # The extension follows the checked content, also for files stored before it did.
        filename=filename_for(attachment.original_name, attachment.content_type),
        content_type=attachment.content_type,
    )


@require_POST
def dossier_state(request, dossier_id: int):
    dossier = queries.get_dossier_for_user(request.user, dossier_id)
    # The role first (the service checks the role of the very move too).
    require(
        request.user,
        access.can_propose_for(request.user, dossier.proposing_unit)
        or access.can_vote(request.user, dossier)
        or access.can_appraise(request.user, dossier),
    )
    try:
        services.set_dossier_state(
            obj=dossier,
            to=request.POST.get("to", ""),
            by=request.user,
            reason=clean_text(request.POST.get("reason", "")),
            note=clean_text(request.POST.get("note", "")),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        require(request.user, False)
    else:
        dossier.refresh_from_db()
        messages.success(request, _("Hồ sơ: %(s)s.") % {"s": dossier.get_state_display()})
    return redirect(dossier)


# --- People, catalogue, quotas ---------------------------------------------------------------


def person_list(request):
    form = PersonFilterForm(request.GET)
    people = queries.people_list(request.user, text=form.value("q"))
    return render(request, "awards/person_list.html", {"page": paginate(request, people), "form": form})


def person_list_xlsx(request):
    """The people list without sensitive data (exports.py says which)."""
    text = PersonFilterForm(request.GET).value("q")
    sheet = exports.people_sheet(queries.people_list(request.user, text=text), text=text)
    return xlsx_download([sheet], filename="ca-nhan.xlsx")


def person_detail(request, person_id: int):
    person = queries.get_person_for_user(request.user, person_id)
    sensitive = queries.sees_sensitive_data(request.user, person)
    if sensitive and person.ethnicity:
        # Reading sensitive personal data is audited (the person's ethnicity).
        audit_record(
            action=AuditAction.READ_SENSITIVE, by=request.user, obj=person, changes={"field": "ethnicity"}
        )
    return render(
        request,
        "awards/person_detail.html",
        {"person": person, "history": person.history.select_related("award_form"), "sensitive": sensitive},
    )


def person_detail_xlsx(request, person_id: int):
    """The person's history table only: the ethnicity stays on the (audited) page."""
    person = queries.get_person_for_user(request.user, person_id)
    sheet = exports.person_history_sheet(person, person.history.select_related("award_form"))
    return xlsx_download([sheet], filename=f"qua-trinh-{person.pk}.xlsx")


def catalogue(request):
    return render(
        request,
        "awards/catalogue.html",
        {
            "forms": AwardForm.objects.all(),
            "salaries": BaseSalary.objects.all(),
            "can_manage": access.keeps_catalogue(request.user),
            "salary_form": BaseSalaryForm(),
        },
    )


def catalogue_xlsx(request):
    """The catalogue belongs to the province and is read by every account, like its page."""
    sheets = exports.catalogue_sheets(AwardForm.objects.all(), BaseSalary.objects.all())
    return xlsx_download(sheets, filename="danh-muc-khen-thuong.xlsx")


def quota_detail_xlsx(request, event_id: int):
    event = queries.get_quota_for_user(request.user, event_id)
    allocations = list(event.allocations.select_related("unit"))
    sheet = exports.quota_sheet(
        event, allocations, quota_totals(event), services.quota_use_by_unit(event=event)
    )
    return xlsx_download([sheet], filename=f"phan-bo-{event.year}-{event.pk}.xlsx")


def quota_detail(request, event_id: int):
    event = queries.get_quota_for_user(request.user, event_id)
    allocations = list(event.allocations.select_related("unit"))
    use = services.quota_use_by_unit(event=event)
    return render(
        request,
        "awards/quota_detail.html",
        {"event": event, "allocations": allocations, "totals": quota_totals(event), "use": use},
    )


def quota_list(request):
    events = QuotaEvent.objects.filter(
        owner__pk__in=[*request.user.unit.ancestor_ids, request.user.unit.pk]
    ) | QuotaEvent.objects.filter(owner__path__startswith=request.user.unit.path)
    return render(request, "awards/quota_list.html", {"events": events.distinct().order_by("-year")[:100]})


# --- Council sessions and decisions ------------------------------------------------------------


class SigningForm(CleanTextMixin, forms.Form):
    """The signing date as everywhere else: dd/mm/yyyy (ISO accepted)."""

    signed_on = forms.DateField(input_formats=["%d/%m/%Y", "%Y-%m-%d"])


class SessionForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=gettext_lazy("Tên phiên họp"), max_length=255)
    held_on = forms.DateField(label=gettext_lazy("Ngày họp"), widget=DateInput())
    members = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Thành viên dự họp"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    dossiers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Hồ sơ đủ điều kiện trình Hội đồng"),
        queryset=Dossier.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = User.objects.filter(
            unit=user.unit, role__in=[Role.COUNCIL, Role.LEADER, Role.ADMIN], is_active=True
        ).order_by("full_name")
        self.fields["dossiers"].queryset = queries.dossier_list(user).filter(state=DossierState.READY)


def session_list(request):
    sessions = CouncilSession.objects.filter(owner__path__startswith=request.user.unit.path).order_by(
        "-held_on"
    )
    return render(
        request,
        "awards/session_list.html",
        {"page": paginate(request, sessions), "can_manage": request.user.role in access.PROVINCE_ROLES},
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


def _session_dossiers(session):
    return list(
        session.dossiers.select_related("proposing_unit", "award_form").prefetch_related(
            "nominees__person", "nominees__unit"
        )
    )


def session_detail_xlsx(request, session_id: int):
    """The votes table: what was recorded (empty while the session is open)."""
    session = queries.get_session_for_user(request.user, session_id)
    sheet = exports.votes_sheet(session, _session_dossiers(session), present=session.members_present.count())
    return xlsx_download([sheet], filename=f"bieu-quyet-{session.pk}.xlsx")


def session_detail(request, session_id: int):
    session = queries.get_session_for_user(request.user, session_id)
    dossiers = _session_dossiers(session)
    present = session.members_present.count()
    return render(
        request,
        "awards/session_detail.html",
        {
            "session": session,
            "dossiers": dossiers,
            "present": present,
            "needed": services.approval_needed(present, settings.COUNCIL_APPROVAL_THRESHOLD),
            "can_manage": request.user.role in access.PROVINCE_ROLES and session.state == "open",
            "decisions": session.decisions.all(),
        },
    )


def _typed_votes(request, session, present: int) -> tuple[dict[int, tuple[int, int]], list[str]]:
    """The vote table as typed: {nominee: (for, against)} and a message for each cell
    that is not a count. A nominee whose "for" cell is empty is left out: the service
    names every nominee without a result."""
    nominees = Nominee.objects.filter(dossier__council_sessions=session).select_related("person", "unit")
    votes, errors = {}, []
    for nominee in nominees.order_by("dossier_id", "order", "pk"):
        typed_for = request.POST.get(f"for_{nominee.pk}", "").strip()
        typed_against = request.POST.get(f"against_{nominee.pk}", "").strip() or "0"
        if not typed_for:
            continue
        counts = []
        for label, text in ((_("đồng ý"), typed_for), (_("không đồng ý"), typed_against)):
            if not re.fullmatch(r"[0-9]+", text):
                errors.append(
                    _("Số phiếu %(k)s của %(n)s không hợp lệ: “%(v)s” không phải là số nguyên không âm.")
                    % {"k": label, "n": nominee.name, "v": text[:20]}
                )
            elif len(text) > 6:  # beyond any council; int() of a huge text is slow
                errors.append(
                    _("Số phiếu %(k)s của %(n)s không hợp lệ: %(v)s lớn hơn số thành viên có mặt (%(p)s).")
                    % {"k": label, "n": nominee.name, "v": text[:20], "p": present}
                )
            else:
                counts.append(int(text))
        if len(counts) == 2:
            votes[nominee.pk] = (counts[0], counts[1])
    return votes, errors


@require_POST
def session_close(request, session_id: int):
    session = queries.get_session_for_user(request.user, session_id)
    require(request.user, request.user.role in access.PROVINCE_ROLES)
    votes, errors = _typed_votes(request, session, session.members_present.count())
    if not errors:
        try:
            services.session_close(session=session, votes=votes, by=request.user)
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


def decision_list(request):
    form = DecisionFilterForm(request.GET)
    decisions = queries.decision_list(request.user, year=form.value("year"))
    return render(
        request,
        "awards/decision_list.html",
        {"page": paginate(request, decisions), "form": form, "year": form.value("year")},
    )


def decision_list_xlsx(request):
    year = DecisionFilterForm(request.GET).value("year")
    sheet = exports.decisions_sheet(queries.decision_list(request.user, year=year), year=year)
    return xlsx_download([sheet], filename=f"quyet-dinh-khen-thuong-{year or 'tat-ca'}.xlsx")


def decision_detail(request, decision_id: int):
    decision = queries.get_decision_for_user(request.user, decision_id)
    return render(
        request,
        "awards/decision_detail.html",
        {
            "decision": decision,
            "awardees": decision.awardees.select_related("person", "person__unit", "unit"),
            "can_manage": request.user.role in access.PROVINCE_ROLES,
            "today": timezone.localdate(),
            "total_prize": sum(a.prize for a in decision.awardees.all()),
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
    except PermissionDenied:
        require(request.user, False)
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
    except PermissionDenied:
        require(request.user, False)
    else:
        messages.success(request, _("Đã thu hồi quyết định."))
    return redirect(decision)


def decision_export(request, decision_id: int, fmt: str):
    decision = queries.get_decision_for_user(request.user, decision_id)
    awardees = list(decision.awardees.select_related("person", "person__unit", "unit"))
    rows = [
        [
            i,
            a.person.full_name if a.person_id else a.unit.name,
            (a.person.position if a.person_id else _("Tập thể")),
            (a.person.unit.name if a.person_id else ""),
            a.prize,
        ]
        for i, a in enumerate(awardees, start=1)
    ]
    columns = [
        Column(_("STT"), 6),
        Column(_("Họ tên / tập thể"), 36),
        Column(_("Chức vụ"), 24),
        Column(_("Đơn vị"), 36),
        Column(_("Tiền thưởng (đồng)"), 18, "#,##0"),
    ]
    heading = f"{decision.number_text} — {decision.subject}"
    if fmt == "xlsx":
        return xlsx_download(
            [Sheet(_("Danh sách"), columns, rows, heading=heading)], filename=f"quyet-dinh-{decision.pk}.xlsx"
        )
    if fmt == "pdf":
        return pdf_download(
            "awards/pdf_awardees.html",
            {
                "decision": decision,
                "awardees": awardees,
                "total": sum(a.prize for a in awardees),
                "title": heading,
            },
            filename=f"quyet-dinh-{decision.pk}.pdf",
        )
    raise Http404


def dossier_register(request, fmt: str):
    """The register of dossiers (sổ theo dõi hồ sơ) as XLSX or PDF: the dossier list's
    rows under the same filter form (year, state or group of states, unit)."""
    form, dossiers, root = _dossier_filters(request)
    dossiers = list(dossiers)
    year = form.value("year")
    details = [
        str(d)
        for d in (
            root.name if root != request.user.unit else "",
            _("năm %(y)s") % {"y": year} if year else "",
            f"{_('Trạng thái')}: {form.choice_label('state')}" if form.value("state") else "",
        )
        if d
    ]
    rows = [
        [
            i,
            d.year,
            d.title,
            d.proposing_unit.name,
            d.award_form.name,
            d.nominee_count,
            d.get_state_display(),
            local_date(d.submitted_at),
        ]
        for i, d in enumerate(dossiers, start=1)
    ]
    columns = [
        Column(_("STT"), 6),
        Column(_("Năm"), 8),
        Column(_("Trích yếu"), 40),
        Column(_("Đơn vị đề nghị"), 32),
        Column(_("Hình thức"), 32),
        Column(_("Số người"), 10, "#,##0"),
        Column(_("Trạng thái"), 22),
        Column(_("Ngày nộp"), 12, "dd/mm/yyyy"),
    ]
    if fmt == "xlsx":
        return xlsx_download(
            [
                Sheet(
                    _("Sổ hồ sơ"),
                    columns,
                    rows,
                    heading=heading(_("Sổ theo dõi hồ sơ đề nghị khen thưởng"), *details),
                )
            ],
            filename="so-ho-so.xlsx",
        )
    if fmt == "pdf":
        return pdf_download(
            "awards/pdf_register.html",
            {"dossiers": dossiers, "title": _("Sổ theo dõi hồ sơ"), "filters": "; ".join(details)},
            filename="so-ho-so.pdf",
        )
    raise Http404


def _statistics(request):
    from awards.statistics import award_statistics

    year = StatisticsFilterForm(request.GET).value("year") or timezone.localdate().year
    return award_statistics(root=request.user.unit, year=year), year


def statistics_view(request):
    stats, year = _statistics(request)
    return render(request, "awards/statistics.html", {"stats": stats, "year": year})


def statistics_xlsx(request):
    stats, year = _statistics(request)
    return xlsx_download(
        [exports.statistics_sheet(stats, year=year)], filename=f"thong-ke-khen-thuong-{year}.xlsx"
    )


class HistoryImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp quá trình thi đua, khen thưởng (.csv hoặc .xlsx)"),
        help_text=gettext_lazy(
            "Các cột: ho_ten (để trống nếu là tập thể), gioi_tinh, nam_sinh, dan_toc, chuc_vu, ma_don_vi, "
            "nam, loai (danh_hieu, xep_loai, khen_thuong, sang_kien, ky_luat), gia_tri, mo_ta."
        ),
    )


@require_http_methods(["GET", "POST"])
def history_import(request):
    """Past years' history from a file: every bad row listed, nothing saved while any is."""
    from awards.history_import import history_import as save
    from awards.history_import import parse_history
    from units.imports import ImportFileError

    require(request.user, request.user.role in access.ACTING_ROLES)
    form = HistoryImportForm(request.POST or None, request.FILES or None)
    rows = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = parse_history(upload.name, upload.read(), scope=request.user.unit)
            count = save(rows=rows, by=request.user, source=upload.name)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        except ValidationError:
            pass  # the rows carry their errors
        else:
            messages.success(request, _("Đã nhập %(n)s dòng quá trình.") % {"n": count})
            return redirect("awards:person_list")
    return render(request, "awards/history_import.html", {"form": form, "rows": rows})


class AwardFormForm(BootstrapMixin, forms.ModelForm):
    required_documents = forms.MultipleChoiceField(
        label=gettext_lazy("Hồ sơ bắt buộc"),
        choices=DocumentType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    eligibility_text = forms.CharField(
        label=gettext_lazy("Điều kiện xét (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "Danh sách quy tắc theo mô tả trong awards/eligibility.py; để trống nếu không xét."
        ),
    )

    class Meta:
        model = AwardForm
        fields = [
            "code",
            "name",
            "issuing_level",
            "recipient",
            "kind",
            "prize_coefficient",
            "prize_coefficient_collective",
            "required_documents",
            "active",
            "order",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        import json

        self.fields["eligibility_text"].initial = (
            json.dumps(self.instance.eligibility, ensure_ascii=False, indent=1)
            if self.instance.eligibility
            else ""
        )

    def clean_eligibility_text(self):
        import json

        text = self.cleaned_data["eligibility_text"].strip()
        if not text:
            return []
        try:
            rules = json.loads(text)
        except ValueError as exc:
            raise forms.ValidationError(_("JSON không hợp lệ: %(e)s") % {"e": exc}) from exc
        if not isinstance(rules, list) or not all(isinstance(r, dict) and "checks" in r for r in rules):
            raise forms.ValidationError(_("Cần một danh sách các quy tắc, mỗi quy tắc có “checks”."))
        return rules


@require_http_methods(["GET", "POST"])
def award_form_edit(request, award_form_id: int | None = None):
    """Provincial admins keep the catalogue: forms, coefficients, documents, checks."""
    require(request.user, access.keeps_catalogue(request.user))
    instance = AwardForm.objects.filter(pk=award_form_id).first() if award_form_id else None
    if award_form_id and instance is None:
        raise Http404
    form = AwardFormForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        from units.audit import diff, snapshot

        fields = [*AwardFormForm.Meta.fields, "eligibility"]
        before = snapshot(instance, fields) if instance else {}
        award_form = form.save(commit=False)
        award_form.eligibility = form.cleaned_data["eligibility_text"]
        award_form.save()
        audit_record(
            action=AuditAction.UPDATE if instance else AuditAction.CREATE,
            by=request.user,
            obj=award_form,
            changes=diff(before, snapshot(award_form, fields)),
        )
        messages.success(request, _("Đã lưu %(n)s.") % {"n": award_form.name})
        return redirect("awards:catalogue")
    return render(request, "awards/award_form_edit.html", {"form": form, "instance": instance})


class BaseSalaryForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = BaseSalary
        fields = ["valid_from", "amount", "legal_basis"]
        widgets = {"valid_from": DateInput()}


@require_POST
def base_salary_add(request):
    require(request.user, access.keeps_catalogue(request.user))
    form = BaseSalaryForm(request.POST)
    if form.is_valid():
        row = form.save()
        audit_record(action=AuditAction.CREATE, by=request.user, obj=row, changes={"amount": row.amount})
        messages.success(request, _("Đã thêm mức lương cơ sở."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("awards:catalogue")


# --- Award fund --------------------------------------------------------------------------


class AwardFundForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = AwardFund
        fields = ["year", "budget", "share", "amount", "note"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise ValidationError(_("Năm phải trong khoảng 2000–2100."))
        return year

    def validate_unique(self):
        """One fund per unit and year: saving a year again updates it (the service)."""


@require_http_methods(["GET", "POST"])
def fund_list(request):
    """The unit's award fund per year beside the prize money its issued decisions pay."""
    unit = request.user.unit
    can_manage = access.keeps_fund(request.user)
    form = AwardFundForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        require(request.user, can_manage)
        if form.is_valid():
            try:
                fund = services.award_fund_save(owner=unit, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã lưu quỹ khen thưởng năm %(y)s.") % {"y": fund.year})
                return redirect("awards:fund_list")
    return render(
        request,
        "awards/fund_list.html",
        {"rows": queries.fund_rows(unit), "form": form, "can_manage": can_manage, "unit": unit},
    )


# --- Awardees ------------------------------------------------------------------------------


def _awardee_filters(request):
    """The awardee list's filter form and the filters it gives the query: the page and
    its XLSX read them here."""
    form = AwardeeFilterForm(request.GET)
    chosen = form.value("form")
    return form, {
        "root": scope_unit(request, form.value("unit") or request.user.unit_id),
        "year": form.value("year"),
        "form_id": chosen.pk if chosen else None,
        "level": form.value("level"),
        "kind": form.value("kind"),
    }


def awardee_list(request):
    form, filters = _awardee_filters(request)
    awardees = queries.awardee_list(request.user, **filters)
    page = paginate(request, awardees)
    return render(
        request,
        "awards/awardee_list.html",
        {
            "page": page,
            "form": form,
            "scope": filters["root"] if filters["root"] != request.user.unit else None,
            "total": page.paginator.count,
        },
    )


def awardee_list_xlsx(request):
    _form, filters = _awardee_filters(request)
    rows = [
        [
            i,
            a.decision.year,
            a.decision.number_text,
            a.decision.signed_on,
            a.decision.award_form.name,
            a.person.full_name if a.person_id else a.unit.name,
            a.person.unit.name if a.person_id else "",
            _("Có") if a.person_id and a.person.is_direct_worker else "",
            a.prize,
        ]
        for i, a in enumerate(queries.awardee_list(request.user, **filters), start=1)
    ]
    columns = [
        Column(_("STT"), 6),
        Column(_("Năm"), 8),
        Column(_("Số quyết định"), 18),
        Column(_("Ngày ký"), 12, "dd/mm/yyyy"),
        Column(_("Hình thức"), 32),
        Column(_("Tập thể, cá nhân được khen"), 34),
        Column(_("Đơn vị"), 30),
        Column(_("Lao động trực tiếp"), 12),
        Column(_("Tiền thưởng (đồng)"), 16, "#,##0"),
    ]
    title = heading(_("Danh sách được khen thưởng"), filters["root"].name, filters["year"] or "")
    return xlsx_download(
        [Sheet(_("Được khen thưởng"), columns, rows, heading=title)], filename="duoc-khen-thuong.xlsx"
    )
