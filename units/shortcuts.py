"""What every app's views share: one page of a list, the role check, the unit a list is
narrowed to, and a service's refusal shown on its form. Views import these from here;
they hold no rule of their own (the rules live in each app's `access`, `queries` and
`services`)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404

from units import queries

PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    """One page of a list; the page size has a hard maximum whatever the caller asks."""
    return Paginator(queryset, min(per_page, MAX_PAGE_SIZE)).get_page(request.GET.get("page"))


def require(user, allowed: bool) -> None:
    """Refuse an action the user's role may not take. The refusal is answered (403) and
    audited once, for every view and service alike, by
    units.middleware.PermissionDeniedMiddleware."""
    if not allowed:
        raise PermissionDenied


def scope_unit(request, unit_id: int | None = None):
    """The unit a list or dashboard is narrowed to: `unit_id` or ?unit=, which must be in
    the user's own subtree (anything else answers 404, and a unit the user may not see is
    audited as a denial); the user's own unit when none is named."""
    if unit_id is None:
        text = request.GET.get("unit", "")
        unit_id = int(text) if text.isdigit() else None
    user = request.user
    if unit_id is None or unit_id == user.unit_id:
        return user.unit
    unit = queries.get_unit_for_user(user, unit_id)
    if not unit.is_in_subtree_of(user.unit):
        raise Http404
    return unit


def form_errors_from(form, exc: ValidationError) -> None:
    """A service's ValidationError shown on the form: each message on its field where the
    form has that field, the rest above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
