"""The words of the documents the product prints: every shipped template drafted over the
demo data, every demo document, and the council's minutes read without a word or a pair of
words said twice in a row ("Phiên họp Phiên họp", "6 THÁNG ĐẦU NĂM NĂM 2023").

A template puts words around values (a campaign's name, a period, a session's title); a
value names itself in full, so a template never repeats the noun it already carries."""

import datetime
import re

import pytest

from emulation.enums import Period
from reports.assembly import assemble
from reports.blocks import build_block
from reports.content import Content, Heading, Items, Note, Para, Table, inline_text
from reports.default_templates import TEMPLATES
from reports.enums import BlockKey
from reports.queries import suggested_sources
from reports.services import draft_from_template, template_needs
from tests.reports.conftest import draft, template

# A word, or two words, then the same again with only white space between (case ignored).
# Punctuation breaks a repetition on purpose: "13/13 đơn vị", "Lao động giỏi, Lao động sáng
# tạo" and the cells of a table are not words said twice. No other exception is needed.
REPEAT = re.compile(r"(?<!\w)(\w+(?:\s+\w+)?)\s+\1(?!\w)", re.IGNORECASE)


def _block_texts(blocks) -> list[str]:
    texts = []
    for block in blocks:
        if isinstance(block, Heading):
            texts.append(block.text)
        elif isinstance(block, Para):
            texts.append(inline_text(block.parts, notes=False))
            texts += [inline_text(p.parts) for p in block.parts if isinstance(p, Note)]
        elif isinstance(block, Items):
            texts += [inline_text(item, notes=False) for item in block.items]
        elif isinstance(block, Table):
            texts += [cell.text for row in [*block.header, *block.rows] for cell in row]
    return texts


def document_texts(content: Content) -> list[str]:
    """Each run of words a reader reads as one: the subject's lines together."""
    texts = [content.superior_body, content.issuing_body, content.number, content.place_date, content.title]
    texts += ["\n".join(content.subject), *_block_texts(content.blocks), *content.recipients]
    texts += [content.signature.authority, content.signature.post, content.signature.name]
    for appendix in content.appendices:
        texts += [appendix.title, appendix.note, *_block_texts(appendix.blocks)]
    return [text for text in texts if text]


def repeated(texts: list[str]) -> list[str]:
    return [match.group(0) for text in texts for match in REPEAT.finditer(text)]


def test_the_check_finds_a_doubled_word_or_pair_and_nothing_else():
    assert repeated(["Phiên họp Phiên họp Hội đồng", "6 THÁNG ĐẦU NĂM NĂM 2023"]) == [
        "Phiên họp Phiên họp",
        "NĂM NĂM",
    ]
    assert repeated(["Phát động thi đua Thi đua chào mừng"]) == ["thi đua Thi đua"]
    assert repeated(["Có 13/13 đơn vị", "“Lao động giỏi, Lao động sáng tạo”", "ngày … tháng … năm …"]) == []


def test_a_campaign_is_cited_by_its_quoted_name(lai_chau, writer):
    from emulation.enums import CampaignKind
    from emulation.services import campaign_save

    campaign = campaign_save(
        campaign=None,
        owner=lai_chau,
        by=None,
        name="Lao động giỏi, Lao động sáng tạo",
        kind=CampaignKind.REGULAR,
        launched_by_outside="Tổng Liên đoàn Lao động Việt Nam",
        document_number="",
        document_date=None,
        starts_on=datetime.date(2023, 1, 1),
        ends_on=None,
        target_unit=lai_chau,
        target_grouping=None,
        theme="",
        content="",
    )
    chosen = draft("campaign-plan", lai_chau, 2023, writer, campaign=campaign)
    assert chosen.subject_lines == ["Phát động phong trào thi đua “Lao động giỏi, Lao động sáng tạo”"]
    unchosen = draft("campaign-plan", lai_chau, 2021, writer)
    assert unchosen.subject_lines == ["Phát động phong trào thi đua"]

    # The launch letter typed on the campaign is cited the same way among the year's documents.
    campaign.document_number, campaign.document_date = "12/PĐTĐ-LĐLĐ", datetime.date(2023, 1, 2)
    campaign.save(update_fields=["document_number", "document_date"])
    (items,) = build_block(draft("annual", lai_chau, 2023, writer), BlockKey.DOCUMENTS_ISSUED)
    assert [inline_text(item) for item in items.items] == [
        "Văn bản số 12/PĐTĐ-LĐLĐ, ngày 02/01/2023, phát động phong trào thi đua “Lao động giỏi, Lao "
        "động sáng tạo”."
    ]


@pytest.mark.parametrize(
    ("period", "title"),
    [
        (Period.HALF_YEAR, "SỐ LIỆU THỰC HIỆN CÁC CHỈ TIÊU THI ĐUA 6 THÁNG ĐẦU NĂM 2023"),
        (Period.YEAR, "SỐ LIỆU THỰC HIỆN CÁC CHỈ TIÊU THI ĐUA CẢ NĂM 2023"),
    ],
)
def test_the_cluster_appendix_names_the_period_of_the_year_once(cluster, lai_chau, writer, period, title):
    document = draft("midyear-cluster", lai_chau, 2023, writer, grouping=cluster, period=period)
    assert [a.title for a in assemble(document).appendices] == [title]


def test_templates_loaded_before_keep_no_doubled_words_after_migrating(db):
    """Templates loaded by an earlier version get the new shipped text; staff's edits stay."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("reports.migrations.0003_shipped_templates_without_doubled_words")
    campaign_plan, midyear = template("campaign-plan"), template("midyear-cluster")
    campaign_plan.subject = "Phát động thi đua {campaign}"
    campaign_plan.save(update_fields=["subject"])
    appendix = midyear.sections.get(appendix=True)
    appendix.heading = "Số liệu thực hiện các chỉ tiêu thi đua {period} năm {year}"
    appendix.save(update_fields=["heading"])
    edited = template("plan")
    edited.subject = "Phát động thi đua {campaign}"  # staff's own text: not a shipped one
    edited.save(update_fields=["subject"])

    migration.forwards(apps, None)

    assert template("campaign-plan").subject == "Phát động phong trào thi đua {campaign}"
    assert midyear.sections.get(appendix=True).heading == "Số liệu thực hiện các chỉ tiêu thi đua {period}"
    assert template("plan").subject == "Phát động thi đua {campaign}"


def test_every_shipped_document_reads_without_doubled_words(db):
    """Every template of reports/default_templates.py drafted for the province and for a
    district's union over the demo's years (each campaign and each period too), every
    document of the demo as it reads, and the minutes of every council session."""
    from awards.models import CouncilSession
    from emulation.models import Campaign
    from reports.models import Document
    from units.demo import PROVINCE_CODE
    from units.management.commands.seed_demo import demo_loaders
    from units.models import Unit

    for _name, loader in demo_loaders():
        loader()
    issuers = [Unit.objects.get(code=PROVINCE_CODE), Unit.objects.get(code="LDLD-TP")]
    years = sorted({2020, 2021, 2022, 2023, 2024, datetime.date.today().year})
    texts: dict[str, list[str]] = {}

    def drafted(code, issuer, year, **chosen):
        shipped = template(code)
        needs = template_needs(shipped.sections.all())
        sources = {**suggested_sources(issuer, year=year, needs=needs), **chosen}
        document, sections = draft_from_template(template=shipped, issuer=issuer, year=year, sources=sources)
        label = f"{code} {issuer.code} {year} {' '.join(str(v) for v in chosen.values())}"
        texts[label] = document_texts(assemble(document, sections))

    for spec in TEMPLATES:
        for issuer in issuers:
            for year in years:
                drafted(spec["code"], issuer, year)
    province = issuers[0]
    for campaign in Campaign.objects.all():
        drafted("campaign-plan", province, campaign.starts_on.year, campaign=campaign)
    for period in Period:
        drafted("midyear-cluster", province, 2023, period=period)
    for document in Document.objects.all():
        texts[f"document {document}"] = document_texts(assemble(document))
    for session in CouncilSession.objects.exclude(minutes=""):
        texts[f"minutes {session}"] = session.minutes.splitlines()

    assert (Document.objects.count(), CouncilSession.objects.exclude(minutes="").count()) == (8, 4)
    assert len(texts) == len(TEMPLATES) * len(issuers) * len(years) + Campaign.objects.count() + 2 + 8 + 4
    assert {label: repeated(t) for label, t in texts.items() if repeated(t)} == {}
