from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from emulation import access, exports, queries, services
from emulation.filters import DeadlineBoardFilter, DeadlineFilter
from emulation.forms import DeadlineForm
from units.documents import xlsx_download
from units.shortcuts import form_errors_from, require, scope_unit


def overview(request):
    return redirect("emulation:deadline_board")


def _deadlines(request) -> DeadlineFilter:
    return DeadlineFilter(request.GET, queryset=queries.deadline_list(request.user))


def deadline_list(request):
    deadlines = _deadlines(request)
    return render(
        request,
        "emulation/deadline_list.html",
        {
            "filter": deadlines,
            "deadlines": deadlines.qs,
            "year": deadlines.selected_year(),
            "can_manage": access.can_manage_cycle(request.user),
        },
    )


def deadline_list_xlsx(request):
    deadlines = _deadlines(request)
    year = deadlines.selected_year()
    sheet = exports.deadline_list_sheet(deadlines.qs, year=year)
    return xlsx_download([sheet], filename=f"thoi-han-{year}.xlsx")


def _deadline_form(request, deadline=None):
    year = DeadlineFilter(request.GET).selected_year()
    form = DeadlineForm(request.POST or None, instance=deadline, initial={"year": year})
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
    board = DeadlineBoardFilter(request.GET)
    year = board.selected_year()
    root = scope_unit(request)
    deadlines, rows = queries.deadline_board(request.user, year=year, root=root)
    today = timezone.localdate()
    return render(
        request,
        "emulation/deadline_board.html",
        {
            "filter": board,
            "year": year,
            "deadlines": deadlines,
            "rows": rows,
            "upcoming": queries.upcoming_deadlines(request.user, today=today),
            "today": today,
            "scope": root if root != request.user.unit else None,
        },
    )


def deadline_board_xlsx(request):
    year = DeadlineBoardFilter(request.GET).selected_year()
    deadlines, rows = queries.deadline_board(request.user, year=year, root=scope_unit(request))
    sheet = exports.deadline_board_sheet(deadlines, rows, year=year)
    return xlsx_download([sheet], filename=f"theo-doi-thoi-han-{year}.xlsx")
