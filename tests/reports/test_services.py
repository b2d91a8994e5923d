"""A document's life: drafted from a template, edited, issued with its number and frozen,
archived, superseded; and who may do each."""

import datetime
import threading
from decimal import Decimal
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from awards.enums import AwardKind, DecisionState, IssuingLevel, Recipient
from awards.models import Awardee, AwardForm, Decision
from emulation.models import AnnualPlan
from reports.assembly import assemble
from reports.content import text_to_prose
from reports.enums import DocumentState, RenderState, SectionKind
from reports.models import Document, Rendering
from reports.queries import DOCUMENT_RELATED
from reports.services import (
    archive_is_intact,
    document_replace,
    document_section_update,
    document_update,
    rendering_request,
    rendering_retry,
    set_document_state,
    template_save,
)
from tests.conftest import make_user
from tests.reports.conftest import draft, issue, template
from units.enums import AuditAction, Role
from units.models import AuditEntry, DocumentCounter


def test_draft_fills_placeholders_takes_the_issuers_header_and_copies_sections(lai_chau, writer):
    document = draft("annual", lai_chau, 2020, writer)
    assert document.subject_lines == [
        "Công tác Thi đua, Khen thưởng năm 2020",
        "nhiệm vụ trọng tâm công tác Thi đua, Khen thưởng năm 2021",
    ]
    assert (document.superior_body, document.issuing_body, document.symbol) == (
        "Tổng LĐLĐ Việt Nam",
        "LĐLĐ tỉnh Lai Châu",
        "LĐLĐ",
    )
    assert (document.state, document.number, document.place) == (DocumentState.DRAFT, None, "Lai Châu")
    shipped = list(template("annual").sections.values_list("heading", flat=True))
    filled = [h.replace("{next_year}", "2021").replace("{criteria_table}", "") for h in shipped]
    assert filled == list(document.sections.values_list("heading", flat=True))
    assert "NHIỆM VỤ TRỌNG TÂM NĂM 2021" in filled
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(document.pk)).exists()


def test_a_district_drafts_under_its_parents_name(org):
    staff = make_user("huyen", org.a, Role.UNIT_STAFF)
    document = draft("plan", org.a, 2023, staff)
    assert (document.superior_body, document.issuing_body) == ("LĐLĐ tỉnh P", "LĐLĐ huyện A")


def test_only_writers_of_the_issuer_draft(org, bob, charlie):
    with pytest.raises(PermissionDenied):
        draft("plan", org.a, 2023, bob)  # a viewer
    with pytest.raises(PermissionDenied):
        draft("plan", org.a, 2023, charlie)  # staff of the sibling district
    assert not Document.objects.exists()


def test_prose_is_sanitised_and_the_change_audited(lai_chau, writer):
    document = draft("annual", lai_chau, 2020, writer)
    section = document.sections.filter(kind=SectionKind.PROSE).first()
    document_section_update(
        section=section, text='<p onclick="x">Năm <b>2020</b><script>alert(1)</script></p>', by=writer
    )
    section.refresh_from_db()
    assert section.text == "<p>Năm <b>2020</b></p>"
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(document.pk)).latest("id")
    assert entry.changes["text"][1] == "<p>Năm <b>2020</b></p>"
    with pytest.raises(ValidationError):
        block = document.sections.filter(kind=SectionKind.BLOCK).first()
        document_section_update(section=block, text="<p>x</p>", by=writer)


def test_numbers_run_per_body_type_and_calendar_year_of_issue(seed_table, lai_chau, writer):
    DocumentCounter.objects.create(issuer=lai_chau, year=2020, kind="BC", symbol="LĐLĐ", last_number=338)

    def annual(day):
        return issue(draft("annual", lai_chau, 2020, writer, criteria_table=seed_table), writer, day)

    first, second = annual(datetime.date(2020, 11, 19)), annual(datetime.date(2020, 12, 1))
    plan = draft("plan", lai_chau, 2021, writer, plan=_plan(lai_chau, 2021))
    plan = issue(plan, writer, datetime.date(2020, 12, 30))
    next_year = annual(datetime.date(2021, 1, 5))
    assert [first.number_text, second.number_text, plan.number_text, next_year.number_text] == [
        "339/BC-LĐLĐ",
        "340/BC-LĐLĐ",
        "01/KH-LĐLĐ",
        "01/BC-LĐLĐ",  # issued in 2021: the 2021 count, though it reports on 2020
    ]
    content = assemble(first)
    assert (content.number, content.place_date) == ("339/BC-LĐLĐ", "Lai Châu, ngày 19 tháng 11 năm 2020")
    assert not content.draft


def _plan(owner, year):
    from emulation.services import plan_save

    return plan_save(
        owner=owner,
        year=year,
        title=f"Kế hoạch {year}",
        by=None,
        tasks=[{"quarter": 1, "content": "Đăng ký"}],
    )


def test_issue_refuses_a_future_date_and_missing_sources_and_changes_nothing(lai_chau, writer):
    document = draft("annual", lai_chau, 2020, writer)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="không được sau hôm nay"):
        set_document_state(obj=document, to=DocumentState.ISSUED, by=writer, issued_on=tomorrow)
    with pytest.raises(ValidationError) as refused:
        set_document_state(
            obj=document, to=DocumentState.ISSUED, by=writer, issued_on=datetime.date(2020, 11, 19)
        )
    assert refused.value.messages == [
        "Chưa ban hành được. Phần “Bảng chấm điểm thi đua của đơn vị” chưa có số liệu: chọn bảng chấm "
        "điểm. Chọn trong “Sửa thông tin văn bản”, hoặc bỏ phần đó."
    ]
    document.refresh_from_db()
    assert (document.state, document.number, document.frozen) == (DocumentState.DRAFT, None, None)
    assert not DocumentCounter.objects.exists()
    assert not Rendering.objects.exists()


def test_issued_content_is_frozen_and_archived_once(
    seed_table, lai_chau, writer, org, django_capture_on_commit_callbacks
):
    document = draft("annual", lai_chau, 2020, writer, criteria_table=seed_table)
    issue(document, writer, capture=django_capture_on_commit_callbacks)
    archive = {r.format: r for r in document.renderings.all()}
    assert {f: (r.archived, r.state) for f, r in archive.items()} == {
        "pdf": (True, RenderState.DONE),
        "docx": (True, RenderState.DONE),
    }
    assert all(archive_is_intact(r) for r in archive.values())
    before = assemble(document).plain_text()
    with archive["pdf"].file.open("rb") as f:
        pdf = f.read()

    # Later data changes nothing in the issued document: a new award, an edited template.
    form = AwardForm.objects.create(
        code="bk",
        name="Bằng khen",
        issuing_level=IssuingLevel.PROVINCE_FEDERATION,
        recipient=Recipient.BOTH,
        kind=AwardKind.COMPREHENSIVE,
    )
    decision = Decision.objects.create(
        issuer=lai_chau,
        year=2020,
        award_form=form,
        subject="Tặng",
        state=DecisionState.ISSUED,
        number=9,
        signed_on=datetime.date(2020, 12, 1),
    )
    Awardee.objects.create(decision=decision, unit=lai_chau, prize=Decimal(5_000_000))
    template("annual").sections.update(text="<p>Đổi</p>")
    document.refresh_from_db()
    assert assemble(document).plain_text() == before
    assert "5.000.000" not in before
    with pytest.raises(ValidationError):
        document_update(document=document, by=writer, subject="Sửa")
    with pytest.raises(ValidationError):
        section = document.sections.filter(kind=SectionKind.PROSE).first()
        document_section_update(section=section, text="<p>Sửa</p>", by=writer)
    with pytest.raises(ValidationError):
        rendering_request(document=document, fmt="pdf", by=writer)
    archive["pdf"].refresh_from_db()
    with archive["pdf"].file.open("rb") as f:
        assert f.read() == pdf
    assert Rendering.objects.filter(document=document).count() == 2


def test_replacement_supersedes_the_original_when_issued(lai_chau, writer):
    original = issue(
        draft("plan", lai_chau, 2020, writer, plan=_plan(lai_chau, 2020)), writer, datetime.date(2020, 1, 14)
    )
    replacement = document_replace(document=original, by=writer)
    assert (replacement.state, replacement.replaces, replacement.number) == (
        DocumentState.DRAFT,
        original,
        None,
    )
    assert list(replacement.sections.values_list("heading", flat=True)) == list(
        original.sections.values_list("heading", flat=True)
    )
    with pytest.raises(ValidationError):
        document_replace(document=original, by=writer)  # one replacement draft at a time
    issue(replacement, writer, datetime.date(2020, 2, 1))
    original.refresh_from_db()
    assert (original.state, replacement.number_text) == (DocumentState.SUPERSEDED, "02/KH-LĐLĐ")
    with pytest.raises(ValidationError):
        set_document_state(
            obj=original, to=DocumentState.ISSUED, by=writer, issued_on=datetime.date(2020, 3, 1)
        )


def test_a_decisions_document_carries_the_decisions_number(org, staff_user):
    form = AwardForm.objects.create(
        code="bk",
        name="Bằng khen",
        issuing_level=IssuingLevel.PROVINCE_FEDERATION,
        recipient=Recipient.BOTH,
        kind=AwardKind.COMPREHENSIVE,
    )
    decision = Decision.objects.create(
        issuer=org.province, year=2025, award_form=form, subject="Về việc tặng"
    )
    Awardee.objects.create(decision=decision, unit=org.a1)
    document = draft("award-decision", org.province, 2025, staff_user, decision=decision)
    assert document.subject_lines == ["Về việc tặng"]
    with pytest.raises(ValidationError, match="chưa ban hành"):
        issue(document, staff_user, datetime.date(2025, 12, 20))
    Decision.objects.filter(pk=decision.pk).update(
        state=DecisionState.ISSUED, number=14, signed_on=datetime.date(2025, 12, 18)
    )
    issue(document, staff_user, datetime.date(2025, 12, 20))
    assert (document.number_text, document.issued_on) == ("14/QĐ-LĐLĐ", datetime.date(2025, 12, 18))


def test_a_failed_rendering_is_recorded_and_can_run_again(
    lai_chau, writer, django_capture_on_commit_callbacks
):
    document = draft("plan", lai_chau, 2020, writer, plan=_plan(lai_chau, 2020))
    with mock.patch("weasyprint.HTML.render", side_effect=OSError("Không ghi được tệp")):
        issue(document, writer, datetime.date(2020, 1, 14), capture=django_capture_on_commit_callbacks)
    pdf = document.renderings.get(format="pdf")
    assert (pdf.state, pdf.error, pdf.file.name) == (RenderState.FAILED, "Không ghi được tệp", "")
    assert document.renderings.get(format="docx").state == RenderState.DONE
    with django_capture_on_commit_callbacks(execute=True):
        rendering_retry(rendering=pdf, by=writer)
    pdf.refresh_from_db()
    assert (pdf.state, pdf.error, pdf.pages) == (RenderState.DONE, "", 2)
    assert archive_is_intact(pdf)


def test_a_draft_preview_is_queued_once_and_knows_its_content(
    lai_chau, writer, django_capture_on_commit_callbacks
):
    from reports.assembly import content_hash

    document = draft("plan", lai_chau, 2020, writer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = rendering_request(document=document, fmt="pdf", by=writer)
        second = rendering_request(document=document, fmt="pdf", by=writer)
    assert first == second and len(callbacks) == 1
    callbacks[0]()
    first.refresh_from_db()
    assert (first.state, first.archived, first.content_hash) == (
        RenderState.DONE,
        False,
        content_hash(assemble(document)),
    )
    section = document.sections.filter(kind=SectionKind.PROSE).first()
    document_section_update(section=section, text=text_to_prose("Đoạn mới."), by=writer)
    assert first.content_hash != content_hash(assemble(document))


def test_templates_are_kept_by_the_province_and_checked(org, staff_user, alice):
    annual = template("annual")
    sections = [{"order": 1, "kind": SectionKind.PROSE, "heading": "Mở đầu {nam}", "level": 1, "text": ""}]
    values = {
        "name": "Báo cáo",
        "kind": "BC",
        "subject": "Năm {year}",
        "place": "Lai Châu",
        "signer_post": "CT",
    }
    with pytest.raises(PermissionDenied):
        template_save(template=annual, values=values, sections=sections, by=alice)
    with pytest.raises(ValidationError, match=r"\{nam\}"):
        template_save(template=annual, values=values, sections=sections, by=staff_user)
    sections[0]["heading"] = "Mở đầu {year}"
    sections.append({"order": 2, "kind": SectionKind.BLOCK, "heading": "", "level": 1, "block": ""})
    with pytest.raises(ValidationError, match="Mục 2"):
        template_save(template=annual, values=values, sections=sections, by=staff_user)
    sections[1]["block"] = "award_summary"
    sections[0]["text"] = '<p>Đoạn <a href="x">mở</a></p>'
    saved = template_save(template=annual, values=values, sections=sections, by=staff_user)
    assert list(saved.sections.values_list("heading", "block", "text")) == [
        ("Mở đầu {year}", "", "<p>Đoạn mở</p>"),
        ("", "award_summary", ""),
    ]
    assert saved.subject == "Năm {year}"


def _grow(province, writer, n: int) -> None:
    """n more of everything the annual report counts: upper-level unions with accepted
    registrations, issued decisions with awardees, issued documents of the year."""
    from emulation.enums import RegistrationState
    from tests.emulation.conftest import make_registration
    from units.enums import UnitKind
    from units.models import Unit

    form = AwardForm.objects.get_or_create(
        code="bk",
        defaults={
            "name": "Bằng khen",
            "issuing_level": IssuingLevel.PROVINCE_FEDERATION,
            "recipient": Recipient.BOTH,
            "kind": AwardKind.COMPREHENSIVE,
        },
    )[0]
    start = Decision.objects.count()
    units = Unit.objects.bulk_create(
        Unit(name=f"LĐLĐ huyện {start + i}", code=f"H-{start + i}", kind=UnitKind.DISTRICT, parent=province)
        for i in range(n)
    )
    for unit in units:
        unit.path, unit.depth = f"{province.path}{unit.pk}/", province.depth + 1
    Unit.objects.bulk_update(units, ["path", "depth"])
    for i, unit in enumerate(units):
        make_registration(unit, state=RegistrationState.ACCEPTED, year=2020)
        decision = Decision.objects.create(
            issuer=province,
            year=2020,
            award_form=form,
            subject=f"QĐ {start + i}",
            state=DecisionState.ISSUED,
            number=start + i + 1,
            signed_on=datetime.date(2020, 12, 1),
        )
        Awardee.objects.create(decision=decision, unit=unit, prize=Decimal(1_000_000))
        plan = AnnualPlan.objects.filter(owner=province, year=2020).first() or _plan(province, 2020)
        issue(draft("plan", province, 2020, writer, plan=plan), writer, datetime.date(2020, 3, 1))


def test_assembly_keeps_its_query_count_as_the_data_grows(
    seed_table, lai_chau, writer, django_assert_num_queries
):
    document = draft("annual", lai_chau, 2020, writer, criteria_table=seed_table)
    _grow(lai_chau, writer, 1)
    fetch = Document.objects.select_related(*DOCUMENT_RELATED)
    with django_assert_num_queries(16):
        small = assemble(fetch.get(pk=document.pk))
    _grow(lai_chau, writer, 12)
    with django_assert_num_queries(16):
        large = assemble(fetch.get(pk=document.pk))
    assert "Có 13/13 đơn vị đăng ký thi đua năm 2020" in large.plain_text()
    assert "Có 01/01 đơn vị" in small.plain_text()


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL's row locks; CI runs the suite on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_documents_issued_at_once_get_different_numbers(lai_chau, writer):
    """Four threads issue four drafts at the same moment: the counter's row lock queues
    them, and the unique constraint stands behind it."""
    plan = _plan(lai_chau, 2023)
    drafts = [draft("plan", lai_chau, 2023, writer, plan=plan) for _ in range(4)]
    barrier, errors = threading.Barrier(len(drafts)), []

    def run(document):
        try:
            barrier.wait()
            set_document_state(
                obj=document, to=DocumentState.ISSUED, by=writer, issued_on=datetime.date(2023, 1, 11)
            )
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(Document.objects.values_list("number", flat=True)) == [1, 2, 3, 4]


def test_an_issued_plan_writes_its_number_on_the_plan_and_the_campaign(lai_chau, writer):
    from emulation.enums import CampaignKind
    from emulation.models import AnnualPlan, Campaign
    from emulation.services import campaign_save

    plan = _plan(lai_chau, 2023)
    issue(draft("plan", lai_chau, 2023, writer, plan=plan), writer, datetime.date(2023, 1, 11))
    plan = AnnualPlan.objects.get(pk=plan.pk)
    assert (plan.document_number, plan.document_date) == ("01/KH-LĐLĐ", datetime.date(2023, 1, 11))
    campaign = campaign_save(
        campaign=None,
        owner=lai_chau,
        by=None,
        name="Thi đua chào mừng Đại hội",
        kind=CampaignKind.PERIODIC,
        launched_by_outside="",
        document_number="",
        document_date=None,
        starts_on=datetime.date(2023, 1, 15),
        ends_on=None,
        target_unit=lai_chau,
        target_grouping=None,
        theme="Đoàn kết",
        content="",
    )
    typed = campaign_save(
        campaign=None,
        owner=lai_chau,
        by=None,
        name="Phong trào đã có số",
        kind=CampaignKind.PERIODIC,
        launched_by_outside="",
        document_number="12/KH-LĐLĐ",
        document_date=datetime.date(2023, 1, 2),
        starts_on=datetime.date(2023, 1, 15),
        ends_on=None,
        target_unit=lai_chau,
        target_grouping=None,
        theme="",
        content="",
    )
    for target in (campaign, typed):
        issue(
            draft("campaign-plan", lai_chau, 2023, writer, campaign=target),
            writer,
            datetime.date(2023, 1, 20),
        )
    assert Campaign.objects.get(pk=campaign.pk).document_number == "02/KH-LĐLĐ"
    assert Campaign.objects.get(pk=typed.pk).document_number == "12/KH-LĐLĐ"  # what staff typed stays


def test_a_letter_puts_its_subject_under_the_number(lai_chau, writer):
    document = draft("letter", lai_chau, 2023, writer)
    content = assemble(document)
    assert (content.title, content.letter, content.subject) == (
        "",
        True,
        ["V/v Triển khai công tác thi đua, khen thưởng năm 2023"],
    )
    issue(document, writer, datetime.date(2023, 3, 9))
    assert document.number_text == "01/LĐLĐ"


def test_a_decisions_draft_document_already_shows_the_decisions_number_and_date(org, staff_user):
    form = AwardForm.objects.create(
        code="bk",
        name="Bằng khen",
        issuing_level=IssuingLevel.PROVINCE_FEDERATION,
        recipient=Recipient.BOTH,
        kind=AwardKind.COMPREHENSIVE,
    )
    decision = Decision.objects.create(
        issuer=org.province,
        year=2025,
        award_form=form,
        subject="Về việc tặng Bằng khen",
        state=DecisionState.ISSUED,
        number=3,
        signed_on=datetime.date(2025, 12, 18),
    )
    Awardee.objects.create(decision=decision, unit=org.a1, prize=Decimal(1_000_000))
    content = assemble(draft("award-decision", org.province, 2025, staff_user, decision=decision))
    assert (content.number, content.place_date, content.draft) == (
        "03/QĐ-LĐLĐ",
        "Lai Châu, ngày 18 tháng 12 năm 2025",
        True,
    )
    assert (
        content.appendices[0].note
        == "(Kèm theo Quyết định số 03/QĐ-LĐLĐ ngày 18 tháng 12 năm 2025 của LĐLĐ tỉnh P)"
    )
    assert content.blocks[0].text == "BAN THƯỜNG VỤ LĐLĐ TỈNH P"
