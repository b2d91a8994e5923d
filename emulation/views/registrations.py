from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from emulation import access, exports, imports, queries, services
from emulation.enums import COLLECTIVE_TITLES, DeadlineKind, RegistrationState
from emulation.filters import RegistrationFilter
from emulation.forms import (
    GridImportForm,
    ModelFormSet,
    ReasonForm,
    RegistrationForm,
    RegistrationGridForm,
    WorkFormSet,
)
from emulation.models import Registration
from units.documents import xlsx_download
from units.imports import ImportFileError
from units.models import Unit
from units.queries import get_unit_for_user, unit_children
from units.shortcuts import require, scope_unit

# --- The list ---------------------------------------------------------------------------------


def _registration_rows(request):
    registrations = RegistrationFilter(request.GET)
    root = scope_unit(request)
    year = registrations.selected_year()
    state = registrations.value("state")
    rows, extra, deadline = queries.registration_rows(request.user, year=year, root=root, state=state)
    return registrations, rows, extra, deadline, root


def registration_list(request):
    registrations, rows, extra, deadline, root = _registration_rows(request)
    return render(
        request,
        "emulation/registration_list.html",
        {
            "filter": registrations,
            "year": registrations.selected_year(),
            "scope": root if root != request.user.unit else None,
            "rows": rows,
            "extra": extra,
            "deadline": deadline,
            "can_enter": request.user.role in access.ACTING_ROLES,
        },
    )


def registration_list_xlsx(request):
    registrations, rows, extra, _deadline, _root = _registration_rows(request)
    year = registrations.selected_year()
    sheet = exports.registration_list_sheet(rows, extra, year=year)
    return xlsx_download([sheet], filename=f"dang-ky-thi-dua-{year}.xlsx")


# --- One registration ----------------------------------------------------------------------------


def registration_detail(request, registration_id: int):
    registration = queries.get_registration_for_user(request.user, registration_id)
    deadline = queries.deadline_for(registration.unit, year=registration.year, kind=DeadlineKind.REGISTRATION)
    return render(
        request,
        "emulation/registration_detail.html",
        {
            "registration": registration,
            "titles": registration.titles.all(),
            "late": queries.is_late(registration.submitted_at, deadline),
            "can_edit": access.can_enter_for(request.user, registration.unit)
            and registration.state in RegistrationState.editable(),
            "can_review": access.can_review(request.user, registration.unit),
            "pledges": queries.pledged_figures(registration),
            "reason_form": ReasonForm(),
        },
    )


def _registration_initial(registration: Registration | None, indicators) -> tuple[dict, list, list]:
    """What the form and its two formsets start from: the registration as saved, and the
    unit's pledges for the year."""
    initial, models, works = {}, [], []
    if registration is not None:
        initial = {
            f"title_{t.title}": (True if t.title in COLLECTIVE_TITLES else t.count)
            for t in registration.titles.all()
        }
        initial["campaigns"] = list(registration.campaigns.all())
        initial["note"] = registration.note
        models = [{"name": m.name, "field": m.field} for m in registration.models.all()]
        works = [
            {"name": w.name, "dedicated_to": w.dedicated_to, "value": w.value, "state": w.state}
            for w in registration.works.all()
        ]
    return initial, models, works


def _save_registration(request, *, unit: Unit, year: int, form, model_set, work_set) -> Registration:
    return services.registration_save(
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


def _registration_edit(request, *, unit: Unit, year: int, registration: Registration | None):
    indicators = list(queries.active_indicators())
    initial, models_initial, works_initial = _registration_initial(registration, indicators)
    planned = queries.planned_values(unit, year=year)
    initial |= {f"pledge_{i.pk}": planned.get(i.pk) for i in indicators}
    data = request.POST if request.method == "POST" else None
    form = RegistrationForm(
        data, initial=initial, campaigns=queries.launched_campaigns(request.user), indicators=indicators
    )
    model_set = ModelFormSet(data, initial=models_initial, prefix="models", form_kwargs={"label_suffix": ""})
    work_set = WorkFormSet(data, initial=works_initial, prefix="works", form_kwargs={"label_suffix": ""})
    if data is not None and form.is_valid() and model_set.is_valid() and work_set.is_valid():
        try:
            registration = _save_registration(
                request, unit=unit, year=year, form=form, model_set=model_set, work_set=work_set
            )
        except ValidationError as exc:
            form.add_error(None, exc)
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
    else:
        messages.success(request, _("Bản đăng ký: %(s)s.") % {"s": registration.get_state_display()})
    return redirect(registration)


# --- The grid of a union and its CĐCS, and its file -----------------------------------------------


def _grid_units(request):
    """The grid of the user's unit: itself and its active CĐCS (seed 001: the upper-level
    union registers for itself and its grassroots unions)."""
    parent = request.user.unit
    if (unit_param := request.GET.get("unit", "")).isdigit():
        parent = get_unit_for_user(request.user, int(unit_param))
    return parent, [parent, *unit_children(parent).filter(valid_to__isnull=True)]


def _grid_year(request) -> int:
    return RegistrationFilter(request.GET).selected_year()


@require_http_methods(["GET", "POST"])
def registration_grid(request):
    """One grid of titles for the union and its CĐCS; a unit with nothing entered stays
    unregistered. For a new unit or year this is how a registration starts."""
    year = _grid_year(request)
    parent, units = _grid_units(request)
    require(request.user, access.can_enter_for(request.user, parent))
    locked_on = queries.entry_locked_on(parent, year=year, kind=DeadlineKind.REGISTRATION, user=request.user)
    form = RegistrationGridForm(
        request.POST if request.method == "POST" else None,
        units=units,
        registrations=queries.grid_registrations(units, year=year),
        locked=locked_on is not None,
    )
    if form.is_bound and form.is_valid():
        rows = form.titles()
        try:
            services.registration_grid_save(parent=parent, year=year, rows=rows, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu đăng ký của %(n)s đơn vị.") % {"n": len(rows)})
            return redirect(f"{reverse('emulation:registration_list')}?year={year}")
    return render(
        request,
        "emulation/registration_grid.html",
        {
            "year": year,
            "parent": parent,
            "form": form,
            "titles": imports.GRID_TITLES,
            "import_form": GridImportForm(),
            "locked_on": locked_on,
        },
    )


def registration_template(request):
    """An XLSX to fill offline: one row per unit of the grid, one column per title."""
    year = _grid_year(request)
    parent, units = _grid_units(request)
    require(request.user, access.can_enter_for(request.user, parent))
    sheet = exports.registration_template_sheet(parent, units, imports.GRID_TITLES, year=year)
    return xlsx_download([sheet], filename=f"dang-ky-{year}-{parent.code}.xlsx")


@require_POST
def registration_import(request):
    """The grid from an XLSX/CSV file (emulation.imports.read_grid_file). All rows or none."""
    year = _grid_year(request)
    parent, units = _grid_units(request)
    require(request.user, access.can_enter_for(request.user, parent))
    form = GridImportForm(request.POST, request.FILES)
    back = f"{reverse('emulation:registration_grid')}?year={year}"
    if not form.is_valid():
        messages.error(request, _("Chọn tệp để nhập."))
        return redirect(back)
    upload = form.cleaned_data["file"]
    try:
        read = imports.read_grid_file(
            upload.name,
            upload.read(),
            parent=parent,
            units=units,
            sent=queries.sent_registration_codes(units, year=year),
        )
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    if not read.errors:
        try:
            services.registration_grid_save(parent=parent, year=year, rows=read.rows, by=request.user)
        except ValidationError as exc:
            read.errors.extend(exc.messages)
    for error in read.errors:
        messages.error(request, error)
    if read.errors:
        messages.error(request, _("Tệp có dòng lỗi: chưa lưu gì."))
    else:
        messages.success(request, _("Đã nhập đăng ký của %(n)s đơn vị.") % {"n": len(read.rows)})
    return redirect(back)
