"""Who was awarded, and the award statistics: both read awards.queries (award_counts is
the one source of the figures)."""

from django.shortcuts import render
from django.utils import timezone

from awards import exports, queries
from awards.filters import AwardeeFilter, StatisticsFilter
from units.documents import xlsx_download
from units.shortcuts import paginate, scope_unit


def _awardee_filter(request):
    """The awardee list's filters and the unit it is narrowed to: the page and its XLSX
    read them here."""
    unit_id = AwardeeFilter(request.GET).value("unit")
    root = scope_unit(request, unit_id or request.user.unit_id)
    return AwardeeFilter(request.GET, queryset=queries.awardee_list(request.user, root=root)), root


def awardee_list(request):
    filterset, root = _awardee_filter(request)
    page = paginate(request, filterset.qs)
    return render(
        request,
        "awards/awardee_list.html",
        {
            "page": page,
            "filter": filterset,
            "scope": root if root != request.user.unit else None,
            "total": page.paginator.count,
        },
    )


def awardee_list_xlsx(request):
    filterset, root = _awardee_filter(request)
    sheet = exports.awardees_sheet(filterset.qs, root=root, year=filterset.value("year"))
    return xlsx_download([sheet], filename="duoc-khen-thuong.xlsx")


def _statistics(request):
    """The year's figures (this year's when none is asked for) and the year's filter."""
    data = request.GET.copy()
    data.setdefault("year", str(timezone.localdate().year))
    filterset = StatisticsFilter(data)
    year = filterset.value("year") or timezone.localdate().year
    return queries.award_counts(root=request.user.unit, year=year), year, filterset


def statistics_view(request):
    counts, year, filterset = _statistics(request)
    return render(
        request,
        "awards/statistics.html",
        {"stats": counts, "tables": exports.statistics_tables(counts), "year": year, "filter": filterset},
    )


def statistics_xlsx(request):
    counts, year, _filterset = _statistics(request)
    return xlsx_download(
        [exports.statistics_sheet(counts, year=year)], filename=f"thong-ke-khen-thuong-{year}.xlsx"
    )
