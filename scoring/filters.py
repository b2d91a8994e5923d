"""The filters of scoring's lists, one FilterSet per list, read by the page and its XLSX."""

from scoring.models import CriteriaTable
from units.filters import ListFilterSet, YearFilter


class TableFilter(ListFilterSet):
    """The criteria tables' list (scoring:table_list and its workbook)."""

    year = YearFilter()

    class Meta(ListFilterSet.Meta):
        model = CriteriaTable
        fields = ["year"]
