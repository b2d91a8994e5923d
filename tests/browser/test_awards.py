"""The award journey in a real Chromium against the live server: a district union files a
dossier for two people with attachments and submits; the province returns it for an
addition; it is resubmitted; the council approves; the decision is issued with its
number; the district union sees the result and the prize money.

The test database holds the demo organisation (units.demo) and, created through the
services and models, what the journey needs: the award form, the dated base salary, the
district's accepted registration for this year, two people of one of its CĐCS and two
more council members. The other apps' demos are not run.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from awards.enums import AwardKind, DecisionState, DossierState, IssuingLevel, Recipient, Vote
from awards.models import AwardForm, BaseSalary, Decision, Dossier, Person
from emulation.enums import RegistrationState
from emulation.services import registration_save, set_registration_state
from units.demo import PROVINCE_CODE
from units.enums import Role
from units.models import Notification, Unit, User

from .test_journeys import heading, login, nav_click, vn_date

pytestmark = pytest.mark.browser

CITY = "Liên đoàn Lao động thành phố Lai Châu"
CITY_CODE = "LDLD-TP"
BUS = "CĐCS Bến xe khách tỉnh"
BUS_CODE = "CDCS-BENXE"
AWARD = "Bằng khen của Ban Chấp hành LĐLĐ tỉnh"
PEOPLE = [("Lò Văn Pháo", "nam", "Lái xe"), ("Nguyễn Thị Hằng", "nu", "Kế toán")]
COUNCIL = ["Tao Văn Hùng", "Vũ Thị Lan", "Đèo Văn Khánh"]  # the demo's hoidong and two more
REASON = "Bổ sung biên bản họp xét"
NEW_SALARY_FROM = datetime.date(2026, 7, 1)
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

SIGNING_DATE_BUG = (
    "decision_detail.html offers the signing date as a plain text field pre-filled in ISO "
    "order (yyyy-mm-dd), unlike every other date of the site (units.forms.DateInput, "
    "dd/mm/yyyy), and views.decision_issue reads it with date.fromisoformat and silently "
    "falls back to today on ValueError: a date typed the Vietnamese way (30/06/2026) is "
    "ignored without a word, the decision is signed today and its prizes use the base "
    "salary of today (760.000 instead of 710.000). Parse dd/mm/yyyy (DateInput) and refuse "
    "a date it cannot read with a message."
)

ENGLISH_BLANK_CHOICE_BUG = (
    "Django 6.1's ModelChoiceField labels its empty choice with get_blank_choice_label(), "
    "“- Select an option -”, which Django's own Vietnamese catalogue does not translate, and "
    "the project has no locale/vi catalogue (LOCALE_PATHS holds only en): every optional "
    "select — “Tính vào phân bổ số lượng” on Tạo hồ sơ, “Cá nhân” and “hoặc tập thể” on the "
    "dossier — greets a Vietnamese user in English. Translate the msgid in locale/vi or "
    "give the fields a Vietnamese empty_label."
)


@dataclass
class Setting:
    year: int
    city: Unit
    award: AwardForm
    people: list[Person]


@pytest.fixture
def setting(demo) -> Setting:
    """The award form, the base salary, the district's accepted registration for this
    year, two people of its bus-station CĐCS and a council of three at the province."""
    year = timezone.localdate().year
    award = AwardForm.objects.create(
        code="bk-ldld",
        name=AWARD,
        issuing_level=IssuingLevel.PROVINCE_FEDERATION,
        recipient=Recipient.BOTH,
        kind=AwardKind.COMPREHENSIVE,
        prize_coefficient=Decimal("0.3"),
        prize_coefficient_collective=Decimal("0.6"),
        required_documents=["to_trinh"],
    )
    BaseSalary.objects.create(valid_from=datetime.date(2024, 7, 1), amount=2_340_000)
    BaseSalary.objects.create(valid_from=NEW_SALARY_FROM, amount=2_530_000)
    city = Unit.objects.get(code=CITY_CODE)
    registration = registration_save(unit=city, year=year, by=None, titles={"ttldxs": 1})
    set_registration_state(obj=registration, to=RegistrationState.SUBMITTED, by=None)
    set_registration_state(obj=registration, to=RegistrationState.ACCEPTED, by=None)
    bus = Unit.objects.get(code=BUS_CODE)
    people = [
        Person.objects.create(
            full_name=name, gender=gender, position=position, unit=bus, sector=bus.sector, birth_year=1985
        )
        for name, gender, position in PEOPLE
    ]
    province = Unit.objects.get(code=PROVINCE_CODE)
    for username, full_name in [("hoidong.lan", COUNCIL[1]), ("hoidong.khanh", COUNCIL[2])]:
        member = User(username=username, full_name=full_name, unit=province, role=Role.COUNCIL)
        member.set_password("Hoi-dong-2026!")
        member.save()
    return Setting(year=year, city=city, award=award, people=people)


def expected_prize(signed_on: datetime.date) -> str:
    """0,3 × the base salary in force on the signing day, rounded up to 10.000 đ."""
    return "760.000" if signed_on >= NEW_SALARY_FROM else "710.000"


# --- Helpers -------------------------------------------------------------------------


def tab(page: Page, label: str) -> None:
    """A tab of the award pages (Hồ sơ đề nghị, Hội đồng, Quyết định …)."""
    page.get_by_role("list", name="Khen thưởng").get_by_role("link", name=label, exact=True).click()


def status(page: Page):
    """The flash message after a save or a state change."""
    return page.locator("main > .alert[role=status]").first


def state(page: Page):
    return page.get_by_test_id("dossier-state")


def section(page: Page, title: str):
    return page.locator("main section").filter(has=page.get_by_role("heading", name=title, exact=True))


def nominee_rows(page: Page):
    return page.get_by_test_id("nominees").locator("tbody tr")


def attach(page: Page, document_type: str, path) -> None:
    page.get_by_label("Loại tài liệu").select_option(label=document_type)
    page.get_by_label("Tệp (PDF").set_input_files(path)
    page.get_by_role("button", name="Đính kèm").click()


def open_from_bell(page: Page, message: str) -> None:
    """Open the notification `message` (unread) from the bell."""
    page.get_by_test_id("bell").click()
    expect(heading(page)).to_have_text("Thông báo")
    page.locator("main .list-group-item-info").get_by_role("link", name=message).click()


def dossier_message(title: str, label: str) -> str:
    return f"Hồ sơ “{title}” của {CITY}: {label}."


# --- The journey -----------------------------------------------------------------------


def test_district_files_province_returns_council_approves_decision_issued(browsing, setting, tmp_path):
    year = setting.year
    title = f"Đề nghị tặng Bằng khen LĐLĐ tỉnh cho 2 cá nhân CĐCS Bến xe khách tỉnh năm {year}"
    proposal = tmp_path / "to-trinh-de-nghi.pdf"
    proposal.write_bytes(PDF_BYTES)
    minutes = tmp_path / "bien-ban-hop-xet.pdf"
    minutes.write_bytes(PDF_BYTES.replace(b"Catalog", b"Catalog /Lang (vi)"))
    renamed = tmp_path / "bao-cao-thanh-tich.pdf"  # a Windows program under a PDF name
    renamed.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200)

    # 1. The district creates the dossier from Khen thưởng → Tạo hồ sơ.
    unit = browsing.new_page()
    login(unit, "canbo.thanhpho")
    nav_click(unit, "Khen thưởng")
    expect(heading(unit)).to_have_text("Hồ sơ đề nghị khen thưởng")
    expect(unit.get_by_test_id("dossier-table").locator("tbody")).to_have_text("Chưa có hồ sơ nào.")
    unit.get_by_role("link", name="Tạo hồ sơ").click()

    expect(heading(unit)).to_have_text("Tạo hồ sơ đề nghị khen thưởng")
    proposing = unit.get_by_label("Đơn vị đề nghị")
    # The user's own unit and this year come first.
    expect(proposing).to_have_value(str(setting.city.pk))
    expect(proposing.locator("option:checked")).to_have_text(re.compile(rf"{CITY} \({CITY_CODE}\)$"))
    expect(unit.get_by_label("Năm")).to_have_value(str(year))
    unit.get_by_label("Hình thức khen thưởng").select_option(label=AWARD)
    unit.get_by_label("Trích yếu").fill(title)
    unit.get_by_label("Thành tích").fill(
        "Hoàn thành xuất sắc nhiệm vụ năm, không để xảy ra tai nạn giao thông."
    )
    browsing.check_page(unit, "1-create-form")
    unit.get_by_role("button", name="Lưu", exact=True).click()

    expect(heading(unit)).to_have_text(title)
    expect(status(unit)).to_have_text("Đã tạo hồ sơ. Thêm người được đề nghị và tài liệu rồi nộp.")
    expect(state(unit)).to_have_text("Nháp")
    dossier = Dossier.objects.get(title=title)
    assert (dossier.proposing_unit, dossier.year, dossier.award_form) == (setting.city, year, setting.award)
    expect(unit).to_have_url(re.compile(rf"/khen-thuong/ho-so/{dossier.pk}/$"))
    expect(nominee_rows(unit)).to_have_text(["Chưa có ai."])
    expect(section(unit, "Tài liệu")).to_contain_text("Còn thiếu: Tờ trình")

    # The two people of the bus station, one after the other.
    for name, _gender, _position in PEOPLE:
        unit.get_by_label("Cá nhân").select_option(label=name)
        unit.get_by_role("button", name="Thêm", exact=True).click()
        expect(status(unit)).to_have_text("Đã thêm người được đề nghị.")
    expect(nominee_rows(unit).locator("td:nth-child(2)")).to_have_text(
        [re.compile(rf"^{name}\s*{position} · {BUS}$") for name, _g, position in PEOPLE]
    )
    expect(nominee_rows(unit).locator("td:nth-child(3)")).to_have_text(["SXKD", "SXKD"])

    # Submitting without the proposal is refused, and says what is missing.
    unit.get_by_role("button", name="Nộp hồ sơ").click()
    expect(status(unit)).to_have_text("Còn thiếu tài liệu: Tờ trình.")
    expect(state(unit)).to_have_text("Nháp")

    # A renamed program is refused by its content, in Vietnamese.
    attach(unit, "Báo cáo thành tích", renamed)
    expect(status(unit)).to_have_text(
        "bao-cao-thanh-tich.pdf không phải tệp PDF, DOCX, XLSX, JPG hoặc PNG (kiểm tra theo nội dung tệp)."
    )
    expect(status(unit)).to_have_class(re.compile(r"alert-danger"))
    expect(section(unit, "Tài liệu").locator("ul li")).to_have_text(["Chưa có tài liệu."])
    browsing.check_page(unit, "2-renamed-file-refused")

    attach(unit, "Tờ trình", proposal)
    expect(status(unit)).to_have_text("Đã đính kèm tệp.")
    expect(section(unit, "Tài liệu").locator("ul li")).to_have_text(
        [
            re.compile(r"^Tờ trình: to-trinh-de-nghi\.pdf \(\d+\sbyte\) Xóa$")
        ]  # a draft's file can be taken back
    )
    expect(section(unit, "Tài liệu")).not_to_contain_text("Còn thiếu")
    attachment = dossier.attachments.get()
    assert (attachment.document_type, attachment.content_type) == ("to_trinh", "application/pdf")
    browsing.check_page(unit, "3-draft-complete")

    unit.get_by_role("button", name="Nộp hồ sơ").click()
    expect(state(unit)).to_have_text("Đã nộp")
    expect(status(unit)).to_have_text("Hồ sơ: Đã nộp.")
    # Sent: no more editing, adding or uploading.
    expect(unit.get_by_role("button", name="Nộp hồ sơ")).to_have_count(0)
    expect(unit.get_by_role("button", name="Thêm", exact=True)).to_have_count(0)
    expect(unit.get_by_role("button", name="Đính kèm")).to_have_count(0)
    expect(unit.get_by_role("button", name="Bắt đầu thẩm định")).to_have_count(0)

    # 2. Provincial staff hear of it on the bell, appraise and return it.
    province = browsing.new_page()
    login(province, "thidua.tinh")
    reviewer = User.objects.get(username="thidua.tinh")
    unread = Notification.objects.filter(recipient=reviewer, read_at__isnull=True).count()
    expect(province.get_by_test_id("unread-count")).to_have_text(str(unread))
    open_from_bell(province, dossier_message(title, "Đã nộp"))

    expect(province).to_have_url(re.compile(rf"/khen-thuong/ho-so/{dossier.pk}/$"))
    expect(heading(province)).to_have_text(title)
    expect(state(province)).to_have_text("Đã nộp")
    expect(province.get_by_role("button", name="Nộp hồ sơ")).to_have_count(0)
    province.get_by_role("button", name="Bắt đầu thẩm định").click()
    expect(state(province)).to_have_text("Đang thẩm định")
    province.get_by_label("Trả lại để bổ sung: nội dung cần bổ sung").fill(REASON)
    browsing.check_page(province, "4-appraising")
    province.get_by_role("button", name="Trả lại đơn vị").click()
    expect(state(province)).to_have_text("Trả lại bổ sung")
    expect(status(province)).to_have_text("Hồ sơ: Trả lại bổ sung.")
    expect(province.locator("main .alert-warning[role=alert]")).to_have_text(f"Cần bổ sung: {REASON}")

    # 3. The district reads the reason, adds the minutes and submits again.
    unit.reload()
    expect(unit.get_by_test_id("unread-count")).to_be_visible()
    open_from_bell(unit, f"{dossier_message(title, 'Trả lại bổ sung')} Cần bổ sung: {REASON}")
    expect(state(unit)).to_have_text("Trả lại bổ sung")
    expect(unit.locator("main .alert-warning[role=alert]")).to_have_text(f"Cần bổ sung: {REASON}")
    browsing.check_page(unit, "5-returned")
    attach(unit, "Biên bản họp xét", minutes)
    expect(status(unit)).to_have_text("Đã đính kèm tệp.")
    expect(section(unit, "Tài liệu").locator("ul li")).to_have_text(
        [
            # Added after the return: can be taken back. Appraised: stays until replaced.
            re.compile(r"^Biên bản họp xét: bien-ban-hop-xet\.pdf \(\d+\sbyte\) Xóa$"),
            re.compile(r"^Tờ trình: to-trinh-de-nghi\.pdf \(\d+\sbyte\)$"),
        ]
    )
    unit.get_by_role("button", name="Nộp hồ sơ").click()
    expect(state(unit)).to_have_text("Đã nộp")
    expect(unit.locator("main .alert-warning[role=alert]")).to_have_count(0)
    dossier.refresh_from_db()
    assert (dossier.state, dossier.returned_reason) == (DossierState.SUBMITTED, "")

    # 4. The province appraises it again and sends it to the council.
    province.reload()
    expect(state(province)).to_have_text("Đã nộp")
    province.get_by_role("button", name="Bắt đầu thẩm định").click()
    expect(state(province)).to_have_text("Đang thẩm định")
    province.get_by_role("button", name="Đủ điều kiện trình Hội đồng").click()
    expect(state(province)).to_have_text("Đủ điều kiện trình Hội đồng")

    # The council's session: three members present, the dossier on the agenda.
    session_title = f"Phiên họp Hội đồng Thi đua - Khen thưởng ngày {vn_date(timezone.localdate())}"
    tab(province, "Hội đồng")
    expect(heading(province)).to_have_text("Phiên họp Hội đồng")
    province.get_by_role("link", name="Tạo phiên họp").click()
    expect(heading(province)).to_have_text("Tạo phiên họp Hội đồng")
    expect(province.get_by_label("Ngày họp")).to_have_value(vn_date(timezone.localdate()))
    province.get_by_label("Tên phiên họp").fill(session_title)
    for member in COUNCIL:
        province.get_by_label(member, exact=True).check()
    expect(province.get_by_label(title, exact=True)).to_have_count(1)
    province.get_by_label(title, exact=True).check()
    browsing.check_page(province, "6-session-form")
    province.get_by_role("button", name="Tạo phiên họp").click()

    expect(heading(province)).to_have_text(session_title)
    expect(province.locator("main p.text-muted").first).to_have_text(
        f"{vn_date(timezone.localdate())} · 3 thành viên dự họp · cần 2 phiếu đồng ý để thông qua · Đang họp"
    )
    for name, _gender, _position in PEOPLE:
        province.get_by_label(f"Đồng ý: {name}", exact=True).fill("3")
        expect(province.get_by_label(f"Không đồng ý: {name}", exact=True)).to_have_value("0")
    browsing.check_page(province, "7-votes")
    province.get_by_role("button", name="Ghi kết quả và kết thúc phiên họp").click()

    expect(status(province)).to_have_text("Đã ghi kết quả biểu quyết và kết thúc phiên họp.")
    votes = province.get_by_test_id("votes").locator("tbody tr")
    expect(votes.locator("td:nth-child(2)")).to_have_text([name for name, _g, _p in PEOPLE])
    expect(votes.locator("td:nth-child(3)")).to_have_text(["3", "3"])
    expect(votes.locator("td:nth-child(5)")).to_have_text(["Đồng ý", "Đồng ý"])
    minutes_text = province.locator("main pre")
    expect(minutes_text).to_contain_text("có mặt 3 thành viên; cần 2 phiếu đồng ý để thông qua.")
    for name, _gender, _position in PEOPLE:
        expect(minutes_text).to_contain_text(f"- {name} ({AWARD}): 3/3 — Đồng ý")
    assert set(dossier.nominees.values_list("vote", flat=True)) == {Vote.APPROVED}

    # The dossier has been through the council.
    votes.first.get_by_role("link", name=title).click()
    expect(state(province)).to_have_text("Hội đồng đã xét")
    expect(nominee_rows(province).locator("td:nth-child(5)")).to_have_text(["Đồng ý", "Đồng ý"])
    province.go_back()

    # The draft decision, then its issue with a number.
    province.get_by_role("button", name="Lập dự thảo quyết định cho những người được đồng ý").click()
    expect(status(province)).to_have_text("Đã lập 1 dự thảo quyết định.")
    subject = f"Về việc tặng {AWARD}"
    province.get_by_role("link", name=f"(chưa có số) — {subject}").click()
    expect(heading(province)).to_have_text("Quyết định (chưa có số)")
    expect(province.get_by_test_id("decision-state")).to_have_text("Dự thảo")
    awardees = province.get_by_test_id("awardees").locator("tbody tr")
    expect(awardees.locator("td:nth-child(4)")).to_have_text(["—", "—"])
    browsing.check_page(province, "8-draft-decision")
    province.get_by_role("button", name="Ban hành (cấp số)").click()

    signed_on = timezone.localdate()
    prize = expected_prize(signed_on)
    total = {"710.000": "1.420.000", "760.000": "1.520.000"}[prize]
    expect(status(province)).to_have_text("Đã ban hành quyết định số 01/QĐ-LĐLĐ.")
    expect(province.get_by_test_id("decision-number")).to_have_text("01/QĐ-LĐLĐ")
    expect(province.get_by_test_id("decision-state")).to_have_text("Đã ban hành")
    expect(province.locator("main p.text-muted").first).to_contain_text(f"ngày {vn_date(signed_on)}")
    expect(awardees.locator("td:nth-child(4)")).to_have_text([prize, prize])
    expect(province.get_by_test_id("total-prize")).to_have_text(total)
    expect(province.get_by_role("button", name="Ban hành (cấp số)")).to_have_count(0)
    browsing.check_page(province, "9-issued")
    decision = Decision.objects.get()
    assert (decision.number, decision.state, decision.signed_on) == (1, DecisionState.ISSUED, signed_on)
    assert [a.prize for a in decision.awardees.all()] == [Decimal(prize.replace(".", ""))] * 2

    # 5. The district sees the decision, its people and the prize money.
    unit.reload()
    expect(unit.get_by_test_id("unread-count")).to_be_visible()
    open_from_bell(unit, dossier_message(title, "Đã có quyết định"))
    expect(state(unit)).to_have_text("Đã có quyết định")
    expect(unit.get_by_role("button", name="Nộp hồ sơ")).to_have_count(0)
    browsing.check_page(unit, "10-dossier-decided")

    tab(unit, "Quyết định")
    expect(heading(unit)).to_have_text("Quyết định khen thưởng")
    rows = unit.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td")).to_have_text(
        ["01/QĐ-LĐLĐ", subject, vn_date(signed_on), "2", "Đã ban hành"]
    )
    browsing.check_page(unit, "11-decision-list")
    rows.first.get_by_role("link", name=subject).click()

    expect(unit.get_by_test_id("decision-number")).to_have_text("01/QĐ-LĐLĐ")
    expect(unit.get_by_test_id("decision-state")).to_have_text("Đã ban hành")
    district_awardees = unit.get_by_test_id("awardees").locator("tbody tr")
    expect(district_awardees.locator("td:nth-child(2)")).to_have_text(
        [re.compile(rf"^{name}\s*{position}$") for name, _g, position in PEOPLE]
    )
    expect(district_awardees.locator("td:nth-child(3)")).to_have_text([BUS, BUS])
    expect(district_awardees.locator("td:nth-child(4)")).to_have_text([prize, prize])
    expect(unit.get_by_test_id("total-prize")).to_have_text(total)
    # The district reads the decision; it does not revoke it.
    expect(unit.get_by_role("button", name="Thu hồi")).to_have_count(0)
    browsing.check_page(unit, "12-decision-district")

    tab(unit, "Hồ sơ đề nghị")
    own = unit.get_by_test_id("dossier-table").locator("tbody tr")
    expect(own.first.locator("td")).to_have_text(
        [str(year), title, "LĐLĐ Thành phố", AWARD, "2", "Đã có quyết định"]
    )


# --- Found along the way ------------------------------------------------------------------


@pytest.fixture
def draft_decision(setting) -> Decision:
    """A draft decision for the two people, the dossier taken through the services."""
    from awards import services
    from awards.models import CouncilSession, Nominee

    dossier = services.dossier_create(
        proposing_unit=setting.city, year=setting.year, award_form=setting.award, title="Hồ sơ BK", by=None
    )
    for person in setting.people:
        services.nominee_add(dossier=dossier, by=None, person=person)
    dossier.attachments.create(
        document_type="to_trinh",
        file="dossiers/to-trinh.pdf",
        original_name="to-trinh.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
        uploaded_by=User.objects.get(username="canbo.thanhpho"),
    )
    for to in (DossierState.SUBMITTED, DossierState.APPRAISING, DossierState.READY):
        services.set_dossier_state(obj=dossier, to=to, by=None)
    session = services.session_create(
        owner=Unit.objects.get(code=PROVINCE_CODE),
        title="Phiên họp",
        held_on=timezone.localdate(),
        members=list(User.objects.filter(role=Role.COUNCIL)),
        dossiers=[dossier],
        by=None,
    )
    assert isinstance(session, CouncilSession)
    services.session_close(session=session, votes={n.pk: (3, 0) for n in dossier.nominees.all()}, by=None)
    return services.decision_create(
        issuer=session.owner,
        year=setting.year,
        award_form=setting.award,
        subject=f"Về việc tặng {AWARD}",
        by=None,
        nominees=list(Nominee.objects.filter(dossier=dossier)),
        session=session,
    )


def test_signing_date_typed_the_vietnamese_way_is_used(browsing, draft_decision):
    signed_on = datetime.date(2026, 6, 30)  # the day before the new base salary
    page = browsing.new_page()
    login(page, "thidua.tinh")
    page.goto(draft_decision.get_absolute_url())
    page.get_by_label("Ngày ký").fill(vn_date(signed_on))
    page.get_by_role("button", name="Ban hành (cấp số)").click()
    browsing.screenshot(page, "1-issued")
    expect(page.get_by_test_id("decision-state")).to_have_text("Đã ban hành", timeout=2_000)
    draft_decision.refresh_from_db()
    assert draft_decision.signed_on == signed_on
    expect(page.get_by_test_id("total-prize")).to_have_text("1.420.000", timeout=2_000)


def test_empty_choice_of_a_select_is_in_vietnamese(browsing, setting):
    page = browsing.new_page()
    login(page, "canbo.thanhpho")
    page.goto("/khen-thuong/ho-so/them/")
    expect(heading(page)).to_have_text("Tạo hồ sơ đề nghị khen thưởng")
    blank = page.get_by_label("Tính vào phân bổ số lượng").locator("option[value='']")
    expect(blank).to_have_count(1)
    expect(blank).not_to_have_text(re.compile("Select", re.IGNORECASE), timeout=2_000)
