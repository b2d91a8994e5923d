"""Factories of the emulation tests: seed 001's 2023 deadlines on the `org` province, a
frozen clock, registrations in a given state, and seed 002's cluster of 7 provinces with
its mid-year figures (emulation/demo_data/cum-7-tinh-2023-6-thang-chi-tieu.csv)."""

import datetime
import re
from contextlib import contextmanager
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.utils import timezone

from emulation.enums import DeadlineKind, EmulationTitle, Period, RegistrationState
from emulation.indicators import figures_import, parse_figures
from emulation.models import Registration
from emulation.services import deadline_save, registration_save
from tests.conftest import make_unit, make_user
from tests.paths import CLUSTER_CSV
from units.enums import GroupingKind, Role, UnitKind
from units.models import Unit
from units.services import grouping_create

CLUSTER_NAME = "Cụm thi đua LĐLĐ 7 tỉnh biên giới phía Bắc"
INITIATIVES = "Sáng kiến tham gia Chương trình 01 triệu sáng kiến (giai đoạn 2)"
NEW_MEMBERS = "Kết nạp đoàn viên mới"
# units/demo.py's cluster members outside the province's tree.
OUTSIDE_CLUSTER = [
    ("LDLD-LAOCAI", "Liên đoàn Lao động tỉnh Lào Cai", "LĐLĐ tỉnh Lào Cai"),
    ("LDLD-HAGIANG", "Liên đoàn Lao động tỉnh Hà Giang", "LĐLĐ tỉnh Hà Giang"),
    ("LDLD-DIENBIEN", "Liên đoàn Lao động tỉnh Điện Biên", "LĐLĐ tỉnh Điện Biên"),
    ("LDLD-CAOBANG", "Liên đoàn Lao động tỉnh Cao Bằng", "LĐLĐ tỉnh Cao Bằng"),
    ("LDLD-LANGSON", "Liên đoàn Lao động tỉnh Lạng Sơn", "LĐLĐ tỉnh Lạng Sơn"),
    ("LDLD-SONLA", "Liên đoàn Lao động tỉnh Sơn La", "LĐLĐ tỉnh Sơn La"),
]

# Seed 001 (2023): registration by 10/02, mid-year report by 10/06, annual by 10/12; the
# registration locks 20 days after its deadline as emulation/demo.py sets it.
REGISTRATION_DUE = datetime.date(2023, 2, 10)
REGISTRATION_LOCK = datetime.date(2023, 3, 2)
MIDYEAR_DUE = datetime.date(2023, 6, 10)
ANNUAL_DUE = datetime.date(2023, 12, 10)


def at(year, month, day, hour=9, minute=0) -> datetime.datetime:
    """A moment in the project's time zone (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


@contextmanager
def frozen(moment: datetime.datetime):
    """The clock stopped at `moment`: only django.utils.timezone.now is replaced."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


@pytest.fixture
def deadlines(org):
    return {
        kind: deadline_save(
            owner=org.province, year=2023, kind=kind, name=name, due_on=due, lock_on=lock, by=None
        )
        for kind, name, due, lock in (
            (DeadlineKind.REGISTRATION, "Đăng ký thi đua 2023", REGISTRATION_DUE, REGISTRATION_LOCK),
            (DeadlineKind.MIDYEAR, "Báo cáo sơ kết 6 tháng 2023", MIDYEAR_DUE, None),
            (DeadlineKind.ANNUAL, "Báo cáo tổng kết năm 2023", ANNUAL_DUE, None),
        )
    }


def make_registration(unit, *, state=RegistrationState.DRAFT, year=2023, submitted_at=None, titles=None):
    """A registration written by the service, moved to `state` directly (the transitions
    have their own tests)."""
    registration = registration_save(
        unit=unit,
        year=year,
        by=None,
        titles=titles or {EmulationTitle.COLLECTIVE_EXCELLENT: 1, EmulationTitle.ADVANCED_WORKER: 12},
    )
    if state != RegistrationState.DRAFT:
        Registration.objects.filter(pk=registration.pk).update(
            state=state, submitted_at=submitted_at or at(2023, 2, 1)
        )
        registration.refresh_from_db()
    return registration


def bulk_units(parent: Unit, count: int, kind=UnitKind.DISTRICT, prefix="LĐLĐ huyện số") -> list[Unit]:
    """Many units under `parent`, written in bulk (paths set in a second pass) as
    tests/units/test_services.py does."""
    units = Unit.objects.bulk_create(
        Unit(name=f"{prefix} {i}", code=f"{parent.code}-X{i}", kind=kind, parent=parent) for i in range(count)
    )
    for unit in units:
        unit.path = f"{parent.path}{unit.pk}/"
        unit.depth = parent.depth + 1
        unit.search_text = unit.build_search_text()
    Unit.objects.bulk_update(units, ["path", "depth", "search_text"])
    return units


@pytest.fixture
def lai_chau(db):
    return make_unit(
        "Liên đoàn Lao động tỉnh Lai Châu", UnitKind.PROVINCE, code="LDLD-LC", short_name="LĐLĐ tỉnh Lai Châu"
    )


@pytest.fixture
def cluster(lai_chau):
    """Seed 002's cluster for 2023, Lai Châu leading, members ordered as units/demo.py."""
    others = [make_unit(n, UnitKind.OUTSIDE, code=c, short_name=s) for c, n, s in OUTSIDE_CLUSTER]
    return grouping_create(
        year=2023,
        name=CLUSTER_NAME,
        kind=GroupingKind.CLUSTER,
        owner=lai_chau,
        members=[lai_chau, *others],
        leader=lai_chau,
        by=None,
    )


@pytest.fixture
def lai_chau_staff(lai_chau):
    return make_user("thidua.laichau", lai_chau, Role.PROVINCE_STAFF)


def cluster_members(grouping) -> list[Unit]:
    return [m.unit for m in grouping.memberships.select_related("unit")]


def import_cluster_figures(grouping, content: bytes | None = None, name: str = CLUSTER_CSV.name) -> int:
    content = CLUSTER_CSV.read_bytes() if content is None else content
    rows = parse_figures(name, content, units=cluster_members(grouping))
    return figures_import(rows=rows, year=2023, period=Period.HALF_YEAR, by=None, source=name)


def cluster_csv(replace: dict[int, str] | None = None, append: list[str] = ()) -> bytes:
    """The fixture's lines with some replaced (1-based line numbers, header is line 1) and
    some added at the end."""
    lines = CLUSTER_CSV.read_text(encoding="utf-8").splitlines()
    for number, text in (replace or {}).items():
        lines[number - 1] = text
    return ("\n".join([*lines, *append]) + "\n").encode()


# --- Reading rendered pages ------------------------------------------------------------------


class _Tables(HTMLParser):
    def __init__(self, testid):
        super().__init__()
        self.testid, self.depth, self.rows, self.cell = testid, 0, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and (self.depth or attrs.get("data-testid") == self.testid):
            self.depth += 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag in {"td", "th"}:
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        elif self.depth and tag in {"td", "th"} and self.cell is not None:
            self.rows[-1].append(re.sub(r"\s+", " ", " ".join(self.cell)).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table_rows(response, testid: str) -> list[list[str]]:
    """The text of each cell of the table marked data-testid=`testid`, row by row."""
    parser = _Tables(testid)
    parser.feed(response.content.decode())
    return parser.rows
