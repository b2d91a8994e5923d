"""The emulation reads the dashboards present: deadlines around a year, registrations and
submitted reports, the newest indicator figures, overdue plan tasks."""

import datetime
from decimal import Decimal

from emulation.enums import Aggregation, DeadlineKind, Period, RegistrationState, ReportState, TaskStatus
from emulation.models import (
    AnnualPlan,
    Deadline,
    Indicator,
    IndicatorValue,
    PlanTask,
    Registration,
    ResultReport,
)
from emulation.queries import (
    deadlines_around,
    latest_indicator_values,
    overdue_tasks,
    registrations_by_unit,
    submitted_reports,
    subtree_registrations,
)

YEAR = 2024
TODAY = datetime.date(2024, 11, 20)


def _deadline(owner, name, due, year=YEAR, kind=DeadlineKind.OTHER):
    return Deadline.objects.create(owner=owner, year=year, kind=kind, name=name, due_on=due)


def test_deadlines_around_a_year_come_from_the_unit_and_above_soonest_first(org):
    _deadline(org.province, "province", datetime.date(2024, 2, 10), kind=DeadlineKind.REGISTRATION)
    _deadline(org.a, "own", datetime.date(2024, 6, 10))
    _deadline(org.province, "next year", datetime.date(2025, 1, 15), year=2025)
    _deadline(org.province, "last year", datetime.date(2023, 12, 1), year=2023)
    _deadline(org.b, "sibling", datetime.date(2024, 3, 1))
    _deadline(org.a1, "below", datetime.date(2024, 3, 1))
    deadlines = deadlines_around(org.a, year=YEAR, today=TODAY)
    assert [d.name for d in deadlines] == ["province", "own", "next year"]
    assert deadlines[0].owner == org.province


def test_registrations_by_unit_and_in_a_subtree(org):
    for unit, state in (
        (org.a, RegistrationState.ACCEPTED),
        (org.a1, RegistrationState.DRAFT),
        (org.b, RegistrationState.SUBMITTED),
    ):
        Registration.objects.create(unit=unit, year=YEAR, state=state)
    Registration.objects.create(unit=org.a2, year=2023, state=RegistrationState.ACCEPTED)
    by_unit = registrations_by_unit([org.a.pk, org.b.pk, org.a2.pk], year=YEAR)
    assert {pk: r.state for pk, r in by_unit.items()} == {
        org.a.pk: RegistrationState.ACCEPTED,
        org.b.pk: RegistrationState.SUBMITTED,
    }
    assert sorted(r.unit.code for r in subtree_registrations(org.a, year=YEAR)) == ["A", "A1"]


def test_submitted_reports_leave_out_drafts(org):
    ResultReport.objects.create(unit=org.a, year=YEAR, period=Period.HALF_YEAR, state=ReportState.SUBMITTED)
    ResultReport.objects.create(unit=org.a, year=YEAR, period=Period.YEAR, state=ReportState.DRAFT)
    ResultReport.objects.create(unit=org.b, year=YEAR, period=Period.YEAR, state=ReportState.SUBMITTED)
    reports = submitted_reports([org.a.pk], year=YEAR)
    assert list(reports) == [(org.a.pk, Period.HALF_YEAR)]


def test_latest_indicator_values_prefer_the_year_to_the_half_year(org):
    indicator = Indicator.objects.create(name="Kết nạp", measure="người", aggregation=Aggregation.SUM)

    def value(unit, period, actual):
        IndicatorValue.objects.create(indicator=indicator, unit=unit, year=YEAR, period=period, actual=actual)

    value(org.a, Period.HALF_YEAR, 5)
    assert latest_indicator_values([org.a, org.b], year=YEAR) == (
        Period.HALF_YEAR,
        [
            {
                "indicator_id": indicator.pk,
                "unit_id": org.a.pk,
                "actual": Decimal(5),
                "planned": None,
                "period": Period.HALF_YEAR,
            }
        ],
    )
    value(org.b, Period.YEAR, 9)
    period, values = latest_indicator_values([org.a, org.b], year=YEAR)
    assert period == Period.YEAR and [(v["unit_id"], v["actual"]) for v in values] == [(org.b.pk, Decimal(9))]
    assert latest_indicator_values([org.a1], year=YEAR) == (Period.HALF_YEAR, [])


def test_overdue_tasks_are_the_owners_past_due_and_not_done(org):
    plan = AnnualPlan.objects.create(owner=org.province, year=YEAR, title="KH")
    other = AnnualPlan.objects.create(owner=org.a, year=YEAR, title="KH A")
    for number, due, status, of in (
        (3, datetime.date(2024, 5, 1), TaskStatus.NOT_STARTED, plan),
        (1, datetime.date(2024, 3, 1), TaskStatus.DOING, plan),
        (2, datetime.date(2024, 2, 1), TaskStatus.DONE, plan),
        (4, datetime.date(2024, 12, 1), TaskStatus.NOT_STARTED, plan),
        (5, datetime.date(2024, 1, 1), TaskStatus.NOT_STARTED, other),
    ):
        PlanTask.objects.create(
            plan=of, quarter=1, number=number, content=str(number), due_on=due, status=status
        )
    assert [t.number for t in overdue_tasks(org.province, year=YEAR, today=TODAY)] == [1, 3]
