"""The files read into the emulation cycle (emulation.imports), without a request."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from emulation.enums import EmulationTitle
from emulation.imports import read_grid_file, read_plan_file, title_cell_count
from units.imports import ImportFileError

GRID_TITLES_HEADER = "ma_don_vi,ttldxs,Lao động tiên tiến\n"


def test_plan_file_reads_tasks_and_lists_every_bad_row():
    content = (
        "quy,noi_dung,don_vi_thuc_hien,han\n"
        "1,Phát động thi đua,Ban Chính sách,15/02/2023\n"
        "5,Sơ kết,,\n"
        "2,,,31/02/2023\n"
    ).encode()
    read = read_plan_file("ke-hoach.csv", content)
    assert read.tasks == [
        {
            "quarter": 1,
            "content": "Phát động thi đua",
            "responsible_text": "Ban Chính sách",
            "due_on": datetime.date(2023, 2, 15),
        },
        {"quarter": 2, "content": "", "responsible_text": "", "due_on": None},
    ]
    assert read.errors == [
        "Dòng 3: quý phải từ 1 đến 4.",
        "Dòng 4: hạn “31/02/2023” không đúng dạng dd/mm/yyyy.",
        "Dòng 4: thiếu nội dung.",
    ]


def test_plan_file_without_its_columns_is_refused():
    with pytest.raises(ImportFileError, match="Thiếu cột: quy"):
        read_plan_file("ke-hoach.csv", b"noi_dung\nA\n")


def test_grid_file_reads_titles_by_code_or_name_and_refuses_other_units(org):
    content = (GRID_TITLES_HEADER + "a1,x,12\nB1,,3\nA2,,4\n").encode()
    read = read_grid_file("dang-ky.csv", content, parent=org.a, units=[org.a, org.a1, org.a2], sent={"A2"})
    assert read.rows == {
        org.a1: {t: 0 for t in EmulationTitle}
        | {EmulationTitle.COLLECTIVE_EXCELLENT: 1, EmulationTitle.ADVANCED_WORKER: 12}
    }
    assert read.errors == [
        "Dòng 3: B1 không thuộc LĐLĐ huyện A.",
        "Dòng 4: A2 đã gửi đăng ký, không sửa được.",
    ]


def test_title_cell_count_names_the_cell():
    assert title_cell_count(EmulationTitle.ADVANCED_WORKER, "1.200", cell="A1") == 1200
    assert title_cell_count(EmulationTitle.COLLECTIVE_EXCELLENT, "Có", cell="A1") == 1
    with pytest.raises(ValidationError) as refused:
        title_cell_count(EmulationTitle.ADVANCED_WORKER, "-3", cell="A1, Lao động tiên tiến")
    assert refused.value.messages == ["A1, Lao động tiên tiến: “-3”: số người không được âm."]
