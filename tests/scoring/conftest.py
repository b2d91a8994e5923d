"""Factories of the scoring tests: blocs built from the `org` units and the seed 000 table
(scoring/demo_data/khoi-mttq-2020-tieu-chi.csv) with LĐLĐ Lai Châu's self-score on it."""

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from scoring.enums import ScoreKind, TableStatus
from scoring.imports import parse_criteria_file, parse_scores_file
from scoring.services import criteria_table_import, scores_import, set_criteria_table_state, sheet_open
from tests.paths import CRITERIA_CSV, SELF_SCORE_CSV
from units.enums import GroupingKind
from units.services import grouping_create

MTTQ_BLOC = "Khối MTTQ và các đoàn thể tỉnh"
DISTRICT_BLOC = "Khối LĐLĐ huyện, thành phố"
TABLE_CODE = "MTTQ2020"
TABLE_NAME = "Bảng tiêu chí Khối MTTQ và các đoàn thể tỉnh năm 2020"
# Lai Châu's self-score as seed 000 totals it: 920 + 50 = 970. Section III adds up to 195
# (the seed's typed 200 is a slip of the hand).
SEED_SELF_TOTALS = {
    "standard": 950,
    "bonus_max": 50,
    "achieved": 920,
    "bonus": 50,
    "total": 970,
    "sections": [
        {"code": "I", "standard": 550, "bonus_max": 10, "achieved": 550, "bonus": 10},
        {"code": "II", "standard": 200, "bonus_max": 0, "achieved": 175, "bonus": 0},
        {"code": "III", "standard": 200, "bonus_max": 40, "achieved": 195, "bonus": 40},
    ],
}


def edited_csv(
    source: Path,
    *,
    cells: dict[str, dict[str, str]] | None = None,
    drop: set[str] = frozenset(),
    append: list[dict[str, str]] = (),
) -> bytes:
    """A copy of a fixture CSV with some cells changed ({code: {column: text}}), rows
    dropped by code, and rows added at the end."""
    reader = csv.DictReader(io.StringIO(source.read_text(encoding="utf-8")))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames, lineterminator="\n")
    writer.writeheader()
    for row in reader:
        if row["ma"] in drop:
            continue
        row.update((cells or {}).get(row["ma"], {}))
        writer.writerow(row)
    for row in append:
        writer.writerow(row)
    return out.getvalue().encode()


def write_file(directory: Path, name: str, content: bytes) -> Path:
    path = directory / name
    path.write_bytes(content)
    return path


def as_xlsx(source, directory, name: str):
    """The CSV's cells in a worksheet, numbers as numbers, the way staff keep the table."""
    workbook = Workbook()
    sheet = workbook.active
    with source.open(encoding="utf-8") as f:
        for i, row in enumerate(csv.reader(f)):
            sheet.append([cell if i == 0 or not cell.isdigit() else int(cell) for cell in row])
    path = directory / name
    workbook.save(path)
    return path


def criteria_rows(content: bytes | None = None, filename: str = "tieu-chi.csv"):
    return parse_criteria_file(filename, CRITERIA_CSV.read_bytes() if content is None else content)


def score_rows(content: bytes | None = None, filename: str = "tu-cham.csv"):
    return parse_scores_file(filename, SELF_SCORE_CSV.read_bytes() if content is None else content)


def import_table(*, owner, grouping=None, code=TABLE_CODE, publish=True, by=None, **kwargs):
    """The seed table saved through the service (version 1, or the next version)."""
    table = criteria_table_import(
        rows=criteria_rows(),
        code=code,
        name=TABLE_NAME,
        year=2020,
        owner=owner,
        grouping=grouping,
        by=by,
        **kwargs,
    )
    if publish:
        set_criteria_table_state(obj=table, to=TableStatus.PUBLISHED, by=None)
    return table


def import_scores(table, unit, *, content: bytes | None = None, kind=ScoreKind.SELF, by=None):
    """The unit's sheet on `table` with the Lai Châu self-score (or `content`) on it."""
    sheet = sheet_open(table=table, unit=unit, by=None)
    scores_import(rows=score_rows(content), sheet=sheet, kind=kind, by=by)
    return sheet


@pytest.fixture
def mttq_bloc(org):
    """Seed 000's outside bloc: the province is one member among the outside bodies."""
    return grouping_create(
        year=2020,
        name=MTTQ_BLOC,
        kind=GroupingKind.OUTSIDE_BLOC,
        owner=org.province,
        members=[org.province, org.outside],
        leader=org.outside,
        by=None,
    )


@pytest.fixture
def district_bloc(org):
    """An internal bloc of districts A and B, A leading."""
    return grouping_create(
        year=2020,
        name=DISTRICT_BLOC,
        kind=GroupingKind.BLOC,
        owner=org.province,
        members=[org.a, org.b],
        leader=org.a,
        by=None,
    )


@pytest.fixture
def mttq_table(org, mttq_bloc):
    return import_table(owner=org.province, grouping=mttq_bloc)


@pytest.fixture
def bloc_table(org, district_bloc):
    return import_table(owner=org.province, grouping=district_bloc, code="KHOIHUYEN2020")
