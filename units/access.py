"""What each role may do. Access is always role × the account's unit subtree: these
functions answer the role half; the queries in units.queries answer the subtree half."""

from units.enums import Role

# Roles that write the province's reference data: the unit tree, blocs and clusters.
UNIT_MANAGERS = frozenset({Role.ADMIN, Role.PROVINCE_STAFF})


# Roles that draft and issue their unit's documents (reports); the others read them.
DOCUMENT_WRITERS = frozenset({Role.ADMIN, Role.PROVINCE_STAFF, Role.UNIT_STAFF})


def can_write_documents(user) -> bool:
    return user.is_authenticated and user.is_active and user.role in DOCUMENT_WRITERS


def can_manage_units(user) -> bool:
    return user.is_authenticated and user.is_active and user.role in UNIT_MANAGERS


def can_manage_groupings(user) -> bool:
    return can_manage_units(user)


def can_manage_accounts(user) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.ADMIN


def can_read_audit(user) -> bool:
    return can_manage_accounts(user)
