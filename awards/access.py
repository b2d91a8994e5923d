"""Who may do what with award dossiers (role × subtree)."""

from units.enums import Role

PROVINCE_ROLES = frozenset({Role.ADMIN, Role.PROVINCE_STAFF})
ACTING_ROLES = frozenset({Role.ADMIN, Role.PROVINCE_STAFF, Role.UNIT_STAFF})


def can_propose_for(user, unit) -> bool:
    """District and sector unions propose for themselves and their CĐCS."""
    return user.role in ACTING_ROLES and unit.is_in_subtree_of(user.unit)


def can_appraise(user, dossier) -> bool:
    """Provincial staff appraise the dossiers of the units below them."""
    return user.role in PROVINCE_ROLES and dossier.proposing_unit.is_in_subtree_of(user.unit)


def can_vote(user, dossier) -> bool:
    return user.role in {Role.COUNCIL, Role.ADMIN} and dossier.proposing_unit.is_in_subtree_of(user.unit)


def keeps_catalogue(user) -> bool:
    """The catalogue and the base salary are province-wide data: only the province's
    administrators and emulation staff change them."""
    return user.role in PROVINCE_ROLES and user.unit.parent_id is None


def keeps_fund(user) -> bool:
    """A union's award fund is set by its own emulation staff (or an administrator)."""
    return user.role in ACTING_ROLES
