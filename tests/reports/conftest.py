"""Factories of the reports tests: documents drafted from the shipped templates (loaded
after `migrate`), seed 000's table with Lai Châu's self-score, seed 002's cluster."""

import datetime
from pathlib import Path

import pytest

from reports.enums import DocumentState
from reports.models import DocumentTemplate
from reports.services import document_create, set_document_state
from scoring.enums import ScoreKind, SheetState, TableStatus
from scoring.imports import parse_criteria_file, parse_scores_file
from scoring.services import (
    criteria_table_import,
    scores_import,
    set_criteria_table_state,
    set_score_sheet_state,
    sheet_open,
)
from tests.conftest import make_user
from tests.emulation.conftest import cluster, lai_chau, lai_chau_staff  # noqa: F401 (fixtures)
from tests.scoring.conftest import CRITERIA_CSV, SELF_SCORE_CSV
from units.enums import GroupingKind, Role
from units.services import grouping_create

REFERENCE = Path(__file__).resolve().parent / "reference"
ISSUED_ON = datetime.date(2020, 11, 19)


def template(code: str) -> DocumentTemplate:
    return DocumentTemplate.objects.get(code=code)


def draft(code: str, issuer, year: int, by, **sources):
    return document_create(template=template(code), issuer=issuer, year=year, sources=sources, by=by)


def issue(document, by, day=ISSUED_ON, *, capture=None):
    """Issue; with `capture` (django_capture_on_commit_callbacks) the archive is rendered
    as the worker would once the transaction commits."""
    if capture is None:
        return set_document_state(obj=document, to=DocumentState.ISSUED, by=by, issued_on=day)
    with capture(execute=True):
        return set_document_state(obj=document, to=DocumentState.ISSUED, by=by, issued_on=day)


@pytest.fixture
def seed_table(lai_chau):  # noqa: F811 (the fixture imported above)
    """Seed 000's 2020 table of the Khối MTTQ with Lai Châu's self-score (920 + 50), as the
    demo loads it; the bloc's leader is another member, so III.8 scores 0."""
    from tests.conftest import make_unit
    from units.enums import UnitKind

    mttq = make_unit("Ủy ban MTTQ tỉnh", UnitKind.OUTSIDE, code="MTTQ-LC")
    bloc = grouping_create(
        year=2020,
        name="Khối thi đua MTTQ và các đoàn thể tỉnh",
        kind=GroupingKind.OUTSIDE_BLOC,
        owner=lai_chau,
        members=[lai_chau, mttq],
        leader=mttq,
        by=None,
    )
    table = criteria_table_import(
        rows=parse_criteria_file(CRITERIA_CSV.name, CRITERIA_CSV.read_bytes()),
        code="KHOI-MTTQ-2020",
        name="Bảng tiêu chí chấm điểm thi đua Khối MTTQ và các đoàn thể tỉnh năm 2020",
        year=2020,
        owner=lai_chau,
        grouping=bloc,
        by=None,
    )
    set_criteria_table_state(obj=table, to=TableStatus.PUBLISHED, by=None)
    sheet = sheet_open(table=table, unit=lai_chau, by=None)
    scores_import(
        rows=parse_scores_file(SELF_SCORE_CSV.name, SELF_SCORE_CSV.read_bytes()),
        sheet=sheet,
        kind=ScoreKind.SELF,
        by=None,
    )
    set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=None)
    return table


@pytest.fixture
def writer(lai_chau):  # noqa: F811
    return make_user("vanthu", lai_chau, Role.PROVINCE_STAFF)
