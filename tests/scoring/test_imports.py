"""Criteria and score files (CSV and XLSX) parsed and checked row by row, before any save."""

from decimal import Decimal as D

import pytest

from scoring.imports import (
    CriterionRow,
    _bonus_sum_errors,
    _code_errors,
    _group_errors,
    _leaf_errors,
    _standard_errors,
    _standard_sum_errors,
    _text_errors,
    check_criteria,
    check_scores,
)
from scoring.metrics import REGISTRY
from scoring.tree import build_tree, flatten
from tests.scoring.conftest import (
    CRITERIA_CSV,
    SELF_SCORE_CSV,
    as_xlsx,
    criteria_rows,
    edited_csv,
    score_rows,
    write_file,
)
from units.imports import ImportFileError

# check_criteria records the RuleError on the row, then build_tree parses every leaf's rule
# again without catching it: an unparseable rule crashes the check instead of being reported.


def checked(content: bytes | None = None, filename: str = "tieu-chi.csv"):
    rows = criteria_rows(content, filename)
    roots = check_criteria(rows)
    return rows, roots


def errors_by_row(rows) -> dict[tuple[int, str], list[str]]:
    return {(r.line, r.code): r.errors for r in rows if r.errors}


def seed_leaves() -> dict:
    _rows, roots = checked()
    return {n.code: n for n in flatten(roots) if n.is_leaf}


# --- criteria ----------------------------------------------------------------------------


def test_seed_criteria_parse_and_check_clean():
    rows, roots = checked()
    assert errors_by_row(rows) == {}
    assert len(rows) == 63
    assert sum(1 for n in flatten(roots) if n.is_leaf) == 44
    assert [r.line for r in rows[:3]] == [2, 3, 4]


def test_seed_criteria_tree_totals():
    _rows, roots = checked()
    assert sum(r.standard for r in roots) == 950
    assert sum(r.bonus_max for r in roots) == 50
    assert [(r.code, r.standard, r.bonus_max) for r in roots] == [
        ("I", 550, 10),
        ("II", 200, 0),
        ("III", 200, 40),
    ]


def test_seed_criteria_group_bonus_not_printed_is_computed():
    _rows, roots = checked()
    nodes = {n.code: n for n in flatten(roots)}
    assert (nodes["I.4"].standard, nodes["I.4"].bonus_max) == (50, 5)
    assert (nodes["III.6.3.1"].standard, nodes["III.6.3.1"].bonus_max) == (10, 10)
    assert nodes["III.6.3"].leaves == 6
    assert [c.code for c in nodes["III.1.1"].children] == ["III.1.1.a", "III.1.1.b"]


def test_seed_criteria_leaves_carry_their_rules():
    leaves = seed_leaves()
    assert leaves["I.6"].rule.kind == "tru"
    assert leaves["I.6"].rule.disqualifiable is True
    assert leaves["III.3.2"].rule.kind == "nguong"
    assert leaves["III.6.3.2.d"].rule.kind == "dem"
    assert leaves["III.8"].rule.leader_only is True
    assert leaves["III.7"].rule.kind == "manual"
    # A leaf's rows get the points the Criterion is saved with.
    assert (leaves["III.2.3"].criterion.standard, leaves["III.2.3"].criterion.bonus_max) == (0, 15)


def test_criteria_wrong_group_sum_refused_on_that_row(tmp_path):
    path = write_file(tmp_path, "sai.csv", edited_csv(CRITERIA_CSV, cells={"III": {"diem_chuan": "210"}}))
    rows, _roots = checked(path.read_bytes())
    assert errors_by_row(rows) == {(20, "III"): ["Điểm chuẩn ghi 210 nhưng các mục con cộng lại 200."]}


def test_criteria_wrong_subgroup_sum_refused_on_that_row(tmp_path):
    path = write_file(tmp_path, "sai.csv", edited_csv(CRITERIA_CSV, cells={"III.6.3": {"diem_chuan": "25"}}))
    rows, _roots = checked(path.read_bytes())
    assert errors_by_row(rows) == {(54, "III.6.3"): ["Điểm chuẩn ghi 25 nhưng các mục con cộng lại 30."]}


def test_criteria_changed_leaf_makes_printed_sums_disagree(tmp_path):
    path = write_file(tmp_path, "sai.csv", edited_csv(CRITERIA_CSV, cells={"I.4.2": {"diem_chuan": "25"}}))
    rows, _roots = checked(path.read_bytes())
    assert errors_by_row(rows) == {
        (2, "I"): ["Điểm chuẩn ghi 550 nhưng các mục con cộng lại 555."],
        (6, "I.4"): ["Điểm chuẩn ghi 50 nhưng các mục con cộng lại 55."],
    }


def test_criteria_wrong_printed_bonus_refused_on_that_row(tmp_path):
    content = edited_csv(
        CRITERIA_CSV, cells={"III.2": {"diem_thuong_toi_da": "20"}, "I": {"diem_thuong_toi_da": "5"}}
    )
    rows, _roots = checked(write_file(tmp_path, "sai.csv", content).read_bytes())
    assert errors_by_row(rows) == {
        (2, "I"): ["Điểm thưởng ghi 5 nhưng các mục con cộng lại 10."],
        (31, "III.2"): ["Điểm thưởng ghi 20 nhưng các mục con cộng lại 15."],
    }


def test_criteria_duplicate_code_refused_on_second_row(tmp_path):
    extra = {"ma": "III.7", "noi_dung": "Lặp lại", "diem_chuan": "10", "diem_thuong_toi_da": "0"}
    content = edited_csv(CRITERIA_CSV, append=[extra])
    rows, roots = checked(write_file(tmp_path, "lap.csv", content).read_bytes())
    assert errors_by_row(rows) == {(65, "III.7"): ["Mã III.7 lặp lại (dòng 63)."]}
    # The duplicate is left out of the sums, so no group is wrongly blamed.
    assert sum(r.standard for r in roots) == 950


def test_criteria_missing_parent_refused_on_child_row(tmp_path):
    extra = {"ma": "III.9.1", "noi_dung": "Mục con không có mục cha", "diem_chuan": "0"}
    content = edited_csv(CRITERIA_CSV, append=[extra])
    rows, _roots = checked(write_file(tmp_path, "mo-coi.csv", content).read_bytes())
    assert errors_by_row(rows) == {(65, "III.9.1"): ["Không có mục cha III.9 đứng trước mục III.9.1."]}


def test_criteria_child_before_its_parent_refused(tmp_path):
    content = edited_csv(
        CRITERIA_CSV,
        drop={"III.7"},
        append=[
            {"ma": "III.7.a", "noi_dung": "Báo cáo định kỳ", "diem_chuan": "10", "diem_thuong_toi_da": "0"},
            {"ma": "III.7", "noi_dung": "Thực hiện đầy đủ chế độ báo cáo", "diem_chuan": "10"},
        ],
    )
    rows, _roots = checked(write_file(tmp_path, "dao.csv", content).read_bytes())
    assert errors_by_row(rows)[(64, "III.7.a")] == ["Không có mục cha III.7 đứng trước mục III.7.a."]


def test_criteria_rule_on_group_row_refused(tmp_path):
    content = edited_csv(CRITERIA_CSV, cells={"I.4": {"quy_tac": "tru:5"}})
    rows, _roots = checked(write_file(tmp_path, "nhom.csv", content).read_bytes())
    assert errors_by_row(rows) == {
        (6, "I.4"): ["Mục nhóm I.4 không có quy tắc chấm; quy tắc đặt ở các mục con."]
    }


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        pytest.param("bac:3", "Không hiểu quy tắc “bac:3”."),
        pytest.param("nguong:10=1,20=2,0=0", "Các ngưỡng phải xếp từ cao xuống thấp."),
        pytest.param("muc:HTXSNV", "Phương án “HTXSNV” thiếu dấu “=”."),
        ("tru:15", "Điểm trừ 15 lớn hơn điểm chuẩn 10."),
        ("muc:A=10+5,B=0", "Mức A thưởng 5 điểm, lớn hơn điểm thưởng tối đa 0."),
    ],
)
def test_criteria_bad_rule_refused_on_its_row(tmp_path, rule, message):
    content = edited_csv(CRITERIA_CSV, cells={"III.7": {"quy_tac": rule}})
    rows, _roots = checked(write_file(tmp_path, "quy-tac.csv", content).read_bytes())
    assert errors_by_row(rows) == {(63, "III.7"): [message]}


def test_criteria_missing_text_and_standard_refused(tmp_path):
    content = edited_csv(CRITERIA_CSV, cells={"III.7": {"noi_dung": "", "diem_chuan": ""}})
    rows, _roots = checked(write_file(tmp_path, "thieu.csv", content).read_bytes())
    assert errors_by_row(rows)[(63, "III.7")] == ["Thiếu nội dung tiêu chí.", "Thiếu điểm chuẩn."]


def test_criteria_non_number_and_negative_points_refused(tmp_path):
    content = edited_csv(
        CRITERIA_CSV, cells={"III.7": {"diem_chuan": "mười"}, "III.8": {"diem_thuong_toi_da": "-1"}}
    )
    rows, _roots = checked(write_file(tmp_path, "so.csv", content).read_bytes())
    errors = errors_by_row(rows)
    assert errors[(63, "III.7")] == ["Điểm chuẩn “mười” không phải là số.", "Thiếu điểm chuẩn."]
    assert errors[(64, "III.8")][0] == "Điểm thưởng không được âm."


def test_criteria_nan_points_refused_on_row(tmp_path):
    content = edited_csv(CRITERIA_CSV, cells={"III.7": {"diem_chuan": "NaN"}})
    rows, _roots = checked(write_file(tmp_path, "nan.csv", content).read_bytes())
    assert errors_by_row(rows)[(63, "III.7")][0] == "Điểm chuẩn “NaN” không phải là số."


def test_criteria_missing_column_refuses_file(tmp_path):
    path = write_file(tmp_path, "cot.csv", "ma,noi_dung\nI,Mục I\n".encode())
    with pytest.raises(ImportFileError) as exc:
        criteria_rows(path.read_bytes())
    assert str(exc.value) == "Thiếu cột: diem_chuan. Cần các cột ma, noi_dung, diem_chuan."


def test_criteria_xlsx_imports_like_csv(tmp_path):
    path = as_xlsx(CRITERIA_CSV, tmp_path, "tieu-chi.xlsx")
    xlsx_rows, xlsx_roots = checked(path.read_bytes(), "tieu-chi.xlsx")
    csv_rows, csv_roots = checked()
    assert [r.as_dict() for r in xlsx_rows] == [r.as_dict() for r in csv_rows]
    assert errors_by_row(xlsx_rows) == {}
    assert [(n.code, n.standard, n.bonus_max, n.depth) for n in flatten(xlsx_roots)] == [
        (n.code, n.standard, n.bonus_max, n.depth) for n in flatten(csv_roots)
    ]


def test_criteria_xlsx_wrong_sum_refused_on_that_row(tmp_path):
    source = write_file(tmp_path, "sai.csv", edited_csv(CRITERIA_CSV, cells={"III": {"diem_chuan": "210"}}))
    path = as_xlsx(source, tmp_path, "sai.xlsx")
    rows, _roots = checked(path.read_bytes(), "sai.xlsx")
    assert errors_by_row(rows) == {(20, "III"): ["Điểm chuẩn ghi 210 nhưng các mục con cộng lại 200."]}


# --- scores ------------------------------------------------------------------------------


def test_seed_self_score_checks_clean():
    rows = check_scores(score_rows(), leaves=seed_leaves(), is_leader=False)
    assert errors_by_row(rows) == {}
    assert len(rows) == 44
    assert sum(r.achieved for r in rows) == 920
    assert sum(r.bonus for r in rows) == 50
    choices = {r.code: r.choice for r in rows}
    assert choices["I.1"] == "dat"
    assert choices["II.3"] == "HTTNV"
    assert choices["II.4.2"] == "HTTNV"
    assert choices["III.1.1.b"] == "BAN_HANH"
    assert choices["III.3.2"] == "35"
    assert choices["III.6.3.1.a"] == "THEO_GIAI_DOAN"
    assert choices["III.6.3.2.d"] == "2"
    assert choices["III.7"] == ""


def test_seed_self_score_checks_clean_for_leader():
    rows = check_scores(score_rows(), leaves=seed_leaves(), is_leader=True)
    assert errors_by_row(rows) == {}


@pytest.mark.parametrize(
    ("code", "achieved", "bonus", "line", "message"),
    [
        ("I.1", "140", "0", 2, "I.1: Quy tắc “tru:25” không cho 140 điểm và 0 điểm thưởng."),
        ("I.1", "150", "5", 2, "I.1: Quy tắc “tru:25” không cho 150 điểm và 5 điểm thưởng."),
        (
            "III.3.2",
            "18",
            "0",
            30,
            "III.3.2: Quy tắc “nguong:35=20+10,30=20,15=15,0=10” không cho 18 điểm và 0 điểm thưởng.",
        ),
        ("III.7", "9.3", "0", 44, "III.7: Điểm thực hiện chỉ nhận điểm nguyên hoặc nửa điểm."),
        ("III.7", "11", "0", 44, "III.7: Điểm thực hiện phải từ 0 đến 10."),
        ("I.6", "45", "0", 9, "I.6: Quy tắc “tru:10;loai_tru” không cho 45 điểm và 0 điểm thưởng."),
    ],
)
def test_self_score_disallowed_points_refused_on_row(tmp_path, code, achieved, bonus, line, message):
    content = edited_csv(SELF_SCORE_CSV, cells={code: {"diem_thuc_hien": achieved, "diem_thuong": bonus}})
    rows = score_rows(write_file(tmp_path, "sai.csv", content).read_bytes())
    check_scores(rows, leaves=seed_leaves(), is_leader=False)
    assert errors_by_row(rows) == {(line, code): [message]}


def test_self_score_disqualified_item_accepted_at_zero(tmp_path):
    content = edited_csv(SELF_SCORE_CSV, cells={"I.6": {"diem_thuc_hien": "0"}})
    rows = check_scores(
        score_rows(write_file(tmp_path, "tham-nhung.csv", content).read_bytes()),
        leaves=seed_leaves(),
        is_leader=False,
    )
    assert errors_by_row(rows) == {}
    assert {r.code: r.choice for r in rows}["I.6"] == "loai_tru"


def test_self_score_leader_only_item_refused_for_other_unit(tmp_path):
    content = edited_csv(SELF_SCORE_CSV, cells={"III.8": {"diem_thuc_hien": "5"}})
    path = write_file(tmp_path, "truong-khoi.csv", content)
    rows = check_scores(score_rows(path.read_bytes()), leaves=seed_leaves(), is_leader=False)
    assert errors_by_row(rows) == {
        (45, "III.8"): ["III.8: Chỉ đơn vị trưởng khối được chấm mục này; đơn vị khác được 0 điểm."]
    }
    rows = check_scores(score_rows(path.read_bytes()), leaves=seed_leaves(), is_leader=True)
    assert errors_by_row(rows) == {}


def test_self_score_unknown_group_and_duplicate_codes_refused(tmp_path):
    content = edited_csv(
        SELF_SCORE_CSV,
        append=[
            {"ma": "III.9", "diem_thuc_hien": "5", "diem_thuong": "0"},
            {"ma": "I.4", "diem_thuc_hien": "50", "diem_thuong": "0"},
            {"ma": "III.7", "diem_thuc_hien": "10", "diem_thuong": "0"},
        ],
    )
    rows = score_rows(write_file(tmp_path, "ma.csv", content).read_bytes())
    check_scores(rows, leaves=seed_leaves(), is_leader=False)
    assert errors_by_row(rows) == {
        (46, "III.9"): ["Bảng không có tiêu chí chấm điểm mã III.9."],
        (47, "I.4"): ["Bảng không có tiêu chí chấm điểm mã I.4."],
        (48, "III.7"): ["Mục III.7 có hai dòng điểm."],
    }


def test_self_score_missing_and_non_number_points_refused(tmp_path):
    content = edited_csv(
        SELF_SCORE_CSV,
        cells={"III.7": {"diem_thuc_hien": ""}, "III.6.1": {"diem_thuc_hien": "năm"}},
    )
    rows = score_rows(write_file(tmp_path, "thieu.csv", content).read_bytes())
    check_scores(rows, leaves=seed_leaves(), is_leader=False)
    assert errors_by_row(rows) == {
        (36, "III.6.1"): ["Điểm thực hiện “năm” không phải là số."],
        (44, "III.7"): ["Thiếu điểm thực hiện."],
    }


def test_self_score_full_width_digits_refused_on_row(tmp_path):
    content = edited_csv(
        SELF_SCORE_CSV, cells={"III.7": {"diem_thuc_hien": "１５"}, "I.2": {"diem_thuong": "５"}}
    )
    rows = score_rows(write_file(tmp_path, "toan-do-rong.csv", content).read_bytes())
    check_scores(rows, leaves=seed_leaves(), is_leader=False)
    plain = "chỉ gõ số bằng các chữ số 0–9 thông thường (không dùng chữ số toàn độ rộng)."
    assert errors_by_row(rows) == {
        (3, "I.2"): [f"Điểm thưởng: “５”: {plain}"],
        (44, "III.7"): [f"Điểm thực hiện: “１５”: {plain}"],
    }


def test_self_score_blank_bonus_counts_as_zero(tmp_path):
    content = edited_csv(SELF_SCORE_CSV, cells={"III.7": {"diem_thuong": ""}})
    rows = score_rows(write_file(tmp_path, "thuong.csv", content).read_bytes())
    check_scores(rows, leaves=seed_leaves(), is_leader=False)
    assert errors_by_row(rows) == {}
    assert {r.code: r.bonus for r in rows}["III.7"] == D(0)


def test_self_score_nan_points_refused_on_row(tmp_path):
    content = edited_csv(SELF_SCORE_CSV, cells={"III.7": {"diem_thuc_hien": "NaN"}})
    rows = score_rows(write_file(tmp_path, "nan.csv", content).read_bytes())
    assert errors_by_row(rows) == {(44, "III.7"): ["Điểm thực hiện “NaN” không phải là số."]}


def test_self_score_xlsx_checks_like_csv(tmp_path):
    path = as_xlsx(SELF_SCORE_CSV, tmp_path, "tu-cham.xlsx")
    rows = check_scores(score_rows(path.read_bytes(), "tu-cham.xlsx"), leaves=seed_leaves(), is_leader=False)
    assert errors_by_row(rows) == {}
    assert [(r.line, r.code, r.achieved, r.bonus, r.choice) for r in rows] == [
        (r.line, r.code, r.achieved, r.bonus, r.choice)
        for r in check_scores(score_rows(), leaves=seed_leaves(), is_leader=False)
    ]


# --- the column rules of check_criteria, each alone ------------------------------------------


def row(code="I.1", text="Nội dung", standard=D(10), bonus=None, rule="", metric="", line=2):
    return CriterionRow(
        line=line,
        code=code,
        text=text,
        printed_standard=standard,
        printed_bonus=bonus,
        rule=rule,
        guidance="",
        metric=metric,
    )


def test_code_rule_names_a_missing_a_repeated_and_an_orphan_code():
    seen = {}
    assert _code_errors(row(code="I"), seen) == []
    assert _code_errors(row(code="I.1"), seen) == []
    assert _code_errors(row(code=""), seen) == ["Thiếu mã tiêu chí."]
    assert _code_errors(row(code="I.1", line=9), seen) == ["Mã I.1 lặp lại (dòng 2)."]
    assert _code_errors(row(code="II.1"), seen) == ["Không có mục cha II đứng trước mục II.1."]
    assert sorted(seen) == ["I", "I.1", "II.1"]


def test_text_and_standard_rules_name_what_is_missing():
    assert _text_errors(row(text=""), {}) == ["Thiếu nội dung tiêu chí."]
    assert _text_errors(row(), {}) == []
    assert _standard_errors(row(standard=None), {}) == ["Thiếu điểm chuẩn."]
    assert _standard_errors(row(standard=D(0)), {}) == []


def test_group_rule_refuses_a_rule_on_a_group():
    assert _group_errors(row(code="I", rule="tru:2")) == [
        "Mục nhóm I không có quy tắc chấm; quy tắc đặt ở các mục con."
    ]
    assert _group_errors(row(code="I")) == []


def test_leaf_rule_fills_the_points_and_checks_rule_and_metric():
    leaf = row(standard=None, bonus=D(5))
    assert _leaf_errors(leaf) == []
    assert (leaf.standard, leaf.bonus_max) == (D(0), D(5))
    assert _leaf_errors(row(metric="khong-co", rule="nguong:50=10,0=0")) == ["Không có chỉ số “khong-co”."]
    metric = next(iter(REGISTRY))
    assert _leaf_errors(row(metric=metric)) == ["Chỉ số lấy từ dữ liệu chỉ dùng cho quy tắc nguong."]
    assert _leaf_errors(row(rule="khong-hieu:1")) == ["Không hiểu quy tắc “khong-hieu:1”."]


def test_sum_rules_compare_a_groups_printed_points_with_its_items():
    leaf = row(code="I.1", bonus=D(2))
    assert _leaf_errors(leaf) == []  # a leaf's points are its own once checked
    group = build_tree([row(code="I", standard=D(12), bonus=D(1)), leaf])[0]
    assert _standard_sum_errors(group) == ["Điểm chuẩn ghi 12 nhưng các mục con cộng lại 10."]
    assert _bonus_sum_errors(group) == ["Điểm thưởng ghi 1 nhưng các mục con cộng lại 2."]
    unprinted = build_tree([row(code="I", standard=D(10), bonus=None), leaf])[0]
    assert _standard_sum_errors(unprinted) == _bonus_sum_errors(unprinted) == []
