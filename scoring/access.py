"""Who may do what with criteria tables and score sheets (role × subtree)."""

from units.enums import GroupingKind, Role

TABLE_MANAGERS = frozenset({Role.ADMIN, Role.PROVINCE_STAFF})
SELF_SCORERS = frozenset({Role.ADMIN, Role.PROVINCE_STAFF, Role.UNIT_STAFF})


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


def can_appraise_sheet(user, sheet) -> bool:
    """As can_appraise, but a bloc leader never appraises its own sheet."""
    if can_manage_table(user, sheet.table):
        return True
    return can_appraise(user, sheet.table) and sheet.unit_id != user.unit_id


def can_self_score(user, sheet) -> bool:
    """A unit's own staff enter its self-score (the province's staff for the province's
    own sheet in the MTTQ bloc or the cluster)."""
    return user.role in SELF_SCORERS and user.unit_id == sheet.unit_id
