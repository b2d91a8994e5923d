from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scoring import access, exports, queries, services
from scoring.enums import OPEN_TO_SELF, ScoreKind, SheetState, TableStatus
from scoring.filters import TableFilter
from scoring.forms import (
    AppraisalPointsForm,
    AppraisalRecordForm,
    EvidenceForm,
    ItemScoreForm,
    SheetReturnForm,
    TableImportForm,
    TableUpdateForm,
)
from scoring.imports import preview_criteria_file, sign_preview, unsign_preview
from scoring.tree import flatten, totals
from units.files import filename_for
from units.imports import ImportFileError
from units.queries import visible_groupings
from units.shortcuts import paginate, require


def table_list(request):
    tables = TableFilter(request.GET, queryset=queries.table_list(request.user))
    return render(
        request,
        "scoring/table_list.html",
        {
            "filter": tables,
            "page": paginate(request, tables.qs),
            "can_create": access.can_create_tables(request.user),
        },
    )


def table_list_xlsx(request):
    tables = TableFilter(request.GET, queryset=queries.table_list(request.user))
    return exports.table_list_download(tables.qs, year=tables.value("year"))


def table_import(request):
    """Upload → preview of the tree with computed sums and every bad row → save."""
    user = request.user
    require(user, access.can_create_tables(user))
    if request.method == "POST" and "payload" in request.POST:
        return _table_import_save(request)
    form = TableImportForm(request.POST or None, request.FILES or None, user=user)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            preview = preview_criteria_file(upload.name, upload.read())
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            context.update(rows=preview.rows, nodes=preview.nodes, bad=preview.bad, total=preview.total)
            if not preview.bad:
                context["payload"] = sign_preview(preview.rows, form.details())
    return render(request, "scoring/table_import.html", context)


def _table_import_save(request):
    """ "Lưu" on the preview: the rows and details it showed, signed, saved as a draft."""
    user = request.user
    try:
        meta, rows = unsign_preview(request.POST["payload"])
    except (signing.BadSignature, ValueError):
        messages.error(request, _("Dữ liệu xem trước không hợp lệ, vui lòng tải tệp lên lại."))
        return redirect("scoring:table_import")
    grouping = visible_groupings(user).filter(pk=meta["grouping"]).first() if meta["grouping"] else None
    try:
        table = services.criteria_table_import(
            rows=rows,
            code=meta["code"],
            name=meta["name"],
            year=meta["year"],
            owner=user.unit,
            grouping=grouping,
            self_deadline=meta["self_deadline"],
            appraisal_deadline=meta["appraisal_deadline"],
            by=user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("scoring:table_import")
    messages.success(request, _("Đã lưu bảng tiêu chí (dự thảo). Kiểm tra rồi bấm “Ban hành”."))
    return redirect(table)


def table_detail(request, table_id: int):
    table = queries.get_table_for_user(request.user, table_id)
    roots = queries.table_tree(table)
    user = request.user
    own_sheet = queries.own_sheet(table, user.unit)
    return render(
        request,
        "scoring/table_detail.html",
        {
            "table": table,
            "nodes": flatten(roots),
            "total": queries.tree_maximum(roots),
            "sheets": queries.sheets_of_table(table),
            "can_manage": access.can_manage_table(user, table),
            "can_appraise": access.can_appraise(user, table),
            "own_sheet": own_sheet,
            "can_open_sheet": own_sheet is None
            and table.status == TableStatus.PUBLISHED
            and user.role in access.SELF_SCORERS
            and queries.scores_for(table, user.unit),
            "versions": queries.table_versions(table),
        },
    )


@require_POST
def table_state(request, table_id: int):
    table = queries.get_table_for_user(request.user, table_id)
    require(request.user, access.can_manage_table(request.user, table))
    try:
        services.set_criteria_table_state(obj=table, to=request.POST.get("to", ""), by=request.user)
    except (ValidationError, KeyError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [_("Trạng thái không hợp lệ.")])))
    else:
        messages.success(request, _("Bảng tiêu chí: %(s)s.") % {"s": table.get_status_display()})
    return redirect(table)


@require_POST
def table_new_version(request, table_id: int):
    table = queries.get_table_for_user(request.user, table_id)
    require(request.user, access.can_manage_table(request.user, table))
    copy = services.criteria_table_new_version(table=table, by=request.user)
    messages.success(
        request, _("Đã tạo phiên bản %(v)s (dự thảo). Điểm đã chấm vẫn ở phiên bản cũ.") % {"v": copy.version}
    )
    return redirect(copy)


def table_update(request, table_id: int):
    table = queries.get_table_for_user(request.user, table_id)
    require(request.user, access.can_manage_table(request.user, table))
    initial = {
        "name": table.name,
        "self_deadline": table.self_deadline,
        "appraisal_deadline": table.appraisal_deadline,
        "bands": TableUpdateForm.bands_text(table.bands),
    }
    form = TableUpdateForm(request.POST or None, initial=initial)
    if not table.is_editable:
        form.fields["name"].disabled = True
        form.fields["bands"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.criteria_table_update(table=table, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(table)
    return render(request, "scoring/table_form.html", {"form": form, "table": table})


@require_POST
def sheet_open(request, table_id: int):
    table = queries.get_table_for_user(request.user, table_id)
    require(request.user, request.user.role in access.SELF_SCORERS)
    try:
        sheet = services.sheet_open(table=table, unit=request.user.unit, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(table)
    return redirect(sheet)


def table_export(request, table_id: int, fmt: str):
    table = queries.get_table_for_user(request.user, table_id)
    return exports.table_download(table, fmt)


def ranking(request, table_id: int):
    table = queries.get_table_for_user(request.user, table_id)
    rows = queries.ranking(table)
    not_eligible = queries.not_eligible(rows, year=table.year)
    return render(
        request, "scoring/ranking.html", {"table": table, "rows": rows, "not_eligible": not_eligible}
    )


def ranking_export(request, table_id: int, fmt: str):
    table = queries.get_table_for_user(request.user, table_id)
    return exports.ranking_download(table, queries.ranking(table), fmt)


# --- Sheets ----------------------------------------------------------------------------


def _sheet_context(request, sheet):
    user = request.user
    roots = queries.sheet_tree(sheet)
    nodes = flatten(roots)
    outside = access.appraised_outside(sheet.table)
    return {
        "sheet": sheet,
        "table": sheet.table,
        "nodes": nodes,
        "metric_values": queries.leaf_metric_values(sheet, nodes),
        "self_totals": totals(roots, ScoreKind.SELF),
        "appraised_totals": totals(roots, ScoreKind.APPRAISED),
        "editing": access.editing_kind(user, sheet),
        "show_appraised": access.sees_appraised(user, sheet),
        "is_leader": services.is_leader(sheet),
        "can_appraise": access.can_appraise_sheet(user, sheet),
        "can_record": access.can_record_now(user, sheet),
        "can_publish": access.can_publish_sheet(user, sheet),
        "can_submit": access.can_submit_sheet(user, sheet),
        "appraisal_label": queries.shown_appraisal_label(sheet),
        "appraised_title": queries.appraised_column_title(sheet),
        "appraised_outside": outside,
        "leader_word": queries.leader_word(sheet.table.grouping) if outside else "",
    }


def sheet_detail(request, sheet_id: int):
    sheet = queries.get_sheet_for_user(request.user, sheet_id)
    return render(request, "scoring/sheet_detail.html", _sheet_context(request, sheet))


@require_POST
def item_score(request, sheet_id: int, criterion_id: int):
    """Save one leaf's input; with htmx answer the changed numbers (the leaf, its
    ancestors, the totals) as out-of-band fragments, else go back to the page."""
    sheet = queries.get_sheet_for_user(request.user, sheet_id)
    # The role first: a read-only account is refused before its input or the sheet's
    # state is looked at.
    require(
        request.user,
        access.can_self_score(request.user, sheet) or access.can_appraise_sheet(request.user, sheet),
    )
    criterion = queries.get_leaf_of_sheet(sheet, criterion_id)
    form = ItemScoreForm(request.POST)
    error = ""
    if not form.is_valid():
        error = " ".join(
            f"{criterion.code}: {message}" for messages_ in form.errors.values() for message in messages_
        )
    else:
        data = form.cleaned_data
        try:
            services.item_score_set(
                sheet=sheet,
                criterion=criterion,
                kind=data["kind"],
                by=request.user,
                choice=data["choice"],
                value=data["value"],
                achieved=data["achieved"],
                bonus=data["bonus"],
                note=data["note"],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if not request.headers.get("HX-Request"):
        if error:
            messages.error(request, error)
        return redirect(f"{sheet.get_absolute_url()}#c{criterion.pk}")
    context = _sheet_context(request, sheet)
    context.update(error=error, changed=criterion)
    return render(request, "scoring/sheet_update.html", context)


@require_POST
def sheet_state(request, sheet_id: int):
    sheet = queries.get_sheet_for_user(request.user, sheet_id)
    # The role first: a read-only account is refused before the posted state is read.
    require(
        request.user,
        access.can_self_score(request.user, sheet) or access.can_appraise_sheet(request.user, sheet),
    )
    to = request.POST.get("to", "")
    if to not in SheetState.values:
        raise Http404
    form = SheetReturnForm(request.POST)
    form.is_valid()
    try:
        services.set_score_sheet_state(
            obj=sheet,
            to=to,
            by=request.user,
            reason=form.cleaned_data.get("reason", ""),
            item_reasons=form.item_reasons(),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Phiếu chấm: %(s)s.") % {"s": sheet.get_state_display()})
        if to == SheetState.SUBMITTED and sheet.is_late:
            messages.warning(request, _("Phiếu nộp sau hạn tự chấm."))
    return redirect(sheet)


def sheet_appraisal_record(request, sheet_id: int):
    """Provincial staff record the result an outside grouping's leader sent for a sheet:
    its points, typed or from the leader's file, with the document's number and date."""
    sheet = queries.get_sheet_for_user(request.user, sheet_id)
    require(request.user, access.can_record_appraisal(request.user, sheet))
    if not access.is_recordable(sheet):
        messages.error(
            request,
            _("Phiếu ở trạng thái “%(s)s”: không ghi nhận kết quả được.") % {"s": sheet.get_state_display()},
        )
        return redirect(sheet)
    nodes = flatten(queries.sheet_tree(sheet))
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = AppraisalRecordForm(data, files, sheet=sheet)
    points = AppraisalPointsForm(
        data,
        leaves=[n for n in nodes if n.is_leaf],
        is_leader=services.is_leader(sheet),
        recorded=sheet.is_recorded,
    )
    errors: list[str] = []
    rows = _recorded_rows(form, points) if request.method == "POST" else None
    if rows is not None:
        try:
            sheet = services.sheet_appraisal_record(
                sheet=sheet, rows=rows, by=request.user, **form.record_details()
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Đã ghi nhận kết quả chấm."))
            return redirect(sheet)
    return render(
        request,
        "scoring/sheet_appraisal_record.html",
        {
            "sheet": sheet,
            "table": sheet.table,
            "nodes": nodes,
            "form": form,
            "points": points,
            "fields": points.fields_by_leaf(),
            "errors": errors,
            "leader_word": queries.leader_word(sheet.table.grouping),
        },
    )


def _recorded_rows(form, points) -> list | None:
    """The leader's points: from the file when one is sent, else as typed in the table;
    None while either form refuses its input."""
    if not form.is_valid():
        return None
    if form.cleaned_data["file"] is not None:
        return form.file_rows()
    return points.rows if points.is_valid() else None


def sheet_compare(request, sheet_id: int):
    sheet = queries.get_sheet_for_user(request.user, sheet_id)
    context = _sheet_context(request, sheet)
    context["differences"] = sum(1 for n in context["nodes"] if n.is_leaf and n.differs())
    return render(request, "scoring/sheet_compare.html", context)


def sheet_compare_xlsx(request, sheet_id: int):
    sheet = queries.get_sheet_for_user(request.user, sheet_id)
    return exports.compare_download(sheet, queries.sheet_tree(sheet))


def sheet_export(request, sheet_id: int, fmt: str):
    sheet = queries.get_sheet_for_user(request.user, sheet_id)
    return exports.sheet_download(sheet, queries.sheet_tree(sheet), fmt)


@require_POST
def attachment_upload(request, sheet_id: int, criterion_id: int):
    sheet = queries.get_sheet_for_user(request.user, sheet_id)
    criterion = queries.get_leaf_of_sheet(sheet, criterion_id)
    kind = ScoreKind.SELF if access.can_self_score(request.user, sheet) else ScoreKind.APPRAISED
    require(
        request.user,
        (kind == ScoreKind.SELF and sheet.state in OPEN_TO_SELF)
        or (kind == ScoreKind.APPRAISED and access.can_appraise_sheet(request.user, sheet)),
    )
    item = queries.scored_item(sheet, criterion, kind)
    form = EvidenceForm(request.POST, request.FILES)
    if item is None:
        messages.error(request, _("Chấm điểm mục này trước khi đính kèm minh chứng."))
    elif form.is_valid():
        attachment = services.item_attachment_add(
            item=item, upload=form.cleaned_data["file"], by=request.user
        )
        messages.success(request, _("Đã đính kèm %(f)s.") % {"f": attachment.original_name})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{sheet.get_absolute_url()}#c{criterion.pk}")


def attachment_download(request, attachment_id: int):
    attachment = queries.get_attachment_for_user(request.user, attachment_id)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=filename_for(attachment.original_name, attachment.content_type),
        content_type=attachment.content_type,
    )
