"""Blocks computed from the data, placed among a template's sections.

Each block reads what the document points at (its issuer, year, scope, grouping, period,
plan, campaign, quota event, decision or criteria table), in a fixed number of queries
whatever the amount of data, and returns paragraphs and tables of the content model.
Their words are Vietnamese whatever the reader's interface language: they are the text
of a formal document, not interface labels. Every count, total and percentage here is
computed; the seeds' hand-typed ones are exactly what this replaces.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from reports.content import Block, Para, Text
from units.formatting import document_date_text, format_number

ZERO = Decimal(0)


def count_text(n: int) -> str:
    """Administrative style for counts in sentences: "05 tập thể", "24 tập thể"."""
    return f"{n:02d}" if 0 < n < 10 else format_number(n)


def date_text(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def money(value) -> str:
    return format_number(value or 0)


def num(value, *, decimals: int | None = None) -> str:
    if value is None:
        return ""
    value = Decimal(value)
    if decimals is None:
        decimals = 0 if value == value.to_integral_value() else 2
    text = format_number(value, decimals)
    return text.rstrip("0").rstrip(",") if "," in text else text


def italic_note(text: str) -> Para:
    return Para([Text(text, italic=True)])


@dataclass(frozen=True)
class BlockSpec:
    key: str
    needs: tuple[str, ...]  # Document fields the block cannot do without
    build: Callable
    uses: tuple[str, ...] = ()  # fields it reads when chosen (a grouping instead of the subtree)


REGISTRY: dict[str, BlockSpec] = {}


def block(key: str, *needs: str, uses: tuple[str, ...] = ()):
    def register(function):
        REGISTRY[key] = BlockSpec(key, needs, function, uses)
        return function

    return register


def missing_sources(document, key: str) -> list[str]:
    """The document fields a block needs that are still empty."""
    spec = REGISTRY[key]
    return [name for name in spec.needs if not getattr(document, f"{name}_id", getattr(document, name, None))]


def build_block(document, key: str) -> list[Block]:
    """The block's paragraphs and tables; nothing while a source it needs is not chosen.
    A note such as "(chưa chọn phong trào …)" is for staff, never for the document: the
    draft page lists what to choose and issuing waits for it (`services.missing_blocks`)."""
    if missing_sources(document, key):
        return []
    return REGISTRY[key].build(document)


def scope_of(document):
    return document.scope if document.scope_id else document.issuer


def document_reference(document, *, number: str, day) -> str:
    """ "Báo cáo số 339/BC-LĐLĐ ngày 19 tháng 11 năm 2020 của LĐLĐ tỉnh Lai Châu"."""
    when = document_date_text("", day) if day else "ngày … tháng … năm …"
    issuer = document.issuer.short_name or document.issuer.name
    return f"{document.get_kind_display()} số {number} {when} của {issuer}"


# The blocks register themselves on import.
from reports.blocks import awards, documents, emulation, scoring  # noqa: E402, F401
