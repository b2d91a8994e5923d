import datetime
import json

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation.queries import registered_unit_ids
from scoring import access, exports, queries, services
from scoring.enums import ScoreKind, SheetState, TableStatus
from scoring.forms import (
    AppraisalPointsForm,
    AppraisalRecordForm,
    EvidenceForm,
    ItemScoreForm,
    SheetReturnForm,
    TableImportForm,
    TableUpdateForm,
)
from scoring.imports import CriterionRow, check_criteria, parse_criteria_file, parse_scores_file
from scoring.metrics import metric_value
from scoring.models import ItemAttachment, ItemScore
from scoring.tree import flatten, totals
from units.audit import audit_record
from units.enums import AuditAction, UnitKind
from units.files import filename_for
from units.imports import ImportFileError
from units.queries import visible_groupings
from units.shortcuts import paginate, require
from units.text import clean_text

IMPORT_SALT = "scoring.import"


def _year_filter(request) -> int | None:
    year_param = request.GET.get("year", "")
    return int(year_param) if year_param.isdigit() else None


def table_list(request):
    year = _year_filter(request)
    return render(
        request,
        "scoring/table_list.html",
        {
            "page": paginate(request, queries.table_list(request.user, year=year)),
            "year": year,
            "can_create": access.can_create_tables(request.user),
        },
    )


def table_list_xlsx(request):
    year = _year_filter(request)
    return exports.table_list_download(queries.table_list(request.user, year=year), year=year)


def table_import(request):
    """Upload → preview of the tree with computed sums and every bad row → save."""
    user = request.user
    require(user, access.can_create_tables(user))
    signer = signing.Signer(salt=IMPORT_SALT)
    form = TableImportForm(request.POST or None, request.FILES or None, user=user)
    context = {"form": form}
    if request.method == "POST" and "payload" in request.POST:
        try:
            payload = json.loads(signer.unsign(request.POST["payload"]))
        except (signing.BadSignature, ValueError):
            messages.error(request, _("Dữ liệu xem trước không hợp lệ, vui lòng tải tệp lên lại."))
            return redirect("scoring:table_import")
        meta = payload["meta"]
        grouping = visible_groupings(user).filter(pk=meta["grouping"]).first() if meta["grouping"] else None
        try:
            table = services.criteria_table_import(
                rows=[CriterionRow.from_dict(r) for r in payload["rows"]],
                code=meta["code"],
                name=meta["name"],
                year=meta["year"],
                owner=user.unit,
                grouping=grouping,
                self_deadline=_date(meta["self_deadline"]),
                appraisal_deadline=_date(meta["appraisal_deadline"]),
                by=user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("scoring:table_import")
        messages.success(request, _("Đã lưu bảng tiêu chí (dự thảo). Kiểm tra rồi bấm “Ban hành”."))
        return redirect(table)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = parse_criteria_file(upload.name, upload.read())
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            roots = check_criteria(rows)
            bad = [r for r in rows if r.errors]
            context.update(rows=rows, roots=roots, nodes=flatten(roots), bad=bad, total=totals_of(roots))
            if not bad:
                data = form.cleaned_data
                meta = {
                    "code": data["code"],
                    "name": data["name"],
                    "year": data["year"],
                    "grouping": data["grouping"].pk if data["grouping"] else None,
                    "self_deadline": _iso(data["self_deadline"]),
                    "appraisal_deadline": _iso(data["appraisal_deadline"]),
                }
                context["payload"] = signer.sign(
                    json.dumps({"meta": meta, "rows": [r.as_dict() for r in rows]})
                )
    return render(request, "scoring/table_import.html", context)


def totals_of(roots) -> dict:
    return {
        "standard": sum((r.standard for r in roots), 0),
        "bonus_max": sum((r.bonus_max for r in roots), 0),
    }


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


def table_detail(request, table_id: int):
    table = queries.get_table_for_user(request.user, table_id)
    roots = queries.table_tree(table)
    user = request.user
    own_sheet = table.sheets.filter(unit=user.unit).first()
    member = table.grouping_id is None or table.grouping.memberships.filter(unit=user.unit).exists()
    return render(
        request,
        "scoring/table_detail.html",
        {
            "table": table,
            "nodes": flatten(roots),
            "total": totals_of(roots),
            "sheets": queries.sheets_of_table(table),
            "can_manage": access.can_manage_table(user, table),
            "can_appraise": access.can_appraise(user, table),
            "own_sheet": own_sheet,
            "can_open_sheet": own_sheet is None
            and member
            and table.status == TableStatus.PUBLISHED
            and user.role in access.SELF_SCORERS,
            "versions": table.__class__.objects.filter(code=table.code).order_by("-version"),
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
    # Seed 001: units without an accepted registration for the year are not considered
    # for awards; the ranking says so beside them (outside bodies are not ours to judge).
    registered = registered_unit_ids([r.unit.pk for r in rows], year=table.year)
    not_eligible = {
        r.unit.pk for r in rows if r.unit.pk not in registered and r.unit.kind != UnitKind.OUTSIDE
    }
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
    editing = ""
    if sheet.state in {SheetState.DRAFT, SheetState.RETURNED} and access.can_self_score(user, sheet):
        editing = ScoreKind.SELF
    elif sheet.state == SheetState.SUBMITTED and access.can_appraise_sheet(user, sheet):
        editing = ScoreKind.APPRAISED
    show_appraised = sheet.state != SheetState.DRAFT and (
        sheet.state != SheetState.RETURNED or access.can_appraise_sheet(user, sheet)
    )
    if access.appraised_outside(sheet.table):
        # Nobody appraises it here: until the leader's result is recorded there is none.
        show_appraised = sheet.state in queries.APPRAISED_STATES
    nodes = flatten(roots)
    metric_values = {
        n.criterion.pk: metric_value(n.criterion.metric, unit=sheet.unit, year=sheet.table.year)
        for n in nodes
        if n.is_leaf and n.criterion.metric
    }
    return {
        "sheet": sheet,
        "table": sheet.table,
        "nodes": nodes,
        "metric_values": metric_values,
        "self_totals": totals(roots, ScoreKind.SELF),
        "appraised_totals": totals(roots, ScoreKind.APPRAISED),
        "editing": editing,
        "show_appraised": show_appraised or editing == ScoreKind.APPRAISED,
        "is_leader": services.is_leader(sheet),
        "can_appraise": access.can_appraise_sheet(user, sheet),
        "can_record": access.can_record_appraisal(user, sheet) and _recordable(sheet),
        "can_publish": sheet.state == SheetState.APPRAISED
        and (
            access.can_record_appraisal(user, sheet)
            if sheet.is_recorded
            else access.can_appraise_sheet(user, sheet)
        ),
        "appraisal_label": queries.appraisal_label(sheet) if sheet.state in queries.APPRAISED_STATES else "",
        "appraised_title": queries.appraised_column_title(sheet),
        "appraised_outside": access.appraised_outside(sheet.table),
        "leader_word": queries.leader_word(sheet.table.grouping)
        if access.appraised_outside(sheet.table)
        else "",
        "can_submit": sheet.state in {SheetState.DRAFT, SheetState.RETURNED}
        and access.can_self_score(user, sheet),
        "return_form": SheetReturnForm(),
        "evidence_form": EvidenceForm(),
    }


def _recordable(sheet) -> bool:
    """A leader's result is recorded on a submitted sheet, or corrected until published
    (services.sheet_appraisal_record checks it again)."""
    return sheet.table.status == TableStatus.PUBLISHED and (
        sheet.state == SheetState.SUBMITTED or (sheet.state == SheetState.APPRAISED and sheet.is_recorded)
    )


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
    criterion = sheet.table.criteria.filter(pk=criterion_id, standard__isnull=False).first()
    if criterion is None:
        raise Http404
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
        except PermissionDenied:
            require(request.user, False)
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
    item_reasons = {
        int(key.removeprefix("reason_")): clean_text(value).strip()
        for key, value in request.POST.items()
        if key.startswith("reason_") and key.removeprefix("reason_").isdigit() and value.strip()
    }
    try:
        services.set_score_sheet_state(
            obj=sheet,
            to=to,
            by=request.user,
            reason=form.cleaned_data.get("reason", ""),
            item_reasons=item_reasons,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        require(request.user, False)
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
    if not _recordable(sheet):
        messages.error(
            request,
            _("Phiếu ở trạng thái “%(s)s”: không ghi nhận kết quả được.") % {"s": sheet.get_state_display()},
        )
        return redirect(sheet)
    nodes = flatten(queries.sheet_tree(sheet))
    leaves = [n for n in nodes if n.is_leaf]
    kind = ScoreKind.APPRAISED if sheet.is_recorded else ScoreKind.SELF
    initial = {}
    for node in leaves:
        item = node.scores.get(kind) or node.scores.get(ScoreKind.SELF)
        if item is not None:
            initial |= {f"a_{node.criterion.pk}": item.achieved, f"b_{node.criterion.pk}": item.bonus}
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = AppraisalRecordForm(data, files, sheet=sheet)
    points = AppraisalPointsForm(data, leaves=leaves, is_leader=services.is_leader(sheet), initial=initial)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        rows = None
        if upload is not None:
            try:
                rows = parse_scores_file(upload.name, upload.read())
            except ImportFileError as exc:
                form.add_error("file", str(exc))
        elif points.is_valid():
            rows = points.rows
        if rows is not None:
            try:
                sheet = services.sheet_appraisal_record(
                    sheet=sheet,
                    rows=rows,
                    appraiser=form.cleaned_data["appraiser"],
                    document_number=form.cleaned_data["document_number"],
                    document_date=form.cleaned_data["document_date"],
                    publish=form.cleaned_data["publish"],
                    source=upload.name if upload is not None else "",
                    by=request.user,
                )
            except ValidationError as exc:
                errors = exc.messages
            except PermissionDenied:
                require(request.user, False)
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
    criterion = sheet.table.criteria.filter(pk=criterion_id, standard__isnull=False).first()
    if criterion is None:
        raise Http404
    kind = ScoreKind.SELF if access.can_self_score(request.user, sheet) else ScoreKind.APPRAISED
    require(
        request.user,
        (kind == ScoreKind.SELF and sheet.state in {SheetState.DRAFT, SheetState.RETURNED})
        or (kind == ScoreKind.APPRAISED and access.can_appraise_sheet(request.user, sheet)),
    )
    item = ItemScore.objects.filter(sheet=sheet, criterion=criterion, kind=kind).first()
    form = EvidenceForm(request.POST, request.FILES)
    if item is None:
        messages.error(request, _("Chấm điểm mục này trước khi đính kèm minh chứng."))
    elif form.is_valid():
        upload = form.cleaned_data["file"]
        with transaction.atomic():
            attachment = ItemAttachment.objects.create(
                item=item,
                file=upload,
                original_name=filename_for(upload.name, upload.checked_content_type)[-255:],
                content_type=upload.checked_content_type,
                size=upload.size,
                uploaded_by=request.user,
            )
            audit_record(
                action=AuditAction.CREATE, by=request.user, obj=attachment, changes={"item": criterion.code}
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
