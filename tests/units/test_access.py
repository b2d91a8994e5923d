"""Role × URL matrix, generated from the URL resolver so that every new URL is covered.

Object URLs are filled from their keyword names (`unit_id`, `grouping_id`, `user_id`):
a URL with a keyword this file does not know fails the test until it is taught here.
"""

from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import make_user
from units.documents import XLSX_TYPE
from units.enums import AuditAction, GroupingKind, Role, UnitKind
from units.models import AuditEntry, EmulationGrouping, GroupingMembership, Unit, UnitChange, User
from units.services import grouping_create

PUBLIC = {"login", "set_language"}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _patterns(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern), tuple(entry.pattern.converters)


# The read-only support admin answers superusers only, whatever the unit: tests/units/test_shortcuts.py.
ALL_URLS = sorted(u for u in set(_patterns()) if not u[0].startswith("support_admin:"))
# Province-wide reference data (the award catalogue, document templates) belongs to no unit, so there is no
# "sibling" copy to probe; its pages refuse every account but the province's (tested below).
GLOBAL_KEYWORDS = {"award_form_id", "template_id"}
OBJECT_URLS = [u for u in ALL_URLS if u[2] and not set(u[2]) & GLOBAL_KEYWORDS]


def _build(pattern: str, kwargs: dict) -> str:
    path = pattern
    for key, value in kwargs.items():
        path = path.replace(f"<int:{key}>", str(value))
    assert "<" not in path, f"unfilled keyword in {pattern}"
    return "/" + path


def _snapshot():
    """Every domain row (the audit log is expected to grow: denials are written to it)."""
    from awards import models as aw
    from emulation import models as em
    from reports import models as rp
    from scoring.models import CriteriaTable, Criterion, ItemAttachment, ItemScore, ScoreSheet

    report_models = (rp.DocumentTemplate, rp.TemplateSection, rp.Document, rp.DocumentSection, rp.Rendering)

    emulation_models = (
        em.Campaign,
        em.AnnualPlan,
        em.PlanTask,
        em.Deadline,
        em.Registration,
        em.RegistrationTitle,
        em.RegisteredModel,
        em.DedicatedWork,
        em.ResultReport,
        em.Indicator,
        em.IndicatorValue,
    )
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
            *emulation_models,
            aw.Dossier,
            aw.Nominee,
            aw.DossierAttachment,
            aw.Person,
            aw.QuotaEvent,
            aw.HistoryEntry,
            *report_models,
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
            **_emulation_objects(org.a, org.a1),
            **_award_objects(org.a, org.a1, owner_a),
            **_report_objects(org.a, owner_a),
        },
        "sibling": {
            "unit_id": org.b1.pk,
            "grouping_id": grouping_b.pk,
            "user_id": owner_b.pk,
            **_scoring_objects(grouping_b, org.b1, owner_b),
            **_emulation_objects(org.b, org.b1),
            **_award_objects(org.b, org.b1, owner_b),
            **_report_objects(org.b, owner_b),
        },
    }


def _report_objects(district, owner) -> dict:
    """A draft report of the district with a prose section and a finished PDF preview:
    the objects behind every reports URL."""
    from django.core.files.base import ContentFile

    from reports.enums import SectionKind
    from reports.models import DocumentTemplate, Rendering
    from reports.services import document_create

    template = DocumentTemplate.objects.get(code="annual")
    document = document_create(template=template, issuer=district, year=2026, sources={}, by=owner)
    section = document.sections.filter(kind=SectionKind.PROSE).first()
    rendering = Rendering.objects.create(document=document, format="pdf", state="done", sha256="0" * 64)
    rendering.file.save("pdf", ContentFile(b"%PDF-1.4 test"))
    return {
        "document_id": document.pk,
        "section_id": section.pk,
        "rendering_id": rendering.pk,
        "template_id": template.pk,
    }


def _award_objects(district, grassroots, owner) -> dict:
    """A dossier of the district with a nominee and a document, a person of its CĐCS, a
    quota event it keeps: the objects behind every awards URL."""
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile

    from awards.enums import AwardKind, IssuingLevel, Recipient
    from awards.models import AwardForm, Person, QuotaEvent
    from awards.services import attachment_add, dossier_create, nominee_add

    form, _created = AwardForm.objects.get_or_create(
        code="bk",
        defaults={
            "name": "Bằng khen",
            "issuing_level": IssuingLevel.PROVINCE_FEDERATION,
            "recipient": Recipient.BOTH,
            "kind": AwardKind.COMPREHENSIVE,
        },
    )
    person = Person.objects.create(full_name=f"Người {grassroots.code}", gender="nu", unit=grassroots)
    dossier = dossier_create(proposing_unit=district, year=2026, award_form=form, title="Hồ sơ", by=owner)
    nominee_add(dossier=dossier, by=owner, person=person)
    attachment = attachment_add(
        dossier=dossier, upload=SimpleUploadedFile("t.pdf", b"%PDF-1.4 x"), document_type="to_trinh", by=owner
    )
    event = QuotaEvent.objects.create(name=f"Sự kiện {district.code}", year=2026, owner=district)
    from awards.models import CouncilSession, Decision

    session = CouncilSession.objects.create(
        owner=district, title="Phiên họp", held_on=datetime.date(2026, 1, 5), created_by=owner
    )
    decision = Decision.objects.create(issuer=district, year=2026, award_form=form, subject="Quyết định")
    return {
        "award_form_id": form.pk,
        "session_id": session.pk,
        "decision_id": decision.pk,
        "dossier_id": dossier.pk,
        "dossier_attachment_id": attachment.pk,
        "person_id": person.pk,
        "event_id": event.pk,
    }


def _emulation_objects(district, grassroots) -> dict:
    """A campaign, plan and deadline kept by the district; a registration and a report of
    its CĐCS: the objects behind every emulation URL."""
    import datetime

    from emulation.enums import CampaignKind, DeadlineKind, Period
    from emulation.services import campaign_save, deadline_save, plan_save, registration_save, report_save

    campaign = campaign_save(
        campaign=None,
        owner=district,
        by=None,
        name=f"Phong trào {district.code}",
        kind=CampaignKind.REGULAR,
        launched_by_outside="",
        document_number="",
        document_date=None,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=None,
        target_unit=district,
        target_grouping=None,
        theme="",
        content="",
    )
    plan = plan_save(
        owner=district,
        year=2026,
        title="Kế hoạch",
        by=None,
        # The district is responsible for the task: its own read-only accounts see it
        # as theirs, and still may not change its status.
        tasks=[
            {
                "quarter": 1,
                "content": "Nhiệm vụ",
                "responsible_text": district.name,
                "responsible": [district],
            }
        ],
    )
    deadline = deadline_save(
        owner=district,
        year=2026,
        kind=DeadlineKind.REGISTRATION,
        name="Đăng ký",
        due_on=datetime.date(2026, 2, 10),
        by=None,
    )
    registration = registration_save(unit=grassroots, year=2026, by=None, titles={"ldtt": 3})
    report = report_save(
        unit=grassroots,
        year=2026,
        period=Period.HALF_YEAR,
        by=None,
        narrative={"results": "Kết quả"},
        actuals={},
    )
    return {
        "campaign_id": campaign.pk,
        "plan_id": plan.pk,
        "deadline_id": deadline.pk,
        "registration_id": registration.pk,
        "report_id": report.pk,
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


# One scene per role, every URL inside it: building the scene (tables, sheets, plans …)
# per URL would multiply the suite's time by the number of URLs. Failures name the URL.


@pytest.mark.parametrize("role", list(Role))
def test_sibling_unit_objects_answer_404_and_change_nothing(client, org, scene, role):
    user = make_user(f"outsider_{role}", org.a, role)
    client.force_login(user)
    before = _snapshot()
    failures = []
    for name, pattern, keywords in OBJECT_URLS:
        url = _build(pattern, {k: scene["sibling"][k] for k in keywords})
        denials = AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED, actor=user).count()
        # POST-only URLs refuse GET with 405 before any lookup; that reveals no object.
        got = client.get(url).status_code
        posted = client.post(
            url, {"active": "0", "name": "x", "on": "2026-01-01", "to": "accepted"}
        ).status_code
        audited = AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED, actor=user).count() > denials
        if got not in {404, 405} or posted != 404 or not audited:
            failures.append((name, url, got, posted, audited))
    assert failures == []
    assert _snapshot() == before


@pytest.mark.parametrize("role", list(Role))
def test_own_subtree_pages_answer_without_error(client, org, scene, role):
    """Inside its own subtree a role gets the page, or 403 where the role may not act,
    never a 404 or a server error. Every answer to a logged-in account — page, workbook,
    PDF, attachment, refusal or redirect — tells browsers and proxies to keep no copy."""
    user = make_user(f"member_{role}", org.a, role)
    client.force_login(user)
    failures = []
    served = set()
    for name, pattern, keywords in ALL_URLS:
        url = _build(pattern, {k: scene["own"][k] for k in keywords})
        response = client.get(url)
        if response.status_code not in {200, 302, 403, 405}:
            failures.append((name, url, response.status_code))
        if response.get("Cache-Control") != PRIVATE:
            failures.append((name, url, response.get("Cache-Control")))
        if response.status_code == 200:
            served.add(response["Content-Type"].split(";")[0])
    assert failures == []
    if role == Role.ADMIN:
        assert {"text/html", XLSX_TYPE, "application/pdf"} <= served


PRIVATE = "private, no-store"


def test_every_kind_of_download_is_private(client, org, scene):
    """The files with personal data: workbooks, PDFs, a document's DOCX, dossier
    attachments and scoring evidence."""
    from django.core.files.base import ContentFile

    from reports.models import Rendering

    docx = Rendering.objects.create(
        document_id=scene["own"]["document_id"], format="docx", state="done", sha256="1" * 64
    )
    docx.file.save("docx", ContentFile(b"PK docx"))
    client.force_login(make_user("owner_a2", org.a, Role.ADMIN))
    urls = {
        "/khen-thuong/ca-nhan.xlsx": XLSX_TYPE,
        "/khen-thuong/so-ho-so.pdf": "application/pdf",
        f"/van-ban/tep/{docx.pk}/": DOCX_TYPE,
        f"/van-ban/tep/{scene['own']['rendering_id']}/": "application/pdf",
        f"/khen-thuong/tep/{scene['own']['dossier_attachment_id']}/": "application/pdf",
        f"/cham-diem/minh-chung/{scene['own']['attachment_id']}/": "application/pdf",
    }
    for url, content_type in urls.items():
        response = client.get(url)
        assert (response.status_code, response["Content-Type"]) == (200, content_type), url
        assert response["Content-Disposition"].startswith("attachment;"), url
        assert response["Cache-Control"] == PRIVATE, url


def test_anonymous_pages_and_static_files_keep_their_caching(client, org):
    login_page = client.get("/dang-nhap/")
    assert login_page.status_code == 200
    # Django's own never_cache header of the login form, untouched.
    assert login_page["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    client.force_login(make_user("owner_a3", org.a, Role.ADMIN))
    static = client.get("/static/css/app.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")


def test_province_staff_reads_outside_bodies_district_staff_does_not(client, org, staff_user, alice):
    client.force_login(staff_user)
    assert client.get(org.outside.get_absolute_url()).status_code == 200
    client.force_login(alice)
    assert client.get(org.outside.get_absolute_url()).status_code == 404


def test_viewer_cannot_create_units_and_nothing_is_saved(client, bob, org):
    client.force_login(bob)
    count = Unit.objects.count()
    response = client.post(
        "/don-vi/them/", {"parent": org.a.pk, "name": "CĐCS X", "code": "X", "kind": UnitKind.GRASSROOTS}
    )
    assert response.status_code == 403
    assert "Không có quyền" in response.content.decode()
    assert Unit.objects.count() == count
    assert AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED, actor=bob).exists()


def test_catalogue_is_kept_by_the_province_only(client, org, staff_user):
    from awards.enums import AwardKind, IssuingLevel, Recipient
    from awards.models import AwardForm

    form = AwardForm.objects.create(
        code="bk",
        name="Bằng khen",
        issuing_level=IssuingLevel.PROVINCE_FEDERATION,
        recipient=Recipient.BOTH,
        kind=AwardKind.COMPREHENSIVE,
    )
    district_admin = make_user("admin_huyen", org.a, Role.ADMIN)
    client.force_login(district_admin)
    assert client.post(f"/khen-thuong/danh-muc/{form.pk}/", {"name": "Đổi"}).status_code == 403
    client.force_login(staff_user)
    assert client.get(f"/khen-thuong/danh-muc/{form.pk}/").status_code == 200
    form.refresh_from_db()
    assert form.name == "Bằng khen"


# --- State changes: the role is checked before the state machine (issue 11, 3.3) -----------

# The states each transition URL knows, every one of them posted: a move the state
# machine allows, one it refuses, the current state (a no-op) and garbage.
TRANSITION_STATES = {
    "emulation:campaign_state": "emulation.enums.CampaignState",
    "emulation:registration_state": "emulation.enums.RegistrationState",
    "scoring:table_state": "scoring.enums.TableStatus",
    "scoring:sheet_state": "scoring.enums.SheetState",
    "awards:dossier_state": "awards.enums.DossierState",
}
# Words a refusal must not carry: it says "no right", never where the object stands.
STATE_WORDS = ("Không thể chuyển", "trạng thái", "không hợp lệ", "Không sửa", "đã nộp", "alert")


def _action_urls(client, objects: dict) -> list[tuple[str, str]]:
    """(name, URL) of every URL that refuses GET (405): the POST-only actions, each of
    them a write. Logging out is the one action every account has."""
    urls = [
        (name, _build(pattern, {k: objects[k] for k in keywords})) for name, pattern, keywords in ALL_URLS
    ]
    return [(name, url) for name, url in urls if name != "logout" and client.get(url).status_code == 405]


def _state_payloads(name: str, task_id: int) -> list[dict]:
    from django.utils.module_loading import import_string

    common = {
        "reason": "Lý do",
        "note": "Ghi chú",
        "task": task_id,
        "active": "0",
        "format": "pdf",
        "period": "2026-H1",
        "kind": "self",
        "achieved": "5",
        "bonus": "0",
    }
    dated = {"signed_on": "05/01/2026", "issued_on": "05/01/2026", "status": "done"}
    garbage = {
        "signed_on": "ngày 5",
        "issued_on": "32/13/2026",
        "status": "xong",
        "to": "xong",
        "achieved": "-1",
    }
    payloads = [{**common, **dated}, {**common, **garbage}, {}]
    if name in TRANSITION_STATES:
        states = import_string(TRANSITION_STATES[name]).values
        payloads += [{**common, **dated, "to": state} for state in states]
    return payloads


@pytest.mark.parametrize("role", [Role.VIEWER, Role.LEADER])
def test_read_only_roles_posting_any_action_get_403_before_any_state_rule(client, org, scene, role):
    """A read-only or leadership account posting any action of its own subtree (a state
    change of a registration, sheet, table, dossier, session, decision, document,
    campaign, plan task …) is refused for its role: 403 that says nothing about states or
    input, the denial audited, nothing changed. The state machine and the input are never
    reached, whatever the state posted."""
    from emulation.models import PlanTask

    user = make_user(f"readonly_{role}", org.a, role)
    client.force_login(user)
    task_id = PlanTask.objects.get(plan_id=scene["own"]["plan_id"]).pk
    before = _snapshot()
    actions = _action_urls(client, scene["own"])
    assert {"emulation:registration_state", "awards:decision_issue", "reports:document_issue"} <= {
        name for name, _url in actions
    }
    failures = []
    for name, url in actions:
        for payload in _state_payloads(name, task_id):
            denials = AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED, actor=user).count()
            response = client.post(url, payload)
            body = response.content.decode()
            audited = (
                AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED, actor=user).count() == denials + 1
            )
            said = [w for w in STATE_WORDS if w.lower() in body.lower()]
            if response.status_code != 403 or said or not audited or "Không có quyền" not in body:
                failures.append((name, payload.get("to"), response.status_code, said, audited))
    assert failures == [], "\n".join(map(str, failures))
    assert _snapshot() == before
