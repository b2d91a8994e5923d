"""The emulation lists' filters (emulation.filters): one year, this year by default, the
same for the page and its XLSX."""

import pytest
from django.urls import reverse
from django.utils import timezone

from emulation.enums import DeadlineKind, RegistrationState
from emulation.filters import DeadlineFilter, RegistrationFilter
from emulation.models import Deadline
from emulation.queries import NOT_REGISTERED
from emulation.services import deadline_save
from tests import html
from tests.emulation.conftest import make_registration, table_rows


@pytest.fixture
def two_years(org):
    for year in (2022, 2023):
        deadline_save(
            owner=org.province,
            year=year,
            kind=DeadlineKind.REGISTRATION,
            name=f"Đăng ký thi đua năm {year}",
            due_on=timezone.datetime(year, 2, 10).date(),
            by=None,
        )


def test_deadline_filter_reads_the_year_asked(two_years):
    chosen = DeadlineFilter({"year": "2022"}, queryset=Deadline.objects.all())
    assert (chosen.selected_year(), [d.year for d in chosen.qs]) == (2022, [2022])
    assert chosen.form.errors == {}


@pytest.mark.parametrize("query", [{}, {"year": ""}, {"year": "abc"}, {"year": "1800"}])
def test_deadline_filter_is_this_year_without_a_good_one(two_years, query):
    this_year = timezone.localdate().year
    deadlines = DeadlineFilter(query, queryset=Deadline.objects.all())
    assert deadlines.selected_year() == this_year
    assert list(deadlines.qs) == list(Deadline.objects.filter(year=this_year))
    assert ("year" in deadlines.form.errors) == (query.get("year", "") not in {""})


def test_registration_filter_knows_the_units_not_registered(org):
    assert RegistrationFilter({"state": NOT_REGISTERED}).value("state") == NOT_REGISTERED
    assert (
        RegistrationFilter({"state": RegistrationState.ACCEPTED}).value("state") == RegistrationState.ACCEPTED
    )
    refused = RegistrationFilter({"state": "khong-co", "year": "2023"})
    assert (refused.value("state"), refused.selected_year()) == (None, 2023)
    assert refused.form.errors == {"state": ["“khong-co” không có trong danh sách."]}


def test_registration_list_and_its_xlsx_name_a_refused_filter_and_list_every_row(client, org, staff_user):
    make_registration(org.a, state=RegistrationState.SUBMITTED)
    client.force_login(staff_user)
    response = client.get(reverse("emulation:registration_list"), {"year": "2023", "state": "sai"})
    doc = html.page(response)
    errors = doc.xpath('//*[@data-testid="filter-errors"]/li')
    assert [html.text(e) for e in errors] == [
        "Bộ lọc “Trạng thái” không được áp dụng: “sai” không có trong danh sách."
    ]
    # Every unit of the board, as with no state asked.
    assert len(table_rows(response, "registration-table")) == len(
        table_rows(client.get(reverse("emulation:registration_list"), {"year": "2023"}), "registration-table")
    )


def test_deadline_list_form_is_drawn_by_crispy_with_the_year_it_shows(client, org, staff_user, two_years):
    client.force_login(staff_user)
    doc = html.page(client.get(reverse("emulation:deadline_list"), {"year": "2022"}))
    assert doc.xpath('//main//form[@method="get"]//input[@name="year"]/@value') == ["2022"]
    assert [html.text(h) for h in doc.xpath("//h1")] == ["Thời hạn năm 2022"]


def test_indicator_page_draws_its_filter_and_names_a_refused_one(client, cluster, lai_chau_staff):
    client.force_login(lai_chau_staff)
    doc = html.page(client.get(reverse("emulation:indicators"), {"grouping": "abc", "period": "2023-H1"}))
    options = doc.xpath('//main//form[@method="get"]//select[@name="grouping"]/option')
    assert [html.text(o) for o in options] == ["Các đơn vị trực thuộc", f"{cluster.name} ({cluster.year})"]
    assert doc.xpath('//main//form[@method="get"]//input[@name="period"]/@value') == ["2023-H1"]
    errors = [html.text(e) for e in doc.xpath('//*[@data-testid="filter-errors"]/li')]
    assert errors == ["Bộ lọc “Khối/cụm” không được áp dụng: “abc” không có trong danh sách."]
