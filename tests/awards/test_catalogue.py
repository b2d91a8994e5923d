"""Prize money from the dated base salary, and event quotas whose totals are computed."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from awards.models import BaseSalary, QuotaAllocation, QuotaEvent
from awards.prizes import base_salary_on, prize_money
from tests.conftest import make_unit
from tests.paths import QUOTA_CSV
from units.enums import UnitKind

EVENT = "Hội nghị biểu dương điển hình tiên tiến trong CNVCLĐ toàn tỉnh lần thứ IV, năm 2020"


@pytest.mark.parametrize(
    ("coefficient", "base", "prize"),
    [
        (Decimal("1.0"), Decimal(2_340_000), Decimal(2_340_000)),  # already a multiple of 10.000
        (Decimal("0.3"), Decimal(2_340_000), Decimal(710_000)),  # 702.000 → 710.000
        (Decimal("1.5"), Decimal(2_530_000), Decimal(3_800_000)),  # 3.795.000 → 3.800.000
        (Decimal("0.15"), Decimal(2_530_000), Decimal(380_000)),  # 379.500 → 380.000
        (Decimal(0), Decimal(2_530_000), Decimal(0)),
    ],
)
def test_prize_money_rounds_up_to_ten_thousand(coefficient, base, prize):
    assert prize_money(coefficient, base) == prize


def test_base_salary_in_force_on_a_date(db):
    BaseSalary.objects.create(valid_from=datetime.date(2024, 7, 1), amount=2_340_000)
    BaseSalary.objects.create(valid_from=datetime.date(2026, 7, 1), amount=2_530_000)
    assert base_salary_on(datetime.date(2024, 6, 30)) is None
    assert base_salary_on(datetime.date(2024, 7, 1)) == 2_340_000
    assert base_salary_on(datetime.date(2026, 6, 30)) == 2_340_000
    assert base_salary_on(datetime.date(2026, 7, 1)) == 2_530_000


@pytest.fixture
def lai_chau(db):
    """The province and the 11 upper-level unions under seed 003's names."""
    from units.demo import UPPER_LEVEL

    province = make_unit("Liên đoàn Lao động tỉnh Lai Châu", UnitKind.PROVINCE, code="LDLD-LC")
    for code, name, short, kind in UPPER_LEVEL:
        make_unit(name, kind, province, code=code, short_name=short)
    return province


def test_import_quota_fixture_totals(lai_chau):
    out = io.StringIO()
    call_command("import_quota", str(QUOTA_CSV), "--event", EVENT, "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "event": EVENT,
        "year": 2020,
        "total": 112,
        "collectives": 30,
        "individuals": 82,
        "collectives_hcsn": 19,
        "collectives_sxkd": 11,
        "individuals_hcsn": 56,
        "individuals_sxkd": 26,
    }
    city = QuotaAllocation.objects.get(unit__code="LDLD-TP")
    assert (city.collectives, city.individuals, city.total) == (5, 12, 17)


def test_import_quota_refuses_a_row_whose_printed_total_disagrees(lai_chau, tmp_path):
    text = QUOTA_CSV.read_text(encoding="utf-8").replace(
        "1,LĐLĐ Thành phố,17,5,12", "1,LĐLĐ Thành phố,18,5,12"
    )
    path = tmp_path / "phan-bo.csv"
    path.write_text(text, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_quota", str(path), "--event", EVENT, stderr=err)
    assert "Dòng 2: Cột tong_so ghi 18 nhưng các cột chi tiết cộng lại 17." in err.getvalue()
    assert not QuotaEvent.objects.exists()
