"""Accessibility (WCAG 2.1 A and AA) in a real Chromium over the whole demo.

Every main page of every demo role is checked with axe-core (axe-playwright-python, rules
tagged wcag2a, wcag2aa, wcag21a, wcag21aa), and each reference a page makes by id
(aria-describedby, aria-labelledby, aria-controls, label[for]) must name an element that
exists: axe lets aria-describedby pass when one of its ids exists, and Django names both
`<id>_helptext` and `<id>_error`. Forms are also checked after a failed submit: the error
summary is focused and each of its links leads to its field.

A keyboard-only walk goes through the menu and the self-scoring form.

The demo (every app's) is seeded once for the module and served by one live server; the
database is emptied again when the module ends, as after any transactional test. One
test per role, one browser context per role.
"""

import re
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .conftest import Browsing
from .test_journeys import login

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# axe-core goes into every page of a context as an init script (Playwright injects it
# past the CSP): half the time of injecting it into each page after it loads.
AXE_SCRIPT = Axe().axe_script

ROLES = ["quantri", "thidua.tinh", "hoidong", "lanhdao.tinh", "canbo.thanhpho", "chixem.yte"]
MANAGERS = {"quantri", "thidua.tinh"}  # keep the tree, campaigns, catalogue, templates
ACTING = MANAGERS | {"canbo.thanhpho"}  # enter registrations, dossiers, scores
CITY_CODE = "LDLD-TP"
SCORE_TABLE_CODE = "KHOI-HUYEN-A11Y"


@dataclass(frozen=True)
class ListPage:
    """A list (or any page) to check; `detail` is the pattern of the link to follow from
    it (the first one in <main>), `follow` the further links to follow from that page.
    `empty_for` are the roles whose page shows no such link in the demo."""

    url: str
    detail: str = ""
    follow: tuple[str, ...] = ()
    only: frozenset[str] | None = None  # the roles the page is for (others get 403)
    empty_for: frozenset[str] = frozenset()


NO_DOSSIERS = frozenset({"chixem.yte"})  # the health union has no dossier, person or decision
PAGES = [
    ListPage("/"),
    ListPage("/don-vi/", r"/don-vi/\d+/$"),
    ListPage("/don-vi/them/", only=MANAGERS),
    ListPage("/khoi-thi-dua/", r"/khoi-thi-dua/\d+/$"),
    ListPage("/tai-khoan/", r"/tai-khoan/\d+/$", only=frozenset({"quantri"})),
    ListPage("/nhat-ky/", only=frozenset({"quantri"})),
    ListPage("/thong-bao/"),
    ListPage("/doi-mat-khau/"),
    ListPage("/thi-dua/"),
    ListPage("/thi-dua/phong-trao/", r"/thi-dua/phong-trao/\d+/$"),
    ListPage("/thi-dua/phong-trao/them/", only=MANAGERS),
    ListPage("/thi-dua/ke-hoach/", r"/thi-dua/ke-hoach/\d+/$"),
    ListPage("/thi-dua/thoi-han/"),
    ListPage("/thi-dua/theo-doi-han/"),
    ListPage("/thi-dua/dang-ky/?year=2024", r"/thi-dua/dang-ky/\d+/$"),
    ListPage("/thi-dua/dang-ky/bang/", only=ACTING),
    ListPage("/thi-dua/chi-tieu/"),
    ListPage("/thi-dua/chi-tieu/danh-muc/"),
    ListPage("/thi-dua/bao-cao/?year=2024", r"/thi-dua/bao-cao/\d+/$"),
    ListPage("/cham-diem/", r"/cham-diem/bang/\d+/$", follow=(r"/cham-diem/bang/\d+/xep-hang/$",)),
    ListPage("/khen-thuong/ho-so/", r"/khen-thuong/ho-so/\d+/$", empty_for=NO_DOSSIERS),
    ListPage("/khen-thuong/ho-so/them/", only=ACTING),
    ListPage("/khen-thuong/ca-nhan/", r"/khen-thuong/ca-nhan/\d+/$", empty_for=NO_DOSSIERS),
    ListPage(
        "/khen-thuong/danh-muc/",
        r"/khen-thuong/danh-muc/\d+/$",
        empty_for=frozenset(ROLES) - MANAGERS,  # the edit link is the managers'
    ),
    ListPage("/khen-thuong/quy-khen-thuong/"),
    ListPage("/khen-thuong/duoc-khen/"),
    ListPage("/khen-thuong/phan-bo/", r"/khen-thuong/phan-bo/\d+/$"),
    ListPage(
        "/khen-thuong/hoi-dong/",
        r"/khen-thuong/hoi-dong/\d+/$",
        empty_for=frozenset({"canbo.thanhpho", "chixem.yte"}),
    ),
    ListPage("/khen-thuong/quyet-dinh/", r"/khen-thuong/quyet-dinh/\d+/$", empty_for=NO_DOSSIERS),
    ListPage("/khen-thuong/thong-ke/"),
    ListPage("/van-ban/", r"/van-ban/\d+/$"),
    ListPage("/mau-van-ban/", r"/mau-van-ban/\d+/$"),
]

# Every id a page refers to that names no element ("for" of labels too).
BROKEN_REFERENCES_JS = """() => {
  const broken = [];
  for (const attr of ["aria-describedby", "aria-labelledby", "aria-controls", "for"]) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) {
          broken.push(`${el.tagName.toLowerCase()}[${attr}="${el.getAttribute(attr)}"] names #${id}`);
        }
      }
    }
  }
  return broken;
}"""


@dataclass
class Site:
    url: str
    sheet_id: int  # the city's self-scoring sheet, open for entry
    draft_document_id: int
    appraised_sheet: dict[str, int]  # role → a sheet with appraised scores in its subtree
    registration: dict[str, int]  # role → a 2024 registration in its subtree
    own_unit: dict[str, int]


@pytest.fixture
def db(django_db_setup):
    """Named `db` so that pytest-django creates the test database whenever one of these
    tests runs (it looks for that name), but without pytest-django's transaction around
    each test: the module's data is committed once by `site`, and an open transaction in
    the test's thread would hold SQLite's write lock (transaction_mode IMMEDIATE) against
    the live server's requests."""


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """Every app's demo, seeded once and served by one live server for the module's tests
    (seeding it for each role would cost more than checking the pages). A criteria table
    of the city's bloc is published and the city's sheet opened, so that a sheet is
    being self-scored. The database is flushed at the end, as pytest-django does after a
    transactional test."""
    from django.core.management import call_command
    from django.db import connection
    from pytest_django.live_server_helper import LiveServer

    from emulation.models import Registration
    from reports.enums import DocumentState
    from reports.models import Document
    from scoring.demo import BANDS, DATA
    from scoring.enums import SheetState, TableStatus
    from scoring.imports import parse_criteria_file
    from scoring.models import ScoreSheet
    from scoring.services import criteria_table_import, set_criteria_table_state, sheet_open
    from units.demo import BLOC_DISTRICTS, PROVINCE_CODE
    from units.management.commands.seed_demo import demo_loaders
    from units.models import EmulationGrouping, Unit, User

    with django_db_blocker.unblock():
        # The flush below must only ever empty a test database.
        assert "test" in str(connection.settings_dict["NAME"]), connection.settings_dict["NAME"]
        for _name, loader in demo_loaders():
            loader()
        grouping = EmulationGrouping.objects.filter(name=BLOC_DISTRICTS).order_by("-year").first()
        path = DATA / "khoi-noi-bo-tieu-chi.csv"
        table = criteria_table_import(
            rows=parse_criteria_file(path.name, path.read_bytes()),
            code=SCORE_TABLE_CODE,
            name=f"Bảng tiêu chí {BLOC_DISTRICTS} năm {grouping.year}",
            year=grouping.year,
            owner=Unit.objects.get(code=PROVINCE_CODE),
            grouping=grouping,
            bands=BANDS,
            by=None,
        )
        set_criteria_table_state(obj=table, to=TableStatus.PUBLISHED, by=None)
        sheet = sheet_open(table=table, unit=Unit.objects.get(code=CITY_CODE), by=None)
        users = {u.username: u for u in User.objects.filter(username__in=ROLES).select_related("unit")}
        appraised, registration = {}, {}
        for username, user in users.items():
            subtree = Unit.objects.subtree_of(user.unit)
            published = ScoreSheet.objects.filter(unit__in=subtree, state=SheetState.PUBLISHED)
            appraised[username] = published.order_by("pk").first().pk
            registrations = Registration.objects.filter(unit__in=subtree, year=2024)
            registration[username] = registrations.order_by("unit__depth", "pk").first().pk
        site = Site(
            url="",
            sheet_id=sheet.pk,
            draft_document_id=Document.objects.filter(state=DocumentState.DRAFT).order_by("pk").first().pk,
            appraised_sheet=appraised,
            registration=registration,
            own_unit={name: user.unit_id for name, user in users.items()},
        )
        server = LiveServer("localhost")
        site.url = server.url
        try:
            yield site
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


# --- Checking a page -------------------------------------------------------------------------


def check(page: Page, label: str, report: list[str]) -> None:
    """axe's WCAG 2.1 A/AA violations and broken id references of the page, one line per
    rule and page with the nodes' selectors."""
    violations = page.evaluate("options => axe.run(document, options).then(r => r.violations)", AXE_OPTIONS)
    for violation in violations:
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:8])
        more = f" (+{len(violation['nodes']) - 8})" if len(violation["nodes"]) > 8 else ""
        report.append(
            f"{label}: {violation['id']} [{violation['impact']}] {violation['help']} — {targets}{more}"
        )
    report.extend(f"{label}: broken reference — {b}" for b in page.evaluate(BROKEN_REFERENCES_JS))


def visit(page: Page, url: str, report: list[str]) -> None:
    response = page.goto(url)
    assert response.status == 200, f"{url}: HTTP {response.status}"
    check(page, url, report)


def first_link(page: Page, pattern: str) -> str | None:
    hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
    for href in hrefs:
        path = href.split("#")[0]
        if re.search(pattern, path.split("?")[0]):
            return path
    return None


def assert_error_summary_focused(page: Page, label: str) -> None:
    """After a failed submit the error summary has the focus, and each of its links
    leads to a field that exists and is marked invalid."""
    summary = page.get_by_test_id("error-summary")
    expect(summary, label).to_be_focused()
    for href in summary.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        field = page.locator(href)
        expect(field, f"{label}: {href}").to_have_count(1)
        expect(field, f"{label}: {href}").to_have_attribute("aria-invalid", "true")


def submit_failed(page: Page, url: str, button: str, report: list[str], fill=None) -> None:
    """Open a form, submit it wrong, and check the page it answers with."""
    page.goto(url)
    if fill:
        fill(page)
    page.locator("main form").get_by_role("button", name=button).click()
    page.wait_for_load_state()
    label = f"{url} (after a failed submit)"
    assert_error_summary_focused(page, label)
    check(page, label, report)


# --- One test per role ----------------------------------------------------------------------


def role_pages(page: Page, username: str, site: Site, report: list[str]) -> int:
    """Every main page of the role, lists first and then the first item of each."""
    visited = 0
    missing = []
    for spec in PAGES:
        if spec.only is not None and username not in spec.only:
            continue
        visit(page, spec.url, report)
        visited += 1
        if not spec.detail:
            continue
        detail = first_link(page, spec.detail)
        if detail is None:
            if username not in spec.empty_for:
                missing.append(f"{spec.url} shows no link to {spec.detail}")
            continue
        visit(page, detail, report)
        visited += 1
        for pattern in spec.follow:
            further = first_link(page, pattern)
            if further is None:
                missing.append(f"{detail} shows no link to {pattern}")
                continue
            visit(page, further, report)
            visited += 1
    extra = [
        f"/bang-dieu-khien/don-vi/{site.own_unit[username]}/",
        f"/cham-diem/phieu/{site.appraised_sheet[username]}/so-sanh/",
    ]
    if username != "chixem.yte":  # the city's sheet is outside the health union's tree
        extra.append(f"/cham-diem/phieu/{site.sheet_id}/")
    if username in ACTING:
        # The form of a registration; for the city's staff it is locked (the demo's lock
        # dates have passed), for the province's staff open.
        extra.append(f"/thi-dua/dang-ky/{site.registration[username]}/sua/")
    if username in MANAGERS:
        extra += [f"/van-ban/{site.draft_document_id}/", f"/van-ban/{site.draft_document_id}/sua/"]
    for url in extra:
        visit(page, url, report)
        visited += 1
    assert not missing, "Pages the demo should fill:\n" + "\n".join(missing)
    return visited


def role_failed_submits(page: Page, username: str, site: Site, report: list[str]) -> None:
    if username == "quantri":
        submit_failed(page, "/don-vi/them/", "Lưu", report)
    elif username == "thidua.tinh":
        submit_failed(page, "/thi-dua/phong-trao/them/", "Lưu", report)

        def bad_count(p: Page) -> None:
            p.get_by_label("Lao động tiên tiến (số người)").fill("-3")
            p.get_by_label("Giá trị (đồng)").first.fill("nhiều")

        submit_failed(
            page, f"/thi-dua/dang-ky/{site.registration[username]}/sua/", "Lưu bản đăng ký", report, bad_count
        )
    elif username == "canbo.thanhpho":
        submit_failed(page, "/khen-thuong/ho-so/them/", "Lưu", report)
    else:
        submit_failed(page, "/doi-mat-khau/", "Lưu mật khẩu mới", report)


@pytest.mark.parametrize("username", ROLES)
def test_every_main_page_meets_wcag21_aa(db, site, new_context, username):
    browsing = Browsing(new_context=new_context, base_url=site.url, test_name=f"a11y-{username}")
    page = browsing.new_page()
    page.context.add_init_script(script=AXE_SCRIPT)
    report: list[str] = []
    if username == ROLES[0]:
        # The login page, and the same after a wrong password.
        visit(page, "/dang-nhap/", report)
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill("sai-mat-khau")
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.get_by_test_id("error-summary")).to_be_focused()
        check(page, "/dang-nhap/ (wrong password)", report)
    login(page, username)
    visited = role_pages(page, username, site, report)
    role_failed_submits(page, username, site, report)
    assert visited >= 30, visited
    assert not report, f"{len(report)} accessibility problems for {username}:\n" + "\n".join(report)
    browsing.assert_clean_console()


# --- By keyboard alone -----------------------------------------------------------------------

MENU = ["Tổng quan", "Đơn vị", "Khối, cụm thi đua", "Thi đua", "Chấm điểm", "Khen thưởng", "Văn bản"]
FOCUS_RING = "rgb(255, 205, 57)"  # #ffcd39
BAR = "rgb(11, 74, 139)"  # #0b4a8b


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def focused(page: Page):
    return page.locator(":focus")


def tab_until(page: Page, name: str, *, limit: int, key: str = "Tab") -> None:
    """Press Tab (or Shift+Tab) until the focused element is the one with that name (its
    aria-label, its label, or its text)."""
    for _press in range(limit):
        page.keyboard.press(key)
        label = focused(page).evaluate(
            "e => e.getAttribute('aria-label') || (e.labels && e.labels[0] ? e.labels[0].innerText : '')"
            " || e.innerText || ''"
        )
        if " ".join(label.split()) == name:
            return
    raise AssertionError(f"“{name}” not reached in {limit} presses of {key}")


def test_keyboard_walk_through_the_menu_and_self_scoring(db, site, new_context):
    browsing = Browsing(new_context=new_context, base_url=site.url, test_name="a11y-keyboard")
    page = browsing.new_page()
    login(page, "canbo.thanhpho")
    expect(page).to_have_url(re.compile(r"/$"))

    # The skip link comes first and shows when focused; then the brand and the menu, each
    # link with a visible ring (≥ 3:1 against the bar, WCAG 1.4.11) and the page marked.
    page.keyboard.press("Tab")
    expect(focused(page)).to_have_text("Bỏ qua, đến nội dung chính")
    expect(focused(page)).to_be_visible()
    page.keyboard.press("Tab")
    expect(focused(page)).to_have_text("Thi đua - Khen thưởng")
    for label in MENU:
        page.keyboard.press("Tab")
        link = focused(page)
        expect(link).to_have_text(label)
        if label == "Tổng quan":  # the page shown
            expect(link).to_have_attribute("aria-current", "page")
        else:
            expect(link).not_to_have_attribute("aria-current", re.compile(".*"))
        style, width, colour = link.evaluate(
            "e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
        )
        assert (style, width, colour) == ("solid", "3px", FOCUS_RING), label
    assert contrast(FOCUS_RING, BAR) >= 3
    browsing.screenshot(page, "1-menu-focus")
    page.keyboard.press("Tab")
    expect(focused(page)).to_have_accessible_name(re.compile(r"^Thông báo: \d+ chưa đọc$"))
    page.keyboard.press("Tab")
    toggle = focused(page)
    expect(toggle).to_have_attribute("data-testid", "user-menu")

    # The user menu opens with Enter, arrows move in it, Escape closes it and gives the
    # focus back to its button.
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(focused(page)).to_have_text("Đổi mật khẩu")
    browsing.screenshot(page, "2-user-menu-open")
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("user-menu")).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_test_id("user-menu")).to_be_focused()

    # Back to "Chấm điểm" and into it with Enter.
    tab_until(page, "Chấm điểm", key="Shift+Tab", limit=5)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/cham-diem/$"))
    expect(page.locator("a.nav-link", has_text="Chấm điểm")).to_have_attribute("aria-current", "page")

    # The sheet: the skip link leads past the menu, Tab reaches the first item.
    page.goto(f"/cham-diem/phieu/{site.sheet_id}/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    tab_until(page, "Thực hiện tốt (100)", limit=40)
    assert focused(page).evaluate("e => e.closest('nav') === null")
    status = page.get_by_test_id("score-status")
    expect(status).to_have_attribute("role", "status")
    page.keyboard.press("Space")
    expect(status).to_have_text("Đã lưu mục I.1. Tổng tự chấm: 100 + 0 = 100 điểm.")
    page.keyboard.press("Tab")
    bonus = focused(page)
    expect(bonus).to_have_accessible_name("Điểm thưởng (0–5) (mục I.1)")
    page.keyboard.type("3")
    expect(status).to_have_text("Đã lưu mục I.1. Tổng tự chấm: 100 + 3 = 103 điểm.")
    expect(page.get_by_test_id("self-total")).to_have_text("100 + 3 = 103")

    # Too many points: said by the alert, which the field names; the field is invalid.
    page.keyboard.press("Backspace")
    page.keyboard.type("9")
    expect(bonus).to_have_attribute("aria-invalid", "true")
    expect(bonus).to_have_accessible_description("I.1: Điểm thưởng phải từ 0 đến 5.")
    expect(page.get_by_role("alert").filter(has_text="Điểm thưởng phải")).to_have_count(1)
    browsing.screenshot(page, "3-invalid-bonus")
    page.keyboard.press("Backspace")
    page.keyboard.type("2")
    expect(status).to_have_text("Đã lưu mục I.1. Tổng tự chấm: 100 + 2 = 102 điểm.")
    expect(bonus).not_to_have_attribute("aria-invalid", "true")
    expect(bonus).to_have_accessible_description("")

    # On a phone the menu is behind its button: reached and opened by keyboard too.
    phone = browsing.new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    login(phone, "canbo.thanhpho")
    tab_until(phone, "Mở menu", limit=4)
    expect(focused(phone)).to_have_attribute("aria-expanded", "false")
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("button", name="Mở menu")).to_have_attribute("aria-expanded", "true")
    expect(phone.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))  # opened, not opening
    phone.keyboard.press("Tab")
    expect(focused(phone)).to_have_text("Tổng quan")
    phone.keyboard.press("Tab")
    expect(focused(phone)).to_have_text("Đơn vị")
    browsing.screenshot(phone, "4-phone-menu")
    browsing.assert_clean_console()
