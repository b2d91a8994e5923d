"""Scoring pages: import preview, sheet editing through the item endpoint, transitions,
exports, and query counts that stay flat as criteria and units grow."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from pypdf import PdfReader

from scoring.enums import ScoreKind, SheetState, TableStatus
from scoring.imports import CriterionRow, parse_criteria_file
from scoring.models import CriteriaTable, ItemAttachment, ItemScore, ScoreSheet
from scoring.services import (
    criteria_table_import,
    item_score_set,
    set_criteria_table_state,
    set_score_sheet_state,
    sheet_open,
)
from tests import html
from tests.conftest import make_unit
from tests.paths import ROOT
from tests.scoring.conftest import import_scores
from units.enums import GroupingKind, UnitKind
from units.services import grouping_create

D = Decimal
FIXTURE = "khoi-mttq-2020-tieu-chi.csv"


def _fixture_bytes(name: str) -> bytes:
    return (ROOT / "scoring" / "demo_data" / name).read_bytes()


@pytest.fixture
def bloc(org, staff_user):
    return grouping_create(
        year=2026,
        name="Khối huyện",
        kind=GroupingKind.BLOC,
        owner=org.province,
        members=[org.a, org.b],
        leader=org.a,
        by=staff_user,
    )


def _rows(count: int, *, sections: int = 3) -> list[CriterionRow]:
    """A table of `count` leaves of 10 points (a third `tru:2`, a third `muc`, a third
    manual), split over a few sections."""
    rows, per_section, line = [], count // sections, 2
    for s in range(1, sections + 1):
        rows.append(CriterionRow(line, f"S{s}", f"Phần {s}", D(10 * per_section), None, "", ""))
        line += 1
        for i in range(1, per_section + 1):
            rule = ["tru:2", "muc:TOT=10,KHA=8,KEM=0", ""][i % 3]
            rows.append(CriterionRow(line, f"S{s}.{i}", f"Tiêu chí {s}.{i}", D(10), D(0), rule, ""))
            line += 1
    return rows


def _table(org, bloc, count=60, code="T"):
    table = criteria_table_import(
        rows=_rows(count), code=code, name="Bảng thử", year=2026, owner=org.province, grouping=bloc, by=None
    )
    set_criteria_table_state(obj=table, to=TableStatus.PUBLISHED, by=None)
    return table


def _score_all(sheet, kind=ScoreKind.SELF):
    for c in sheet.table.criteria.filter(standard__isnull=False):
        rule = c.rule
        args = (
            {"choice": "dat"} if rule.startswith("tru") else {"choice": "TOT"} if rule else {"achieved": D(9)}
        )
        item_score_set(sheet=sheet, criterion=c, kind=kind, by=None, **args)


def test_import_page_previews_tree_with_computed_sums_then_saves(client, org, staff_user):
    client.force_login(staff_user)
    upload = SimpleUploadedFile(FIXTURE, _fixture_bytes(FIXTURE))
    response = client.post(
        "/cham-diem/nhap/", {"file": upload, "code": "MTTQ-2020", "name": "Bảng MTTQ", "year": 2020}
    )
    assert response.status_code == 200
    assert response.context["bad"] == []
    assert response.context["total"] == {"standard": 950, "bonus_max": 50}
    assert not CriteriaTable.objects.exists()
    response = client.post("/cham-diem/nhap/", {"payload": response.context["payload"]})
    table = CriteriaTable.objects.get()
    assert response["Location"] == table.get_absolute_url()
    assert (table.code, table.status, table.owner) == ("MTTQ-2020", TableStatus.DRAFT, org.province)
    assert table.criteria.count() == 63


def test_import_page_lists_every_bad_row_and_saves_nothing(client, org, staff_user):
    text = (
        _fixture_bytes(FIXTURE)
        .decode()
        .replace(
            'III,"THỰC HIỆN CÁC NHIỆM VỤ CÔNG TÁC THI ĐUA, KHEN THƯỞNG",200,40',
            'III,"THỰC HIỆN CÁC NHIỆM VỤ CÔNG TÁC THI ĐUA, KHEN THƯỞNG",210,40',
        )
        .replace("tru:25;", "tru:x;")
    )
    client.force_login(staff_user)
    upload = SimpleUploadedFile("bang.csv", text.encode())
    response = client.post("/cham-diem/nhap/", {"file": upload, "code": "X", "name": "X", "year": 2020})
    body = response.content.decode()
    assert "Dòng 20 (III): Điểm chuẩn ghi 210 nhưng các mục con cộng lại 200." in body
    assert "payload" not in response.context
    assert not CriteriaTable.objects.exists()


def test_unit_staff_scores_through_item_endpoint_and_gets_live_totals(client, org, bloc, alice):
    table = _table(org, bloc, count=6)
    client.force_login(alice)
    response = client.post(f"/cham-diem/bang/{table.pk}/tu-cham/")
    sheet = ScoreSheet.objects.get()
    assert response["Location"] == sheet.get_absolute_url()
    leaf = table.criteria.get(code="S1.1")  # muc
    response = client.post(
        f"/cham-diem/phieu/{sheet.pk}/muc/{leaf.pk}/",
        {"kind": "self", "choice": "KHA"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert f'id="s-{leaf.pk}-self-t" hx-swap-oob="true">8<' in body
    assert 'data-testid="self-total">8 + 0 = <strong>8</strong>' in body
    item = ItemScore.objects.get()
    assert (item.choice, item.achieved, item.updated_by) == ("KHA", 8, alice)


def test_item_endpoint_refuses_disallowed_score_with_vietnamese_error(client, org, bloc, alice):
    table = _table(org, bloc, count=6)
    sheet = sheet_open(table=table, unit=org.a, by=alice)
    manual = table.criteria.get(code="S1.2")
    client.force_login(alice)
    response = client.post(
        f"/cham-diem/phieu/{sheet.pk}/muc/{manual.pk}/",
        {"kind": "self", "achieved": "9,3"},
        HTTP_HX_REQUEST="true",
    )
    assert "S1.2: Điểm thực hiện chỉ nhận điểm nguyên hoặc nửa điểm." in response.content.decode()
    assert not ItemScore.objects.exists()
    response = client.post(
        f"/cham-diem/phieu/{sheet.pk}/muc/{manual.pk}/", {"kind": "self", "achieved": "9,5"}
    )
    assert response.status_code == 302
    assert ItemScore.objects.get().achieved == D("9.5")


FULL_WIDTH = "chỉ gõ số bằng các chữ số 0–9 thông thường (không dùng chữ số toàn độ rộng)."


@pytest.mark.parametrize(
    ("code", "entered", "message"),
    [
        ("III.3.2", {"value": "９９"}, f"III.3.2: “９９”: {FULL_WIDTH}"),
        ("III.3.2", {"value": "9999"}, "III.3.2: Tỷ lệ phải từ 0 đến 100%."),
        ("III.3.2", {"value": "100000"}, "III.3.2: Tỷ lệ phải từ 0 đến 100%."),
        ("III.6.3.2.c", {"value": "100000"}, "III.6.3.2.c: Số lượng phải từ 0 đến 1.000."),
        ("III.6.3.2.c", {"value": "２"}, f"III.6.3.2.c: “２”: {FULL_WIDTH}"),
        ("III.7", {"achieved": "１０"}, f"III.7: “１０”: {FULL_WIDTH}"),
        ("III.7", {"achieved": "9999"}, "III.7: Điểm thực hiện phải từ 0 đến 10."),
        ("I.2", {"choice": "dat", "bonus": "５"}, f"I.2: “５”: {FULL_WIDTH}"),
        ("I.2", {"choice": "dat", "bonus": "1e3"}, "I.2: Điểm thưởng phải từ 0 đến 5."),
    ],
)
def test_item_endpoint_bounds_each_input_to_its_rule(client, org, bloc_table, alice, code, entered, message):
    sheet = sheet_open(table=bloc_table, unit=org.a, by=alice)
    criterion = bloc_table.criteria.get(code=code)
    client.force_login(alice)
    response = client.post(
        f"/cham-diem/phieu/{sheet.pk}/muc/{criterion.pk}/",
        {"kind": "self", **entered},
        HTTP_HX_REQUEST="true",
    )
    assert response.context["error"] == message
    assert not ItemScore.objects.exists()


def test_item_endpoint_takes_the_bounds_themselves(client, org, bloc_table, alice):
    sheet = sheet_open(table=bloc_table, unit=org.a, by=alice)
    client.force_login(alice)
    for code, value in (("III.3.2", "100"), ("III.6.3.2.c", "1000")):
        criterion = bloc_table.criteria.get(code=code)
        response = client.post(
            f"/cham-diem/phieu/{sheet.pk}/muc/{criterion.pk}/", {"kind": "self", "value": value}
        )
        assert response.status_code == 302
    assert sorted((i.criterion.code, i.value, i.achieved, i.bonus) for i in ItemScore.objects.all()) == [
        ("III.3.2", D(100), D(20), D(10)),
        ("III.6.3.2.c", D(1000), D(5), D(0)),
    ]


def test_sheet_page_inputs_carry_their_rule_s_bounds(client, org, bloc_table, alice):
    sheet = sheet_open(table=bloc_table, unit=org.a, by=alice)
    item_score_set(
        sheet=sheet,
        criterion=bloc_table.criteria.get(code="III.3.2"),
        kind=ScoreKind.SELF,
        by=alice,
        value=D("32.25"),
    )
    client.force_login(alice)
    body = client.get(sheet.get_absolute_url()).content.decode()
    percent = bloc_table.criteria.get(code="III.3.2").pk
    count = bloc_table.criteria.get(code="III.6.3.2.c").pk
    manual = bloc_table.criteria.get(code="III.7").pk
    bonus = bloc_table.criteria.get(code="I.2").pk
    assert (
        ' inputmode="decimal" pattern="(?:[0-9]|[1-8][0-9]|9[0-8]|99)(?:[.,][0-9]{1,2})?|100(?:[.,]0{1,2})?"'
        f' autocomplete="off" name="value" id="c{percent}-value" value="32,25"'
        f' aria-describedby="err-{percent}">'
    ) in body
    counts = "[0-9]{1,3}|1000"
    assert (
        f' inputmode="numeric" pattern="{counts}" autocomplete="off" name="value" id="c{count}-value"' in body
    )
    half_points = {10: "(?:[0-9])(?:[.,][05])?|10(?:[.,]0)?", 5: "(?:[0-4])(?:[.,][05])?|5(?:[.,]0)?"}
    assert (
        f' inputmode="decimal" pattern="{half_points[10]}" autocomplete="off" name="achieved" id="c{manual}-'
        in body
    )
    assert (
        f' inputmode="decimal" pattern="{half_points[5]}" autocomplete="off" name="bonus" id="c{bonus}-bonus"'
        in body
    )
    assert body.count("novalidate") == body.count('class="item-form"') == 44


def test_province_staff_cannot_appraise_the_province_s_sheet_through_the_pages(
    client, org, mttq_table, staff_user
):
    # The defect: POST /cham-diem/phieu/1/muc/22/ with kind=appraised saved, and the sheet
    # then moved to appraised.
    sheet = import_scores(mttq_table, org.province)
    set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=staff_user)
    leaf = mttq_table.criteria.get(code="I.1")
    client.force_login(staff_user)
    response = client.post(
        f"/cham-diem/phieu/{sheet.pk}/muc/{leaf.pk}/", {"kind": "appraised", "choice": "chua_dat"}
    )
    assert response.status_code == 403
    for to in ("appraised", "returned"):
        response = client.post(f"/cham-diem/phieu/{sheet.pk}/trang-thai/", {"to": to, "reason": "Xem lại"})
        assert response.status_code == 403
    sheet.refresh_from_db()
    assert (sheet.state, sheet.items.filter(kind=ScoreKind.APPRAISED).count()) == (SheetState.SUBMITTED, 0)
    # The page offers no appraisal: no buttons, no appraisal inputs, no appraised columns.
    response = client.get(sheet.get_absolute_url())
    body = response.content.decode()
    assert (response.context["editing"], response.context["can_appraise"]) == ("", False)
    for absent in ('value="appraised"', 'value="returned"', 'name="reason_', "Điểm thẩm định", "item-form"):
        assert absent not in body, absent


def test_sheet_inputs_are_grouped_by_criterion_and_tied_to_their_message(client, org, bloc, alice):
    table = _table(org, bloc, count=6)
    sheet = sheet_open(table=table, unit=org.a, by=alice)
    manual = table.criteria.get(code="S1.2")
    client.force_login(alice)
    doc = html.page(client.get(sheet.get_absolute_url()))
    # Each item's inputs are one group named by the criterion's code and text.
    [group] = doc.xpath('//*[@data-testid="item-S1.2"]//fieldset')
    names = [html.text(doc.get_element_by_id(i)) for i in group.get("aria-labelledby").split()]
    assert names == ["S1.2", "Tiêu chí 1.2"]
    # Typed inputs say their item in their label, and name the item's message.
    achieved = doc.get_element_by_id(f"c{manual.pk}-achieved")
    assert achieved.get("aria-describedby") == f"err-{manual.pk}"
    labels = [html.text(label) for label in group.xpath(".//label[not(contains(@class, 'form-check'))]")]
    assert labels == ["Điểm thực hiện (0–10) (mục S1.2)", "Minh chứng, ghi chú (mục S1.2)"]
    typed = doc.xpath('//form[contains(@class, "item-form")]//input[@type="text"]')
    texts = [html.text(doc.xpath(f'//label[@for="{i.get("id")}"]')[0]) for i in typed]
    assert len(texts) == 9 and len(set(texts)) == 9  # 6 leaves: 6 notes, 3 manual points
    [status] = doc.xpath('//*[@id="score-status"]')
    assert (status.get("role"), status.get("aria-live"), html.text(status)) == ("status", "polite", "")
    assert doc.xpath('//script[contains(@src, "js/score-sheet.js")]')
    assert html.broken_references(doc) == []


def test_saved_entry_is_announced_with_the_new_total(client, org, bloc, alice):
    table = _table(org, bloc, count=6)
    sheet = sheet_open(table=table, unit=org.a, by=alice)
    manual = table.criteria.get(code="S1.2")
    client.force_login(alice)
    url = f"/cham-diem/phieu/{sheet.pk}/muc/{manual.pk}/"
    body = client.post(url, {"kind": "self", "achieved": "9"}, HTTP_HX_REQUEST="true").content.decode()
    assert (
        '<div id="score-status" hx-swap-oob="innerHTML">Đã lưu mục S1.2. Tổng tự chấm: 9 + 0 = 9 điểm.</div>'
    ) in body
    # A refused entry is said by its alert; the status keeps what it said.
    body = client.post(url, {"kind": "self", "achieved": "9,3"}, HTTP_HX_REQUEST="true").content.decode()
    assert f'id="err-{manual.pk}" role="alert" hx-swap-oob="true">S1.2: Điểm thực hiện' in body
    assert "score-status" not in body
    assert ItemScore.objects.get().achieved == D(9)


def test_outsider_cannot_score_a_sheet_of_another_unit(client, org, bloc, alice, charlie):
    table = _table(org, bloc, count=6)
    sheet = sheet_open(table=table, unit=org.a, by=alice)
    leaf = table.criteria.get(code="S1.1")
    client.force_login(charlie)
    response = client.post(f"/cham-diem/phieu/{sheet.pk}/muc/{leaf.pk}/", {"kind": "self", "choice": "TOT"})
    assert response.status_code == 404
    assert not ItemScore.objects.exists()


def test_submit_appraise_return_and_resubmit_through_pages(client, org, bloc, alice, staff_user):
    table = _table(org, bloc, count=6)
    sheet = sheet_open(table=table, unit=org.a, by=alice)
    client.force_login(alice)
    response = client.post(f"/cham-diem/phieu/{sheet.pk}/trang-thai/", {"to": "submitted"}, follow=True)
    assert "Còn 6 mục chưa chấm" in response.content.decode()
    _score_all(sheet)
    client.post(f"/cham-diem/phieu/{sheet.pk}/trang-thai/", {"to": "submitted"})
    sheet.refresh_from_db()
    assert sheet.state == SheetState.SUBMITTED
    leaf = table.criteria.get(code="S1.1")
    client.force_login(staff_user)
    client.post(
        f"/cham-diem/phieu/{sheet.pk}/trang-thai/",
        {"to": "returned", "reason": "Bổ sung minh chứng", f"reason_{leaf.pk}": "Thiếu biên bản"},
    )
    sheet.refresh_from_db()
    assert (sheet.state, sheet.returned_reason) == (SheetState.RETURNED, "Bổ sung minh chứng")
    assert ItemScore.objects.get(criterion=leaf, kind=ScoreKind.SELF).returned_reason == "Thiếu biên bản"
    client.force_login(alice)
    body = client.get(sheet.get_absolute_url()).content.decode()
    assert "Thiếu biên bản" in body and "Bổ sung minh chứng" in body


def test_comparison_page_highlights_differences(client, org, bloc, alice, staff_user):
    table = _table(org, bloc, count=9)
    sheet = sheet_open(table=table, unit=org.a, by=alice)
    _score_all(sheet)
    set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=alice)
    leaf = table.criteria.get(code="S1.3")  # tru:2
    item_score_set(sheet=sheet, criterion=leaf, kind=ScoreKind.APPRAISED, by=staff_user, choice="chua_dat")
    set_score_sheet_state(obj=sheet, to=SheetState.APPRAISED, by=staff_user)
    client.force_login(alice)
    response = client.get(f"/cham-diem/phieu/{sheet.pk}/so-sanh/")
    assert response.context["differences"] == 1
    assert 'data-testid="diff-S1.3"' in response.content.decode()


def test_sheet_xlsx_export_has_seed_columns_and_computed_totals(client, org, bloc, alice):
    table = _table(org, bloc, count=6)
    sheet = sheet_open(table=table, unit=org.a, by=alice)
    _score_all(sheet)
    client.force_login(alice)
    response = client.get(f"/cham-diem/phieu/{sheet.pk}/phieu.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in ws[3]]
    assert header[:4] == ["STT", "Chỉ tiêu", "Điểm chuẩn", "Điểm thưởng"]
    assert header[4:] == [
        "Điểm tự chấm: Điểm thực hiện",
        "Điểm tự chấm: Điểm thưởng",
        "Điểm tự chấm: Tổng điểm",
    ]
    last = [c.value for c in ws[ws.max_row]]
    assert last[1] == "Tổng cộng" and last[2] == 60 and last[-1] == 57  # 2 × (10 + 10 + 9)


def test_pdf_exports_are_real_pdfs_with_vietnamese_text(client, org, bloc, alice):

    table = _table(org, bloc, count=6)
    sheet = sheet_open(table=table, unit=org.a, by=alice)
    _score_all(sheet)
    client.force_login(alice)
    expected = {
        f"/cham-diem/phieu/{sheet.pk}/phieu.pdf": ["BẢNG THỬ", "LĐLĐ huyện A", "Tổng cộng 60 0 57 0 57"],
        f"/cham-diem/bang/{table.pk}/xep-hang.pdf": [
            "KẾT QUẢ XẾP HẠNG",
            "Bảng thử",
            "LĐLĐ huyện A 57 0 57 95%",
        ],
    }
    for url, phrases in expected.items():
        response = client.get(url)
        assert response.content.startswith(b"%PDF-")
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
        for phrase in phrases:
            assert phrase in text, (url, phrase, text)


def test_evidence_upload_checks_content_not_name(client, org, bloc, alice):
    table = _table(org, bloc, count=6)
    sheet = sheet_open(table=table, unit=org.a, by=alice)
    leaf = table.criteria.get(code="S1.2")
    item_score_set(sheet=sheet, criterion=leaf, kind=ScoreKind.SELF, by=alice, achieved=D(9))
    client.force_login(alice)
    url = f"/cham-diem/phieu/{sheet.pk}/muc/{leaf.pk}/minh-chung/"
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 not a pdf")
    response = client.post(url, {"file": fake}, follow=True)
    assert "Chỉ nhận tệp PDF, JPG hoặc PNG" in response.content.decode()
    assert not ItemAttachment.objects.exists()
    real = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n% minh chung\n")
    client.post(url, {"file": real})
    attachment = ItemAttachment.objects.get()
    assert attachment.content_type == "application/pdf" and "bien-ban" not in attachment.file.name
    download = client.get(attachment.get_absolute_url())
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.4")


def test_evidence_is_stored_and_served_by_its_kind_and_a_pdf_with_javascript_is_refused(
    client, org, bloc, alice
):
    table = _table(org, bloc, count=6)
    sheet = sheet_open(table=table, unit=org.a, by=alice)
    leaf = table.criteria.get(code="S1.2")
    item_score_set(sheet=sheet, criterion=leaf, kind=ScoreKind.SELF, by=alice, achieved=D(9))
    client.force_login(alice)
    url = f"/cham-diem/phieu/{sheet.pk}/muc/{leaf.pk}/minh-chung/"
    active = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /OpenAction << /S /JavaScript /JS (x) >> >>\nendobj\n"
    response = client.post(url, {"file": SimpleUploadedFile("bien-ban.pdf", active)}, follow=True)
    assert "Tệp PDF bien-ban.pdf có mã lệnh JavaScript nên không được nhận." in response.content.decode()
    assert not ItemAttachment.objects.exists()
    client.post(url, {"file": SimpleUploadedFile("bien-ban.html", b"%PDF-1.4\n% minh chung\n")})
    attachment = ItemAttachment.objects.get()
    assert (attachment.original_name, attachment.file.name[-4:]) == ("bien-ban.pdf", ".pdf")
    download = client.get(attachment.get_absolute_url())
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="bien-ban.pdf"'


@pytest.mark.parametrize("leaves", [60, 600])
def test_sheet_page_query_count_is_constant(client, org, bloc, alice, leaves, django_assert_num_queries):
    table = _table(org, bloc, count=leaves)
    sheet = sheet_open(table=table, unit=org.a, by=alice)
    _score_all(sheet)
    client.force_login(alice)
    client.get("/")
    with django_assert_num_queries(8):
        response = client.get(sheet.get_absolute_url())
    assert response.context["self_totals"]["achieved"] == sum(
        10 if i % 3 in (0, 1) else 9 for s in range(3) for i in range(1, leaves // 3 + 1)
    )


@pytest.mark.parametrize("members", [3, 60])
def test_ranking_page_query_count_is_constant(client, org, staff_user, members, django_assert_num_queries):
    units = [
        make_unit(f"LĐLĐ huyện {i:02d}", UnitKind.DISTRICT, org.province, code=f"H{i}")
        for i in range(members)
    ]
    bloc = grouping_create(
        year=2026,
        name="Khối lớn",
        kind=GroupingKind.BLOC,
        owner=org.province,
        members=units,
        leader=units[0],
        by=staff_user,
    )
    table = _table(org, bloc, count=6, code="R")
    for unit in units:
        _score_all(sheet_open(table=table, unit=unit, by=None))
    client.force_login(staff_user)
    client.get("/")
    with django_assert_num_queries(11):
        response = client.get(f"/cham-diem/bang/{table.pk}/xep-hang/")
    rows = response.context["rows"]
    assert len(rows) == members and rows[0].total == 57 and rows[0].rank == 1
    assert [r.unit.name for r in rows] == sorted(u.name for u in units)  # equal totals: by name


def test_district_member_sees_its_bloc_table_but_not_another_districts_sheet(
    client, org, staff_user, alice, charlie
):
    bloc = grouping_create(
        year=2026,
        name="Khối huyện B dẫn đầu",
        kind=GroupingKind.BLOC,
        owner=org.province,
        members=[org.a, org.b],
        leader=org.b,
        by=staff_user,
    )
    table = _table(org, bloc, count=6)
    sheet_a = sheet_open(table=table, unit=org.a, by=alice)
    sheet_b = sheet_open(table=table, unit=org.b, by=charlie)
    client.force_login(alice)
    assert client.get(table.get_absolute_url()).status_code == 200
    assert client.get(sheet_a.get_absolute_url()).status_code == 200
    assert client.get(sheet_b.get_absolute_url()).status_code == 404
    # The bloc leader's staff appraise their peers, and so read their sheets.
    client.force_login(charlie)
    assert client.get(sheet_a.get_absolute_url()).status_code == 200


def test_table_xlsx_export_is_a_form_in_the_seed_layout(client, org, staff_user):
    table = criteria_table_import(
        rows=parse_criteria_file(FIXTURE, _fixture_bytes(FIXTURE)),
        code="MTTQ",
        name="Bảng MTTQ",
        year=2020,
        owner=org.province,
        by=None,
    )
    client.force_login(staff_user)
    ws = load_workbook(io.BytesIO(client.get(f"/cham-diem/bang/{table.pk}/bang.xlsx").content)).active
    assert [c.value for c in ws[3]] == [
        "STT",
        "Chỉ tiêu",
        "Điểm chuẩn",
        "Điểm thưởng",
        "Điểm tự chấm: Điểm thực hiện",
        "Điểm tự chấm: Điểm thưởng",
        "Điểm tự chấm: Tổng điểm",
    ]
    section_iii = next(row for row in ws.iter_rows(min_row=4, values_only=True) if row[0] == "III")
    assert section_iii[2:] == (200, 40, None, None, None)
    assert [c.value for c in ws[ws.max_row]][1:4] == ["Tổng cộng", 950, 50]


def test_table_state_unknown_target_is_a_message_not_a_server_error(client, org, bloc, staff_user):
    table = _table(org, bloc, count=3)
    client.force_login(staff_user)
    response = client.post(f"/cham-diem/bang/{table.pk}/trang-thai/", {"to": "xong"}, follow=True)
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == ["Trạng thái không hợp lệ."]
    table.refresh_from_db()
    assert table.status == TableStatus.PUBLISHED
