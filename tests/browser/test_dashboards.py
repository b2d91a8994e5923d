"""The dashboards in a real Chromium over the whole demo (every app's demo data):
leadership's overview and a union's own board, at a desktop (1366×768) and a phone
(390×844) width, with charts drawn by the vendored Chart.js, a table beside each chart,
no sideways scrolling, and figures that drill down to the lists behind them. Screenshots
land in test-artifacts/screenshots.
"""

import re

import pytest
from playwright.sync_api import expect

from units.management.commands.seed_demo import demo_loaders

from .test_journeys import heading, login

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def full_demo(browsing):
    for name, loader in demo_loaders():
        if name != "units":  # the browsing fixture has seeded the organisation
            loader()


def _charts_drawn(page) -> int:
    """How many canvases Chart.js drew on (each has a chart bound to it)."""
    return page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-chart]')]"
        ".filter(c => window.Chart && Chart.getChart(c) && c.width > 0).length"
    )


def test_province_and_union_dashboards(browsing, full_demo):
    leader = browsing.new_page()
    leader.goto("/dang-nhap/")
    login(leader, "lanhdao.tinh")
    union = browsing.new_page()
    union.goto("/dang-nhap/")
    login(union, "canbo.thanhpho")
    for name, size in VIEWPORTS.items():
        leader.set_viewport_size(size)
        leader.goto("/?year=2024")
        expect(heading(leader)).to_have_text("Bảng điều khiển")
        expect(leader.get_by_test_id("figure-registered")).to_contain_text("10/11")
        expect(leader.get_by_test_id("figure-fund")).to_contain_text("106,5%")
        assert _charts_drawn(leader) >= 8
        for panel in leader.locator(".dash-panel:has(canvas)").all():  # a table beside every chart
            expect(panel.locator("table").first).to_be_visible()
        browsing.check_page(leader, f"province-{name}")

        union.set_viewport_size(size)
        union.goto("/?year=2024")
        expect(heading(union)).to_have_text("Bảng điều khiển của đơn vị")
        expect(union.get_by_test_id("figure-registration")).to_contain_text("Đã chấp nhận")
        expect(union.locator("[data-testid^=figure-rank-]")).to_contain_text("4/8")
        assert _charts_drawn(union) >= 3
        browsing.check_page(union, f"union-{name}")

    leader.get_by_test_id("panel-stuck").get_by_role("link", name="Xem tất cả hồ sơ nằm yên").click()
    expect(leader).to_have_url(re.compile(r"/khen-thuong/ho-so/\?.*state=stuck"))
    expect(leader.get_by_test_id("dossier-table").locator("tbody tr")).to_have_count(3)
    union.get_by_test_id("panel-own-indicators").get_by_role("link", name="Xem bảng chỉ tiêu").click()
    expect(union).to_have_url(re.compile(r"/thi-dua/chi-tieu/\?unit=\d+&period=2024-Y"))
