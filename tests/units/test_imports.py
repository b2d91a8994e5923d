"""The unit import's row rules (units.imports.ROW_RULES), each alone."""

import datetime

import pytest

from units.enums import Sector, UnitKind
from units.imports import (
    ROW_RULES,
    ImportRow,
    RowContext,
    check_rows,
    code_rule,
    cycle_rule,
    kind_rule,
    length_rule,
    parent_rule,
    required_rule,
    sector_rule,
)


def _row(
    code="X",
    parent_code="A",
    *,
    line=2,
    name="Đơn vị X",
    kind=UnitKind.GRASSROOTS,
    sector=Sector.NONE,
    short_name="",
):
    return ImportRow(
        line=line,
        code=code,
        name=name,
        short_name=short_name,
        kind=kind,
        sector=sector,
        parent_code=parent_code,
    )


def _context(user, *rows):
    return RowContext.of(list(rows), user=user)


def test_rules_run_in_the_order_a_rows_errors_are_listed():
    assert (
        required_rule,
        length_rule,
        kind_rule,
        sector_rule,
        code_rule,
        parent_rule,
        cycle_rule,
    ) == ROW_RULES


def test_required_rule_names_a_missing_code_and_name(org, staff_user):
    row = _row(code="", name="")
    assert required_rule(row, _context(staff_user, row)) == ["Thiếu mã đơn vị.", "Thiếu tên đơn vị."]
    row = _row()
    assert required_rule(row, _context(staff_user, row)) == []


def test_length_rule_names_the_column_too_long(org, staff_user):
    row = _row(short_name="x" * 121)
    assert length_rule(row, _context(staff_user, row)) == [
        "Cột ten_viet_tat dài 121 ký tự, tối đa 120 ký tự."
    ]
    assert length_rule(_row(short_name="x" * 120), _context(staff_user)) == []


def test_kind_rule_reads_a_label_or_a_value_and_refuses_others(org, staff_user):
    row = _row(kind="Công đoàn cơ sở")
    assert (kind_rule(row, _context(staff_user, row)), row.kind) == ([], UnitKind.GRASSROOTS)
    row = _row(kind="ben ngoai")
    assert (kind_rule(row, _context(staff_user, row)), row.kind) == ([], UnitKind.OUTSIDE)
    row = _row(kind="xã")
    assert kind_rule(row, _context(staff_user, row)) == ["Loại đơn vị không hợp lệ: “xã”."]
    assert row.kind == "xã"


def test_sector_rule_reads_hcsn_sxkd_or_blank_and_refuses_others(org, staff_user):
    for text, sector in (
        ("HCSN", Sector.HCSN),
        ("sxkd", Sector.SXKD),
        ("", Sector.NONE),
        ("không", Sector.NONE),
    ):
        row = _row(sector=text)
        assert (sector_rule(row, _context(staff_user, row)), row.sector) == ([], sector)
    row = _row(sector="abc")
    assert sector_rule(row, _context(staff_user, row)) == [
        "Khối không hợp lệ: “abc” (HCSN, SXKD hoặc để trống)."
    ]


def test_code_rule_refuses_a_code_twice_in_the_file_or_already_used(org, staff_user):
    first, second, used = _row("X"), _row("X", line=3), _row("A1")
    ctx = _context(staff_user, first, second, used)
    assert code_rule(first, ctx) == code_rule(second, ctx) == ["Mã X xuất hiện nhiều lần trong tệp."]
    assert code_rule(used, ctx) == ["Mã A1 đã có trong hệ thống."]
    assert code_rule(_row("Y"), ctx) == []


def test_parent_rule_needs_a_parent_except_for_an_outside_body(org, staff_user):
    row = _row(parent_code="")
    assert parent_rule(row, _context(staff_user, row)) == ["Thiếu mã đơn vị cấp trên."]
    row = _row(parent_code="", kind=UnitKind.OUTSIDE)
    assert parent_rule(row, _context(staff_user, row)) == []
    row = _row(code="X", parent_code="X")
    assert parent_rule(row, _context(staff_user, row)) == ["Đơn vị không thể là cấp trên của chính nó."]


def test_parent_rule_finds_the_parent_in_the_file_or_in_the_users_units(org, staff_user, charlie):
    parent, child = _row("X", "A", name="Cha"), _row("Y", "X")
    ctx = _context(staff_user, parent, child)
    assert (parent_rule(child, ctx), child.parent_name) == ([], "Cha")
    assert (parent_rule(parent, ctx), parent.parent_name) == ([], "LĐLĐ huyện A")
    row = _row(parent_code="ZZ")
    assert parent_rule(row, _context(staff_user, row)) == ["Không tìm thấy đơn vị cấp trên có mã ZZ."]
    row = _row(parent_code="A")  # charlie is district B's
    assert parent_rule(row, _context(charlie, row)) == [
        "Đơn vị cấp trên A nằm ngoài phạm vi quản lý của bạn."
    ]
    row = _row(parent_code="HND")
    assert parent_rule(row, _context(staff_user, row)) == [
        "Đơn vị cấp trên HND nằm ngoài phạm vi quản lý của bạn."
    ]


def test_parent_rule_refuses_a_parent_that_has_ended(org, staff_user):
    org.a2.valid_to = datetime.date(2024, 1, 1)
    org.a2.save(update_fields=["valid_to"])
    row = _row(parent_code="A2")
    assert parent_rule(row, _context(staff_user, row)) == ["Đơn vị cấp trên A2 đã ngừng hoạt động."]


def test_cycle_rule_refuses_the_rows_whose_parents_loop(org, staff_user):
    x, y, z, w = _row("X", "Y"), _row("Y", "X"), _row("Z", "X"), _row("W", "Z")
    ctx = _context(staff_user, x, y, z, w)
    assert cycle_rule(x, ctx) == ["Vòng lặp cấp trên: X là cấp dưới của chính nó."]
    assert cycle_rule(y, ctx) == ["Vòng lặp cấp trên: Y là cấp dưới của chính nó."]
    # A row under the loop is refused too: its chain of parents never reaches a unit.
    assert cycle_rule(z, ctx) == ["Vòng lặp cấp trên: Z là cấp dưới của chính nó."]
    w.parent_code = "A"
    assert cycle_rule(w, ctx) == []


@pytest.mark.parametrize("code", ["x", "X"])
def test_check_rows_compares_codes_in_upper_case(org, staff_user, code):
    [row] = check_rows([_row(code, parent_code="a")], user=staff_user)
    assert (row.code, row.parent_code, row.errors) == ("X", "A", [])
