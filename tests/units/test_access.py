"""Role × URL matrix, generated from the URL resolver so that every new URL is covered.

Object URLs are filled from their keyword names (`unit_id`, `grouping_id`, `user_id`):
a URL with a keyword this file does not know fails the test until it is taught here.
"""

from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import make_user
from units.enums import AuditAction, GroupingKind, Role
from units.models import AuditEntry, EmulationGrouping, GroupingMembership, Unit, UnitChange, User
from units.services import grouping_create

PUBLIC = {"login", "set_language"}


def _patterns(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern), tuple(entry.pattern.converters)


ALL_URLS = sorted(set(_patterns()))
OBJECT_URLS = [u for u in ALL_URLS if u[2]]


def _build(pattern: str, kwargs: dict) -> str:
    path = pattern
    for key, value in kwargs.items():
        path = path.replace(f"<int:{key}>", str(value))
    assert "<" not in path, f"unfilled keyword in {pattern}"
    return "/" + path


def _snapshot():
    """Every domain row (the audit log is expected to grow: denials are written to it)."""
    from scoring.models import CriteriaTable, Criterion, ItemAttachment, ItemScore, ScoreSheet

    return {
        model.__name__: sorted(map(repr, model.objects.values_list()))
        for model in (
            Unit,
            UnitChange,
            EmulationGrouping,
            GroupingMembership,
            CriteriaTable,
            Criterion,
            ScoreSheet,
            ItemScore,
            ItemAttachment,
        )
    } | {
        "User": sorted(map(repr, User.objects.values_list("id", "unit_id", "role", "is_active", "password")))
    }


@pytest.fixture
def scene(org):
    owner_a = make_user("owner_a", org.a, Role.ADMIN)
    owner_b = make_user("owner_b", org.b, Role.ADMIN)
    grouping_a = grouping_create(
        year=2026,
        name="Khối CĐCS huyện A",
        kind=GroupingKind.BLOC,
        owner=org.a,
        members=[org.a1, org.a2],
        leader=org.a1,
        by=owner_a,
    )
    grouping_b = grouping_create(
        year=2026,
        name="Khối CĐCS huyện B",
        kind=GroupingKind.BLOC,
        owner=org.b,
        members=[org.b1],
        leader=org.b1,
        by=owner_b,
    )
    return {
        "own": {
            "unit_id": org.a1.pk,
            "grouping_id": grouping_a.pk,
            "user_id": owner_a.pk,
            **_scoring_objects(grouping_a, org.a1, owner_a),
        },
        "sibling": {
            "unit_id": org.b1.pk,
            "grouping_id": grouping_b.pk,
            "user_id": owner_b.pk,
            **_scoring_objects(grouping_b, org.b1, owner_b),
        },
    }


def _scoring_objects(grouping, unit, owner) -> dict:
    """A published one-item table of the grouping, the unit's scored sheet, a piece of
    evidence: the objects behind every scoring URL."""
    from django.core.files.base import ContentFile

    from scoring.enums import ScoreKind, TableStatus
    from scoring.imports import CriterionRow
    from scoring.models import ItemAttachment
    from scoring.services import criteria_table_import, item_score_set, set_criteria_table_state, sheet_open

    row = CriterionRow(
        line=2,
        code="I",
        text="Tiêu chí",
        printed_standard=Decimal(10),
        printed_bonus=Decimal(0),
        rule="",
        guidance="",
    )
    table = criteria_table_import(
        rows=[row],
        code=f"T-{unit.code}",
        name="Bảng",
        year=2026,
        owner=grouping.owner,
        grouping=grouping,
        by=owner,
    )
    set_criteria_table_state(obj=table, to=TableStatus.PUBLISHED, by=owner)
    sheet = sheet_open(table=table, unit=unit, by=owner)
    criterion = table.criteria.get()
    scorer = make_user(f"scorer_{unit.code}", unit, Role.UNIT_STAFF)
    item = item_score_set(
        sheet=sheet, criterion=criterion, kind=ScoreKind.SELF, by=scorer, achieved=Decimal(8)
    )
    attachment = ItemAttachment.objects.create(
        item=item,
        file=ContentFile(b"%PDF-1.4 test", name="x.pdf"),
        original_name="x.pdf",
        content_type="application/pdf",
        size=13,
        uploaded_by=scorer,
    )
    return {
        "table_id": table.pk,
        "sheet_id": sheet.pk,
        "criterion_id": criterion.pk,
        "attachment_id": attachment.pk,
    }


def test_every_object_url_keyword_is_known(scene):
    known = set(scene["own"])
    for name, pattern, keywords in OBJECT_URLS:
        assert set(keywords) <= known, f"{name} ({pattern}) uses {keywords}: teach test_access.py"


@pytest.mark.parametrize(("name", "pattern", "keywords"), ALL_URLS)
def test_anonymous_is_sent_to_login(client, scene, name, pattern, keywords):
    if name in PUBLIC:
        return
    url = _build(pattern, {k: scene["own"][k] for k in keywords})
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, (name, method)
        assert response["Location"].startswith("/dang-nhap/?next="), name


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("name", "pattern", "keywords"), OBJECT_URLS)
def test_sibling_unit_objects_answer_404_and_change_nothing(
    client, org, scene, role, name, pattern, keywords
):
    user = make_user(f"outsider_{role}", org.a, role)
    client.force_login(user)
    url = _build(pattern, {k: scene["sibling"][k] for k in keywords})
    before = _snapshot()
    denials = AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED).count()
    # POST-only URLs refuse GET with 405 before any lookup; that reveals no object.
    assert client.get(url).status_code in {404, 405}, url
    assert client.post(url, {"active": "0", "name": "x", "on": "2026-01-01"}).status_code == 404, url
    assert _snapshot() == before
    assert AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED, actor=user).count() >= denials + 1


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("name", "pattern", "keywords"), ALL_URLS)
def test_own_subtree_pages_answer_without_error(client, org, scene, role, name, pattern, keywords):
    """Inside its own subtree a role gets the page, or 403 where the role may not act,
    never a 404 or a server error."""
    user = make_user(f"member_{role}", org.a, role)
    client.force_login(user)
    url = _build(pattern, {k: scene["own"][k] for k in keywords})
    response = client.get(url)
    assert response.status_code in {200, 302, 403, 405}, (url, response.status_code)


def test_province_staff_reads_outside_bodies_district_staff_does_not(client, org, staff_user, alice):
    client.force_login(staff_user)
    assert client.get(org.outside.get_absolute_url()).status_code == 200
    client.force_login(alice)
    assert client.get(org.outside.get_absolute_url()).status_code == 404


def test_viewer_cannot_create_units_and_nothing_is_saved(client, bob, org):
    client.force_login(bob)
    count = Unit.objects.count()
    response = client.post(
        "/don-vi/them/", {"parent": org.a.pk, "name": "CĐCS X", "code": "X", "kind": "cdcs"}
    )
    assert response.status_code == 403
    assert "Không có quyền" in response.content.decode()
    assert Unit.objects.count() == count
    assert AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED, actor=bob).exists()
