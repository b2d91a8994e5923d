"""Demo documents, drafted from the templates and the demo data of the other apps:

- the 2022 annual report, issued with its PDF and DOCX archived; the 2023 one left as a
  draft (so `make_report annual --year 2023 --unit LDLD-LC` has a full document to print);
- the 2023 plan (seed 001, 403/KH-LĐLĐ) and the cluster's mid-year report (seed 002,
  733/BC-CTĐ), both issued; the exemplar-conference plan of 2020 (seed 003, 154/KH-LĐLĐ);
- the Tờ trình of 2024 proposing the Tổng Liên đoàn's awards, issued;
- a campaign launch plan (seed 004) and the document of the latest award decision, drafts.

Numbers continue each body's counter from where the seeds' numbers say it stood.
"""

import datetime
from pathlib import Path

from django.db import transaction

from awards.enums import DecisionState
from awards.models import Decision, QuotaEvent
from emulation.enums import Period
from emulation.models import AnnualPlan, Campaign
from reports.content import text_to_prose
from reports.enums import DocumentState, RenderState
from reports.models import Document, DocumentTemplate, Rendering
from reports.services import document_create, document_section_update, rendering_run, set_document_state
from scoring.models import CriteriaTable
from units.demo import CLUSTER_7, PROVINCE_CODE
from units.models import DocumentCounter, EmulationGrouping, Unit, User

# Narrative the province's staff wrote (seed 000's tone, each year's events).
DATA = Path(__file__).resolve().parent / "demo_data"


def _staff() -> User:
    return User.objects.get(username="thidua.tinh")


def _counter(issuer: Unit, year: int, kind: str, symbol: str, last: int) -> None:
    """Numbers continue from where the seeds show the counter stood that year."""
    counter, _created = DocumentCounter.objects.get_or_create(
        issuer=issuer, year=year, kind=kind, symbol=symbol
    )
    if counter.last_number < last:
        counter.last_number = last
        counter.save(update_fields=["last_number"])


def _draft(code: str, year: int, sources: dict, *, prose: dict[str, str] | None = None) -> Document:
    staff = _staff()
    template = DocumentTemplate.objects.get(code=code)
    document = document_create(template=template, issuer=staff.unit, year=year, sources=sources, by=staff)
    for section in document.sections.all():
        if prose and section.heading in prose:
            document_section_update(section=section, text=text_to_prose(prose[section.heading]), by=staff)
    return document


def _issue(document: Document, day: datetime.date) -> Document:
    set_document_state(obj=document, to=DocumentState.ISSUED, by=_staff(), issued_on=day)
    # The demo runs without the worker: the archive is made here, and the queued tasks
    # find it done if a worker picks them up later.
    for rendering in Rendering.objects.filter(document=document, archived=True, state=RenderState.QUEUED):
        rendering_run(rendering_id=rendering.pk)
    return document


@transaction.atomic
def seed_demo() -> str:
    if Document.objects.exists():
        return "Reports: already loaded."
    province = Unit.objects.get(code=PROVINCE_CODE)

    def mttq_table(year):
        return CriteriaTable.objects.filter(code=f"KHOI-MTTQ-{year}").order_by("-version").first()

    _counter(province, 2022, "BC", "LĐLĐ", 341)

    def favourable(year):
        return {"1. Thuận lợi": (DATA / f"thuan-loi-{year}.txt").read_text()}

    annual_2022 = _draft("annual", 2022, {"criteria_table": mttq_table(2022)}, prose=favourable(2022))
    _issue(annual_2022, datetime.date(2022, 11, 18))
    _draft("annual", 2023, {"criteria_table": mttq_table(2023)}, prose=favourable(2023))

    _counter(province, 2023, "KH", "LĐLĐ", 402)
    plan = _draft("plan", 2023, {"plan": AnnualPlan.objects.get(owner=province, year=2023)})
    _issue(plan, datetime.date(2023, 1, 11))

    cluster = EmulationGrouping.objects.get(year=2023, name=CLUSTER_7)
    _counter(province, 2023, "BC", "CTĐ", 732)
    midyear = _draft("midyear-cluster", 2023, {"grouping": cluster, "period": Period.HALF_YEAR})
    _issue(midyear, datetime.date(2023, 7, 24))

    event = QuotaEvent.objects.filter(year=2020).first()
    if event is not None:
        _counter(province, 2020, "KH", "LĐLĐ", 153)
        _issue(_draft("exemplar-plan", 2020, {"quota_event": event}), datetime.date(2020, 3, 16))

    # The proposal to the Tổng Liên đoàn after the council of 15/11/2024 (awards demo).
    _issue(_draft("submission", 2024, {}), datetime.date(2024, 11, 18))

    campaign = Campaign.objects.filter(owner=province).exclude(theme="").first()
    if campaign is not None:
        _draft("campaign-plan", campaign.starts_on.year, {"campaign": campaign})
    decision = (
        Decision.objects.filter(issuer=province, state=DecisionState.ISSUED).order_by("-signed_on").first()
    )
    if decision is not None:
        _draft("award-decision", decision.year, {"decision": decision})
    issued = Document.objects.filter(state=DocumentState.ISSUED).count()
    return f"Reports: {Document.objects.count()} documents ({issued} issued)."
