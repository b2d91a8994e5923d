"""The shared workbook writer and the export button."""

import datetime
import io
from decimal import Decimal

from django.template import Context, Template
from django.test import RequestFactory
from openpyxl import load_workbook

from units.documents import Column, Sheet, fraction, local_date, local_datetime, xlsx_bytes


def test_text_that_looks_like_a_formula_stays_text():
    # A username typed into the login form lands in the audit log as it was typed.
    content = xlsx_bytes(
        [Sheet("S", [Column("=A1")], [['=HYPERLINK("http://x","y")'], ["a\x0bb"]], heading="=1+1")]
    )
    sheet = load_workbook(io.BytesIO(content)).active
    assert [(c.value, c.data_type) for c in (sheet["A1"], sheet["A3"], sheet["A4"])] == [
        ("=1+1", "s"),
        ("=A1", "s"),
        ('=HYPERLINK("http://x","y")', "s"),
    ]
    assert sheet["A5"].value == "ab"  # Word's line break (a control character) is dropped


def test_percentages_are_kept_as_fractions():
    assert fraction(Decimal("90.6")) == Decimal("0.906")
    assert fraction(None) is None


def test_export_link_keeps_the_filters_but_not_the_page():
    request = RequestFactory().get("/x/", {"year": "2023", "state": "submitted", "page": "3"})
    template = Template('{% include "includes/xlsx_button.html" with url="/x.xlsx" %}')
    html = template.render(Context({"request": request}))
    assert 'href="/x.xlsx?year=2023&amp;state=submitted"' in html
    assert "Tải Excel" in html
    bare = Template('{% include "includes/xlsx_button.html" with url="/x.xlsx" %}')
    assert 'href="/x.xlsx"' in bare.render(Context({"request": RequestFactory().get("/x/", {"page": 2})}))


def test_moments_are_written_as_the_local_day_and_time():
    # 18:30 UTC on 10/02 is 01:30 on 11/02 in Hà Nội: the page prints 11/02, so must the cell.
    moment = datetime.datetime(2023, 2, 10, 18, 30, 15, 250_000, tzinfo=datetime.UTC)
    assert local_date(moment) == datetime.date(2023, 2, 11)
    assert local_datetime(moment) == datetime.datetime(2023, 2, 11, 1, 30, 15)
    assert local_date(None) is None and local_datetime(None) is None
