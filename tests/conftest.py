import io
import os
import shutil
import tempfile

import pytest
from django.test import override_settings

from units.enums import Role, Sector, UnitKind
from units.models import Unit, User
from units.services import unit_create

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "Mat-khau-thu-nghiem-2026"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Browser tests run when Chromium is installed; REQUIRE_BROWSER=1 (CI) makes a
    missing browser an error instead of leaving them out. They run last, after
    pytest-django's own ordering (hence trylast): sync Playwright leaves its event loop
    running in the test thread for the rest of the session, and Django then refuses any
    later database test as "called from an async context"."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if not browser_items or shutil.which("chromium") or os.path.exists(CHROMIUM):
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(
            f"REQUIRE_BROWSER=1 but Chromium is missing ({CHROMIUM}); apt-get install chromium"
        )
    config.hook.pytest_deselected(items=browser_items)
    items[:] = [item for item in items if not item.get_closest_marker("browser")]


@pytest.fixture(scope="session", autouse=True)
def media_root():
    """The session's media folder (uploads, archived documents), removed when it ends."""
    folder = tempfile.mkdtemp(prefix="thidua-media-")
    try:
        with override_settings(MEDIA_ROOT=folder):
            yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def make_unit(name, kind=UnitKind.GRASSROOTS, parent=None, *, code=None, sector=Sector.NONE, **kwargs):
    return unit_create(
        name=name,
        code=code or name.upper().replace(" ", "-"),
        kind=kind,
        parent=parent,
        sector=sector,
        by=None,
        **kwargs,
    )


def make_user(username, unit, role=Role.UNIT_STAFF, **kwargs):
    user = User(username=username, unit=unit, role=role, full_name=username.title(), **kwargs)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def org(db):
    """Province P with districts A and B, two CĐCS under A, one under B, one outside body."""
    province = make_unit("LĐLĐ tỉnh P", UnitKind.PROVINCE, code="P")
    district_a = make_unit("LĐLĐ huyện A", UnitKind.DISTRICT, province, code="A")
    district_b = make_unit("LĐLĐ huyện B", UnitKind.DISTRICT, province, code="B")
    a1 = make_unit("CĐCS A1", parent=district_a, code="A1", sector=Sector.HCSN)
    a2 = make_unit("CĐCS A2", parent=district_a, code="A2", sector=Sector.SXKD)
    b1 = make_unit("CĐCS B1", parent=district_b, code="B1", sector=Sector.HCSN)
    outside = make_unit("Hội Nông dân tỉnh", UnitKind.OUTSIDE, None, code="HND")
    return type(
        "Org",
        (),
        {
            "province": province,
            "a": district_a,
            "b": district_b,
            "a1": a1,
            "a2": a2,
            "b1": b1,
            "outside": outside,
        },
    )


@pytest.fixture
def alice(org):
    """Owner: unit staff of district A."""
    return make_user("alice", org.a, Role.UNIT_STAFF)


@pytest.fixture
def bob(org):
    """Read-only colleague in district A."""
    return make_user("bob", org.a, Role.VIEWER)


@pytest.fixture
def charlie(org):
    """Outsider: unit staff of the sibling district B."""
    return make_user("charlie", org.b, Role.UNIT_STAFF)


@pytest.fixture
def admin_user(org):
    return make_user("quantri", org.province, Role.ADMIN)


@pytest.fixture
def staff_user(org):
    return make_user("thidua", org.province, Role.PROVINCE_STAFF)


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def unit_count():
    return lambda: Unit.objects.count()


# --- Reading exported workbooks --------------------------------------------------------------


def workbook(response):
    """The first sheet of an XLSX download (after checking it is one)."""
    from openpyxl import load_workbook

    from units.documents import XLSX_TYPE

    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return load_workbook(io.BytesIO(response.content)).active


def sheet_rows(sheet, header_row: int = 3) -> list[list]:
    """Every row from the header down (the heading is on row 1, the header on row 3)."""
    return [list(row) for row in sheet.iter_rows(min_row=header_row, values_only=True)]


def column_formats(sheet, row: int = 4) -> list[str]:
    return [cell.number_format for cell in sheet[row]]


def bold_rows(sheet, header_row: int = 3) -> list[int]:
    """Indexes (0 = first row under the header) of the rows printed in bold."""
    return [
        i
        for i, row in enumerate(sheet.iter_rows(min_row=header_row + 1))
        if row and row[0].font is not None and row[0].font.b
    ]
