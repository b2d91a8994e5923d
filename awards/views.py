from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from awards import access, eligibility, queries, services
from awards.enums import DocumentType, DossierState
from awards.models import AwardForm, Person, QuotaEvent
from awards.quotas import quota_totals
from units.audit import audit_record
from units.enums import AuditAction
from units.forms import BootstrapMixin, UnitChoiceField
from units.models import Unit
from units.queries import visible_units
from units.views import paginate, require


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


def _year(request) -> int | None:
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() else None


def dossier_list(request):
    year, state = _year(request), request.GET.get("state", "")
    dossiers = queries.dossier_list(
        request.user, year=year, state=state if state in DossierState.values else ""
    )
    return render(
        request,
        "awards/dossier_list.html",
        {
            "page": paginate(request, dossiers),
            "year": year,
            "state": state,
            "states": DossierState.choices,
            "can_create": request.user.role in access.ACTING_ROLES,
        },
    )


@require_http_methods(["GET", "POST"])
def dossier_create(request):
    require(request.user, request.user.role in access.ACTING_ROLES)
    form = DossierForm(
        request.POST or None,
        user=request.user,
        initial={"proposing_unit": request.user.unit, "year": timezone.localdate().year},
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


def dossier_detail(request, dossier_id: int):
    dossier = queries.get_dossier_for_user(request.user, dossier_id)
    user = request.user
    nominees = list(dossier.nominees.select_related("person", "person__unit", "unit"))
    for nominee in nominees:
        nominee.check_summary = eligibility.summary(nominee.eligibility)
    editable = dossier.state in services.EDITABLE and access.can_propose_for(user, dossier.proposing_unit)
    return render(
        request,
        "awards/dossier_detail.html",
        {
            "dossier": dossier,
            "nominees": nominees,
            "attachments": dossier.attachments.all(),
            "missing": [DocumentType(code).label for code in services.missing_documents(dossier)],
            "editable": editable,
            "can_appraise": access.can_appraise(user, dossier),
            "nominee_form": NomineeForm(dossier=dossier) if editable else None,
            "attachment_form": AttachmentForm() if editable else None,
            "states": DossierState,
        },
    )


@require_POST
def nominee_add(request, dossier_id: int):
    dossier = queries.get_dossier_for_user(request.user, dossier_id)
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
    nominee = dossier.nominees.filter(pk=request.POST.get("nominee") or 0).first()
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
    else:
        messages.error(request, _("Chọn loại tài liệu và tệp."))
    return redirect(dossier)


def attachment_download(request, dossier_attachment_id: int):
    attachment = queries.get_attachment_for_user(request.user, dossier_attachment_id)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@require_POST
def dossier_state(request, dossier_id: int):
    dossier = queries.get_dossier_for_user(request.user, dossier_id)
    try:
        services.set_dossier_state(
            obj=dossier,
            to=request.POST.get("to", ""),
            by=request.user,
            reason=request.POST.get("reason", ""),
            note=request.POST.get("note", ""),
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
    people = queries.people_list(request.user, text=request.GET.get("q", "").strip())
    return render(request, "awards/person_list.html", {"page": paginate(request, people)})


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


def catalogue(request):
    return render(request, "awards/catalogue.html", {"forms": AwardForm.objects.all()})


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
