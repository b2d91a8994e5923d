"""Text from users is stored NFC, without invisible characters: through forms, imports
and the fields views read directly, and found by a search typed either way."""

import importlib
import io
import unicodedata

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook

from tests.conftest import make_user
from units.enums import Role, Sector, UnitKind
from units.forms import CleanTextMixin
from units.models import Unit, User
from units.text import clean_text

NGUYEN = "Nguyễn Thị Hằng"
NGUYEN_NFD = unicodedata.normalize("NFD", NGUYEN)
APPS = ("units", "emulation", "scoring", "awards", "reports")


def nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def test_the_decomposed_name_is_another_string_of_the_same_letters():
    assert NGUYEN_NFD != NGUYEN and not nfc(NGUYEN_NFD)
    assert (len(NGUYEN), len(NGUYEN_NFD)) == (15, 20)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (NGUYEN_NFD, NGUYEN),
        ("Nguye\u0302n", "Nguyên"),  # e and a combining circumflex
        ("Nguye\u0302\u0303n", "Nguyễn"),  # e, circumflex, tilde
        ("Lò\u200b Thị\u00ad Mai\ufeff", "Lò Thị Mai"),  # zero-width space, soft hyphen, BOM
        ("CĐCS\u202e Chè\u200d", "CĐCS Chè"),  # a bidi override and a zero-width joiner
        ("Dòng 1\r\nDòng\t2\x00\x1b", "Dòng 1\r\nDòng\t2"),  # line breaks and tabs kept
    ],
)
def test_clean_text(typed, stored):
    assert clean_text(typed) == stored


def _project_forms():
    for app in APPS:
        for module in ("forms", "views"):
            try:
                importlib.import_module(f"{app}.{module}")
            except ModuleNotFoundError:
                continue
    seen, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return sorted(
        (c for c in seen if c.__module__.split(".")[0] in APPS and c is not CleanTextMixin),
        key=lambda c: f"{c.__module__}.{c.__qualname__}",
    )


def test_every_form_of_the_project_cleans_its_text():
    """A form that does not clean would store decomposed names again: a new form either
    uses CleanTextMixin (the filters' FilterForm does)."""
    project_forms = _project_forms()
    assert len(project_forms) > 40
    assert [
        f"{c.__module__}.{c.__qualname__}" for c in project_forms if not issubclass(c, CleanTextMixin)
    ] == []


# --- Forms ----------------------------------------------------------------------------------


def test_account_typed_decomposed_is_stored_nfc_and_found_by_either_search(client, org, admin_user):
    client.force_login(admin_user)
    password = unicodedata.normalize("NFD", "Mật-khẩu-tạm-2026")
    response = client.post(
        "/tai-khoan/them/",
        {
            "username": "canbo-hang",
            "full_name": NGUYEN_NFD,
            "email": "",
            "position": unicodedata.normalize("NFD", "Chủ tịch\u200b"),
            "unit": org.a.pk,
            "role": Role.UNIT_STAFF,
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 302
    account = User.objects.get(username="canbo-hang")
    assert (account.full_name, account.position) == (NGUYEN, "Chủ tịch")
    # The password is kept exactly as typed: it is compared byte for byte.
    assert account.check_password(password) and not account.check_password(clean_text(password))
    for query in (NGUYEN, NGUYEN_NFD, "Hằng"):
        page = client.get("/tai-khoan/", {"q": query})
        assert [a.username for a in page.context["page"]] == ["canbo-hang"], query


def test_unit_name_at_the_length_limit_counts_letters_not_code_points(client, org, staff_user):
    """255 letters typed decomposed are 255 letters: the limit is checked on the NFC text."""
    name = ("Công đoàn cơ sở Trường Tiểu học Nguyễn Huệ " * 7)[:255]
    assert len(unicodedata.normalize("NFD", name)) > 255
    client.force_login(staff_user)
    response = client.post(
        "/don-vi/them/",
        {
            "parent": org.a.pk,
            "name": unicodedata.normalize("NFD", name),
            "short_name": "",
            "code": "CDCS-NH",
            "kind": UnitKind.GRASSROOTS,
            "sector": Sector.HCSN,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Unit.objects.get(code="CDCS-NH").name == name


def test_returned_reason_read_directly_by_a_view_is_stored_nfc(client, org, staff_user):
    from awards.enums import AwardKind, DossierState, IssuingLevel, Recipient
    from awards.models import AwardForm, Dossier

    form = AwardForm.objects.create(
        code="bk",
        name="Bằng khen",
        issuing_level=IssuingLevel.PROVINCE_FEDERATION,
        recipient=Recipient.BOTH,
        kind=AwardKind.COMPREHENSIVE,
    )
    dossier = Dossier.objects.create(
        proposing_unit=org.a, year=2026, award_form=form, title="Hồ sơ", state=DossierState.APPRAISING
    )
    client.force_login(staff_user)
    reason = unicodedata.normalize("NFD", "Bổ sung biên bản họp xét\u200b")
    client.post(f"/khen-thuong/ho-so/{dossier.pk}/trang-thai/", {"to": "returned", "reason": reason})
    dossier.refresh_from_db()
    assert (dossier.state, dossier.returned_reason) == (DossierState.RETURNED, "Bổ sung biên bản họp xét")


# --- Imports ------------------------------------------------------------------------------------


def test_unit_import_csv_and_xlsx_store_names_nfc(client, org, staff_user):
    client.force_login(staff_user)
    name_csv = unicodedata.normalize("NFD", "CĐCS Trường Tiểu học Nguyễn Huệ")
    csv_file = SimpleUploadedFile(
        "don-vi.csv", f"ma,ten,loai,khoi,ma_cap_tren\nCDCS-C1,{name_csv}\u200b,cdcs,HCSN,A\n".encode()
    )
    response = client.post("/don-vi/nhap/", {"file": csv_file})
    client.post("/don-vi/nhap/", {"payload": response.context["payload"]})
    workbook = Workbook()
    workbook.active.append(["Mã", "Tên", "Loại", "Khối", "Mã cấp trên"])
    workbook.active.append(
        ["CDCS-X1", unicodedata.normalize("NFD", "CĐCS Chè Than Uyên"), "cdcs", "SXKD", "B"]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post("/don-vi/nhap/", {"file": SimpleUploadedFile("don-vi.xlsx", buffer.getvalue())})
    client.post("/don-vi/nhap/", {"payload": response.context["payload"]})
    assert dict(Unit.objects.filter(code__in=["CDCS-C1", "CDCS-X1"]).values_list("code", "name")) == {
        "CDCS-C1": "CĐCS Trường Tiểu học Nguyễn Huệ",
        "CDCS-X1": "CĐCS Chè Than Uyên",
    }


def test_history_import_stores_a_person_nfc_found_by_either_search(client, org, tmp_path):
    from awards.models import Person

    path = tmp_path / "qua-trinh.csv"
    path.write_text(
        "ho_ten,gioi_tinh,nam_sinh,dan_toc,chuc_vu,ma_don_vi,nam,loai,gia_tri,mo_ta\n"
        f"{NGUYEN_NFD},nữ,1985,,{unicodedata.normalize('NFD', 'Kế toán')},A1,2019,danh_hieu,ldtt,\n",
        encoding="utf-8",
    )
    call_command("import_history", str(path), stdout=io.StringIO())
    person = Person.objects.get()
    assert (person.full_name, person.position) == (NGUYEN, "Kế toán")
    client.force_login(make_user("canbo_a", org.a, Role.UNIT_STAFF))
    for query in (NGUYEN, NGUYEN_NFD):
        page = client.get("/khen-thuong/ca-nhan/", {"q": query})
        assert [p.full_name for p in page.context["page"]] == [NGUYEN], query


def test_names_stored_decomposed_before_are_rewritten_nfc_by_the_migration(client, org):
    from django.apps import apps

    from awards.enums import Gender
    from awards.models import Person

    migration = importlib.import_module("awards.migrations.0006_stored_names_in_nfc")
    Unit.objects.filter(pk=org.a1.pk).update(name=unicodedata.normalize("NFD", "CĐCS Trường Lê Quý Đôn"))
    person = Person.objects.create(full_name=NGUYEN_NFD, gender=Gender.FEMALE, unit=org.a1)
    untouched = Unit.objects.get(pk=org.b1.pk).updated_at

    migration.forwards(apps, None)

    assert Unit.objects.get(pk=org.a1.pk).name == "CĐCS Trường Lê Quý Đôn"
    assert Person.objects.get(pk=person.pk).full_name == NGUYEN
    assert Unit.objects.get(pk=org.b1.pk).updated_at == untouched
    client.force_login(make_user("canbo_a", org.a, Role.UNIT_STAFF))
    page = client.get("/khen-thuong/ca-nhan/", {"q": NGUYEN})
    assert [p.full_name for p in page.context["page"]] == [NGUYEN]
