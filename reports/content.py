"""The content of a formal document, independent of its file format.

One model, two renderers (`reports.render_pdf`, `reports.render_docx`): a document is
assembled once from its sections and the app's data into these plain dataclasses, and
both renderers walk the same tree. Issued documents freeze this tree as JSON
(`to_data` / `from_data`), so their archived files can be rendered again from exactly
what was issued, whatever the data says later.
"""

import re
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser

import nh3
from django.utils.html import escape

# --- Inline text --------------------------------------------------------------------------


@dataclass
class Text:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Note:
    """A footnote call; its text goes to the foot of the page (seed 002's member figures)."""

    parts: list[Text]


Inline = Text | Note

# --- Blocks -------------------------------------------------------------------------------


@dataclass
class Heading:
    """Level 0: a centred part title (PHẦN I); 1: "I. ĐẶC ĐIỂM TÌNH HÌNH"; 2: "1. Thuận
    lợi"; 3: "4.1. …" in bold italic."""

    text: str
    level: int = 1


@dataclass
class Para:
    parts: list[Inline]
    align: str = "justify"  # justify | center | left | right
    indent: bool = True  # first-line indent of body paragraphs


@dataclass
class Items:
    """A list: dashes as the seeds write them ("- Kế hoạch số 142/KH-LĐLĐ…"), or numbers."""

    items: list[list[Inline]]
    ordered: bool = False


@dataclass
class Cell:
    text: str = ""
    bold: bool = False
    italic: bool = False
    align: str = "left"  # left | center | right
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Table:
    """Column widths are relative weights; header rows repeat on every page."""

    widths: list[float]
    header: list[list[Cell]]
    rows: list[list[Cell]]
    font_size: float = 12
    keep: list[int] = field(default_factory=list)  # rows that head a group: never last on a page


Block = Heading | Para | Items | Table


@dataclass
class Signature:
    authority: str = ""  # TM. BAN THƯỜNG VỤ / KT. CHỦ TỊCH / Q. / TL.
    post: str = ""  # PHÓ CHỦ TỊCH
    name: str = ""


@dataclass
class Appendix:
    title: str
    note: str  # (Kèm theo Báo cáo số 339/BC-LĐLĐ ngày 19 tháng 11 năm 2020 của …)
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False


@dataclass
class Content:
    superior_body: str
    issuing_body: str
    number: str  # "339/BC-LĐLĐ"
    place_date: str  # "Lai Châu, ngày 19 tháng 11 năm 2020"
    title: str  # "BÁO CÁO"; empty for a công văn
    subject: list[str]  # lines under the title (or "V/v …" under the number of a công văn)
    blocks: list[Block]
    recipients: list[str]
    signature: Signature
    appendices: list[Appendix] = field(default_factory=list)
    draft: bool = False
    letter: bool = False  # a công văn: no title, the subject goes under the number

    # --- Serialisation (issued documents keep their content) ---------------------------

    def to_data(self) -> dict:
        data = asdict(self)
        data["blocks"] = [_block_data(b) for b in self.blocks]
        data["appendices"] = [
            {**asdict(a), "blocks": [_block_data(b) for b in a.blocks]} for a in self.appendices
        ]
        return data

    @classmethod
    def from_data(cls, data: dict) -> "Content":
        values = dict(data)
        values["blocks"] = [_block_from(b) for b in data["blocks"]]
        values["signature"] = Signature(**data["signature"])
        values["appendices"] = [
            Appendix(**{**a, "blocks": [_block_from(b) for b in a["blocks"]]}) for a in data["appendices"]
        ]
        return cls(**values)

    def plain_text(self) -> str:
        """Every word of the document, in reading order (tests and search)."""
        lines = [
            self.superior_body,
            self.issuing_body,
            self.number,
            self.place_date,
            self.title,
            *self.subject,
        ]
        lines += [block_text(block) for block in self.blocks]
        lines += self.recipients
        lines += [self.signature.authority, self.signature.post, self.signature.name]
        for appendix in self.appendices:
            lines += [appendix.title, appendix.note, *(block_text(b) for b in appendix.blocks)]
        return "\n".join(line for line in lines if line)


def _inline_data(part: Inline) -> dict:
    if isinstance(part, Note):
        return {"note": [asdict(t) for t in part.parts]}
    return asdict(part)


def _inline_from(data: dict) -> Inline:
    if "note" in data:
        return Note([Text(**t) for t in data["note"]])
    return Text(**data)


def _block_data(block: Block) -> dict:
    if isinstance(block, Heading):
        return {"type": "heading", **asdict(block)}
    if isinstance(block, Para):
        parts = [_inline_data(p) for p in block.parts]
        return {"type": "para", "parts": parts, "align": block.align, "indent": block.indent}
    if isinstance(block, Items):
        items = [[_inline_data(p) for p in item] for item in block.items]
        return {"type": "items", "items": items, "ordered": block.ordered}
    return {"type": "table", **asdict(block)}


def _block_from(data: dict) -> Block:
    kind = data["type"]
    values = {k: v for k, v in data.items() if k != "type"}
    if kind == "heading":
        return Heading(**values)
    if kind == "para":
        return Para(**{**values, "parts": [_inline_from(p) for p in values["parts"]]})
    if kind == "items":
        return Items(**{**values, "items": [[_inline_from(p) for p in item] for item in values["items"]]})
    return Table(
        widths=values["widths"],
        header=[[Cell(**c) for c in row] for row in values["header"]],
        rows=[[Cell(**c) for c in row] for row in values["rows"]],
        font_size=values["font_size"],
        keep=values.get("keep", []),
    )


def inline_text(parts: list[Inline], *, notes: bool = True) -> str:
    out = []
    for part in parts:
        if isinstance(part, Note):
            if notes:
                out.append(" [" + "".join(t.text for t in part.parts) + "]")
        else:
            out.append(part.text)
    return "".join(out)


def block_text(block: Block) -> str:
    if isinstance(block, Heading):
        return block.text
    if isinstance(block, Para):
        return inline_text(block.parts)
    if isinstance(block, Items):
        return "\n".join("- " + inline_text(item) for item in block.items)
    return "\n".join(" | ".join(c.text for c in row) for row in [*block.header, *block.rows])


# --- Prose written by staff ----------------------------------------------------------------

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li"}


def sanitise_prose(html: str) -> str:
    """Staff write narrative sections in an editor limited to paragraphs, bold, italic and
    lists. Whatever reaches the server is cleaned to exactly that: no attributes, no
    links, no styles, no scripts."""
    cleaned = nh3.clean(html or "", tags=ALLOWED_TAGS, attributes={}, link_rel=None, strip_comments=True)
    return cleaned.strip()


class _ProseParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.parts: list[Inline] = []
        self.bold = 0
        self.italic = 0
        self.lists: list[Items] = []
        self.item: list[Inline] | None = None

    def _flush(self) -> None:
        parts = _trim(self.parts)
        self.parts = []
        if parts:
            self.blocks.append(Para(parts))

    def handle_starttag(self, tag, attrs):
        if tag in {"strong", "b"}:
            self.bold += 1
        elif tag in {"em", "i"}:
            self.italic += 1
        elif tag == "p":
            self._flush()
        elif tag == "br":
            if self.item is not None:
                self.item.append(Text(" "))
            else:
                self._flush()
        elif tag in {"ul", "ol"}:
            self._flush()
            self.lists.append(Items([], ordered=tag == "ol"))
        elif tag == "li" and self.lists:
            self.item = []

    def handle_endtag(self, tag):
        if tag in {"strong", "b"}:
            self.bold = max(0, self.bold - 1)
        elif tag in {"em", "i"}:
            self.italic = max(0, self.italic - 1)
        elif tag == "p":
            self._flush()
        elif tag == "li" and self.lists and self.item is not None:
            item = _trim(self.item)
            if item:
                self.lists[-1].items.append(item)
            self.item = None
        elif tag in {"ul", "ol"} and self.lists:
            items = self.lists.pop()
            if items.items:
                self.blocks.append(items)

    def handle_data(self, data):
        text = " ".join(data.split()) if not data.isspace() else " "
        if not text:
            return
        target = self.item if self.item is not None else self.parts
        if data[:1].isspace() and not text.startswith(" "):
            text = " " + text
        if data[-1:].isspace() and not text.endswith(" "):
            text = text + " "
        last = target[-1] if target else None
        style = (self.bold > 0, self.italic > 0)
        if isinstance(last, Text) and (last.bold, last.italic) == style:
            last.text += text
        else:
            target.append(Text(text, bold=style[0], italic=style[1]))

    def close(self):
        super().close()
        self._flush()


def _trim(parts: list[Inline]) -> list[Inline]:
    """Drop whitespace at both ends of a paragraph and collapse doubled spaces."""
    texts = [p for p in parts if isinstance(p, Text)]
    for text in texts:
        while "  " in text.text:
            text.text = text.text.replace("  ", " ")
    if texts:
        texts[0].text = texts[0].text.lstrip()
        texts[-1].text = texts[-1].text.rstrip()
    return [p for p in parts if not isinstance(p, Text) or p.text]


def prose_blocks(html: str) -> list[Block]:
    """Sanitised prose HTML → paragraphs and lists of the content model."""
    parser = _ProseParser()
    parser.feed(sanitise_prose(html))
    parser.close()
    return parser.blocks


def text_to_prose(text: str) -> str:
    """Plain text as the seeds are written (paragraphs split by blank lines, "- " lines
    as lists, **bold**, *italic*) → prose HTML for the editor."""

    def inline(line: str) -> str:
        html = escape(" ".join(line.split()))
        html = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html)
        return re.sub(r"\*(.+?)\*", r"<em>\1</em>", html)

    out = []
    for chunk in (text or "").split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            out.append("<ul>" + "".join(f"<li>{inline(line[2:])}</li>" for line in lines) + "</ul>")
        else:
            out.append(f"<p>{inline(' '.join(lines))}</p>")
    return "".join(out)


def prose_to_text(html: str) -> str:
    """The other way round, for editing a template's default prose as plain text."""

    def inline(parts: list[Inline]) -> str:
        out = []
        for part in parts:
            if isinstance(part, Text):
                text = part.text
                if part.bold and text.strip():
                    text = f"**{text}**"
                elif part.italic and text.strip():
                    text = f"*{text}*"
                out.append(text)
        return "".join(out)

    chunks = []
    for block in prose_blocks(html):
        if isinstance(block, Items):
            chunks.append("\n".join(f"- {inline(item)}" for item in block.items))
        elif isinstance(block, Para):
            chunks.append(inline(block.parts))
    return "\n\n".join(chunks)
