"""Every import checks each value against what its column keeps before saving anything.

The limits are PostgreSQL's, read from the model fields (units.imports.value_error):
SQLite enforces no max_length and stores any integer, so there these files were saved
as they were; on PostgreSQL they ended in a DataError half-way (a 500 on the pages).
Each test asserts the row's message and an unchanged database, on both engines. One
module for all importers because they share the check; each test names its importer.
"""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from awards.models import QuotaAllocation, QuotaEvent
from emulation.models import AnnualPlan, Indicator, IndicatorValue, PlanTask
from scoring.models import CriteriaTable, Criterion, ItemScore
from units.imports import value_error
from units.models import Unit


def _refused(*args) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(*args, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def _file(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# --- The check itself ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "field", "value", "message"),
    [
        (Unit, "name", "x" * 255, ""),
        (Unit, "name", "x" * 256, "Cột ten dài 256 ký tự, tối đa 255 ký tự."),
        (QuotaAllocation, "collectives_hcsn", 2_147_483_647, ""),
        (
            QuotaAllocation,
            "collectives_hcsn",
            2_147_483_648,
            "Cột ten: 2.147.483.648 nằm ngoài khoảng 0–2.147.483.647.",
        ),
        (ItemScore, "achieved", Decimal("999999.9"), ""),
        (
            ItemScore,
            "achieved",
            Decimal("1000000"),
            "Cột ten: 1.000.000 vượt quá giá trị lớn nhất cột này lưu được (999.999,9).",
        ),
        (ItemScore, "achieved", Decimal("12.25"), "Cột ten: 12,25 có quá 1 chữ số sau dấu phẩy."),
        (ItemScore, "achieved", Decimal("12.50"), ""),
        (IndicatorValue, "actual", Decimal("99999999999999.99"), ""),
    ],
)
def test_value_error_reads_the_limit_from_the_model_field(model, field, value, message):
    assert value_error(model, field, value, column="ten") == message


# --- units: the unit import page -------------------------------------------------------------


def test_unit_import_preview_lists_a_name_and_code_too_long(client, org, staff_user):
    client.force_login(staff_user)
    count = Unit.objects.count()
    text = f"ma,ten,ten_viet_tat,loai,khoi,ma_cap_tren\n{'M' * 41},{'T' * 300},{'V' * 121},cdcs,HCSN,A\n"
    response = client.post("/don-vi/nhap/", {"file": SimpleUploadedFile("don-vi.csv", text.encode())})
    assert response.status_code == 200
    assert [r.errors for r in response.context["rows"]] == [
        [
            "Cột ma dài 41 ký tự, tối đa 40 ký tự.",
            "Cột ten dài 300 ký tự, tối đa 255 ký tự.",
            "Cột ten_viet_tat dài 121 ký tự, tối đa 120 ký tự.",
        ]
    ]
    assert "payload" not in response.context and Unit.objects.count() == count


# --- awards: the quota import ------------------------------------------------------------------


def test_import_quota_refuses_a_count_out_of_range_and_an_event_name_too_long(org, tmp_path):
    header = "don_vi,tap_the_hcsn,tap_the_sxkd,ca_nhan_hcsn,ca_nhan_sxkd\n"
    path = _file(tmp_path, "phan-bo.csv", header + "A,99999999999,0,1,2\nB,1,0,1,2\n")
    err = _refused("import_quota", path, "--event", "Hội nghị 2020")
    assert err == "Dòng 2: Cột tap_the_hcsn: 99.999.999.999 nằm ngoài khoảng 0–2.147.483.647.\n"
    path = _file(tmp_path, "phan-bo-2.csv", header + "A,1,0,1,2\n")
    err = _refused("import_quota", path, "--event", "Hội nghị 2020 " + "x" * 300)
    assert err == "Cột tên sự kiện dài 314 ký tự, tối đa 255 ký tự.\n"
    assert not QuotaEvent.objects.exists() and not QuotaAllocation.objects.exists()


# --- emulation: the plan import page and the indicator import -------------------------------------


def test_plan_import_lists_a_responsible_text_too_long(client, org, staff_user):
    client.force_login(staff_user)
    text = f"quy,noi_dung,don_vi_thuc_hien\n1,Việc một,Các LĐLĐ huyện\n2,Việc hai,{'Đ' * 256}\n"
    response = client.post(
        "/thi-dua/ke-hoach/nhap/",
        {"year": 2023, "title": "KH", "file": SimpleUploadedFile("ke-hoach.csv", text.encode())},
    )
    assert response.status_code == 200
    assert response.context["errors"] == ["Dòng 3: Cột don_vi_thuc_hien dài 256 ký tự, tối đa 255 ký tự."]
    assert not AnnualPlan.objects.exists() and not PlanTask.objects.exists()


def test_import_indicators_refuses_a_name_a_measure_and_a_figure_too_large(org, tmp_path):
    from units.enums import GroupingKind
    from units.services import grouping_create

    grouping_create(
        year=2023,
        name="Cụm thi đua",
        kind=GroupingKind.CLUSTER,
        owner=org.province,
        members=[org.province, org.outside],
        leader=org.province,
        by=None,
    )
    text = (
        "tinh,chi_tieu,don_vi_tinh,thuc_hien,ke_hoach\n"
        f"P,{'C' * 256},sáng kiến,10,\n"
        f"P,Sáng kiến,{'đ' * 61},10,\n"
        "P,Đoàn viên mới,người,100000000000000000,\n"
        'P,Quỹ,đồng,"1,005",\n'
    )
    err = _refused(
        "import_indicators",
        _file(tmp_path, "so-lieu.csv", text),
        "--grouping",
        "Cụm thi đua",
        "--period",
        "2023-H1",
    )
    assert err.splitlines() == [
        "Dòng 2: Cột chi_tieu dài 256 ký tự, tối đa 255 ký tự.",
        "Dòng 3: Cột don_vi_tinh dài 61 ký tự, tối đa 60 ký tự.",
        "Dòng 4: Cột thuc_hien: 100.000.000.000.000.000 vượt quá giá trị lớn nhất cột này lưu được "
        "(99.999.999.999.999,99).",
        "Dòng 5: Cột thuc_hien: 1,005 có quá 2 chữ số sau dấu phẩy.",
    ]
    assert not Indicator.objects.exists() and not IndicatorValue.objects.exists()


# --- scoring: criteria and score files -------------------------------------------------------------


def test_import_criteria_refuses_a_code_a_rule_and_points_too_long(org, tmp_path):
    text = (
        "ma,noi_dung,diem_chuan,diem_thuong_toi_da,quy_tac,cach_cham,chi_so\n"
        f"{'I' * 41},Công tác tổ chức,10,0,,,\n"
        f"II,Công tác thi đua,10,0,{'tru:5;' * 50},,\n"
        "III,Công tác khen thưởng,10000000,0,,,\n"
        f"IV,Công tác khác,10,0,,,{'m' * 61}\n"
    )
    err = _refused(
        "import_criteria",
        _file(tmp_path, "tieu-chi.csv", text),
        "--code",
        "T",
        "--name",
        "T",
        "--year",
        "2020",
    )
    lines = err.splitlines()
    assert lines[0] == f"Dòng 2 ({'I' * 41}): Cột ma dài 41 ký tự, tối đa 40 ký tự."
    assert lines[1].startswith("Dòng 3 (II): Cột quy_tac dài 300 ký tự, tối đa 255 ký tự. ")
    assert lines[2] == (
        "Dòng 4 (III): Cột diem_chuan: 10.000.000 vượt quá giá trị lớn nhất cột này lưu được (999.999,9)."
    )
    assert lines[3].startswith("Dòng 5 (IV): Cột chi_so dài 61 ký tự, tối đa 60 ký tự. ")
    assert not CriteriaTable.objects.exists() and not Criterion.objects.exists()


def test_import_scores_refuses_points_too_large(org, tmp_path):
    criteria = "ma,noi_dung,diem_chuan,diem_thuong_toi_da,quy_tac\nI,Công tác tổ chức,10,5,\n"
    call_command(
        "import_criteria",
        _file(tmp_path, "tieu-chi.csv", criteria),
        "--code",
        "T",
        "--name",
        "Bảng T",
        "--year",
        "2020",
        "--publish",
        stdout=io.StringIO(),
    )
    scores = "ma,diem_thuc_hien,diem_thuong\nI,99999999,100000000\n"
    err = _refused("import_scores", _file(tmp_path, "diem.csv", scores), "--table", "T", "--unit", "P")
    assert err.splitlines()[0] == (
        "Dòng 2 (I): Cột diem_thuc_hien: 99.999.999 vượt quá giá trị lớn nhất cột này lưu được (999.999,9). "
        "Cột diem_thuong: 100.000.000 vượt quá giá trị lớn nhất cột này lưu được (999.999,9)."
    )
    assert not ItemScore.objects.exists()
