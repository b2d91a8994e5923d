from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.views import PasswordChangeView
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from units import access, exports, queries, services
from units.documents import form_filters, heading, xlsx_download
from units.enums import UnitKind
from units.filters import GroupingFilter
from units.forms import (
    AccountCreateForm,
    AccountFilterForm,
    AccountForm,
    AccountPasswordResetForm,
    AuditFilterForm,
    GroupingForm,
    OwnPasswordChangeForm,
    UnitCreateForm,
    UnitDissolveForm,
    UnitFilterForm,
    UnitImportForm,
    UnitMergeForm,
    UnitMoveForm,
    UnitUpdateForm,
)
from units.imports import ImportFileError, check_rows, parse_units_file, sign_preview, unsign_preview
from units.shortcuts import form_errors_from, paginate, require


def _unit_counts(user, today):
    counts = queries.unit_counts_by_kind(user, on=today)
    kinds = [(label, counts.get(value, 0)) for value, label in UnitKind.choices if counts.get(value)]
    return kinds, sum(counts.values())


def home_xlsx(request):
    today = timezone.localdate()
    kinds, total = _unit_counts(request.user, today)
    title = heading(
        _("Đơn vị đang hoạt động trong phạm vi"), request.user.unit.name, today.strftime("%d/%m/%Y")
    )
    sheet = exports.unit_counts_sheet(kinds, total, title=title)
    return xlsx_download([sheet], filename="don-vi-theo-loai.xlsx")


# --- Units ---------------------------------------------------------------------------


def _unit_tree_data(request):
    """The tree page's filter form and what it lists: the search results (a queryset) when
    the filters search, else the tree (nodes). The page and its export both use this."""
    user = request.user
    form = UnitFilterForm(request.GET or None)
    if form.is_bound and form.is_valid() and form.is_search():
        on = form.cleaned_data["on"] or (None if form.cleaned_data["include_ended"] else timezone.localdate())
        units = queries.unit_list(
            user,
            text=form.cleaned_data["q"],
            kind=form.cleaned_data["kind"],
            sector=form.sector_value(),
            on=on,
        )
        return form, units, None
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    on = data.get("on") or (None if data.get("include_ended") else timezone.localdate())
    return form, None, queries.unit_tree(user, on=on)


def unit_tree(request):
    form, units, tree = _unit_tree_data(request)
    kinds, total = _unit_counts(request.user, timezone.localdate())
    context = {
        "form": form,
        "can_manage": access.can_manage_units(request.user),
        "unit_counts": kinds,
        "unit_total": total,
    }
    if units is not None:
        context["page"] = paginate(request, units)
        context["query"] = request.GET.copy()
        context["query"].pop("page", None)
    else:
        context["tree"] = tree
    return render(request, "units/unit_tree.html", context)


def unit_tree_xlsx(request):
    form, units, tree = _unit_tree_data(request)
    title = heading(_("Cây đơn vị"), *form_filters(form))
    if units is not None:
        sheet = exports.unit_list_sheet(units, title=title)
    else:
        sheet = exports.unit_tree_sheet(tree, title=title)
    return xlsx_download([sheet], filename="don-vi.xlsx")


def unit_detail(request, unit_id: int):
    unit = queries.get_unit_for_user(request.user, unit_id)
    children = list(queries.unit_children(unit))
    history = list(queries.unit_history(unit)[:200])
    return render(
        request,
        "units/unit_detail.html",
        {
            "unit": unit,
            "ancestors": queries.unit_ancestors(request.user, unit),
            "active_children": [c for c in children if c.is_active],
            "ended_children": [c for c in children if not c.is_active],
            "history": history,
            "linkable": queries.linkable_unit_ids(request.user, unit, history),
            "groupings": queries.groupings_of_unit(unit),
            "can_manage": access.can_manage_units(request.user),
        },
    )


def unit_detail_xlsx(request, unit_id: int):
    """The unit page's history table, every event (the page shows the latest 200)."""
    unit = queries.get_unit_for_user(request.user, unit_id)
    sheet = exports.unit_history_sheet(unit, queries.unit_history(unit))
    return xlsx_download([sheet], filename=f"lich-su-{unit.code}.xlsx")


@require_http_methods(["GET", "POST"])
def unit_create(request):
    user = request.user
    require(user, access.can_manage_units(user))
    initial = {}
    if (parent_id := request.GET.get("parent")) and parent_id.isdigit():
        initial["parent"] = queries.get_unit_for_user(user, int(parent_id))
    form = UnitCreateForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(by=user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã tạo đơn vị %(name)s.") % {"name": unit.name})
            return redirect(unit)
    return render(request, "units/unit_form.html", {"form": form, "title": _("Thêm đơn vị")})


@require_http_methods(["GET", "POST"])
def unit_update(request, unit_id: int):
    unit = queries.get_unit_for_user(request.user, unit_id)
    require(request.user, access.can_manage_units(request.user))
    fields = ("name", "short_name", "code", "kind", "sector", "valid_from", "document_symbol")
    initial = {f: getattr(unit, f) for f in fields}
    form = UnitUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_update(unit=unit, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin đơn vị."))
            return redirect(unit)
    return render(
        request, "units/unit_form.html", {"form": form, "unit": unit, "title": _("Sửa thông tin đơn vị")}
    )


def _unit_action(request, unit_id: int, form_class, perform, *, title: str, template: str, done: str):
    unit = queries.get_unit_for_user(request.user, unit_id)
    require(request.user, access.can_manage_units(request.user))
    form = form_class(request.POST or None, user=request.user, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            perform(unit, form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, done)
            return redirect(unit)
    return render(request, template, {"form": form, "unit": unit, "title": title})


@require_http_methods(["GET", "POST"])
def unit_move(request, unit_id: int):
    def perform(unit, data):
        services.unit_move(
            unit=unit, new_parent=data["new_parent"], on=data["on"], by=request.user, note=data["note"]
        )

    return _unit_action(
        request,
        unit_id,
        UnitMoveForm,
        perform,
        title=_("Chuyển đơn vị quản lý"),
        template="units/unit_action.html",
        done=_("Đã chuyển đơn vị."),
    )


@require_http_methods(["GET", "POST"])
def unit_merge(request, unit_id: int):
    def perform(unit, data):
        services.unit_merge(
            sources=list(data["sources"]), into=unit, on=data["on"], by=request.user, note=data["note"]
        )

    return _unit_action(
        request,
        unit_id,
        UnitMergeForm,
        perform,
        title=_("Sáp nhập đơn vị"),
        template="units/unit_action.html",
        done=_("Đã sáp nhập các đơn vị."),
    )


@require_http_methods(["GET", "POST"])
def unit_dissolve(request, unit_id: int):
    def perform(unit, data):
        services.unit_dissolve(
            unit=unit, on=data["on"], by=request.user, children_to=data["children_to"], note=data["note"]
        )

    return _unit_action(
        request,
        unit_id,
        UnitDissolveForm,
        perform,
        title=_("Giải thể đơn vị"),
        template="units/unit_action.html",
        done=_("Đã giải thể đơn vị."),
    )


@require_http_methods(["GET", "POST"])
def unit_import(request):
    """Upload → preview with every bad row named → confirm. The checked rows travel
    between the two steps signed in the form (units.imports.sign_preview)."""
    user = request.user
    require(user, access.can_manage_units(user))
    if "payload" in request.POST:
        return _unit_import_confirm(request)
    form = UnitImportForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    context = {"form": form}
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = check_rows(parse_units_file(upload.name, upload.read()), user=user)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            has_errors = any(r.errors for r in rows)
            context.update(rows=rows, filename=upload.name, has_errors=has_errors)
            if not has_errors:
                context["payload"] = sign_preview(upload.name, rows)
    return render(request, "units/unit_import.html", context)


def _unit_import_confirm(request):
    try:
        filename, rows = unsign_preview(request.POST["payload"])
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("units:unit_import")
    try:
        created = services.units_import(rows=rows, by=request.user, filename=filename)
    except ValidationError:
        context = {"form": UnitImportForm(), "rows": rows, "filename": filename, "has_errors": True}
        return render(request, "units/unit_import.html", context)
    messages.success(request, _("Đã nhập %(n)s đơn vị.") % {"n": len(created)})
    return redirect("units:unit_tree")


# --- Groupings -----------------------------------------------------------------------


def grouping_list(request):
    filterset = GroupingFilter(request.GET, queryset=queries.grouping_list(request.user))
    return render(
        request,
        "units/grouping_list.html",
        {
            "filter": filterset,
            "page": paginate(request, filterset.qs),
            "can_manage": access.can_manage_groupings(request.user),
        },
    )


def grouping_list_xlsx(request):
    filterset = GroupingFilter(request.GET, queryset=queries.grouping_list(request.user))
    year = filterset.value("year")
    title = heading(_("Khối, cụm thi đua"), _("năm %(y)s") % {"y": year} if year else "")
    sheet = exports.grouping_list_sheet(filterset.qs, title=title)
    return xlsx_download([sheet], filename=f"khoi-cum-thi-dua-{year or 'tat-ca'}.xlsx")


def grouping_detail(request, grouping_id: int):
    grouping = queries.get_grouping_for_user(request.user, grouping_id)
    return render(
        request,
        "units/grouping_detail.html",
        {
            "grouping": grouping,
            "members": queries.grouping_members(grouping),
            "can_manage": access.can_manage_groupings(request.user)
            and grouping.owner.is_in_subtree_of(request.user.unit),
        },
    )


def grouping_detail_xlsx(request, grouping_id: int):
    grouping = queries.get_grouping_for_user(request.user, grouping_id)
    sheet = exports.grouping_members_sheet(grouping, queries.grouping_members(grouping))
    return xlsx_download([sheet], filename=f"khoi-thi-dua-{grouping.pk}.xlsx")


def _grouping_form(request, grouping=None):
    user = request.user
    form = GroupingForm(request.POST or None, instance=grouping, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = dict(
            year=data["year"],
            name=data["name"],
            kind=data["kind"],
            members=list(data["members"]),
            leader=data["leader"],
            by=user,
            note=data["note"],
        )
        try:
            if grouping is None:
                grouping = services.grouping_create(owner=user.unit, **common)
            else:
                grouping = services.grouping_update(grouping=grouping, **common)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã lưu %(name)s.") % {"name": grouping})
            return redirect(grouping)
    title = _("Sửa khối/cụm thi đua") if grouping else _("Thêm khối/cụm thi đua")
    return render(request, "units/grouping_form.html", {"form": form, "grouping": grouping, "title": title})


@require_http_methods(["GET", "POST"])
def grouping_create(request):
    require(request.user, access.can_manage_groupings(request.user))
    return _grouping_form(request)


@require_http_methods(["GET", "POST"])
def grouping_update(request, grouping_id: int):
    grouping = queries.get_grouping_for_user(request.user, grouping_id)
    require(
        request.user,
        access.can_manage_groupings(request.user) and grouping.owner.is_in_subtree_of(request.user.unit),
    )
    return _grouping_form(request, grouping)


# --- Accounts ------------------------------------------------------------------------


def _account_list_data(request):
    require(request.user, access.can_manage_accounts(request.user))
    form = AccountFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, queries.account_list(request.user, text=data.get("q", ""), role=data.get("role", ""))


def account_list(request):
    form, accounts = _account_list_data(request)
    return render(request, "units/account_list.html", {"form": form, "page": paginate(request, accounts)})


def account_list_xlsx(request):
    form, accounts = _account_list_data(request)
    sheet = exports.account_list_sheet(accounts, title=heading(_("Tài khoản"), *form_filters(form)))
    return xlsx_download([sheet], filename="tai-khoan.xlsx")


@require_http_methods(["GET", "POST"])
def account_create(request):
    user = request.user
    require(user, access.can_manage_accounts(user))
    form = AccountCreateForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = services.account_create(
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                position=data["position"],
                unit=data["unit"],
                role=data["role"],
                password=data["password1"],
                by=user,
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("Đã tạo tài khoản %(u)s. Người dùng phải đổi mật khẩu khi đăng nhập lần đầu.")
                % {"u": account.username},
            )
            return redirect(account)
    return render(request, "units/account_form.html", {"form": form, "title": _("Thêm tài khoản")})


@require_http_methods(["GET", "POST"])
def account_detail(request, user_id: int):
    account = queries.get_account_for_user(request.user, user_id)
    require(request.user, access.can_manage_accounts(request.user))
    initial = {f: getattr(account, f) for f in ("full_name", "email", "position", "unit", "role")}
    form = AccountForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.account_update(account=account, by=request.user, **form.cleaned_data)
        messages.success(request, _("Đã lưu tài khoản."))
        return redirect(account)
    recent = queries.account_activity(account)[:20]
    return render(
        request,
        "units/account_detail.html",
        {"account": account, "form": form, "recent": recent, "reset_form": AccountPasswordResetForm()},
    )


@require_http_methods(["POST"])
def account_set_active(request, user_id: int):
    account = queries.get_account_for_user(request.user, user_id)
    require(request.user, access.can_manage_accounts(request.user))
    active = request.POST.get("active") == "1"
    try:
        services.account_set_active(account=account, active=active, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã mở khóa tài khoản.") if active else _("Đã khóa tài khoản."))
    return redirect(account)


@require_http_methods(["POST"])
def account_reset_password(request, user_id: int):
    account = queries.get_account_for_user(request.user, user_id)
    require(request.user, access.can_manage_accounts(request.user))
    form = AccountPasswordResetForm(request.POST)
    if form.is_valid():
        services.account_reset_password(
            account=account, password=form.cleaned_data["password1"], by=request.user
        )
        messages.success(request, _("Đã đặt mật khẩu tạm thời; người dùng phải đổi khi đăng nhập."))
    else:
        messages.error(request, " ".join(" ".join(e) for e in form.errors.values()))
    return redirect(account)


# --- Audit log -----------------------------------------------------------------------


def _audit_log_data(request):
    require(request.user, access.can_read_audit(request.user))
    form = AuditFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    entries = queries.audit_list(
        request.user,
        action=data.get("action", ""),
        username=data.get("username", ""),
        object_type=data.get("object_type", ""),
        since=data.get("since"),
        until=data.get("until"),
    )
    return form, entries


def audit_log_xlsx(request):
    form, entries = _audit_log_data(request)
    sheet = exports.audit_log_sheet(entries, title=heading(_("Nhật ký hệ thống"), *form_filters(form)))
    return xlsx_download([sheet], filename="nhat-ky.xlsx")


def audit_log(request):
    form, entries = _audit_log_data(request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "units/audit_log.html", {"form": form, "page": paginate(request, entries), "query": query}
    )


# --- Own password --------------------------------------------------------------------


class OwnPasswordChangeView(PasswordChangeView):
    template_name = "registration/password_change.html"
    form_class = OwnPasswordChangeForm
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        update_session_auth_hash(self.request, form.user)
        services.account_password_changed(account=form.user)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return response


@require_http_methods(["GET", "POST"])
def notifications(request):
    """The user's notifications, newest first; POST marks them all read."""
    if request.method == "POST":
        services.notifications_mark_read(recipient=request.user)
        return redirect("units:notifications")
    page = paginate(request, request.user.notifications.all())
    response = render(request, "units/notifications.html", {"page": page})
    # Shown once as new (highlighted), then read: the bell counts only what is unseen.
    services.notifications_mark_read(recipient=request.user, ids=[n.pk for n in page if n.read_at is None])
    return response
