"""The documents an issuer put out in the year."""

import datetime

from awards.enums import DecisionState
from awards.models import Decision
from emulation.models import Campaign
from reports.blocks import block, date_text, italic_note
from reports.content import Block, Items, Text
from reports.enums import BlockKey, DocumentState
from reports.models import Document
from units.enums import DocumentKind

# --- Documents of the year ---------------------------------------------------------------------


@block(BlockKey.DOCUMENTS_ISSUED, "issuer")
def documents_issued(document) -> list[Block]:
    """Seed 000, §II.2: every document the issuer put out in the year, in date order —
    its formal documents, award decisions and campaign launches."""
    entries: list[tuple[datetime.date, str]] = []
    seen: set[str] = set()
    issued = (
        Document.objects.filter(
            issuer=document.issuer,
            year=document.year,
            state__in=[DocumentState.ISSUED, DocumentState.SUPERSEDED],
        )
        .exclude(pk=document.pk)
        .order_by("issued_on", "number")
    )
    for doc in issued:
        seen.add(doc.number_text)
        subject = " ".join(doc.subject_lines)
        entries.append(
            (
                doc.issued_on,
                f"{doc.get_kind_display()} số {doc.number_text}, ngày {date_text(doc.issued_on)}, {subject}",
            )
        )
    decisions = Decision.objects.filter(
        issuer=document.issuer, year=document.year, state=DecisionState.ISSUED
    ).order_by("signed_on", "number")
    for decision in decisions:
        if decision.number_text in seen:
            continue
        seen.add(decision.number_text)
        label = DocumentKind.DECISION.label
        entries.append(
            (
                decision.signed_on,
                f"{label} số {decision.number_text}, ngày {date_text(decision.signed_on)}, "
                f"{decision.subject}",
            )
        )
    campaigns = Campaign.objects.filter(owner=document.issuer, document_date__year=document.year).exclude(
        document_number=""
    )
    for campaign in campaigns:
        if campaign.document_number in seen:
            continue
        day = date_text(campaign.document_date)
        text = (
            f"Văn bản số {campaign.document_number}, ngày {day}, "
            f"phát động phong trào thi đua “{campaign.name}”"
        )
        entries.append((campaign.document_date, text))
    if not entries:
        return [italic_note(f"(Năm {document.year} chưa có văn bản nào được ban hành.)")]
    entries.sort(key=lambda e: e[0])
    return [Items([[Text(text.rstrip(".") + ".")] for _day, text in entries])]
