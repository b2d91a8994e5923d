"""Who may do what with criteria tables and score sheets (role × subtree)."""

from scoring.enums import APPRAISED_STATES, OPEN_TO_SELF, ScoreKind, SheetState, TableStatus
from units.enums import GroupingKind, Role

TABLE_MANAGERS = frozenset({Role.ADMIN, Role.PROVINCE_STAFF})
SELF_SCORERS = frozenset({Role.ADMIN, Role.PROVINCE_STAFF, Role.UNIT_STAFF})
OUTSIDE_GROUPINGS = frozenset({GroupingKind.OUTSIDE_BLOC, GroupingKind.CLUSTER})


def can_manage_table(user, table) -> bool:
    """Provincial staff keep the tables of the units they manage."""
    return user.role in TABLE_MANAGERS and table.owner.is_in_subtree_of(user.unit)


def can_create_tables(user) -> bool:
    return user.role in TABLE_MANAGERS


def can_appraise(user, table) -> bool:
    """Provincial staff appraise the tables they keep; for an internal bloc the bloc
    leader's staff appraise too (the trưởng khối scores its peers)."""
    if can_manage_table(user, table):
        return True
    grouping = table.grouping
    return (
        grouping is not None
        and grouping.kind == GroupingKind.BLOC
        and user.role in SELF_SCORERS
        and grouping.leader_id == user.unit_id
    )


def appraised_outside(table) -> bool:
    """The MTTQ bloc (seed 000) and the 7-province cluster (seed 002) score their members
    at their leader's, outside this system: the province only records the result it
    receives (services.sheet_appraisal_record)."""
    grouping = table.grouping
    return grouping is not None and grouping.kind in OUTSIDE_GROUPINGS


def is_party_to(unit, sheet) -> bool:
    """A unit is party to its own sheet and to those of the units above it: it appraises
    neither (a district does not judge its province)."""
    return unit.is_in_subtree_of(sheet.unit)


def can_appraise_sheet(user, sheet) -> bool:
    """As can_appraise, for one sheet: never one the user's unit is party to, nor one of
    an outside grouping (its leader appraises it; the result is recorded)."""
    if appraised_outside(sheet.table) or is_party_to(user.unit, sheet):
        return False
    return can_appraise(user, sheet.table)


def can_record_appraisal(user, sheet) -> bool:
    """Provincial staff who keep an outside grouping's table record the leader's result
    for a member's sheet, their own province's included: the result is the leader's."""
    return appraised_outside(sheet.table) and can_manage_table(user, sheet.table)


def can_self_score(user, sheet) -> bool:
    """A unit's own staff enter its self-score (the province's staff for the province's
    own sheet in the MTTQ bloc or the cluster)."""
    return user.role in SELF_SCORERS and user.unit_id == sheet.unit_id


def is_recordable(sheet) -> bool:
    """A leader's result is recorded on a submitted sheet, or corrected until published
    (services.sheet_appraisal_record checks it again)."""
    return sheet.table.status == TableStatus.PUBLISHED and (
        sheet.state == SheetState.SUBMITTED or (sheet.state == SheetState.APPRAISED and sheet.is_recorded)
    )


def can_record_now(user, sheet) -> bool:
    return can_record_appraisal(user, sheet) and is_recordable(sheet)


def can_submit_sheet(user, sheet) -> bool:
    return sheet.state in OPEN_TO_SELF and can_self_score(user, sheet)


def can_publish_sheet(user, sheet) -> bool:
    """An appraised sheet is published by whoever made its appraisal: the appraiser here,
    or the staff who recorded an outside leader's result."""
    if sheet.state != SheetState.APPRAISED:
        return False
    if sheet.is_recorded:
        return can_record_appraisal(user, sheet)
    return can_appraise_sheet(user, sheet)


def editing_kind(user, sheet) -> str:
    """The column of the sheet the user fills in now: the unit's self-score while the
    sheet is open to it, the appraisal once it is submitted; "" for none."""
    if sheet.state in OPEN_TO_SELF and can_self_score(user, sheet):
        return ScoreKind.SELF
    if sheet.state == SheetState.SUBMITTED and can_appraise_sheet(user, sheet):
        return ScoreKind.APPRAISED
    return ""


def sees_appraised(user, sheet) -> bool:
    """Whether the appraised column is shown: not on a draft, nor to the unit while its
    sheet is returned; for an outside grouping only once the leader's result is recorded
    (nobody appraises it here)."""
    if appraised_outside(sheet.table):
        return sheet.state in APPRAISED_STATES
    if sheet.state == SheetState.DRAFT:
        return False
    return sheet.state != SheetState.RETURNED or can_appraise_sheet(user, sheet)
