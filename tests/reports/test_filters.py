import datetime

from django.utils import timezone

from reports.enums import DocumentState
from reports.filters import DashboardFilter, DocumentFilter
from reports.models import Document
from tests.reports.conftest import draft, issue
from tests.reports.test_views import _plan
from units.enums import DocumentKind


def test_document_filter_applies_year_kind_and_state(org, staff_user):
    plan = draft("plan", org.province, 2023, staff_user, plan=_plan(org.province))
    plan = issue(plan, staff_user, datetime.date(2023, 1, 11))
    draft("annual", org.province, 2023, staff_user)
    draft("plan", org.province, 2024, staff_user)
    documents = Document.objects.order_by("pk")
    only = DocumentFilter(
        {"year": "2023", "kind": DocumentKind.PLAN, "state": DocumentState.ISSUED}, queryset=documents
    )
    assert list(only.qs) == [plan]
    assert (only.value("year"), only.value("kind"), only.value("state")) == (
        2023,
        DocumentKind.PLAN,
        DocumentState.ISSUED,
    )


def test_document_filter_names_what_it_refused_and_filters_nothing_with_it(org, staff_user):
    draft("plan", org.province, 2023, staff_user)
    refused = DocumentFilter({"year": "hai nghìn", "state": "lost"}, queryset=Document.objects.all())
    assert refused.qs.count() == 1
    assert refused.value("year") is None and refused.value("state") is None
    assert set(refused.form.errors) == {"year", "state"}


def test_dashboard_year_is_the_current_one_unless_a_good_one_is_asked(db):
    this_year = timezone.localdate().year
    assert DashboardFilter({}).board_year() == this_year
    assert DashboardFilter({"year": "2021"}).board_year() == 2021
    assert DashboardFilter({"year": "21x"}).board_year() == this_year
    assert DashboardFilter({"year": "3000"}).board_year() == this_year
