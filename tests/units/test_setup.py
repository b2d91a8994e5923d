import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.paths import QUOTA_CSV
from units.demo import ACCOUNTS, PROVINCE_CODE, UPPER_LEVEL, seed_demo
from units.enums import GroupingKind, Role, Sector, UnitKind
from units.formatting import format_number, format_percent
from units.models import EmulationGrouping, Unit, User

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_only_hsts_preload(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        DEBUG="0",
        SECRET_KEY="k" * 20 + "production-secret-value-0123456789-abcdef",
        ALLOWED_HOSTS="thidua.example.vn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "security.W021" in output
    assert "System check identified 1 issue" in output


def test_production_settings_refuse_to_start_without_secret_key(tmp_path):
    result = _manage("check", DEBUG="0", SECRET_KEY="", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_seed_demo_refuses_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("seed_demo")
    assert not Unit.objects.exists()


def test_seed_demo_builds_lai_chau_and_is_idempotent(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115 (closed at exit)
    counts = (Unit.objects.count(), User.objects.count(), EmulationGrouping.objects.count())
    seed_demo()
    assert (Unit.objects.count(), User.objects.count(), EmulationGrouping.objects.count()) == counts

    province = Unit.objects.get(code=PROVINCE_CODE)
    assert province.name == "Liên đoàn Lao động tỉnh Lai Châu"
    upper = Unit.objects.filter(parent=province).exclude(kind=UnitKind.OUTSIDE).order_by("id")
    assert [u.short_name for u in upper] == [short for _, _, short, _ in UPPER_LEVEL]
    grassroots = Unit.objects.filter(kind=UnitKind.GRASSROOTS, valid_to__isnull=True)
    assert 38 <= grassroots.count() <= 45
    assert {Sector.HCSN, Sector.SXKD} <= set(grassroots.values_list("sector", flat=True))
    for name in ("CĐCS Văn phòng HĐND tỉnh", "CĐCS Trường THPT Chuyên Lê Quý Đôn", "CĐCS Bến xe khách tỉnh"):
        assert grassroots.filter(name=name).exists(), name
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    assert len(ACCOUNTS) == User.objects.count()


def test_demo_upper_level_names_match_seed_003_quota_table(db, settings):
    seed_demo()
    names = [line.split(",")[1] for line in QUOTA_CSV.read_text(encoding="utf-8").splitlines()[1:]]
    assert len(names) == 11
    for name in names:
        assert (
            Unit.objects.filter(
                short_name=name,
                kind__in=[
                    UnitKind.DISTRICT,
                    UnitKind.SECTOR_UNION,
                    UnitKind.CIVIL_SERVANTS,
                ],
            ).count()
            == 1
        ), name


def test_demo_groupings_have_outside_members_and_leaders(db):
    seed_demo()
    cluster = EmulationGrouping.objects.get(year=2023, kind=GroupingKind.CLUSTER)
    assert cluster.members.count() == 7
    assert cluster.leader.code == PROVINCE_CODE
    assert cluster.members.filter(kind=UnitKind.OUTSIDE).count() == 6
    mttq = EmulationGrouping.objects.get(year=2020, kind=GroupingKind.OUTSIDE_BLOC)
    assert set(mttq.members.exclude(code=PROVINCE_CODE).values_list("kind", flat=True)) == {UnitKind.OUTSIDE}
    assert mttq.members.count() == 6
    blocs = EmulationGrouping.objects.filter(year=2023, kind=GroupingKind.BLOC)
    assert sorted(b.members.count() for b in blocs) == [3, 8]
    assert all(b.leader_id in set(b.members.values_list("id", flat=True)) for b in blocs)


def test_demo_keeps_the_merge_history_of_seed_002(db):
    seed_demo()
    into = Unit.objects.get(code="CDCS-GHEP-TP")
    assert into.predecessors.count() == 3
    assert all(u.valid_to.isoformat() == "2023-03-01" for u in into.predecessors.all())


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1117335103, 0, "1.117.335.103"),
        (27175, 0, "27.175"),
        (0, 0, "0"),
        (-1234.5, 1, "-1.234,5"),
        (2.5, 0, "3"),
        (None, 0, ""),
    ],
)
def test_format_number_vietnamese(value, decimals, text):
    assert format_number(value, decimals) == text


@pytest.mark.parametrize(
    ("value", "text"), [(90.6, "90,6%"), (119.6, "119,6%"), (120, "120%"), (33.35, "33,4%")]
)
def test_format_percent_vietnamese(value, text):
    assert format_percent(value) == text


def test_bootstrap_creates_province_and_admin_who_must_change_password(db, monkeypatch):
    monkeypatch.setenv("FIRST_PASSWORD", "Mat-khau-ban-dau-2026")
    call_command(
        "bootstrap",
        "--province-code",
        "LDLD-XX",
        "--province-name",
        "Liên đoàn Lao động tỉnh X",
        "--admin-username",
        "admin",
        "--password-env",
        "FIRST_PASSWORD",
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    admin = User.objects.get(username="admin")
    assert (admin.unit.code, admin.role, admin.must_change_password) == ("LDLD-XX", Role.ADMIN, True)
    assert admin.check_password("Mat-khau-ban-dau-2026")


def test_bootstrap_refuses_short_password_and_saves_nothing(db, monkeypatch):
    monkeypatch.setenv("FIRST_PASSWORD", "ngan")
    with pytest.raises(CommandError):
        call_command(
            "bootstrap",
            "--province-code",
            "LDLD-XX",
            "--province-name",
            "X",
            "--admin-username",
            "admin",
            "--password-env",
            "FIRST_PASSWORD",
        )
    assert not Unit.objects.exists() and not User.objects.exists()
