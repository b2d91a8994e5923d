"""The annual report in a real Chromium against the live server: provincial staff draft
the 2020 report from its template, rewrite a narrative section in the editor (with bold
text), issue it — it takes its number — and download the archived PDF and DOCX, which
carry the number, the new text and the score appendix computed from the data.

The test database holds the demo organisation (units.demo) and, through the services,
seed 000's Khối MTTQ table with LĐLĐ Lai Châu's self-score (920 + 50 = 970).
"""

import io
import re
import subprocess

import pytest
from docx import Document as open_docx
from playwright.sync_api import Page, expect

from reports.models import Document
from scoring.enums import ScoreKind, SheetState, TableStatus
from scoring.imports import parse_criteria_file, parse_scores_file
from scoring.services import (
    criteria_table_import,
    scores_import,
    set_criteria_table_state,
    set_score_sheet_state,
    sheet_open,
)
from tests.scoring.conftest import CRITERIA_CSV, SELF_SCORE_CSV
from units.demo import BLOC_MTTQ, PROVINCE_CODE
from units.models import EmulationGrouping, Unit

from .test_journeys import heading, login, nav_click

pytestmark = pytest.mark.browser

TABLE = "Bảng tiêu chí chấm điểm thi đua Khối MTTQ và các đoàn thể tỉnh năm 2020"
NEW_TEXT = "Năm 2020 Liên đoàn Lao động tỉnh triển khai "
BOLD_TEXT = "chuyển đổi số công tác thi đua"


def _seed_table() -> None:
    province = Unit.objects.get(code=PROVINCE_CODE)
    table = criteria_table_import(
        rows=parse_criteria_file(CRITERIA_CSV.name, CRITERIA_CSV.read_bytes()),
        code="KHOI-MTTQ-2020",
        name=TABLE,
        year=2020,
        owner=province,
        grouping=EmulationGrouping.objects.get(year=2020, name=BLOC_MTTQ),
        by=None,
    )
    set_criteria_table_state(obj=table, to=TableStatus.PUBLISHED, by=None)
    sheet = sheet_open(table=table, unit=province, by=None)
    rows = parse_scores_file(SELF_SCORE_CSV.name, SELF_SCORE_CSV.read_bytes())
    scores_import(rows=rows, sheet=sheet, kind=ScoreKind.SELF, by=None)
    set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=None)


def _download(page: Page, test_id: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_test_id(test_id).click()
    return open(info.value.path(), "rb").read()


def test_staff_draft_edit_issue_and_download_the_annual_report(browsing, tmp_path):
    _seed_table()
    page = browsing.new_page()
    login(page, "thidua.tinh")
    nav_click(page, "Văn bản")
    expect(heading(page)).to_have_text("Văn bản")
    page.get_by_role("link", name="Soạn văn bản").click()

    page.get_by_label("Mẫu").select_option(label="Báo cáo tổng kết công tác thi đua, khen thưởng năm")
    page.get_by_label("Năm").fill("2020")
    page.get_by_role("button", name="Chọn mẫu").click()
    # The score table the province self-scored that year is offered first.
    expect(page.get_by_label("Bảng chấm điểm")).to_have_value(re.compile(r"\d+"))
    browsing.check_page(page, "create")
    page.get_by_role("button", name="Tạo dự thảo").click()
    expect(page.get_by_role("status")).to_contain_text("Đã tạo dự thảo")
    expect(page.get_by_test_id("document-state")).to_have_text("Dự thảo")
    preview = page.get_by_test_id("preview")
    expect(preview).to_contain_text("Công tác Thi đua, Khen thưởng năm 2020")
    expect(preview).to_contain_text("950")
    browsing.check_page(page, "draft")

    page.get_by_role("link", name="1. Thuận lợi").click()
    area = page.get_by_test_id("prose-area")
    area.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(NEW_TEXT)
    page.get_by_role("button", name="Đậm").click()
    page.keyboard.type(BOLD_TEXT)
    browsing.check_page(page, "editor")
    page.get_by_test_id("save-section").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu phần “1. Thuận lợi”")
    expect(preview.locator("strong", has_text=BOLD_TEXT)).to_be_visible()

    page.get_by_label("Ngày ban hành").fill("19/11/2020")
    # Issuing renders and archives the PDF before it answers: on a loaded machine that takes
    # longer than a click's default wait.
    page.get_by_test_id("issue").click(timeout=60_000)
    expect(page.get_by_role("status")).to_contain_text("Đã ban hành văn bản số 01/BC-LĐLĐ")
    expect(page.get_by_test_id("document-number")).to_have_text("01/BC-LĐLĐ")
    expect(page.get_by_test_id("document-state")).to_have_text("Đã ban hành")
    expect(page.get_by_test_id("download-pdf")).to_be_visible()
    expect(page.get_by_role("link", name="Sửa thông tin văn bản")).to_have_count(0)
    browsing.check_page(page, "issued")

    pdf = _download(page, "download-pdf")
    assert pdf.startswith(b"%PDF")
    layout = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    lines = layout.stdout.decode().splitlines()
    text = " ".join(" ".join(lines).split())
    assert "Số: 01/BC-LĐLĐ" in text and "Lai Châu, ngày 19 tháng 11 năm 2020" in text
    assert NEW_TEXT + BOLD_TEXT in text
    (total,) = [line.split() for line in lines if line.strip().startswith("Tổng điểm")]
    assert total == ["Tổng", "điểm", "950", "50", "920", "50", "970"]
    document = Document.objects.get()
    with document.renderings.get(format="pdf").file.open("rb") as archive:
        assert pdf == archive.read()

    docx = open_docx(io.BytesIO(_download(page, "download-docx")))
    paragraphs = [p for p in docx.paragraphs if NEW_TEXT.strip() in p.text]
    assert paragraphs and any(run.bold and run.text == BOLD_TEXT for run in paragraphs[0].runs)
    assert docx.tables[0].rows[1].cells[0].text == "Số: 01/BC-LĐLĐ"
