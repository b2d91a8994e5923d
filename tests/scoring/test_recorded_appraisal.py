"""An outside grouping's appraisal, made by its leader and recorded here from its document
(seed 000: the MTTQ bloc's leader scores LĐLĐ tỉnh): the service, its refusals (all or
nothing), the database's guard, and the label every reader of the result sees."""

import datetime
import io
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from pypdf import PdfReader

from scoring.demo import seed_demo as seed_scoring
from scoring.enums import AppraisalSource, ScoreKind, SheetState
from scoring.models import ScoreSheet
from scoring.queries import appraisal_label, appraised_column_title, ranking, sheet_totals
from scoring.services import set_score_sheet_state, sheet_appraisal_record
from tests.conftest import make_user, sheet_rows, workbook
from tests.scoring.conftest import SELF_SCORE_CSV, edited_csv, import_scores, import_table, score_rows
from units.demo import seed_demo as seed_units
from units.enums import AuditAction, GroupingKind, Role
from units.models import AuditEntry
from units.services import grouping_create

WIDE = "(không dùng chữ số toàn độ rộng)."
DOCUMENT = {"document_number": "12/TB-MTTQ", "document_date": datetime.date(2021, 1, 8)}
LABEL = "Kết quả chấm của Trưởng khối (Hội Nông dân tỉnh), theo văn bản số 12/TB-MTTQ ngày 08/01/2021"


def leader_rows(cells=None, drop=frozenset()):
    """The leader's table: the province's own points except where `cells` change them."""
    return score_rows(edited_csv(SELF_SCORE_CSV, cells=cells or {}, drop=drop))


# The leader takes 25 off I.1 (not done well) and 2 off I.2's bonus: 970 − 27 = 943.
LOWERED = {"I.1": {"diem_thuc_hien": "125"}, "I.2": {"diem_thuong": "3"}}


def record(sheet, by, *, rows=None, appraiser=None, **kwargs):
    return sheet_appraisal_record(
        sheet=sheet,
        rows=leader_rows(LOWERED) if rows is None else rows,
        appraiser=appraiser or sheet.table.grouping.leader,
        by=by,
        **{**DOCUMENT, **kwargs},
    )


@pytest.fixture
def submitted(org, mttq_table, staff_user):
    sheet = import_scores(mttq_table, org.province)
    set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=staff_user)
    return sheet


def unchanged(sheet) -> tuple:
    sheet.refresh_from_db()
    return (
        sheet.state,
        sheet.appraisal_source,
        sheet.appraiser_id,
        sheet.items.filter(kind=ScoreKind.APPRAISED).count(),
    )


def recordings(sheet):
    return AuditEntry.objects.filter(
        action=AuditAction.IMPORT, object_id=str(sheet.pk), changes__kind=ScoreKind.APPRAISED
    )


NOTHING_RECORDED = (SheetState.SUBMITTED, AppraisalSource.INTERNAL, None, 0)


def test_record_writes_the_leader_s_result_and_moves_the_sheet_to_appraised(org, submitted, staff_user):
    sheet = record(submitted, staff_user, source="ket-qua-khoi.csv")
    sheet.refresh_from_db()
    assert (sheet.state, sheet.appraisal_source, sheet.appraiser, sheet.appraisal_document_number) == (
        SheetState.APPRAISED,
        AppraisalSource.RECORDED,
        org.outside,
        "12/TB-MTTQ",
    )
    assert sheet.appraisal_document_date == datetime.date(2021, 1, 8)
    appraised = sheet.items.filter(kind=ScoreKind.APPRAISED)
    assert (appraised.count(), appraised.filter(from_self=True).count()) == (44, 0)
    assert sheet_totals(sheet, ScoreKind.APPRAISED)["total"] == 943
    assert sheet_totals(sheet, ScoreKind.SELF)["total"] == 970
    entries = AuditEntry.objects.filter(object_type="scoring.scoresheet", object_id=str(sheet.pk)).order_by(
        "id"
    )
    imported, moved = recordings(sheet).get(), entries.last()
    assert imported.actor_username == "thidua"
    assert imported.changes["appraisal_source"] == [AppraisalSource.INTERNAL, AppraisalSource.RECORDED]
    assert imported.changes["appraisal_document_number"] == ["", "12/TB-MTTQ"]
    assert imported.changes["source"] == "ket-qua-khoi.csv"
    assert imported.changes["items"]["I.1"] == ["125", "0"]
    assert (moved.action, moved.changes["state"]) == (
        AuditAction.STATE,
        [SheetState.SUBMITTED, SheetState.APPRAISED],
    )
    assert appraisal_label(sheet) == LABEL
    assert appraised_column_title(sheet) == "Điểm Trưởng khối chấm"


def test_record_with_publish_publishes_the_result(submitted, staff_user):
    sheet = record(submitted, staff_user, publish=True)
    sheet.refresh_from_db()
    assert sheet.state == SheetState.PUBLISHED and sheet.published_at is not None


def test_record_again_corrects_a_recorded_appraisal(submitted, staff_user):
    record(submitted, staff_user)
    sheet = record(submitted, staff_user, rows=leader_rows(), document_number="13/TB-MTTQ")
    sheet.refresh_from_db()
    assert (sheet.state, sheet.appraisal_document_number) == (SheetState.APPRAISED, "13/TB-MTTQ")
    assert sheet_totals(sheet, ScoreKind.APPRAISED)["total"] == 970
    assert recordings(sheet).count() == 2


@pytest.mark.parametrize(
    ("change", "messages"),
    [
        ({"rows": "drop I.1"}, ["Thiếu điểm của 1 mục: I.1."]),
        (
            {"rows": {"I.1": {"diem_thuc_hien": "130"}}},
            ["Dòng 2 (I.1): I.1: Quy tắc “tru:25” không cho 130 điểm và 0 điểm thưởng."],
        ),
        (
            {"rows": {"I.2": {"diem_thuong": "６"}}},
            ["Dòng 3 (I.2): Điểm thưởng: “６”: chỉ gõ số bằng các chữ số 0–9 thông thường " + WIDE],
        ),
        ({"appraiser": "province"}, ["LĐLĐ tỉnh P không chấm phiếu của chính mình hay của đơn vị cấp trên."]),
        ({"appraiser": "b"}, ["LĐLĐ huyện B không thuộc Khối MTTQ và các đoàn thể tỉnh."]),
        ({"document_number": "  "}, ["Ghi số và ngày văn bản của Trưởng khối/cụm."]),
        ({"document_date": None}, ["Ghi số và ngày văn bản của Trưởng khối/cụm."]),
        ({"document_date": datetime.date(2999, 1, 1)}, ["Ngày văn bản không được sau hôm nay."]),
    ],
)
def test_record_refuses_and_saves_nothing(org, submitted, staff_user, change, messages):
    kwargs = dict(change)
    rows = kwargs.pop("rows", None)
    if rows == "drop I.1":
        kwargs["rows"] = leader_rows(drop={"I.1"})
    elif rows is not None:
        kwargs["rows"] = leader_rows(rows)
    if "appraiser" in kwargs:
        kwargs["appraiser"] = getattr(org, kwargs["appraiser"])
    with pytest.raises(ValidationError) as exc:
        record(submitted, staff_user, **kwargs)
    assert exc.value.messages == messages
    assert unchanged(submitted) == NOTHING_RECORDED
    assert not recordings(submitted).exists()


def test_record_refused_to_those_who_do_not_keep_the_table(org, submitted, alice, charlie):
    viewer = make_user("chixem", org.province, Role.VIEWER)
    for user in (alice, charlie, viewer):
        with pytest.raises(PermissionDenied):
            record(submitted, user)
    assert unchanged(submitted) == NOTHING_RECORDED


def test_record_refused_on_an_internal_bloc(org, bloc_table, staff_user, alice):
    sheet = import_scores(bloc_table, org.b)
    set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=None)
    with pytest.raises(PermissionDenied):
        record(sheet, staff_user, appraiser=org.a)
    with pytest.raises(ValidationError) as exc:
        record(sheet, None, appraiser=org.a)
    assert exc.value.messages == ["Chỉ ghi nhận kết quả chấm của khối, cụm thi đua bên ngoài."]
    assert unchanged(sheet) == NOTHING_RECORDED


def test_record_refused_before_submission_and_after_publication(org, mttq_table, staff_user):
    sheet = import_scores(mttq_table, org.province)
    with pytest.raises(ValidationError) as exc:
        record(sheet, staff_user)
    assert exc.value.messages == [
        "Chỉ ghi nhận kết quả chấm cho phiếu đã nộp (phiếu đang ở trạng thái “Đang tự chấm”)."
    ]
    set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=staff_user)
    record(sheet, staff_user, publish=True)
    with pytest.raises(ValidationError) as exc:
        record(sheet, staff_user, document_number="99/TB-MTTQ")
    assert exc.value.messages == [
        "Chỉ ghi nhận kết quả chấm cho phiếu đã nộp (phiếu đang ở trạng thái “Đã công bố”)."
    ]
    sheet.refresh_from_db()
    assert sheet.appraisal_document_number == "12/TB-MTTQ"


def test_a_recorded_appraisal_is_never_returned_here(submitted, staff_user):
    sheet = record(submitted, staff_user)
    with pytest.raises(PermissionDenied):
        set_score_sheet_state(obj=sheet, to=SheetState.RETURNED, by=staff_user, reason="Xem lại")
    with pytest.raises(ValidationError):
        set_score_sheet_state(obj=sheet, to=SheetState.RETURNED, by=None, reason="Xem lại")
    assert unchanged(sheet)[0] == SheetState.APPRAISED


def test_the_database_refuses_a_recorded_appraisal_without_document_or_by_the_unit_itself(org, submitted):
    sheets = ScoreSheet.objects.filter(pk=submitted.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        sheets.update(appraisal_source=AppraisalSource.RECORDED, appraiser=org.outside)
    with pytest.raises(IntegrityError), transaction.atomic():
        sheets.update(appraiser=org.province)


def test_a_cluster_the_province_leads_is_appraised_by_another_member(org, staff_user):
    """Seed 002: Lai Châu led the cluster in 2023; its own sheet is scored by a peer, and the
    label names that peer rather than calling it the leader."""
    cluster = grouping_create(
        year=2020,
        name="Cụm thi đua",
        kind=GroupingKind.CLUSTER,
        owner=org.province,
        members=[org.province, org.outside],
        leader=org.province,
        by=None,
    )
    table = import_table(owner=org.province, grouping=cluster, code="CUM2020")
    sheet = import_scores(table, org.province)
    set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=staff_user)
    with pytest.raises(ValidationError) as exc:
        record(sheet, staff_user, appraiser=org.province)
    assert exc.value.messages == ["LĐLĐ tỉnh P không chấm phiếu của chính mình hay của đơn vị cấp trên."]
    sheet = record(sheet, staff_user, appraiser=org.outside, document_number="05/BC-CTĐ")
    assert appraisal_label(sheet) == (
        "Kết quả chấm của Hội Nông dân tỉnh, theo văn bản số 05/BC-CTĐ ngày 08/01/2021"
    )
    assert appraised_column_title(sheet) == "Điểm Hội Nông dân tỉnh chấm"


def test_ranking_ranks_on_the_recorded_result_and_names_it(org, mttq_table, submitted, staff_user):
    record(submitted, staff_user)
    rows = ranking(mttq_table)
    assert [(r.rank, r.unit.code, r.source, r.total) for r in rows] == [
        (1, "P", ScoreKind.APPRAISED, D(943)),
        (0, "HND", "", D(0)),
    ]
    assert [r.appraisal_label for r in rows] == [LABEL, ""]


def test_demo_records_the_mttq_2020_result_as_the_leader_s(db):
    seed_units()
    seed_scoring()
    sheet = ScoreSheet.objects.select_related("table__grouping__leader", "appraiser").get(
        table__code="KHOI-MTTQ-2020"
    )
    assert (sheet.state, sheet.appraisal_source, sheet.appraiser.code) == (
        SheetState.PUBLISHED,
        AppraisalSource.RECORDED,
        "MTTQ-LC",
    )
    assert appraisal_label(sheet) == (
        "Kết quả chấm của Trưởng khối (Ủy ban MTTQ Việt Nam tỉnh Lai Châu), "
        "theo văn bản số 08/TB-MTTQ ngày 12/01/2021"
    )
    assert (
        sheet_totals(sheet, ScoreKind.SELF)["total"],
        sheet_totals(sheet, ScoreKind.APPRAISED)["total"],
    ) == (
        970,
        963,
    )
    # Nothing in the demo appraises an outside grouping's sheet here.
    assert not ScoreSheet.objects.filter(
        table__grouping__kind__in=[GroupingKind.OUTSIDE_BLOC, GroupingKind.CLUSTER],
        appraisal_source=AppraisalSource.INTERNAL,
        state__in=[SheetState.APPRAISED, SheetState.PUBLISHED],
    ).exists()


# --- Pages and exports ------------------------------------------------------------------------


def typed(table, cells=None) -> dict:
    """The recording form's points: the leader's table typed item by item."""
    codes = dict(table.criteria.values_list("code", "pk"))
    data = {}
    for row in leader_rows(cells):
        data[f"a_{codes[row.code]}"] = f"{row.achieved:f}".replace(".", ",")
        data[f"b_{codes[row.code]}"] = f"{row.bonus:f}".replace(".", ",")
    return data


def posted(org, **extra) -> dict:
    return {
        "appraiser": org.outside.pk,
        "document_number": "12/TB-MTTQ",
        "document_date": "08/01/2021",
        **extra,
    }


def record_url(sheet) -> str:
    return f"/cham-diem/phieu/{sheet.pk}/ket-qua-truong-khoi/"


def test_sheet_page_offers_province_staff_the_recording_not_an_appraisal(client, org, submitted, staff_user):
    client.force_login(staff_user)
    body = client.get(submitted.get_absolute_url()).content.decode()
    assert f'href="{record_url(submitted)}">Ghi nhận kết quả chấm của Trưởng khối</a>' in body
    assert (
        "Phiếu do Trưởng khối (Khối MTTQ và các đoàn thể tỉnh) chấm, không thẩm định trong hệ thống" in body
    )
    assert "Hoàn thành thẩm định" not in body and "Trả lại đơn vị" not in body
    page = client.get(record_url(submitted))
    assert page.status_code == 200
    assert page.context["form"]["appraiser"].value() == org.outside.pk
    assert list(page.context["form"].fields["appraiser"].queryset) == [org.outside]
    i1 = submitted.table.criteria.get(code="I.1").pk
    assert page.context["points"][f"a_{i1}"].value() == "150"  # starts from the province's own score


def test_recording_is_refused_to_unit_staff_and_hidden_from_outsiders(client, org, submitted, charlie):
    own_staff = make_user("canbo", org.province, Role.UNIT_STAFF)
    client.force_login(own_staff)
    assert record_url(submitted) not in client.get(submitted.get_absolute_url()).content.decode()
    assert client.post(record_url(submitted), {**posted(org), **typed(submitted.table)}).status_code == 403
    client.force_login(charlie)
    assert client.get(record_url(submitted)).status_code == 404
    assert unchanged(submitted) == NOTHING_RECORDED


def test_recording_page_of_a_sheet_not_submitted_goes_back_to_it(client, org, mttq_table, staff_user):
    sheet = import_scores(mttq_table, org.province)
    client.force_login(staff_user)
    response = client.get(record_url(sheet), follow=True)
    assert response.redirect_chain == [(sheet.get_absolute_url(), 302)]
    assert "Phiếu ở trạng thái “Đang tự chấm”: không ghi nhận kết quả được." in response.content.decode()
    assert record_url(sheet) not in response.content.decode()


def test_recording_typed_points_labels_every_page(client, org, mttq_table, submitted, staff_user):
    client.force_login(staff_user)
    response = client.post(record_url(submitted), {**posted(org), **typed(mttq_table, LOWERED)}, follow=True)
    assert response.redirect_chain == [(submitted.get_absolute_url(), 302)]
    submitted.refresh_from_db()
    assert (submitted.state, sheet_totals(submitted, ScoreKind.APPRAISED)["total"]) == (
        SheetState.APPRAISED,
        943,
    )
    body = response.content.decode()
    assert f'data-testid="appraisal-label">{LABEL}.</p>' in body
    assert ">Điểm Trưởng khối chấm</th>" in body
    assert 'data-testid="appraised-total">927 + 48 = <strong>975' not in body
    assert 'data-testid="appraised-total">895 + 48 = <strong>943</strong>' in body
    assert "Hoàn thành thẩm định" not in body
    assert 'value="published"' in body  # the province may publish the result it recorded
    compare = client.get(f"/cham-diem/phieu/{submitted.pk}/so-sanh/").content.decode()
    assert f"{LABEL}." in compare and ">Điểm Trưởng khối chấm</th>" in compare
    ranking_page = client.get(f"/cham-diem/bang/{mttq_table.pk}/xep-hang/").content.decode()
    assert f'<span data-testid="appraisal-label">{LABEL}</span>' in ranking_page


def test_recording_from_the_leader_s_file(client, org, mttq_table, submitted, staff_user):
    client.force_login(staff_user)
    upload = SimpleUploadedFile("ket-qua.csv", edited_csv(SELF_SCORE_CSV, cells=LOWERED))
    response = client.post(record_url(submitted), {**posted(org, publish="on"), "file": upload})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.state, sheet_totals(submitted, ScoreKind.APPRAISED)["total"]) == (
        SheetState.PUBLISHED,
        943,
    )
    assert recordings(submitted).get().changes["source"] == "ket-qua.csv"


def test_recording_page_refuses_a_bad_point_and_saves_nothing(client, org, mttq_table, submitted, staff_user):
    client.force_login(staff_user)
    i1 = mttq_table.criteria.get(code="I.1").pk
    data = {**posted(org), **typed(mttq_table, {"I.1": {"diem_thuc_hien": "130"}})}
    response = client.post(record_url(submitted), data)
    assert response.status_code == 200
    assert response.context["points"].errors == {
        f"a_{i1}": ["I.1: Quy tắc “tru:25” không cho 130 điểm và 0 điểm thưởng."]
    }
    body = response.content.decode()
    assert 'class="form-control form-control-sm is-invalid"' in body
    assert f'aria-invalid="true" aria-describedby="id_a_{i1}_error" id="id_a_{i1}">' in body
    assert f'<div class="small text-danger" id="id_a_{i1}_error">I.1: Quy tắc' in body
    data[f"a_{i1}"] = "１２５"
    response = client.post(record_url(submitted), data)
    assert response.context["points"].errors[f"a_{i1}"] == [
        "“１２５”: chỉ gõ số bằng các chữ số 0–9 thông thường " + WIDE
    ]
    upload = SimpleUploadedFile("thieu.csv", edited_csv(SELF_SCORE_CSV, drop={"I.1"}))
    response = client.post(record_url(submitted), {**posted(org), "file": upload})
    assert response.context["errors"] == ["Thiếu điểm của 1 mục: I.1."]
    response = client.post(
        record_url(submitted), {**posted(org, document_date="01/01/2999"), **typed(mttq_table)}
    )
    assert response.context["form"].errors == {"document_date": ["Ngày văn bản không được sau hôm nay."]}
    assert unchanged(submitted) == NOTHING_RECORDED


def test_exports_say_whose_result_it_is(client, org, mttq_table, submitted, staff_user):
    record(submitted, staff_user, publish=True)
    client.force_login(staff_user)
    ws = workbook(client.get(f"/cham-diem/phieu/{submitted.pk}/phieu.xlsx"))
    assert ws["A1"].value == f"LĐLĐ tỉnh P — {mttq_table} — {LABEL}"
    assert sheet_rows(ws)[0][7:10] == [
        "Điểm Trưởng khối chấm: Điểm thực hiện",
        "Điểm Trưởng khối chấm: Điểm thưởng",
        "Điểm Trưởng khối chấm: Tổng điểm",
    ]
    ws = workbook(client.get(f"/cham-diem/phieu/{submitted.pk}/so-sanh.xlsx"))
    assert ws["A1"].value.endswith(f" — {LABEL}")
    assert sheet_rows(ws)[0][3] == "Điểm Trưởng khối chấm"
    ws = workbook(client.get(f"/cham-diem/bang/{mttq_table.pk}/xep-hang.xlsx"))
    assert [row[7] for row in sheet_rows(ws)] == ["Nguồn điểm", LABEL, "Chưa chấm"]
    for url in (
        f"/cham-diem/phieu/{submitted.pk}/phieu.pdf",
        f"/cham-diem/bang/{mttq_table.pk}/xep-hang.pdf",
    ):
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(client.get(url).content)).pages)
        assert "".join(LABEL.split()) in "".join(text.split()), url  # wrapped in a narrow column
