"""Dossiers: nominees, quotas, attachments checked by content, the submission gate, the
transition function, and seed 003's eligibility rules on crafted histories."""

import threading

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from awards.eligibility import FAIL, PASS, UNKNOWN, evaluate_nominee
from awards.enums import AwardKind, DocumentType, DossierState, HistoryKind, IssuingLevel, Recipient
from awards.models import (
    AwardForm,
    DossierAttachment,
    HistoryEntry,
    Nominee,
    QuotaAllocation,
    QuotaEvent,
)
from awards.services import attachment_add, dossier_create, nominee_add, set_dossier_state
from tests.awards.conftest import docx_bytes, pdf, person
from tests.conftest import make_user
from units.enums import AuditAction, Role, Sector
from units.models import AuditEntry, Notification

YEAR = 2021


@pytest.fixture
def dossier(org, form, alice):
    return dossier_create(
        proposing_unit=org.a, year=YEAR, award_form=form, title="Đề nghị Bằng khen", by=alice
    )


def test_alice_files_a_dossier_for_two_people_and_submits(org, dossier, alice, registered, staff_user):
    nominee_add(dossier=dossier, by=alice, person=person(org.a1))
    nominee_add(dossier=dossier, by=alice, person=person(org.a2, "Giàng A Sử"))
    attachment_add(dossier=dossier, upload=pdf(), document_type=DocumentType.PROPOSAL, by=alice)
    set_dossier_state(obj=dossier, to=DossierState.SUBMITTED, by=alice)
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED and dossier.submitted_at is not None
    assert Notification.objects.filter(recipient=staff_user, url=dossier.get_absolute_url()).count() == 1
    assert AuditEntry.objects.filter(
        action=AuditAction.STATE, object_type="awards.dossier", object_id=str(dossier.pk)
    ).get().changes["state"] == [
        "draft",
        "submitted",
    ]


def test_submit_refused_for_a_unit_not_registered_for_the_year(org, dossier, alice):
    nominee_add(dossier=dossier, by=alice, person=person(org.a1))
    attachment_add(dossier=dossier, upload=pdf(), document_type=DocumentType.PROPOSAL, by=alice)
    with pytest.raises(ValidationError) as exc:
        set_dossier_state(obj=dossier, to=DossierState.SUBMITTED, by=alice)
    assert "chưa đủ điều kiện xét khen thưởng" in exc.value.messages[0]
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DRAFT


def test_submit_refused_while_a_required_document_is_missing(org, dossier, alice, registered):
    nominee_add(dossier=dossier, by=alice, person=person(org.a1))
    with pytest.raises(ValidationError) as exc:
        set_dossier_state(obj=dossier, to=DossierState.SUBMITTED, by=alice)
    assert exc.value.messages == ["Còn thiếu tài liệu: Tờ trình."]


def test_double_submit_makes_one_transition(org, dossier, alice, registered):
    nominee_add(dossier=dossier, by=alice, person=person(org.a1))
    attachment_add(dossier=dossier, upload=pdf(), document_type=DocumentType.PROPOSAL, by=alice)
    set_dossier_state(obj=dossier, to=DossierState.SUBMITTED, by=alice)
    set_dossier_state(obj=dossier, to=DossierState.SUBMITTED, by=alice)
    assert (
        AuditEntry.objects.filter(
            action=AuditAction.STATE, object_type="awards.dossier", object_id=str(dossier.pk)
        ).count()
        == 1
    )


def test_moves_refused_for_the_role_before_the_state(org, dossier, alice, bob):
    """A read-only colleague or a leader asking for any move of a draft — one the state
    machine would refuse, the current state, or no state at all — is refused for the
    role; nothing is said about the dossier's state and nothing is written."""
    leader = make_user("lanhdao_a", org.a, Role.LEADER)
    for user in (bob, leader):
        for to in (DossierState.DECIDED, DossierState.READY, DossierState.DRAFT, "xong"):
            with pytest.raises(PermissionDenied):
                set_dossier_state(obj=dossier, to=to, by=user, reason="Lý do", note="Số 1")
    with pytest.raises(PermissionDenied):
        set_dossier_state(obj=dossier, to=DossierState.READY, by=alice)  # not an appraiser
    with pytest.raises(ValidationError) as exc:
        set_dossier_state(obj=dossier, to="xong", by=alice)
    assert exc.value.messages == ["Trạng thái không hợp lệ."]
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DRAFT
    assert not AuditEntry.objects.filter(action=AuditAction.STATE, object_type="awards.dossier").exists()


def test_transitions_by_role(org, dossier, alice, bob, charlie, staff_user, registered):
    nominee_add(dossier=dossier, by=alice, person=person(org.a1))
    attachment_add(dossier=dossier, upload=pdf(), document_type=DocumentType.PROPOSAL, by=alice)
    with pytest.raises(PermissionDenied):
        set_dossier_state(obj=dossier, to=DossierState.SUBMITTED, by=bob)  # a viewer
    with pytest.raises(PermissionDenied):
        set_dossier_state(obj=dossier, to=DossierState.SUBMITTED, by=charlie)  # another district
    set_dossier_state(obj=dossier, to=DossierState.SUBMITTED, by=alice)
    with pytest.raises(PermissionDenied):
        set_dossier_state(obj=dossier, to=DossierState.APPRAISING, by=alice)  # not an appraiser
    set_dossier_state(obj=dossier, to=DossierState.APPRAISING, by=staff_user)
    with pytest.raises(ValidationError):
        set_dossier_state(obj=dossier, to=DossierState.RETURNED, by=staff_user)  # no reason
    set_dossier_state(obj=dossier, to=DossierState.RETURNED, by=staff_user, reason="Bổ sung biên bản họp xét")
    assert Notification.objects.filter(recipient=alice, message__contains="Bổ sung biên bản họp xét").exists()
    set_dossier_state(obj=dossier, to=DossierState.SUBMITTED, by=alice)
    with pytest.raises(ValidationError):
        set_dossier_state(obj=dossier, to=DossierState.DECIDED, by=staff_user)  # skipping the council
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "to-trinh.pdf",
            b"MZ\x90\x00\x03 windows executable",
            "không phải tệp PDF, DOCX, XLSX, JPG hoặc PNG",
        ),
        (
            "to-trinh.pdf",
            b"<!doctype html><script>alert(1)</script>",
            "không phải tệp PDF, DOCX, XLSX, JPG hoặc PNG",
        ),
        ("bao-cao.docx", b"PK\x03\x04 not really a zip", "Tệp nén bị hỏng"),
    ],
)
def test_unsafe_uploads_are_refused_and_nothing_is_stored(org, dossier, alice, name, content, message):
    with pytest.raises(ValidationError) as exc:
        attachment_add(
            dossier=dossier,
            upload=SimpleUploadedFile(name, content),
            document_type=DocumentType.PROPOSAL,
            by=alice,
        )
    assert message in exc.value.messages[0]
    assert not DossierAttachment.objects.exists()


def test_oversized_upload_is_refused(org, dossier, alice):
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        attachment_add(dossier=dossier, upload=big, document_type=DocumentType.PROPOSAL, by=alice)
    assert exc.value.messages == ["Tệp lon.pdf lớn hơn 10 MB."]
    assert not DossierAttachment.objects.exists()


def test_zip_bomb_is_refused_and_a_real_docx_accepted(org, dossier, alice):
    bomb = SimpleUploadedFile("bom.docx", docx_bytes(b"\0" * (40 * 1024 * 1024)))
    with pytest.raises(ValidationError) as exc:
        attachment_add(dossier=dossier, upload=bomb, document_type=DocumentType.PROPOSAL, by=alice)
    assert "Tệp nén bất thường" in exc.value.messages[0]
    ok = attachment_add(
        dossier=dossier,
        upload=SimpleUploadedFile("bao-cao.docx", docx_bytes()),
        document_type="khac",
        by=alice,
    )
    assert ok.content_type.endswith("wordprocessingml.document")
    assert "bao-cao" not in ok.file.name  # stored under a generated name


def test_nominee_must_belong_to_the_proposing_unit_and_match_the_form(org, form, dossier, alice):
    with pytest.raises(ValidationError):
        nominee_add(dossier=dossier, by=alice, person=person(org.b1))
    individual_only = AwardForm.objects.create(
        code="lds",
        name="Bằng Lao động sáng tạo",
        issuing_level=IssuingLevel.GENERAL_CONFEDERATION,
        recipient=Recipient.INDIVIDUAL,
        kind=AwardKind.THEMATIC,
    )
    other = dossier_create(
        proposing_unit=org.a, year=YEAR, award_form=individual_only, title="LĐST", by=alice
    )
    with pytest.raises(ValidationError) as exc:
        nominee_add(dossier=other, by=alice, unit=org.a1)
    assert exc.value.messages == ["Bằng Lao động sáng tạo chỉ dành cho cá nhân."]
    assert not Nominee.objects.exists()


def test_nominations_beyond_the_quota_are_blocked(org, form, alice):
    event = QuotaEvent.objects.create(name="Hội nghị điển hình", year=YEAR, owner=org.province)
    QuotaAllocation.objects.create(event=event, unit=org.a, individuals_hcsn=1, collectives_sxkd=1)
    dossier = dossier_create(
        proposing_unit=org.a, year=YEAR, award_form=form, title="Điển hình", by=alice, quota_event=event
    )
    nominee_add(dossier=dossier, by=alice, person=person(org.a1))
    with pytest.raises(ValidationError) as exc:
        nominee_add(dossier=dossier, by=alice, person=person(org.a1, "Vàng A Dế"))
    assert exc.value.messages == ["Vượt phân bổ: LĐLĐ huyện A được đề nghị 1 cá nhân khối HCSN và đã dùng 1."]
    nominee_add(dossier=dossier, by=alice, unit=org.a2)  # the SXKD collective is within its share
    assert dossier.nominees.count() == 2


# --- Eligibility: seed 003's rules -------------------------------------------------------

HCSN_COLLECTIVE = {
    "applies_to": {"recipient": "collective", "sector": "hcsn"},
    "checks": [
        {"check": "titles", "titles": ["ttldtt", "ttldxs"], "years": 5, "until": 2020},
        {"check": "ratings", "ratings": ["htxsnv"], "count": 2, "from": 2016, "until": 2020},
        {"check": "award", "levels": ["bo_nganh", "ubnd_tinh"], "from": 2016, "until": 2020},
        {
            "check": "any",
            "label": "Thành viên có sáng kiến cấp tỉnh hoặc Bằng Lao động sáng tạo",
            "of": [
                {"check": "initiative", "level": 2, "from": 2016, "until": 2020, "members": True},
                {"check": "award", "forms": ["lds"], "from": 2016, "until": 2020, "members": True},
            ],
        },
        {"check": "no_discipline", "level": 1, "from": 2016, "until": 2020, "members": True},
    ],
}
HEAD_OF_UNIT = {
    "applies_to": {"recipient": "individual", "head": True},
    "checks": [{"check": "head_unit_titles", "titles": ["ttldxs"], "count": 2, "from": 2016, "until": 2020}],
}


@pytest.fixture
def ubnd_form(db):
    return AwardForm.objects.create(
        code="bk-ubnd",
        name="Bằng khen UBND tỉnh",
        issuing_level=IssuingLevel.PROVINCE_PEOPLES_COMMITTEE,
        recipient=Recipient.BOTH,
        kind=AwardKind.COMPREHENSIVE,
    )


def _collective_history(unit, *, titles=(2016, 2017, 2018, 2019, 2020), excellent=(2018, 2020), award=2019):
    for year in titles:
        HistoryEntry.objects.create(unit=unit, year=year, kind=HistoryKind.TITLE, title="ttldtt")
    for year in excellent:
        HistoryEntry.objects.create(unit=unit, year=year, kind=HistoryKind.RATING, rating="htxsnv")
    if award:
        HistoryEntry.objects.create(
            unit=unit, year=award, kind=HistoryKind.AWARD, award_form=AwardForm.objects.get(code="bk-ubnd")
        )


def _evaluate(nominee_kwargs, rules):
    nominee = Nominee(**nominee_kwargs)
    return {
        c["label"]: (c["status"], c["reason"]) for c in evaluate_nominee(nominee, rules, default_until=2020)
    }


def test_hcsn_collective_meeting_every_rule(org, ubnd_form):
    _collective_history(org.a1)
    member = person(org.a1)
    HistoryEntry.objects.create(
        person=member,
        year=2019,
        kind=HistoryKind.INITIATIVE,
        initiative_level=2,
        description="Sáng kiến quản lý hồ sơ",
    )
    HistoryEntry.objects.create(person=member, year=2018, kind=HistoryKind.RATING, rating="htxsnv")
    result = _evaluate({"unit": org.a1, "sector": Sector.HCSN}, [HCSN_COLLECTIVE])
    assert {status for status, _reason in result.values()} == {PASS}


def test_hcsn_collective_with_a_gap_and_a_disciplined_member_fails(org, ubnd_form):
    _collective_history(org.a1, titles=(2016, 2017, 2019, 2020))
    member = person(org.a1)
    HistoryEntry.objects.create(person=member, year=2017, kind=HistoryKind.DISCIPLINE, discipline_level=1)
    result = _evaluate({"unit": org.a1, "sector": Sector.HCSN}, [HCSN_COLLECTIVE])
    titles = result["5 năm Tập thể lao động tiên tiến / Tập thể lao động xuất sắc (2016–2020)"]
    assert titles == (FAIL, "Chỉ đạt 2 năm liên tục.")
    discipline = result["Không có thành viên bị kỷ luật từ khiển trách trở lên (2016–2020)"]
    assert discipline == (FAIL, "2017: Khiển trách")
    assert result["Thành viên có sáng kiến cấp tỉnh hoặc Bằng Lao động sáng tạo"][0] == FAIL


def test_collective_without_history_cannot_be_told(org, ubnd_form):
    result = _evaluate({"unit": org.a2, "sector": Sector.HCSN}, [HCSN_COLLECTIVE])
    assert {status for status, _reason in result.values()} == {UNKNOWN}
    assert result["5 năm Tập thể lao động tiên tiến / Tập thể lao động xuất sắc (2016–2020)"][1] == (
        "Chưa có dữ liệu năm 2016, 2017, 2018, 2019, 2020."
    )


def test_head_of_unit_rule_reads_the_units_titles(org):
    head = person(org.a1, "Tao Văn Hùng", is_head_of_unit=True, is_leader=True)
    for year in (2017, 2019):
        HistoryEntry.objects.create(unit=org.a1, year=year, kind=HistoryKind.TITLE, title="ttldxs")
    result = _evaluate({"person": head, "sector": Sector.HCSN}, [HEAD_OF_UNIT])
    assert list(result.values()) == [(PASS, "Các năm 2017, 2019.")]
    worker = person(org.a1, "Lò Văn Páo")
    assert _evaluate({"person": worker, "sector": Sector.HCSN}, [HEAD_OF_UNIT]) == {}


def test_double_submit_of_the_create_form_makes_one_dossier(client, org, form, alice):
    from awards.models import Dossier

    client.force_login(alice)
    data = {
        "proposing_unit": org.a.pk,
        "year": YEAR,
        "award_form": form.pk,
        "title": "Đề nghị Bằng khen",
        "form_token": "6f1d3c1e-5b7a-4a56-9a57-0f8b6f0b1c2d",
    }
    first = client.post("/khen-thuong/ho-so/them/", data)
    second = client.post("/khen-thuong/ho-so/them/", data)
    assert Dossier.objects.count() == 1
    assert first["Location"] == second["Location"] == Dossier.objects.get().get_absolute_url()


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL's concurrent inserts; CI runs the suite on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_ten_parallel_submits_of_the_create_form_all_land_on_one_dossier(org, form, alice):
    """Ten submits of one form at once: the unique form_token lets one insert through,
    and every other submit, refused by the constraint, answers with that dossier."""
    from awards.models import Dossier

    data = {
        "proposing_unit": org.a.pk,
        "year": YEAR,
        "award_form": form.pk,
        "title": "Đề nghị Bằng khen",
        "form_token": "0c6bc1c8-3a0e-4a3f-8d3e-2f3a5b1c9d70",
    }
    barrier, answers, errors = threading.Barrier(10), [], []

    def submit():
        try:
            client = Client()
            client.force_login(alice)
            barrier.wait()
            response = client.post(reverse("awards:dossier_create"), data)
            answers.append((response.status_code, response.get("Location")))
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    dossier = Dossier.objects.get()
    assert answers == [(302, dossier.get_absolute_url())] * 10
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="awards.dossier").count() == 1
