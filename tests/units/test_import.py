import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from units.enums import AuditAction, Sector, UnitKind
from units.imports import ImportFileError, ImportRow, sign_preview, unsign_preview
from units.models import AuditEntry, Unit

URL = "/don-vi/nhap/"
HEADER = "ma,ten,loai,khoi,ma_cap_tren\n"


def _csv(text: str, name: str = "don-vi.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (HEADER + text).encode("utf-8"), content_type="text/csv")


def _xlsx(rows: list[list[str]]) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Mã", "Tên", "Tên viết tắt", "Loại", "Khối", "Mã cấp trên"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("don-vi.xlsx", buffer.getvalue())


def test_import_preview_then_save_creates_tree(client, org, staff_user):
    client.force_login(staff_user)
    upload = _csv(
        "CD-NEW,Công đoàn khối Doanh nghiệp,Công đoàn khối,,P\n"
        "CDCS-N1,CĐCS Công ty Nước,cdcs,SXKD,CD-NEW\n"
        "CDCS-N2,CĐCS Trường Tiểu học,Công đoàn cơ sở,HCSN,A\n"
    )
    response = client.post(URL, {"file": upload})
    assert response.status_code == 200
    assert not response.context["has_errors"]
    assert Unit.objects.filter(code__startswith="CD").count() == 0  # preview saves nothing
    response = client.post(URL, {"payload": response.context["payload"]})
    assert response.status_code == 302
    new_bloc = Unit.objects.get(code="CD-NEW")
    assert new_bloc.kind == UnitKind.BLOC_UNION and new_bloc.parent == org.province
    n1 = Unit.objects.get(code="CDCS-N1")
    assert (n1.parent, n1.sector, n1.path) == (new_bloc, Sector.SXKD, f"{new_bloc.path}{n1.pk}/")
    assert Unit.objects.get(code="CDCS-N2").parent == org.a
    assert AuditEntry.objects.get(action=AuditAction.IMPORT).changes == {
        "created": ["CD-NEW", "CDCS-N1", "CDCS-N2"]
    }


def test_import_with_one_bad_row_saves_nothing_and_names_every_bad_row(client, org, staff_user):
    client.force_login(staff_user)
    count = Unit.objects.count()
    upload = _csv(
        "OK-1,CĐCS Tốt,cdcs,HCSN,A\n"  # line 2: fine
        "A1,CĐCS trùng mã,cdcs,HCSN,A\n"  # line 3: code already used
        "X-2,CĐCS mồ côi,cdcs,HCSN,KHONG-CO\n"  # line 4: unknown parent
        "X-3,CĐCS loại lạ,doanh nghiep,HCSN,A\n"  # line 5: bad kind
        "C-1,Vòng 1,cdcs,,C-2\n"  # line 6: cycle with line 7
        "C-2,Vòng 2,cdcs,,C-1\n"
        "OK-1,CĐCS trùng trong tệp,cdcs,HCSN,A\n"  # line 8: duplicate in file
    )
    response = client.post(URL, {"file": upload})
    assert response.context["has_errors"]
    assert "payload" not in response.context
    errors = {row.line: " ".join(row.errors) for row in response.context["rows"] if row.errors}
    assert "A1 đã có trong hệ thống" in errors[3]
    assert "Không tìm thấy đơn vị cấp trên có mã KHONG-CO" in errors[4]
    assert "Loại đơn vị không hợp lệ" in errors[5]
    assert "Vòng lặp" in errors[6] and "Vòng lặp" in errors[7]
    assert "nhiều lần" in errors[2] and "nhiều lần" in errors[8]
    body = response.content.decode()
    assert "Chưa có đơn vị nào được lưu" in body
    assert Unit.objects.count() == count


def test_import_refuses_tampered_payload(client, org, staff_user):
    client.force_login(staff_user)
    count = Unit.objects.count()
    response = client.post(URL, {"payload": '{"filename": "x", "rows": []}:forged'})
    assert response.status_code == 302
    assert Unit.objects.count() == count


def test_import_parent_outside_scope_is_a_bad_row(client, org, alice):
    # Unit staff may not import; a district admin may, but only under its own subtree.
    from tests.conftest import make_user
    from units.enums import Role

    district_admin = make_user("admin_a", org.a, Role.ADMIN)
    client.force_login(district_admin)
    response = client.post(URL, {"file": _csv("A-9,CĐCS mới,cdcs,HCSN,B\n")})
    errors = [e for row in response.context["rows"] for e in row.errors]
    assert errors == ["Đơn vị cấp trên B nằm ngoài phạm vi quản lý của bạn."]


def test_import_xlsx_with_vietnamese_headers(client, org, staff_user):
    client.force_login(staff_user)
    upload = _xlsx([["CDCS-X1", "CĐCS Chè Than Uyên", "Chè TU", "Công đoàn cơ sở", "SXKD", "B"]])
    response = client.post(URL, {"file": upload})
    assert not response.context["has_errors"], [r.errors for r in response.context["rows"]]
    client.post(URL, {"payload": response.context["payload"]})
    unit = Unit.objects.get(code="CDCS-X1")
    assert (unit.short_name, unit.parent, unit.sector) == ("Chè TU", org.b, Sector.SXKD)


def test_import_rejects_other_file_types_in_vietnamese(client, org, staff_user):
    client.force_login(staff_user)
    upload = SimpleUploadedFile("don-vi.txt", b"ma,ten\n")
    response = client.post(URL, {"file": upload})
    assert "Chỉ nhận tệp .csv hoặc .xlsx." in response.content.decode()


def test_import_reports_missing_columns(client, org, staff_user):
    client.force_login(staff_user)
    upload = SimpleUploadedFile("x.csv", b"ma,ten\nA,B\n")
    response = client.post(URL, {"file": upload})
    assert (
        "Thiếu cột: loai, ma_cap_tren. Cần các cột ma, ten, loai, ma_cap_tren." in response.content.decode()
    )


def test_signed_preview_comes_back_as_its_rows_and_refuses_a_change():
    row = ImportRow(
        line=2,
        code="X",
        name="Đơn vị X",
        short_name="",
        kind=UnitKind.GRASSROOTS,
        sector=Sector.NONE,
        parent_code="P",
    )
    rows = [row]
    signed = sign_preview("don-vi.csv", rows)
    assert unsign_preview(signed) == ("don-vi.csv", rows)
    with pytest.raises(ImportFileError):
        unsign_preview(signed.replace('"line": 2', '"line": 3'))
