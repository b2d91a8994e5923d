from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from emulation.queries import board_units
from reports import access, exports, queries, services
from reports.assembly import assemble, content_hash
from reports.dashboards import cached, panel_sheets, province_dashboard
from reports.dashboards import unit_dashboard as unit_dashboard_build
from reports.enums import DocumentState, FileFormat, RenderState, SectionKind
from reports.filters import DashboardFilter, DocumentFilter
from reports.forms import (
    DocumentCreateForm,
    DocumentHeaderForm,
    IssueForm,
    SectionTextForm,
    TemplateChoiceForm,
    TemplateForm,
    TemplateSectionFormSet,
)
from reports.placeholders import PLACEHOLDERS
from reports.render_html import document_html
from units.documents import xlsx_download
from units.enums import Role
from units.shortcuts import form_errors_from, paginate, require, scope_unit

# --- Documents ---------------------------------------------------------------------------------


def document_list(request):
    documents = DocumentFilter(request.GET, queryset=queries.document_list(request.user))
    return render(
        request,
        "reports/document_list.html",
        {
            "filter": documents,
            "page": paginate(request, documents.qs),
            "can_write": access.can_write(request.user),
        },
    )


def document_list_xlsx(request):
    """The register of documents (sổ văn bản) as the list shows it, every page."""
    documents = DocumentFilter(request.GET, queryset=queries.document_list(request.user))
    sheet = exports.document_register_sheet(documents.qs, year=documents.value("year"))
    return xlsx_download([sheet], filename="so-van-ban.xlsx")


@require_http_methods(["GET", "POST"])
def document_create(request):
    require(request.user, access.can_write(request.user))
    data = request.POST if request.method == "POST" else request.GET
    chooser = TemplateChoiceForm(data or None, initial={"year": timezone.localdate().year})
    if not data or not chooser.is_valid():
        return render(request, "reports/document_create.html", {"chooser": chooser, "form": None})
    template, year = chooser.cleaned_data["template"], chooser.cleaned_data["year"]
    needs = [n for n in services.template_needs(template.sections.all())]
    form = DocumentCreateForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        template=template,
        year=year,
        needs=needs,
        initial={
            "template": template.code,
            "year": year,
            **queries.suggested_sources(request.user.unit, year=year, needs=needs),
            # A link from a plan, campaign, quota or decision page names its object.
            **{name: request.GET[name] for name in needs if request.GET.get(name)},
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_create(
                template=template,
                issuer=request.user.unit,
                year=year,
                sources=form.sources(),
                by=request.user,
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã tạo dự thảo; soạn các phần nội dung rồi ban hành."))
            return redirect(document)
    return render(
        request,
        "reports/document_create.html",
        {"chooser": chooser, "form": form, "template": template, "year": year},
    )


def document_detail(request, document_id: int):
    document = queries.get_document_for_user(request.user, document_id)
    sections = list(document.sections.all())
    content = assemble(document, sections)
    editable = document.is_draft and access.can_edit(request.user, document)
    return render(
        request,
        "reports/document_detail.html",
        {
            "document": document,
            "sections": sections,
            "preview": document_html(content, paged=False),
            "editable": editable,
            "can_edit": access.can_edit(request.user, document),
            "issue_form": IssueForm(initial={"issued_on": timezone.localdate()}) if editable else None,
            "missing": services.missing_for_issue(document, sections) if editable else [],
            **_renderings_context(document, content_hash(content) if document.is_draft else ""),
        },
    )


def _renderings_context(document, current_hash: str) -> dict:
    renderings = queries.document_renderings(document)
    return {
        "renderings": renderings,
        "current_hash": current_hash,
        "busy": any(r.state in {RenderState.QUEUED, RenderState.RUNNING} for r in renderings),
        "formats": FileFormat.choices,
    }


def document_files(request, document_id: int):
    """The files panel alone, polled while the worker is busy."""
    document = queries.get_document_for_user(request.user, document_id)
    current = content_hash(assemble(document)) if document.is_draft else ""
    return render(
        request,
        "reports/_files.html",
        {
            "document": document,
            "can_edit": access.can_edit(request.user, document),
            **_renderings_context(document, current),
        },
    )


@require_http_methods(["GET", "POST"])
def document_update(request, document_id: int):
    document = queries.get_document_for_user(request.user, document_id)
    require(request.user, access.can_edit(request.user, document))
    if not document.is_draft:
        messages.error(request, _("Văn bản đã ban hành không sửa được; hãy soạn văn bản thay thế."))
        return redirect(document)
    needs = services.template_needs(document.sections.all())
    fields = [*services.HEADER_FIELDS, *needs]
    initial = {name: getattr(document, name) for name in fields}
    form = DocumentHeaderForm(
        request.POST or None, initial=initial, user=request.user, year=document.year, needs=needs
    )
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data.get(name) for name in fields}
        try:
            services.document_update(document=document, by=request.user, **values)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin văn bản."))
            return redirect(document)
    return render(request, "reports/document_form.html", {"document": document, "form": form})


@require_http_methods(["GET", "POST"])
def section_update(request, section_id: int):
    section = queries.get_section_for_user(request.user, section_id)
    document = section.document
    require(request.user, access.can_edit(request.user, document))
    if not document.is_draft or section.kind != SectionKind.PROSE:
        messages.error(request, _("Phần này không soạn thảo được."))
        return redirect(document)
    form = SectionTextForm(request.POST or None, initial={"text": section.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.document_section_update(section=section, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã lưu phần “%(h)s”.") % {"h": section.heading or _("nội dung")})
            return redirect(f"{document.get_absolute_url()}#section-{section.pk}")
    context = {"document": document, "section": section, "form": form}
    return render(request, "reports/section_form.html", context)


@require_POST
def document_delete(request, document_id: int):
    document = queries.get_document_for_user(request.user, document_id)
    try:
        services.document_delete(document=document, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(document)
    messages.success(request, _("Đã xóa dự thảo."))
    return redirect("reports:document_list")


@require_POST
def section_remove(request, section_id: int):
    section = queries.get_section_for_user(request.user, section_id)
    try:
        services.document_section_remove(section=section, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        name = section.heading or section.get_kind_display()
        messages.success(request, _("Đã bỏ phần “%(h)s”.") % {"h": name})
    return redirect(section.document)


@require_POST
def document_issue(request, document_id: int):
    document = queries.get_document_for_user(request.user, document_id)
    # The role first: a read-only account is refused before its date is read.
    require(request.user, access.can_edit(request.user, document))
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(document)
    try:
        with_number = services.set_document_state(
            obj=document, to=DocumentState.ISSUED, by=request.user, issued_on=form.cleaned_data["issued_on"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Đã ban hành văn bản số %(n)s; tệp PDF và DOCX đang được tạo để lưu trữ.")
            % {"n": with_number.number_text},
        )
    return redirect(document)


@require_POST
def document_replace(request, document_id: int):
    document = queries.get_document_for_user(request.user, document_id)
    try:
        draft = services.document_replace(document=document, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(document)
    messages.success(request, _("Đã tạo dự thảo thay thế văn bản số %(n)s.") % {"n": document.number_text})
    return redirect(draft)


@require_POST
def rendering_request(request, document_id: int):
    document = queries.get_document_for_user(request.user, document_id)
    try:
        services.rendering_request(document=document, fmt=request.POST.get("format", ""), by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(f"{document.get_absolute_url()}#files")


@require_POST
def rendering_retry(request, rendering_id: int):
    rendering = queries.get_rendering_for_user(request.user, rendering_id)
    services.rendering_retry(rendering=rendering, by=request.user)
    return redirect(f"{rendering.document.get_absolute_url()}#files")


CONTENT_TYPES = {
    FileFormat.PDF: "application/pdf",
    FileFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def rendering_download(request, rendering_id: int):
    """Issued documents are served from the archive, checked against the checksum taken
    when the file was made; a draft's preview file as it is."""
    rendering = queries.get_rendering_for_user(request.user, rendering_id)
    if rendering.state != RenderState.DONE or not rendering.file:
        raise Http404
    if rendering.archived and not services.archive_is_intact(rendering):
        messages.error(request, _("Tệp lưu trữ không còn khớp mã kiểm tra; báo quản trị hệ thống."))
        services.log.error("Archive checksum mismatch: rendering %s", rendering.pk)
        return redirect(rendering.document)
    document = rendering.document
    label = document.number_text if document.number else f"du-thao-{document.kind}"
    # "339/BC-LĐLĐ" → 339-bc-ldld: Đ has no ASCII decomposition, so slugify would drop it.
    stem = slugify(f"{label}-{document.year}".replace("/", "-").replace("Đ", "D").replace("đ", "d"))
    return FileResponse(
        rendering.file.open("rb"),
        as_attachment=True,
        filename=f"{stem}.{rendering.format}",
        content_type=CONTENT_TYPES[rendering.format],
    )


# --- Templates ----------------------------------------------------------------------------------


def template_list(request):
    templates = queries.template_list()
    return render(
        request,
        "reports/template_list.html",
        {"templates": templates, "can_manage": access.keeps_templates(request.user)},
    )


def template_list_xlsx(request):
    return xlsx_download([exports.template_list_sheet(queries.template_list())], filename="mau-van-ban.xlsx")


@require_http_methods(["GET", "POST"])
def template_edit(request, template_id: int | None = None):
    template = queries.get_template_for_user(request.user, template_id) if template_id else None
    if request.method == "POST":
        require(request.user, access.keeps_templates(request.user))
    form = TemplateForm(request.POST or None, template=template)
    formset = TemplateSectionFormSet(request.POST or None, template=template)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            saved = services.template_save(
                template=template, values=form.cleaned_data, sections=formset.sections(), by=request.user
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã lưu mẫu văn bản."))
            return redirect(saved)
    return render(
        request,
        "reports/template_form.html",
        {
            "template": template,
            "form": form,
            "formset": formset,
            "can_manage": access.keeps_templates(request.user),
            "placeholders": PLACEHOLDERS.items(),
        },
    )


# --- Dashboards ----------------------------------------------------------------------------


def _dashboard_year(request) -> int:
    return DashboardFilter(request.GET).board_year()


def _province_dashboard(request):
    root = scope_unit(request)
    return cached("province", root, _dashboard_year(request), timezone.localdate(), province_dashboard)


def _unit_dashboard(request, unit_id: int | None):
    unit = scope_unit(request, unit_id) if unit_id is not None else request.user.unit
    return cached("unit", unit, _dashboard_year(request), timezone.localdate(), unit_dashboard_build)


def _year_choices(year: int) -> list[int]:
    today = timezone.localdate()
    return sorted({*range(today.year - 4, today.year + 2), year}, reverse=True)


def home(request):
    """The dashboard that fits the account: a union's own for its emulation staff, the
    overview of the subtree for leadership and the province's staff."""
    if request.user.role == Role.UNIT_STAFF:
        return unit_dashboard(request, None)
    return dashboard(request)


def dashboard(request):
    board = _province_dashboard(request)
    user = request.user
    if board.root_id == user.unit_id:  # the board's units are the user's: no query
        units = board.units
    else:
        units = [(u.pk, u.short_name or u.name) for u in board_units(user)]
    scopes = [
        (user.unit_id, user.unit.short_name or user.unit.name),
        *[u for u in units if u[0] != user.unit_id],
    ]
    return render(
        request,
        "reports/dashboard.html",
        {
            "board": board,
            "scopes": scopes,
            "years": _year_choices(board.year),
            "xlsx_url": reverse("reports:dashboard_xlsx"),
        },
    )


def unit_dashboard(request, unit_id: int | None):
    board = _unit_dashboard(request, unit_id)
    return render(
        request,
        "reports/dashboard.html",
        {
            "board": board,
            "years": _year_choices(board.year),
            "xlsx_url": reverse("reports:unit_dashboard_xlsx", args=[board.root_id]),
            "overview_url": reverse("reports:dashboard") if board.root_id != request.user.unit_id else "",
        },
    )


def _dashboard_download(request, board, stem: str):
    panels = board.panels
    if key := request.GET.get("panel", ""):
        panels = [p for p in panels if p.key == key]
        if not panels:
            raise Http404
    name = f"{stem}-{board.year}" + (f"-{key}" if key else "")
    return xlsx_download(panel_sheets(board, panels), filename=f"{name}.xlsx")


def dashboard_xlsx(request):
    return _dashboard_download(request, _province_dashboard(request), "bang-dieu-khien")


def unit_dashboard_xlsx(request, unit_id: int):
    return _dashboard_download(request, _unit_dashboard(request, unit_id), "bang-dieu-khien-don-vi")
