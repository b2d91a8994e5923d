"""The rule language of criteria tables (the README), evaluated at every boundary."""

import re
from decimal import Decimal as D

import pytest

from scoring.rules import (
    DISQUALIFIED,
    DONE_WELL,
    NOT_WELL,
    Option,
    Rule,
    RuleError,
    check_rule,
    evaluate,
    input_pattern,
    input_text,
    outcome_from_points,
    parse_rule,
)

# III.3.2 of seed 000: share of individual awards that went to direct workers.
BAND_RULE = "nguong:35=20+10,30=20,15=15,0=10"
# III.6.3.2.d: exemplars introduced to the provincial board.
COUNT_RULE = "dem:2=5+5,1=5,0=0"
# III.6.3.1.a: a plan per period earns the bonus, a yearly plan does not.
PLAN_RULE = "muc:THEO_GIAI_DOAN=5+5,THEO_NAM=5,KHONG=0"
# II.3: the party cell's rating; the bonus (if any) is entered.
PARTY_RULE = "muc:HTXSNV=50,HTTNV=40,HTNV=20,KHTNV=0"


def score(rule_text: str, *, standard, bonus_max=0, **entered) -> tuple[D, D, str]:
    outcome = evaluate(parse_rule(rule_text), standard=D(standard), bonus_max=D(bonus_max), **entered)
    return outcome.achieved, outcome.bonus, outcome.choice


def refusal(rule_text: str, *, standard, bonus_max=0, **entered) -> str:
    with pytest.raises(RuleError) as exc:
        evaluate(parse_rule(rule_text), standard=D(standard), bonus_max=D(bonus_max), **entered)
    return str(exc.value)


# --- nguong ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", (10, 0, "0")),
        ("14.99", (10, 0, "0")),
        ("15", (15, 0, "15")),
        ("29.99", (15, 0, "15")),
        ("30", (20, 0, "30")),
        ("34.99", (20, 0, "30")),
        ("35", (20, 10, "35")),
        ("100", (20, 10, "35")),
    ],
)
def test_nguong_gives_points_of_first_threshold_reached(value, expected):
    assert score(BAND_RULE, standard=20, bonus_max=10, value=D(value)) == expected


def test_nguong_rule_decides_bonus_over_entered_bonus():
    assert score(BAND_RULE, standard=20, bonus_max=10, value=D("34.99"), bonus=D(5)) == (20, 0, "30")
    assert score(BAND_RULE, standard=20, bonus_max=10, value=D(35), bonus=D(0)) == (20, 10, "35")


def test_nguong_refuses_negative_value():
    assert refusal(BAND_RULE, standard=20, bonus_max=10, value=D("-0.01")) == "Giá trị không được âm."


def test_nguong_refuses_missing_value():
    assert refusal(BAND_RULE, standard=20, bonus_max=10) == "Nhập giá trị (tỷ lệ % hoặc số lượng)."


@pytest.mark.parametrize("value", ["100.01", "9999", "100000"])
def test_nguong_refuses_percentage_above_100(value):
    assert refusal(BAND_RULE, standard=20, bonus_max=10, value=D(value)) == "Tỷ lệ phải từ 0 đến 100%."


def test_nguong_takes_100_percent_exactly():
    assert score(BAND_RULE, standard=20, bonus_max=10, value=D("100.00")) == (20, 10, "35")


# The internal blocs' III.1: the share of the union-member target reached, which passes 100%.
PLAN_RATE_RULE = "nguong:100=150+10,90=140,70=120,0=80;toi_da:200"


def test_nguong_toi_da_takes_a_rate_of_plan_above_100():
    assert score(PLAN_RATE_RULE, standard=150, bonus_max=10, value=D(118)) == (150, 10, "100")
    assert score(PLAN_RATE_RULE, standard=150, bonus_max=10, value=D(200)) == (150, 10, "100")
    assert (
        refusal(PLAN_RATE_RULE, standard=150, bonus_max=10, value=D("200.5")) == "Tỷ lệ phải từ 0 đến 200%."
    )


# --- dem ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, (0, 0, "0")), (1, (5, 0, "1")), (2, (5, 5, "2")), (3, (5, 5, "2"))],
)
def test_dem_gives_points_of_first_count_reached(count, expected):
    assert score(COUNT_RULE, standard=5, bonus_max=5, value=D(count)) == expected


def test_dem_refuses_fractional_count():
    assert refusal(COUNT_RULE, standard=5, bonus_max=5, value=D("1.5")) == "Số lượng phải là số nguyên."


def test_dem_refuses_negative_count():
    assert refusal(COUNT_RULE, standard=5, bonus_max=5, value=D(-1)) == "Giá trị không được âm."


@pytest.mark.parametrize("count", [1001, 9999, 100000])
def test_dem_refuses_count_past_its_maximum(count):
    # dem:2: a hundred times the top threshold is 200, under the floor of 1.000.
    assert parse_rule(COUNT_RULE).value_max == 1000
    assert score(COUNT_RULE, standard=5, bonus_max=5, value=D(1000)) == (5, 5, "2")
    assert refusal(COUNT_RULE, standard=5, bonus_max=5, value=D(count)) == "Số lượng phải từ 0 đến 1.000."


def test_dem_maximum_follows_a_high_threshold_or_toi_da():
    assert parse_rule("dem:50=10,0=0").value_max == 5000
    assert refusal("dem:50=10,0=0", standard=10, value=D(5001)) == "Số lượng phải từ 0 đến 5.000."
    assert parse_rule("dem:2=5,0=0;toi_da:30").value_max == 30
    assert refusal("dem:2=5,0=0;toi_da:30", standard=5, value=D(31)) == "Số lượng phải từ 0 đến 30."


# --- tru ---------------------------------------------------------------------------------


def test_tru_done_well_gives_standard_and_not_well_deducts():
    assert score("tru:25", standard=150, choice=DONE_WELL) == (150, 0, DONE_WELL)
    assert score("tru:25", standard=150, choice=NOT_WELL) == (125, 0, NOT_WELL)


def test_tru_refuses_missing_choice():
    assert refusal("tru:25", standard=150) == "Chọn “thực hiện tốt” hoặc “chưa tốt”."
    assert refusal("tru:25", standard=150, choice="HTXSNV") == "Chọn “thực hiện tốt” hoặc “chưa tốt”."


@pytest.mark.parametrize("bonus", ["0", "0.5", "2.5", "5"])
def test_tru_takes_entered_bonus_in_half_points_up_to_max(bonus):
    # I.2: 150 points, up to 5 bonus for many economic-support activities.
    assert score("tru:25", standard=150, bonus_max=5, choice=DONE_WELL, bonus=D(bonus)) == (
        150,
        D(bonus),
        DONE_WELL,
    )


def test_tru_refuses_quarter_point_bonus():
    message = refusal("tru:25", standard=150, bonus_max=5, choice=DONE_WELL, bonus=D("0.25"))
    assert message == "Điểm thưởng chỉ nhận điểm nguyên hoặc nửa điểm."


@pytest.mark.parametrize("bonus", ["5.5", "-0.5"])
def test_tru_refuses_bonus_outside_zero_to_max(bonus):
    message = refusal("tru:25", standard=150, bonus_max=5, choice=NOT_WELL, bonus=D(bonus))
    assert message == "Điểm thưởng phải từ 0 đến 5."


def test_tru_refuses_any_bonus_where_max_is_zero():
    assert refusal("tru:25", standard=150, choice=DONE_WELL, bonus=D(1)) == "Điểm thưởng phải từ 0 đến 0."


# --- loai_tru ----------------------------------------------------------------------------


def test_loai_tru_disqualified_gives_zero_and_no_bonus():
    # I.6: a corruption case in the year means no points at all.
    assert score("tru:10;loai_tru", standard=50, bonus_max=5, choice=DISQUALIFIED, bonus=D(5)) == (
        0,
        0,
        DISQUALIFIED,
    )


def test_loai_tru_item_still_scores_done_well_and_not_well():
    assert score("tru:10;loai_tru", standard=50, choice=DONE_WELL) == (50, 0, DONE_WELL)
    assert score("tru:10;loai_tru", standard=50, choice=NOT_WELL) == (40, 0, NOT_WELL)


def test_loai_tru_refused_on_item_without_it():
    assert refusal("tru:25", standard=150, choice=DISQUALIFIED) == "Mục này không có trường hợp loại trừ."
    assert refusal("", standard=10, choice=DISQUALIFIED) == "Mục này không có trường hợp loại trừ."


# --- muc ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("level", "points"), [("HTXSNV", 50), ("HTTNV", 40), ("HTNV", 20), ("KHTNV", 0)])
def test_muc_level_gives_its_points(level, points):
    assert score(PARTY_RULE, standard=50, choice=level) == (points, 0, level)


def test_muc_refuses_unknown_level():
    assert refusal(PARTY_RULE, standard=50, choice="XUAT_SAC") == "Chọn một mức đánh giá."
    assert refusal(PARTY_RULE, standard=50) == "Chọn một mức đánh giá."


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("THEO_GIAI_DOAN", (5, 5, "THEO_GIAI_DOAN")),
        ("THEO_NAM", (5, 0, "THEO_NAM")),
        ("KHONG", (0, 0, "KHONG")),
    ],
)
def test_muc_with_bonus_option_decides_bonus(level, expected):
    # The yearly plan gets no bonus even if one is typed in.
    assert score(PLAN_RULE, standard=5, bonus_max=5, choice=level, bonus=D(5)) == expected


def test_muc_without_bonus_option_takes_entered_bonus():
    assert score(PARTY_RULE, standard=50, bonus_max=5, choice="HTTNV", bonus=D("2.5")) == (
        40,
        D("2.5"),
        "HTTNV",
    )
    assert refusal(PARTY_RULE, standard=50, bonus_max=5, choice="HTTNV", bonus=D(6)) == (
        "Điểm thưởng phải từ 0 đến 5."
    )


# --- manual ------------------------------------------------------------------------------


@pytest.mark.parametrize("points", ["0", "0.5", "4.5", "10"])
def test_manual_takes_half_points_from_zero_to_standard(points):
    assert score("", standard=10, achieved=D(points)) == (D(points), 0, "")


def test_manual_refuses_non_half_point():
    assert refusal("", standard=10, achieved=D("0.3")) == "Điểm thực hiện chỉ nhận điểm nguyên hoặc nửa điểm."


@pytest.mark.parametrize("points", ["10.5", "11", "-0.5"])
def test_manual_refuses_points_outside_zero_to_standard(points):
    assert refusal("", standard=10, achieved=D(points)) == "Điểm thực hiện phải từ 0 đến 10."


def test_manual_takes_entered_bonus_up_to_max():
    # III.6.3.1.b: 5 points, 5 bonus for an exemplar proposed to the province.
    assert score("", standard=5, bonus_max=5, achieved=D(5), bonus=D(5)) == (5, 5, "")
    assert (
        refusal("", standard=5, bonus_max=5, achieved=D(5), bonus=D("5.5")) == "Điểm thưởng phải từ 0 đến 5."
    )


def test_manual_bonus_only_item_takes_zero_standard():
    # III.2.3: standard 0, up to 15 bonus for creative ways of running the campaigns.
    assert score("", standard=0, bonus_max=15, achieved=D(0), bonus=D(15)) == (0, 15, "")
    assert refusal("", standard=0, bonus_max=15, achieved=D(1)) == "Điểm thực hiện phải từ 0 đến 0."


# --- chi_truong_khoi ---------------------------------------------------------------------


def test_chi_truong_khoi_forces_zero_for_other_units():
    outcome = evaluate(
        parse_rule("chi_truong_khoi"), standard=D(5), bonus_max=D(0), achieved=D(5), is_leader=False
    )
    assert (outcome.achieved, outcome.bonus) == (0, 0)
    assert outcome.notes == ["Chỉ đơn vị trưởng khối được chấm mục này."]


def test_chi_truong_khoi_leader_scores_manually():
    assert score("chi_truong_khoi", standard=5, achieved=D("4.5"), is_leader=True) == (D("4.5"), 0, "")
    assert refusal("chi_truong_khoi", standard=5, achieved=D(6), is_leader=True) == (
        "Điểm thực hiện phải từ 0 đến 5."
    )


# --- parsing -----------------------------------------------------------------------------


def test_parse_rule_reads_each_kind():
    assert parse_rule("") == Rule(kind="manual")
    assert parse_rule("tru:10;loai_tru") == Rule(
        kind="tru", deduction=D(10), disqualifiable=True, text="tru:10;loai_tru"
    )
    assert parse_rule("chi_truong_khoi") == Rule(kind="manual", leader_only=True, text="chi_truong_khoi")
    assert parse_rule(BAND_RULE).options == (
        Option("35", D(20), D(10)),
        Option("30", D(20), None),
        Option("15", D(15), None),
        Option("0", D(10), None),
    )
    assert parse_rule(PLAN_RULE).options == (
        Option("THEO_GIAI_DOAN", D(5), D(5)),
        Option("THEO_NAM", D(5), None),
        Option("KHONG", D(0), None),
    )


def test_parse_rule_decides_bonus_only_with_plus_option():
    assert parse_rule(BAND_RULE).decides_bonus is True
    assert parse_rule(COUNT_RULE).decides_bonus is True
    assert parse_rule(PARTY_RULE).decides_bonus is False
    assert parse_rule("dem:2=5,0=4").decides_bonus is False
    assert parse_rule("tru:25").decides_bonus is False


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("bac:3", "Không hiểu quy tắc “bac:3”."),
        ("nguong:10=1,20=2,0=0", "Các ngưỡng phải xếp từ cao xuống thấp."),
        ("dem:0=0,1=5,2=5", "Các ngưỡng phải xếp từ cao xuống thấp."),
        ("nguong:35=20,15=10", "Ngưỡng cuối cùng phải là 0 để mọi giá trị đều có điểm."),
        ("dem:2=5,1=3", "Ngưỡng cuối cùng phải là 0 để mọi giá trị đều có điểm."),
        ("muc:A=1,B=2,A=3", "Có mức bị lặp lại."),
        ("nguong:30=20,30=15,0=10", "Có mức bị lặp lại."),
        ("muc:HTXSNV", "Phương án “HTXSNV” thiếu dấu “=”."),
        ("nguong:35=20,15", "Phương án “15” thiếu dấu “=”."),
        ("nguong:", "Phương án “” thiếu dấu “=”."),
        ("muc:=5", "Phương án “=5” thiếu tên mức."),
        ("nguong:ba muoi=20,0=10", "“ba muoi” không phải là số (ngưỡng)."),
        ("tru:abc", "“abc” không phải là số (điểm trừ)."),
        ("tru:-5", "điểm trừ không được âm."),
        ("muc:A=5+", "“” không phải là số (điểm thưởng)."),
        ("tru:5;muc:A=1", "Một tiêu chí chỉ có một cách chấm (tru:5;muc:A=1)."),
    ],
)
def test_parse_rule_refuses_bad_rule(text, message):
    with pytest.raises(RuleError) as exc:
        parse_rule(text)
    assert str(exc.value) == message


def test_parse_rule_refuses_full_width_digits():
    with pytest.raises(RuleError) as exc:
        parse_rule("nguong:３５=20,0=10")
    assert (
        str(exc.value)
        == "“３５”: chỉ gõ số bằng các chữ số 0–9 thông thường (không dùng chữ số toàn độ rộng)."
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tru:5;toi_da:10", "toi_da chỉ dùng với quy tắc nguong hoặc dem."),
        ("dem:2=5,0=0;toi_da:2,5", "toi_da phải là số nguyên lớn hơn 0."),
        ("nguong:35=20,0=10;toi_da:30", "toi_da 30 nhỏ hơn ngưỡng cao nhất 35."),
        ("nguong:120=20,0=10", "Ngưỡng 120 vượt 100%: ghi thêm toi_da:N (tỷ lệ lớn nhất được nhập)."),
    ],
)
def test_check_rule_refuses_bad_toi_da(text, message):
    with pytest.raises(RuleError) as exc:
        check_rule(parse_rule(text), standard=D(20), bonus_max=D(0))
    assert str(exc.value) == message


def test_check_rule_accepts_toi_da_of_a_rate_of_plan():
    check_rule(parse_rule(PLAN_RATE_RULE), standard=D(150), bonus_max=D(10))
    assert parse_rule(PLAN_RATE_RULE).value_max == 200


# --- input patterns ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("maximum", "kind", "pattern"),
    [
        (D(100), "percent", "(?:[0-9]|[1-8][0-9]|9[0-8]|99)(?:[.,][0-9]{1,2})?|100(?:[.,]0{1,2})?"),
        (D(50), "points", "(?:[0-9]|[1-3][0-9]|4[0-8]|49)(?:[.,][05])?|50(?:[.,]0)?"),
        (D("12.5"), "points", "(?:[0-9]|1[0-1]|12)(?:[.,][05])?"),
        (D(5), "points", "(?:[0-4])(?:[.,][05])?|5(?:[.,]0)?"),
        (D(0), "points", "0(?:[.,]0)?"),
        (D(1000), "count", "[0-9]{1,3}|1000"),
        (D(150), "count", "[0-9]{1,2}|1[0-4][0-9]|150"),
        (D(7), "count", "[0-7]"),
        (D(0), "count", "0"),
        (D(10), "count", "[0-9]|10"),
        (D(21), "count", "[0-9]|1[0-9]|20|21"),
    ],
)
def test_input_pattern_spells_the_bounds(maximum, kind, pattern):
    assert input_pattern(maximum, kind) == pattern


@pytest.mark.parametrize("maximum", [0, 1, 9, 10, 59, 100, 150, 999, 1000, 2051])
def test_input_pattern_of_counts_takes_exactly_0_to_maximum(maximum):
    accepts = re.compile(f"(?:{input_pattern(D(maximum), 'count')})").fullmatch
    assert [n for n in range(maximum + 50) if accepts(str(n))] == list(range(maximum + 1))


@pytest.mark.parametrize(
    ("maximum", "kind", "accepted", "refused"),
    [
        (
            D(100),
            "percent",
            ["0", "9,5", "32.25", "99,99", "100", "100,00"],
            ["100,01", "101", "9999", "1,234", "９９"],
        ),
        (D(50), "points", ["0", "0,5", "12.5", "49,5", "50", "50,0"], ["50,5", "51", "12,3", "-1", "５"]),
        (D("12.5"), "points", ["12", "12,5"], ["13", "12,6"]),
    ],
)
def test_input_pattern_of_decimals_takes_the_rule_s_steps(maximum, kind, accepted, refused):
    accepts = re.compile(f"(?:{input_pattern(maximum, kind)})").fullmatch
    assert [t for t in accepted if not accepts(t)] == []
    assert [t for t in refused if accepts(t)] == []


def test_parse_rule_refuses_nan_as_rule_error():
    with pytest.raises(RuleError):
        parse_rule("tru:NaN")


def test_parse_rule_refuses_same_threshold_written_twice():
    with pytest.raises(RuleError):
        parse_rule("nguong:35=20,35.0=10,0=5")


# --- check_rule --------------------------------------------------------------------------


def test_check_rule_refuses_deduction_above_standard():
    with pytest.raises(RuleError) as exc:
        check_rule(parse_rule("tru:200"), standard=D(150), bonus_max=D(0))
    assert str(exc.value) == "Điểm trừ 200 lớn hơn điểm chuẩn 150."


def test_check_rule_accepts_deduction_equal_to_standard():
    check_rule(parse_rule("tru:150"), standard=D(150), bonus_max=D(0))


def test_check_rule_refuses_option_points_above_standard():
    with pytest.raises(RuleError) as exc:
        check_rule(parse_rule("muc:HTXSNV=60,HTNV=20"), standard=D(50), bonus_max=D(0))
    assert str(exc.value) == "Mức HTXSNV cho 60 điểm, lớn hơn điểm chuẩn 50."


def test_check_rule_refuses_option_bonus_above_bonus_max():
    with pytest.raises(RuleError) as exc:
        check_rule(parse_rule("nguong:35=20+15,0=10"), standard=D(20), bonus_max=D(10))
    assert str(exc.value) == "Mức 35 thưởng 15 điểm, lớn hơn điểm thưởng tối đa 10."


def test_check_rule_accepts_seed_rules():
    for text, standard, bonus_max in [
        (BAND_RULE, 20, 10),
        (COUNT_RULE, 5, 5),
        (PLAN_RULE, 5, 5),
        (PARTY_RULE, 50, 0),
        ("tru:10;loai_tru", 50, 0),
        ("chi_truong_khoi", 5, 0),
    ]:
        check_rule(parse_rule(text), standard=D(standard), bonus_max=D(bonus_max))


# --- outcome_from_points -----------------------------------------------------------------


def recovered(rule_text: str, *, standard, bonus_max=0, achieved, bonus=0, is_leader=True):
    return outcome_from_points(
        parse_rule(rule_text),
        standard=D(standard),
        bonus_max=D(bonus_max),
        achieved=D(achieved),
        bonus=D(bonus),
        is_leader=is_leader,
    )


def not_recovered(rule_text: str, **kwargs) -> str:
    with pytest.raises(RuleError) as exc:
        recovered(rule_text, **kwargs)
    return str(exc.value)


def test_outcome_from_points_recovers_tru_choice():
    assert recovered("tru:25", standard=150, achieved=150).choice == DONE_WELL
    assert recovered("tru:25", standard=150, achieved=125).choice == NOT_WELL
    outcome = recovered("tru:25", standard=150, bonus_max=5, achieved=150, bonus=5)
    assert (outcome.achieved, outcome.bonus, outcome.choice) == (150, 5, DONE_WELL)


def test_outcome_from_points_names_refused_points():
    assert not_recovered("tru:25", standard=150, achieved=140) == (
        "Quy tắc “tru:25” không cho 140 điểm và 0 điểm thưởng."
    )
    assert not_recovered("tru:25", standard=150, achieved="137.5") == (
        "Quy tắc “tru:25” không cho 137,5 điểm và 0 điểm thưởng."
    )
    assert not_recovered(BAND_RULE, standard=20, bonus_max=10, achieved=18) == (
        "Quy tắc “nguong:35=20+10,30=20,15=15,0=10” không cho 18 điểm và 0 điểm thưởng."
    )
    # 20 points with a typed bonus of 5: the band gives 10 or nothing.
    assert not_recovered(BAND_RULE, standard=20, bonus_max=10, achieved=20, bonus=5) == (
        "Quy tắc “nguong:35=20+10,30=20,15=15,0=10” không cho 20 điểm và 5 điểm thưởng."
    )


def test_outcome_from_points_recovers_disqualified():
    outcome = recovered("tru:10;loai_tru", standard=50, achieved=0)
    assert (outcome.achieved, outcome.bonus, outcome.choice) == (0, 0, DISQUALIFIED)
    assert recovered("tru:10;loai_tru", standard=50, achieved=40).choice == NOT_WELL


def test_outcome_from_points_refuses_zero_without_loai_tru():
    assert not_recovered("tru:10", standard=50, achieved=0) == (
        "Quy tắc “tru:10” không cho 0 điểm và 0 điểm thưởng."
    )


@pytest.mark.parametrize(
    ("achieved", "bonus", "band"),
    [(20, 10, "35"), (20, 0, "30"), (15, 0, "15"), (10, 0, "0")],
)
def test_outcome_from_points_recovers_nguong_band(achieved, bonus, band):
    outcome = recovered(BAND_RULE, standard=20, bonus_max=10, achieved=achieved, bonus=bonus)
    assert (outcome.achieved, outcome.bonus, outcome.choice) == (achieved, bonus, band)
    assert outcome.notes == [f"Giá trị nhập từ điểm: từ ngưỡng {band}."]


def test_outcome_from_points_recovers_dem_count_and_muc_level():
    assert recovered(COUNT_RULE, standard=5, bonus_max=5, achieved=5, bonus=5).choice == "2"
    assert recovered(COUNT_RULE, standard=5, bonus_max=5, achieved=5).choice == "1"
    assert recovered(PLAN_RULE, standard=5, bonus_max=5, achieved=5, bonus=5).choice == "THEO_GIAI_DOAN"
    assert recovered(PLAN_RULE, standard=5, bonus_max=5, achieved=5).choice == "THEO_NAM"
    assert recovered(PARTY_RULE, standard=50, achieved=40).choice == "HTTNV"
    assert not_recovered(PARTY_RULE, standard=50, achieved=30) == (
        "Quy tắc “muc:HTXSNV=50,HTTNV=40,HTNV=20,KHTNV=0” không cho 30 điểm và 0 điểm thưởng."
    )


def test_outcome_from_points_manual_checks_half_points():
    outcome = recovered("", standard=10, achieved="9.5")
    assert (outcome.achieved, outcome.bonus, outcome.choice) == (D("9.5"), 0, "")
    assert not_recovered("", standard=10, achieved=12) == "Điểm thực hiện phải từ 0 đến 10."
    assert (
        not_recovered("", standard=10, achieved="9.3") == "Điểm thực hiện chỉ nhận điểm nguyên hoặc nửa điểm."
    )


def test_outcome_from_points_chi_truong_khoi_other_unit_only_zero():
    assert recovered("chi_truong_khoi", standard=5, achieved=0, is_leader=False).achieved == 0
    assert not_recovered("chi_truong_khoi", standard=5, achieved=5, is_leader=False) == (
        "Chỉ đơn vị trưởng khối được chấm mục này; đơn vị khác được 0 điểm."
    )
    assert recovered("chi_truong_khoi", standard=5, achieved=5, is_leader=True).achieved == 5


# --- check_rule: half points and the rule's own syntax -----------------------------------


def test_check_rule_refuses_a_quarter_point_deduction():
    with pytest.raises(RuleError) as exc:
        check_rule(parse_rule("tru:2.25"), standard=D(50), bonus_max=D(0))
    assert str(exc.value) == "Điểm trong quy tắc chỉ là điểm nguyên hoặc nửa điểm."


@pytest.mark.parametrize(
    ("text", "deduction"), [("tru:2.5", D("2.5")), ("tru:2,5", D("2.5")), ("TRU:25", D(25))]
)
def test_check_rule_accepts_half_points_with_a_dot_or_a_comma_in_any_case(text, deduction):
    rule = parse_rule(text)
    check_rule(rule, standard=D(25), bonus_max=D(0))
    assert (rule.kind, rule.deduction) == ("tru", deduction)


def test_a_level_with_two_equals_signs_is_a_rule_error():
    with pytest.raises(RuleError) as exc:
        parse_rule("muc:A=1=2")
    assert str(exc.value) == "“1=2” không phải là số (điểm)."


@pytest.mark.parametrize(
    ("value", "text"),
    [(D("32.25"), "32,25"), (D("150.0"), "150"), (D("12.5"), "12,5"), (D("0.125"), "0,12"), (D(0), "0")],
)
def test_input_text_shows_two_decimals_at_most_with_a_comma(value, text):
    assert input_text(value) == text


# --- Boundaries the tests above left open -------------------------------------------------


def test_a_leader_only_item_of_another_unit_has_no_choice():
    assert score("chi_truong_khoi", standard=5, achieved=D(5), is_leader=False) == (0, 0, "")


def test_a_manual_item_left_empty_scores_zero():
    assert score("", standard=5) == (0, 0, "")


@pytest.mark.parametrize(
    ("text", "kind", "flags"),
    [
        ("loai_tru;tru:5", "tru", (True, False)),
        ("chi_truong_khoi;muc:A=1,B=0", "muc", (False, True)),
        ("toi_da:150;nguong:120=5,0=0", "nguong", (False, False)),
    ],
)
def test_parse_rule_reads_the_parts_after_a_flag(text, kind, flags):
    rule = parse_rule(text)
    assert (rule.kind, (rule.disqualifiable, rule.leader_only)) == (kind, flags)
    check_rule(rule, standard=D(5), bonus_max=D(0))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tru:NaN", "“NaN” không phải là số (điểm trừ)."),
        ("tru:Infinity", "“Infinity” không phải là số (điểm trừ)."),
        ("dem:1=1,0=0;toi_da:-1", "giá trị tối đa không được âm."),
    ],
)
def test_parse_rule_names_the_number_it_cannot_read(text, message):
    with pytest.raises(RuleError) as exc:
        parse_rule(text)
    assert str(exc.value) == message


@pytest.mark.parametrize(
    "text",
    ["dem:1=5,0=0;toi_da:1", "nguong:120=5,0=0;toi_da:120", "nguong:100=5,0=0", "dem:5000=5,0=0"],
)
def test_check_rule_accepts_toi_da_at_the_top_threshold_and_a_threshold_of_100(text):
    check_rule(parse_rule(text), standard=D(5), bonus_max=D(0))


def test_check_rule_refuses_a_count_maximum_below_its_top_threshold():
    with pytest.raises(RuleError) as exc:
        check_rule(parse_rule("dem:5=1,0=0;toi_da:3"), standard=D(5), bonus_max=D(0))
    assert str(exc.value) == "toi_da 3 nhỏ hơn ngưỡng cao nhất 5."


def test_outcome_from_points_counts_the_unit_as_leader_by_default():
    outcome = outcome_from_points(
        parse_rule("chi_truong_khoi"), standard=D(5), bonus_max=D(0), achieved=D(5), bonus=D(0)
    )
    assert (outcome.achieved, outcome.bonus) == (5, 0)
    other = recovered("chi_truong_khoi", standard=5, achieved=0, is_leader=False)
    assert (other.achieved, other.bonus, other.choice) == (0, 0, "")


def test_outcome_from_points_skips_a_threshold_no_count_can_reach():
    outcome = recovered("dem:2.5=5,0=0", standard=5, achieved=0)
    assert (outcome.achieved, outcome.choice) == (0, "0")


def test_outcome_from_points_names_the_rule_when_every_choice_is_refused():
    assert not_recovered("tru:5", standard=10, bonus_max=0, achieved=10, bonus=1) == (
        "Quy tắc “tru:5” không cho 10 điểm và 1 điểm thưởng."
    )
