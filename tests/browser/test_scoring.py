"""The scoring journey in a real Chromium against the live server: unit staff self-score a
few items (a `tru` choice, a `muc` level, a `nguong` threshold, a `dem` count) and see the
sheet's totals change in place (htmx, no reload), are refused invalid entries in
Vietnamese, and submit; provincial staff appraise one item and return the sheet with
reasons; the unit reads them; the ranking shows the unit first.

The criteria table is the internal blocs' table (scoring/demo_data/khoi-noi-bo-tieu-chi.csv)
for the 2026 bloc of districts, whose leader is LĐLĐ thành phố Lai Châu: its maximum is
1.000 + 50 and the leader-only item VI is open to the city.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from scoring.demo import BANDS, DATA
from scoring.enums import ScoreKind, SheetState, TableStatus
from scoring.imports import parse_criteria_file, parse_scores_file
from scoring.models import CriteriaTable, ItemScore, ScoreSheet
from scoring.rules import DONE_WELL
from scoring.services import (
    criteria_table_import,
    item_score_set,
    scores_import,
    set_criteria_table_state,
    set_score_sheet_state,
    sheet_open,
)
from tests.paths import CRITERIA_CSV, SELF_SCORE_CSV
from units.demo import BLOC_DISTRICTS, BLOC_MTTQ, PROVINCE_CODE
from units.models import EmulationGrouping, Unit

from .test_journeys import heading, login, nav_click

pytestmark = pytest.mark.browser

CITY = "Liên đoàn Lao động thành phố Lai Châu"
CITY_CODE = "LDLD-TP"
TABLE_CODE = "KHOI-HUYEN-2026"
TABLE_NAME = f"Bảng tiêu chí chấm điểm thi đua {BLOC_DISTRICTS} năm 2026"

# What the page scores (I.1, I.2, III.1, III.2), then the other leaves, scored through the
# service to keep the test short.
ON_PAGE = {
    "I.1": {"choice": DONE_WELL, "bonus": Decimal(3)},  # 100 + 3
    "I.2": {"choice": "HTTNV"},  # 40
    "III.1": {"value": Decimal(100)},  # ≥ 100%: 150 + 10
    "III.2": {"value": Decimal(3)},  # 3 new grassroots unions: 100 + 10
}
REST = {
    "II.1": {"choice": DONE_WELL},  # 100
    "II.2": {"choice": DONE_WELL},  # 80
    "II.3": {"choice": DONE_WELL},  # 70
    "III.3": {"achieved": Decimal(45)},
    "IV.1": {"choice": DONE_WELL},  # 50
    "IV.2": {"value": Decimal(32)},  # 30 ≤ 32 < 35: 100, no bonus
    "IV.3": {"value": Decimal(2)},  # 2 models: 50 + 5
    "V.1": {"choice": "VUOT_KE_HOACH"},  # 60
    "V.2": {"choice": DONE_WELL},  # 40
    "VI": {"achieved": Decimal(0), "bonus": Decimal(8)},  # the bloc leader's bonus
}
FINAL_SELF = "985 + 36 = 1.021"
FINAL_APPRAISED = "965 + 36 = 1.001"  # I.1 appraised "chưa tốt": −20
GENERAL_REASON = "Bổ sung minh chứng theo Hướng dẫn số 12/HD-LĐLĐ trước ngày 05/12/2026."
ITEM_REASON = "Thiếu biên bản xếp loại CĐCS năm 2026, đề nghị bổ sung."

ROW_SUMS_BUG = (
    "sheet_update.html answers the row sums as bare <td hx-swap-oob> elements after the "
    "#sheet-totals <div>; htmx 2 parses the answer in a <template>, where a <td> after a "
    "<div> is dropped by the HTML parser, so no row or section sum changes until a reload "
    "(the totals card does). Wrap the cells in <template> (htmx's documented way for table "
    "parts) or swap an element inside each cell."
)


@dataclass
class Bloc:
    table: CriteriaTable
    pks: dict[str, int]  # criterion code → pk

    def sum_cell(self, page: Page, code: str, kind: str = "self", column: str = "t"):
        """A row's sum cell: achieved (a), bonus (b) or total (t)."""
        return page.locator(f"#s-{self.pks[code]}-{kind}-{column}")

    def error(self, page: Page, code: str):
        return page.locator(f"#err-{self.pks[code]}")

    def score(self, sheet: ScoreSheet, scores: dict) -> None:
        for code, args in scores.items():
            criterion = self.table.criteria.get(code=code)
            item_score_set(sheet=sheet, criterion=criterion, kind=ScoreKind.SELF, by=None, **args)


@pytest.fixture
def bloc(demo) -> Bloc:
    """The 2026 district bloc's criteria table, imported and published by the province."""
    path = DATA / "khoi-noi-bo-tieu-chi.csv"
    table = criteria_table_import(
        rows=parse_criteria_file(path.name, path.read_bytes()),
        code=TABLE_CODE,
        name=TABLE_NAME,
        year=2026,
        owner=Unit.objects.get(code=PROVINCE_CODE),
        grouping=EmulationGrouping.objects.get(year=2026, name=BLOC_DISTRICTS),
        bands=BANDS,
        by=None,
    )
    set_criteria_table_state(obj=table, to=TableStatus.PUBLISHED, by=None)
    assert table.grouping.leader.code == CITY_CODE
    return Bloc(table=table, pks={c.code: c.pk for c in table.criteria.all()})


def self_scores(sheet: ScoreSheet) -> dict[str, tuple[Decimal, Decimal]]:
    return {
        i.criterion.code: (i.achieved, i.bonus)
        for i in sheet.items.filter(kind=ScoreKind.SELF).select_related("criterion")
    }


def mark_page(page: Page) -> None:
    """A marker that a reload (or a navigation) would lose."""
    page.evaluate("() => { window.scoringMarker = 'same page'; }")


def assert_same_page(page: Page) -> None:
    assert page.evaluate("() => window.scoringMarker") == "same page", "the page was reloaded"


def score_input(page: Page, code: str, label: str):
    # Typed inputs add their item's code to the label ("Tỷ lệ (%) (mục III.1)").
    return page.get_by_test_id(f"item-{code}").get_by_label(re.compile("^" + re.escape(label)))


def enter(page: Page, code: str, label: str, text: str) -> None:
    """Type into an input and leave it (the form posts on change)."""
    box = score_input(page, code, label)
    box.fill(text)
    box.press("Tab")


# --- The journey -----------------------------------------------------------------------


def test_self_score_submit_appraise_return_and_rank(browsing, bloc):
    unit = browsing.new_page()
    login(unit, "canbo.thanhpho")

    # 1. The unit finds its bloc's table and opens its sheet.
    nav_click(unit, "Chấm điểm")
    expect(heading(unit)).to_have_text("Bảng tiêu chí chấm điểm")
    unit.get_by_role("link", name=TABLE_NAME).click()
    expect(heading(unit)).to_have_text(TABLE_NAME)
    expect(unit.get_by_test_id("table-status")).to_have_text("Đã ban hành")
    expect(unit.get_by_test_id("total-standard")).to_have_text("1.000")
    expect(unit.get_by_test_id("total-bonus")).to_have_text("50")
    unit.get_by_role("button", name="Tự chấm điểm").click()

    expect(unit).to_have_url(re.compile(r"/cham-diem/phieu/\d+/$"))
    expect(heading(unit)).to_have_text(f"Phiếu chấm điểm: {CITY}")
    expect(unit.get_by_test_id("sheet-state")).to_have_text("Đang tự chấm")
    expect(unit.locator("#sheet-totals")).to_contain_text("1.000 + 50")
    self_total = unit.get_by_test_id("self-total")
    expect(self_total).to_have_text("0 + 0 = 0")
    expect(unit.get_by_test_id("appraised-total")).to_have_count(0)
    sheet = ScoreSheet.objects.get(table=bloc.table, unit__code=CITY_CODE)
    browsing.check_page(unit, "1-sheet-opened")

    # 2. Self-scoring on the page; each answer updates the totals in place.
    mark_page(unit)
    # A `tru` item: "Thực hiện tốt" gives the standard.
    score_input(unit, "I.1", "Thực hiện tốt (100)").check()
    expect(self_total).to_have_text("100 + 0 = 100")
    # A `muc` level.
    score_input(unit, "I.2", "Hoàn thành tốt nhiệm vụ: 40").check()
    expect(self_total).to_have_text("140 + 0 = 140")
    # A `nguong` threshold, typed and saved on keyup without leaving the box: 95% is in
    # the 90% band (140); 100% reaches the top band (150 + 10 bonus).
    rate = score_input(unit, "III.1", "Tỷ lệ (%)")
    rate.press_sequentially("95")
    expect(self_total).to_have_text("280 + 0 = 280")
    rate.fill("")
    rate.press_sequentially("100")
    expect(self_total).to_have_text("290 + 10 = 300")
    # A `dem` count: 3 new grassroots unions reach the top band (100 + 10).
    enter(unit, "III.2", "Số lượng", "3")
    expect(self_total).to_have_text("390 + 20 = 410")
    browsing.check_page(unit, "2-self-scored")

    # Invalid entries are refused in Vietnamese and change nothing: 60 points on a
    # 50-point item, a 6-point bonus where 5 is the most.
    enter(unit, "III.3", "Điểm thực hiện (0–50)", "60")
    expect(bloc.error(unit, "III.3")).to_have_text("III.3: Điểm thực hiện phải từ 0 đến 50.")
    enter(unit, "I.1", "Điểm thưởng (0–5)", "6")
    expect(bloc.error(unit, "I.1")).to_have_text("I.1: Điểm thưởng phải từ 0 đến 5.")
    expect(self_total).to_have_text("390 + 20 = 410")
    browsing.check_page(unit, "3-invalid-entries")
    # A valid bonus clears the error and counts.
    enter(unit, "I.1", "Điểm thưởng (0–5)", "3")
    expect(bloc.error(unit, "I.1")).to_have_text("")
    expect(self_total).to_have_text("390 + 23 = 413")
    expect(bloc.error(unit, "III.3")).to_have_text("III.3: Điểm thực hiện phải từ 0 đến 50.")
    assert_same_page(unit)
    assert self_scores(sheet) == {"I.1": (100, 3), "I.2": (40, 0), "III.1": (150, 10), "III.2": (100, 10)}
    assert sheet.items.get(criterion__code="III.1", kind=ScoreKind.SELF).value == 100

    # 3. The other leaves through the service; the page shows them after a reload, the
    # rows and sections added up; the unit submits on the page.
    bloc.score(sheet, REST)
    unit.reload()
    expect(self_total).to_have_text(FINAL_SELF)
    for code, total in {"I.1": "103", "I": "143", "III.1": "160", "III.2": "110", "III": "315"}.items():
        expect(bloc.sum_cell(unit, code)).to_have_text(total)
    expect(score_input(unit, "III.1", "Tỷ lệ (%)")).to_have_value("100")
    unit.get_by_role("button", name="Nộp phiếu tự chấm").click()
    expect(unit.get_by_test_id("sheet-state")).to_have_text("Đã nộp")
    expect(unit.get_by_role("status").first).to_contain_text("Phiếu chấm: Đã nộp.")
    expect(unit.get_by_role("button", name="Nộp phiếu tự chấm")).to_have_count(0)
    expect(unit.locator("form.item-form")).to_have_count(0)
    expect(self_total).to_have_text(FINAL_SELF)
    browsing.check_page(unit, "4-submitted")

    # 4. The province's staff appraise; the appraisal starts from the unit's own score.
    province = browsing.new_page()
    login(province, "thidua.tinh")
    nav_click(province, "Chấm điểm")
    province.get_by_role("link", name=TABLE_NAME).click()
    expect(province.locator("main")).to_contain_text(f"{CITY} — Đã nộp")
    province.get_by_role("link", name=CITY, exact=True).click()
    expect(heading(province)).to_have_text(f"Phiếu chấm điểm: {CITY}")
    appraised_total = province.get_by_test_id("appraised-total")
    expect(appraised_total).to_have_text(FINAL_SELF)
    expect(province.get_by_test_id("self-total")).to_have_text(FINAL_SELF)

    mark_page(province)
    score_input(province, "I.1", "Chưa tốt (−20)").check()
    expect(appraised_total).to_have_text(FINAL_APPRAISED)
    expect(province.get_by_test_id("self-total")).to_have_text(FINAL_SELF)
    assert_same_page(province)
    appraised = ItemScore.objects.get(sheet=sheet, criterion__code="I.1", kind=ScoreKind.APPRAISED)
    assert (appraised.achieved, appraised.bonus) == (80, 3)
    browsing.check_page(province, "5-appraising")

    # It returns the sheet with a general reason and one for item III.3.
    province.get_by_label("Lý do trả lại").fill(GENERAL_REASON)
    province.locator(f"#r{bloc.pks['III.3']}").fill(ITEM_REASON)
    province.get_by_role("button", name="Trả lại đơn vị").click()
    expect(province.get_by_test_id("sheet-state")).to_have_text("Trả lại bổ sung")
    expect(province.get_by_role("status").first).to_contain_text("Phiếu chấm: Trả lại bổ sung.")
    expect(province.get_by_role("alert").filter(has_text="Trả lại để bổ sung:")).to_contain_text(
        GENERAL_REASON
    )
    expect(bloc.sum_cell(province, "I.1", "appraised")).to_have_text("83")
    sheet.refresh_from_db()
    assert (sheet.state, sheet.returned_reason) == (SheetState.RETURNED, GENERAL_REASON)
    item = ItemScore.objects.get(sheet=sheet, criterion__code="III.3", kind=ScoreKind.SELF)
    assert item.returned_reason == ITEM_REASON
    browsing.check_page(province, "6-returned")

    # The unit reads both reasons and may score again.
    unit.reload()
    expect(unit.get_by_test_id("sheet-state")).to_have_text("Trả lại bổ sung")
    expect(unit.get_by_role("alert").filter(has_text="Trả lại để bổ sung:")).to_contain_text(GENERAL_REASON)
    expect(unit.locator(f"#c{bloc.pks['III.3']}")).to_contain_text(f"Yêu cầu bổ sung: {ITEM_REASON}")
    expect(unit.get_by_role("button", name="Nộp phiếu tự chấm")).to_be_visible()
    expect(score_input(unit, "III.3", "Điểm thực hiện (0–50)")).to_have_value("45")
    browsing.check_page(unit, "7-unit-reads-reasons")

    # 5. The ranking: the city first on its own score (the sheet is not appraised), the
    # other members of the bloc not scored yet.
    province.get_by_role("navigation", name="Đường dẫn").get_by_role("link", name=TABLE_CODE).click()
    province.get_by_role("link", name="Xếp hạng").click()
    expect(heading(province)).to_have_text(f"Xếp hạng — {TABLE_NAME}")
    rows = province.get_by_test_id("ranking").locator("tbody tr")
    # No unit of this test has registered for the year: each is marked not eligible.
    expect(rows.first.locator("td")).to_have_text(
        [
            "1",
            f"{CITY}Chưa đủ điều kiện xét khen thưởng",
            "985",
            "36",
            "1.021",
            "97,2%",
            "Xuất sắc",
            "Tự chấm",
        ]
    )
    members = bloc.table.grouping.memberships.count()
    assert members > 1
    expect(rows).to_have_count(members)
    expect(rows.filter(has_text="Chưa chấm điểm")).to_have_count(members - 1)
    browsing.check_page(province, "8-ranking")


# --- The row sums follow each answer ------------------------------------------------------


def test_self_score_updates_row_sums_in_place(browsing, bloc):
    sheet = sheet_open(table=bloc.table, unit=Unit.objects.get(code=CITY_CODE), by=None)
    page = browsing.new_page()
    login(page, "canbo.thanhpho")
    page.goto(sheet.get_absolute_url())
    mark_page(page)

    score_input(page, "I.1", "Thực hiện tốt (100)").check()
    expect(page.get_by_test_id("self-total")).to_have_text("100 + 0 = 100")  # the answer is in
    expect(bloc.sum_cell(page, "I.1", column="a")).to_have_text("100", timeout=1_000)
    expect(bloc.sum_cell(page, "I.1")).to_have_text("100", timeout=1_000)
    expect(bloc.sum_cell(page, "I")).to_have_text("100", timeout=1_000)

    enter(page, "III.1", "Tỷ lệ (%)", "100")
    expect(page.get_by_test_id("self-total")).to_have_text("250 + 10 = 260")
    expect(bloc.sum_cell(page, "III.1", column="b")).to_have_text("10", timeout=1_000)
    expect(bloc.sum_cell(page, "III.1")).to_have_text("160", timeout=1_000)
    expect(bloc.sum_cell(page, "III")).to_have_text("160", timeout=1_000)
    assert_same_page(page)


def test_appraisal_updates_row_sums_in_place(browsing, bloc):
    sheet = sheet_open(table=bloc.table, unit=Unit.objects.get(code=CITY_CODE), by=None)
    bloc.score(sheet, ON_PAGE | REST)
    set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=None)
    page = browsing.new_page()
    login(page, "thidua.tinh")
    page.goto(sheet.get_absolute_url())
    expect(bloc.sum_cell(page, "I.1", "appraised")).to_have_text("103")
    mark_page(page)

    score_input(page, "I.1", "Chưa tốt (−20)").check()
    expect(page.get_by_test_id("appraised-total")).to_have_text(FINAL_APPRAISED)  # the answer is in
    expect(bloc.sum_cell(page, "I.1", "appraised", "a")).to_have_text("80", timeout=1_000)
    expect(bloc.sum_cell(page, "I.1", "appraised")).to_have_text("83", timeout=1_000)
    expect(bloc.sum_cell(page, "I", "appraised")).to_have_text("123", timeout=1_000)
    expect(bloc.sum_cell(page, "I.1")).to_have_text("103")
    assert_same_page(page)


def test_returned_sheet_keeps_a_consistent_appraised_total(browsing, bloc):
    sheet = sheet_open(table=bloc.table, unit=Unit.objects.get(code=CITY_CODE), by=None)
    bloc.score(sheet, ON_PAGE | REST)
    set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=None)
    item_score_set(
        sheet=sheet,
        criterion=bloc.table.criteria.get(code="I.1"),
        kind=ScoreKind.APPRAISED,
        by=None,
        choice="chua_dat",
        bonus=Decimal(3),
    )
    set_score_sheet_state(obj=sheet, to=SheetState.RETURNED, by=None, reason=GENERAL_REASON)
    page = browsing.new_page()
    login(page, "thidua.tinh")
    page.goto(sheet.get_absolute_url())
    expect(page.get_by_test_id("sheet-state")).to_have_text("Trả lại bổ sung")
    expect(page.get_by_test_id("self-total")).to_have_text(FINAL_SELF)
    # Hiding the appraisal while the unit completes its sheet would be right too.
    if page.get_by_test_id("appraised-total").count():
        expect(page.get_by_test_id("appraised-total")).to_have_text(FINAL_APPRAISED, timeout=1_000)
        expect(bloc.sum_cell(page, "II.1", "appraised")).to_have_text("100")


# --- Inputs bounded by their rule ---------------------------------------------------------


def is_invalid(box) -> bool:
    return box.evaluate("e => e.matches(':invalid')")


def test_score_inputs_mark_and_refuse_values_outside_their_rule(browsing, bloc):
    """A rate of plan (III.1, toi_da 200) and a count (III.2) take what their rule means;
    9999, 100000 and full-width digits are marked as typed and refused in Vietnamese;
    the Vietnamese decimal comma keeps its meaning (the boxes are text, not number)."""
    sheet = sheet_open(table=bloc.table, unit=Unit.objects.get(code=CITY_CODE), by=None)
    page = browsing.new_page()
    login(page, "canbo.thanhpho")
    page.goto(sheet.get_absolute_url())
    self_total = page.get_by_test_id("self-total")

    rate = score_input(page, "III.1", "Tỷ lệ (%)")
    for text in ("9999", "100000"):
        enter(page, "III.1", "Tỷ lệ (%)", text)
        assert is_invalid(rate), text
        expect(bloc.error(page, "III.1")).to_have_text("III.1: Tỷ lệ phải từ 0 đến 200%.")
    enter(page, "III.1", "Tỷ lệ (%)", "９５")
    assert is_invalid(rate)
    expect(bloc.error(page, "III.1")).to_have_text(
        "III.1: “９５”: chỉ gõ số bằng các chữ số 0–9 thông thường (không dùng chữ số toàn độ rộng)."
    )
    browsing.check_page(page, "refused")
    expect(self_total).to_have_text("0 + 0 = 0")
    # 89,5% is in the 70% band (120), not the 100% one 895 would reach.
    enter(page, "III.1", "Tỷ lệ (%)", "89,5")
    assert not is_invalid(rate)
    expect(bloc.error(page, "III.1")).to_have_text("")
    expect(self_total).to_have_text("120 + 0 = 120")

    count = score_input(page, "III.2", "Số lượng")
    enter(page, "III.2", "Số lượng", "100000")
    assert is_invalid(count)
    expect(bloc.error(page, "III.2")).to_have_text("III.2: Số lượng phải từ 0 đến 1.000.")
    enter(page, "III.2", "Số lượng", "3")
    assert not is_invalid(count)
    expect(self_total).to_have_text("220 + 10 = 230")

    points = score_input(page, "III.3", "Điểm thực hiện (0–50)")
    enter(page, "III.3", "Điểm thực hiện (0–50)", "45,5")
    assert not is_invalid(points)
    expect(self_total).to_have_text("265,5 + 10 = 275,5")
    points.fill("50,5")
    assert is_invalid(points)
    assert self_scores(sheet) == {"III.1": (120, 0), "III.2": (100, 10), "III.3": (Decimal("45.5"), 0)}
    assert sheet.items.get(criterion__code="III.1").value == Decimal("89.5")


# --- An outside bloc's result, recorded --------------------------------------------------------

MTTQ_TABLE = "Bảng tiêu chí chấm điểm thi đua Khối MTTQ và các đoàn thể tỉnh năm 2020"
MTTQ_LEADER = "Ủy ban MTTQ Việt Nam tỉnh Lai Châu"
MTTQ_LABEL = f"Kết quả chấm của Trưởng khối ({MTTQ_LEADER}), theo văn bản số 08/TB-MTTQ ngày 12/01/2021"


def test_province_records_the_mttq_leader_s_result_instead_of_appraising_itself(browsing):
    """Seed 000: LĐLĐ tỉnh self-scores the Khối MTTQ table and the bloc's leader scores it.
    Provincial staff are offered no appraisal of their own sheet; they record the result
    received, and the sheet, the comparison and the ranking say whose result it is."""
    province = Unit.objects.get(code=PROVINCE_CODE)
    table = criteria_table_import(
        rows=parse_criteria_file(CRITERIA_CSV.name, CRITERIA_CSV.read_bytes()),
        code="KHOI-MTTQ-2020",
        name=MTTQ_TABLE,
        year=2020,
        owner=province,
        grouping=EmulationGrouping.objects.get(year=2020, name=BLOC_MTTQ),
        by=None,
    )
    set_criteria_table_state(obj=table, to=TableStatus.PUBLISHED, by=None)
    sheet = sheet_open(table=table, unit=province, by=None)
    scores_import(
        rows=parse_scores_file(SELF_SCORE_CSV.name, SELF_SCORE_CSV.read_bytes()),
        sheet=sheet,
        kind=ScoreKind.SELF,
        by=None,
    )
    set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=None)

    page = browsing.new_page()
    login(page, "thidua.tinh")
    page.goto(sheet.get_absolute_url())
    expect(page.get_by_test_id("sheet-state")).to_have_text("Đã nộp")
    expect(page.get_by_role("button", name="Hoàn thành thẩm định")).to_have_count(0)
    expect(page.get_by_role("button", name="Trả lại đơn vị")).to_have_count(0)
    expect(page.locator("form.item-form")).to_have_count(0)
    expect(page.get_by_test_id("appraisal-label")).to_contain_text("Phiếu do Trưởng khối")
    browsing.check_page(page, "1-submitted-no-appraisal")

    page.get_by_role("link", name="Ghi nhận kết quả chấm của Trưởng khối").click()
    expect(heading(page)).to_have_text("Ghi nhận kết quả chấm của Trưởng khối")
    expect(page.get_by_label("Đơn vị chấm")).to_have_value(str(table.grouping.leader_id))
    achieved = page.get_by_label("Điểm thực hiện mục I.1", exact=True)
    expect(achieved).to_have_value("150")  # starts from the province's own score
    achieved.fill("125")
    page.get_by_label("Điểm thưởng mục I.2", exact=True).fill("3")
    page.get_by_label("Số văn bản").fill("08/TB-MTTQ")
    page.get_by_label("Ngày văn bản").fill("12/01/2021")
    browsing.check_page(page, "2-recording")
    page.get_by_role("button", name="Ghi nhận kết quả").click()

    expect(page).to_have_url(re.compile(rf"/cham-diem/phieu/{sheet.pk}/$"))
    expect(page.get_by_test_id("sheet-state")).to_have_text("Đã thẩm định")
    expect(page.get_by_test_id("appraisal-label")).to_have_text(f"{MTTQ_LABEL}.")
    expect(page.get_by_test_id("appraised-total")).to_have_text("895 + 48 = 943")
    expect(page.get_by_role("columnheader", name="Điểm Trưởng khối chấm")).to_be_visible()
    browsing.check_page(page, "3-recorded")

    page.get_by_role("link", name="So sánh tự chấm và thẩm định").click()
    expect(page.get_by_test_id("appraisal-label")).to_have_text(f"{MTTQ_LABEL}.")
    expect(page.get_by_test_id("diff-I.1")).to_be_visible()
    browsing.check_page(page, "4-compare")

    page.goto(f"/cham-diem/bang/{table.pk}/xep-hang/")
    first = page.get_by_test_id("ranking").locator("tbody tr").first
    expect(first.get_by_test_id("appraisal-label")).to_have_text(MTTQ_LABEL)
    expect(first.locator("td").nth(4)).to_have_text("943")
    browsing.check_page(page, "5-ranking")
    sheet.refresh_from_db()
    assert (sheet.state, sheet.appraisal_source, sheet.appraisal_document_number) == (
        SheetState.APPRAISED,
        "recorded",
        "08/TB-MTTQ",
    )
