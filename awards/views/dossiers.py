"""Award dossiers: the list and its register, a dossier's page, its nominees and files,
and its moves from state to state."""

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from awards import access, eligibility, exports, queries, services
from awards.enums import DocumentType, DossierState
from awards.filters import DossierFilter
from awards.forms import AttachmentForm, DossierForm, NomineeForm
from units.documents import pdf_download, xlsx_download
from units.files import filename_for
from units.shortcuts import paginate, require, scope_unit
from units.text import clean_text


def _dossier_filter(request):
    """The dossier list's filters and the unit it is narrowed to: the page, its XLSX and
    its PDF all read them here."""
    unit_id = DossierFilter(request.GET).value("unit")
    root = scope_unit(request, unit_id or request.user.unit_id)
    return DossierFilter(request.GET, queryset=queries.dossier_list(request.user, root=root)), root


def dossier_list(request):
    filterset, root = _dossier_filter(request)
    return render(
        request,
        "awards/dossier_list.html",
        {
            "page": paginate(request, filterset.qs),
            "filter": filterset,
            "scope": root if root != request.user.unit else None,
            "can_create": request.user.role in access.ACTING_ROLES,
        },
    )


def dossier_register(request, fmt: str):
    """The register of dossiers (sổ theo dõi hồ sơ) as XLSX or PDF: the dossier list's
    rows under the same filters (year, state or group of states, unit)."""
    filterset, root = _dossier_filter(request)
    dossiers = list(filterset.qs)
    details = exports.register_details(
        root=root,
        user_unit=request.user.unit,
        year=filterset.value("year"),
        state_label=filterset.state_label(),
    )
    if fmt == "xlsx":
        return xlsx_download([exports.register_sheet(dossiers, details=details)], filename="so-ho-so.xlsx")
    if fmt == "pdf":
        return pdf_download(
            "awards/pdf_register.html",
            {"dossiers": dossiers, "title": _("Sổ theo dõi hồ sơ"), "filters": "; ".join(details)},
            filename="so-ho-so.pdf",
        )
    raise Http404


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
        dossier = services.dossier_create(by=request.user, **form.cleaned_data)
        messages.success(request, _("Đã tạo hồ sơ. Thêm người được đề nghị và tài liệu rồi nộp."))
        return redirect(dossier)
    return render(request, "awards/form.html", {"form": form, "title": _("Tạo hồ sơ đề nghị khen thưởng")})


def dossier_detail_xlsx(request, dossier_id: int):
    dossier = queries.get_dossier_for_user(request.user, dossier_id)
    sheet = exports.nominees_sheet(dossier, queries.dossier_nominees(dossier))
    return xlsx_download([sheet], filename=f"ho-so-{dossier.pk}-nguoi-duoc-de-nghi.xlsx")


def dossier_detail(request, dossier_id: int):
    dossier = queries.get_dossier_for_user(request.user, dossier_id)
    user = request.user
    nominees = queries.dossier_nominees(dossier)
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
        else:
            messages.success(request, _("Đã thêm người được đề nghị."))
    else:
        messages.error(request, _("Chọn một cá nhân hoặc một tập thể."))
    return redirect(dossier)


@require_POST
def nominee_remove(request, dossier_id: int):
    dossier = queries.get_dossier_for_user(request.user, dossier_id)
    require(request.user, access.can_propose_for(request.user, dossier.proposing_unit))
    nominee = queries.dossier_item(dossier.nominees, request.POST.get("nominee", ""))
    try:
        services.nominee_remove(nominee=nominee, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
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
    attachment = queries.dossier_item(dossier.attachments, request.POST.get("attachment", ""))
    try:
        services.attachment_remove(attachment=attachment, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
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
    else:
        dossier.refresh_from_db()
        messages.success(request, _("Hồ sơ: %(s)s.") % {"s": dossier.get_state_display()})
    return redirect(dossier)
