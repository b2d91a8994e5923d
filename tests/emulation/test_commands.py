import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from emulation.enums import Period
from emulation.models import Indicator, IndicatorValue
from tests.emulation.conftest import (
    CLUSTER_CSV,
    CLUSTER_NAME,
    INITIATIVES,
    NEW_MEMBERS,
    cluster_csv,
    import_cluster_figures,
)


def _run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _totals_json() -> list[dict]:
    out, _err = _run("indicator_totals", "--grouping", CLUSTER_NAME, "--period", "2023-H1", "--json")
    return json.loads(out)


def test_import_indicators_saves_the_cluster_figures(cluster):
    out, err = _run("import_indicators", str(CLUSTER_CSV), "--grouping", CLUSTER_NAME, "--period", "2023-H1")
    assert out == f"35 figures saved for {CLUSTER_NAME} (2023-H1).\n"
    assert err == ""
    assert IndicatorValue.objects.filter(year=2023, period=Period.HALF_YEAR).count() == 35


def test_indicator_totals_json_gives_seed_figures_corrected(cluster):
    import_cluster_figures(cluster)
    blocks = {b["indicator"]: b for b in _totals_json()}
    assert blocks[INITIATIVES] == {
        "indicator": INITIATIVES,
        "measure": "sáng kiến",
        "total": 27175,
        "plan_total": None,
        "percent": None,
        "members": [
            {"unit": "LĐLĐ tỉnh Lai Châu", "code": "LDLD-LC", "actual": 2751, "plan": 2300, "percent": 120},
            {
                "unit": "LĐLĐ tỉnh Lào Cai",
                "code": "LDLD-LAOCAI",
                "actual": 9103,
                "plan": 4500,
                "percent": 202,
            },
            {
                "unit": "LĐLĐ tỉnh Hà Giang",
                "code": "LDLD-HAGIANG",
                "actual": 4261,
                "plan": 4000,
                "percent": 107,
            },
            {
                "unit": "LĐLĐ tỉnh Điện Biên",
                "code": "LDLD-DIENBIEN",
                "actual": 1302,
                "plan": 1000,
                "percent": 130,
            },
            {
                "unit": "LĐLĐ tỉnh Cao Bằng",
                "code": "LDLD-CAOBANG",
                "actual": 4019,
                "plan": 2700,
                "percent": 149,
            },
            {
                "unit": "LĐLĐ tỉnh Lạng Sơn",
                "code": "LDLD-LANGSON",
                "actual": 3297,
                "plan": 2100,
                "percent": 157,
            },
            {"unit": "LĐLĐ tỉnh Sơn La", "code": "LDLD-SONLA", "actual": 2442, "plan": None, "percent": None},
        ],
    }
    assert blocks[NEW_MEMBERS]["total"] == 3735
    assert [b["indicator"] for b in _totals_json()] == list(blocks)
    assert len(blocks) == 5


def test_indicator_totals_text_prints_vietnamese_numbers(cluster):
    import_cluster_figures(cluster)
    out, _err = _run("indicator_totals", "--grouping", CLUSTER_NAME, "--period", "2023-H1")
    lines = out.splitlines()
    assert lines[:9] == [
        f"{INITIATIVES}: 27.175 sáng kiến",
        "  LĐLĐ tỉnh Lai Châu: 2.751/2.300 (120%)",
        "  LĐLĐ tỉnh Lào Cai: 9.103/4.500 (202%)",
        "  LĐLĐ tỉnh Hà Giang: 4.261/4.000 (107%)",
        "  LĐLĐ tỉnh Điện Biên: 1.302/1.000 (130%)",
        "  LĐLĐ tỉnh Cao Bằng: 4.019/2.700 (149%)",
        "  LĐLĐ tỉnh Lạng Sơn: 3.297/2.100 (157%)",
        "  LĐLĐ tỉnh Sơn La: 2.442",
        "Thành lập mới CĐCS ngoài nhà nước: 32 CĐCS",
    ]
    assert f"{NEW_MEMBERS}: 3.735 đoàn viên" in lines


@pytest.mark.parametrize(
    ("replace", "append", "bad_rows"),
    [
        (
            {3: "Quảng Ninh,Kết nạp đoàn viên mới,đoàn viên,290,"},
            [],
            "Dòng 3: “Quảng Ninh” không phải là đơn vị thành viên.\n",
        ),
        (
            {4: f"Lạng Sơn,{INITIATIVES},sáng kiến,3297x,2100"},
            [],
            "Dòng 4: Thực hiện “3297x” không phải là số.\n",
        ),
        ({}, ["Sơn La,Kết nạp đoàn viên mới,đoàn viên,431,"], "Dòng 37: Trùng với dòng 22.\n"),
    ],
    ids=["unknown-province", "not-a-number", "duplicate-row"],
)
def test_import_indicators_with_one_bad_row_saves_nothing(cluster, tmp_path, replace, append, bad_rows):
    path = tmp_path / "sai.csv"
    path.write_bytes(cluster_csv(replace, append))
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "import_indicators", str(path), "--grouping", CLUSTER_NAME, "--period", "2023-H1", stderr=err
        )
    assert str(error.value) == "Refused: 1 bad row(s); nothing was saved."
    assert err.getvalue() == bad_rows
    assert (Indicator.objects.count(), IndicatorValue.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--grouping", "Cụm không có", "--period", "2023-H1"],
            "No bloc or cluster named 'Cụm không có' in 2023.",
        ),
        (
            ["--grouping", CLUSTER_NAME, "--period", "2022-H1"],
            f"No bloc or cluster named '{CLUSTER_NAME}' in 2022.",
        ),
        (
            ["--grouping", CLUSTER_NAME, "--period", "2023-Q3"],
            "Kỳ “2023-Q3” không hợp lệ: dùng dạng 2023-H1 (6 tháng) hoặc 2023 (cả năm).",
        ),
    ],
    ids=["unknown-grouping", "other-year", "bad-period"],
)
def test_commands_refuse_unknown_grouping_or_period(cluster, args, message):
    for command in (["import_indicators", str(CLUSTER_CSV)], ["indicator_totals"]):
        with pytest.raises(CommandError) as error:
            _run(*command, *args)
        assert str(error.value) == message
    assert IndicatorValue.objects.count() == 0


def test_import_indicators_refuses_a_missing_file(cluster, tmp_path):
    missing = tmp_path / "khong-co.csv"
    with pytest.raises(CommandError) as error:
        _run("import_indicators", str(missing), "--grouping", CLUSTER_NAME, "--period", "2023-H1")
    assert str(error.value) == f"No such file: {missing}"
