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
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from awards.enums import DisciplineLevel, HistoryKind, InitiativeLevel, IssuingLevel, Rating
from awards.models import HistoryEntry, Nominee, Person
from emulation.enums import EmulationTitle

PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"


@dataclass
class Outcome:
    status: str
    label: str
    reason: str

    def as_dict(self) -> dict:
        return {"status": self.status, "label": self.label, "reason": self.reason}


def _years(spec: dict, default_until: int) -> tuple[int, int]:
    until = int(spec.get("until", default_until))
    start = int(spec.get("from", until - int(spec.get("years", 1)) + 1))
    return start, until


def _title_names(codes) -> str:
    return " / ".join(str(EmulationTitle(c).label) if c in EmulationTitle.values else c for c in codes)


class History:
    """A nominee's history entries (and its members' for a collective), read once."""

    def __init__(self, nominee: Nominee):
        self.nominee = nominee
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


def evaluate_check(spec: dict, history: History, *, default_until: int) -> Outcome:
    kind = spec["check"]
    if kind == "any":
        outcomes = [evaluate_check(s, history, default_until=default_until) for s in spec["of"]]
        label = spec.get("label") or _("Một trong các điều kiện")
        passed = [o for o in outcomes if o.status == PASS]
        if passed:
            return Outcome(PASS, label, passed[0].reason)
        if any(o.status == UNKNOWN for o in outcomes):
            return Outcome(UNKNOWN, label, "; ".join(o.reason for o in outcomes))
        return Outcome(FAIL, label, "; ".join(o.reason for o in outcomes))

    start, until = _years(spec, default_until)
    span = _("%(a)s–%(b)s") % {"a": start, "b": until}
    entries = history.members if spec.get("members") else history.own
    known = History.known_years(entries, start, until)

    if kind == "titles":
        titles = set(spec["titles"])
        needed = int(spec.get("years", until - start + 1))
        years = sorted(
            {
                e.year
                for e in history.own
                if e.kind == HistoryKind.TITLE and e.title in titles and start <= e.year <= until
            }
        )
        label = _("%(n)s năm %(t)s (%(s)s)") % {"n": needed, "t": _title_names(spec["titles"]), "s": span}
        if spec.get("consecutive", True):
            best = run = 0
            for year in range(start, until + 1):
                run = run + 1 if year in years else 0
                best = max(best, run)
            count = best
        else:
            count = len(years)
        if count >= needed:
            return Outcome(PASS, label, _("Đạt các năm %(y)s.") % {"y": ", ".join(map(str, years))})
        missing_data = [y for y in range(start, until + 1) if y not in History.known_years(history.own, y, y)]
        if missing_data:
            return Outcome(
                UNKNOWN, label, _("Chưa có dữ liệu năm %(y)s.") % {"y": ", ".join(map(str, missing_data))}
            )
        return Outcome(
            FAIL,
            label,
            _("Chỉ đạt %(n)s năm liên tục.") % {"n": count}
            if spec.get("consecutive", True)
            else _("Chỉ đạt %(n)s năm.") % {"n": count},
        )

    if kind == "ratings":
        ratings = set(spec["ratings"])
        needed = int(spec.get("count", 1))
        years = sorted(
            {
                e.year
                for e in history.own
                if e.kind == HistoryKind.RATING and e.rating in ratings and start <= e.year <= until
            }
        )
        names = " / ".join(str(Rating(r).label) for r in spec["ratings"])
        label = _("%(n)s năm %(r)s (%(s)s)") % {"n": needed, "r": names, "s": span}
        if len(years) >= needed:
            return Outcome(PASS, label, _("Các năm %(y)s.") % {"y": ", ".join(map(str, years))})
        if not known:
            return Outcome(UNKNOWN, label, _("Chưa có dữ liệu xếp loại %(s)s.") % {"s": span})
        return Outcome(FAIL, label, _("Có %(n)s năm.") % {"n": len(years)})

    if kind == "award":
        levels, forms = set(spec.get("levels", [])), set(spec.get("forms", []))
        hits = [
            e
            for e in entries
            if e.kind == HistoryKind.AWARD
            and start <= e.year <= until
            and e.award_form
            and (e.award_form.issuing_level in levels or e.award_form.code in forms)
        ]
        names = ", ".join(
            [str(IssuingLevel(v).label) for v in spec.get("levels", [])] + spec.get("forms", [])
        )
        who = _("thành viên ") if spec.get("members") else ""
        label = _("Có %(w)skhen thưởng của %(n)s (%(s)s)") % {"w": who, "n": names, "s": span}
        if len(hits) >= int(spec.get("count", 1)):
            return Outcome(PASS, label, "; ".join(f"{e.year}: {e.award_form.name}" for e in hits[:3]))
        if not known:
            return Outcome(UNKNOWN, label, _("Chưa có dữ liệu khen thưởng %(s)s.") % {"s": span})
        return Outcome(FAIL, label, _("Không có khen thưởng phù hợp."))

    if kind == "initiative":
        level, needed = int(spec.get("level", 1)), int(spec.get("count", 1))
        hits = [
            e
            for e in entries
            if e.kind == HistoryKind.INITIATIVE
            and start <= e.year <= until
            and (e.initiative_level or 0) >= level
        ]
        who = _("thành viên có ") if spec.get("members") else ""
        label = _("%(w)s%(n)s sáng kiến từ %(l)s (%(s)s)") % {
            "w": who,
            "n": needed,
            "l": str(InitiativeLevel(level).label).lower(),
            "s": span,
        }
        if len(hits) >= needed:
            return Outcome(
                PASS,
                label,
                "; ".join(f"{e.year}: {e.description or e.get_initiative_level_display()}" for e in hits[:3]),
            )
        if not known:
            return Outcome(UNKNOWN, label, _("Chưa có dữ liệu sáng kiến %(s)s.") % {"s": span})
        return Outcome(FAIL, label, _("Có %(n)s sáng kiến đạt mức này.") % {"n": len(hits)})

    if kind == "no_discipline":
        level = int(spec.get("level", DisciplineLevel.REPRIMAND))
        hits = [
            e
            for e in entries
            if e.kind == HistoryKind.DISCIPLINE
            and start <= e.year <= until
            and (e.discipline_level or 0) >= level
        ]
        who = _("thành viên ") if spec.get("members") else ""
        label = _("Không có %(w)sbị kỷ luật từ %(l)s trở lên (%(s)s)") % {
            "w": who,
            "l": str(DisciplineLevel(level).label).lower(),
            "s": span,
        }
        if hits:
            return Outcome(
                FAIL, label, "; ".join(f"{e.year}: {e.get_discipline_level_display()}" for e in hits[:3])
            )
        if not known:
            return Outcome(UNKNOWN, label, _("Chưa có dữ liệu %(s)s để khẳng định.") % {"s": span})
        return Outcome(PASS, label, _("Không có kỷ luật."))

    if kind == "head_unit_titles":
        titles, needed = set(spec["titles"]), int(spec.get("count", 2))
        years = sorted(
            {
                e.year
                for e in history.unit_history
                if e.kind == HistoryKind.TITLE and e.title in titles and start <= e.year <= until
            }
        )
        label = _("Đơn vị của người đứng đầu có %(n)s năm %(t)s (%(s)s)") % {
            "n": needed,
            "t": _title_names(spec["titles"]),
            "s": span,
        }
        if len(years) >= needed:
            return Outcome(PASS, label, _("Các năm %(y)s.") % {"y": ", ".join(map(str, years))})
        if not History.known_years(history.unit_history, start, until):
            return Outcome(UNKNOWN, label, _("Chưa có dữ liệu của đơn vị %(s)s.") % {"s": span})
        return Outcome(FAIL, label, _("Có %(n)s năm.") % {"n": len(years)})

    return Outcome(UNKNOWN, kind, _("Không biết điều kiện “%(k)s”.") % {"k": kind})


class _NoHistory(History):
    """No entries at all: evaluating against it yields each check's label only."""

    def __init__(self):
        self.nominee = None
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
    if "sector" in scope and scope["sector"] != (nominee.sector or "hcsn"):
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
