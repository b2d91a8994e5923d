"""Eligibility checks one by one (seed 003 §V.2): each kind of check of `CHECKS` on a
history built in memory, then who a rule applies to, the history a nominee reads and the
checklist appraisal writes."""

import pytest

from awards.eligibility import (
    CHECKS,
    FAIL,
    PASS,
    UNKNOWN,
    History,
    Outcome,
    Window,
    check_any,
    check_award,
    check_head_unit_titles,
    check_initiative,
    check_no_discipline,
    check_ratings,
    check_titles,
    describe_rules,
    evaluate_check,
    evaluate_dossier,
    evaluate_nominee,
    rule_applies,
    summary,
)
from awards.enums import AwardKind, DisciplineLevel, HistoryKind, InitiativeLevel, IssuingLevel, Rating
from awards.models import AwardForm, HistoryEntry, Nominee, Person
from awards.services import dossier_create
from emulation.enums import EmulationTitle
from tests.awards.conftest import person
from tests.conftest import make_unit
from units.enums import Sector, UnitKind
from units.models import Unit

ADVANCED, EXCELLENT = EmulationTitle.COLLECTIVE_ADVANCED, EmulationTitle.COLLECTIVE_EXCELLENT
UBND = AwardForm(
    code="bk-ubnd", name="Bằng khen UBND tỉnh", issuing_level=IssuingLevel.PROVINCE_PEOPLES_COMMITTEE
)
LDS = AwardForm(code="lds", name="Bằng Lao động sáng tạo", issuing_level=IssuingLevel.GENERAL_CONFEDERATION)


class Given(History):
    """A nominee's history given as unsaved entries: the checks read only these lists."""

    def __init__(self, own=(), *, members=None, unit_history=()):
        self.own = list(own)
        self.members = self.own if members is None else list(members)
        self.unit_history = list(unit_history)


def title(year, code=ADVANCED):
    return HistoryEntry(year=year, kind=HistoryKind.TITLE, title=code)


def rating(year, code=Rating.EXCELLENT):
    return HistoryEntry(year=year, kind=HistoryKind.RATING, rating=code)


def award(year, form=UBND):
    return HistoryEntry(year=year, kind=HistoryKind.AWARD, award_form=form)


def initiative(year, level=InitiativeLevel.PROVINCE, description=""):
    return HistoryEntry(
        year=year, kind=HistoryKind.INITIATIVE, initiative_level=level, description=description
    )


def discipline(year, level=DisciplineLevel.REPRIMAND):
    return HistoryEntry(year=year, kind=HistoryKind.DISCIPLINE, discipline_level=level)


def outcome(check, spec, history, default_until=2020):
    return check(spec, history, default_until)


# --- The window of years -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "window"),
    [
        ({"from": 2016, "until": 2020}, Window(2016, 2020)),
        ({"years": 5, "until": 2020}, Window(2016, 2020)),
        ({"years": 3}, Window(2028, 2030)),  # `until` defaults to the year before the dossier
        ({"until": 2019}, Window(2019, 2019)),  # only `until`: that one year
        ({}, Window(2030, 2030)),
        ({"from": "2017", "until": "2018"}, Window(2017, 2018)),
    ],
)
def test_window_reads_from_until_and_years(spec, window):
    assert Window.of(spec, 2030) == window


def test_window_holds_its_first_and_last_year_only():
    window = Window(2016, 2020)
    assert [year in window for year in (2015, 2016, 2020, 2021)] == [False, True, True, False]
    assert list(window.years) == [2016, 2017, 2018, 2019, 2020]
    assert window.span == "2016–2020"


# --- titles --------------------------------------------------------------------------------

TITLES = {"check": "titles", "titles": [ADVANCED, EXCELLENT], "years": 5, "until": 2020}
TITLES_LABEL = "5 năm Tập thể lao động tiên tiến / Tập thể lao động xuất sắc (2016–2020)"


def test_titles_pass_on_five_years_in_a_row_of_either_title():
    history = Given([title(2016), title(2017, EXCELLENT), title(2018), title(2019), title(2020)])
    assert outcome(check_titles, TITLES, history) == Outcome(
        PASS, TITLES_LABEL, "Đạt các năm 2016, 2017, 2018, 2019, 2020."
    )


def test_titles_count_the_first_and_last_year_of_the_window_and_nothing_outside():
    spec = {
        "check": "titles",
        "titles": [ADVANCED],
        "years": 2,
        "from": 2016,
        "until": 2020,
        "consecutive": False,
    }
    history = Given([title(2015), title(2016), title(2020), title(2021), rating(2018)])
    assert outcome(check_titles, spec, history).reason == "Đạt các năm 2016, 2020."
    history = Given([title(2015), title(2017), title(2021), *(rating(y) for y in (2016, 2018, 2019, 2020))])
    assert outcome(check_titles, spec, history) == Outcome(
        FAIL, "2 năm Tập thể lao động tiên tiến (2016–2020)", "Chỉ đạt 1 năm."
    )


def test_titles_fail_naming_the_longest_run():
    history = Given([title(2016), title(2017), title(2018), title(2020), rating(2019)])
    assert outcome(check_titles, TITLES, history) == Outcome(FAIL, TITLES_LABEL, "Chỉ đạt 3 năm liên tục.")
    history = Given([title(2016), title(2018), title(2019), rating(2017), rating(2020)])
    assert outcome(check_titles, TITLES, history).reason == "Chỉ đạt 2 năm liên tục."


def test_titles_not_consecutive_count_every_year():
    history = Given([title(2016), title(2018), title(2020), rating(2017), rating(2019)])
    spec = {**TITLES, "consecutive": False}
    assert outcome(check_titles, spec, history) == Outcome(FAIL, TITLES_LABEL, "Chỉ đạt 3 năm.")
    assert outcome(check_titles, {**spec, "from": 2016, "years": 3}, history).status == PASS
    assert outcome(check_titles, {**TITLES, "from": 2016, "years": 3}, history).status == FAIL


def test_titles_need_every_year_of_the_window_by_default():
    spec = {"check": "titles", "titles": [ADVANCED], "from": 2018, "until": 2020}
    history = Given([title(2018), title(2019), rating(2020)])
    assert outcome(check_titles, spec, history) == Outcome(
        FAIL, "3 năm Tập thể lao động tiên tiến (2018–2020)", "Chỉ đạt 2 năm liên tục."
    )
    assert outcome(check_titles, spec, Given([*history.own, title(2020)])).status == PASS


def test_titles_cannot_tell_while_a_year_has_no_data():
    history = Given([title(2016), rating(2018)])
    assert outcome(check_titles, TITLES, history) == Outcome(
        UNKNOWN, TITLES_LABEL, "Chưa có dữ liệu năm 2017, 2019, 2020."
    )


def test_titles_read_the_nominee_s_own_entries_only():
    members = [title(year) for year in range(2016, 2021)]
    assert outcome(check_titles, {**TITLES, "members": True}, Given([], members=members)).status == UNKNOWN


def test_titles_name_an_unknown_title_code_as_written():
    spec = {"check": "titles", "titles": ["la"], "until": 2020}
    assert outcome(check_titles, spec, Given()).label == "1 năm la (2020–2020)"


# --- ratings -------------------------------------------------------------------------------

RATINGS = {"check": "ratings", "ratings": [Rating.EXCELLENT], "count": 2, "from": 2016, "until": 2020}
RATINGS_LABEL = "2 năm Hoàn thành xuất sắc nhiệm vụ (2016–2020)"


def test_ratings_pass_counting_the_window_s_first_and_last_year():
    history = Given([rating(2015), rating(2016), rating(2020), rating(2021), rating(2018, Rating.GOOD)])
    assert outcome(check_ratings, RATINGS, history) == Outcome(PASS, RATINGS_LABEL, "Các năm 2016, 2020.")


def test_ratings_fail_with_the_years_found():
    history = Given([rating(2015), rating(2017), rating(2018, Rating.GOOD), rating(2021)])
    assert outcome(check_ratings, RATINGS, history) == Outcome(FAIL, RATINGS_LABEL, "Có 1 năm.")


def test_ratings_cannot_tell_without_data_in_the_window():
    history = Given([rating(2015), rating(2021)])
    assert outcome(check_ratings, RATINGS, history) == Outcome(
        UNKNOWN, RATINGS_LABEL, "Chưa có dữ liệu xếp loại 2016–2020."
    )


def test_ratings_default_to_one_year_and_name_each_rating():
    spec = {"check": "ratings", "ratings": [Rating.EXCELLENT, Rating.GOOD], "until": 2020}
    result = outcome(check_ratings, spec, Given([rating(2020, Rating.GOOD)]))
    assert result == Outcome(
        PASS, "1 năm Hoàn thành xuất sắc nhiệm vụ / Hoàn thành tốt nhiệm vụ (2020–2020)", "Các năm 2020."
    )


def test_ratings_count_own_ratings_but_know_the_years_from_members():
    members = [rating(2017), rating(2018)]
    history = Given([], members=members)
    assert outcome(check_ratings, {**RATINGS, "members": True}, history).reason == "Có 0 năm."
    assert outcome(check_ratings, RATINGS, history).status == UNKNOWN


# --- award ---------------------------------------------------------------------------------

AWARD = {"check": "award", "levels": [IssuingLevel.MINISTRY, IssuingLevel.PROVINCE_PEOPLES_COMMITTEE]}
AWARD_SPAN = {"from": 2016, "until": 2020}


def test_award_passes_on_an_award_of_a_listed_level_in_the_window_s_edges():
    spec = {**AWARD, **AWARD_SPAN}
    assert outcome(check_award, spec, Given([award(2016)])) == Outcome(
        PASS, "Có khen thưởng của Bộ, ngành, UBND tỉnh (2016–2020)", "2016: Bằng khen UBND tỉnh"
    )
    assert outcome(check_award, spec, Given([award(2020)])).reason == "2020: Bằng khen UBND tỉnh"
    assert outcome(check_award, spec, Given([award(2015), award(2021)])).status == UNKNOWN


def test_award_names_three_awards_at_most():
    history = Given([award(year) for year in (2016, 2017, 2018, 2019)])
    assert outcome(check_award, {**AWARD, **AWARD_SPAN}, history).reason == (
        "2016: Bằng khen UBND tỉnh; 2017: Bằng khen UBND tỉnh; 2018: Bằng khen UBND tỉnh"
    )


def test_award_of_another_form_or_level_does_not_satisfy_forms():
    spec = {"check": "award", "forms": ["lds"], **AWARD_SPAN}
    history = Given([award(2018), HistoryEntry(year=2019, kind=HistoryKind.AWARD)])
    assert outcome(check_award, spec, history) == Outcome(
        FAIL, "Có khen thưởng của lds (2016–2020)", "Không có khen thưởng phù hợp."
    )
    assert outcome(check_award, spec, Given([award(2018, LDS)])).status == PASS
    assert outcome(check_award, {**AWARD, **AWARD_SPAN}, Given([award(2018, LDS)])).status == FAIL


def test_award_counts_only_awards():
    history = Given([title(2018), HistoryEntry(year=2019, kind=HistoryKind.TITLE, award_form=UBND)])
    assert outcome(check_award, {**AWARD, **AWARD_SPAN}, history).status == FAIL


def test_award_needs_count_awards():
    spec = {**AWARD, **AWARD_SPAN, "count": 2}
    assert outcome(check_award, spec, Given([award(2018)])).status == FAIL
    assert outcome(check_award, spec, Given([award(2018), award(2019)])).status == PASS


def test_award_of_members_reads_their_entries():
    spec = {"check": "award", "forms": ["lds"], "until": 2020, "members": True}
    history = Given([award(2020, LDS)], members=[award(2019, LDS), award(2020, LDS)])
    assert outcome(check_award, spec, history) == Outcome(
        PASS, "Có thành viên khen thưởng của lds (2020–2020)", "2020: Bằng Lao động sáng tạo"
    )
    assert outcome(check_award, spec, Given([award(2020, LDS)], members=[title(2020)])).status == FAIL
    assert outcome(check_award, spec, Given([award(2020, LDS)], members=[])) == Outcome(
        UNKNOWN, "Có thành viên khen thưởng của lds (2020–2020)", "Chưa có dữ liệu khen thưởng 2020–2020."
    )


# --- initiative ----------------------------------------------------------------------------


def test_initiative_at_the_level_or_above_passes():
    spec = {"check": "initiative", "level": 2, "from": 2016, "until": 2020}
    history = Given([initiative(2016, description="Sáng kiến A"), initiative(2020, InitiativeLevel.NATIONAL)])
    assert outcome(check_initiative, spec, history) == Outcome(
        PASS, "1 sáng kiến từ cấp tỉnh (2016–2020)", "2016: Sáng kiến A; 2020: Cấp toàn quốc"
    )


def test_initiative_below_the_level_or_outside_the_window_fails():
    spec = {"check": "initiative", "level": 2, "count": 1, "from": 2016, "until": 2020}
    history = Given(
        [
            initiative(2015),
            initiative(2021),
            initiative(2018, InitiativeLevel.GRASSROOTS),
            initiative(2019, None),
        ]
    )
    assert outcome(check_initiative, spec, history) == Outcome(
        FAIL, "1 sáng kiến từ cấp tỉnh (2016–2020)", "Có 0 sáng kiến đạt mức này."
    )
    assert outcome(check_initiative, spec, Given([title(2018)])).status == FAIL


def test_initiative_defaults_to_one_of_the_grassroots_level():
    spec = {"check": "initiative", "until": 2020}
    result = outcome(check_initiative, spec, Given([initiative(2020, InitiativeLevel.GRASSROOTS)]))
    assert (result.status, result.label) == (PASS, "1 sáng kiến từ cấp cơ sở (2020–2020)")
    assert (
        outcome(check_initiative, spec, Given([initiative(2020, None)])).reason
        == "Có 0 sáng kiến đạt mức này."
    )


def test_initiative_needs_count_and_reads_members():
    spec = {"check": "initiative", "count": 2, "from": 2019, "until": 2020, "members": True}
    history = Given([initiative(2019), initiative(2020)], members=[initiative(2020)])
    assert outcome(check_initiative, spec, history) == Outcome(
        FAIL, "thành viên có 2 sáng kiến từ cấp cơ sở (2019–2020)", "Có 1 sáng kiến đạt mức này."
    )
    history = Given([], members=[initiative(2019), initiative(2020), initiative(2020), initiative(2020)])
    assert outcome(check_initiative, spec, history).reason == "2019: Cấp tỉnh; 2020: Cấp tỉnh; 2020: Cấp tỉnh"


def test_initiative_cannot_tell_without_data():
    spec = {"check": "initiative", "from": 2016, "until": 2020}
    assert outcome(check_initiative, spec, Given([initiative(2015)])) == Outcome(
        UNKNOWN, "1 sáng kiến từ cấp cơ sở (2016–2020)", "Chưa có dữ liệu sáng kiến 2016–2020."
    )


# --- no_discipline -------------------------------------------------------------------------

NO_DISCIPLINE = {"check": "no_discipline", "from": 2016, "until": 2020}
NO_DISCIPLINE_LABEL = "Không có bị kỷ luật từ khiển trách trở lên (2016–2020)"


def test_no_discipline_fails_on_a_reprimand_or_heavier_in_the_window():
    history = Given([discipline(2016), discipline(2020, DisciplineLevel.WARNING), discipline(2015)])
    assert outcome(check_no_discipline, NO_DISCIPLINE, history) == Outcome(
        FAIL, NO_DISCIPLINE_LABEL, "2016: Khiển trách; 2020: Cảnh cáo"
    )
    history = Given([discipline(year) for year in (2016, 2017, 2018, 2019)])
    assert outcome(check_no_discipline, NO_DISCIPLINE, history).reason == (
        "2016: Khiển trách; 2017: Khiển trách; 2018: Khiển trách"
    )


def test_no_discipline_passes_below_the_level_and_outside_the_window():
    spec = {**NO_DISCIPLINE, "level": DisciplineLevel.WARNING}
    history = Given([discipline(2018), discipline(2015, DisciplineLevel.DISMISSAL), discipline(2021)])
    assert outcome(check_no_discipline, spec, history) == Outcome(
        PASS, "Không có bị kỷ luật từ cảnh cáo trở lên (2016–2020)", "Không có kỷ luật."
    )
    history = Given([HistoryEntry(year=2018, kind=HistoryKind.DISCIPLINE), title(2019)])
    assert outcome(check_no_discipline, NO_DISCIPLINE, history).status == PASS


def test_no_discipline_of_members_reads_their_entries():
    spec = {**NO_DISCIPLINE, "members": True}
    history = Given([title(2018)], members=[discipline(2017)])
    assert outcome(check_no_discipline, spec, history) == Outcome(
        FAIL, "Không có thành viên bị kỷ luật từ khiển trách trở lên (2016–2020)", "2017: Khiển trách"
    )
    assert outcome(check_no_discipline, NO_DISCIPLINE, history).status == PASS


def test_no_discipline_cannot_tell_without_data():
    assert outcome(check_no_discipline, NO_DISCIPLINE, Given([title(2021)])) == Outcome(
        UNKNOWN, NO_DISCIPLINE_LABEL, "Chưa có dữ liệu 2016–2020 để khẳng định."
    )


# --- head_unit_titles ----------------------------------------------------------------------

HEAD = {"check": "head_unit_titles", "titles": [EXCELLENT], "from": 2016, "until": 2020}
HEAD_LABEL = "Đơn vị của người đứng đầu có 2 năm Tập thể lao động xuất sắc (2016–2020)"


def test_head_unit_titles_pass_on_the_unit_s_titles_in_the_window_s_edges():
    history = Given(
        [title(2017, EXCELLENT), title(2018, EXCELLENT)],
        unit_history=[title(2016, EXCELLENT), title(2020, EXCELLENT), title(2015, EXCELLENT)],
    )
    assert outcome(check_head_unit_titles, HEAD, history) == Outcome(PASS, HEAD_LABEL, "Các năm 2016, 2020.")


def test_head_unit_titles_fail_with_the_years_found():
    history = Given(unit_history=[title(2016, EXCELLENT), title(2017), title(2021, EXCELLENT)])
    assert outcome(check_head_unit_titles, HEAD, history) == Outcome(FAIL, HEAD_LABEL, "Có 1 năm.")
    assert outcome(check_head_unit_titles, {**HEAD, "count": 1}, history).status == PASS


def test_head_unit_titles_default_to_two_years_up_to_the_year_before_the_dossier():
    spec = {"check": "head_unit_titles", "titles": [EXCELLENT], "years": 3}
    history = Given(unit_history=[title(2018, EXCELLENT), title(2019, EXCELLENT), title(2021, EXCELLENT)])
    assert outcome(check_head_unit_titles, spec, history, default_until=2020) == Outcome(
        PASS,
        "Đơn vị của người đứng đầu có 2 năm Tập thể lao động xuất sắc (2018–2020)",
        "Các năm 2018, 2019.",
    )


def test_head_unit_titles_cannot_tell_without_the_unit_s_data():
    history = Given([title(2018, EXCELLENT)], unit_history=[title(2015, EXCELLENT), title(2021, EXCELLENT)])
    assert outcome(check_head_unit_titles, HEAD, history) == Outcome(
        UNKNOWN, HEAD_LABEL, "Chưa có dữ liệu của đơn vị 2016–2020."
    )


# --- any -----------------------------------------------------------------------------------

ONE_OF = {
    "check": "any",
    "label": "Sáng kiến hoặc Bằng Lao động sáng tạo",
    "of": [
        {"check": "initiative", "level": 2, "years": 2, "members": True},
        {"check": "award", "forms": ["lds"], "years": 2},
    ],
}


def test_any_passes_with_the_first_check_that_passes():
    history = Given([initiative(2019, description="Sáng kiến B"), award(2020, LDS)])
    assert outcome(check_any, ONE_OF, history) == Outcome(
        PASS, "Sáng kiến hoặc Bằng Lao động sáng tạo", "2019: Sáng kiến B"
    )
    assert outcome(check_any, ONE_OF, Given([award(2020, LDS)])).reason == "2020: Bằng Lao động sáng tạo"


def test_any_reads_the_default_until_into_its_checks():
    history = Given([initiative(2023, description="Sáng kiến C")])
    assert outcome(check_any, ONE_OF, history, default_until=2024).status == PASS
    assert outcome(check_any, ONE_OF, history, default_until=2020).status == UNKNOWN


def test_any_cannot_tell_while_one_check_cannot():
    assert outcome(check_any, ONE_OF, Given([award(2019)], members=[])) == Outcome(
        UNKNOWN,
        "Sáng kiến hoặc Bằng Lao động sáng tạo",
        "Chưa có dữ liệu sáng kiến 2019–2020.; Không có khen thưởng phù hợp.",
    )


def test_any_fails_when_every_check_fails_and_has_a_default_label():
    spec = {key: value for key, value in ONE_OF.items() if key != "label"}
    assert outcome(check_any, spec, Given([initiative(2019, InitiativeLevel.GRASSROOTS), award(2020)])) == (
        Outcome(
            FAIL,
            "Một trong các điều kiện",
            "Có 0 sáng kiến đạt mức này.; Không có khen thưởng phù hợp.",
        )
    )


# --- evaluate_check, describe_rules, summary ----------------------------------------------


@pytest.mark.parametrize(
    ("spec", "label"),
    [
        (ONE_OF, "Sáng kiến hoặc Bằng Lao động sáng tạo"),
        (TITLES, TITLES_LABEL),
        (RATINGS, RATINGS_LABEL),
        ({**AWARD, **AWARD_SPAN}, "Có khen thưởng của Bộ, ngành, UBND tỉnh (2016–2020)"),
        ({"check": "initiative", "until": 2020}, "1 sáng kiến từ cấp cơ sở (2020–2020)"),
        (NO_DISCIPLINE, NO_DISCIPLINE_LABEL),
        (HEAD, HEAD_LABEL),
    ],
)
def test_every_check_kind_is_found_by_its_name(spec, label):
    assert set(CHECKS) == {
        "any",
        "titles",
        "ratings",
        "award",
        "initiative",
        "no_discipline",
        "head_unit_titles",
    }
    assert evaluate_check(spec, Given(), default_until=2020).label == label


def test_evaluate_check_runs_the_check_of_its_kind():
    history = Given([rating(2019), rating(2020)])
    assert evaluate_check(RATINGS, history, default_until=2030) == Outcome(
        PASS, RATINGS_LABEL, "Các năm 2019, 2020."
    )
    spec = {"check": "ratings", "ratings": [Rating.EXCELLENT], "years": 2}
    assert evaluate_check(spec, history, default_until=2020).status == PASS
    assert evaluate_check(spec, history, default_until=2022).status == UNKNOWN


def test_an_unknown_check_cannot_be_told():
    assert evaluate_check({"check": "tuoi", "until": 2020}, Given(), default_until=2020) == Outcome(
        UNKNOWN, "tuoi", "Không biết điều kiện “tuoi”."
    )


def test_outcome_as_dict():
    assert Outcome(PASS, "Nhãn", "Lý do").as_dict() == {"status": PASS, "label": "Nhãn", "reason": "Lý do"}


def test_describe_rules_gives_each_group_its_labels():
    rules = [
        {
            "applies_to": {"recipient": "individual"},
            "checks": [RATINGS, {"check": "titles", "titles": [ADVANCED]}],
        },
        {"checks": [NO_DISCIPLINE]},
    ]
    assert describe_rules(rules, until=2022) == [
        ({"recipient": "individual"}, [RATINGS_LABEL, "1 năm Tập thể lao động tiên tiến (2022–2022)"]),
        ({}, [NO_DISCIPLINE_LABEL]),
    ]
    assert describe_rules([{"applies_to": {"head": True}}], until=2022) == [({"head": True}, [])]


@pytest.mark.parametrize(
    ("statuses", "result"),
    [
        ([PASS, UNKNOWN, FAIL], FAIL),
        ([FAIL, PASS], FAIL),
        ([PASS, UNKNOWN], UNKNOWN),
        ([UNKNOWN], UNKNOWN),
        ([PASS, PASS], PASS),
        ([], ""),
    ],
)
def test_summary_of_a_checklist(statuses, result):
    assert summary([{"status": status} for status in statuses]) == result


# --- Who a rule applies to ----------------------------------------------------------------


def collective(sector=Sector.HCSN):
    return Nominee(unit=Unit(pk=1, name="CĐCS"), sector=sector)


def individual(sector=Sector.HCSN, **kwargs):
    return Nominee(person=Person(pk=1, full_name="Lò Thị Mai", **kwargs), sector=sector)


def applies(scope, nominee):
    return rule_applies({"applies_to": scope, "checks": []}, nominee)


def test_rule_without_scope_applies_to_everyone():
    assert rule_applies({"checks": []}, collective()) and applies({}, individual())


def test_rule_applies_by_recipient_kind():
    assert [applies({"recipient": "collective"}, n) for n in (collective(), individual())] == [True, False]
    assert [applies({"recipient": "individual"}, n) for n in (collective(), individual())] == [False, True]


def test_rule_applies_by_sector_and_a_nominee_without_one_counts_as_hcsn():
    hcsn, sxkd = {"sector": Sector.HCSN}, {"sector": Sector.SXKD}
    assert [applies(hcsn, n) for n in (collective(Sector.HCSN), collective(Sector.SXKD), collective(""))] == [
        True,
        False,
        True,
    ]
    assert [applies(sxkd, n) for n in (individual(Sector.SXKD), individual(""))] == [True, False]


def test_rule_applies_to_leaders_or_not():
    leader, worker = individual(is_leader=True), individual(is_leader=False)
    assert [applies({"leader": True}, n) for n in (leader, worker, collective())] == [True, False, False]
    assert [applies({"leader": False}, n) for n in (leader, worker, collective())] == [False, True, False]


def test_rule_applies_to_heads_of_unit_or_not():
    head, worker = individual(is_head_of_unit=True), individual(is_head_of_unit=False)
    assert [applies({"head": True}, n) for n in (head, worker, collective())] == [True, False, False]
    assert [applies({"head": False}, n) for n in (head, worker, collective())] == [False, True, False]


def test_rule_applies_only_when_every_condition_holds():
    scope = {"recipient": "individual", "sector": Sector.SXKD, "leader": True, "head": True}
    assert applies(scope, individual(Sector.SXKD, is_leader=True, is_head_of_unit=True))
    for nominee in (
        individual(Sector.HCSN, is_leader=True, is_head_of_unit=True),
        individual(Sector.SXKD, is_leader=False, is_head_of_unit=True),
        individual(Sector.SXKD, is_leader=True, is_head_of_unit=False),
    ):
        assert not applies(scope, nominee)


# --- The history a nominee reads, and appraisal ---------------------------------------------


@pytest.fixture
def team(org):
    """A1 with a child unit A1x, a person in each, and a person in the sibling A2."""
    child = make_unit("Tổ A1x", UnitKind.GRASSROOTS, org.a1, code="A1X", sector=Sector.HCSN)
    people = {"a1": person(org.a1), "a1x": person(child, "Vàng A Dế"), "a2": person(org.a2, "Tao Văn Hùng")}
    for key, someone in people.items():
        HistoryEntry.objects.create(person=someone, year=2019, kind=HistoryKind.TITLE, description=key)
    for unit in (org.a1, child, org.a2):
        HistoryEntry.objects.create(unit=unit, year=2019, kind=HistoryKind.TITLE, description=unit.code)
    return people


def descriptions(entries):
    return sorted(e.description for e in entries)


def test_history_of_a_collective_counts_the_members_of_its_child_units(org, team):
    history = History(Nominee(unit=org.a1))
    assert descriptions(history.own) == ["A1"]
    assert descriptions(history.members) == ["a1", "a1x"]
    assert history.unit_history is history.own
    spec = {"check": "no_discipline", "until": 2019, "members": True}
    HistoryEntry.objects.create(
        person=team["a1x"], year=2019, kind=HistoryKind.DISCIPLINE, discipline_level=1
    )
    assert evaluate_check(spec, History(Nominee(unit=org.a1)), default_until=2019).status == FAIL
    assert evaluate_check(spec, History(Nominee(unit=org.a2)), default_until=2019).status == PASS


def test_history_of_a_person_reads_their_entries_and_their_unit_s(org, team):
    history = History(Nominee(person=team["a1"]))
    assert descriptions(history.own) == ["a1"]
    assert history.members is history.own
    assert descriptions(history.unit_history) == ["A1"]


def test_evaluate_nominee_runs_only_the_rules_that_apply(org, team):
    rules = [
        {"applies_to": {"recipient": "collective"}, "checks": [{"check": "titles", "titles": [ADVANCED]}]},
        {"applies_to": {"recipient": "individual"}, "checks": [NO_DISCIPLINE, RATINGS]},
    ]
    assert evaluate_nominee(Nominee(person=team["a1"]), rules, default_until=2020) == [
        {"status": PASS, "label": NO_DISCIPLINE_LABEL, "reason": "Không có kỷ luật."},
        {"status": FAIL, "label": RATINGS_LABEL, "reason": "Có 0 năm."},
    ]


def test_appraisal_fills_each_nominee_s_checklist_up_to_the_year_before_the_dossier(org, team):
    form = AwardForm.objects.create(
        code="bk-ldld",
        name="Bằng khen LĐLĐ tỉnh",
        issuing_level=IssuingLevel.PROVINCE_FEDERATION,
        kind=AwardKind.COMPREHENSIVE,
        eligibility=[{"checks": [{"check": "no_discipline", "years": 2}]}],
    )
    dossier = dossier_create(proposing_unit=org.a, year=2021, award_form=form, title="Đề nghị", by=None)
    first = Nominee.objects.create(dossier=dossier, person=team["a1"], order=1)
    second = Nominee.objects.create(dossier=dossier, unit=org.a2, order=2)
    HistoryEntry.objects.create(unit=org.a2, year=2020, kind=HistoryKind.DISCIPLINE, discipline_level=2)
    HistoryEntry.objects.create(person=team["a1"], year=2021, kind=HistoryKind.DISCIPLINE, discipline_level=2)
    evaluate_dossier(dossier)
    label = "Không có bị kỷ luật từ khiển trách trở lên (2019–2020)"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.eligibility == [{"status": PASS, "label": label, "reason": "Không có kỷ luật."}]
    assert second.eligibility == [{"status": FAIL, "label": label, "reason": "2020: Cảnh cáo"}]


def test_evaluate_nominee_adds_up_every_rule_that_applies(org, team):
    rules = [
        {"applies_to": {"recipient": "individual"}, "checks": [NO_DISCIPLINE]},
        {"checks": [{"check": "tuoi"}]},
    ]
    assert [c["label"] for c in evaluate_nominee(Nominee(person=team["a1"]), rules, default_until=2020)] == [
        NO_DISCIPLINE_LABEL,
        "tuoi",
    ]


def test_history_reads_each_list_once_with_its_award_forms(org, team, django_assert_num_queries):
    form = AwardForm.objects.create(code="lds", name="Bằng Lao động sáng tạo", kind=AwardKind.COMPREHENSIVE)
    HistoryEntry.objects.create(unit=org.a1, year=2019, kind=HistoryKind.AWARD, award_form=form)
    HistoryEntry.objects.create(person=team["a1"], year=2019, kind=HistoryKind.AWARD, award_form=form)
    own, members = ({"check": "award", "forms": ["lds"], "until": 2019, "members": m} for m in (False, True))
    with django_assert_num_queries(2):
        history = History(Nominee(unit=org.a1))
        assert [evaluate_check(s, history, default_until=2019).status for s in (own, members)] == [PASS, PASS]
    with django_assert_num_queries(2):
        history = History(Nominee(person=team["a1"]))
        assert evaluate_check(own, history, default_until=2019).reason == "2019: Bằng Lao động sáng tạo"


def test_appraisal_reads_each_nominee_with_its_unit(org, team, django_assert_num_queries):
    form = AwardForm.objects.create(code="bk", name="Bằng khen", kind=AwardKind.COMPREHENSIVE, eligibility=[])
    dossier = dossier_create(proposing_unit=org.a, year=2021, award_form=form, title="Đề nghị", by=None)
    Nominee.objects.create(dossier=dossier, person=team["a1"], order=1)
    Nominee.objects.create(dossier=dossier, unit=org.a2, order=2)
    # The nominees; then for each its history lists and the saved checklist.
    with django_assert_num_queries(1 + 3 + 3):
        evaluate_dossier(dossier)
