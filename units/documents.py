"""Files users download: XLSX workbooks and PDF renderings, shared by every app.

XLSX cells keep real numbers with Vietnamese-looking formats (#,##0 shows 1.117.335.103
in a Vietnamese Excel); PDFs are rendered from HTML by WeasyPrint with Liberation Serif,
the metric twin of Times New Roman (Debian's fonts-liberation2 has every Vietnamese letter).
"""

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Cell formats of every export. Percentages are kept as fractions (1.2 for 120%) under a
# percent format, the one convention of all exports (the ranking and the indicators began
# it): Excel then sums, sorts and charts them as the numbers they are.
COUNT = "#,##0"  # counts, and money in đồng
PERCENT = "0.0%"  # as the pages print shares: 90,6%
WHOLE_PERCENT = "0%"  # where the page rounds to whole percents (an indicator's achievement)
DATE = "dd/mm/yyyy"
DATETIME = "dd/mm/yyyy hh:mm"
SECONDS = "dd/mm/yyyy hh:mm:ss"


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
    # Formats of single cells, by (row index, column index), where a column mixes kinds.
    cell_formats: dict[tuple[int, int], str] = field(default_factory=dict)


def fraction(percent: Decimal | None) -> Decimal | None:
    """A percentage as the pages compute it (90.6) as the fraction a cell keeps (0.906)."""
    return None if percent is None else Decimal(percent) / 100


def local_date(moment: datetime.datetime | None) -> datetime.date | None:
    """The day of a stored moment in the project's time zone, as the pages print it."""
    return None if moment is None else timezone.localtime(moment).date()


def local_datetime(moment: datetime.datetime | None) -> datetime.datetime | None:
    """A stored moment in local time to the second, without its zone (Excel has none)."""
    return None if moment is None else timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


def heading(title: str, *details: str) -> str:
    """A sheet's title line: the page's title, then what the list is filtered on."""
    details = [str(d) for d in details if d]
    return f"{title} — {'; '.join(details)}" if details else str(title)


def form_filters(form: forms.Form) -> list[str]:
    """A filter form's chosen values as "label: value", for a sheet's heading. A choice
    list's first entry is its "all" (Tất cả), which filters nothing."""
    if not form.is_bound or not form.is_valid():
        return []
    parts = []
    for name, value in form.cleaned_data.items():
        field_ = form.fields[name]
        if value in (None, "", False):
            continue
        if isinstance(field_, forms.BooleanField):
            parts.append(str(field_.label))
            continue
        if isinstance(field_, forms.ChoiceField):
            choices = list(field_.choices)
            if choices and value == choices[0][0]:
                continue
            value = dict(choices).get(value, value)
        elif isinstance(value, datetime.date):
            value = value.strftime("%d/%m/%Y")
        parts.append(f"{field_.label}: {value}")
    return parts


def _cell_value(value):
    if isinstance(value, Promise):  # lazy translations
        value = str(value)
    if isinstance(value, str):
        # Text pasted from Word carries control characters openpyxl refuses to write.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _set(ws, row: int, column: int, value):
    cell = ws.cell(row=row, column=column, value=_cell_value(value))
    if cell.data_type == "f":
        # Text typed by users (a name, a username from the login form) that starts with
        # "=" stays text: an export must never carry a formula nobody wrote on purpose.
        cell.data_type = "s"
    return cell


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        ws = workbook.create_sheet(spec.title[:31])
        row_number = 1
        if spec.heading:
            _set(ws, 1, 1, spec.heading).font = Font(bold=True, size=13)
            row_number = 3
        for col, column in enumerate(spec.columns, start=1):
            cell = _set(ws, row_number, col, column.title)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDE6F0")
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            cell.border = border
            ws.column_dimensions[get_column_letter(col)].width = column.width
        header_row = row_number
        for index, values in enumerate(spec.rows):
            row_number += 1
            for col, (column, value) in enumerate(zip(spec.columns, values, strict=True), start=1):
                cell = _set(ws, row_number, col, value)
                cell.border = border
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if (index, col - 1) in spec.cell_formats:
                    cell.number_format = spec.cell_formats[(index, col - 1)]
                elif column.number_format:
                    cell.number_format = column.number_format
                if index in spec.bold_rows:
                    cell.font = Font(bold=True)
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_bytes(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # loads Pango and the fonts (about 2 s): only a PDF pays for it

    html = render_to_string(template, context)
    return HTML(string=html, base_url=".").write_pdf()


def download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    stem, _dot, extension = filename.rpartition(".")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slugify(stem) or "tep"}.{extension}"'
    # Exports hold personal data; PrivateCacheMiddleware says the same for every answer
    # to a logged-in account, this keeps it true wherever a download is built.
    response["Cache-Control"] = "private, no-store"
    return response


def xlsx_download(sheets: Sequence[Sheet], *, filename: str) -> HttpResponse:
    return download(xlsx_bytes(sheets), filename=filename, content_type=XLSX_TYPE)


def pdf_download(template: str, context: dict, *, filename: str) -> HttpResponse:
    return download(pdf_bytes(template, context), filename=filename, content_type="application/pdf")
