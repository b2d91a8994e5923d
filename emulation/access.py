"""Who may do what in the yearly emulation cycle (role × subtree)."""

from units.enums import Role

PROVINCE_ROLES = frozenset({Role.ADMIN, Role.PROVINCE_STAFF})
ACTING_ROLES = frozenset({Role.ADMIN, Role.PROVINCE_STAFF, Role.UNIT_STAFF})


def can_manage_cycle(user) -> bool:
    """Campaigns, the annual plan, deadlines and acceptance are provincial staff's."""
    return user.role in PROVINCE_ROLES


def can_enter_for(user, unit) -> bool:
    """Unit staff act for their unit and the units below it (an upper-level union
    registers for its CĐCS); provincial staff for everything in their subtree."""
    return user.role in ACTING_ROLES and unit.is_in_subtree_of(user.unit)


def can_update_task(user, task) -> bool:
    """A plan task's progress: provincial staff, or an acting account of a unit the task
    names as responsible."""
    return can_manage_cycle(user) or (
        user.role in ACTING_ROLES and task.responsible.filter(pk=user.unit_id).exists()
    )


def can_review(user, unit) -> bool:
    """Accept or return a registration: provincial staff above the unit, not the unit's
    own staff."""
    return can_manage_cycle(user) and unit.is_in_subtree_of(user.unit) and unit.pk != user.unit_id
