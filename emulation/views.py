from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from emulation import access, exports, queries, services
from emulation.enums import (
    COLLECTIVE_TITLES,
    INDIVIDUAL_TITLES,
    DeadlineKind,
    EmulationTitle,
    Period,
    RegistrationState,
    ReportState,
    TaskStatus,
)
from emulation.forms import (
    CampaignForm,
    DeadlineForm,
    FigureImportForm,
    GridImportForm,
    IndicatorForm,
    ModelFormSet,
    PlanImportForm,
    ReasonForm,
    RegistrationForm,
    ReportForm,
    WorkFormSet,
    active_indicators,
    launched_campaigns,
    title_cell_count,
)
from emulation.indicators import figures, figures_import, parse_figures, parse_period, period_label
from emulation.models import Deadline, PlanTask, Registration, ResultReport
from units.audit import audit_record
from units.documents import Column, Sheet, xlsx_download
from units.enums import AuditAction
from units.imports import ImportFileError, read_records, value_errors
from units.models import Unit
from units.queries import get_grouping_for_user, get_unit_for_user, unit_children
from units.shortcuts import form_errors_from, paginate, require, scope_unit


def _year(request) -> int:
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else timezone.localdate().year


def overview(request):
    return redirect("emulation:deadline_board")


# --- Campaigns ---------------------------------------------------------------------------


def campaign_list(request):
    return render(
        request,
        "emulation/campaign_list.html",
        {
            "page": paginate(request, queries.campaign_list(request.user)),
            "can_manage": access.can_manage_cycle(request.user),
        },
    )


def campaign_list_xlsx(request):
    sheet = exports.campaign_list_sheet(queries.campaign_list(request.user))
    return xlsx_download([sheet], filename="phong-trao-thi-dua.xlsx")


def campaign_detail(request, campaign_id: int):
    campaign = queries.get_campaign_for_user(request.user, campaign_id)
    return render(
        request,
        "emulation/campaign_detail.html",
        {
            "campaign": campaign,
            "targets": queries.target_units(campaign),
            "can_manage": access.can_manage_cycle(request.user)
            and campaign.owner.is_in_subtree_of(request.user.unit),
        },
    )


def _campaign_form(request, campaign=None):
    form = CampaignForm(request.POST or None, request.FILES or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "document"}
        try:
            campaign = services.campaign_save(
                campaign=campaign,
                owner=campaign.owner if campaign else request.user.unit,
                by=request.user,
                document=form.cleaned_data.get("document") or None,
                **data,
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã lưu phong trào."))
            return redirect(campaign)
    title = _("Sửa phong trào") if campaign else _("Thêm phong trào thi đua")
    return render(request, "emulation/form.html", {"form": form, "title": title, "multipart": True})


@require_http_methods(["GET", "POST"])
def campaign_create(request):
    require(request.user, access.can_manage_cycle(request.user))
    return _campaign_form(request)


@require_http_methods(["GET", "POST"])
def campaign_update(request, campaign_id: int):
    campaign = queries.get_campaign_for_user(request.user, campaign_id)
    require(
        request.user,
        access.can_manage_cycle(request.user) and campaign.owner.is_in_subtree_of(request.user.unit),
    )
    return _campaign_form(request, campaign)


@require_POST
def campaign_state(request, campaign_id: int):
    campaign = queries.get_campaign_for_user(request.user, campaign_id)
    try:
        services.set_campaign_state(obj=campaign, to=request.POST.get("to", ""), by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        require(request.user, False)
    else:
        messages.success(request, _("Phong trào: %(s)s.") % {"s": campaign.get_state_display()})
    return redirect(campaign)


# --- Annual plan ------------------------------------------------------------------------------


def plan_list(request):
    return render(
        request,
        "emulation/plan_list.html",
        {"plans": queries.plan_list(request.user)[:50], "can_manage": access.can_manage_cycle(request.user)},
    )


def _plan_context(request, plan):
    tasks = list(plan.tasks.prefetch_related("responsible").order_by("quarter", "number"))
    today = timezone.localdate()
    for task in tasks:
        task.overdue = task.status != TaskStatus.DONE and task.due_on is not None and task.due_on < today
    quarters = [(q, [t for t in tasks if t.quarter == q]) for q in (1, 2, 3, 4)]
    return {
        "plan": plan,
        "quarters": quarters,
        "statuses": TaskStatus.choices,
        "overdue": sum(t.overdue for t in tasks),
    }


def plan_detail(request, plan_id: int):
    plan = queries.get_plan_for_user(request.user, plan_id)
    context = _plan_context(request, plan)
    context["can_manage"] = access.can_manage_cycle(request.user) and plan.owner.is_in_subtree_of(
        request.user.unit
    )
    return render(request, "emulation/plan_detail.html", context)


def plan_detail_xlsx(request, plan_id: int):
    plan = queries.get_plan_for_user(request.user, plan_id)
    sheet = exports.plan_sheet(plan, _plan_context(request, plan)["quarters"])
    return xlsx_download([sheet], filename=f"ke-hoach-{plan.year}-{plan.pk}.xlsx")


def plan_print(request, plan_id: int):
    plan = queries.get_plan_for_user(request.user, plan_id)
    return render(request, "emulation/plan_print.html", _plan_context(request, plan))


@require_POST
def plan_task_status(request, plan_id: int):
    plan = queries.get_plan_for_user(request.user, plan_id)
    # The role first: a read-only account is refused before the task or status is read.
    require(request.user, request.user.role in access.ACTING_ROLES)
    task = plan.tasks.filter(
        pk=request.POST.get("task", "0") if request.POST.get("task", "").isdigit() else 0
    ).first()
    status = request.POST.get("status", "")
    if task is None or status not in TaskStatus.values:
        raise Http404
    try:
        services.task_set_status(task=task, status=status, by=request.user)
    except PermissionDenied:
        require(request.user, False)
    return redirect(f"{plan.get_absolute_url()}#t{task.pk}")


PLAN_ALIASES = {
    "quarter": {"quy", "quarter"},
    "content": {"noi dung", "content"},
    "responsible": {"don vi thuc hien", "responsible"},
    "due": {"han", "due"},
}


@require_http_methods(["GET", "POST"])
def plan_import(request):
    """Create (or replace) the user's unit plan for a year from a task file in the layout
    of seed 001 (quarter, content, units responsible)."""
    import datetime as dt

    require(request.user, access.can_manage_cycle(request.user))
    form = PlanImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        tasks = []
        try:
            records = read_records(
                upload.name,
                upload.read(),
                aliases=PLAN_ALIASES,
                required={"quarter": "quy", "content": "noi_dung"},
            )
        except ImportFileError as exc:
            form.add_error("file", str(exc))
            records = []
        for line, cells in records:
            quarter = cells.get("quarter", "").strip()
            due_text = cells.get("due", "").strip()
            due = None
            if due_text:
                try:
                    due = dt.datetime.strptime(due_text, "%d/%m/%Y").date()
                except ValueError:
                    errors.append(
                        _("Dòng %(l)s: hạn “%(v)s” không đúng dạng dd/mm/yyyy.") % {"l": line, "v": due_text}
                    )
            if quarter not in {"1", "2", "3", "4"}:
                errors.append(_("Dòng %(l)s: quý phải từ 1 đến 4.") % {"l": line})
            if not cells.get("content", "").strip():
                errors.append(_("Dòng %(l)s: thiếu nội dung.") % {"l": line})
            for problem in value_errors(
                PlanTask,
                {"responsible_text": cells.get("responsible", "").strip()},
                {"responsible_text": "don_vi_thuc_hien"},
            ):
                errors.append(_("Dòng %(l)s: %(e)s") % {"l": line, "e": problem})
            if quarter in {"1", "2", "3", "4"}:
                tasks.append(
                    {
                        "quarter": int(quarter),
                        "content": cells.get("content", "").strip(),
                        "responsible_text": cells.get("responsible", "").strip(),
                        "due_on": due,
                    }
                )
        if records and not errors:
            plan = services.plan_save(
                owner=request.user.unit,
                year=data["year"],
                title=data["title"],
                by=request.user,
                tasks=tasks,
                document_number=data["document_number"],
                document_date=data["document_date"],
            )
            messages.success(request, _("Đã lưu kế hoạch với %(n)s nhiệm vụ.") % {"n": len(tasks)})
            return redirect(plan)
    return render(request, "emulation/plan_import.html", {"form": form, "errors": errors})


def indicator_definitions(request):
    return render(
        request,
        "emulation/indicator_definitions.html",
        {
            "indicators": queries.indicator_list()[:500],
            "form": IndicatorForm(),
            "can_manage": access.can_manage_cycle(request.user),
        },
    )


def indicator_definitions_xlsx(request):
    sheet = exports.indicator_definitions_sheet(queries.indicator_list())
    return xlsx_download([sheet], filename="danh-muc-chi-tieu.xlsx")


@require_POST
def indicator_create(request):
    require(request.user, access.can_manage_cycle(request.user))
    form = IndicatorForm(request.POST)
    if form.is_valid():
        indicator = form.save()
        audit_record(action=AuditAction.CREATE, by=request.user, obj=indicator)
        messages.success(request, _("Đã thêm chỉ tiêu %(n)s.") % {"n": indicator.name})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("emulation:indicator_definitions")


# --- Deadlines -----------------------------------------------------------------------------------


def deadline_list(request):
    year = _year(request)
    return render(
        request,
        "emulation/deadline_list.html",
        {
            "deadlines": queries.deadline_list(request.user, year=year),
            "year": year,
            "can_manage": access.can_manage_cycle(request.user),
        },
    )


def deadline_list_xlsx(request):
    year = _year(request)
    sheet = exports.deadline_list_sheet(queries.deadline_list(request.user, year=year), year=year)
    return xlsx_download([sheet], filename=f"thoi-han-{year}.xlsx")


def _deadline_form(request, deadline=None):
    form = DeadlineForm(request.POST or None, instance=deadline, initial={"year": _year(request)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.deadline_save(
                owner=deadline.owner if deadline else request.user.unit,
                by=request.user,
                deadline=deadline,
                **data,
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã lưu thời hạn."))
            return redirect(f"{reverse('emulation:deadline_list')}?year={data['year']}")
    title = _("Sửa thời hạn") if deadline else _("Thêm thời hạn")
    return render(request, "emulation/form.html", {"form": form, "title": title})


@require_http_methods(["GET", "POST"])
def deadline_create(request):
    require(request.user, access.can_manage_cycle(request.user))
    return _deadline_form(request)


@require_http_methods(["GET", "POST"])
def deadline_update(request, deadline_id: int):
    deadline = queries.get_deadline_for_user(request.user, deadline_id)
    require(
        request.user,
        access.can_manage_cycle(request.user) and deadline.owner.is_in_subtree_of(request.user.unit),
    )
    return _deadline_form(request, deadline)


def deadline_board(request):
    year = _year(request)
    root = scope_unit(request)
    deadlines, rows = queries.deadline_board(request.user, year=year, root=root)
    today = timezone.localdate()
    upcoming = Deadline.objects.filter(queries.owners_q(request.user), due_on__gte=today).order_by("due_on")[
        :5
    ]
    return render(
        request,
        "emulation/deadline_board.html",
        {
            "year": year,
            "deadlines": deadlines,
            "rows": rows,
            "upcoming": upcoming,
            "today": today,
            "scope": root if root != request.user.unit else None,
        },
    )


def deadline_board_xlsx(request):
    year = _year(request)
    deadlines, rows = queries.deadline_board(request.user, year=year, root=scope_unit(request))
    sheet = exports.deadline_board_sheet(deadlines, rows, year=year)
    return xlsx_download([sheet], filename=f"theo-doi-thoi-han-{year}.xlsx")


# --- Registrations ---------------------------------------------------------------------------------


def _registration_state(request) -> str:
    """?state=: a registration state, or "none" for the units that have not registered."""
    state = request.GET.get("state", "")
    return state if state in RegistrationState.values or state == "none" else ""


def _registration_rows(request, year: int):
    """The registration list's rows: each unit of the board with its registration (or
    none), then the registrations of other units in the subtree (its CĐCS); narrowed to
    a unit's subtree (?unit=) and a state (?state=) when asked."""
    root = scope_unit(request)
    state = _registration_state(request)
    registrations = {r.unit_id: r for r in queries.registration_list(request.user, year=year, root=root)}
    units = queries.board_units(request.user, root)
    deadline = queries.deadline_for(root, year=year, kind=DeadlineKind.REGISTRATION)
    rows = []
    for unit in units:
        registration = registrations.get(unit.pk)
        if state and (registration.state if registration else "none") != state:
            continue
        rows.append(
            {
                "unit": unit,
                "registration": registration,
                "late": registration is not None and queries.is_late(registration.submitted_at, deadline),
                "registered": registration is not None and registration.state == RegistrationState.ACCEPTED,
            }
        )
    board = {u.pk for u in units}
    extra = [r for r in registrations.values() if r.unit_id not in board and (not state or r.state == state)]
    return rows, extra, deadline, root, state


def registration_list(request):
    year = _year(request)
    rows, extra, deadline, root, state = _registration_rows(request, year)
    return render(
        request,
        "emulation/registration_list.html",
        {
            "year": year,
            "scope": root if root != request.user.unit else None,
            "state": state,
            "states": [("none", _("Chưa đăng ký")), *RegistrationState.choices],
            "rows": rows,
            "extra": extra,
            "deadline": deadline,
            "can_enter": request.user.role in access.ACTING_ROLES,
        },
    )


def registration_list_xlsx(request):
    year = _year(request)
    rows, extra, _deadline, _root, _state = _registration_rows(request, year)
    sheet = exports.registration_list_sheet(rows, extra, year=year)
    return xlsx_download([sheet], filename=f"dang-ky-thi-dua-{year}.xlsx")


def _registration_context(request, registration):
    return {
        "registration": registration,
        "titles": registration.titles.all(),
        "late": queries.is_late(
            registration.submitted_at,
            queries.deadline_for(registration.unit, year=registration.year, kind=DeadlineKind.REGISTRATION),
        ),
    }


def registration_detail(request, registration_id: int):
    registration = queries.get_registration_for_user(request.user, registration_id)
    context = _registration_context(request, registration)
    context.update(
        can_edit=access.can_enter_for(request.user, registration.unit)
        and registration.state in {RegistrationState.DRAFT, RegistrationState.RETURNED},
        can_review=access.can_review(request.user, registration.unit),
        pledges=registration.unit.indicator_values.filter(
            year=registration.year, period=Period.YEAR
        ).select_related("indicator"),
        reason_form=ReasonForm(),
    )
    return render(request, "emulation/registration_detail.html", context)


def _registration_edit(request, *, unit: Unit, year: int, registration: Registration | None):
    indicators = list(active_indicators())
    initial = {}
    models_initial, works_initial = [], []
    if registration is not None:
        initial = {
            f"title_{t.title}": (True if t.title in COLLECTIVE_TITLES else t.count)
            for t in registration.titles.all()
        }
        initial["campaigns"] = list(registration.campaigns.all())
        initial["note"] = registration.note
        models_initial = [{"name": m.name, "field": m.field} for m in registration.models.all()]
        works_initial = [
            {"name": w.name, "dedicated_to": w.dedicated_to, "value": w.value, "state": w.state}
            for w in registration.works.all()
        ]
    planned = {v.indicator_id: v.planned for v in unit.indicator_values.filter(year=year, period=Period.YEAR)}
    initial |= {f"pledge_{i.pk}": planned.get(i.pk) for i in indicators}
    data = request.POST if request.method == "POST" else None
    form = RegistrationForm(
        data, initial=initial, campaigns=launched_campaigns(request.user), indicators=indicators
    )
    model_set = ModelFormSet(data, initial=models_initial, prefix="models", form_kwargs={"label_suffix": ""})
    work_set = WorkFormSet(data, initial=works_initial, prefix="works", form_kwargs={"label_suffix": ""})
    if request.method == "POST" and form.is_valid() and model_set.is_valid() and work_set.is_valid():
        try:
            registration = services.registration_save(
                unit=unit,
                year=year,
                by=request.user,
                titles=form.titles(),
                models=[(f.cleaned_data.get("name", ""), f.cleaned_data.get("field", "")) for f in model_set],
                works=[
                    (
                        f.cleaned_data.get("name", ""),
                        f.cleaned_data.get("dedicated_to", ""),
                        f.cleaned_data.get("value"),
                        f.cleaned_data.get("state", ""),
                    )
                    for f in work_set
                ],
                campaigns=list(form.cleaned_data["campaigns"]),
                pledges=form.pledges(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except PermissionDenied:
            require(request.user, False)
        else:
            messages.success(request, _("Đã lưu bản đăng ký."))
            return redirect(registration)
    return render(
        request,
        "emulation/registration_form.html",
        {
            "form": form,
            "model_set": model_set,
            "work_set": work_set,
            "unit": unit,
            "year": year,
            "registration": registration,
            "locked_on": queries.entry_locked_on(
                unit, year=year, kind=DeadlineKind.REGISTRATION, user=request.user
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def registration_update(request, registration_id: int):
    registration = queries.get_registration_for_user(request.user, registration_id)
    require(request.user, access.can_enter_for(request.user, registration.unit))
    return _registration_edit(
        request, unit=registration.unit, year=registration.year, registration=registration
    )


@require_POST
def registration_state(request, registration_id: int):
    registration = queries.get_registration_for_user(request.user, registration_id)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.set_registration_state(
            obj=registration,
            to=request.POST.get("to", ""),
            by=request.user,
            reason=form.cleaned_data.get("reason", ""),
        )
    except (ValidationError, KeyError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [_("Trạng thái không hợp lệ.")])))
    except PermissionDenied:
        require(request.user, False)
    else:
        messages.success(request, _("Bản đăng ký: %(s)s.") % {"s": registration.get_state_display()})
    return redirect(registration)


GRID_TITLES = (*COLLECTIVE_TITLES, *INDIVIDUAL_TITLES)


def _grid_units(request):
    """The grid of the user's unit: itself and its active CĐCS (seed 001: the upper-level
    union registers for itself and its grassroots unions)."""
    parent = request.user.unit
    if (unit_param := request.GET.get("unit", "")).isdigit():
        parent = get_unit_for_user(request.user, int(unit_param))
    return parent, [parent, *unit_children(parent).filter(valid_to__isnull=True)]


@require_http_methods(["GET", "POST"])
def registration_grid(request):
    """One grid of titles for the union and its CĐCS; a unit with nothing entered stays
    unregistered. For a new unit or year this is how a registration starts."""
    year = _year(request)
    parent, units = _grid_units(request)
    require(request.user, access.can_enter_for(request.user, parent))
    existing = {
        r.unit_id: r
        for r in Registration.objects.filter(unit__in=units, year=year).prefetch_related("titles")
    }
    # Submitted or accepted registrations are shown but not sent again.
    editable = [
        u
        for u in units
        if u.pk not in existing
        or existing[u.pk].state in {RegistrationState.DRAFT, RegistrationState.RETURNED}
    ]
    errors = []
    if request.method == "POST":
        rows = {}
        for unit in editable:
            values = {}
            for title in GRID_TITLES:
                raw = request.POST.get(f"u{unit.pk}_{title}", "")
                try:
                    values[title] = title_cell_count(title, raw, cell=f"{unit.name}, {title.label}")
                except ValidationError as exc:
                    errors.extend(exc.messages)
            if any(values.values()) or unit.pk in existing:
                rows[unit] = values
        if not errors:
            try:
                services.registration_grid_save(parent=parent, year=year, rows=rows, by=request.user)
            except ValidationError as exc:
                errors.extend(exc.messages)
            except PermissionDenied:
                require(request.user, False)
            else:
                messages.success(request, _("Đã lưu đăng ký của %(n)s đơn vị.") % {"n": len(rows)})
                return redirect(f"{reverse('emulation:registration_list')}?year={year}")
    grid = []
    for unit in units:
        registration = existing.get(unit.pk)
        counts = {t.title: t.count for t in registration.titles.all()} if registration else {}
        if request.method == "POST":
            counts = {t: request.POST.get(f"u{unit.pk}_{t}", "") for t in GRID_TITLES}
        grid.append(
            {
                "unit": unit,
                "registration": registration,
                "cells": [(t, counts.get(t, "")) for t in GRID_TITLES],
            }
        )
    return render(
        request,
        "emulation/registration_grid.html",
        {
            "year": year,
            "parent": parent,
            "grid": grid,
            "titles": GRID_TITLES,
            "collective": COLLECTIVE_TITLES,
            "errors": errors,
            "import_form": GridImportForm(),
            "locked_on": queries.entry_locked_on(
                parent, year=year, kind=DeadlineKind.REGISTRATION, user=request.user
            ),
        },
    )


def registration_template(request):
    """An XLSX to fill offline: one row per unit of the grid, one column per title."""
    year = _year(request)
    parent, units = _grid_units(request)
    require(request.user, access.can_enter_for(request.user, parent))
    columns = [Column("ma_don_vi", 16), Column(_("Tên đơn vị (để đối chiếu)"), 44)] + [
        Column(f"{t.value}", 14) for t in GRID_TITLES
    ]
    rows = [[u.code, u.name, *["" for _t in GRID_TITLES]] for u in units]
    legend = ", ".join(f"{t.value} = {t.label}" for t in GRID_TITLES)
    sheet = Sheet(_("Đăng ký"), columns, rows, heading=f"{parent.name} — {year}. {legend}")
    return xlsx_download([sheet], filename=f"dang-ky-{year}-{parent.code}.xlsx")


GRID_ALIASES = {"code": {"ma don vi", "ma", "code"}} | {
    t.value: {t.value, fold} for t in EmulationTitle for fold in [str(t.label).lower()]
}


@require_POST
def registration_import(request):
    """The grid from an XLSX/CSV file: ma_don_vi plus one column per title (the codes
    ttldxs, ldtt … or the titles' names). All rows or none."""
    from units.models import fold_text

    year = _year(request)
    parent, units = _grid_units(request)
    require(request.user, access.can_enter_for(request.user, parent))
    form = GridImportForm(request.POST, request.FILES)
    back = f"{reverse('emulation:registration_grid')}?year={year}"
    if not form.is_valid():
        messages.error(request, _("Chọn tệp để nhập."))
        return redirect(back)
    upload = form.cleaned_data["file"]
    aliases = {key: {fold_text(n) for n in names} for key, names in GRID_ALIASES.items()}
    by_code = {u.code: u for u in units}
    rows, errors = {}, []
    try:
        records = read_records(upload.name, upload.read(), aliases=aliases, required={"code": "ma_don_vi"})
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    locked = set(
        Registration.objects.filter(unit__in=units, year=year)
        .exclude(state__in=[RegistrationState.DRAFT, RegistrationState.RETURNED])
        .values_list("unit__code", flat=True)
    )
    for line, cells in records:
        if cells.get("code", "").upper() in locked:
            errors.append(
                _("Dòng %(l)s: %(c)s đã gửi đăng ký, không sửa được.") % {"l": line, "c": cells.get("code")}
            )
            continue
        unit = by_code.get(cells.get("code", "").upper())
        if unit is None:
            errors.append(
                _("Dòng %(l)s: %(c)s không thuộc %(p)s.")
                % {"l": line, "c": cells.get("code"), "p": parent.name}
            )
            continue
        values = {}
        for title in GRID_TITLES:
            cell = _("Dòng %(l)s, cột %(c)s (%(t)s)") % {"l": line, "c": title.value, "t": title.label}
            try:
                values[title] = title_cell_count(title, cells.get(title.value, ""), cell=cell)
            except ValidationError as exc:
                errors.extend(exc.messages)
        rows[unit] = values
    if not errors:
        try:
            services.registration_grid_save(parent=parent, year=year, rows=rows, by=request.user)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        for error in errors:
            messages.error(request, error)
        messages.error(request, _("Tệp có dòng lỗi: chưa lưu gì."))
    else:
        messages.success(request, _("Đã nhập đăng ký của %(n)s đơn vị.") % {"n": len(rows)})
    return redirect(back)


# --- Indicators --------------------------------------------------------------------------------


def _indicator_scope(request):
    """Figures of a bloc or cluster's members (?grouping=), or of a unit's subtree (?unit=,
    the user's own by default): the unions that report in it, as the boards list them."""
    period_text = request.GET.get("period", f"{timezone.localdate().year}-H1")
    try:
        year, period = parse_period(period_text)
    except ValueError as exc:
        messages.error(request, str(exc))
        year, period = timezone.localdate().year, Period.HALF_YEAR
    if (grouping_id := request.GET.get("grouping", "")).isdigit():
        grouping = get_grouping_for_user(request.user, int(grouping_id))
        units = [m.unit for m in grouping.memberships.select_related("unit")]
        title = grouping.name
    else:
        parent = request.user.unit
        if (unit_id := request.GET.get("unit", "")).isdigit():
            parent = get_unit_for_user(request.user, int(unit_id))
        # Unions report at their own level: a union's own figures, or those of the
        # unions under a province (as the deadline board lists them).
        units = queries.board_units(request.user, parent) or [parent]
        title = parent.name
    return title, units, year, period, period_text


def indicator_view(request):
    from units.queries import visible_groupings

    title, units, year, period, period_text = _indicator_scope(request)
    return render(
        request,
        "emulation/indicators.html",
        {
            "title": title,
            "blocks": figures(units, year=year, period=period),
            "period_label": period_label(year, period),
            "period_text": period_text,
            "groupings": visible_groupings(request.user).order_by("-year", "name")[:50],
            "query": request.GET.urlencode(),
            "can_import": access.can_manage_cycle(request.user),
        },
    )


def indicator_export(request):
    title, units, year, period, _text = _indicator_scope(request)
    rows = []
    for block in figures(units, year=year, period=period):
        for m in block.members:
            rows.append(
                [
                    block.indicator.name,
                    block.indicator.measure,
                    m.unit.name,
                    m.actual,
                    m.planned,
                    float(m.percent) / 100 if m.percent is not None else None,
                ]
            )
        rows.append(
            [
                block.indicator.name,
                block.indicator.measure,
                _("Tổng cộng"),
                block.total,
                block.plan_total,
                float(block.percent) / 100 if block.percent is not None else None,
            ]
        )
    columns = [
        Column(_("Chỉ tiêu"), 40),
        Column(_("Đơn vị tính"), 12),
        Column(_("Đơn vị"), 36),
        Column(_("Thực hiện"), 14, "#,##0"),
        Column(_("Kế hoạch"), 14, "#,##0"),
        Column(_("Tỷ lệ"), 10, "0%"),
    ]
    sheet = Sheet(_("Chỉ tiêu"), columns, rows, heading=f"{title} — {period_label(year, period)}")
    return xlsx_download([sheet], filename=f"chi-tieu-{year}-{period}.xlsx")


@require_http_methods(["GET", "POST"])
def indicator_import(request):
    require(request.user, access.can_manage_cycle(request.user))
    form = FigureImportForm(request.POST or None, request.FILES or None, user=request.user)
    rows = None
    if request.method == "POST" and form.is_valid():
        grouping = form.cleaned_data["grouping"]
        members = [m.unit for m in grouping.memberships.select_related("unit")]
        try:
            year, period = parse_period(form.cleaned_data["period"])
            upload = form.cleaned_data["file"]
            rows = parse_figures(upload.name, upload.read(), units=members)
            count = figures_import(rows=rows, year=year, period=period, by=request.user, source=upload.name)
        except (ValueError, ImportFileError) as exc:
            form.add_error(None, str(exc))
        except ValidationError:
            pass  # every bad row is listed from `rows`
        else:
            messages.success(request, _("Đã nhập %(n)s số liệu.") % {"n": count})
            return redirect(
                f"{reverse('emulation:indicators')}?grouping={grouping.pk}&period={form.cleaned_data['period']}"
            )
    return render(request, "emulation/indicator_import.html", {"form": form, "rows": rows})


# --- Result reports ------------------------------------------------------------------------------


def _report_rows(request, year: int) -> list[dict]:
    units = queries.board_units(request.user)
    reports = {(r.unit_id, r.period): r for r in queries.report_list(request.user, year=year)}
    return [
        {"unit": u, "h1": reports.get((u.pk, Period.HALF_YEAR)), "y": reports.get((u.pk, Period.YEAR))}
        for u in units
    ]


def report_list(request):
    year = _year(request)
    rows = _report_rows(request, year)
    own = request.user.unit
    return render(
        request,
        "emulation/report_list.html",
        {
            "year": year,
            "rows": rows,
            "can_start": access.can_enter_for(request.user, own),
            "own": own,
            "periods": Period.choices,
        },
    )


def report_list_xlsx(request):
    year = _year(request)
    sheet = exports.report_list_sheet(_report_rows(request, year), year=year)
    return xlsx_download([sheet], filename=f"bao-cao-ket-qua-{year}.xlsx")


@require_POST
def report_start(request):
    """Open (or reopen) the user's unit report for a period."""
    require(request.user, access.can_enter_for(request.user, request.user.unit))
    year = _year(request)
    period = request.POST.get("period", "")
    if period not in Period.values:
        raise Http404
    report, _created = ResultReport.objects.get_or_create(unit=request.user.unit, year=year, period=period)
    return redirect("emulation:report_update", report_id=report.pk)


def _report_values(report):
    return report.unit.indicator_values.filter(year=report.year, period=report.period).select_related(
        "indicator"
    )


def report_detail_xlsx(request, report_id: int):
    report = queries.get_report_for_user(request.user, report_id)
    sheet = exports.report_figures_sheet(report, _report_values(report))
    return xlsx_download([sheet], filename=f"bao-cao-{report.year}-{report.period}-{report.unit.code}.xlsx")


def report_detail(request, report_id: int):
    report = queries.get_report_for_user(request.user, report_id)
    values = _report_values(report)
    deadline = queries.deadline_for(
        report.unit,
        year=report.year,
        kind=DeadlineKind.MIDYEAR if report.period == Period.HALF_YEAR else DeadlineKind.ANNUAL,
    )
    return render(
        request,
        "emulation/report_detail.html",
        {
            "report": report,
            "values": values,
            "deadline": deadline,
            "late": queries.is_late(report.submitted_at, deadline),
            "can_edit": access.can_enter_for(request.user, report.unit) and report.state == ReportState.DRAFT,
        },
    )


@require_http_methods(["GET", "POST"])
def report_update(request, report_id: int):
    report = queries.get_report_for_user(request.user, report_id)
    require(request.user, access.can_enter_for(request.user, report.unit))
    indicators = list(active_indicators())
    actual = {
        v.indicator_id: v.actual
        for v in report.unit.indicator_values.filter(year=report.year, period=report.period)
    }
    form = ReportForm(
        request.POST or None,
        instance=report,
        indicators=indicators,
        initial={f"actual_{i.pk}": actual.get(i.pk) for i in indicators},
    )
    if request.method == "POST" and form.is_valid():
        narrative = {name: form.cleaned_data[name] for name in services.NARRATIVE}
        try:
            services.report_save(
                unit=report.unit,
                year=report.year,
                period=report.period,
                by=request.user,
                narrative=narrative,
                actuals=form.actuals(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu báo cáo."))
            return redirect(report)
    return render(request, "emulation/report_form.html", {"form": form, "report": report})


@require_POST
def report_submit(request, report_id: int):
    report = queries.get_report_for_user(request.user, report_id)
    try:
        services.report_submit(report=report, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        require(request.user, False)
    else:
        messages.success(request, _("Đã gửi báo cáo."))
    return redirect(report)
