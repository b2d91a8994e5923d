"""The awards pages' refusals as a user sees them in Chromium: a filter the dossier list
does not apply and its register still downloading, a file kept under its real kind and
one taken back, a refused upload keeping its document type, a vote refused with its
reason, a history file refused row by row, and the ethnicity hidden from a district's
administrator. Each page is screenshotted (test-artifacts/screenshots)."""

import datetime

import pytest
from playwright.sync_api import expect

from awards.enums import DossierState
from awards.models import Person
from awards.services import (
    attachment_add,
    dossier_create,
    nominee_add,
    session_create,
    set_dossier_state,
)
from units.enums import Role
from units.models import Unit, User

from .test_awards import PDF_BYTES, setting, status  # noqa: F401  (setting is a fixture)
from .test_journeys import heading, login

pytestmark = pytest.mark.browser


def alert(page):
    return page.locator("main .alert-danger").first


def test_dossier_pages_refuse_with_reasons(browsing, setting, tmp_path):  # noqa: F811
    city_staff = User.objects.get(username="canbo.thanhpho")
    dossier = dossier_create(
        proposing_unit=setting.city,
        year=setting.year,
        award_form=setting.award,
        title="Bằng khen",
        by=city_staff,
    )
    page = browsing.new_page()
    login(page, "canbo.thanhpho")

    page.goto("/khen-thuong/ho-so/?state=open&year=abc")
    expect(heading(page)).to_have_text("Hồ sơ đề nghị khen thưởng")
    expect(page.get_by_test_id("filter-errors")).to_have_text(
        "Bộ lọc “Năm” không được áp dụng: Năm phải là một số từ 1990 đến 2100."
    )
    expect(page.get_by_label("Trạng thái")).to_have_value("open")
    browsing.check_page(page, "dossier-list-filters")
    with page.expect_download() as download:
        page.get_by_role("link", name="Sổ hồ sơ (Excel)").click()
    assert download.value.suggested_filename == "so-ho-so.xlsx"

    page.goto(dossier.get_absolute_url())
    html = tmp_path / "to-trinh.html"
    html.write_bytes(PDF_BYTES)
    page.get_by_label("Loại tài liệu").select_option(label="Tờ trình")
    page.get_by_label("Tệp (PDF").set_input_files(html)
    page.get_by_role("button", name="Đính kèm").click()
    expect(status(page)).to_have_text("Đã đính kèm tệp.")
    expect(page.get_by_test_id("attachments")).to_contain_text("Tờ trình: to-trinh.pdf")

    bad = tmp_path / "bien-ban.pdf"
    bad.write_bytes(b"MZ\x90\x00 this program")
    page.get_by_label("Loại tài liệu").select_option(label="Biên bản họp xét")
    page.get_by_label("Tệp (PDF").set_input_files(bad)
    page.get_by_role("button", name="Đính kèm").click()
    expect(alert(page)).to_contain_text("bien-ban.pdf không phải tệp PDF, DOCX, XLSX, JPG hoặc PNG")
    expect(page.get_by_label("Loại tài liệu")).to_have_value("bien_ban_hop_xet")
    browsing.check_page(page, "refused-upload-keeps-type")

    page.get_by_role("button", name="Xóa tệp to-trinh.pdf").click()
    expect(status(page)).to_have_text("Đã xóa tệp to-trinh.pdf.")
    expect(page.get_by_test_id("attachments")).to_have_text("Chưa có tài liệu.")
    browsing.check_page(page, "attachment-removed")

    page.goto("/khen-thuong/ca-nhan/nhap/")
    history = tmp_path / "qua-trinh.csv"
    history.write_text(
        "ho_ten,gioi_tinh,nam_sinh,dan_toc,ma_don_vi,nam,loai,gia_tri,mo_ta\n"
        f"{'Lò Văn ' * 45},nam,-5,Thái,CDCS-BENXE,2019,danh_hieu,ldtt,{'x' * 300}\n",
        encoding="utf-8",
    )
    page.get_by_label("Tệp quá trình").set_input_files(history)
    page.get_by_role("button", name="Kiểm tra và lưu").click()
    expect(page.locator("main .alert-danger li")).to_have_text(
        "Dòng 2: Cột mo_ta dài 300 ký tự, tối đa 255 ký tự. Cột ho_ten dài 314 ký tự, tối đa 150 ký tự. "
        f"Năm sinh “-5” không hợp lệ: cần một năm từ 1900 đến {setting.year}."
    )
    browsing.check_page(page, "history-import-preview")


def test_vote_refused_with_its_reason_and_ethnicity_hidden_from_a_district_admin(
    browsing,
    setting,  # noqa: F811
):
    city_staff = User.objects.get(username="canbo.thanhpho")
    province_staff = User.objects.get(username="thidua.tinh")
    dossier = dossier_create(
        proposing_unit=setting.city,
        year=setting.year,
        award_form=setting.award,
        title="Bằng khen",
        by=city_staff,
    )
    for person in setting.people:
        nominee_add(dossier=dossier, by=city_staff, person=person)
    from django.core.files.uploadedfile import SimpleUploadedFile

    attachment_add(
        dossier=dossier,
        upload=SimpleUploadedFile("t.pdf", PDF_BYTES),
        document_type="to_trinh",
        by=city_staff,
    )
    set_dossier_state(obj=dossier, to=DossierState.SUBMITTED, by=city_staff)
    set_dossier_state(obj=dossier, to=DossierState.APPRAISING, by=province_staff)
    set_dossier_state(obj=dossier, to=DossierState.READY, by=province_staff)
    council = list(User.objects.filter(role=Role.COUNCIL))
    session = session_create(
        owner=province_staff.unit,
        title="Phiên họp Hội đồng",
        held_on=datetime.date.today(),
        members=council,
        dossiers=[dossier],
        by=province_staff,
    )
    page = browsing.new_page()
    login(page, "thidua.tinh")
    page.goto(session.get_absolute_url())
    first, second = setting.people
    page.get_by_label(f"Đồng ý: {first.full_name}", exact=True).fill("9")
    page.get_by_label(f"Đồng ý: {second.full_name}", exact=True).fill("hai")
    page.get_by_role("button", name="Ghi kết quả và kết thúc phiên họp").click()
    expect(alert(page)).to_have_text(
        f"Số phiếu đồng ý của {second.full_name} không hợp lệ: “hai” không phải là số nguyên không âm."
    )
    page.get_by_label(f"Đồng ý: {second.full_name}", exact=True).fill("2")
    page.get_by_label(f"Đồng ý: {first.full_name}", exact=True).fill("3")
    page.get_by_label(f"Không đồng ý: {first.full_name}").fill("1")
    page.get_by_role("button", name="Ghi kết quả và kết thúc phiên họp").click()
    expect(alert(page)).to_have_text(
        f"Số phiếu của {first.full_name} không hợp lệ: tổng số phiếu đồng ý và không đồng ý (4) "
        f"lớn hơn số thành viên có mặt ({len(council)})."
    )
    browsing.check_page(page, "vote-refused")

    person = Person.objects.get(pk=first.pk)
    person.ethnicity = "Lự"
    person.save()
    admin = User(
        username="quantri.thanhpho", full_name="Quản trị thành phố", unit=setting.city, role=Role.ADMIN
    )
    admin.set_password("Quan-tri-2026!")
    admin.save()
    district = browsing.new_page()
    login(district, "quantri.thanhpho", "Quan-tri-2026!")
    district.goto(person.get_absolute_url())
    expect(district.locator("main dl")).to_contain_text(
        "(dữ liệu nhạy cảm: chỉ LĐLĐ tỉnh và đơn vị của người này được xem)"
    )
    expect(district.locator("main")).not_to_contain_text("Lự")
    browsing.check_page(district, "ethnicity-hidden-from-district-admin")
    assert Unit.objects.get(pk=setting.city.pk).parent_id is not None
