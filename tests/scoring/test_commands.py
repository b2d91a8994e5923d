"""import_criteria → import_scores → score_totals on the seed 000 files, and refusals."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from scoring.enums import SheetState, TableStatus
from scoring.models import CriteriaTable, Criterion, ItemScore, ScoreSheet
from scoring.services import set_score_sheet_state
from tests.scoring.conftest import (
    CRITERIA_CSV,
    MTTQ_BLOC,
    SEED_SELF_TOTALS,
    SELF_SCORE_CSV,
    as_xlsx,
    edited_csv,
    import_scores,
    import_table,
    write_file,
)
from units.models import AuditEntry


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args) -> tuple[str, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(*args, stdout=io.StringIO(), stderr=err)
    return str(exc.value), err.getvalue()


def import_criteria(path=CRITERIA_CSV, *extra):
    return run(
        "import_criteria",
        str(path),
        "--code",
        "mttq2020",
        "--name",
        "Bảng tiêu chí Khối MTTQ 2020",
        "--year",
        "2020",
        "--bloc",
        MTTQ_BLOC,
        *extra,
    )


def test_commands_import_and_total_seed_self_score(org, mttq_bloc):
    out, _err = import_criteria(CRITERIA_CSV, "--publish")
    assert out == "Imported MTTQ2020 v1: 63 criteria, 44 scored items.\n"
    table = CriteriaTable.objects.get()
    assert (table.status, table.grouping, table.owner, table.year) == (
        "published",
        mttq_bloc,
        org.province,
        2020,
    )

    out, _err = run("import_scores", str(SELF_SCORE_CSV), "--table", "MTTQ2020", "--unit", "P")
    assert out.startswith("44 scores saved for LĐLĐ tỉnh P on ")

    out, _err = run("score_totals", "--table", "mttq2020", "--unit", "LĐLĐ tỉnh P", "--json")
    assert json.loads(out) == SEED_SELF_TOTALS


def test_score_totals_text_output(org, mttq_table):
    import_scores(mttq_table, org.province)
    out, _err = run("score_totals", "--table", "MTTQ2020", "--unit", "p")
    lines = out.splitlines()
    assert len(lines) == 5
    assert lines[0].startswith("LĐLĐ tỉnh P — ")
    assert lines[0].endswith("(Tự chấm)")
    assert lines[1].split() == ["I", "550", "/", "550", "+", "10", "/", "10"]
    assert lines[3].split() == ["III", "195", "/", "200", "+", "40", "/", "40"]
    assert lines[4] == "  Tổng: 920 + 50 = 970"


def test_import_scores_appraised_kind_and_totals(org, bloc_table, alice, tmp_path):
    sheet = import_scores(bloc_table, org.a)
    set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=alice)
    # The appraisers take 25 off I.1 (not done well).
    content = edited_csv(SELF_SCORE_CSV, cells={"I.1": {"diem_thuc_hien": "125"}})
    path = write_file(tmp_path, "tham-dinh.csv", content)
    run("import_scores", str(path), "--table", "KHOIHUYEN2020", "--unit", "A", "--kind", "appraised")
    out, _err = run(
        "score_totals", "--table", "KHOIHUYEN2020", "--unit", "A", "--kind", "appraised", "--json"
    )
    appraised = json.loads(out)
    assert (appraised["achieved"], appraised["bonus"], appraised["total"]) == (895, 50, 945)
    assert appraised["sections"][0]["achieved"] == 525
    out, _err = run("score_totals", "--table", "KHOIHUYEN2020", "--unit", "A", "--json")
    assert json.loads(out) == SEED_SELF_TOTALS


def test_import_scores_records_an_outside_leader_s_result_with_its_document(org, mttq_table, tmp_path):
    sheet = import_scores(mttq_table, org.province)
    set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=None)
    content = edited_csv(SELF_SCORE_CSV, cells={"I.1": {"diem_thuc_hien": "125"}})
    path = write_file(tmp_path, "ket-qua-khoi.csv", content)
    args = ("import_scores", str(path), "--table", "MTTQ2020", "--unit", "P", "--kind", "appraised")
    assert refused(*args)[0] == (
        "Khối MTTQ và các đoàn thể tỉnh is scored by its leader: record its result with "
        "--document-number and --document-date."
    )
    message, err = refused(*args, "--document-number", "08/TB-MTTQ", "--document-date", "12/01/2999")
    assert (message, err) == (
        "Refused: 1 error(s); nothing was saved.",
        "Ngày văn bản không được sau hôm nay.\n",
    )
    run(*args, "--document-number", "08/TB-MTTQ", "--document-date", "12/01/2021", "--publish")
    sheet.refresh_from_db()
    assert (sheet.state, sheet.appraisal_source, sheet.appraiser, sheet.appraisal_document_number) == (
        SheetState.PUBLISHED,
        "recorded",
        org.outside,
        "08/TB-MTTQ",
    )
    assert sheet.appraisal_document_date.isoformat() == "2021-01-12"
    out, _err = run("score_totals", "--table", "MTTQ2020", "--unit", "P", "--kind", "appraised", "--json")
    assert json.loads(out)["total"] == 945


def test_import_criteria_without_publish_leaves_draft(org, mttq_bloc):
    import_criteria()
    import_criteria()
    assert list(CriteriaTable.objects.order_by("version").values_list("version", "status")) == [
        (1, TableStatus.DRAFT),
        (2, TableStatus.DRAFT),
    ]
    assert CriteriaTable.objects.get(version=2).previous == CriteriaTable.objects.get(version=1)


def test_import_criteria_from_xlsx(org, mttq_bloc, tmp_path):
    path = as_xlsx(CRITERIA_CSV, tmp_path, "tieu-chi.xlsx")
    out, _err = import_criteria(path, "--publish")
    assert out == "Imported MTTQ2020 v1: 63 criteria, 44 scored items.\n"
    run("import_scores", str(SELF_SCORE_CSV), "--table", "MTTQ2020", "--unit", "P")
    out, _err = run("score_totals", "--table", "MTTQ2020", "--unit", "P", "--json")
    assert json.loads(out) == SEED_SELF_TOTALS


def test_import_criteria_refused_writes_bad_rows_and_saves_nothing(org, mttq_bloc, tmp_path):
    content = edited_csv(
        CRITERIA_CSV, cells={"III": {"diem_chuan": "210"}, "III.2": {"diem_thuong_toi_da": "20"}}
    )
    message, err = refused(
        "import_criteria",
        str(write_file(tmp_path, "sai.csv", content)),
        "--code",
        "X",
        "--name",
        "X",
        "--year",
        "2020",
        "--bloc",
        MTTQ_BLOC,
        "--publish",
    )
    assert message == "Refused: 2 bad row(s); nothing was saved."
    assert err == (
        "Dòng 20 (III): Điểm chuẩn ghi 210 nhưng các mục con cộng lại 200.\n"
        "Dòng 31 (III.2): Điểm thưởng ghi 20 nhưng các mục con cộng lại 15.\n"
    )
    assert (CriteriaTable.objects.count(), Criterion.objects.count()) == (0, 0)


def test_import_criteria_refuses_unparseable_rule_naming_row(org, mttq_bloc, tmp_path):
    content = edited_csv(CRITERIA_CSV, cells={"III.7": {"quy_tac": "bac:3"}})
    message, err = refused(
        "import_criteria",
        str(write_file(tmp_path, "sai.csv", content)),
        "--code",
        "X",
        "--name",
        "X",
        "--year",
        "2020",
    )
    assert message == "Refused: 1 bad row(s); nothing was saved."
    assert err == "Dòng 63 (III.7): Không hiểu quy tắc “bac:3”.\n"
    assert CriteriaTable.objects.count() == 0


def test_import_criteria_refuses_unknown_bloc_file_and_columns(org, mttq_bloc, tmp_path):
    args = ["--code", "X", "--name", "X", "--year"]
    assert refused("import_criteria", str(CRITERIA_CSV), *args, "2021", "--bloc", MTTQ_BLOC)[0] == (
        f"No bloc or cluster {MTTQ_BLOC!r} in 2021."
    )
    missing = tmp_path / "khong-co.csv"
    assert refused("import_criteria", str(missing), *args, "2020")[0] == f"No such file: {missing}"
    bad = write_file(tmp_path, "cot.csv", "ma,noi_dung\nI,Mục I\n".encode())
    assert refused("import_criteria", str(bad), *args, "2020")[0] == (
        "Thiếu cột: diem_chuan. Cần các cột ma, noi_dung, diem_chuan."
    )
    assert CriteriaTable.objects.count() == 0


def test_import_criteria_takes_bloc_by_id(org, mttq_bloc):
    run(
        "import_criteria",
        str(CRITERIA_CSV),
        "--code",
        "X",
        "--name",
        "X",
        "--year",
        "2020",
        "--bloc",
        str(mttq_bloc.pk),
    )
    assert CriteriaTable.objects.get().grouping == mttq_bloc


def test_import_scores_refused_writes_bad_rows_and_saves_nothing(org, mttq_table, tmp_path):
    content = edited_csv(
        SELF_SCORE_CSV, cells={"I.1": {"diem_thuc_hien": "140"}, "III.3.2": {"diem_thuc_hien": "18"}}
    )
    path = write_file(tmp_path, "sai.csv", content)
    message, err = refused("import_scores", str(path), "--table", "MTTQ2020", "--unit", "P")
    assert message == "Refused: 2 bad row(s); nothing was saved."
    assert err == (
        "Dòng 2 (I.1): I.1: Quy tắc “tru:25” không cho 140 điểm và 0 điểm thưởng.\n"
        "Dòng 30 (III.3.2): III.3.2: Quy tắc “nguong:35=20+10,30=20,15=15,0=10” "
        "không cho 18 điểm và 10 điểm thưởng.\n"
    )
    assert not ItemScore.objects.exists()


def test_import_scores_refused_creates_no_sheet(org, mttq_table, tmp_path):
    content = edited_csv(SELF_SCORE_CSV, cells={"I.1": {"diem_thuc_hien": "140"}})
    before = AuditEntry.objects.count()
    refused(
        "import_scores", str(write_file(tmp_path, "sai.csv", content)), "--table", "MTTQ2020", "--unit", "P"
    )
    assert not ScoreSheet.objects.exists()
    assert AuditEntry.objects.count() == before


def test_import_scores_refuses_unit_outside_bloc(org, mttq_table):
    message, err = refused("import_scores", str(SELF_SCORE_CSV), "--table", "MTTQ2020", "--unit", "A1")
    assert message == "Refused: 1 bad row(s); nothing was saved."
    assert err == "CĐCS A1 không thuộc Khối MTTQ và các đoàn thể tỉnh.\n"
    assert not ScoreSheet.objects.exists()


def test_import_scores_refuses_unknown_table_and_unit(org, mttq_table):
    assert refused("import_scores", str(SELF_SCORE_CSV), "--table", "KHONG", "--unit", "P")[0] == (
        "No criteria table with code 'KHONG'."
    )
    assert refused("import_scores", str(SELF_SCORE_CSV), "--table", "MTTQ2020", "--unit", "Không có")[0] == (
        "No unit with code or name 'Không có'."
    )
    assert not ScoreSheet.objects.exists()


def test_score_totals_refuses_unit_without_sheet(org, mttq_table):
    assert refused("score_totals", "--table", "MTTQ2020", "--unit", "HND", "--json")[0] == (
        f"Hội Nông dân tỉnh has no score sheet on {mttq_table}."
    )


def test_import_scores_goes_to_newest_version(org, mttq_bloc):
    first = import_table(owner=org.province, grouping=mttq_bloc)
    second = import_table(owner=org.province, grouping=mttq_bloc)
    run("import_scores", str(SELF_SCORE_CSV), "--table", "MTTQ2020", "--unit", "P")
    assert not first.sheets.exists()
    assert second.sheets.get().unit == org.province
