"""End-to-end journeys in a real Chromium against the live server and the demo
organisation (units.demo): log in through the form, move around by clicking, check what
each role sees, the Vietnamese labels, the layout at 1366x768 and the browser console.

Every page visited is screenshotted into test-artifacts/screenshots/.
"""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from units.demo import DEMO_PASSWORD, MERGE_DATE, MERGED_CDCS, MERGED_INTO
from units.models import Unit, User

pytestmark = pytest.mark.browser

PROVINCE = "Liên đoàn Lao động tỉnh Lai Châu"
CITY = "Liên đoàn Lao động thành phố Lai Châu"
HEALTH = "Công đoàn ngành Y tế tỉnh Lai Châu"
HOSPITAL = "CĐCS Bệnh viện Đa khoa tỉnh Lai Châu"
WATER = "CĐCS Công ty CP Nước sạch Lai Châu"
SCHOOL = "CĐCS Trường THPT Chuyên Lê Quý Đôn"
BASE_NAV = ["Tổng quan", "Đơn vị", "Khối, cụm thi đua", "Thi đua", "Chấm điểm", "Khen thưởng", "Văn bản"]
ADMIN_NAV = [*BASE_NAV, "Tài khoản", "Nhật ký"]


@dataclass(frozen=True)
class RoleCase:
    role_label: str
    admin: bool  # sees Tài khoản and Nhật ký
    manages_units: bool  # sees Thêm đơn vị
    root: str  # the top of the user's tree
    visible: str  # a unit in the user's subtree
    invisible: str | None  # a unit outside it
    open_unit: str  # the unit whose page the journey opens from the tree


PROVINCE_TREE = dict(root=PROVINCE, visible=SCHOOL, invisible=None, open_unit=HEALTH)
HEALTH_TREE = dict(root=HEALTH, visible=HOSPITAL, invisible=SCHOOL, open_unit=HOSPITAL)
ROLE_CASES = {
    "quantri": RoleCase("Quản trị hệ thống", True, True, **PROVINCE_TREE),
    "thidua.tinh": RoleCase("Cán bộ thi đua tỉnh", False, True, **PROVINCE_TREE),
    "lanhdao.tinh": RoleCase("Lãnh đạo", False, False, **PROVINCE_TREE),
    "canbo.thanhpho": RoleCase(
        "Cán bộ đơn vị", False, False, root=CITY, visible=WATER, invisible=HOSPITAL, open_unit=WATER
    ),
    "canbo.yte": RoleCase("Cán bộ đơn vị", False, False, **HEALTH_TREE),
    "chixem.yte": RoleCase("Chỉ xem", False, False, **HEALTH_TREE),
}


# --- Helpers -------------------------------------------------------------------------


def login(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real form; the caller checks where it lands."""
    if "/dang-nhap/" not in page.url:
        page.goto("/dang-nhap/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).not_to_have_url(re.compile(r"/dang-nhap/"))


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def main_nav(page: Page):
    return page.get_by_role("navigation", name="Điều hướng chính")


def nav_click(page: Page, label: str) -> None:
    main_nav(page).get_by_role("link", name=label, exact=True).click()


def tree_link(page: Page, name: str):
    """A unit's link in the tree, hidden or not (branches below depth 1 start closed)."""
    return page.get_by_test_id("unit-tree").get_by_role("link", name=name, exact=True, include_hidden=True)


def expand(page: Page, name: str) -> None:
    """Open a branch of the tree (if closed) by clicking its toggle beside the unit's link."""
    branch = (
        page.get_by_test_id("unit-tree")
        .locator("li")
        .filter(has=page.locator(":scope > a", has_text=re.compile(f"^{re.escape(name)}$")))
        .locator(":scope > details")
    )
    if branch.get_attribute("open") is None:
        branch.locator(":scope > summary").click()
    expect(branch).to_have_attribute("open", "")


def vn_date(day) -> str:
    return day.strftime("%d/%m/%Y")


# --- a. Each role: log in, home, navigation, tree, a unit page --------------------------


@pytest.mark.parametrize("username", list(ROLE_CASES))
def test_role_journey(browsing, username):
    case = ROLE_CASES[username]
    user = User.objects.get(username=username)
    page = browsing.new_page()

    page.goto("/dang-nhap/")
    browsing.check_page(page, "1-login")
    login(page, username)

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(heading(page)).to_have_text(re.compile(r"^Bảng điều khiển"))
    expect(page.get_by_test_id("user-menu")).to_contain_text(user.full_name)
    expect(main_nav(page).locator(".navbar-nav.me-auto .nav-link")).to_have_text(
        ADMIN_NAV if case.admin else BASE_NAV
    )
    expect(page.locator("main")).to_contain_text(case.root)
    expect(page.locator(".dash-figure").first).to_be_visible()
    browsing.check_page(page, "2-home")

    nav_click(page, "Đơn vị")
    expect(page).to_have_url(re.compile(r"/don-vi/$"))
    expect(heading(page)).to_have_text("Cây đơn vị")
    tree = page.get_by_test_id("unit-tree")
    # The user's own unit is the only root of the tree.
    expect(tree.locator(":scope > ul > li")).to_have_count(1)
    expect(tree.locator(":scope > ul > li > a")).to_have_text(case.root)
    expect(tree_link(page, case.visible)).to_have_count(1)
    if case.invisible:
        expect(tree_link(page, case.invisible)).to_have_count(0)
    expect(tree_link(page, PROVINCE)).to_have_count(1 if case.root == PROVINCE else 0)
    expect(page.get_by_role("link", name="Thêm đơn vị")).to_have_count(1 if case.manages_units else 0)
    browsing.check_page(page, "3-tree")

    if not tree_link(page, case.open_unit).is_visible():
        expand(page, case.root)
    tree_link(page, case.open_unit).click()
    expect(page).to_have_url(re.compile(r"/don-vi/\d+/$"))
    expect(heading(page)).to_have_text(case.open_unit)
    expect(page.get_by_role("heading", name="Lịch sử")).to_be_visible()
    browsing.check_page(page, "4-unit")

    nav_click(page, "Khối, cụm thi đua")
    expect(heading(page)).to_have_text("Khối, cụm thi đua")
    expect(page.locator("tbody tr").first).not_to_contain_text("Chưa có khối, cụm thi đua nào")
    browsing.check_page(page, "5-blocs")

    if case.admin:
        nav_click(page, "Tài khoản")
        expect(heading(page)).to_have_text("Tài khoản")
        expect(page.get_by_role("link", name="canbo.yte", exact=True)).to_be_visible()
        browsing.check_page(page, "6-accounts")
        nav_click(page, "Nhật ký")
        expect(heading(page)).to_have_text("Nhật ký hệ thống")
        expect(page.get_by_test_id("audit-table")).to_contain_text("quantri")
        browsing.check_page(page, "7-audit")
    else:
        # The links are hidden, and typing the addresses is refused too (fetched with the
        # page's cookies, so the console does not log the expected 403s).
        for path in ("/tai-khoan/", "/nhat-ky/"):
            assert page.request.get(path).status == 403, path

    # The user menu is Bootstrap's dropdown: it opens only if its script ran under the CSP.
    page.get_by_test_id("user-menu").click()
    menu = page.locator(".dropdown-menu")
    expect(menu).to_be_visible()
    expect(menu).to_contain_text(user.unit.name)
    expect(menu).to_contain_text(case.role_label)
    expect(menu.get_by_role("link", name="Đổi mật khẩu")).to_be_visible()
    menu.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/dang-nhap/$"))
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()


# --- b. Search --------------------------------------------------------------------------


def test_province_staff_searches_units_by_name(browsing):
    page = browsing.new_page()
    login(page, "thidua.tinh")
    nav_click(page, "Đơn vị")

    page.get_by_label("Tìm theo tên hoặc mã").fill("Bệnh viện")
    page.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(re.compile(r"[?&]q=B"))
    expect(page.get_by_test_id("unit-tree")).to_have_count(0)
    table = page.locator("main table")
    expect(table.locator("thead th")).to_have_text(
        ["Mã", "Tên đơn vị", "Loại", "Khối", "Cấp trên", "Tình trạng"]
    )
    expect(page.get_by_text("1 đơn vị phù hợp")).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("tbody tr td")).to_have_text(
        ["CDCS-BVDK", HOSPITAL, "Công đoàn cơ sở", "HCSN", "Công đoàn ngành Y tế", "Đang hoạt động"]
    )
    browsing.check_page(page, "1-search-name")

    # Case does not matter; the box keeps the text.
    expected = sum(
        "trường thpt" in name.lower() for name in Unit.objects.active().values_list("name", flat=True)
    )
    page.get_by_label("Tìm theo tên hoặc mã").fill("trường thpt")
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_label("Tìm theo tên hoặc mã")).to_have_value("trường thpt")
    expect(page.get_by_text(f"{expected} đơn vị phù hợp")).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(expected)
    expect(table.get_by_role("link", name=SCHOOL)).to_be_visible()
    browsing.check_page(page, "2-search-lowercase")

    page.get_by_role("link", name=SCHOOL).click()
    expect(heading(page)).to_have_text(SCHOOL)


# --- c. Create a unit ---------------------------------------------------------------------


def test_province_staff_creates_unit(browsing):
    page = browsing.new_page()
    login(page, "thidua.tinh")
    nav_click(page, "Đơn vị")
    page.get_by_role("link", name="Thêm đơn vị", exact=True).click()

    expect(heading(page)).to_have_text("Thêm đơn vị")
    browsing.check_page(page, "1-form")
    page.get_by_label("Đơn vị cấp trên").select_option(label=f"— {HEALTH} (CDN-YT)")
    page.get_by_label("Tên đơn vị").fill("CĐCS Trung tâm Y tế huyện Phong Thổ")
    page.get_by_label("Tên viết tắt").fill("TTYT Phong Thổ")
    page.get_by_label("Mã đơn vị").fill("CDCS-TTYT-PT")
    page.get_by_label("Loại đơn vị").select_option(label="Công đoàn cơ sở")
    page.get_by_label("Khối", exact=True).select_option(label="Hành chính sự nghiệp (HCSN)")
    page.get_by_role("button", name="Lưu").click()

    unit = Unit.objects.get(code="CDCS-TTYT-PT")
    expect(page).to_have_url(re.compile(rf"/don-vi/{unit.pk}/$"))
    expect(heading(page)).to_have_text("CĐCS Trung tâm Y tế huyện Phong Thổ")
    expect(page.get_by_role("status").first).to_contain_text(
        "Đã tạo đơn vị CĐCS Trung tâm Y tế huyện Phong Thổ"
    )
    expect(page.locator("main")).to_contain_text(
        "Công đoàn cơ sở · Hành chính sự nghiệp (HCSN) · Mã CDCS-TTYT-PT"
    )
    expect(page.get_by_role("navigation", name="Đường dẫn")).to_contain_text("Công đoàn ngành Y tế")
    assert unit.parent.code == "CDN-YT"
    browsing.check_page(page, "2-created")

    nav_click(page, "Đơn vị")
    expand(page, HEALTH)
    expect(tree_link(page, "CĐCS Trung tâm Y tế huyện Phong Thổ")).to_be_visible()
    browsing.check_page(page, "3-tree")


# --- d. The history of a merged unit ------------------------------------------------------


def test_merged_unit_shows_its_history(browsing):
    code, name = MERGED_INTO
    page = browsing.new_page()
    login(page, "thidua.tinh")
    nav_click(page, "Đơn vị")
    expand(page, CITY)
    tree_link(page, name).click()

    expect(heading(page)).to_have_text(name)
    expect(page.locator("main")).to_contain_text(f"Mã {code}")
    history = page.get_by_test_id("unit-history")
    merges = history.locator("tbody tr").filter(has_text="sáp nhập vào đơn vị này")
    expect(merges).to_have_count(len(MERGED_CDCS))
    for _code, source in MERGED_CDCS:
        row = merges.filter(has=page.get_by_role("link", name=source, exact=True))
        expect(row).to_have_count(1)
        expect(row.locator("td")).to_have_text([vn_date(MERGE_DATE), "Sáp nhập", re.compile(source)])
    expect(history).to_contain_text("Nghị quyết số 10/NQ-BTV")
    browsing.check_page(page, "1-merged-unit")

    # Each source is ended on the merge date and points to the unit that took it over.
    history.get_by_role("link", name=MERGED_CDCS[0][1]).click()
    expect(heading(page)).to_have_text(MERGED_CDCS[0][1])
    expect(page.get_by_role("status")).to_contain_text(
        f"Đơn vị đã ngừng hoạt động từ ngày {vn_date(MERGE_DATE)}."
    )
    expect(page.get_by_role("status").get_by_role("link", name=name)).to_be_visible()
    browsing.check_page(page, "2-merged-source")


# --- e. A new account must change its password first --------------------------------------


def test_new_account_must_change_password(browsing):
    admin = browsing.new_page()
    login(admin, "quantri")
    nav_click(admin, "Tài khoản")
    admin.get_by_role("link", name="Thêm tài khoản").click()
    expect(admin).to_have_url(re.compile(r"/tai-khoan/them/$"))
    expect(heading(admin)).to_have_text("Thêm tài khoản")
    browsing.check_page(admin, "1-account-form")

    temporary = "Tam-thoi-LaiChau-2026"
    admin.get_by_label("Tên đăng nhập").fill("thiduamoi")
    admin.get_by_label("Họ và tên").fill("Nguyễn Thị Mới")
    admin.get_by_label("Thư điện tử").fill("thiduamoi@example.vn")
    admin.get_by_label("Chức vụ").fill("Chuyên viên")
    admin.get_by_label(re.compile(r"^Đơn vị")).select_option(label=f"— {HEALTH} (CDN-YT)")
    admin.get_by_label("Vai trò").select_option(label="Cán bộ đơn vị")
    admin.get_by_label("Mật khẩu tạm thời").fill(temporary)
    admin.get_by_label("Nhập lại mật khẩu").fill(temporary)
    admin.get_by_role("button", name="Lưu").click()

    expect(heading(admin)).to_have_text("thiduamoi")
    expect(admin.get_by_role("status").first).to_contain_text("Đã tạo tài khoản thiduamoi")
    assert User.objects.get(username="thiduamoi").must_change_password
    browsing.check_page(admin, "2-account-created")

    newcomer = browsing.new_page()
    newcomer.goto("/dang-nhap/")
    login(newcomer, "thiduamoi", temporary)
    expect(newcomer).to_have_url(re.compile(r"/doi-mat-khau/$"))
    expect(heading(newcomer)).to_have_text("Đổi mật khẩu")
    expect(newcomer.get_by_role("status")).to_contain_text("hãy đặt mật khẩu mới (ít nhất 12 ký tự)")
    browsing.check_page(newcomer, "3-forced-change")

    # Nothing else opens before the password is changed, not even from the menu.
    nav_click(newcomer, "Đơn vị")
    expect(newcomer).to_have_url(re.compile(r"/doi-mat-khau/$"))

    new_password = "Mat-khau-rieng-cua-toi-2026"
    newcomer.get_by_label("Mật khẩu cũ").fill(temporary)
    newcomer.get_by_label(re.compile(r"^Mật khẩu mới")).fill(new_password)
    newcomer.get_by_label("Xác nhận mật khẩu mới").fill(new_password)
    newcomer.get_by_role("button", name="Lưu mật khẩu mới").click()

    expect(newcomer).to_have_url(re.compile(r"/$"))
    expect(heading(newcomer)).to_have_text(re.compile(r"^Bảng điều khiển"))
    expect(newcomer.get_by_role("status").first).to_contain_text("Đã đổi mật khẩu.")
    browsing.check_page(newcomer, "4-home-after-change")
    nav_click(newcomer, "Đơn vị")
    expect(heading(newcomer)).to_have_text("Cây đơn vị")
    assert not User.objects.get(username="thiduamoi").must_change_password

    # The administrator's log shows what happened.
    nav_click(admin, "Nhật ký")
    audit = admin.get_by_test_id("audit-table")
    expect(
        audit.locator("tbody tr").filter(has_text="thiduamoi").filter(has_text="Đổi mật khẩu")
    ).not_to_have_count(0)
    browsing.check_page(admin, "5-audit")


# --- f. Anonymous visitors ---------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_vietnamese_login(browsing):
    page = browsing.new_page()
    page.goto("/don-vi/")

    expect(page).to_have_url(re.compile(r"/dang-nhap/\?next=/don-vi/$"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page).to_have_title(re.compile("^Đăng nhập"))
    expect(heading(page)).to_have_text("Hệ thống thi đua - khen thưởng")
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()
    expect(page.get_by_label("Tên đăng nhập")).to_be_visible()
    expect(page.get_by_label("Mật khẩu")).to_be_visible()
    expect(main_nav(page)).to_have_count(0)
    browsing.check_page(page, "1-login")

    # A wrong password is answered in Vietnamese, and the form stays.
    page.locator("input[name=username]").fill("thidua.tinh")
    page.locator("input[name=password]").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_contain_text("mật khẩu")
    browsing.check_page(page, "2-wrong-password")

    # After logging in, the visitor lands where they were going.
    login(page, "thidua.tinh")
    expect(page).to_have_url(re.compile(r"/don-vi/$"))
    expect(heading(page)).to_have_text("Cây đơn vị")


def test_admin_creates_account_with_dotted_username(browsing):
    page = browsing.new_page()
    login(page, "quantri")
    page.goto("/tai-khoan/them/")
    page.get_by_label("Tên đăng nhập").fill("canbo.phongtho")
    page.get_by_label("Họ và tên").fill("Sùng A Dế")
    page.get_by_label(re.compile(r"^Đơn vị")).select_option(
        label="— Liên đoàn Lao động huyện Phong Thổ (LDLD-PT)"
    )
    page.get_by_label("Vai trò").select_option(label="Cán bộ đơn vị")
    page.get_by_label("Mật khẩu tạm thời").fill("Tam-thoi-PhongTho-2026")
    page.get_by_label("Nhập lại mật khẩu").fill("Tam-thoi-PhongTho-2026")
    page.get_by_role("button", name="Lưu").click()
    expect(heading(page)).to_have_text("canbo.phongtho", timeout=2_000)


def test_unit_page_links_open_for_unit_staff(browsing):
    page = browsing.new_page()
    login(page, "canbo.yte")
    nav_click(page, "Đơn vị")
    expand(page, HEALTH)
    tree_link(page, HOSPITAL).click()
    expect(heading(page)).to_have_text(HOSPITAL)
    hrefs = page.locator("main a[href^='/don-vi/']").evaluate_all("links => links.map(a => a.pathname)")
    broken = sorted({href for href in hrefs if page.request.get(href).status != 200})
    assert not broken, f"links on {page.url} that {HOSPITAL} staff cannot open: {broken}"
