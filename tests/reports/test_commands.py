import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document as open_docx
from pypdf import PdfReader

from reports.default_templates import TEMPLATES
from reports.models import Document, DocumentTemplate, TemplateSection
from tests.emulation.conftest import import_cluster_figures
from tests.reports.conftest import draft, issue


def make_report(*args) -> str:
    err = io.StringIO()
    call_command("make_report", *args, stderr=err)
    return err.getvalue()


def test_an_issued_document_is_written_from_its_archive_byte_for_byte(
    seed_table, lai_chau, writer, tmp_path, django_capture_on_commit_callbacks
):
    document = draft("annual", lai_chau, 2020, writer, criteria_table=seed_table)
    issue(document, writer, datetime.date(2020, 11, 19), capture=django_capture_on_commit_callbacks)
    for fmt in ("pdf", "docx"):
        out = tmp_path / f"bao-cao.{fmt}"
        said = make_report(
            "annual", "--year", "2020", "--unit", "LDLD-LC", "--format", fmt, "--out", str(out)
        )
        assert "01/BC-LĐLĐ" in said and "bản lưu trữ" in said
        with document.renderings.get(format=fmt).file.open("rb") as archive:
            assert out.read_bytes() == archive.read()


def test_a_draft_is_rendered_as_it_reads_now(seed_table, lai_chau, writer, tmp_path):
    draft("annual", lai_chau, 2020, writer, criteria_table=seed_table)
    out = tmp_path / "du-thao.docx"
    unit = "Liên đoàn Lao động tỉnh Lai Châu"  # by its name, as well as by its code
    said = make_report("annual", "--year", "2020", "--unit", unit, "--format", "docx", "--out", str(out))
    assert "(dự thảo)" in said
    text = "\n".join(p.text for p in open_docx(out).paragraphs)
    assert "DỰ THẢO" in text and "NHIỆM VỤ TRỌNG TÂM NĂM 2021" in text


def test_without_any_document_the_template_is_rendered_and_nothing_saved(cluster, tmp_path):
    import_cluster_figures(cluster)
    out = tmp_path / "cum.pdf"
    said = make_report(
        "midyear-cluster", "--year", "2023", "--unit", "LDLD-LC", "--out", str(out), "--period", "2023-H1"
    )
    assert "theo mẫu, chưa lưu" in said
    reader = PdfReader(out)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "/BC-CTĐ" in text  # a draft's number is left blank
    assert "27.175" in text and "2.751/2.300" in text
    assert not Document.objects.exists()


def test_make_report_refuses_an_unknown_kind_or_unit_or_an_unfinished_archive(
    lai_chau, writer, tmp_path, seed_table
):
    out = str(tmp_path / "x.pdf")
    with pytest.raises(CommandError, match="Không có mẫu văn bản “thang”"):
        make_report("thang", "--year", "2023", "--unit", "LDLD-LC", "--out", out)
    with pytest.raises(CommandError, match="No unit"):
        make_report("annual", "--year", "2023", "--unit", "KHONG-CO", "--out", out)
    document = draft("annual", lai_chau, 2020, writer, criteria_table=seed_table)
    issue(document, writer, datetime.date(2020, 11, 19))  # no worker ran: the archive is still queued
    with pytest.raises(CommandError, match="chưa tạo xong"):
        make_report("annual", "--year", "2020", "--unit", "LDLD-LC", "--out", out)
    assert not (tmp_path / "x.pdf").exists()


def test_load_document_templates_creates_missing_and_resets_on_request(db):
    annual = DocumentTemplate.objects.get(code="annual")
    annual.name = "Đã sửa"
    annual.save()
    DocumentTemplate.objects.get(code="plan").delete()
    out = io.StringIO()
    call_command("load_document_templates", stdout=out)
    assert out.getvalue().strip() == "plan"
    annual.refresh_from_db()
    assert annual.name == "Đã sửa"  # staff's edit is kept
    call_command("load_document_templates", "--reset", stdout=io.StringIO())
    annual.refresh_from_db()
    assert annual.name == "Báo cáo tổng kết công tác thi đua, khen thưởng năm"
    assert DocumentTemplate.objects.count() == len(TEMPLATES) == 8
    assert TemplateSection.objects.filter(
        template__code="midyear-cluster", block="indicator_summary"
    ).exists()


def test_make_report_reads_a_cluster_named_on_the_command_line(cluster, tmp_path):
    import_cluster_figures(cluster)
    out = tmp_path / "cum.pdf"
    args = ["--year", "2023", "--unit", "LDLD-LC", "--out", str(out), "--period", "2023-H1"]
    make_report("midyear-cluster", *args, "--grouping", cluster.name)
    assert out.stat().st_size > 10_000
    with pytest.raises(CommandError, match="Không có khối, cụm"):
        make_report("midyear-cluster", *args, "--grouping", "Cụm khác")


def test_make_report_leaves_out_a_block_without_its_source_and_says_so(lai_chau, tmp_path):
    """The campaign plan of 2021, a year without a campaign: the file has no "(Chưa chọn
    phong trào …)" in it, and whoever runs the job reads what is missing."""
    out = tmp_path / "ke-hoach-2021.pdf"
    said = make_report("campaign-plan", "--year", "2021", "--unit", "LDLD-LC", "--out", str(out))
    assert said.splitlines()[1:] == [
        "Cảnh báo: Phần “1. Chủ đề, thời gian, đối tượng” (Chủ đề và nội dung phong trào) chưa có số "
        "liệu: chọn phong trào."
    ]
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "1. Chủ đề, thời gian, đối tượng 2. Nội dung trọng tâm" in text
    assert "Chưa chọn" not in text and "chưa có số liệu" not in text
