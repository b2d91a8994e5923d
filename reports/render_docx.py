"""The content model as a Word document in the NĐ 30/2020 layout (python-docx).

What python-docx lacks is written as WordprocessingML here: short rules under the body
name and the motto (paragraph borders), page numbers from page 2 (a PAGE field in a
header that differs on the first page), repeated table header rows and real footnotes
(a footnotes part, as Word writes it). LibreOffice ignores cell widths unless the
column widths are set too, so both are.
"""

import io
from copy import deepcopy

from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from lxml import etree

from reports.content import Block, Cell, Content, Heading, Inline, Items, Note, Para, Table, Text

FONT = "Times New Roman"
BODY_PT = 14
ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
PAGE_W, PAGE_H = Mm(210), Mm(297)
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
TEXT_WIDTH_MM = 210 - 30 - 15
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _set_fonts(rpr_parent) -> None:
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _run(paragraph, text: str, *, bold=False, italic=False, size: float | None = None, upper=False):
    run = paragraph.add_run(text.upper() if upper else text)
    run.bold = bold or None
    run.italic = italic or None
    if size:
        run.font.size = Pt(size)
    return run


def _paragraph(container, *, align="justify", indent=False, after=6, before=0, keep_next=False):
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = ALIGN[align]
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(before)
    fmt.first_line_indent = Mm(10) if indent else None
    fmt.keep_with_next = keep_next or None
    return paragraph


def _rule_below(paragraph, *, inset_mm: float) -> None:
    """A short line under a paragraph: its bottom border between indents."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    paragraph.paragraph_format.left_indent = Mm(inset_mm)
    paragraph.paragraph_format.right_indent = Mm(inset_mm)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _widths(table, widths_mm: list[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def _cell_paragraph(cell, *, align="center", after=0):
    paragraph = cell.paragraphs[0] if not cell.paragraphs[0].runs and not cell.paragraphs[0].text else None
    if paragraph is None:
        paragraph = cell.add_paragraph()
    paragraph.paragraph_format.alignment = ALIGN[align]
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.first_line_indent = None
    return paragraph


def _placed(r: int, row: list[Cell], columns: int, taken: set[tuple[int, int]]):
    """Each cell of row `r` with its first column and its last (row, column): a cell goes
    to the next column not taken by a merged cell of a row above."""
    c = 0
    for cell in row:
        while (r, c) in taken:
            c += 1
        if c >= columns:
            return
        last_r, last_c = r + cell.rowspan - 1, min(c + cell.colspan - 1, columns - 1)
        taken |= {(rr, cc) for rr in range(r, last_r + 1) for cc in range(c, last_c + 1)}
        yield c, cell, (last_r, last_c)
        c = last_c + 1


class _Writer:
    def __init__(self, content: Content):
        self.content = content
        self.doc = new_document()
        self.notes: list[list[Text]] = []
        self._setup()

    # --- Page, styles, numbering -----------------------------------------------------------

    def _setup(self) -> None:
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        _set_fonts(normal.element)
        rpr = normal.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "vi-VN")
        rpr.append(lang)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.1
        section = self.doc.sections[0]
        self._page(section, landscape=False)
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._page_field(header)
        core = self.doc.core_properties
        core.title = " ".join([self.content.title, self.content.number, *self.content.subject]).strip()
        core.author = self.content.issuing_body
        core.language = "vi-VN"

    @staticmethod
    def _page(section, *, landscape: bool) -> None:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (PAGE_H, PAGE_W) if landscape else (PAGE_W, PAGE_H)
        if landscape:
            section.top_margin, section.bottom_margin = Mm(30), Mm(15)
            section.left_margin, section.right_margin = Mm(20), Mm(20)
        else:
            for side, value in MARGINS.items():
                setattr(section, f"{side}_margin", value)
        section.header_distance = Mm(10)

    @staticmethod
    def _page_field(paragraph) -> None:
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), "26")
        rpr.append(size)
        run.append(rpr)
        text = OxmlElement("w:t")
        text.text = "2"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)

    # --- Header block (quốc hiệu, tên cơ quan, số, địa danh) --------------------------------

    def header(self) -> None:
        c = self.content
        if c.draft:
            p = _paragraph(self.doc, align="left", after=2)
            _run(p, "DỰ THẢO", bold=True, size=11)
        left_mm, right_mm = 68, TEXT_WIDTH_MM - 68
        table = self.doc.add_table(rows=2, cols=2)
        _no_borders(table)
        _widths(table, [left_mm, right_mm])
        top_left, top_right = table.rows[0].cells
        p = _cell_paragraph(top_left)
        _run(p, c.superior_body, size=13, upper=True)
        p = top_left.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        _run(p, c.issuing_body, bold=True, size=13, upper=True)
        rule = top_left.add_paragraph()
        rule.paragraph_format.space_after = Pt(0)
        rule.paragraph_format.line_spacing = Pt(4)
        _rule_below(rule, inset_mm=22)
        p = _cell_paragraph(top_right)
        _run(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
        p = top_right.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        _run(p, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13)
        _rule_below(p, inset_mm=18)
        bottom_left, bottom_right = table.rows[1].cells
        p = _cell_paragraph(bottom_left)
        p.paragraph_format.space_before = Pt(6)
        _run(p, f"Số: {c.number}", size=13)
        if c.letter:
            for line in c.subject:
                p = bottom_left.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.space_after = Pt(0)
                _run(p, line, size=12)
        p = _cell_paragraph(bottom_right)
        p.paragraph_format.space_before = Pt(6)
        _run(p, c.place_date, italic=True, size=13)
        if not c.letter:
            p = _paragraph(self.doc, align="center", after=0, before=18)
            _run(p, c.title, bold=True, upper=True)
            for line in c.subject:
                p = _paragraph(self.doc, align="center", after=0)
                _run(p, line, bold=True)
            rule = _paragraph(self.doc, align="center", after=12)
            rule.paragraph_format.line_spacing = Pt(4)
            _rule_below(rule, inset_mm=TEXT_WIDTH_MM * 0.35)
        else:
            _paragraph(self.doc, after=6)

    # --- Body --------------------------------------------------------------------------

    def _inline(self, paragraph, parts: list[Inline], *, bold=False, italic=False, size=None) -> None:
        for part in parts:
            if isinstance(part, Note):
                self.notes.append(part.parts)
                self._note_call(paragraph, len(self.notes))
            else:
                _run(paragraph, part.text, bold=bold or part.bold, italic=italic or part.italic, size=size)

    @staticmethod
    def _note_call(paragraph, number: int) -> None:
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        align = OxmlElement("w:vertAlign")
        align.set(qn("w:val"), "superscript")
        rpr.append(align)
        run.append(rpr)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(number))
        run.append(ref)
        paragraph._p.append(run)

    def blocks(self, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, Heading):
                p = _paragraph(
                    self.doc,
                    align="center" if block.level == 0 else "justify",
                    indent=block.level > 0,
                    keep_next=True,
                    before=3,
                )
                _run(p, block.text, bold=True, italic=block.level >= 3)
            elif isinstance(block, Para):
                p = _paragraph(self.doc, align=block.align, indent=block.indent)
                self._inline(p, block.parts)
            elif isinstance(block, Items):
                for number, item in enumerate(block.items, start=1):
                    p = _paragraph(self.doc, indent=True)
                    _run(p, f"{number}. " if block.ordered else "- ")
                    self._inline(p, item)
            elif isinstance(block, Table):
                self.table(block)

    def table(self, spec: Table) -> None:
        rows = [*spec.header, *spec.rows]
        table = self.doc.add_table(rows=len(rows), cols=len(spec.widths))
        table.style = self.doc.styles["Table Grid"]
        total = sum(spec.widths) or 1
        width = self._text_width_mm()
        _widths(table, [w * width / total for w in spec.widths])
        taken: set[tuple[int, int]] = set()  # the grid positions merged cells cover
        for r, row in enumerate(rows):
            for c, cell, last in _placed(r, row, len(spec.widths), taken):
                target = table.cell(r, c)
                if last != (r, c):
                    target = target.merge(table.cell(*last))
                self._fill(target, cell, header=r < len(spec.header), size=spec.font_size)
        self._hold_rows(table, spec)
        _paragraph(self.doc, after=0)

    @staticmethod
    def _hold_rows(table, spec: Table) -> None:
        """No row splits across pages; the header repeats on each page, and the rows to
        keep (a group's heading row) stay with the next one."""
        keep = {index + len(spec.header) for index in spec.keep}
        for r, row in enumerate(table.rows):
            if r in keep or r < len(spec.header):
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))
            if r < len(spec.header):
                tr_pr.append(OxmlElement("w:tblHeader"))

    @staticmethod
    def _fill(target, cell: Cell, *, header: bool, size: float) -> None:
        middle, top = WD_CELL_VERTICAL_ALIGNMENT.CENTER, WD_CELL_VERTICAL_ALIGNMENT.TOP
        target.vertical_alignment = middle if header else top
        lines = cell.text.split("\n") or [""]
        for index, line in enumerate(lines):
            p = target.paragraphs[0] if index == 0 else target.add_paragraph()
            p.paragraph_format.alignment = ALIGN["center" if header else cell.align]
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.first_line_indent = None
            p.paragraph_format.line_spacing = 1.0
            _run(p, line, bold=header or cell.bold, italic=cell.italic, size=size)

    def _text_width_mm(self) -> float:
        section = self.doc.sections[-1]
        return (section.page_width - section.left_margin - section.right_margin) / Mm(1)

    # --- Closing: Nơi nhận and the signature -----------------------------------------------

    def closing(self) -> None:
        c = self.content
        table = self.doc.add_table(rows=1, cols=2)
        _no_borders(table)
        _widths(table, [TEXT_WIDTH_MM * 0.45, TEXT_WIDTH_MM * 0.55])
        left, right = table.rows[0].cells
        if c.recipients:
            p = _cell_paragraph(left, align="left")
            _run(p, "Nơi nhận:", bold=True, italic=True, size=12)
            for line in c.recipients:
                p = left.add_paragraph()
                p.paragraph_format.space_after = Pt(0)
                p.paragraph_format.line_spacing = 1.0
                _run(p, line, size=11)
        p = _cell_paragraph(right)
        if c.signature.authority:
            _run(p, c.signature.authority, bold=True, upper=True)
            p = right.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(0)
        _run(p, c.signature.post, bold=True, upper=True)
        p = right.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.space_before = Pt(72)  # room for the signature and the seal
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, c.signature.name, bold=True)

    # --- Appendices ----------------------------------------------------------------------

    def appendices(self) -> None:
        for appendix in self.content.appendices:
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
            section.different_first_page_header_footer = False  # numbered from its first page
            self._page(section, landscape=appendix.landscape)
            p = _paragraph(self.doc, align="center", after=0)
            _run(p, appendix.title, bold=True, upper=True)
            p = _paragraph(self.doc, align="center", after=12)
            _run(p, appendix.note, italic=True)
            self.blocks(appendix.blocks)

    # --- Footnotes part ------------------------------------------------------------------

    def footnotes(self) -> None:
        if not self.notes:
            return
        w = nsdecls("w")
        body = [
            f'<w:footnote {w} w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
            'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
            f'<w:footnote {w} w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
            'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r>'
            "</w:p></w:footnote>",
        ]
        root = OxmlElement("w:footnotes")
        for xml in body:
            root.append(parse_xml(xml))
        for number, parts in enumerate(self.notes, start=1):
            note = OxmlElement("w:footnote")
            note.set(qn("w:id"), str(number))
            holder = self.doc.add_paragraph()  # built with python-docx, then moved into the note
            holder.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            holder.paragraph_format.space_after = Pt(0)
            holder.paragraph_format.line_spacing = 1.0
            mark = holder.add_run()
            mark.font.size = Pt(11)
            mark_rpr = mark._r.get_or_add_rPr()
            align = OxmlElement("w:vertAlign")
            align.set(qn("w:val"), "superscript")
            mark_rpr.append(align)
            mark._r.append(OxmlElement("w:footnoteRef"))
            _run(holder, " ", size=11)
            for part in parts:
                _run(holder, part.text, bold=part.bold, italic=part.italic, size=11)
            element = holder._p
            element.getparent().remove(element)
            note.append(deepcopy(element))
            root.append(note)
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, blob, self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)

    def build(self) -> bytes:
        self.header()
        self.blocks(self.content.blocks)
        self.closing()
        self.appendices()
        self.footnotes()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def docx_bytes(content: Content) -> bytes:
    return _Writer(content).build()
