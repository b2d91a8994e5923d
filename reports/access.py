"""Who may do what with formal documents (role × subtree)."""

from reports.enums import DocumentState
from units.access import DOCUMENT_WRITERS as WRITER_ROLES
from units.enums import Role

TEMPLATE_KEEPERS = frozenset({Role.ADMIN, Role.PROVINCE_STAFF})


def can_write(user) -> bool:
    """Staff draft and issue their own unit's documents; leaders, council members and
    viewers read them."""
    return user.role in WRITER_ROLES


def can_edit(user, document) -> bool:
    return can_write(user) and document.issuer.is_in_subtree_of(user.unit)


def can_see(user, document) -> bool:
    """A unit's documents are read in its subtree; once issued, also by the units below
    the issuer, to whom they are addressed (a province's plan reaches the districts)."""
    if document.issuer.is_in_subtree_of(user.unit):
        return True
    return document.state != DocumentState.DRAFT and user.unit.is_in_subtree_of(document.issuer)


def keeps_templates(user) -> bool:
    """Document templates are the province's: its administrators and emulation staff
    edit them; everyone drafts from them."""
    return user.role in TEMPLATE_KEEPERS and user.unit.parent_id is None
