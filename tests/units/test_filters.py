"""The units lists' filters (units.filters): the page and its XLSX read one FilterSet."""

from django.urls import reverse

from tests.conftest import sheet_rows, workbook
from tests.html import page, text
from units.enums import GroupingKind
from units.filters import GroupingFilter
from units.models import EmulationGrouping
from units.services import grouping_create


def _groupings(org):
    for year, name in ((2024, "Khối năm nay"), (2023, "Khối năm trước")):
        grouping_create(
            year=year,
            name=name,
            kind=GroupingKind.BLOC,
            owner=org.province,
            members=[org.a],
            leader=None,
            by=None,
        )


def test_grouping_filter_keeps_the_years_groupings(org):
    _groupings(org)
    filterset = GroupingFilter({"year": "2023"}, queryset=EmulationGrouping.objects.all())
    assert [g.name for g in filterset.qs] == ["Khối năm trước"]
    assert filterset.value("year") == 2023


def test_grouping_filter_refuses_a_year_of_letters_and_filters_nothing(org):
    _groupings(org)
    filterset = GroupingFilter({"year": "2O24"}, queryset=EmulationGrouping.objects.all())
    assert sorted(g.name for g in filterset.qs) == ["Khối năm nay", "Khối năm trước"]
    assert filterset.value("year") is None
    assert GroupingFilter({}, queryset=EmulationGrouping.objects.all()).value("year") is None


def test_grouping_page_and_export_read_the_same_filter(client, org, staff_user):
    _groupings(org)
    client.force_login(staff_user)
    doc = page(client.get(reverse("units:grouping_list"), {"year": "2024"}))
    assert [text(a) for a in doc.xpath("//tbody//a")] == ["Khối năm nay"]
    assert doc.get_element_by_id("id_year").get("value") == "2024"
    sheet = workbook(client.get(reverse("units:grouping_list_xlsx"), {"year": "2024"}))
    assert [row[1] for row in sheet_rows(sheet)[1:]] == ["Khối năm nay"]
    # A refused year filters neither, and the page names the filter it did not apply.
    doc = page(client.get(reverse("units:grouping_list"), {"year": "abc"}))
    assert len(doc.xpath("//tbody//a")) == 2
    [refusal] = doc.xpath('//*[@data-testid="filter-errors"]/li')
    assert text(refusal) == "Bộ lọc “Năm” không được áp dụng: Năm phải là một số từ 1990 đến 2100."
    sheet = workbook(client.get(reverse("units:grouping_list_xlsx"), {"year": "abc"}))
    assert len(sheet_rows(sheet)) == 3
