"""The content model as HTML: for WeasyPrint (the PDF) and for the page that previews a
document on screen. Every text is escaped here; prose arrived sanitised and was parsed
into the content model, so no stored HTML ever reaches a page as is."""

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reports.content import Block, Cell, Content, Heading, Inline, Items, Note, Para, Table, Text


class _Notes:
    """Footnotes met while writing the body. In a PDF they float to the foot of their
    page (CSS Paged Media `float: footnote`); on screen they are listed after the text."""

    def __init__(self, *, paged: bool):
        self.paged = paged
        self.items: list[str] = []

    def call(self, note: Note) -> str:
        text = "".join(_text(t) for t in note.parts)
        if self.paged:
            return f'<span class="fn">{text}</span>'
        self.items.append(text)
        n = len(self.items)
        return f'<sup class="fn-call"><a href="#fn-{n}" id="fn-call-{n}">{n}</a></sup>'


def _text(part: Text) -> str:
    html = escape(part.text)
    if part.italic:
        html = f"<em>{html}</em>"
    if part.bold:
        html = f"<strong>{html}</strong>"
    return html


def _inline(parts: list[Inline], notes: _Notes) -> str:
    return "".join(notes.call(p) if isinstance(p, Note) else _text(p) for p in parts)


def _cell(cell: Cell, tag: str) -> str:
    attrs = []
    if cell.colspan > 1:
        attrs.append(f'colspan="{cell.colspan}"')
    if cell.rowspan > 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    classes = [f"a-{cell.align}"] + (["b"] if cell.bold else []) + (["i"] if cell.italic else [])
    attrs.append(f'class="{" ".join(classes)}"')
    body = escape(cell.text).replace("\n", "<br>")
    return f"<{tag} {' '.join(attrs)}>{body}</{tag}>"


def _table(table: Table, *, paged: bool) -> str:
    total = sum(table.widths) or 1
    widths = [f"{w * 100 / total:.2f}%" for w in table.widths]
    head = "".join("<tr>" + "".join(_cell(c, "th") for c in row) + "</tr>" for row in table.header)
    keep = set(table.keep)
    body = "".join(
        ('<tr class="keep">' if i in keep else "<tr>") + "".join(_cell(c, "td") for c in row) + "</tr>"
        for i, row in enumerate(table.rows)
    )
    if paged:
        cols = "".join(f'<col style="width:{w}">' for w in widths)
        opening = f'<table class="grid" style="font-size:{table.font_size:g}pt">'
    else:  # the page's Content-Security-Policy allows no style attributes
        cols = "".join(f'<col width="{w}">' for w in widths)
        opening = '<table class="grid">'
    return f"{opening}<colgroup>{cols}</colgroup><thead>{head}</thead><tbody>{body}</tbody></table>"


def blocks_html(blocks: list[Block], notes: _Notes) -> str:
    out = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f'<p class="hd hd{block.level}">{escape(block.text)}</p>')
        elif isinstance(block, Para):
            classes = f"p a-{block.align}" + ("" if block.indent else " no-indent")
            out.append(f'<p class="{classes}">{_inline(block.parts, notes)}</p>')
        elif isinstance(block, Items):
            for number, item in enumerate(block.items, start=1):
                mark = f"{number}." if block.ordered else "-"
                out.append(f'<p class="p a-justify">{mark} {_inline(item, notes)}</p>')
        elif isinstance(block, Table):
            out.append(_table(block, paged=notes.paged))
    return "".join(out)


def document_html(content: Content, *, paged: bool = True) -> SafeString:
    """The whole document. `paged` for WeasyPrint; False for the on-screen preview."""
    notes = _Notes(paged=paged)
    body = blocks_html(content.blocks, notes)
    appendices = [
        {
            "title": a.title,
            "note": a.note,
            "landscape": a.landscape,
            "html": mark_safe(blocks_html(a.blocks, notes)),  # noqa: S308 (built from escaped parts)
        }
        for a in content.appendices
    ]
    return render_to_string(
        "reports/document_body.html",
        {
            "c": content,
            "body": mark_safe(body),  # noqa: S308 (built from escaped parts above)
            "appendices": appendices,
            "notes": [mark_safe(n) for n in notes.items],  # noqa: S308 (escaped in _text)
            "paged": paged,
        },
    )


def pdf_render(content: Content) -> tuple[bytes, int]:
    """The PDF and its number of pages."""
    from weasyprint import HTML  # loads Pango and the fonts (about a second): only the worker renders

    html = render_to_string("reports/document_pdf.html", {"c": content, "document": document_html(content)})
    rendered = HTML(string=html, base_url=".").render()
    return rendered.write_pdf(), len(rendered.pages)
