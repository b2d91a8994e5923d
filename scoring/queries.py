"""Reads for scoring: permission-aware fetchers, the scored tree, rankings."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    DecimalField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from emulation.queries import registered_unit_ids
from scoring import access
from scoring.enums import APPRAISED_STATES, ScoreKind, SheetState, TableStatus
from scoring.metrics import metric_value
from scoring.models import CriteriaTable, Criterion, ItemAttachment, ItemScore, ScoreSheet
from scoring.tree import attach_scores, build_tree, totals
from units.enums import GroupingKind, UnitKind
from units.models import GroupingMembership, Unit
from units.queries import can_see_unit, fetch_for_user

ZERO = Decimal(0)


def visible_tables(user):
    """Tables kept by a unit in the user's subtree, or scoring a grouping one of whose
    members is in it (a district sees its bloc's table)."""
    member_in_scope = GroupingMembership.objects.filter(
        grouping=OuterRef("grouping_id"), unit__path__startswith=user.unit.path
    )
    return CriteriaTable.objects.filter(
        Q(owner__path__startswith=user.unit.path) | Q(Exists(member_in_scope))
    )


def get_table_for_user(user, table_id: int) -> CriteriaTable:
    return fetch_for_user(
        user,
        CriteriaTable.objects.select_related("owner", "grouping", "grouping__leader"),
        table_id,
        visible=visible_tables(user),
    )


def can_read_sheet(user, sheet: ScoreSheet) -> bool:
    return can_see_unit(user, sheet.unit) or access.can_appraise(user, sheet.table)


def get_sheet_for_user(user, sheet_id: int) -> ScoreSheet:
    return fetch_for_user(
        user,
        ScoreSheet.objects.select_related(
            "table", "table__owner", "table__grouping", "table__grouping__leader", "unit", "appraiser"
        ),
        sheet_id,
        visible=lambda sheet: can_read_sheet(user, sheet),
    )


def leader_word(grouping) -> str:
    """ "Trưởng cụm" for a cluster, "Trưởng khối" for a bloc."""
    return _("Trưởng cụm") if grouping.kind == GroupingKind.CLUSTER else _("Trưởng khối")


def _leader_word(sheet: ScoreSheet) -> str:
    """The leader's title when the grouping's leader made the recorded appraisal; "" when
    another member did (in a cluster the province leads itself)."""
    grouping = sheet.table.grouping
    if grouping is None or sheet.appraiser_id != grouping.leader_id:
        return ""
    return leader_word(grouping)


def appraiser_title(sheet: ScoreSheet) -> str:
    """Who made a recorded appraisal, as the pages name them: "Trưởng khối", "Trưởng cụm"
    or the body itself; "" for an appraisal made here."""
    if not sheet.is_recorded:
        return ""
    return _leader_word(sheet) or sheet.appraiser.name


def appraisal_label(sheet: ScoreSheet) -> str:
    """What every page and document says of a recorded appraisal, so that it never reads as
    the province appraising itself: "Kết quả chấm của Trưởng khối (Ủy ban MTTQ tỉnh Lai
    Châu), theo văn bản số 12/TB-MTTQ ngày 08/01/2021"; "" for an appraisal made here."""
    if not sheet.is_recorded:
        return ""
    values = {
        "who": _leader_word(sheet),
        "name": sheet.appraiser.name,
        "number": sheet.appraisal_document_number,
        "date": sheet.appraisal_document_date.strftime("%d/%m/%Y"),
    }
    if values["who"]:
        return _("Kết quả chấm của %(who)s (%(name)s), theo văn bản số %(number)s ngày %(date)s") % values
    return _("Kết quả chấm của %(name)s, theo văn bản số %(number)s ngày %(date)s") % values


def appraised_column_title(sheet: ScoreSheet | None) -> str:
    """The appraised scores' heading: "Điểm thẩm định", or "Điểm Trưởng khối chấm"."""
    title = appraiser_title(sheet) if sheet is not None else ""
    return _("Điểm %(who)s chấm") % {"who": title} if title else _("Điểm thẩm định")


def get_attachment_for_user(user, attachment_id: int) -> ItemAttachment:
    return fetch_for_user(
        user,
        ItemAttachment.objects.select_related(
            "item__sheet__table__owner", "item__sheet__table__grouping", "item__sheet__unit"
        ),
        attachment_id,
        visible=lambda attachment: can_read_sheet(user, attachment.item.sheet),
    )


def table_list(user, *, year: int | None = None):
    tables = visible_tables(user).select_related("grouping", "owner")
    if year:
        tables = tables.filter(year=year)
    return tables.order_by("-year", "code", "-version")


def table_versions(table: CriteriaTable):
    return CriteriaTable.objects.filter(code=table.code).order_by("-version")


def own_sheet(table: CriteriaTable, unit: Unit) -> ScoreSheet | None:
    return table.sheets.filter(unit=unit).first()


def scores_for(table: CriteriaTable, unit: Unit) -> bool:
    """Whether the table scores the unit: every unit for a table of no grouping, else the
    grouping's members."""
    return table.grouping_id is None or table.grouping.memberships.filter(unit=unit).exists()


def get_leaf_of_sheet(sheet: ScoreSheet, criterion_id: int) -> Criterion:
    """One scored item (a leaf) of the sheet's table; 404 for any other criterion."""
    criterion = sheet.table.criteria.filter(pk=criterion_id, standard__isnull=False).first()
    if criterion is None:
        raise Http404
    return criterion


def scored_item(sheet: ScoreSheet, criterion: Criterion, kind: str) -> ItemScore | None:
    return (
        ItemScore.objects.select_related("criterion")
        .filter(sheet=sheet, criterion=criterion, kind=kind)
        .first()
    )


def leaf_metric_values(sheet: ScoreSheet, nodes) -> dict:
    """criterion id → the value its metric reads from the product's data for the sheet's
    unit and year, offered as the input's starting value."""
    return {
        n.criterion.pk: metric_value(n.criterion.metric, unit=sheet.unit, year=sheet.table.year)
        for n in nodes
        if n.is_leaf and n.criterion.metric
    }


def shown_appraisal_label(sheet: ScoreSheet) -> str:
    """The recorded appraisal's label once the sheet is appraised; "" before."""
    return appraisal_label(sheet) if sheet.state in APPRAISED_STATES else ""


def not_eligible(rows: list["RankRow"], *, year: int) -> set[int]:
    """Seed 001: units without an accepted registration for the year are not considered
    for awards; the ranking says so beside them (outside bodies are not ours to judge)."""
    registered = registered_unit_ids([r.unit.pk for r in rows], year=year)
    return {r.unit.pk for r in rows if r.unit.pk not in registered and r.unit.kind != UnitKind.OUTSIDE}


def table_tree(table: CriteriaTable):
    return build_tree(table.criteria.order_by("order"))


def tree_maximum(roots) -> dict:
    """The points a tree offers: its standard and its bonus, summed over the roots."""
    return {
        "standard": sum((r.standard for r in roots), 0),
        "bonus_max": sum((r.bonus_max for r in roots), 0),
    }


def sheet_tree(sheet: ScoreSheet):
    """The table's tree with this sheet's self and appraised scores on every level."""
    roots = build_tree(sheet.table.criteria.order_by("order"))
    items = sheet.items.prefetch_related(
        Prefetch("attachments", queryset=ItemAttachment.objects.order_by("uploaded_at"))
    )
    # Before the appraisal is complete, untouched items count at the unit's own score.
    attach_scores(
        roots, items, fallback_appraised_to_self=sheet.state in {SheetState.SUBMITTED, SheetState.RETURNED}
    )
    return roots


def sheet_totals(sheet: ScoreSheet, kind: str) -> dict:
    roots = build_tree(sheet.table.criteria.order_by("order"))
    attach_scores(roots, sheet.items.filter(kind=kind))
    return totals(roots, kind)


def sheets_of_table(table: CriteriaTable):
    return table.sheets.select_related("unit").order_by("unit__name")


@dataclass
class RankRow:
    unit: Unit
    sheet: ScoreSheet | None
    achieved: Decimal
    bonus: Decimal
    source: str  # "appraised", "self" or "" (not scored)
    rank: int = 0
    band: str = ""
    percent: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.achieved + self.bonus

    @property
    def appraisal_label(self) -> str:
        """The outside leader's result this row ranks on, named with its document."""
        return appraisal_label(self.sheet) if self.source == ScoreKind.APPRAISED else ""


def table_maximum(table: CriteriaTable) -> tuple[Decimal, Decimal]:
    sums = table.criteria.aggregate(standard=Sum("standard"), bonus=Sum("bonus_max"))
    return sums["standard"] or ZERO, sums["bonus"] or ZERO


def classify(bands: list, percent: Decimal) -> str:
    for band in sorted(bands, key=lambda b: Decimal(str(b["min_percent"])), reverse=True):
        if percent >= Decimal(str(band["min_percent"])):
            return band["name"]
    return ""


def ranking(table: CriteriaTable) -> list[RankRow]:
    """Members of the table's grouping (or every unit with a sheet) ranked by total:
    appraised where the sheet is appraised, else self; ties by achieved, then name."""
    return rankings([table])[table.pk]


def with_maximum(tables):
    """Tables annotated with their maximum (standard + bonus points), which `rankings`
    then reads instead of asking for it."""
    standard = Subquery(
        Criterion.objects.filter(table=OuterRef("pk")).values("table").annotate(s=Sum("standard")).values("s")
    )
    bonus = Subquery(
        Criterion.objects.filter(table=OuterRef("pk"))
        .values("table")
        .annotate(s=Sum("bonus_max"))
        .values("s")
    )
    points = DecimalField(max_digits=9, decimal_places=2)
    zero = Value(ZERO, output_field=points)
    return tables.annotate(
        maximum=ExpressionWrapper(Coalesce(standard, zero) + Coalesce(bonus, zero), output_field=points)
    )


def rankings(tables) -> dict[int, list[RankRow]]:
    """The ranking of each table, in four queries whatever the number of tables, units
    and scores (three when the tables come `with_maximum`): dashboards rank every bloc of
    a year at once."""
    tables = list(tables)
    ids = [t.pk for t in tables]
    sheets = _sheets_by_table(tables)
    members = _members_by_grouping({t.grouping_id for t in tables if t.grouping_id})
    sums = _score_sums(ids)
    maxima = _maxima(tables)
    result = {}
    for table in tables:
        table_sheets = sheets[table.pk]
        units = (
            members.get(table.grouping_id, [])
            if table.grouping_id
            else [s.unit for s in table_sheets.values()]
        )
        rows = [
            _rank_row(table, unit, table_sheets.get(unit.pk), sums, maxima.get(table.pk, ZERO))
            for unit in units
        ]
        rows.sort(key=lambda r: (r.source == "", -r.total, -r.achieved, r.unit.name))
        for position, row in enumerate(rows, start=1):
            row.rank = position if row.source else 0
        result[table.pk] = rows
    return result


def _sheets_by_table(tables) -> dict[int, dict[int, ScoreSheet]]:
    """table id → unit id → sheet, the sheets' table set to the one read (no query per sheet)."""
    by_pk = {t.pk: t for t in tables}
    sheets: dict[int, dict[int, ScoreSheet]] = {pk: {} for pk in by_pk}
    for sheet in ScoreSheet.objects.filter(table_id__in=list(by_pk)).select_related("unit", "appraiser"):
        sheet.table = by_pk[sheet.table_id]
        sheets[sheet.table_id][sheet.unit_id] = sheet
    return sheets


def _members_by_grouping(grouping_ids: set[int]) -> dict[int, list[Unit]]:
    members: dict[int, list[Unit]] = {}
    if not grouping_ids:
        return members
    memberships = (
        GroupingMembership.objects.filter(grouping_id__in=grouping_ids).select_related("unit").order_by("pk")
    )
    for m in memberships:
        members.setdefault(m.grouping_id, []).append(m.unit)
    return members


def _score_sums(table_ids) -> dict[tuple, tuple[Decimal, Decimal]]:
    """(table id, unit id, kind) → (achieved, bonus) summed over the sheet's items."""
    return {
        (row["sheet__table_id"], row["sheet__unit_id"], row["kind"]): (row["achieved"], row["bonus"])
        for row in ItemScore.objects.filter(sheet__table_id__in=table_ids)
        .values("sheet__table_id", "sheet__unit_id", "kind")
        .annotate(achieved=Sum("achieved"), bonus=Sum("bonus"))
        .order_by()
    }


def _maxima(tables) -> dict[int, Decimal]:
    """table id → its maximum points, read with the tables (`with_maximum`) or asked for."""
    if all(hasattr(t, "maximum") for t in tables):
        return {t.pk: t.maximum or ZERO for t in tables}
    return {
        row["table_id"]: (row["standard"] or ZERO) + (row["bonus"] or ZERO)
        for row in Criterion.objects.filter(table_id__in=[t.pk for t in tables])
        .values("table_id")
        .annotate(standard=Sum("standard"), bonus=Sum("bonus_max"))
        .order_by()
    }


def _rank_row(table, unit: Unit, sheet: ScoreSheet | None, sums: dict, maximum: Decimal) -> RankRow:
    """A unit's row before ranking: appraised where the sheet is appraised and has
    appraised scores, else self, else not scored."""
    source = ""
    if (
        sheet is not None
        and sheet.state in APPRAISED_STATES
        and (table.pk, unit.pk, ScoreKind.APPRAISED) in sums
    ):
        source = ScoreKind.APPRAISED
    elif (table.pk, unit.pk, ScoreKind.SELF) in sums:
        source = ScoreKind.SELF
    achieved, bonus = sums.get((table.pk, unit.pk, source), (ZERO, ZERO))
    row = RankRow(unit=unit, sheet=sheet, achieved=achieved, bonus=bonus, source=source)
    row.percent = (row.total * 100 / maximum) if maximum else ZERO
    row.band = classify(table.bands, row.percent) if source else ""
    return row


def bloc_tables(*, year: int, scope: Q) -> list[CriteriaTable]:
    """The newest published or closed version of each bloc's criteria table of `year`,
    among the blocs `scope` selects, in the blocs' name order, each read `with_maximum`.
    One query."""
    tables = (
        CriteriaTable.objects.filter(year=year, grouping__isnull=False)
        .filter(scope)
        .exclude(status=TableStatus.DRAFT)
        .select_related("grouping")
        .order_by("grouping__name", "-version")
    )
    seen, newest = set(), []
    for table in with_maximum(tables):  # newest version of each bloc's table first
        if (table.grouping_id, table.code) not in seen:
            seen.add((table.grouping_id, table.code))
            newest.append(table)
    return newest


def tables_of_blocs_in(root: Unit, *, year: int) -> list[CriteriaTable]:
    """`bloc_tables` of the blocs with a member in `root`'s subtree or owned by it."""
    members = GroupingMembership.objects.filter(unit__path__startswith=root.path).values("grouping_id")
    return bloc_tables(year=year, scope=Q(grouping_id__in=members) | Q(owner__path__startswith=root.path))


def tables_of_blocs_of(unit: Unit, *, year: int) -> list[CriteriaTable]:
    """`bloc_tables` of the blocs `unit` is a member of."""
    member_of = GroupingMembership.objects.filter(unit=unit).values("grouping_id")
    return bloc_tables(year=year, scope=Q(grouping_id__in=member_of))
