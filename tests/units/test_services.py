import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import make_unit
from units import queries
from units.enums import AuditAction, UnitChangeKind, UnitKind
from units.models import AuditEntry, Notification, Unit, UnitChange
from units.services import notifications_mark_read, unit_create, unit_dissolve, unit_merge, unit_move

D = datetime.date


def test_unit_create_sets_path_and_depth(org):
    assert org.province.path == f"{org.province.pk}/"
    assert org.a1.path == f"{org.province.pk}/{org.a.pk}/{org.a1.pk}/"
    assert (org.province.depth, org.a.depth, org.a1.depth) == (0, 1, 2)


def test_unit_create_refuses_duplicate_code(org):
    with pytest.raises(ValidationError) as exc:
        make_unit("Khác", parent=org.a, code="A1")
    assert "A1" in str(exc.value)
    assert Unit.objects.filter(code="A1").count() == 1


def test_unit_codes_are_unique_ignoring_case(org):
    with pytest.raises(ValidationError):
        make_unit("Khác", parent=org.a, code="a1")
    assert make_unit("Mới", parent=org.a, code="cdcs-moi").code == "CDCS-MOI"


def test_search_ignores_case_and_accents(org):
    make_unit("CĐCS Bệnh viện Đa khoa", parent=org.a, code="BVDK")
    for text in ("đa khoa", "DA KHOA", "benh vien", "Bệnh Viện", "bvdk"):
        assert list(Unit.objects.search(text).values_list("code", flat=True)) == ["BVDK"], text


def test_unit_create_refuses_missing_parent_for_grassroots(db):
    with pytest.raises(ValidationError):
        make_unit("CĐCS mồ côi", UnitKind.GRASSROOTS, None, code="X")
    assert not Unit.objects.exists()


def test_subtree_of_returns_unit_and_descendants_only(org):
    codes = set(Unit.objects.subtree_of(org.a).values_list("code", flat=True))
    assert codes == {"A", "A1", "A2"}


def test_subtree_prefix_does_not_match_sibling_with_longer_id(org):
    # A path "1/2/" must not select "1/20/": the separator closes every segment.
    pk = org.a.pk * 10
    Unit.objects.create(
        pk=pk,
        name="CĐCS giống mã",
        code="LOOK",
        kind=UnitKind.GRASSROOTS,
        parent=org.province,
        path=f"{org.province.path}{pk}/",
        depth=1,
    )
    assert not Unit.objects.subtree_of(org.a).filter(pk=pk).exists()
    assert Unit.objects.subtree_of(org.province).filter(pk=pk).exists()


def test_unit_move_rewrites_branch_paths_and_records_history(org, staff_user):
    child = make_unit("Tổ công đoàn", parent=org.a1, code="A1-T")
    unit_move(unit=org.a1, new_parent=org.b, on=D(2024, 1, 1), by=staff_user)
    org.a1.refresh_from_db()
    child.refresh_from_db()
    assert org.a1.parent == org.b
    assert org.a1.path == f"{org.b.path}{org.a1.pk}/"
    assert child.path == f"{org.b.path}{org.a1.pk}/{child.pk}/"
    assert child.depth == 3
    assert set(Unit.objects.subtree_of(org.b).values_list("code", flat=True)) == {"B", "B1", "A1", "A1-T"}
    change = UnitChange.objects.get(unit=org.a1, kind=UnitChangeKind.MOVED)
    assert (change.other, change.previous_parent, change.by) == (org.b, org.a, staff_user)
    entry = AuditEntry.objects.filter(object_id=str(org.a1.pk), action=AuditAction.UPDATE).get()
    assert entry.changes["parent"][1]["name"] == "LĐLĐ huyện B"


def test_unit_move_refuses_moving_into_own_branch(org, staff_user):
    with pytest.raises(ValidationError):
        unit_move(unit=org.a, new_parent=org.a1, on=D(2024, 1, 1), by=staff_user)
    org.a.refresh_from_db()
    assert org.a.parent == org.province


def test_unit_merge_ends_sources_keeps_history_and_moves_children(org, staff_user):
    team = make_unit("Tổ CĐ A2", parent=org.a2, code="A2-T")
    unit_merge(sources=[org.a2, org.b1], into=org.a1, on=D(2023, 3, 1), by=staff_user, note="NQ 10")
    for unit in (org.a2, org.b1):
        unit.refresh_from_db()
        assert unit.valid_to == D(2023, 3, 1)
        assert unit.successor == org.a1
    team.refresh_from_db()
    assert team.parent == org.a1
    history = list(queries.unit_history(org.a1))
    merged = [(h.unit.code, h.on) for h in history if h.kind == UnitChangeKind.MERGED]
    assert sorted(merged) == [("A2", D(2023, 3, 1)), ("B1", D(2023, 3, 1))]
    assert set(queries.unit_lineage_ids(org.a1)) == {org.a1.pk, org.a2.pk, org.b1.pk}
    # The merged units are not active on the merge day, and were the day before.
    active = set(Unit.objects.active_on(D(2023, 3, 1)).values_list("code", flat=True))
    assert "A2" not in active and "A1" in active
    assert "A2" in set(Unit.objects.active_on(D(2023, 2, 28)).values_list("code", flat=True))


def test_unit_merge_into_itself_is_refused_and_changes_nothing(org, staff_user):
    with pytest.raises(ValidationError):
        unit_merge(sources=[org.a1, org.a], into=org.a1, on=D(2023, 3, 1), by=staff_user)
    assert Unit.objects.filter(valid_to__isnull=False).count() == 0
    assert not UnitChange.objects.filter(kind=UnitChangeKind.MERGED).exists()


def test_unit_dissolve_refuses_while_children_are_active(org, staff_user):
    with pytest.raises(ValidationError) as exc:
        unit_dissolve(unit=org.a, on=D(2025, 7, 1), by=staff_user)
    assert "2 đơn vị trực thuộc" in str(exc.value)
    org.a.refresh_from_db()
    assert org.a.is_active


def test_unit_dissolve_moves_children_and_shows_in_parent_history(org, staff_user):
    # 2025: the district level was abolished; its CĐCS passed to another body.
    unit_dissolve(unit=org.a, on=D(2025, 7, 1), by=staff_user, children_to=org.b)
    org.a.refresh_from_db()
    assert org.a.valid_to == D(2025, 7, 1)
    assert set(org.b.children.values_list("code", flat=True)) == {"B1", "A1", "A2"}
    province_history = [(h.kind, h.unit.code) for h in queries.unit_history(org.province)]
    assert (UnitChangeKind.DISSOLVED, "A") in province_history


def test_unit_dissolve_date_must_follow_start(org, staff_user):
    unit = unit_create(
        name="CĐCS mới",
        code="NEW",
        kind=UnitKind.GRASSROOTS,
        parent=org.a,
        by=None,
        valid_from=D(2024, 1, 1),
    )
    with pytest.raises(ValidationError):
        unit_dissolve(unit=unit, on=D(2023, 1, 1), by=staff_user)
    unit.refresh_from_db()
    assert unit.valid_to is None


def test_unit_tree_nests_children_in_one_query(org, django_assert_num_queries, alice):
    with django_assert_num_queries(1):
        roots = queries.unit_tree(alice, on=D(2026, 1, 1))
    assert [r.unit.code for r in roots] == ["A"]
    assert [c.unit.code for c in roots[0].children] == ["A1", "A2"]
    assert roots[0].active_descendants == 2


def _bulk_units(parent: Unit, count: int) -> None:
    """Many CĐCS under `parent`, written in bulk (paths set in a second pass)."""
    units = Unit.objects.bulk_create(
        Unit(name=f"CĐCS số {i}", code=f"{parent.code}-{i}", kind=UnitKind.GRASSROOTS, parent=parent)
        for i in range(count)
    )
    for unit in units:
        unit.path = f"{parent.path}{unit.pk}/"
        unit.depth = parent.depth + 1
        unit.search_text = unit.build_search_text()
    Unit.objects.bulk_update(units, ["path", "depth", "search_text"])


@pytest.mark.parametrize("extra_units", [10, 500])
def test_tree_page_query_count_is_constant(client, org, staff_user, extra_units, django_assert_num_queries):
    _bulk_units(org.a, extra_units)
    client.force_login(staff_user)
    client.get("/")  # the session's first request writes it; measure a steady-state request
    with django_assert_num_queries(6):  # session, account, unit, counts by kind, tree, bell
        response = client.get("/don-vi/")
    assert response.status_code == 200
    assert response.content.decode().count("CĐCS số ") == extra_units


@pytest.mark.parametrize("extra_units", [10, 500])
def test_unit_search_query_count_is_constant(client, org, staff_user, extra_units, django_assert_num_queries):
    _bulk_units(org.a, extra_units)
    client.force_login(staff_user)
    client.get("/")
    with django_assert_num_queries(7):
        response = client.get("/don-vi/", {"q": "CĐCS số", "kind": UnitKind.GRASSROOTS})
    assert response.context["page"].paginator.count == extra_units
    assert len(response.context["page"].object_list) == min(extra_units, 50)


def test_document_number_text_follows_decree_30():
    from units.formatting import document_date_text, document_number_text

    assert document_number_text(5, "BC", "LĐLĐ") == "05/BC-LĐLĐ"
    assert document_number_text(339, "BC", "LĐLĐ") == "339/BC-LĐLĐ"
    assert document_number_text(400, "CV", "LĐLĐ") == "400/LĐLĐ"
    assert document_number_text(None, "KH", "LĐLĐ") == "\u00a0" * 6 + "/KH-LĐLĐ"
    assert document_date_text("Lai Châu", datetime.date(2023, 1, 11)) == "Lai Châu, ngày 11 tháng 01 năm 2023"
    assert document_date_text("Lai Châu", datetime.date(2020, 11, 9)) == "Lai Châu, ngày 09 tháng 11 năm 2020"
    assert document_date_text("Lai Châu", datetime.date(2023, 7, 24)) == "Lai Châu, ngày 24 tháng 7 năm 2023"


def test_document_number_take_counts_per_body_type_and_year(org):
    from django.db import transaction

    from units.services import document_number_take

    def take(**kwargs):
        with transaction.atomic():
            return document_number_take(issuer=org.province, **kwargs)

    assert [take(year=2023, kind="BC", symbol="LĐLĐ") for _ in range(3)] == [1, 2, 3]
    assert take(year=2023, kind="KH", symbol="LĐLĐ") == 1
    assert take(year=2023, kind="BC", symbol="CTĐ") == 1
    assert take(year=2024, kind="BC", symbol="LĐLĐ") == 1


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (105, "một trăm linh năm"),
        (1_005, "một nghìn không trăm linh năm"),
        (2_530_000, "hai triệu năm trăm ba mươi nghìn"),
        (1_000_005, "một triệu không trăm linh năm"),
        (1_117_335_103, "một tỷ một trăm mười bảy triệu ba trăm ba mươi lăm nghìn một trăm linh ba"),
        (5_000_000_000_000, "năm nghìn tỷ"),
    ],
)
def test_number_in_words_reads_vietnamese_amounts(number, words):
    from units.formatting import number_in_words

    assert number_in_words(number) == words


def test_notifications_mark_read_marks_the_named_or_all_unread_of_the_recipient(org, alice, bob):
    first, second = (Notification.objects.create(recipient=alice, message=m) for m in ("một", "hai"))
    others = Notification.objects.create(recipient=bob, message="ba")
    assert notifications_mark_read(recipient=alice, ids=[first.pk, others.pk]) == 1
    assert [n.read_at is not None for n in Notification.objects.order_by("pk")] == [True, False, False]
    assert notifications_mark_read(recipient=alice) == 1
    assert notifications_mark_read(recipient=alice) == 0
    second.refresh_from_db()
    others.refresh_from_db()
    assert (second.read_at is not None, others.read_at) == (True, None)
