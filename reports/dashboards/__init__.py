"""Dashboards: what leadership and each union see at a glance.

A dashboard is a list of panels. A panel carries the table behind its chart (what screen
readers and the XLSX export read), an optional detail table, the chart's series and the
link to the full list. The figures come from the apps that own them (`awards.queries`,
`emulation.queries`, `scoring.queries`), in a fixed number of queries whatever the data
size (tests/reports/test_dashboards.py counts them); this package only presents them:
`panels` (cells, tables, charts, colours, labels, links), `province` and `union` (the two
boards), `xlsx` (the export) and `cache` (one build per data version).
"""

from reports.dashboards.cache import cached, data_version
from reports.dashboards.panels import Cell, Dashboard, Figure, Panel, Table
from reports.dashboards.province import province_dashboard
from reports.dashboards.union import unit_dashboard
from reports.dashboards.xlsx import panel_sheets

__all__ = [
    "Cell",
    "Dashboard",
    "Figure",
    "Panel",
    "Table",
    "cached",
    "data_version",
    "panel_sheets",
    "province_dashboard",
    "unit_dashboard",
]
