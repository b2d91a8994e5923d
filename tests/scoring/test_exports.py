"""XLSX exports of the scoring pages that had none: the list of criteria tables and the
self-score vs appraisal comparison."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from scoring.enums import ScoreKind, SheetState, TableStatus
from scoring.imports import CriterionRow
from scoring.models import ScoreSheet
from scoring.services import criteria_table_import, item_score_set, set_criteria_table_state, sheet_open
from tests.conftest import bold_rows, column_formats, sheet_rows, workbook
from units.enums import GroupingKind
from units.services import grouping_create

D = Decimal
DAY = datetime.datetime


@pytest.fixture
def bloc(org):
    return grouping_create(
        year=2026,
        name="Khối huyện",
        kind=GroupingKind.BLOC,
        owner=org.province,
        members=[org.a, org.b],
        leader=org.a,
        by=None,
    )


def _table(owner, grouping, *, code="T", year=2026, leaves=None, **kwargs):
    """Section I (two items, the second with 5 bonus points) and section II (one item), or
    one section of `leaves` items of 10 points."""
    if leaves is None:
        rows = [
            CriterionRow(2, "I", "Công tác tổ chức", D(20), None, "", ""),
            CriterionRow(3, "I.1", "Tiêu chí 1", D(10), D(0), "", ""),
            CriterionRow(4, "I.2", "Tiêu chí 2", D(10), D(5), "", ""),
            CriterionRow(5, "II", "Phong trào", D(10), None, "", ""),
            CriterionRow(6, "II.1", "Tiêu chí 3", D(10), D(0), "", ""),
        ]
    else:
        rows = [CriterionRow(2, "I", "Phần I", D(10 * leaves), None, "", "")] + [
            CriterionRow(3 + i, f"I.{i}", f"Tiêu chí {i}", D(10), D(0), "", "") for i in range(1, leaves + 1)
        ]
    table = criteria_table_import(
        rows=rows,
        code=code,
        name=f"Bảng {code}",
        year=year,
        owner=owner,
        grouping=grouping,
        by=None,
        **kwargs,
    )
    set_criteria_table_state(obj=table, to=TableStatus.PUBLISHED, by=None)
    return table


def _score(sheet, code, kind, achieved, bonus=None):
    criterion = sheet.table.criteria.get(code=code)
    item_score_set(sheet=sheet, criterion=criterion, kind=kind, by=None, achieved=D(achieved), bonus=bonus)


def _submit(sheet):
    ScoreSheet.objects.filter(pk=sheet.pk).update(state=SheetState.SUBMITTED)
    sheet.refresh_from_db()


# --- Criteria tables ----------------------------------------------------------------------------------


def test_table_list_export_has_the_years_tables_in_scope(client, org, bloc, alice, charlie):
    _table(org.province, bloc, code="KHOI-2026", self_deadline=datetime.date(2026, 11, 30))
    _table(org.a, None, code="A-2026")
    _table(org.province, bloc, code="KHOI-2025", year=2025)
    client.force_login(alice)
    sheet = workbook(client.get(reverse("scoring:table_list_xlsx"), {"year": "2026"}))
    assert sheet["A1"].value == "Bảng tiêu chí chấm điểm — năm 2026"
    assert sheet_rows(sheet) == [
        ["Năm", "Mã", "Tên bảng", "Khối/cụm", "Phiên bản", "Trạng thái", "Hạn tự chấm"],
        [2026, "A-2026", "Bảng A-2026", None, 1, "Đã ban hành", None],
        [2026, "KHOI-2026", "Bảng KHOI-2026", "Khối huyện", 1, "Đã ban hành", DAY(2026, 11, 30)],
    ]
    assert column_formats(sheet, row=5)[6] == "dd/mm/yyyy"
    client.force_login(charlie)  # B is in the bloc but not in A's subtree
    sheet = workbook(client.get(reverse("scoring:table_list_xlsx")))
    assert sheet["A1"].value == "Bảng tiêu chí chấm điểm"
    assert [row[1] for row in sheet_rows(sheet)[1:]] == ["KHOI-2026", "KHOI-2025"]


def test_table_list_page_and_export_share_one_year_filter(client, org, bloc, alice):
    _table(org.province, bloc, code="KHOI-2026")
    _table(org.province, bloc, code="KHOI-2025", year=2025)
    client.force_login(alice)
    page = client.get(reverse("scoring:table_list"), {"year": "2025"})
    assert [t.code for t in page.context["page"]] == ["KHOI-2025"]
    assert 'name="year" value="2025"' in page.content.decode()
    refused = client.get(reverse("scoring:table_list"), {"year": "20x5"})
    assert [t.code for t in refused.context["page"]] == ["KHOI-2026", "KHOI-2025"]
    assert refused.context["filter"].form.errors == {"year": ["Năm phải là một số từ 1990 đến 2100."]}
    assert 'data-testid="filter-errors"' in refused.content.decode()
    sheet = workbook(client.get(reverse("scoring:table_list_xlsx"), {"year": "20x5"}))
    assert sheet["A1"].value == "Bảng tiêu chí chấm điểm"
    assert [row[1] for row in sheet_rows(sheet)[1:]] == ["KHOI-2026", "KHOI-2025"]


@pytest.mark.parametrize("count", [1, 30])
def test_table_list_export_query_count_is_constant(
    client, org, bloc, alice, count, django_assert_num_queries
):
    for i in range(count):
        _table(org.province, bloc, code=f"T{i:02d}", leaves=1)
    client.force_login(alice)
    client.get("/")
    with django_assert_num_queries(4):
        sheet = workbook(client.get(reverse("scoring:table_list_xlsx")))
    assert len(sheet_rows(sheet)) == 1 + count


# --- Self-score vs appraisal --------------------------------------------------------------------------


def test_compare_export_has_both_totals_and_the_differences(client, org, bloc, alice, staff_user):
    table = _table(org.province, bloc)
    sheet = sheet_open(table=table, unit=org.a, by=None)
    _score(sheet, "I.1", ScoreKind.SELF, 9)
    _score(sheet, "I.2", ScoreKind.SELF, 8, bonus=D(5))
    _score(sheet, "II.1", ScoreKind.SELF, "7.5")
    _submit(sheet)
    _score(sheet, "I.1", ScoreKind.APPRAISED, 9)
    _score(sheet, "I.2", ScoreKind.APPRAISED, 6, bonus=D(5))
    # II.1 is not appraised yet: it counts at the unit's own 7.5, as on the page.
    for user in (staff_user, alice):
        client.force_login(user)
        ws = workbook(client.get(reverse("scoring:sheet_compare_xlsx", kwargs={"sheet_id": sheet.pk})))
        assert ws["A1"].value == "So sánh tự chấm và thẩm định: LĐLĐ huyện A — Bảng T (2026, v1)"
        rows = sheet_rows(ws)
        assert rows[:-1] == [
            ["STT", "Chỉ tiêu", "Tự chấm", "Thẩm định", "Chênh lệch"],
            ["I", "Công tác tổ chức", 22, 20, -2],
            ["I.1", "Tiêu chí 1", 9, 9, None],
            ["I.2", "Tiêu chí 2", 13, 11, -2],
            ["II", "Phong trào", 7.5, 7.5, None],
            ["II.1", "Tiêu chí 3", 7.5, 7.5, None],
        ]
        assert rows[-1][1:] == ["Tổng cộng", 29.5, 27.5, -2]
        assert bold_rows(ws) == [0, 3, 5]
        assert column_formats(ws)[2:] == ["#,##0.#", "#,##0.#", "#,##0.#"]


def test_compare_export_of_a_sibling_districts_sheet_is_not_found(client, org, bloc, charlie):
    sheet = sheet_open(table=_table(org.province, bloc), unit=org.a, by=None)
    client.force_login(charlie)
    assert client.get(reverse("scoring:sheet_compare_xlsx", kwargs={"sheet_id": sheet.pk})).status_code == 404


@pytest.mark.parametrize("leaves", [1, 90])
def test_compare_export_query_count_is_constant(client, org, bloc, alice, leaves, django_assert_num_queries):
    sheet = sheet_open(table=_table(org.province, bloc, leaves=leaves), unit=org.a, by=None)
    for i in range(1, leaves + 1):
        _score(sheet, f"I.{i}", ScoreKind.SELF, 9)
    client.force_login(alice)
    client.get("/")
    with django_assert_num_queries(7):
        ws = workbook(client.get(reverse("scoring:sheet_compare_xlsx", kwargs={"sheet_id": sheet.pk})))
    assert sheet_rows(ws)[-1][1:] == ["Tổng cộng", 9 * leaves, 0, -9 * leaves]
