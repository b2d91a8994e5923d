from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from emulation import access, exports, queries
from emulation.enums import Period
from emulation.filters import IndicatorFilter
from emulation.forms import FigureImportForm, IndicatorForm
from emulation.indicators import figures, figures_import, parse_figures, parse_period, period_label
from units.audit import audit_record
from units.documents import xlsx_download
from units.enums import AuditAction
from units.imports import ImportFileError
from units.queries import get_grouping_for_user, get_unit_for_user, visible_groupings
from units.shortcuts import require

# --- The catalogue ---------------------------------------------------------------------------


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


# --- The figures of a period -------------------------------------------------------------------


def _indicator_scope(request, groupings=()):
    """Figures of a bloc or cluster's members (?grouping=), or of a unit's subtree (?unit=,
    the user's own by default): the unions that report in it, as the boards list them."""
    scope = IndicatorFilter(request.GET, groupings=groupings)
    period_text = scope.value("period") or ""
    try:
        year, period = parse_period(period_text)
    except ValueError as exc:
        messages.error(request, str(exc))
        year, period = timezone.localdate().year, Period.HALF_YEAR
    if grouping_id := scope.value("grouping"):
        grouping = get_grouping_for_user(request.user, grouping_id)
        units = queries.grouping_members(grouping)
        title = grouping.name
    else:
        parent = request.user.unit
        if unit_id := scope.value("unit"):
            parent = get_unit_for_user(request.user, unit_id)
        # Unions report at their own level: a union's own figures, or those of the
        # unions under a province (as the deadline board lists them).
        units = queries.board_units(request.user, parent) or [parent]
        title = parent.name
    return scope, title, units, year, period


def indicator_view(request):
    groupings = visible_groupings(request.user).order_by("-year", "name")[:50]
    scope, title, units, year, period = _indicator_scope(request, groupings)
    return render(
        request,
        "emulation/indicators.html",
        {
            "filter": scope,
            "title": title,
            "blocks": figures(units, year=year, period=period),
            "period_label": period_label(year, period),
            "query": request.GET.urlencode(),
            "can_import": access.can_manage_cycle(request.user),
        },
    )


def indicator_export(request):
    _scope, title, units, year, period = _indicator_scope(request)
    sheet = exports.indicator_figures_sheet(
        figures(units, year=year, period=period), heading=f"{title} — {period_label(year, period)}"
    )
    return xlsx_download([sheet], filename=f"chi-tieu-{year}-{period}.xlsx")


@require_http_methods(["GET", "POST"])
def indicator_import(request):
    require(request.user, access.can_manage_cycle(request.user))
    form = FigureImportForm(request.POST or None, request.FILES or None, user=request.user)
    rows = None
    if request.method == "POST" and form.is_valid():
        grouping = form.cleaned_data["grouping"]
        try:
            year, period = parse_period(form.cleaned_data["period"])
            upload = form.cleaned_data["file"]
            rows = parse_figures(upload.name, upload.read(), units=queries.grouping_members(grouping))
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
