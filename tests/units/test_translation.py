"""The English translation is complete and compiled: a missing entry would show
Vietnamese text on an English page, a stale .mo would hide a new translation."""

import gettext
import re
from pathlib import Path

PO = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries():
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        msgid = "".join(re.findall(r'^(?:msgid|msgid_plural)? ?"(.*)"$', block.split("msgstr")[0], re.M))
        if not msgid:
            continue  # the header
        msgstrs = re.findall(r'^msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', block, re.M)
        yield block, msgid, ["".join([first, *re.findall(r'"(.*)"', rest)]) for first, rest in msgstrs]


def test_every_message_is_translated_and_not_fuzzy():
    problems = [msgid for block, msgid, strs in _entries() if "#, fuzzy" in block or not all(strs)]
    assert problems == []


def test_compiled_catalog_matches_the_po_file():
    with PO.with_suffix(".mo").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    for block, _msgid, strs in _entries():
        if "msgid_plural" in block or "msgctxt" in block:
            continue
        first = re.search(r'^msgid "(.*)"((?:\n".*")*)', block, re.M)
        msgid = first.group(1) + "".join(re.findall(r'"(.*)"', first.group(2)))
        msgid = msgid.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        expected = strs[0].encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        assert catalog.gettext(msgid) == expected, msgid


ROOT = PO.parents[3]
APPS = ("units", "emulation", "awards", "scoring", "reports", "config", "templates")
# The names makemessages extracts: an alias such as `gettext_lazy as _lazy` is not one.
PY_MESSAGE = re.compile(r'\b(?:_|gettext|gettext_lazy)\(\s*"((?:[^"\\\n]|\\.)*)"\s*[,)%]')
TEMPLATE_MESSAGE = re.compile(r"""{%\s*translate\s+(?:"([^"]*)"|'([^']*)')""")


def test_every_string_marked_in_the_code_is_in_the_catalogue():
    """A string marked for translation after the last `makemessages` would show in
    Vietnamese on an English page; this finds the one-line ones."""
    known = {msgid for _block, msgid, _strs in _entries()}
    missing = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*"):
            if "migrations" in path.parts or path.suffix not in {".py", ".html"}:
                continue
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".py":
                found = PY_MESSAGE.findall(text)
            else:  # makemessages writes a template's % as %%
                found = [(a or b).replace("%", "%%") for a, b in TEMPLATE_MESSAGE.findall(text)]
            missing |= {f"{path.relative_to(ROOT)}: {m}" for m in found if m and m not in known}
    assert sorted(missing) == []
