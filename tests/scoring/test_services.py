"""Criteria table versions and states, score sheets from self-score to ranking, the audit."""

import datetime
from decimal import Decimal as D
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.http import Http404

from scoring.enums import ScoreKind, SheetState, TableStatus
from scoring.models import CriteriaTable, Criterion, ItemAttachment, ItemScore, ScoreSheet
from scoring.queries import (
    get_sheet_for_user,
    get_table_for_user,
    ranking,
    sheet_totals,
    sheet_tree,
    visible_tables,
)
from scoring.services import (
    criteria_table_import,
    criteria_table_new_version,
    criteria_table_update,
    item_score_set,
    scores_import,
    set_criteria_table_state,
    set_score_sheet_state,
    sheet_open,
)
from scoring.tree import flatten
from tests.conftest import make_unit
from tests.scoring.conftest import (
    CRITERIA_CSV,
    SEED_SELF_TOTALS,
    SELF_SCORE_CSV,
    TABLE_CODE,
    TABLE_NAME,
    criteria_rows,
    edited_csv,
    import_scores,
    import_table,
    score_rows,
)
from units.enums import AuditAction, GroupingKind, UnitKind
from units.models import AuditEntry
from units.services import grouping_create

UTC = datetime.UTC
BANDS = [{"name": "Xuất sắc", "min_percent": 95}, {"name": "Tốt", "min_percent": 80}]


def leaf(table, code: str) -> Criterion:
    return table.criteria.get(code=code)


def item(sheet, code: str, kind=ScoreKind.SELF) -> ItemScore:
    return sheet.items.get(criterion__code=code, kind=kind)


def score_self(sheet, code: str, by, **entered) -> ItemScore:
    return item_score_set(
        sheet=sheet, criterion=leaf(sheet.table, code), kind=ScoreKind.SELF, by=by, **entered
    )


def appraise(sheet, code: str, by, **entered) -> ItemScore:
    return item_score_set(
        sheet=sheet, criterion=leaf(sheet.table, code), kind=ScoreKind.APPRAISED, by=by, **entered
    )


def submit(sheet, by, at: datetime.datetime | None = None):
    if at is None:
        return set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=by)
    with mock.patch("django.utils.timezone.now", return_value=at):
        return set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=by)


def state_audit(obj) -> list[tuple]:
    entries = AuditEntry.objects.filter(
        action=AuditAction.STATE, object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).order_by("id")
    return [(e.actor_username, e.changes) for e in entries]


def messages(exc_info) -> list[str]:
    return exc_info.value.messages


# --- criteria_table_import ---------------------------------------------------------------


def test_criteria_table_import_creates_version_1_draft(org, mttq_bloc, staff_user):
    table = criteria_table_import(
        rows=criteria_rows(),
        code=" mttq2020 ",
        name="  Bảng tiêu chí 2020 ",
        year=2020,
        owner=org.province,
        grouping=mttq_bloc,
        by=staff_user,
    )
    assert (table.code, table.version, table.previous, table.name) == (
        "MTTQ2020",
        1,
        None,
        "Bảng tiêu chí 2020",
    )
    assert table.status == TableStatus.DRAFT
    assert table.criteria.count() == 63
    assert table.criteria.filter(standard__isnull=False).count() == 44
    group, child = leaf(table, "I.4"), leaf(table, "I.4.1")
    assert (group.standard, group.bonus_max, group.rule, group.parent.code) == (None, None, "", "I")
    assert (child.standard, child.bonus_max, child.rule, child.parent_id) == (30, 5, "tru:5", group.pk)
    assert list(table.criteria.values_list("code", flat=True)[:3]) == ["I", "I.1", "I.2"]
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_type="scoring.criteriatable")
    assert (entry.actor, entry.object_id, entry.changes["criteria"]) == (staff_user, str(table.pk), 63)


def test_criteria_table_import_same_code_makes_next_version(org, mttq_bloc):
    first = import_table(owner=org.province, grouping=mttq_bloc, bands=BANDS)
    second = import_table(owner=org.province, grouping=mttq_bloc, publish=False)
    third = import_table(owner=org.province, grouping=mttq_bloc, publish=False)
    assert (second.version, second.previous, second.status) == (2, first, TableStatus.DRAFT)
    assert (third.version, third.previous) == (3, second)
    assert second.bands == BANDS
    first.refresh_from_db()
    assert (first.version, first.status, first.criteria.count()) == (1, TableStatus.PUBLISHED, 63)


def test_criteria_table_import_refuses_wrong_sum_and_saves_nothing(org, mttq_bloc):
    rows = criteria_rows(edited_csv(CRITERIA_CSV, cells={"III": {"diem_chuan": "210"}}))
    with pytest.raises(ValidationError) as exc:
        criteria_table_import(
            rows=rows, code="X", name="X", year=2020, owner=org.province, grouping=mttq_bloc, by=None
        )
    assert messages(exc) == ["Dòng 20 (III): Điểm chuẩn ghi 210 nhưng các mục con cộng lại 200."]
    assert (CriteriaTable.objects.count(), Criterion.objects.count()) == (0, 0)


def test_criteria_table_import_refuses_unparseable_rule_naming_row(org):
    rows = criteria_rows(edited_csv(CRITERIA_CSV, cells={"III.7": {"quy_tac": "bac:3"}}))
    with pytest.raises(ValidationError) as exc:
        criteria_table_import(rows=rows, code="X", name="X", year=2020, owner=org.province, by=None)
    assert messages(exc) == ["Dòng 63 (III.7): Không hiểu quy tắc “bac:3”."]
    assert CriteriaTable.objects.count() == 0


# --- criteria_table_update ---------------------------------------------------------------


def test_criteria_table_update_refuses_name_of_published_table(mttq_table, staff_user):
    with pytest.raises(ValidationError) as exc:
        criteria_table_update(table=mttq_table, by=staff_user, name="Tên mới")
    assert messages(exc) == ["Bảng đã ban hành không sửa được; hãy tạo phiên bản mới."]
    mttq_table.refresh_from_db()
    assert mttq_table.name == TABLE_NAME
    assert not AuditEntry.objects.filter(action=AuditAction.UPDATE).exists()


@pytest.mark.parametrize("field", ["bands", "year", "grouping"])
def test_criteria_table_update_refuses_other_fields_of_published_table(mttq_table, staff_user, field):
    before = getattr(mttq_table, field)
    value = {"bands": BANDS, "year": 2021, "grouping": None}[field]
    with pytest.raises(ValidationError):
        criteria_table_update(table=mttq_table, by=staff_user, **{field: value})
    mttq_table.refresh_from_db()
    assert getattr(mttq_table, field) == before


def test_criteria_table_update_moves_deadlines_of_published_table(mttq_table, staff_user):
    criteria_table_update(
        table=mttq_table,
        by=staff_user,
        self_deadline=datetime.date(2020, 12, 15),
        appraisal_deadline=datetime.date(2020, 12, 31),
        name=mttq_table.name,
    )
    mttq_table.refresh_from_db()
    assert (mttq_table.self_deadline, mttq_table.appraisal_deadline) == (
        datetime.date(2020, 12, 15),
        datetime.date(2020, 12, 31),
    )
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_type="scoring.criteriatable")
    assert entry.actor == staff_user
    assert entry.changes == {
        "self_deadline": [None, "2020-12-15"],
        "appraisal_deadline": [None, "2020-12-31"],
    }


def test_criteria_table_update_changes_draft(org, staff_user):
    table = import_table(owner=org.province, publish=False)
    criteria_table_update(table=table, by=staff_user, name="Tên mới", bands=BANDS, year=2021)
    table.refresh_from_db()
    assert (table.name, table.bands, table.year) == ("Tên mới", BANDS, 2021)


# --- criteria_table_new_version ----------------------------------------------------------


def test_criteria_table_new_version_copies_criteria(mttq_table, staff_user):
    copy = criteria_table_new_version(table=mttq_table, by=staff_user)
    assert (copy.code, copy.version, copy.previous, copy.status) == (
        TABLE_CODE,
        2,
        mttq_table,
        TableStatus.DRAFT,
    )
    assert (copy.grouping, copy.owner, copy.name) == (mttq_table.grouping, mttq_table.owner, mttq_table.name)
    shape = ["code", "text", "standard", "bonus_max", "rule", "guidance", "order", "parent__code"]
    assert list(copy.criteria.values_list(*shape)) == list(mttq_table.criteria.values_list(*shape))
    assert not copy.criteria.filter(parent__table=mttq_table).exists()


def test_criteria_table_new_version_leaves_old_scores(org, mttq_table, staff_user):
    sheet = import_scores(mttq_table, org.province)
    copy = criteria_table_new_version(table=mttq_table, by=staff_user)
    set_criteria_table_state(obj=copy, to=TableStatus.PUBLISHED, by=staff_user)
    assert sheet_totals(sheet, ScoreKind.SELF) == SEED_SELF_TOTALS
    assert ItemScore.objects.filter(criterion__table=mttq_table).count() == 44
    assert not ItemScore.objects.filter(criterion__table=copy).exists()
    assert not copy.sheets.exists()
    mttq_table.refresh_from_db()
    assert mttq_table.status == TableStatus.PUBLISHED


def test_criteria_table_new_version_can_be_scored_separately(org, mttq_table, staff_user):
    import_scores(mttq_table, org.province)
    copy = criteria_table_new_version(table=mttq_table, by=staff_user)
    set_criteria_table_state(obj=copy, to=TableStatus.PUBLISHED, by=staff_user)
    new_sheet = sheet_open(table=copy, unit=org.province, by=staff_user)
    score_self(new_sheet, "I.1", staff_user, choice="dat")
    assert sheet_totals(new_sheet, ScoreKind.SELF)["achieved"] == 150
    assert ScoreSheet.objects.filter(unit=org.province).count() == 2


# --- set_criteria_table_state ------------------------------------------------------------


def test_set_criteria_table_state_draft_published_closed(org, staff_user):
    table = import_table(owner=org.province, publish=False)
    now = datetime.datetime(2020, 3, 1, 2, 0, tzinfo=UTC)
    with mock.patch("django.utils.timezone.now", return_value=now):
        set_criteria_table_state(obj=table, to=TableStatus.PUBLISHED, by=staff_user)
    set_criteria_table_state(obj=table, to=TableStatus.CLOSED, by=staff_user, reason="Hết năm")
    table.refresh_from_db()
    assert (table.status, table.published_at) == (TableStatus.CLOSED, now)
    assert state_audit(table) == [
        ("thidua", {"status": [TableStatus.DRAFT, TableStatus.PUBLISHED], "reason": ""}),
        ("thidua", {"status": [TableStatus.PUBLISHED, TableStatus.CLOSED], "reason": "Hết năm"}),
    ]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ([TableStatus.CLOSED], "Không thể chuyển bảng từ “Dự thảo” sang “Đã kết thúc”."),
        (
            [TableStatus.PUBLISHED, TableStatus.DRAFT],
            "Không thể chuyển bảng từ “Đã ban hành” sang “Dự thảo”.",
        ),
        (
            [TableStatus.PUBLISHED, TableStatus.CLOSED, TableStatus.PUBLISHED],
            "Không thể chuyển bảng từ “Đã kết thúc” sang “Đã ban hành”.",
        ),
        (
            [TableStatus.PUBLISHED, TableStatus.CLOSED, TableStatus.DRAFT],
            "Không thể chuyển bảng từ “Đã kết thúc” sang “Dự thảo”.",
        ),
    ],
)
def test_set_criteria_table_state_refuses_move(org, staff_user, path, message):
    table = import_table(owner=org.province, publish=False)
    *allowed, refused = path
    for to in allowed:
        set_criteria_table_state(obj=table, to=to, by=staff_user)
    with pytest.raises(ValidationError) as exc:
        set_criteria_table_state(obj=table, to=refused, by=staff_user)
    assert messages(exc) == [message]
    table.refresh_from_db()
    assert table.status == (allowed[-1] if allowed else TableStatus.DRAFT)


def test_set_criteria_table_state_refuses_unit_staff(org, alice):
    table = import_table(owner=org.province, publish=False)
    with pytest.raises(PermissionDenied):
        set_criteria_table_state(obj=table, to=TableStatus.PUBLISHED, by=alice)
    table.refresh_from_db()
    assert (table.status, table.published_at) == (TableStatus.DRAFT, None)
    assert state_audit(table) == []


def test_set_criteria_table_state_unchanged_writes_nothing(mttq_table, staff_user):
    before = AuditEntry.objects.count()
    set_criteria_table_state(obj=mttq_table, to=TableStatus.PUBLISHED, by=staff_user)
    assert AuditEntry.objects.count() == before


def test_set_criteria_table_state_refuses_publishing_empty_table(org, staff_user):
    table = CriteriaTable.objects.create(code="RONG", name="Rỗng", year=2020, owner=org.province)
    with pytest.raises(ValidationError) as exc:
        set_criteria_table_state(obj=table, to=TableStatus.PUBLISHED, by=staff_user)
    assert messages(exc) == ["Bảng chưa có tiêu chí nào."]


# --- sheet_open --------------------------------------------------------------------------


def test_sheet_open_refuses_draft_and_closed_table(org, mttq_bloc, staff_user):
    table = import_table(owner=org.province, grouping=mttq_bloc, publish=False)
    with pytest.raises(ValidationError) as exc:
        sheet_open(table=table, unit=org.province, by=staff_user)
    assert messages(exc) == ["Bảng tiêu chí chưa ban hành hoặc đã kết thúc."]
    set_criteria_table_state(obj=table, to=TableStatus.PUBLISHED, by=staff_user)
    set_criteria_table_state(obj=table, to=TableStatus.CLOSED, by=staff_user)
    with pytest.raises(ValidationError):
        sheet_open(table=table, unit=org.province, by=staff_user)
    assert not ScoreSheet.objects.exists()


def test_sheet_open_refuses_unit_outside_grouping(org, bloc_table, staff_user):
    with pytest.raises(ValidationError) as exc:
        sheet_open(table=bloc_table, unit=org.a1, by=staff_user)
    assert messages(exc) == ["CĐCS A1 không thuộc Khối LĐLĐ huyện, thành phố."]
    assert not ScoreSheet.objects.exists()


def test_sheet_open_returns_the_same_sheet(org, bloc_table, alice):
    first = sheet_open(table=bloc_table, unit=org.a, by=alice)
    again = sheet_open(table=bloc_table, unit=org.a, by=alice)
    assert (again.pk, again.state) == (first.pk, SheetState.DRAFT)
    created = AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="scoring.scoresheet")
    assert [(e.actor, e.object_id) for e in created] == [(alice, str(first.pk))]


def test_sheet_open_without_grouping_takes_any_unit(org, staff_user):
    table = import_table(owner=org.province)
    assert sheet_open(table=table, unit=org.a1, by=staff_user).unit == org.a1


# --- item_score_set ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("29.99", (15, 0, "15")), ("30", (20, 0, "30")), ("34.99", (20, 0, "30")), ("35", (20, 10, "35"))],
)
def test_item_score_set_evaluates_band_on_server(org, bloc_table, alice, value, expected):
    sheet = sheet_open(table=bloc_table, unit=org.a, by=alice)
    # The typed points and bonus are ignored: the server evaluates the rule from the value.
    saved = score_self(sheet, "III.3.2", alice, value=D(value), achieved=D(20), bonus=D(0))
    saved.refresh_from_db()
    assert (saved.achieved, saved.bonus, saved.choice) == expected
    assert (saved.value, saved.updated_by) == (D(value), alice)


def test_item_score_set_evaluates_choice_and_count(org, bloc_table, alice):
    sheet = sheet_open(table=bloc_table, unit=org.a, by=alice)
    assert score_self(sheet, "I.1", alice, choice="chua_dat").achieved == 125
    assert score_self(sheet, "I.6", alice, choice="loai_tru").achieved == 0
    saved = score_self(sheet, "III.6.3.2.d", alice, value=D(2))
    assert (saved.achieved, saved.bonus, saved.choice) == (5, 5, "2")
    saved = score_self(sheet, "II.4.1", alice, choice="KHONG_CO_TO_CHUC")
    assert (saved.achieved, saved.bonus) == (25, 0)


@pytest.mark.parametrize(
    ("code", "entered", "message"),
    [
        ("III.7", {"achieved": D("0.3")}, "III.7: Điểm thực hiện chỉ nhận điểm nguyên hoặc nửa điểm."),
        ("III.7", {"achieved": D(11)}, "III.7: Điểm thực hiện phải từ 0 đến 10."),
        ("III.6.3.2.d", {"value": D("1.5")}, "III.6.3.2.d: Số lượng phải là số nguyên."),
        ("III.3.2", {"value": D(-1)}, "III.3.2: Giá trị không được âm."),
        ("I.1", {"choice": "loai_tru"}, "I.1: Mục này không có trường hợp loại trừ."),
        (
            "I.2",
            {"choice": "dat", "bonus": D("0.25")},
            "I.2: Điểm thưởng chỉ nhận điểm nguyên hoặc nửa điểm.",
        ),
        ("I.2", {"choice": "dat", "bonus": D(6)}, "I.2: Điểm thưởng phải từ 0 đến 5."),
        ("II.3", {"choice": "XUAT_SAC"}, "II.3: Chọn một mức đánh giá."),
    ],
)
def test_item_score_set_refuses_disallowed_input_and_writes_nothing(
    org, bloc_table, alice, code, entered, message
):
    sheet = sheet_open(table=bloc_table, unit=org.a, by=alice)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        item_score_set(
            sheet=sheet, criterion=leaf(bloc_table, code), kind=ScoreKind.SELF, by=alice, **entered
        )
    assert messages(exc) == [message]
    assert not ItemScore.objects.exists()
    assert AuditEntry.objects.count() == before


def test_item_score_set_refused_input_keeps_earlier_score(org, bloc_table, alice):
    sheet = sheet_open(table=bloc_table, unit=org.a, by=alice)
    criterion = leaf(bloc_table, "III.7")
    item_score_set(sheet=sheet, criterion=criterion, kind=ScoreKind.SELF, by=alice, achieved=D("9.5"))
    with pytest.raises(ValidationError):
        item_score_set(sheet=sheet, criterion=criterion, kind=ScoreKind.SELF, by=alice, achieved=D(12))
    assert item(sheet, "III.7").achieved == D("9.5")


def test_item_score_set_audits_create_then_update(org, bloc_table, alice):
    sheet = sheet_open(table=bloc_table, unit=org.a, by=alice)
    criterion = leaf(bloc_table, "III.7")
    saved = item_score_set(sheet=sheet, criterion=criterion, kind=ScoreKind.SELF, by=alice, achieved=D(10))
    item_score_set(sheet=sheet, criterion=criterion, kind=ScoreKind.SELF, by=alice, achieved=D(8))
    entries = AuditEntry.objects.filter(object_type="scoring.itemscore", object_id=str(saved.pk)).order_by(
        "id"
    )
    assert [(e.action, e.actor, e.changes["criterion"], e.changes["kind"]) for e in entries] == [
        (AuditAction.CREATE, alice, "III.7", ScoreKind.SELF),
        (AuditAction.UPDATE, alice, "III.7", ScoreKind.SELF),
    ]
    assert [[D(v) if v else v for v in e.changes["achieved"]] for e in entries] == [[None, 10], [10, 8]]


def test_item_score_set_same_score_again_writes_no_audit(org, bloc_table, alice):
    sheet = sheet_open(table=bloc_table, unit=org.a, by=alice)
    criterion = leaf(bloc_table, "III.7")
    item_score_set(sheet=sheet, criterion=criterion, kind=ScoreKind.SELF, by=alice, achieved=D(8))
    before = AuditEntry.objects.count()
    item_score_set(sheet=sheet, criterion=criterion, kind=ScoreKind.SELF, by=alice, achieved=D(8))
    assert AuditEntry.objects.count() == before


def test_item_score_set_leader_only_item_zero_for_other_unit(org, bloc_table, alice, charlie):
    # III.8 (chi_truong_khoi): A leads the bloc, B does not.
    criterion = leaf(bloc_table, "III.8")
    sheet_b = sheet_open(table=bloc_table, unit=org.b, by=charlie)
    saved = item_score_set(sheet=sheet_b, criterion=criterion, kind=ScoreKind.SELF, by=charlie, achieved=D(5))
    assert (saved.achieved, saved.bonus) == (0, 0)
    sheet_a = sheet_open(table=bloc_table, unit=org.a, by=alice)
    saved = item_score_set(sheet=sheet_a, criterion=criterion, kind=ScoreKind.SELF, by=alice, achieved=D(5))
    assert (saved.achieved, saved.bonus) == (5, 0)


def test_item_score_set_refuses_group_and_other_table_criterion(org, bloc_table, mttq_table, alice):
    sheet = sheet_open(table=bloc_table, unit=org.a, by=alice)
    for criterion in (leaf(bloc_table, "I.4"), leaf(mttq_table, "III.7")):
        with pytest.raises(ValidationError) as exc:
            item_score_set(sheet=sheet, criterion=criterion, kind=ScoreKind.SELF, by=alice, achieved=D(0))
        assert messages(exc) == ["Tiêu chí không thuộc bảng hoặc không phải mục chấm điểm."]
    assert not ItemScore.objects.exists()


def test_item_score_set_refuses_outsider_and_viewer(org, bloc_table, alice, bob, charlie):
    sheet = sheet_open(table=bloc_table, unit=org.a, by=alice)
    for user in (charlie, bob):
        with pytest.raises(PermissionDenied):
            score_self(sheet, "III.7", user)
    assert not ItemScore.objects.exists()


def test_item_score_set_self_locked_after_submit(org, bloc_table, alice):
    sheet = import_scores(bloc_table, org.a)
    submit(sheet, alice)
    with pytest.raises(ValidationError) as exc:
        score_self(sheet, "I.1", alice, choice="chua_dat")
    assert messages(exc) == ["Phiếu đã nộp: không sửa được điểm tự chấm."]
    assert item(sheet, "I.1").achieved == 150


def test_item_score_set_appraisal_refused_before_submit(org, bloc_table, staff_user):
    sheet = import_scores(bloc_table, org.a)
    with pytest.raises(ValidationError) as exc:
        appraise(sheet, "I.1", staff_user, choice="dat")
    assert messages(exc) == ["Chỉ thẩm định phiếu đã nộp."]
    assert not sheet.items.filter(kind=ScoreKind.APPRAISED).exists()


def test_item_score_set_appraisal_refused_for_other_unit_staff(org, bloc_table, alice, charlie):
    sheet = import_scores(bloc_table, org.a)
    submit(sheet, alice)
    with pytest.raises(PermissionDenied):
        appraise(sheet, "I.1", charlie, choice="dat")


def test_item_score_set_refused_on_closed_table(org, bloc_table, alice, staff_user):
    sheet = import_scores(bloc_table, org.a)
    submit(sheet, alice)
    set_score_sheet_state(obj=sheet, to=SheetState.RETURNED, by=staff_user, reason="Bổ sung")
    set_criteria_table_state(obj=bloc_table, to=TableStatus.CLOSED, by=staff_user)
    with pytest.raises(ValidationError) as exc:
        score_self(sheet, "I.1", alice, choice="chua_dat")
    assert messages(exc) == ["Bảng tiêu chí chưa ban hành hoặc đã kết thúc: không chấm điểm được."]
    assert item(sheet, "I.1").achieved == 150


def test_item_score_set_evaluates_the_stored_value(org, bloc_table, alice):
    # The value keeps two decimals: 29.999 is stored as 30.00 and scored as 30 (20 points),
    # so the points always agree with the value shown.
    sheet = sheet_open(table=bloc_table, unit=org.a, by=alice)
    score_self(sheet, "III.3.2", alice, value=D("29.999"))
    saved = item(sheet, "III.3.2")
    assert (saved.value, saved.achieved, saved.choice) == (D("30.00"), 20, "30")


# --- scores_import -----------------------------------------------------------------------


def test_scores_import_writes_seed_self_score(org, mttq_table, staff_user):
    sheet = sheet_open(table=mttq_table, unit=org.province, by=staff_user)
    assert scores_import(rows=score_rows(), sheet=sheet, kind=ScoreKind.SELF, by=staff_user) == 44
    assert sheet.items.filter(kind=ScoreKind.SELF).count() == 44
    assert (item(sheet, "I.1").choice, item(sheet, "III.3.2").choice) == ("dat", "35")
    assert sheet_totals(sheet, ScoreKind.SELF) == SEED_SELF_TOTALS
    entry = AuditEntry.objects.get(action=AuditAction.IMPORT)
    assert (entry.actor, entry.object_id, entry.changes["kind"]) == (
        staff_user,
        str(sheet.pk),
        ScoreKind.SELF,
    )
    assert entry.changes["items"]["III.3.2"] == ["20", "10"]


def test_scores_import_refuses_bad_row_and_writes_nothing(org, mttq_table, staff_user):
    sheet = sheet_open(table=mttq_table, unit=org.province, by=staff_user)
    content = edited_csv(
        SELF_SCORE_CSV, cells={"I.1": {"diem_thuc_hien": "140"}, "III.3.2": {"diem_thuc_hien": "18"}}
    )
    with pytest.raises(ValidationError) as exc:
        scores_import(rows=score_rows(content), sheet=sheet, kind=ScoreKind.SELF, by=staff_user)
    assert messages(exc) == [
        "Dòng 2 (I.1): I.1: Quy tắc “tru:25” không cho 140 điểm và 0 điểm thưởng.",
        "Dòng 30 (III.3.2): III.3.2: Quy tắc “nguong:35=20+10,30=20,15=15,0=10” "
        "không cho 18 điểm và 10 điểm thưởng.",
    ]
    assert not ItemScore.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.IMPORT).exists()


def test_scores_import_replaces_earlier_scores(org, mttq_table, staff_user):
    sheet = import_scores(mttq_table, org.province)
    content = edited_csv(SELF_SCORE_CSV, cells={"I.1": {"diem_thuc_hien": "125"}})
    scores_import(rows=score_rows(content), sheet=sheet, kind=ScoreKind.SELF, by=staff_user)
    assert sheet.items.filter(kind=ScoreKind.SELF).count() == 44
    assert (item(sheet, "I.1").achieved, item(sheet, "I.1").choice) == (125, "chua_dat")
    assert sheet_totals(sheet, ScoreKind.SELF)["total"] == 945


def test_scores_import_keeps_evidence_of_replaced_items(org, mttq_table, staff_user):
    sheet = import_scores(mttq_table, org.province)
    evidence = ItemAttachment.objects.create(
        item=item(sheet, "I.1"),
        file=ContentFile(b"%PDF-1.4", name="gop-y.pdf"),
        original_name="gop-y.pdf",
        content_type="application/pdf",
        size=8,
        uploaded_by=staff_user,
    )
    content = edited_csv(SELF_SCORE_CSV, cells={"I.1": {"diem_thuc_hien": "125"}})
    scores_import(rows=score_rows(content), sheet=sheet, kind=ScoreKind.SELF, by=staff_user)
    assert item(sheet, "I.1").achieved == 125
    assert list(item(sheet, "I.1").attachments.all()) == [evidence]


def test_scores_import_self_refused_after_submit(org, mttq_table, staff_user):
    sheet = import_scores(mttq_table, org.province)
    submit(sheet, staff_user)
    content = edited_csv(SELF_SCORE_CSV, cells={"I.1": {"diem_thuc_hien": "125"}})
    with pytest.raises(ValidationError):
        scores_import(rows=score_rows(content), sheet=sheet, kind=ScoreKind.SELF, by=staff_user)
    assert item(sheet, "I.1").achieved == 150


def test_scores_import_refused_for_outsider(org, bloc_table, alice, charlie):
    sheet = sheet_open(table=bloc_table, unit=org.a, by=alice)
    with pytest.raises(PermissionDenied):
        scores_import(rows=score_rows(), sheet=sheet, kind=ScoreKind.SELF, by=charlie)
    assert not ItemScore.objects.exists()


# --- set_score_sheet_state: submit -------------------------------------------------------


def test_submit_refused_while_leaves_missing(org, bloc_table, alice):
    sheet = import_scores(bloc_table, org.a, content=edited_csv(SELF_SCORE_CSV, drop={"III.7", "III.8"}))
    with pytest.raises(ValidationError) as exc:
        submit(sheet, alice)
    assert messages(exc) == ["Còn 2 mục chưa chấm: III.7, III.8."]
    sheet.refresh_from_db()
    assert (sheet.state, sheet.submitted_at) == (SheetState.DRAFT, None)
    assert state_audit(sheet) == []


def test_submit_refused_on_empty_sheet_lists_first_ten_codes(org, bloc_table, alice):
    sheet = sheet_open(table=bloc_table, unit=org.a, by=alice)
    with pytest.raises(ValidationError) as exc:
        submit(sheet, alice)
    assert messages(exc) == [
        "Còn 44 mục chưa chấm: I.1, I.2, I.3, I.4.1, I.4.2, I.5.1, I.5.2, I.6, II.1, II.2."
    ]


def test_submit_refused_for_other_unit_and_viewer(org, bloc_table, bob, charlie, staff_user):
    sheet = import_scores(bloc_table, org.a)
    for user in (charlie, bob, staff_user):
        with pytest.raises(PermissionDenied):
            submit(sheet, user)
    sheet.refresh_from_db()
    assert sheet.state == SheetState.DRAFT


def test_submit_records_time_and_audit(org, bloc_table, alice):
    sheet = import_scores(bloc_table, org.a)
    at = datetime.datetime(2020, 12, 10, 3, 0, tzinfo=UTC)
    submit(sheet, alice, at)
    sheet.refresh_from_db()
    assert (sheet.state, sheet.submitted_at, sheet.is_late) == (SheetState.SUBMITTED, at, False)
    assert state_audit(sheet) == [
        ("alice", {"state": [SheetState.DRAFT, SheetState.SUBMITTED], "reason": "", "late": False})
    ]


def test_submit_late_after_self_deadline(org, bloc_table, alice, charlie, staff_user):
    criteria_table_update(table=bloc_table, by=staff_user, self_deadline=datetime.date(2020, 12, 15))
    on_time, late = import_scores(bloc_table, org.a), import_scores(bloc_table, org.b)
    # 23:30 on the deadline day and 00:30 the day after, Vietnam time (UTC+7).
    submit(on_time, alice, datetime.datetime(2020, 12, 15, 16, 30, tzinfo=UTC))
    submit(late, charlie, datetime.datetime(2020, 12, 15, 17, 30, tzinfo=UTC))
    on_time.refresh_from_db()
    late.refresh_from_db()
    assert (on_time.is_late, late.is_late) == (False, True)
    assert state_audit(late)[0][1]["late"] is True


def test_submit_without_deadline_is_never_late(org, bloc_table, alice):
    sheet = import_scores(bloc_table, org.a)
    submit(sheet, alice, datetime.datetime(2030, 1, 1, tzinfo=UTC))
    assert sheet.is_late is False


# --- set_score_sheet_state: return, appraise, publish -------------------------------------


def test_return_with_reason_and_item_reasons(org, bloc_table, alice, staff_user):
    sheet = import_scores(bloc_table, org.a)
    submit(sheet, alice)
    i1 = leaf(bloc_table, "I.1")
    set_score_sheet_state(
        obj=sheet,
        to=SheetState.RETURNED,
        by=staff_user,
        reason=" Bổ sung minh chứng ",
        item_reasons={i1.pk: "Thiếu văn bản góp ý"},
    )
    sheet.refresh_from_db()
    assert (sheet.state, sheet.returned_reason) == (SheetState.RETURNED, "Bổ sung minh chứng")
    assert item(sheet, "I.1").returned_reason == "Thiếu văn bản góp ý"
    assert sheet.items.exclude(returned_reason="").count() == 1
    assert state_audit(sheet)[-1] == (
        "thidua",
        {
            "state": [SheetState.SUBMITTED, SheetState.RETURNED],
            "reason": " Bổ sung minh chứng ",
            "late": None,
        },
    )
    # The unit corrects the item; the request stays visible until it resubmits.
    item_score_set(sheet=sheet, criterion=i1, kind=ScoreKind.SELF, by=alice, choice="chua_dat")
    assert (item(sheet, "I.1").achieved, item(sheet, "I.1").returned_reason) == (125, "Thiếu văn bản góp ý")
    submit(sheet, alice)
    sheet.refresh_from_db()
    assert (sheet.state, sheet.returned_reason) == (SheetState.SUBMITTED, "")
    assert not sheet.items.exclude(returned_reason="").exists()


def test_return_refused_without_reason(org, bloc_table, alice, staff_user):
    sheet = import_scores(bloc_table, org.a)
    submit(sheet, alice)
    with pytest.raises(ValidationError) as exc:
        set_score_sheet_state(obj=sheet, to=SheetState.RETURNED, by=staff_user, reason="  ")
    assert messages(exc) == ["Nêu lý do trả lại để đơn vị bổ sung."]
    sheet.refresh_from_db()
    assert sheet.state == SheetState.SUBMITTED


def test_moves_refused_for_the_role_before_the_state(org, bloc_table, alice, bob, staff_user):
    """A move the state machine would refuse anyway is refused for the role first: the
    unit's read-only colleague, or its own staff appraising, hear nothing of the state."""
    sheet = import_scores(bloc_table, org.a)
    for by, to in (
        (bob, SheetState.PUBLISHED),
        (bob, SheetState.SUBMITTED),
        (bob, "xong"),
        (alice, SheetState.APPRAISED),
    ):
        with pytest.raises(PermissionDenied):
            set_score_sheet_state(obj=sheet, to=to, by=by)
    sheet.refresh_from_db()
    assert sheet.state == SheetState.DRAFT
    with pytest.raises(ValidationError) as exc:
        set_score_sheet_state(obj=sheet, to="xong", by=alice)
    assert messages(exc) == ["Trạng thái không hợp lệ."]


def test_return_refused_for_unit_staff(org, bloc_table, alice, charlie):
    sheet = import_scores(bloc_table, org.a)
    submit(sheet, alice)
    with pytest.raises(PermissionDenied):
        set_score_sheet_state(obj=sheet, to=SheetState.RETURNED, by=charlie, reason="Không")
    sheet.refresh_from_db()
    assert sheet.state == SheetState.SUBMITTED


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ([SheetState.APPRAISED], "Không thể chuyển phiếu từ “Đang tự chấm” sang “Đã thẩm định”."),
        ([SheetState.RETURNED], "Không thể chuyển phiếu từ “Đang tự chấm” sang “Trả lại bổ sung”."),
        (
            [SheetState.SUBMITTED, SheetState.PUBLISHED],
            "Không thể chuyển phiếu từ “Đã nộp” sang “Đã công bố”.",
        ),
        (
            [SheetState.SUBMITTED, SheetState.APPRAISED, SheetState.SUBMITTED],
            "Không thể chuyển phiếu từ “Đã thẩm định” sang “Đã nộp”.",
        ),
        (
            [SheetState.SUBMITTED, SheetState.APPRAISED, SheetState.PUBLISHED, SheetState.RETURNED],
            "Không thể chuyển phiếu từ “Đã công bố” sang “Trả lại bổ sung”.",
        ),
    ],
)
def test_sheet_state_refuses_move(org, bloc_table, alice, staff_user, path, message):
    sheet = import_scores(bloc_table, org.a)
    *allowed, refused = path
    for to in allowed:
        set_score_sheet_state(obj=sheet, to=to, by=alice if to == SheetState.SUBMITTED else staff_user)
    # Each refusal comes to an account that holds the move's role: the role is checked
    # first, so only such an account hears about the state.
    with pytest.raises(ValidationError) as exc:
        set_score_sheet_state(
            obj=sheet, to=refused, by=alice if refused == SheetState.SUBMITTED else staff_user, reason="Lý do"
        )
    assert messages(exc) == [message]
    sheet.refresh_from_db()
    assert sheet.state == (allowed[-1] if allowed else SheetState.DRAFT)


def test_appraisal_materialises_untouched_leaves_at_self_points(org, bloc_table, alice, staff_user):
    sheet = import_scores(bloc_table, org.a)
    submit(sheet, alice)
    appraise(sheet, "I.1", staff_user, choice="chua_dat")
    at = datetime.datetime(2020, 12, 20, 2, 0, tzinfo=UTC)
    with mock.patch("django.utils.timezone.now", return_value=at):
        set_score_sheet_state(obj=sheet, to=SheetState.APPRAISED, by=staff_user)
    sheet.refresh_from_db()
    assert (sheet.state, sheet.appraised_at) == (SheetState.APPRAISED, at)
    appraised = sheet.items.filter(kind=ScoreKind.APPRAISED)
    assert appraised.count() == 44
    assert item(sheet, "I.1", ScoreKind.APPRAISED).achieved == 125
    copy, own = item(sheet, "III.3.2", ScoreKind.APPRAISED), item(sheet, "III.3.2")
    assert (copy.achieved, copy.bonus, copy.choice, copy.updated_by) == (
        own.achieved,
        own.bonus,
        own.choice,
        staff_user,
    )
    totals = sheet_totals(sheet, ScoreKind.APPRAISED)
    assert (totals["achieved"], totals["bonus"], totals["total"]) == (895, 50, 945)
    assert totals["sections"][0] == {
        "code": "I",
        "standard": 550,
        "bonus_max": 10,
        "achieved": 525,
        "bonus": 10,
    }
    assert sheet_totals(sheet, ScoreKind.SELF) == SEED_SELF_TOTALS
    assert state_audit(sheet)[-1] == (
        "thidua",
        {"state": [SheetState.SUBMITTED, SheetState.APPRAISED], "reason": "", "late": None},
    )


def test_sheet_audit_records_each_move_with_who_and_what(org, bloc_table, alice, staff_user):
    sheet = import_scores(bloc_table, org.a)
    submit(sheet, alice)
    set_score_sheet_state(obj=sheet, to=SheetState.RETURNED, by=staff_user, reason="Thiếu minh chứng")
    submit(sheet, alice)
    set_score_sheet_state(obj=sheet, to=SheetState.APPRAISED, by=staff_user)
    published_at = datetime.datetime(2021, 1, 15, 1, 0, tzinfo=UTC)
    with mock.patch("django.utils.timezone.now", return_value=published_at):
        set_score_sheet_state(obj=sheet, to=SheetState.PUBLISHED, by=staff_user)
    sheet.refresh_from_db()
    assert (sheet.state, sheet.published_at) == (SheetState.PUBLISHED, published_at)
    assert state_audit(sheet) == [
        ("alice", {"state": [SheetState.DRAFT, SheetState.SUBMITTED], "reason": "", "late": False}),
        (
            "thidua",
            {
                "state": [SheetState.SUBMITTED, SheetState.RETURNED],
                "reason": "Thiếu minh chứng",
                "late": None,
            },
        ),
        ("alice", {"state": [SheetState.RETURNED, SheetState.SUBMITTED], "reason": "", "late": False}),
        ("thidua", {"state": [SheetState.SUBMITTED, SheetState.APPRAISED], "reason": "", "late": None}),
        ("thidua", {"state": [SheetState.APPRAISED, SheetState.PUBLISHED], "reason": "", "late": None}),
    ]
    entries = AuditEntry.objects.filter(
        action=AuditAction.STATE, object_type="scoring.scoresheet", object_id=str(sheet.pk)
    )
    assert {(e.actor, e.actor_unit) for e in entries} == {(alice, org.a), (staff_user, org.province)}


def test_bloc_leader_staff_appraise_peer_sheet(org, bloc_table, alice, charlie):
    sheet = import_scores(bloc_table, org.b)
    submit(sheet, charlie)
    set_score_sheet_state(obj=sheet, to=SheetState.APPRAISED, by=alice)
    sheet.refresh_from_db()
    assert sheet.state == SheetState.APPRAISED
    assert state_audit(sheet)[-1][0] == "alice"


def test_bloc_leader_staff_cannot_appraise_own_sheet(org, bloc_table, alice):
    sheet = import_scores(bloc_table, org.a)
    submit(sheet, alice)
    with pytest.raises(PermissionDenied):
        set_score_sheet_state(obj=sheet, to=SheetState.APPRAISED, by=alice)


def _nothing_appraised(sheet) -> bool:
    sheet.refresh_from_db()
    return sheet.state == SheetState.SUBMITTED and not sheet.items.filter(kind=ScoreKind.APPRAISED).exists()


def test_province_staff_cannot_appraise_the_province_s_own_sheet(org, mttq_table, staff_user, admin_user):
    # The defect: thidua.tinh appraised LĐLĐ tỉnh's own sheet in the Khối MTTQ table.
    sheet = import_scores(mttq_table, org.province)
    submit(sheet, staff_user)
    for user in (staff_user, admin_user):
        with pytest.raises(PermissionDenied):
            appraise(sheet, "I.1", user, choice="chua_dat")
        with pytest.raises(PermissionDenied):
            scores_import(rows=score_rows(), sheet=sheet, kind=ScoreKind.APPRAISED, by=user)
        for to in (SheetState.APPRAISED, SheetState.RETURNED):
            with pytest.raises(PermissionDenied):
                set_score_sheet_state(obj=sheet, to=to, by=user, reason="Xem lại")
    assert _nothing_appraised(sheet)


def test_no_unit_appraises_the_sheet_of_a_unit_above_it(org, alice):
    """District A leads a bloc the province is a member of: its staff appraise the
    sibling district, never the province above it."""
    bloc = grouping_create(
        year=2020,
        name="Khối thử",
        kind=GroupingKind.BLOC,
        owner=org.province,
        members=[org.province, org.a, org.b],
        leader=org.a,
        by=None,
    )
    table = import_table(owner=org.province, grouping=bloc, code="KHOITHU")
    province, sibling = import_scores(table, org.province), import_scores(table, org.b)
    submit(province, None)
    submit(sibling, None)
    with pytest.raises(PermissionDenied):
        appraise(province, "I.1", alice, choice="chua_dat")
    with pytest.raises(PermissionDenied):
        set_score_sheet_state(obj=province, to=SheetState.APPRAISED, by=alice)
    assert _nothing_appraised(province)
    appraise(sibling, "I.1", alice, choice="chua_dat")
    set_score_sheet_state(obj=sibling, to=SheetState.APPRAISED, by=alice)
    assert (sibling.state, item(sibling, "I.1", ScoreKind.APPRAISED).achieved) == (SheetState.APPRAISED, 125)


def test_an_outside_grouping_s_sheet_is_never_appraised_here(org, mttq_table):
    """Not even by the system (`by` None: demo, import_scores): the leader appraises it."""
    sheet = import_scores(mttq_table, org.province)
    submit(sheet, None)
    message = [
        "Phiếu chấm trong Khối MTTQ và các đoàn thể tỉnh do Trưởng khối/cụm chấm: chỉ ghi nhận kết quả "
        "nhận được, kèm số và ngày văn bản."
    ]
    with pytest.raises(ValidationError) as exc:
        appraise(sheet, "I.1", None, choice="chua_dat")
    assert messages(exc) == message
    with pytest.raises(ValidationError) as exc:
        scores_import(rows=score_rows(), sheet=sheet, kind=ScoreKind.APPRAISED, by=None)
    assert messages(exc) == message
    for to in (SheetState.APPRAISED, SheetState.RETURNED):
        with pytest.raises(ValidationError) as exc:
            set_score_sheet_state(obj=sheet, to=to, by=None, reason="Xem lại")
        assert messages(exc) == message
    assert _nothing_appraised(sheet)


def test_reappraisal_after_return_uses_corrected_self_points(org, bloc_table, alice, staff_user):
    sheet = import_scores(bloc_table, org.a)
    submit(sheet, alice)
    set_score_sheet_state(obj=sheet, to=SheetState.APPRAISED, by=staff_user)
    set_score_sheet_state(obj=sheet, to=SheetState.RETURNED, by=staff_user, reason="Xem lại I.1")
    score_self(sheet, "I.1", alice, choice="chua_dat")
    submit(sheet, alice)
    # The appraiser touches nothing: the appraisal is the unit's corrected score.
    set_score_sheet_state(obj=sheet, to=SheetState.APPRAISED, by=staff_user)
    assert item(sheet, "I.1", ScoreKind.APPRAISED).achieved == 125
    assert sheet_totals(sheet, ScoreKind.APPRAISED)["total"] == 945


# --- sheet_totals ------------------------------------------------------------------------


def test_sheet_totals_of_seed_self_score(org, mttq_table):
    # Seed 000 types 200 for section III's self-score; its items add up to 195.
    sheet = import_scores(mttq_table, org.province)
    assert sheet_totals(sheet, ScoreKind.SELF) == SEED_SELF_TOTALS
    empty = sheet_totals(sheet, ScoreKind.APPRAISED)
    assert (empty["standard"], empty["bonus_max"], empty["achieved"], empty["total"]) == (950, 50, 0, 0)


def test_sheet_totals_half_points(org, bloc_table, alice):
    sheet = import_scores(bloc_table, org.a)
    score_self(sheet, "III.7", alice, achieved=D("9.5"))
    totals = sheet_totals(sheet, ScoreKind.SELF)
    assert (totals["achieved"], totals["total"], totals["sections"][2]["achieved"]) == (919.5, 969.5, 194.5)


# --- ranking -----------------------------------------------------------------------------


def ranked(table) -> list[tuple]:
    return [(r.rank, r.unit.code, r.source, r.achieved, r.bonus, r.total, r.band) for r in ranking(table)]


def test_ranking_uses_appraised_where_sheet_is_appraised(org, bloc_table, alice, charlie, staff_user):
    sheet_a, sheet_b = import_scores(bloc_table, org.a), import_scores(bloc_table, org.b)
    submit(sheet_a, alice)
    submit(sheet_b, charlie)
    for sheet in (sheet_a, sheet_b):
        appraise(sheet, "I.1", staff_user, choice="chua_dat")
    set_score_sheet_state(obj=sheet_a, to=SheetState.APPRAISED, by=staff_user)
    # B's appraisal is under way (still submitted): its own score counts until it is appraised.
    assert ranked(bloc_table) == [
        (1, "B", ScoreKind.SELF, 920, 50, 970, ""),
        (2, "A", ScoreKind.APPRAISED, 895, 50, 945, ""),
    ]


def test_ranking_uses_appraised_on_published_sheet(org, bloc_table, alice, charlie, staff_user):
    sheet_a, sheet_b = import_scores(bloc_table, org.a), import_scores(bloc_table, org.b)
    for sheet, unit_staff in ((sheet_a, alice), (sheet_b, charlie)):
        submit(sheet, unit_staff)
    appraise(sheet_a, "III.7", staff_user, achieved=D(5))
    set_score_sheet_state(obj=sheet_a, to=SheetState.APPRAISED, by=staff_user)
    set_score_sheet_state(obj=sheet_a, to=SheetState.PUBLISHED, by=staff_user)
    assert ranked(bloc_table) == [
        (1, "B", ScoreKind.SELF, 920, 50, 970, ""),
        (2, "A", ScoreKind.APPRAISED, 915, 50, 965, ""),
    ]


def test_ranking_ties_broken_by_achieved_then_name(org, bloc_table, alice, charlie):
    import_scores(bloc_table, org.a)
    sheet_b = import_scores(bloc_table, org.b)
    assert [r[1] for r in ranked(bloc_table)] == ["A", "B"]  # 970 each, 920 achieved each: by name
    # B: +15 achieved (II.4.2 rated HTXSNV), −15 bonus (no creative-campaign bonus): 935 + 35.
    score_self(sheet_b, "II.4.2", charlie, choice="HTXSNV")
    score_self(sheet_b, "III.2.3", charlie, achieved=D(0), bonus=D(0))
    assert ranked(bloc_table) == [
        (1, "B", ScoreKind.SELF, 935, 35, 970, ""),
        (2, "A", ScoreKind.SELF, 920, 50, 970, ""),
    ]


def test_ranking_bands_by_share_of_maximum(org, district_bloc, charlie):
    table = import_table(owner=org.province, grouping=district_bloc, code="KHOI", bands=BANDS)
    import_scores(table, org.a)
    sheet_b = import_scores(table, org.b)
    score_self(sheet_b, "I.1", charlie, choice="chua_dat")  # 945 of 1000
    rows = ranking(table)
    assert [(r.unit.code, r.percent, r.band) for r in rows] == [
        ("A", 97, "Xuất sắc"),
        ("B", D("94.5"), "Tốt"),
    ]
    # Down to 800 of 1000 (the lower band's edge), then 795: below every band.
    score_self(sheet_b, "I.2", charlie, choice="chua_dat", bonus=D(0))
    score_self(sheet_b, "I.3", charlie, choice="chua_dat")
    score_self(sheet_b, "I.6", charlie, choice="loai_tru")
    score_self(sheet_b, "II.3", charlie, choice="HTNV")
    score_self(sheet_b, "II.4.1", charlie, choice="KHTNV")
    row_b = ranking(table)[1]
    assert (row_b.total, row_b.percent, row_b.band) == (800, 80, "Tốt")
    score_self(sheet_b, "II.4.2", charlie, choice="HTNV")
    row_b = ranking(table)[1]
    assert (row_b.total, row_b.percent, row_b.band) == (795, D("79.5"), "")


def test_ranking_band_boundary_is_inclusive(org, district_bloc, alice):
    table = import_table(owner=org.province, grouping=district_bloc, code="KHOI", bands=BANDS)
    sheet = import_scores(table, org.a)
    # 970 − 20 = 950: exactly 95 %.
    score_self(sheet, "I.3", alice, choice="chua_dat")
    row = ranking(table)[0]
    assert (row.total, row.percent, row.band) == (950, 95, "Xuất sắc")


def test_ranking_lists_unscored_members_last_without_rank(org, mttq_table):
    import_scores(mttq_table, org.province)
    assert ranked(mttq_table) == [(1, "P", ScoreKind.SELF, 920, 50, 970, ""), (0, "HND", "", 0, 0, 0, "")]


def test_ranking_without_grouping_lists_units_with_sheets(org):
    table = import_table(owner=org.province, code="TUDO")
    import_scores(table, org.a1)
    assert ranked(table) == [(1, "A1", ScoreKind.SELF, 920, 50, 970, "")]


# --- reads -------------------------------------------------------------------------------


def test_get_sheet_for_user_outsider_gets_404_and_audit(org, mttq_bloc, staff_user, charlie):
    table = import_table(owner=org.province, grouping=mttq_bloc)
    sheet = import_scores(table, org.province)
    with pytest.raises(Http404):
        get_sheet_for_user(charlie, sheet.pk)
    entry = AuditEntry.objects.get(action=AuditAction.ACCESS_DENIED)
    assert (entry.actor, entry.object_id) == (charlie, str(sheet.pk))
    assert get_sheet_for_user(staff_user, sheet.pk) == sheet


def test_get_sheet_for_user_bloc_leader_reads_peer_sheet(org, bloc_table, alice, charlie):
    sheet_b = import_scores(bloc_table, org.b)
    sheet_a = import_scores(bloc_table, org.a)
    assert get_sheet_for_user(alice, sheet_b.pk) == sheet_b
    with pytest.raises(Http404):
        get_sheet_for_user(charlie, sheet_a.pk)


def test_visible_tables_by_owner_or_member(org, bloc_table, mttq_table, alice, charlie, staff_user):
    third = make_unit("LĐLĐ huyện C", UnitKind.DISTRICT, org.province, code="C")
    other = grouping_create(
        year=2020,
        name="Khối khác",
        kind=GroupingKind.BLOC,
        owner=org.province,
        members=[third],
        leader=None,
        by=None,
    )
    other_table = import_table(owner=org.province, grouping=other, code="KHAC")
    assert set(visible_tables(staff_user)) == {bloc_table, mttq_table, other_table}
    assert set(visible_tables(alice)) == {bloc_table}
    assert set(visible_tables(charlie)) == {bloc_table}
    assert get_table_for_user(alice, bloc_table.pk) == bloc_table
    with pytest.raises(Http404):
        get_table_for_user(alice, other_table.pk)


def test_sheet_tree_counts_untouched_leaves_at_self_points(org, bloc_table, alice, staff_user):
    sheet = import_scores(bloc_table, org.a)
    submit(sheet, alice)
    appraise(sheet, "I.1", staff_user, choice="chua_dat")
    roots = sheet_tree(sheet)
    section = roots[0]
    assert (section.sums[ScoreKind.SELF].total, section.sums[ScoreKind.APPRAISED].total) == (560, 535)
    assert [n.code for n in flatten(roots) if n.differs()] == ["I", "I.1"]
    assert sum(r.sums[ScoreKind.APPRAISED].total for r in roots) == 945
