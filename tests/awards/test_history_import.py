"""Past years' history imported from a file, all or nothing."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from awards.enums import HistoryKind
from awards.models import HistoryEntry, Person

HEADER = "ho_ten,gioi_tinh,nam_sinh,dan_toc,chuc_vu,ma_don_vi,nam,loai,gia_tri,mo_ta\n"


def test_import_history_creates_people_and_entries(org, tmp_path):
    path = tmp_path / "qua-trinh.csv"
    path.write_text(
        HEADER
        + "Lò Thị Mai,nữ,1985,Thái,Kế toán,A1,2019,danh_hieu,ldtt,\n"
        + "Lò Thị Mai,,,,,A1,2019,xep_loai,htxsnv,\n"
        + "Lò Thị Mai,,,,,A1,2020,sang_kien,2,Sáng kiến quản lý kho\n"
        + ",,,,,A1,2020,danh_hieu,ttldxs,\n",
        encoding="utf-8",
    )
    call_command("import_history", str(path), stdout=io.StringIO())
    mai = Person.objects.get()
    assert (mai.full_name, mai.gender, mai.birth_year, mai.ethnicity, mai.unit) == (
        "Lò Thị Mai",
        "nu",
        1985,
        "Thái",
        org.a1,
    )
    assert sorted(mai.history.values_list("year", "kind")) == [
        (2019, HistoryKind.RATING),
        (2019, HistoryKind.TITLE),
        (2020, HistoryKind.INITIATIVE),
    ]
    assert HistoryEntry.objects.get(unit=org.a1).title == "ttldxs"


def test_import_history_with_a_bad_row_saves_nothing(org, tmp_path):
    path = tmp_path / "qua-trinh.csv"
    path.write_text(
        HEADER
        + "Lò Thị Mai,nữ,1985,Thái,,A1,2019,danh_hieu,ldtt,\n"
        + "Giàng A Sử,nam,,,,A1,2019,ky_luat,9,\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_history", str(path), stderr=err)
    assert "Dòng 3: Mức kỷ luật phải từ 1 (khiển trách) đến 4." in err.getvalue()
    assert not Person.objects.exists() and not HistoryEntry.objects.exists()
