"""Demo scoring data: seed 000's Khối MTTQ table (2020, and again for 2022 and 2023) with
LĐLĐ Lai Châu's self-scores (2020's with the bloc leader's result recorded), and the two
internal blocs' tables for 2022–2024 with scored, appraised and ranked members.

Scores are drawn from a generator seeded by unit and year, so every run gives the same
numbers; idempotent like the rest of the demo (tables are looked up by code first).
"""

import datetime
import random
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from scoring.enums import ScoreKind, SheetState, TableStatus
from scoring.imports import parse_criteria_file, parse_scores_file
from scoring.models import CriteriaTable, ScoreSheet
from scoring.rules import DONE_WELL, NOT_WELL
from scoring.services import (
    criteria_table_import,
    item_score_set,
    scores_import,
    set_criteria_table_state,
    set_score_sheet_state,
    sheet_appraisal_record,
    sheet_open,
)
from scoring.tree import build_tree, flatten
from units.demo import BLOC_DISTRICTS, BLOC_MTTQ, BLOC_SECTORS, PROVINCE_CODE
from units.models import EmulationGrouping, Unit

DATA = Path(__file__).resolve().parent / "demo_data"
BANDS = [
    {"name": "Xuất sắc", "min_percent": 95},
    {"name": "Tốt", "min_percent": 85},
    {"name": "Khá", "min_percent": 70},
]
INTERNAL_YEARS = (2022, 2023, 2024)


def _import(path: Path, *, code: str, name: str, year: int, grouping, owner, deadlines=(None, None)):
    table = CriteriaTable.objects.filter(code=code).order_by("-version").first()
    if table is not None:
        return table, False
    table = criteria_table_import(
        rows=parse_criteria_file(path.name, path.read_bytes()),
        code=code,
        name=name,
        year=year,
        owner=owner,
        grouping=grouping,
        by=None,
        self_deadline=deadlines[0],
        appraisal_deadline=deadlines[1],
        bands=BANDS,
    )
    set_criteria_table_state(obj=table, to=TableStatus.PUBLISHED, by=None)
    return table, True


def _tru_input(node, rng: random.Random, generous: bool) -> dict:
    args = {"choice": DONE_WELL if rng.random() < (0.9 if generous else 0.75) else NOT_WELL}
    if node.criterion.bonus_max:
        args["bonus"] = Decimal(rng.choice([0, 0, 2, 3, 5]))
    return args


def _muc_input(node, rng: random.Random, generous: bool) -> dict:
    top = [o.key for o in node.rule.options[:2]]
    return {"choice": top[0] if generous and rng.random() < 0.6 else rng.choice(top)}


def _nguong_input(node, rng: random.Random, generous: bool) -> dict:
    return {"value": Decimal(rng.randint(60, 118) if node.criterion.standard >= 150 else rng.randint(18, 42))}


def _dem_input(node, rng: random.Random, generous: bool) -> dict:
    return {"value": Decimal(rng.randint(0, 4))}


def _manual_input(node, rng: random.Random, generous: bool) -> dict:
    c = node.criterion
    args = {"achieved": max(c.standard - Decimal(rng.choice([0, 0, 0, 2, 5])), Decimal(0))}
    if c.bonus_max:  # bonus-only items (seed 000's III.2.3: 0 standard, 15 bonus)
        args["bonus"] = min(Decimal(rng.choice([0, 5, 10, 15])), c.bonus_max)
    return args


# What a demo unit types for an item, by the kind of its rule (scoring.rules); manual
# points for any other.
INPUTS = {"tru": _tru_input, "muc": _muc_input, "nguong": _nguong_input, "dem": _dem_input}


def _score(sheet, leaves, kind: str, rng: random.Random, *, generous: bool) -> None:
    leader = sheet.table.grouping.leader_id == sheet.unit_id
    for node in leaves:
        if node.rule.leader_only:
            args = {"achieved": Decimal(0), "bonus": Decimal(rng.choice([6, 8, 10]) if leader else 0)}
        else:
            args = INPUTS.get(node.rule.kind, _manual_input)(node, rng, generous)
        item_score_set(sheet=sheet, criterion=node.criterion, kind=kind, by=None, **args)


# The bloc's leader scores its members; the province records the result it received. Seed
# 000 stops at the self-score: this notice and its points are the demo's own, the leader
# taking 5 off I.5.2 (tin học hóa hành chính, not done well) and 2 off I.2's bonus.
LEADER_NOTICE = ("08/TB-MTTQ", datetime.date(2021, 1, 12))
LEADER_CHANGES = {"I.5.2": (Decimal(15), Decimal(0)), "I.2": (Decimal(150), Decimal(3))}


def _record_leader_result(sheet, leader) -> None:
    path = DATA / "khoi-mttq-2020-ldld-lai-chau-tu-cham.csv"
    rows = parse_scores_file(path.name, path.read_bytes())
    for row in rows:
        row.achieved, row.bonus = LEADER_CHANGES.get(row.code, (row.achieved, row.bonus))
    number, day = LEADER_NOTICE
    sheet_appraisal_record(
        sheet=sheet,
        rows=rows,
        appraiser=leader,
        document_number=number,
        document_date=day,
        publish=True,
        source=path.name,
        by=None,
    )
    received = timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 14, 0))
    ScoreSheet.objects.filter(pk=sheet.pk).update(appraised_at=received, published_at=received)


@transaction.atomic
def seed_demo() -> str:
    province = Unit.objects.get(code=PROVINCE_CODE)
    notes = [*_seed_mttq_2020(province), *_seed_mttq_later(province), *_seed_internal_blocs(province)]
    return f"Scoring: {len(notes)} criteria tables loaded." if notes else "Scoring: already loaded."


def _leaves(table) -> list:
    return [n for n in flatten(build_tree(table.criteria.order_by("order"))) if n.is_leaf]


def _submitted_at(sheet, moment: datetime.datetime) -> None:
    ScoreSheet.objects.filter(pk=sheet.pk).update(submitted_at=timezone.make_aware(moment))


def _seed_mttq_2020(province) -> list[str]:
    """Seed 000: the province self-scores the Khối MTTQ table; 920 + 50 = 970."""
    mttq = EmulationGrouping.objects.get(year=2020, name=BLOC_MTTQ)
    table, created = _import(
        DATA / "khoi-mttq-2020-tieu-chi.csv",
        code="KHOI-MTTQ-2020",
        name="Bảng tiêu chí chấm điểm thi đua Khối MTTQ và các đoàn thể tỉnh năm 2020",
        year=2020,
        grouping=mttq,
        owner=province,
        deadlines=(datetime.date(2020, 11, 20), datetime.date(2020, 12, 10)),
    )
    if not created:
        return []
    path = DATA / "khoi-mttq-2020-ldld-lai-chau-tu-cham.csv"
    sheet = sheet_open(table=table, unit=province, by=None)
    scores_import(
        rows=parse_scores_file(path.name, path.read_bytes()), sheet=sheet, kind=ScoreKind.SELF, by=None
    )
    set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=None)
    _submitted_at(sheet, datetime.datetime(2020, 11, 19, 10, 0))  # with report 339/BC-LĐLĐ of 19/11/2020
    _record_leader_result(sheet, mttq.leader)
    return [str(table)]


def _seed_mttq_later(province) -> list[str]:
    """The same bloc in 2022 and 2023, the province's self-scores going with its annual
    reports (the 2022 one issued, the 2023 one drafted: see reports.demo)."""
    notes = []
    for year in (2022, 2023):
        table, created = _import(
            DATA / "khoi-mttq-2020-tieu-chi.csv",
            code=f"KHOI-MTTQ-{year}",
            name=f"Bảng tiêu chí chấm điểm thi đua Khối MTTQ và các đoàn thể tỉnh năm {year}",
            year=year,
            grouping=EmulationGrouping.objects.get(year=year, name=BLOC_MTTQ),
            owner=province,
            deadlines=(datetime.date(year, 11, 20), datetime.date(year, 12, 10)),
        )
        if not created:
            continue
        sheet = sheet_open(table=table, unit=province, by=None)
        _score(sheet, _leaves(table), ScoreKind.SELF, random.Random(f"MTTQ-{year}"), generous=True)  # noqa: S311
        set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=None)
        _submitted_at(sheet, datetime.datetime(year, 11, 17, 10, 0))
        notes.append(str(table))
    return notes


def _seed_internal_blocs(province) -> list[str]:
    """The province's own blocs, 2022–2024: every member self-scores and submits; 2022
    and 2023 are appraised and published, 2024 is half-way through appraisal."""
    notes = []
    for year in INTERNAL_YEARS:
        for bloc_name, code in ((BLOC_DISTRICTS, "KHOI-HUYEN"), (BLOC_SECTORS, "KHOI-NGANH")):
            grouping = EmulationGrouping.objects.get(year=year, name=bloc_name)
            table, created = _import(
                DATA / "khoi-noi-bo-tieu-chi.csv",
                code=f"{code}-{year}",
                name=f"Bảng tiêu chí chấm điểm thi đua {bloc_name} năm {year}",
                year=year,
                grouping=grouping,
                owner=province,
                deadlines=(datetime.date(year, 12, 10), datetime.date(year, 12, 25)),
            )
            if created:
                _score_bloc(table, grouping)
                notes.append(str(table))
    return notes


def _score_bloc(table, grouping) -> None:
    leaves = _leaves(table)
    members = [m.unit for m in grouping.memberships.select_related("unit")]
    for position, unit in enumerate(members):
        rng = random.Random(f"{unit.code}-{table.year}")  # noqa: S311 (repeatable demo data, not secrets)
        sheet = sheet_open(table=table, unit=unit, by=None)
        _score(sheet, leaves, ScoreKind.SELF, rng, generous=True)
        set_score_sheet_state(obj=sheet, to=SheetState.SUBMITTED, by=None)
        # Submitted in the first days of December; the last member a little late.
        day = 10 + 2 if position == len(members) - 1 else 3 + position % 6
        _submitted_at(sheet, datetime.datetime(table.year, 12, day, 9, 30))
        sheet.refresh_from_db()
        if table.year == INTERNAL_YEARS[-1] and position % 2:
            continue
        _appraise(sheet, leaves, rng, publish=table.year < INTERNAL_YEARS[-1])


def _appraise(sheet, leaves, rng: random.Random, *, publish: bool) -> None:
    """The appraiser lowers a few items where the evidence was thin, then appraises (and
    publishes, before the last year)."""
    for node in rng.sample(leaves, 2):
        if node.rule.kind == "tru":
            item_score_set(
                sheet=sheet, criterion=node.criterion, kind=ScoreKind.APPRAISED, by=None, choice=NOT_WELL
            )
    set_score_sheet_state(obj=sheet, to=SheetState.APPRAISED, by=None)
    if publish:
        set_score_sheet_state(obj=sheet, to=SheetState.PUBLISHED, by=None)
