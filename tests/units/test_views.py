import datetime

import pytest

from tests import html
from units.enums import AuditAction, GroupingKind, Role, Sector, UnitChangeKind, UnitKind
from units.models import AuditEntry, EmulationGrouping, Unit, UnitChange

D = datetime.date


def test_tree_shows_only_own_subtree(client, org, alice):
    client.force_login(alice)
    body = client.get("/don-vi/").content.decode()
    assert "CĐCS A1" in body and "CĐCS A2" in body
    assert "CĐCS B1" not in body and "LĐLĐ tỉnh P" not in body


def test_tree_filters_by_kind_sector_and_date(client, org, staff_user):
    client.force_login(staff_user)
    response = client.get("/don-vi/", {"kind": UnitKind.GRASSROOTS, "sector": Sector.HCSN})
    assert [u.code for u in response.context["page"]] == ["A1", "B1"]
    response = client.get("/don-vi/", {"q": "a2"})
    assert [u.code for u in response.context["page"]] == ["A2"]


def test_tree_on_a_date_hides_units_ended_before(client, org, staff_user):
    from units.services import unit_dissolve

    unit_dissolve(unit=org.a2, on=D(2024, 1, 1), by=staff_user)
    client.force_login(staff_user)
    before = client.get("/don-vi/", {"on": "2023-12-31"}).content.decode()
    after = client.get("/don-vi/", {"on": "2024-01-01"}).content.decode()
    assert "CĐCS A2" in before and "CĐCS A2" not in after
    listed = client.get("/don-vi/", {"q": "A2", "include_ended": "on"}).context["page"]
    assert [u.code for u in listed] == ["A2"]


def test_unit_page_shows_dates_in_vietnamese_format(client, org, staff_user):
    from units.services import unit_merge

    unit_merge(sources=[org.a2], into=org.a1, on=D(2023, 3, 1), by=staff_user)
    client.force_login(staff_user)
    body = client.get(org.a1.get_absolute_url()).content.decode()
    assert "01/03/2023" in body and "sáp nhập vào đơn vị này" in body
    body = client.get(org.a2.get_absolute_url()).content.decode()
    assert "Đơn vị đã ngừng hoạt động từ ngày 01/03/2023." in body


def test_create_unit_page_creates_under_parent(client, org, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/don-vi/them/",
        {
            "parent": org.a.pk,
            "name": "CĐCS Trường Mầm non",
            "code": "MN-1",
            "kind": UnitKind.GRASSROOTS,
            "sector": Sector.HCSN,
        },
    )
    unit = Unit.objects.get(code="MN-1")
    assert response["Location"] == unit.get_absolute_url()
    assert unit.parent == org.a and unit.path == f"{org.a.path}{unit.pk}/"
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_id=str(unit.pk), actor=staff_user
    ).exists()


def test_create_unit_with_bad_input_shows_vietnamese_error_and_saves_nothing(client, org, staff_user):
    client.force_login(staff_user)
    count = Unit.objects.count()
    response = client.post(
        "/don-vi/them/", {"name": "CĐCS X", "code": "A1", "kind": UnitKind.GRASSROOTS, "parent": org.a.pk}
    )
    assert response.status_code == 200
    assert "Mã đơn vị A1 đã tồn tại." in response.content.decode()
    response = client.post(
        "/don-vi/them/", {"name": "CĐCS Y", "code": "Y 1", "kind": UnitKind.GRASSROOTS, "parent": org.a.pk}
    )
    assert "không được chứa khoảng trắng" in response.content.decode()
    assert Unit.objects.count() == count


def test_update_unit_records_old_and_new_values(client, org, staff_user):
    client.force_login(staff_user)
    client.post(
        f"/don-vi/{org.a1.pk}/sua/",
        {
            "name": "CĐCS A1 mới",
            "short_name": "",
            "code": "A1",
            "kind": UnitKind.GRASSROOTS,
            "sector": Sector.HCSN,
        },
    )
    org.a1.refresh_from_db()
    assert org.a1.name == "CĐCS A1 mới"
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_id=str(org.a1.pk))
    assert entry.changes == {"name": ["CĐCS A1", "CĐCS A1 mới"]}


def test_move_merge_dissolve_pages(client, org, staff_user):
    client.force_login(staff_user)
    response = client.post(f"/don-vi/{org.a2.pk}/chuyen/", {"new_parent": org.b.pk, "on": "2024-02-01"})
    assert response.status_code == 302
    org.a2.refresh_from_db()
    assert org.a2.parent == org.b
    client.post(f"/don-vi/{org.b1.pk}/sap-nhap/", {"sources": [org.a2.pk], "on": "2024-03-01", "note": "NQ"})
    org.a2.refresh_from_db()
    assert (org.a2.valid_to, org.a2.successor) == (D(2024, 3, 1), org.b1)
    response = client.post(f"/don-vi/{org.a.pk}/giai-the/", {"on": "2025-07-01"})
    assert response.status_code == 200
    assert "còn 1 đơn vị trực thuộc" in response.content.decode()
    client.post(f"/don-vi/{org.a.pk}/giai-the/", {"on": "2025-07-01", "children_to": org.b.pk})
    org.a.refresh_from_db()
    assert org.a.valid_to == D(2025, 7, 1)
    kinds = list(
        UnitChange.objects.exclude(kind__in=[UnitChangeKind.CREATED, UnitChangeKind.RECORDED]).values_list(
            "kind", flat=True
        )
    )
    assert sorted(kinds) == sorted(["moved", "merged", "moved", "dissolved"])


def test_grouping_create_and_update(client, org, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/khoi-thi-dua/them/",
        {
            "year": 2026,
            "name": "Khối thi đua MTTQ",
            "kind": GroupingKind.OUTSIDE_BLOC,
            "members": [org.province.pk, org.outside.pk],
            "leader": org.outside.pk,
            "note": "",
        },
    )
    grouping = EmulationGrouping.objects.get()
    assert response["Location"] == grouping.get_absolute_url()
    assert set(grouping.members.values_list("code", flat=True)) == {"P", "HND"}
    assert grouping.owner == org.province and grouping.leader == org.outside
    response = client.post(
        f"/khoi-thi-dua/{grouping.pk}/sua/",
        {
            "year": 2026,
            "name": "Khối thi đua MTTQ",
            "kind": GroupingKind.OUTSIDE_BLOC,
            "members": [org.province.pk],
            "leader": org.outside.pk,
            "note": "",
        },
    )
    assert "phải là thành viên" in response.content.decode()
    assert grouping.members.count() == 2


def test_internal_bloc_refuses_outside_members(client, org, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/khoi-thi-dua/them/",
        {
            "year": 2026,
            "name": "Khối huyện",
            "kind": GroupingKind.BLOC,
            "members": [org.a.pk, org.outside.pk],
            "leader": org.a.pk,
            "note": "",
        },
    )
    assert "chỉ gồm các đơn vị công đoàn trong tỉnh" in response.content.decode()
    assert not EmulationGrouping.objects.exists()


def test_district_member_sees_provincial_bloc_it_belongs_to(client, org, staff_user, alice):
    from units.services import grouping_create

    bloc = grouping_create(
        year=2026,
        name="Khối LĐLĐ huyện",
        kind=GroupingKind.BLOC,
        owner=org.province,
        members=[org.a, org.b],
        leader=org.a,
        by=staff_user,
    )
    client.force_login(alice)
    assert client.get(bloc.get_absolute_url()).status_code == 200
    assert client.get(f"/khoi-thi-dua/{bloc.pk}/sua/").status_code == 403


@pytest.mark.parametrize("count", [1, 30])
def test_grouping_list_query_count_is_constant(client, org, staff_user, count, django_assert_num_queries):
    from units.services import grouping_create

    for i in range(count):
        grouping_create(
            year=2000 + i,
            name="Khối",
            kind=GroupingKind.BLOC,
            owner=org.province,
            members=[org.a, org.b],
            leader=org.a,
            by=staff_user,
        )
    client.force_login(staff_user)
    client.get("/")
    with django_assert_num_queries(6):
        response = client.get("/khoi-thi-dua/")
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [1, 40])
def test_account_list_query_count_is_constant(client, org, admin_user, count, django_assert_num_queries):
    from tests.conftest import make_user

    for i in range(count):
        make_user(f"user{i}", org.a1)
    client.force_login(admin_user)
    client.get("/")
    with django_assert_num_queries(6):
        response = client.get("/tai-khoan/")
    assert response.context["page"].paginator.count == count + 1


def test_unit_tree_counts_units_by_kind(client, org, staff_user):
    client.force_login(staff_user)
    response = client.get("/don-vi/")
    assert response.context["unit_total"] == 6
    assert dict(response.context["unit_counts"])[UnitKind.GRASSROOTS.label] == 3


def test_english_translation_is_available(client, org, staff_user):
    client.force_login(staff_user)
    client.post("/ngon-ngu/", {"language": "en", "next": "/don-vi/"})
    body = client.get("/don-vi/").content.decode()
    assert '<html lang="en">' in body
    assert "Unit tree" in body and "Cây đơn vị" not in body


def test_vietnamese_is_the_default_whatever_the_browser_says(client, org, staff_user):
    client.force_login(staff_user)
    body = client.get("/don-vi/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in body and "Cây đơn vị" in body


def test_unit_page_links_only_to_units_the_user_may_open(client, org, alice):
    client.force_login(alice)
    body = client.get(org.a1.get_absolute_url()).content.decode()
    assert f'href="{org.a.get_absolute_url()}"' in body
    assert f'href="{org.province.get_absolute_url()}"' not in body
    assert "LĐLĐ tỉnh P" in body


def test_unit_merged_from_another_branch_is_visible_from_its_successor(client, org, staff_user, alice):
    from units.services import unit_merge

    unit_merge(sources=[org.b1], into=org.a1, on=D(2023, 3, 1), by=staff_user)
    client.force_login(alice)
    body = client.get(org.a1.get_absolute_url()).content.decode()
    assert f'href="{org.b1.get_absolute_url()}"' in body
    assert client.get(org.b1.get_absolute_url()).status_code == 200
    assert client.get(org.b.get_absolute_url()).status_code == 404


def test_tree_opens_the_users_own_top_level(client, org, alice):
    client.force_login(alice)
    body = client.get("/don-vi/").content.decode()
    assert "<details open>" in body


def test_tree_puts_each_units_link_beside_its_toggle_not_inside(client, org, alice):
    client.force_login(alice)
    doc = html.page(client.get("/don-vi/"))
    tree = doc.xpath('//*[@data-testid="unit-tree"]')[0]
    assert tree.xpath(".//summary//a | .//summary//button | .//a//summary") == []
    [root] = tree.xpath("./ul/li")
    assert [html.text(a) for a in root.xpath("./a")] == ["LĐLĐ huyện A"]
    # The toggle says what it opens, and for which unit.
    assert [html.text(s) for s in root.xpath("./details/summary")] == ["2 đơn vị cấp dưới của LĐLĐ huyện A"]
    assert [html.text(a) for a in root.xpath("./details/ul/li/a")] == ["CĐCS A1", "CĐCS A2"]


def test_menu_marks_the_page_and_the_section_the_user_is_in(client, org, alice):
    client.force_login(alice)

    def current(path):
        doc = html.page(client.get(path))
        menu = doc.xpath('//nav[@aria-label="Điều hướng chính"]')[0]
        return [(html.text(a), a.get("aria-current")) for a in menu.xpath(".//a[@aria-current]")]

    assert current("/don-vi/") == [("Đơn vị", "page")]
    assert current(org.a1.get_absolute_url()) == [("Đơn vị", "true")]
    assert current("/") == [("Tổng quan", "page")]
    assert current("/khen-thuong/ca-nhan/") == [("Khen thưởng", "true")]
    assert current("/thong-bao/") == []


def test_account_username_may_contain_dots(client, org, admin_user):
    from units.models import User

    client.force_login(admin_user)
    data = {
        "username": "canbo.phongtho",
        "full_name": "Cán Bộ",
        "email": "",
        "position": "",
        "unit": org.a.pk,
        "role": Role.UNIT_STAFF,
        "password1": "Tam-thoi-2026!",
        "password2": "Tam-thoi-2026!",
    }
    assert client.post("/tai-khoan/them/", data).status_code == 302
    assert User.objects.filter(username="canbo.phongtho").exists()
    response = client.post("/tai-khoan/them/", {**data, "username": "có dấu"})
    assert "chỉ gồm chữ không dấu" in response.content.decode()
