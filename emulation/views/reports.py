from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from emulation import access, exports, queries, services
from emulation.enums import DeadlineKind, Period, ReportState
from emulation.filters import ReportFilter
from emulation.forms import ReportForm
from units.documents import xlsx_download
from units.shortcuts import require


def _report_rows(request, year: int) -> list[dict]:
    units = queries.board_units(request.user)
    reports = {(r.unit_id, r.period): r for r in queries.report_list(request.user, year=year)}
    return [
        {"unit": u, "h1": reports.get((u.pk, Period.HALF_YEAR)), "y": reports.get((u.pk, Period.YEAR))}
        for u in units
    ]


def report_list(request):
    reports = ReportFilter(request.GET)
    year = reports.selected_year()
    own = request.user.unit
    return render(
        request,
        "emulation/report_list.html",
        {
            "filter": reports,
            "year": year,
            "rows": _report_rows(request, year),
            "can_start": access.can_enter_for(request.user, own),
            "own": own,
            "periods": Period.choices,
        },
    )


def report_list_xlsx(request):
    year = ReportFilter(request.GET).selected_year()
    sheet = exports.report_list_sheet(_report_rows(request, year), year=year)
    return xlsx_download([sheet], filename=f"bao-cao-ket-qua-{year}.xlsx")


@require_POST
def report_start(request):
    """Open (or reopen) the user's unit report for a period."""
    require(request.user, access.can_enter_for(request.user, request.user.unit))
    year = ReportFilter(request.GET).selected_year()
    period = request.POST.get("period", "")
    if period not in Period.values:
        raise Http404
    report = services.report_open(unit=request.user.unit, year=year, period=period)
    return redirect("emulation:report_update", report_id=report.pk)


def report_detail_xlsx(request, report_id: int):
    report = queries.get_report_for_user(request.user, report_id)
    sheet = exports.report_figures_sheet(report, queries.report_figures(report))
    return xlsx_download([sheet], filename=f"bao-cao-{report.year}-{report.period}-{report.unit.code}.xlsx")


def report_detail(request, report_id: int):
    report = queries.get_report_for_user(request.user, report_id)
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
            "values": queries.report_figures(report),
            "deadline": deadline,
            "late": queries.is_late(report.submitted_at, deadline),
            "can_edit": access.can_enter_for(request.user, report.unit) and report.state == ReportState.DRAFT,
        },
    )


@require_http_methods(["GET", "POST"])
def report_update(request, report_id: int):
    report = queries.get_report_for_user(request.user, report_id)
    require(request.user, access.can_enter_for(request.user, report.unit))
    indicators = list(queries.active_indicators())
    actual = {v.indicator_id: v.actual for v in queries.report_figures(report)}
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
    else:
        messages.success(request, _("Đã gửi báo cáo."))
    return redirect(report)
