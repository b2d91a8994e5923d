"""Text from users, stored in one form: Unicode NFC, without invisible characters.

Vietnamese letters can be typed precomposed ("ễ", one code point, NFC) or decomposed
("e" + circumflex + tilde, NFD: macOS file names, some keyboards and PDFs copied from).
Both look identical, but a name stored decomposed is not found by a search typed
precomposed, sorts elsewhere and counts more characters against a length limit. Every
text the product stores from users — forms, CSV/XLSX imports, the few fields views read
directly — passes through `clean_text` first.
"""

import unicodedata
from collections.abc import Iterable, Mapping

# Kept control characters: a textarea's line breaks and tabs.
KEPT_CONTROLS = frozenset("\t\n\r")


def _invisible(char: str) -> bool:
    """Control characters (Cc: NUL, escape … pasted from Word or a PDF) and format
    characters (Cf: zero-width space and joiners, soft hyphen, byte-order mark, bidi
    overrides). None of them is part of Vietnamese text; each would make two names that
    look the same differ for search and uniqueness, and bidi overrides can disguise a
    name. Removing them is safe here: the product stores no script that needs joiners."""
    category = unicodedata.category(char)
    return (category == "Cc" and char not in KEPT_CONTROLS) or category == "Cf"


def clean_text(value: str) -> str:
    """`value` in NFC, without control and zero-width characters (line breaks kept)."""
    value = unicodedata.normalize("NFC", value)
    if any(_invisible(c) for c in value):
        value = "".join(c for c in value if not _invisible(c))
    return value


def clean_data(data: Mapping, *, skip: Iterable[str] = ()):
    """A copy of submitted form data (a QueryDict or a dict) with every text value
    cleaned, except the keys in `skip` (passwords are compared exactly as typed)."""
    skip = frozenset(skip)
    if hasattr(data, "lists"):  # QueryDict / MultiValueDict: every value of a key
        cleaned = data.copy()
        for key, values in data.lists():
            if key not in skip:
                cleaned.setlist(key, [clean_text(v) if isinstance(v, str) else v for v in values])
        return cleaned
    return {key: value if key in skip else _clean_value(value) for key, value in data.items()}


def _clean_value(value):
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        return type(value)(clean_text(v) if isinstance(v, str) else v for v in value)
    return value
