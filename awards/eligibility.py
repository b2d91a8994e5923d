"""Eligibility checks as data over a nominee's history (seed 003 §V.2).

An award form carries a list of rules; each rule applies to some nominees (collectives or
individuals, a sector, leaders or not, heads of unit) and holds checks:

- ``{"check": "titles", "titles": ["ttldtt", "ttldxs"], "years": 5, "until": 2020, "consecutive": true}``
- ``{"check": "ratings", "ratings": ["htxsnv"], "count": 2, "from": 2016, "until": 2020}``
- ``{"check": "award", "levels": ["ubnd_tinh", "bo_nganh"], "forms": [], "from": 2016, "until": 2020,
  "members": false}``
- ``{"check": "initiative", "level": 2, "count": 1, "from": 2016, "until": 2020, "members": true}``
- ``{"check": "no_discipline", "level": 1, "from": 2016, "until": 2020, "members": true}``
- ``{"check": "head_unit_titles", "titles": ["ttldxs"], "count": 2, "from": 2016, "until": 2020}``
- ``{"check": "any", "label": "…", "of": [check, check, …]}`` — one of them suffices.

Each check answers pass, fail, or cannot tell (no history at all for the years asked),
with its reason in Vietnamese. `members` widens a collective's check to the people of
its subtree ("có từ 01 cá nhân trở lên…", "không có … bị kỷ luật").

Each kind of check is one function of `CHECKS`, called with the check's parameters, the
nominee's history and the last year to read when the check names none.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from awards.enums import DisciplineLevel, HistoryKind, InitiativeLevel, IssuingLevel, Rating
from awards.models import HistoryEntry, Nominee, Person
from emulation.enums import EmulationTitle
from units.enums import Sector

PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"


@dataclass
class Outcome:
    status: str
    label: str
    reason: str

    def as_dict(self) -> dict:
        return {"status": self.status, "label": self.label, "reason": self.reason}


@dataclass(frozen=True)
class Window:
    """The years a check reads: `from`–`until`, or the last `years` (default 1) up to
    `until`, which defaults to the year before the dossier's."""

    start: int
    until: int

    @classmethod
    def of(cls, spec: dict, default_until: int) -> "Window":
        until = int(spec.get("until", default_until))
        return cls(int(spec.get("from", until - int(spec.get("years", 1)) + 1)), until)

    def __contains__(self, year: int) -> bool:
        return self.start <= year <= self.until

    @property
    def years(self) -> range:
        return range(self.start, self.until + 1)

    @property
    def span(self) -> str:
        return _("%(a)s–%(b)s") % {"a": self.start, "b": self.until}


def _title_names(codes) -> str:
    return " / ".join(str(EmulationTitle(c).label) if c in EmulationTitle.values else c for c in codes)


def _year_list(years) -> str:
    return ", ".join(map(str, years))


class History:
    """A nominee's history entries (and its members' for a collective), read once."""

    def __init__(self, nominee: Nominee):
        if nominee.person_id:
            self.own = list(HistoryEntry.objects.filter(person=nominee.person).select_related("award_form"))
            self.members = self.own
            self.unit_history = list(HistoryEntry.objects.filter(unit=nominee.person.unit))
        else:
            unit = nominee.unit
            self.own = list(HistoryEntry.objects.filter(unit=unit).select_related("award_form"))
            people = Person.objects.filter(unit__path__startswith=unit.path)
            self.members = list(HistoryEntry.objects.filter(person__in=people).select_related("award_form"))
            self.unit_history = self.own

    @staticmethod
    def known_years(entries, start, until) -> set[int]:
        return {e.year for e in entries if start <= e.year <= until}

    def entries(self, spec: dict) -> list:
        """The nominee's own entries, or with `members` its people's."""
        return self.members if spec.get("members") else self.own


def _years_of(entries, kind: str, field: str, values: set, window: Window) -> list[int]:
    """The years in the window with an entry of `kind` whose `field` is one of `values`."""
    return sorted(
        {e.year for e in entries if e.kind == kind and getattr(e, field) in values and e.year in window}
    )


def _longest_run(years: list[int], window: Window) -> int:
    best = run = 0
    for year in window.years:
        run = run + 1 if year in years else 0
        best = max(best, run)
    return best


def check_any(spec: dict, history: History, default_until: int) -> Outcome:
    outcomes = [evaluate_check(s, history, default_until=default_until) for s in spec["of"]]
    label = spec.get("label") or _("Một trong các điều kiện")
    passed = [o for o in outcomes if o.status == PASS]
    if passed:
        return Outcome(PASS, label, passed[0].reason)
    status = UNKNOWN if any(o.status == UNKNOWN for o in outcomes) else FAIL
    return Outcome(status, label, "; ".join(o.reason for o in outcomes))


def check_titles(spec: dict, history: History, default_until: int) -> Outcome:
    """`years` years (by default every year of the window) with one of the titles, in a row
    unless `consecutive` is false."""
    window = Window.of(spec, default_until)
    needed = int(spec.get("years", window.until - window.start + 1))
    consecutive = spec.get("consecutive", True)
    years = _years_of(history.own, HistoryKind.TITLE, "title", set(spec["titles"]), window)
    label = _("%(n)s năm %(t)s (%(s)s)") % {"n": needed, "t": _title_names(spec["titles"]), "s": window.span}
    count = _longest_run(years, window) if consecutive else len(years)
    if count >= needed:
        return Outcome(PASS, label, _("Đạt các năm %(y)s.") % {"y": _year_list(years)})
    known = History.known_years(history.own, window.start, window.until)
    missing_data = [y for y in window.years if y not in known]
    if missing_data:
        return Outcome(UNKNOWN, label, _("Chưa có dữ liệu năm %(y)s.") % {"y": _year_list(missing_data)})
    if consecutive:
        return Outcome(FAIL, label, _("Chỉ đạt %(n)s năm liên tục.") % {"n": count})
    return Outcome(FAIL, label, _("Chỉ đạt %(n)s năm.") % {"n": count})


def check_ratings(spec: dict, history: History, default_until: int) -> Outcome:
    """`count` years (default 1) rated one of the ratings."""
    window = Window.of(spec, default_until)
    needed = int(spec.get("count", 1))
    years = _years_of(history.own, HistoryKind.RATING, "rating", set(spec["ratings"]), window)
    names = " / ".join(str(Rating(r).label) for r in spec["ratings"])
    label = _("%(n)s năm %(r)s (%(s)s)") % {"n": needed, "r": names, "s": window.span}
    if len(years) >= needed:
        return Outcome(PASS, label, _("Các năm %(y)s.") % {"y": _year_list(years)})
    if not History.known_years(history.entries(spec), window.start, window.until):
        return Outcome(UNKNOWN, label, _("Chưa có dữ liệu xếp loại %(s)s.") % {"s": window.span})
    return Outcome(FAIL, label, _("Có %(n)s năm.") % {"n": len(years)})


def check_award(spec: dict, history: History, default_until: int) -> Outcome:
    """`count` awards (default 1) issued at one of the `levels` or of one of the `forms`."""
    window = Window.of(spec, default_until)
    levels, forms = spec.get("levels", []), spec.get("forms", [])
    entries = history.entries(spec)
    hits = [
        e
        for e in entries
        if e.kind == HistoryKind.AWARD
        and e.year in window
        and e.award_form
        and (e.award_form.issuing_level in levels or e.award_form.code in forms)
    ]
    names = ", ".join([str(IssuingLevel(v).label) for v in levels] + forms)
    who = _("thành viên ") if spec.get("members") else ""
    label = _("Có %(w)skhen thưởng của %(n)s (%(s)s)") % {"w": who, "n": names, "s": window.span}
    if len(hits) >= int(spec.get("count", 1)):
        return Outcome(PASS, label, "; ".join(f"{e.year}: {e.award_form.name}" for e in hits[:3]))
    if not History.known_years(entries, window.start, window.until):
        return Outcome(UNKNOWN, label, _("Chưa có dữ liệu khen thưởng %(s)s.") % {"s": window.span})
    return Outcome(FAIL, label, _("Không có khen thưởng phù hợp."))


def check_initiative(spec: dict, history: History, default_until: int) -> Outcome:
    """`count` initiatives (default 1) recognised at `level` (default 1, the unit's) or higher."""
    window = Window.of(spec, default_until)
    level, needed = int(spec.get("level", 1)), int(spec.get("count", 1))
    entries = history.entries(spec)
    hits = [
        e
        for e in entries
        if e.kind == HistoryKind.INITIATIVE and e.year in window and (e.initiative_level or 0) >= level
    ]
    who = _("thành viên có ") if spec.get("members") else ""
    label = _("%(w)s%(n)s sáng kiến từ %(l)s (%(s)s)") % {
        "w": who,
        "n": needed,
        "l": str(InitiativeLevel(level).label).lower(),
        "s": window.span,
    }
    if len(hits) >= needed:
        return Outcome(
            PASS,
            label,
            "; ".join(f"{e.year}: {e.description or e.get_initiative_level_display()}" for e in hits[:3]),
        )
    if not History.known_years(entries, window.start, window.until):
        return Outcome(UNKNOWN, label, _("Chưa có dữ liệu sáng kiến %(s)s.") % {"s": window.span})
    return Outcome(FAIL, label, _("Có %(n)s sáng kiến đạt mức này.") % {"n": len(hits)})


def check_no_discipline(spec: dict, history: History, default_until: int) -> Outcome:
    """No discipline at `level` (default a reprimand) or heavier."""
    window = Window.of(spec, default_until)
    level = int(spec.get("level", DisciplineLevel.REPRIMAND))
    entries = history.entries(spec)
    hits = [
        e
        for e in entries
        if e.kind == HistoryKind.DISCIPLINE and e.year in window and (e.discipline_level or 0) >= level
    ]
    who = _("thành viên ") if spec.get("members") else ""
    label = _("Không có %(w)sbị kỷ luật từ %(l)s trở lên (%(s)s)") % {
        "w": who,
        "l": str(DisciplineLevel(level).label).lower(),
        "s": window.span,
    }
    if hits:
        return Outcome(
            FAIL, label, "; ".join(f"{e.year}: {e.get_discipline_level_display()}" for e in hits[:3])
        )
    if not History.known_years(entries, window.start, window.until):
        return Outcome(UNKNOWN, label, _("Chưa có dữ liệu %(s)s để khẳng định.") % {"s": window.span})
    return Outcome(PASS, label, _("Không có kỷ luật."))


def check_head_unit_titles(spec: dict, history: History, default_until: int) -> Outcome:
    """The head of a unit: the unit holds `count` years (default 2) of one of the titles."""
    window = Window.of(spec, default_until)
    needed = int(spec.get("count", 2))
    years = _years_of(history.unit_history, HistoryKind.TITLE, "title", set(spec["titles"]), window)
    label = _("Đơn vị của người đứng đầu có %(n)s năm %(t)s (%(s)s)") % {
        "n": needed,
        "t": _title_names(spec["titles"]),
        "s": window.span,
    }
    if len(years) >= needed:
        return Outcome(PASS, label, _("Các năm %(y)s.") % {"y": _year_list(years)})
    if not History.known_years(history.unit_history, window.start, window.until):
        return Outcome(UNKNOWN, label, _("Chưa có dữ liệu của đơn vị %(s)s.") % {"s": window.span})
    return Outcome(FAIL, label, _("Có %(n)s năm.") % {"n": len(years)})


CHECKS: dict[str, Callable[[dict, History, int], Outcome]] = {
    "any": check_any,
    "titles": check_titles,
    "ratings": check_ratings,
    "award": check_award,
    "initiative": check_initiative,
    "no_discipline": check_no_discipline,
    "head_unit_titles": check_head_unit_titles,
}


def evaluate_check(spec: dict, history: History, *, default_until: int) -> Outcome:
    kind = spec["check"]
    check = CHECKS.get(kind)
    if check is None:
        return Outcome(UNKNOWN, kind, _("Không biết điều kiện “%(k)s”.") % {"k": kind})
    return check(spec, history, default_until)


class _NoHistory(History):
    """No entries at all: evaluating against it yields each check's label only."""

    def __init__(self):
        self.own = self.members = self.unit_history = []


def describe_rules(rules: list[dict], *, until: int) -> list[tuple[dict, list[str]]]:
    """The rules in words, per group of nominees they apply to — for documents that
    print the standards (seed 003 §V.2) from the very data that checks the nominees."""
    described = []
    for rule in rules:
        labels = [evaluate_check(c, _NoHistory(), default_until=until).label for c in rule.get("checks", [])]
        described.append((rule.get("applies_to", {}), labels))
    return described


def rule_applies(rule: dict, nominee: Nominee) -> bool:
    scope = rule.get("applies_to", {})
    if "recipient" in scope and scope["recipient"] != (
        "collective" if nominee.is_collective else "individual"
    ):
        return False
    if "sector" in scope and scope["sector"] != (nominee.sector or Sector.HCSN):
        return False
    person = nominee.person
    if "leader" in scope and (person is None or person.is_leader != scope["leader"]):
        return False
    return not ("head" in scope and (person is None or person.is_head_of_unit != scope["head"]))


def evaluate_nominee(nominee: Nominee, rules: list[dict], *, default_until: int) -> list[dict]:
    history = History(nominee)
    results = []
    for rule in rules:
        if rule_applies(rule, nominee):
            results += [
                evaluate_check(c, history, default_until=default_until).as_dict() for c in rule["checks"]
            ]
    return results


def evaluate_dossier(dossier) -> None:
    """Fill every nominee's checklist from the award form's rules (at appraisal)."""
    rules = dossier.award_form.eligibility or []
    for nominee in dossier.nominees.select_related("person", "person__unit", "unit"):
        nominee.eligibility = evaluate_nominee(nominee, rules, default_until=dossier.year - 1)
        nominee.save(update_fields=["eligibility"])


def summary(checklist: list[dict]) -> str:
    statuses = {c["status"] for c in checklist}
    if FAIL in statuses:
        return FAIL
    if UNKNOWN in statuses:
        return UNKNOWN
    return PASS if checklist else ""
