"""The files themselves, opened and measured: A4, NĐ 30/2020 margins, embedded fonts, the
header texts, Vietnamese numbers, the page count, footnotes, and page 1 compared with a
reviewed picture of it.

The reference pictures live in tests/reports/reference/. After a deliberate change of
layout, run `UPDATE_REFERENCE=1 pytest tests/reports/test_render.py`, look at the new
PNGs, and commit them.
"""

import datetime
import io
import os
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.shared import Mm, Pt
from PIL import Image, ImageChops
from pypdf import PdfReader

from awards.enums import AwardKind, DecisionState, IssuingLevel, Recipient
from awards.models import Awardee, AwardForm, Decision, Person
from emulation.enums import Period
from reports.assembly import assemble
from reports.render_docx import docx_bytes
from reports.render_html import pdf_render
from scoring.enums import ScoreKind
from scoring.queries import sheet_totals
from tests.emulation.conftest import import_cluster_figures
from tests.reports.conftest import REFERENCE, draft, issue
from units.models import DocumentCounter

MM = 72 / 25.4  # PDF points per millimetre
A4 = (210 * MM, 297 * MM)
LEFT, RIGHT, TOP, BOTTOM = 30 * MM, (210 - 15) * MM, 20 * MM, (297 - 20) * MM
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def annual_2020(seed_table, lai_chau, writer, django_capture_on_commit_callbacks):
    """Seed 000's report as the app issues it: 339/BC-LĐLĐ of 19/11/2020 with the Khối
    MTTQ table and Lai Châu's self-score as its appendix, plus two award decisions."""
    form = AwardForm.objects.create(
        code="bk",
        name="Bằng khen của Ban Chấp hành LĐLĐ tỉnh",
        issuing_level=IssuingLevel.PROVINCE_FEDERATION,
        recipient=Recipient.BOTH,
        kind=AwardKind.COMPREHENSIVE,
    )
    decision = Decision.objects.create(
        issuer=lai_chau,
        year=2020,
        award_form=form,
        subject="Về việc tặng Bằng khen năm 2020",
        state=DecisionState.ISSUED,
        number=17,
        signed_on=datetime.date(2020, 11, 2),
    )
    Awardee.objects.create(decision=decision, unit=lai_chau, prize=Decimal(1_490_000))
    person = Person.objects.create(full_name="Lò Thị Mai", gender="nu", unit=lai_chau, is_direct_worker=True)
    Awardee.objects.create(decision=decision, person=person, prize=Decimal(745_000))
    DocumentCounter.objects.create(issuer=lai_chau, year=2020, kind="BC", symbol="LĐLĐ", last_number=338)
    document = draft("annual", lai_chau, 2020, writer, criteria_table=seed_table)
    return issue(document, writer, datetime.date(2020, 11, 19), capture=django_capture_on_commit_callbacks)


def _archive(document, fmt) -> bytes:
    rendering = document.renderings.get(format=fmt, archived=True)
    with rendering.file.open("rb") as handle:
        return handle.read()


def _words(pdf: bytes, page: int) -> list[tuple[float, float, float, float, str]]:
    """Every word of a page with its box (poppler's pdftotext -bbox), in PDF points from
    the top-left corner."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(pattern, out)]


def _text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _page_png(pdf: bytes, tmp_path: Path, name: str) -> Path:
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(tmp_path / name),
        ],
        check=True,
    )
    return tmp_path / f"{name}.png"


def _matches_reference(png: Path, name: str, *, tolerance: float) -> None:
    reference = REFERENCE / f"{name}.png"
    if os.environ.get("UPDATE_REFERENCE") == "1":
        shutil.copy(png, reference)
        pytest.skip(f"{reference} rewritten: look at it before committing")
    actual, expected = Image.open(png).convert("L"), Image.open(reference).convert("L")
    assert actual.size == expected.size
    difference = ImageChops.difference(actual, expected).histogram()
    changed = sum(difference[48:]) / (actual.size[0] * actual.size[1])
    assert changed <= tolerance, f"{changed:.4%} of page 1 differs from {reference.name}"


# --- PDF ------------------------------------------------------------------------------------------


def test_pdf_is_a4_with_embedded_liberation_fonts_and_the_decree_margins(annual_2020):
    pdf = _archive(annual_2020, "pdf")
    reader = PdfReader(io.BytesIO(pdf))
    rendering = annual_2020.renderings.get(format="pdf")
    assert len(reader.pages) == rendering.pages == 8
    fonts = set()
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (
            round(A4[0], 1),
            round(A4[1], 1),
        )
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font.get("/DescendantFonts") or [font])[0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, font["/BaseFont"]  # embedded, not merely named
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts == {
        "Liberation-Serif",
        "Liberation-Serif-Bold",
        "Liberation-Serif-Italic",
        "Liberation-Serif-Bold-Italic",
    }
    for number in (1, 2):
        words = _words(pdf, number)
        body = [w for w in words if w[1] > TOP - 1]
        assert min(w[0] for w in body) == pytest.approx(LEFT, abs=0.6)
        assert max(w[2] for w in body) <= RIGHT + 1  # a glyph may overhang its advance a little
        assert max(w[2] for w in body) >= RIGHT - 3  # justified lines reach the right margin
        assert max(w[3] for w in body) <= BOTTOM + 0.6
    # NĐ 30/2020: no number on page 1; from page 2 the number sits centred in the top margin.
    assert [w for w in _words(pdf, 1) if w[3] < TOP] == []
    (number,) = [w for w in _words(pdf, 2) if w[3] < TOP]
    assert number[4] == "2"
    assert (number[0] + number[2]) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=2)


def test_pdf_prints_the_header_and_the_numbers_of_the_data(annual_2020, seed_table, lai_chau):
    text = _text(_archive(annual_2020, "pdf"))
    for line in (
        "TỔNG LĐLĐ VIỆT NAM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "LĐLĐ TỈNH LAI CHÂU",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 339/BC-LĐLĐ",
        "Lai Châu, ngày 19 tháng 11 năm 2020",
        "BÁO CÁO",
        "Công tác Thi đua, Khen thưởng năm 2020",
        "TM. BAN THƯỜNG VỤ",
        "(Kèm theo Báo cáo số 339/BC-LĐLĐ ngày 19 tháng 11 năm 2020 của",
    ):
        assert line in text, line
    assert "Quyết định số 17/QĐ-LĐLĐ, ngày 02/11/2020" in " ".join(text.split())
    assert "tổng số tiền thưởng 2.235.000 đồng" in " ".join(text.split())
    totals = sheet_totals(seed_table.sheets.get(unit=lai_chau), ScoreKind.SELF)
    (total_line,) = [line for line in text.splitlines() if line.strip().startswith("Tổng điểm")]
    assert (
        [int(n.replace(".", "")) for n in re.findall(r"[\d.]+", total_line)]
        == [
            totals["standard"],
            totals["bonus_max"],
            totals["achieved"],
            totals["bonus"],
            totals["total"],
        ]
        == [950, 50, 920, 50, 970]
    )


def test_pdf_page_one_matches_the_reviewed_picture(annual_2020, tmp_path):
    png = _page_png(_archive(annual_2020, "pdf"), tmp_path, "annual-2020-pdf")
    _matches_reference(png, "annual-2020-pdf-page1", tolerance=0.002)


def test_cluster_figures_are_footnotes_at_the_foot_of_their_page(cluster, lai_chau_staff):
    import_cluster_figures(cluster)
    document = draft(
        "midyear-cluster", cluster.owner, 2023, lai_chau_staff, grouping=cluster, period=Period.HALF_YEAR
    )
    pdf, pages = pdf_render(assemble(document))
    for number in range(1, pages + 1):
        words = _words(pdf, number)
        notes = [w for w in words if w[4] == "2.751/2.300"]
        if notes:
            break
    call = next(w for w in words if w[4].startswith("27.175"))  # the sentence, on the same page
    assert notes[0][1] > call[1] + 150  # the member figures sit well below it, at the foot
    assert notes[0][3] <= BOTTOM + 0.6
    assert "Lai Châu có 2.751/2.300 sáng kiến đăng ký" not in _text(pdf)  # the fixture's wording is not ours
    assert "Lai Châu có 2.751/2.300 sáng kiến (đạt 120%)" in " ".join(_text(pdf).split())


# --- DOCX ------------------------------------------------------------------------------------------


def test_docx_has_the_page_the_fonts_and_the_header_of_the_decree(annual_2020):
    data = _archive(annual_2020, "docx")
    docx = open_docx(io.BytesIO(data))
    first = docx.sections[0]
    assert abs(first.page_width - Mm(210)) < Mm(0.1) and abs(first.page_height - Mm(297)) < Mm(0.1)
    margins = [first.top_margin, first.bottom_margin, first.left_margin, first.right_margin]
    assert [round(m / Mm(1)) for m in margins] == [20, 20, 30, 15]
    assert first.different_first_page_header_footer
    assert 'w:instr="PAGE"' in first.header._element.xml
    normal = docx.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Times New Roman", Pt(14))
    header = docx.tables[0]
    assert [c.text for c in header.rows[0].cells] == [
        "TỔNG LĐLĐ VIỆT NAM\nLĐLĐ TỈNH LAI CHÂU\n",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    ]
    assert [c.text for c in header.rows[1].cells] == [
        "Số: 339/BC-LĐLĐ",
        "Lai Châu, ngày 19 tháng 11 năm 2020",
    ]
    paragraphs = [p.text for p in docx.paragraphs]
    assert paragraphs[0:3] == [
        "BÁO CÁO",
        "Công tác Thi đua, Khen thưởng năm 2020",
        "nhiệm vụ trọng tâm công tác Thi đua, Khen thưởng năm 2021",
    ]
    score = docx.tables[-1]
    assert [c.text for c in score.rows[-1].cells] == ["", "Tổng điểm", "950", "50", "920", "50", "970"]
    header_rows = [
        row
        for row in score.rows
        if row._tr.trPr is not None
        and row._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader")
        is not None
    ]
    assert len(header_rows) == 2  # the two header rows repeat on every page


def test_docx_cluster_report_carries_real_footnotes(cluster, lai_chau_staff):
    import_cluster_figures(cluster)
    document = draft(
        "midyear-cluster", cluster.owner, 2023, lai_chau_staff, grouping=cluster, period=Period.HALF_YEAR
    )
    data = docx_bytes(assemble(document))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        notes = archive.read("word/footnotes.xml").decode()
        body = archive.read("word/document.xml").decode()
        types = archive.read("[Content_Types].xml").decode()
    assert "Lai Châu có 2.751/2.300 sáng kiến (đạt 120%)" in notes
    assert body.count("<w:footnoteReference") == notes.count("<w:footnoteRef/>") == 5
    assert "wordprocessingml.footnotes+xml" in types


@pytest.fixture
def office():
    if SOFFICE is None:
        if os.environ.get("REQUIRE_OFFICE") == "1":
            pytest.fail(
                "REQUIRE_OFFICE=1 but LibreOffice is missing; apt-get install libreoffice-writer-nogui"
            )
        pytest.skip("LibreOffice is not installed (CI installs it)")
    return SOFFICE


def _docx_to_pdf(office: str, data: bytes, tmp_path: Path) -> bytes:
    source = tmp_path / "document.docx"
    source.write_bytes(data)
    subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (tmp_path / "document.pdf").read_bytes()


def test_docx_opens_in_a_word_processor_with_the_same_pages(annual_2020, office, tmp_path):
    pdf = _docx_to_pdf(office, _archive(annual_2020, "docx"), tmp_path)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 7  # LibreOffice sets the type a little tighter than WeasyPrint
    text = " ".join(_text(pdf).split())
    assert "Số: 339/BC-LĐLĐ" in text and "Tổng điểm 950 50 920 50 970" in text
    png = _page_png(pdf, tmp_path, "annual-2020-docx")
    _matches_reference(png, "annual-2020-docx-page1", tolerance=0.004)


# --- A computed block without its source ------------------------------------------------------------


def test_a_block_without_its_source_prints_nothing_in_the_pdf_the_docx_or_the_preview(
    lai_chau, writer, client
):
    """The campaign plan of a year without a campaign (make_report campaign-plan --year
    2021): the section's heading stays, then straight the next section; the note for staff
    ("chưa chọn phong trào …") is on the draft page only."""
    document = draft("campaign-plan", lai_chau, 2021, writer)
    content = assemble(document)
    heading, following = "1. Chủ đề, thời gian, đối tượng", "2. Nội dung trọng tâm"
    client.force_login(writer)
    page = client.get(f"/van-ban/{document.pk}/")
    preview = " ".join(re.sub(r"<[^>]+>", " ", str(page.context["preview"])).split())
    pdf = " ".join(_text(pdf_render(content)[0]).split())
    docx = " ".join(p.text for p in open_docx(io.BytesIO(docx_bytes(content))).paragraphs)
    for text in (preview, pdf, docx):
        assert f"{heading} {following}" in text
        assert "Chưa chọn" not in text and "chưa có số liệu" not in text
    assert page.context["missing"] == [
        "Phần “1. Chủ đề, thời gian, đối tượng” (Chủ đề và nội dung phong trào) chưa có số liệu: chọn "
        "phong trào."
    ]
