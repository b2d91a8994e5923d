"""A document's content: its header, its sections in order with the computed blocks
filled in from the data, its closing and its appendices.

Drafts are assembled from the data as it is now; an issued document from what was
frozen when it was issued. Assembly always speaks Vietnamese, whatever language the
person reading the page uses: it is the text of an administrative document.
"""

import hashlib
import json

from django.utils import translation

from reports.blocks import build_block, document_reference
from reports.content import Appendix, Block, Content, Heading, Signature, prose_blocks
from reports.enums import SectionKind
from units.enums import DocumentKind
from units.formatting import document_date_text, document_number_text


def _number_and_date(document):
    """A decision's document carries the decision's number and signing date."""
    decision = document.decision if document.decision_id else None
    if document.number is None and decision is not None and decision.number:
        return document_number_text(
            decision.number, DocumentKind.DECISION, decision.symbol
        ), decision.signed_on
    return document.number_text, document.issued_on


def section_blocks(document, section) -> list[Block]:
    blocks: list[Block] = []
    if section.heading and not section.appendix:
        # Part titles are upper case by convention (PHẦN I; BAN THƯỜNG VỤ LIÊN ĐOÀN …).
        text = section.heading.upper() if section.level == 0 else section.heading
        blocks.append(Heading(text, section.level))
    if section.kind == SectionKind.PROSE:
        blocks += prose_blocks(section.text)
    elif section.kind == SectionKind.BLOCK:
        blocks += build_block(document, section.block)
    return blocks


def assemble(document, sections=None) -> Content:
    """The content of `document` (saved or not; `sections` for an unsaved one)."""
    if document.frozen:
        return Content.from_data(document.frozen)
    with translation.override("vi"):
        number, day = _number_and_date(document)
        reference = f"(Kèm theo {document_reference(document, number=number, day=day)})"
        body: list[Block] = []
        appendices: list[Appendix] = []
        for section in sections if sections is not None else document.sections.all():
            blocks = section_blocks(document, section)
            if section.appendix:
                title = section.heading or str(DocumentKind(document.kind).label)
                appendices.append(Appendix(title.upper(), reference, blocks, landscape=section.landscape))
            else:
                body += blocks
        letter = document.kind == DocumentKind.LETTER
        subject = document.subject_lines
        if letter:
            subject = [line if line.lower().startswith("v/v") else f"V/v {line}" for line in subject]
        return Content(
            superior_body=document.superior_body.upper(),
            issuing_body=document.issuing_body.upper(),
            number=number,
            place_date=document_date_text(document.place, day, year=document.year),
            title="" if letter else str(DocumentKind(document.kind).label).upper(),
            subject=subject,
            blocks=body,
            recipients=document.recipient_lines,
            signature=Signature(document.signing_authority, document.signer_post, document.signer_name),
            appendices=appendices,
            draft=document.is_draft,
            letter=letter,
        )


def content_hash(content: Content) -> str:
    """Identifies a version of the content, to tell a fresh preview file from a stale one."""
    data = json.dumps(content.to_data(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()
