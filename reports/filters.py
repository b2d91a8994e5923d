"""The filters of the reports pages, each read by its page and by its XLSX alike."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.enums import DocumentState
from reports.models import Document
from units.enums import DocumentKind
from units.filters import ListFilterSet, YearFilter
from units.models import Unit


class DocumentFilter(ListFilterSet):
    """The register of documents (sổ văn bản): year, kind, state."""

    year = YearFilter()
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=DocumentKind.choices)
    state = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=DocumentState.choices)

    class Meta(ListFilterSet.Meta):
        model = Document
        fields = ["year", "kind", "state"]


class DashboardFilter(ListFilterSet):
    """A dashboard's year, the current one when none (or a refused one) is asked for. A
    dashboard is not a list: the filter only reads the year its panels are built for."""

    year = YearFilter()

    class Meta(ListFilterSet.Meta):
        model = Unit
        fields = ["year"]

    def board_year(self) -> int:
        return self.value("year") or timezone.localdate().year
