"""Files users download: XLSX workbooks and PDF renderings, shared by every app.

XLSX cells keep real numbers with Vietnamese-looking formats (#,##0 shows 1.117.335.103
in a Vietnamese Excel); PDFs are rendered from HTML by WeasyPrint with Liberation Serif,
the metric twin of Times New Roman (Debian's fonts-liberation2 has every Vietnamese letter).
"""

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.text import slugify

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Column:
    title: str
    width: int = 12
    number_format: str = ""  # e.g. "#,##0", "0.0", "0.0%"


@dataclass
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence]
    heading: str = ""  # a title line above the header
    bold_rows: set[int] = field(default_factory=set)  # indexes of rows to print in bold


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        ws = workbook.create_sheet(spec.title[:31])
        row_number = 1
        if spec.heading:
            ws.cell(row=1, column=1, value=spec.heading).font = Font(bold=True, size=13)
            row_number = 3
        for col, column in enumerate(spec.columns, start=1):
            cell = ws.cell(row=row_number, column=col, value=column.title)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDE6F0")
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            cell.border = border
            ws.column_dimensions[get_column_letter(col)].width = column.width
        header_row = row_number
        for index, values in enumerate(spec.rows):
            row_number += 1
            for col, (column, value) in enumerate(zip(spec.columns, values, strict=True), start=1):
                if isinstance(value, Promise):  # lazy translations
                    value = str(value)
                cell = ws.cell(row=row_number, column=col, value=value)
                cell.border = border
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if column.number_format:
                    cell.number_format = column.number_format
                if index in spec.bold_rows:
                    cell.font = Font(bold=True)
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_bytes(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html, base_url=".").write_pdf()


def download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    stem, _dot, extension = filename.rpartition(".")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slugify(stem) or "tep"}.{extension}"'
    return response


def xlsx_download(sheets: Sequence[Sheet], *, filename: str) -> HttpResponse:
    return download(xlsx_bytes(sheets), filename=filename, content_type=XLSX_TYPE)


def pdf_download(template: str, context: dict, *, filename: str) -> HttpResponse:
    return download(pdf_bytes(template, context), filename=filename, content_type="application/pdf")
