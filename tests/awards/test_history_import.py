"""Past years' history imported from a file, all or nothing."""

import html
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

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


def _csv(**overrides) -> bytes:
    """One row of Lò Thị Mai's history with some columns replaced."""
    import csv

    cells = {
        "ho_ten": "Lò Thị Mai",
        "gioi_tinh": "nữ",
        "nam_sinh": "1985",
        "dan_toc": "Thái",
        "chuc_vu": "Kế toán",
        "ma_don_vi": "A1",
        "nam": "2019",
        "loai": "danh_hieu",
        "gia_tri": "ldtt",
        "mo_ta": "",
    } | overrides
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(cells))
    writer.writeheader()
    writer.writerow(cells)
    return buffer.getvalue().encode()


THIS_YEAR = timezone.localdate().year
BAD_VALUES = [
    ({"ho_ten": "A" * 300}, "Cột ho_ten dài 300 ký tự, tối đa 150 ký tự."),
    ({"chuc_vu": "B" * 300}, "Cột chuc_vu dài 300 ký tự, tối đa 150 ký tự."),
    ({"dan_toc": "C" * 61}, "Cột dan_toc dài 61 ký tự, tối đa 60 ký tự."),
    ({"mo_ta": "D" * 5000}, "Cột mo_ta dài 5000 ký tự, tối đa 255 ký tự."),
    (
        {"nam_sinh": "99999999999"},
        f"Năm sinh “99999999999” không hợp lệ: cần một năm từ 1900 đến {THIS_YEAR}.",
    ),
    ({"nam_sinh": "-5"}, f"Năm sinh “-5” không hợp lệ: cần một năm từ 1900 đến {THIS_YEAR}."),
    ({"nam_sinh": "1850"}, f"Năm sinh “1850” không hợp lệ: cần một năm từ 1900 đến {THIS_YEAR}."),
]


@pytest.mark.parametrize(("cells", "message"), BAD_VALUES, ids=[next(iter(c)) for c, _m in BAD_VALUES])
def test_history_import_page_lists_values_too_long_or_out_of_range_and_saves_nothing(
    client, org, alice, cells, message
):
    """On PostgreSQL these values made the import fail with a DataError (a 500); SQLite
    saved them, or (a birth year of -5) dropped them silently."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(alice)
    upload = SimpleUploadedFile("qua-trinh.csv", _csv(**cells), content_type="text/csv")
    response = client.post(reverse("awards:history_import"), {"file": upload})
    assert response.status_code == 200
    assert [row.errors for row in response.context["rows"]] == [[message]]
    text = " ".join(html.unescape(strip_tags(response.content.decode())).split())
    assert f"Dòng 2: {message}" in text
    assert "C" * 61 not in text  # the ethnicity is sensitive: never echoed
    assert not Person.objects.exists() and not HistoryEntry.objects.exists()


@pytest.mark.parametrize(
    ("cells", "message"), BAD_VALUES[:5], ids=[next(iter(c)) for c, _m in BAD_VALUES[:5]]
)
def test_import_history_command_refuses_values_too_long_or_out_of_range(org, tmp_path, cells, message):
    path = tmp_path / "qua-trinh.csv"
    path.write_bytes(_csv(**cells))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_history", str(path), stderr=err)
    assert err.getvalue() == f"Dòng 2: {message}\n"
    assert not Person.objects.exists() and not HistoryEntry.objects.exists()


def test_import_history_keeps_a_birth_year_and_texts_at_their_limits(org, tmp_path):
    path = tmp_path / "qua-trinh.csv"
    path.write_bytes(
        _csv(ho_ten="A" * 150, chuc_vu="B" * 150, dan_toc="C" * 60, mo_ta="D" * 255, nam_sinh="1900")
    )
    call_command("import_history", str(path), stdout=io.StringIO())
    person = Person.objects.get()
    assert (len(person.full_name), len(person.position), len(person.ethnicity), person.birth_year) == (
        150,
        150,
        60,
        1900,
    )
    assert len(person.history.get().description) == 255
