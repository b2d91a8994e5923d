"""XLSX exports of the units pages: the rows of the page (through the same scoped query and
filters), numbers and dates as typed cells."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import bold_rows, column_formats, make_user, sheet_rows, workbook
from units.enums import AuditAction, GroupingKind, Role, Sector, UnitKind
from units.models import AuditEntry, Unit
from units.services import grouping_create, unit_dissolve, unit_move

D = datetime.date
DAY = datetime.datetime


def _bulk_units(parent: Unit, count: int) -> list[Unit]:
    units = Unit.objects.bulk_create(
        Unit(name=f"CĐCS số {i}", code=f"{parent.code}-{i}", kind=UnitKind.GRASSROOTS, parent=parent)
        for i in range(count)
    )
    for unit in units:
        unit.path = f"{parent.path}{unit.pk}/"
        unit.depth = parent.depth + 1
        unit.search_text = unit.build_search_text()
    Unit.objects.bulk_update(units, ["path", "depth", "search_text"])
    return units


def _steady(client, user):
    """Logged in, with the session already written (measure a steady-state request)."""
    client.force_login(user)
    client.get("/")
    return client


# --- Unit tree and search ------------------------------------------------------------------------------

UNIT_HEADER = ["Mã", "Tên đơn vị", "Loại", "Khối", "Cấp trên", "Tình trạng", "Ngừng hoạt động từ"]
ACTIVE = "Đang hoạt động"


def test_unit_tree_export_lists_the_tree_under_each_parent(client, org, staff_user):
    client.force_login(staff_user)
    sheet = workbook(client.get(reverse("units:unit_tree_xlsx")))
    assert sheet["A1"].value == "Cây đơn vị"
    assert sheet_rows(sheet) == [
        UNIT_HEADER,
        ["P", "LĐLĐ tỉnh P", "LĐLĐ tỉnh", None, None, ACTIVE, None],
        ["A", "LĐLĐ huyện A", "LĐLĐ huyện/thành phố", None, "LĐLĐ tỉnh P", ACTIVE, None],
        ["A1", "CĐCS A1", "Công đoàn cơ sở", "HCSN", "LĐLĐ huyện A", ACTIVE, None],
        ["A2", "CĐCS A2", "Công đoàn cơ sở", "SXKD", "LĐLĐ huyện A", ACTIVE, None],
        ["B", "LĐLĐ huyện B", "LĐLĐ huyện/thành phố", None, "LĐLĐ tỉnh P", ACTIVE, None],
        ["B1", "CĐCS B1", "Công đoàn cơ sở", "HCSN", "LĐLĐ huyện B", ACTIVE, None],
    ]


def test_unit_search_export_has_the_pages_filters_and_ended_units(client, org, staff_user):
    unit_dissolve(unit=org.b1, on=D(2025, 7, 1), by=staff_user)
    client.force_login(staff_user)
    query = {"kind": UnitKind.GRASSROOTS, "sector": Sector.HCSN, "include_ended": "on"}
    sheet = workbook(client.get(reverse("units:unit_tree_xlsx"), query))
    assert sheet["A1"].value == (
        "Cây đơn vị — Loại đơn vị: Công đoàn cơ sở; Khối: HCSN; Gồm cả đơn vị đã ngừng hoạt động"
    )
    assert sheet_rows(sheet)[1:] == [
        ["A1", "CĐCS A1", "Công đoàn cơ sở", "HCSN", "LĐLĐ huyện A", ACTIVE, None],
        ["B1", "CĐCS B1", "Công đoàn cơ sở", "HCSN", "LĐLĐ huyện B", "Ngừng hoạt động", DAY(2025, 7, 1)],
    ]
    assert column_formats(sheet, row=5)[6] == "dd/mm/yyyy"
    # Without include_ended the search lists the units active today, as the page does.
    sheet = workbook(
        client.get(reverse("units:unit_tree_xlsx"), {"kind": UnitKind.GRASSROOTS, "sector": Sector.HCSN})
    )
    assert [row[0] for row in sheet_rows(sheet)[1:]] == ["A1"]


def test_unit_exports_of_a_sibling_district_hold_only_its_units(client, org, charlie):
    client.force_login(charlie)
    tree = workbook(client.get(reverse("units:unit_tree_xlsx")))
    assert [row[0] for row in sheet_rows(tree)[1:]] == ["B", "B1"]
    search = workbook(client.get(reverse("units:unit_tree_xlsx"), {"q": "CĐCS"}))
    assert [row[0] for row in sheet_rows(search)[1:]] == ["B1"]


@pytest.mark.parametrize("count", [1, 200])
def test_unit_tree_export_query_count_is_constant(client, org, staff_user, count, django_assert_num_queries):
    _bulk_units(org.a, count)
    _steady(client, staff_user)
    with django_assert_num_queries(4):
        tree = workbook(client.get(reverse("units:unit_tree_xlsx")))
    with django_assert_num_queries(4):
        search = workbook(client.get(reverse("units:unit_tree_xlsx"), {"q": "CĐCS số"}))
    assert len(sheet_rows(tree)) == 1 + 6 + count
    assert len(sheet_rows(search)) == 1 + count


# --- Unit history ----------------------------------------------------------------------------------------


def test_unit_history_export_says_what_the_page_says(client, org, staff_user):
    unit_move(unit=org.a2, new_parent=org.b, on=D(2024, 5, 1), by=staff_user, note="Theo quyết định 12")
    client.force_login(staff_user)
    sheet = workbook(client.get(reverse("units:unit_detail_xlsx", kwargs={"unit_id": org.a2.pk})))
    today = timezone.localdate()
    assert sheet["A1"].value == "Lịch sử: CĐCS A2"
    assert sheet_rows(sheet) == [
        ["Ngày", "Sự kiện", "Chi tiết"],
        [
            DAY(today.year, today.month, today.day),
            "Đưa vào hệ thống",
            "Đưa vào hệ thống (chưa có ngày thành lập) — trực thuộc LĐLĐ huyện A",
        ],
        [
            DAY(2024, 5, 1),
            "Chuyển đơn vị quản lý",
            "Chuyển từ LĐLĐ huyện A sang LĐLĐ huyện B\nTheo quyết định 12",
        ],
    ]
    assert column_formats(sheet)[0] == "dd/mm/yyyy"
    district = workbook(client.get(reverse("units:unit_detail_xlsx", kwargs={"unit_id": org.b.pk})))
    assert [row[2] for row in sheet_rows(district)[1:]] == [
        "CĐCS B1 được đưa vào hệ thống, trực thuộc đơn vị này",
        "Đưa vào hệ thống (chưa có ngày thành lập) — trực thuộc LĐLĐ tỉnh P",
        "CĐCS A2 chuyển về trực thuộc đơn vị này\nTheo quyết định 12",
    ]


def test_unit_history_export_of_a_sibling_unit_is_not_found(client, org, charlie):
    client.force_login(charlie)
    denials = AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED).count()
    response = client.get(reverse("units:unit_detail_xlsx", kwargs={"unit_id": org.a1.pk}))
    assert response.status_code == 404
    assert AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED).count() == denials + 1


@pytest.mark.parametrize("count", [1, 50])
def test_unit_history_export_query_count_is_constant(
    client, org, staff_user, count, django_assert_num_queries
):
    for i in range(count):
        unit_move(unit=org.a1, new_parent=org.b if i % 2 == 0 else org.a, on=D(2024, 1, 1), by=staff_user)
    _steady(client, staff_user)
    with django_assert_num_queries(5):
        sheet = workbook(client.get(reverse("units:unit_detail_xlsx", kwargs={"unit_id": org.a1.pk})))
    assert len(sheet_rows(sheet)) == 1 + 1 + count


# --- Groupings -------------------------------------------------------------------------------------------


def _bloc(org, year=2024, name="Khối LĐLĐ huyện", members=None, leader=None, owner=None):
    return grouping_create(
        year=year,
        name=name,
        kind=GroupingKind.BLOC,
        owner=owner or org.province,
        members=members if members is not None else [org.a, org.b],
        leader=leader,
        by=None,
    )


def test_grouping_list_export_has_the_years_groupings(client, org, staff_user):
    _bloc(org, leader=org.a)
    _bloc(org, year=2023, name="Khối năm trước")
    grouping_create(
        year=2024,
        name="Cụm 7 tỉnh",
        kind=GroupingKind.CLUSTER,
        owner=org.province,
        members=[org.province, org.outside],
        leader=org.province,
        by=None,
    )
    client.force_login(staff_user)
    sheet = workbook(client.get(reverse("units:grouping_list_xlsx"), {"year": "2024"}))
    assert sheet["A1"].value == "Khối, cụm thi đua — năm 2024"
    assert sheet_rows(sheet) == [
        ["Năm", "Tên", "Loại", "Trưởng khối/cụm", "Số thành viên"],
        [2024, "Cụm 7 tỉnh", "Cụm thi đua", "LĐLĐ tỉnh P", 2],
        [2024, "Khối LĐLĐ huyện", "Khối thi đua nội bộ", "LĐLĐ huyện A", 2],
    ]
    assert column_formats(sheet)[4] == "#,##0"
    everything = workbook(client.get(reverse("units:grouping_list_xlsx")))
    assert everything["A1"].value == "Khối, cụm thi đua"
    assert len(sheet_rows(everything)) == 4


def test_grouping_exports_of_a_sibling_district(client, org, charlie):
    own = _bloc(org, name="Khối CĐCS huyện B", members=[org.b1], owner=org.b)
    other = _bloc(org, name="Khối CĐCS huyện A", members=[org.a1, org.a2], owner=org.a)
    client.force_login(charlie)
    sheet = workbook(client.get(reverse("units:grouping_list_xlsx")))
    assert [row[1] for row in sheet_rows(sheet)[1:]] == ["Khối CĐCS huyện B"]
    assert (
        client.get(reverse("units:grouping_detail_xlsx", kwargs={"grouping_id": own.pk})).status_code == 200
    )
    response = client.get(reverse("units:grouping_detail_xlsx", kwargs={"grouping_id": other.pk}))
    assert response.status_code == 404


def test_grouping_members_export_names_the_leader(client, org, staff_user):
    bloc = _bloc(org, leader=org.b)
    client.force_login(staff_user)
    sheet = workbook(client.get(reverse("units:grouping_detail_xlsx", kwargs={"grouping_id": bloc.pk})))
    assert sheet["A1"].value == "Khối LĐLĐ huyện — Khối thi đua nội bộ · Năm 2024"
    assert sheet_rows(sheet) == [
        ["STT", "Thành viên", "Loại", "Vai trò trong khối"],
        [1, "LĐLĐ huyện A", "LĐLĐ huyện/thành phố", "Thành viên"],
        [2, "LĐLĐ huyện B", "LĐLĐ huyện/thành phố", "Trưởng khối"],
    ]


@pytest.mark.parametrize("count", [1, 30])
def test_grouping_exports_query_count_is_constant(client, org, staff_user, count, django_assert_num_queries):
    members = _bulk_units(org.a, count)
    for i in range(count):
        _bloc(org, year=2000 + i, members=members)
    bloc = _bloc(org, year=2030, members=members)
    _steady(client, staff_user)
    with django_assert_num_queries(4):
        groupings = workbook(client.get(reverse("units:grouping_list_xlsx")))
    with django_assert_num_queries(6):
        sheet = workbook(client.get(reverse("units:grouping_detail_xlsx", kwargs={"grouping_id": bloc.pk})))
    assert len(sheet_rows(groupings)) == 1 + count + 1
    assert len(sheet_rows(sheet)) == 1 + count


# --- Accounts and the audit log ------------------------------------------------------------------------


def test_account_export_lists_the_filtered_accounts(client, org, admin_user):
    locked = make_user("khoa", org.a1, Role.VIEWER, is_active=False, must_change_password=True)
    make_user("canbo", org.a, Role.UNIT_STAFF)
    admin_user.last_login = timezone.make_aware(DAY(2026, 3, 2, 8, 30))
    admin_user.save(update_fields=["last_login"])
    client.force_login(admin_user)  # the login itself moves last_login: read it afterwards
    response = client.get(reverse("units:account_list_xlsx"), {"role": Role.VIEWER})
    sheet = workbook(response)
    assert sheet["A1"].value == "Tài khoản — Vai trò: Chỉ xem"
    assert sheet_rows(sheet) == [
        ["Tên đăng nhập", "Họ và tên", "Đơn vị", "Vai trò", "Tình trạng", "Đăng nhập gần nhất"],
        [locked.username, "Khoa", "CĐCS A1", "Chỉ xem", "Đã khóa; Chờ đổi mật khẩu", None],
    ]
    everyone = sheet_rows(workbook(client.get(reverse("units:account_list_xlsx"))))
    admin_user.refresh_from_db()
    assert everyone[1] == [
        "quantri",
        "Quantri",
        "LĐLĐ tỉnh P",
        "Quản trị hệ thống",
        "Đang hoạt động",
        timezone.localtime(admin_user.last_login).replace(tzinfo=None, microsecond=0),
    ]
    assert [row[0] for row in everyone[1:]] == ["quantri", "canbo", "khoa"]


def test_account_export_is_for_administrators_of_their_subtree(client, org, alice):
    make_user("nguoi_a", org.a1)
    client.force_login(alice)
    assert client.get(reverse("units:account_list_xlsx")).status_code == 403
    client.force_login(make_user("quantri_b", org.b, Role.ADMIN))
    sheet = workbook(client.get(reverse("units:account_list_xlsx")))
    assert [row[0] for row in sheet_rows(sheet)[1:]] == ["quantri_b"]


def test_audit_log_export_keeps_the_filters_and_typed_text(client, org, admin_user):
    AuditEntry.objects.create(
        action=AuditAction.LOGIN_FAILED, actor_username="=cmd|' /C calc'!A0", ip_address="10.0.0.9"
    )
    AuditEntry.objects.create(action=AuditAction.LOGIN, actor=admin_user, actor_username="quantri")
    entry = AuditEntry.objects.create(
        action=AuditAction.UPDATE,
        actor=admin_user,
        actor_username="quantri",
        actor_unit=org.province,
        object_repr="CĐCS A1",
        changes={"name": ["CĐCS A1", "CĐCS A1 mới"]},
    )
    client.force_login(admin_user)
    sheet = workbook(client.get(reverse("units:audit_log_xlsx"), {"action": AuditAction.UPDATE}))
    assert sheet["A1"].value == "Nhật ký hệ thống — Hành động: Cập nhật"
    assert sheet_rows(sheet) == [
        ["Thời điểm", "Tài khoản", "Đơn vị", "Hành động", "Đối tượng", "Thay đổi", "IP"],
        [
            timezone.localtime(entry.at).replace(tzinfo=None, microsecond=0),
            "quantri",
            "LĐLĐ tỉnh P",
            "Cập nhật",
            "CĐCS A1",
            '{"name": ["CĐCS A1", "CĐCS A1 mới"]}',
            None,
        ],
    ]
    assert column_formats(sheet)[0] == "dd/mm/yyyy hh:mm:ss"
    failed = workbook(client.get(reverse("units:audit_log_xlsx"), {"action": AuditAction.LOGIN_FAILED}))
    assert (failed["B4"].value, failed["B4"].data_type) == ("=cmd|' /C calc'!A0", "s")
    assert failed["G4"].value == "10.0.0.9"


def test_audit_log_export_of_a_district_admin_holds_its_subtree_only(client, org, alice):
    AuditEntry.objects.create(action=AuditAction.LOGIN, actor=alice, actor_username="alice", actor_unit=org.a)
    charlie_admin = make_user("quantri_b", org.b, Role.ADMIN)
    AuditEntry.objects.create(
        action=AuditAction.LOGIN, actor=charlie_admin, actor_username="quantri_b", actor_unit=org.b
    )
    client.force_login(alice)
    assert client.get(reverse("units:audit_log_xlsx")).status_code == 403
    client.force_login(charlie_admin)
    sheet = workbook(client.get(reverse("units:audit_log_xlsx"), {"action": AuditAction.LOGIN}))
    # Two rows: the one written here and the login itself.
    assert [row[1] for row in sheet_rows(sheet)[1:]] == ["quantri_b", "quantri_b"]


@pytest.mark.parametrize("count", [1, 60])
def test_account_and_audit_exports_query_count_is_constant(
    client, org, admin_user, count, django_assert_num_queries
):
    for i in range(count):
        make_user(f"user{i}", org.a1 if i % 2 else org.b1)
    AuditEntry.objects.bulk_create(
        AuditEntry(action=AuditAction.LOGIN, actor_username=f"user{i}", actor_unit=org.a1)
        for i in range(count)
    )
    _steady(client, admin_user)
    with django_assert_num_queries(4):
        accounts = workbook(client.get(reverse("units:account_list_xlsx")))
    with django_assert_num_queries(4):
        entries = workbook(client.get(reverse("units:audit_log_xlsx"), {"action": AuditAction.LOGIN}))
    assert len(sheet_rows(accounts)) == 1 + count + 1
    assert len(sheet_rows(entries)) == 1 + count + 1  # and the administrator's own login


# --- Home -------------------------------------------------------------------------------------------------


def test_home_export_counts_active_units_by_kind_with_a_bold_total(client, org, staff_user, alice):
    unit_dissolve(unit=org.b1, on=D(2025, 7, 1), by=staff_user)
    client.force_login(staff_user)
    sheet = workbook(client.get(reverse("units:home_xlsx")))
    assert (
        sheet["A1"].value
        == f"Đơn vị đang hoạt động trong phạm vi — LĐLĐ tỉnh P; {timezone.localdate():%d/%m/%Y}"
    )
    assert sheet_rows(sheet) == [
        ["Loại đơn vị", "Số đơn vị"],
        ["LĐLĐ tỉnh", 1],
        ["LĐLĐ huyện/thành phố", 2],
        ["Công đoàn cơ sở", 2],
        ["Tổng số", 5],
    ]
    assert bold_rows(sheet) == [3]
    assert column_formats(sheet)[1] == "#,##0"
    client.force_login(alice)
    assert sheet_rows(workbook(client.get(reverse("units:home_xlsx"))))[1:] == [
        ["LĐLĐ huyện/thành phố", 1],
        ["Công đoàn cơ sở", 2],
        ["Tổng số", 3],
    ]


@pytest.mark.parametrize("count", [1, 100])
def test_home_export_query_count_is_constant(client, org, staff_user, count, django_assert_num_queries):
    _bulk_units(org.a, count)
    _steady(client, staff_user)
    with django_assert_num_queries(4):
        sheet = workbook(client.get(reverse("units:home_xlsx")))
    assert sheet_rows(sheet)[-1] == ["Tổng số", 6 + count]
