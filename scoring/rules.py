"""The rule language of criteria tables (the README, "Criteria tables and scores"), evaluated on the server.

A leaf's `quy_tac` is one or more parts separated by ";":

- ``tru:N``            done well = the standard; not done well = standard − N
- ``loai_tru``         a disqualifying event sets the item (and its bonus) to 0
- ``muc:K=P,…``        choose level K: P points, or ``P+B`` = P points plus B bonus
- ``nguong:T=P,…``     a percentage; the first threshold T with value ≥ T gives P (or P+B)
- ``dem:C=P,…``        a count; the first C with count ≥ C gives P (or P+B)
- ``chi_truong_khoi``  only the bloc's leading unit scores it; every other unit gets 0
- ``toi_da:N``         the largest value a ``nguong``/``dem`` item takes (a rate of a plan
                       can pass 100%: "đạt 120%", seed 002)
- empty                any whole or half point from 0 to the standard

A percentage is otherwise at most 100 and a count at most 100 times the highest threshold
(at least 1.000): past that it is a slip of the keyboard (9999%, 100000 exemplars).

Where an option carries ``+B`` the rule decides the bonus; otherwise the bonus is entered,
from 0 to the maximum bonus, in half points (seed 000's guidance texts).
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from units.formatting import format_points

HALF = Decimal("0.5")
ZERO = Decimal(0)
PERCENT_MAX = Decimal(100)
COUNT_MAX = Decimal(1000)
COUNT_FACTOR = 100

# Choices of a `tru` rule.
DONE_WELL = "dat"
NOT_WELL = "chua_dat"
DISQUALIFIED = "loai_tru"


class RuleError(ValueError):
    """A rule that cannot be parsed, or a score the rule does not allow."""


@dataclass(frozen=True)
class Option:
    key: str  # a level name (muc) or a threshold as text (nguong, dem)
    points: Decimal
    bonus: Decimal | None  # None: the option does not decide the bonus

    @property
    def threshold(self) -> Decimal:
        return Decimal(self.key)


@dataclass(frozen=True)
class Rule:
    kind: str = "manual"  # manual | tru | muc | nguong | dem
    deduction: Decimal = ZERO
    options: tuple[Option, ...] = ()
    disqualifiable: bool = False
    leader_only: bool = False
    text: str = ""
    maximum: Decimal | None = None  # toi_da

    @property
    def value_max(self) -> Decimal | None:
        """The largest percentage or count the item takes (None: it takes no value).
        Without toi_da a percentage stops at 100 (or at a higher threshold a table
        published before toi_da existed may hold) and a count at 100 times the highest
        threshold, at least 1.000."""
        if self.kind not in {"nguong", "dem"}:
            return None
        if self.maximum is not None:
            return self.maximum
        top = self.options[0].threshold if self.options else ZERO
        if self.kind == "nguong":
            return max(PERCENT_MAX, top)
        return max(COUNT_MAX, top * COUNT_FACTOR)

    @property
    def decides_bonus(self) -> bool:
        return any(o.bonus is not None for o in self.options)


@dataclass
class Outcome:
    achieved: Decimal
    bonus: Decimal
    choice: str = ""
    notes: list[str] = field(default_factory=list)


def check_plain_digits(text: str) -> None:
    """Python's Decimal reads full-width ("９９") and other scripts' digits as numbers: a
    value typed with an input method would be stored without anyone seeing it was odd.
    Numbers here are written with the digits 0–9 only."""
    if any(c.isdecimal() and not c.isascii() for c in text):
        raise RuleError(
            _("“%(t)s”: chỉ gõ số bằng các chữ số 0–9 thông thường (không dùng chữ số toàn độ rộng).")
            % {"t": text.strip()}
        )


def _number(text: str, what: str) -> Decimal:
    check_plain_digits(text)
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation as exc:
        raise RuleError(_("“%(t)s” không phải là số (%(w)s).") % {"t": text, "w": what}) from exc
    if not value.is_finite():
        raise RuleError(_("“%(t)s” không phải là số (%(w)s).") % {"t": text, "w": what})
    if value < 0:
        raise RuleError(_("%(w)s không được âm.") % {"w": what})
    return value


def _options(body: str, *, numeric_keys: bool) -> tuple[Option, ...]:
    options = []
    for part in body.split(","):
        if "=" not in part:
            raise RuleError(_("Phương án “%(p)s” thiếu dấu “=”.") % {"p": part})
        key, value = (s.strip() for s in part.split("=", 1))
        if not key:
            raise RuleError(_("Phương án “%(p)s” thiếu tên mức.") % {"p": part})
        points, _plus, bonus = value.partition("+")
        if numeric_keys:
            # "35" and "35.0" are one threshold: keys are normalised numbers.
            key = f"{_number(key, _('ngưỡng')).normalize():f}"
        options.append(
            Option(
                key=key,
                points=_number(points, _("điểm")),
                bonus=_number(bonus, _("điểm thưởng")) if _plus else None,
            )
        )
    keys = [o.key for o in options]
    if len(set(keys)) != len(keys):
        raise RuleError(_("Có mức bị lặp lại."))
    if numeric_keys and [o.threshold for o in options] != sorted(
        (o.threshold for o in options), reverse=True
    ):
        raise RuleError(_("Các ngưỡng phải xếp từ cao xuống thấp."))
    if numeric_keys and options[-1].threshold != 0:
        raise RuleError(_("Ngưỡng cuối cùng phải là 0 để mọi giá trị đều có điểm."))
    return tuple(options)


def parse_rule(text: str) -> Rule:
    text = (text or "").strip()
    kind, deduction, options, maximum = "manual", ZERO, (), None
    disqualifiable = leader_only = False
    for raw in filter(None, (p.strip() for p in text.split(";"))):
        name, _colon, body = raw.partition(":")
        name = name.strip().lower()
        if name == "loai_tru":
            disqualifiable = True
            continue
        if name == "chi_truong_khoi":
            leader_only = True
            continue
        if name == "toi_da":
            maximum = _number(body, _("giá trị tối đa"))
            continue
        if kind != "manual":
            raise RuleError(_("Một tiêu chí chỉ có một cách chấm (%(r)s).") % {"r": text})
        if name == "tru":
            kind, deduction = "tru", _number(body, _("điểm trừ"))
        elif name == "muc":
            kind, options = "muc", _options(body, numeric_keys=False)
        elif name in {"nguong", "dem"}:
            kind, options = name, _options(body, numeric_keys=True)
        else:
            raise RuleError(_("Không hiểu quy tắc “%(r)s”.") % {"r": raw})
    return Rule(
        kind=kind,
        deduction=deduction,
        options=options,
        disqualifiable=disqualifiable,
        leader_only=leader_only,
        text=text,
        maximum=maximum,
    )


def check_rule(rule: Rule, *, standard: Decimal, bonus_max: Decimal) -> None:
    """The rule's points stay within the item's standard and maximum bonus, in whole or
    half points like every score."""
    _check_maximum(rule)
    amounts = [rule.deduction] + [o.points for o in rule.options] + [o.bonus for o in rule.options if o.bonus]
    if any((amount / HALF) % 1 for amount in amounts):
        raise RuleError(_("Điểm trong quy tắc chỉ là điểm nguyên hoặc nửa điểm."))
    if rule.kind == "tru" and rule.deduction > standard:
        raise RuleError(_("Điểm trừ %(n)s lớn hơn điểm chuẩn %(s)s.") % {"n": rule.deduction, "s": standard})
    for option in rule.options:
        if option.points > standard:
            raise RuleError(
                _("Mức %(k)s cho %(p)s điểm, lớn hơn điểm chuẩn %(s)s.")
                % {"k": option.key, "p": option.points, "s": standard}
            )
        if option.bonus is not None and option.bonus > bonus_max:
            raise RuleError(
                _("Mức %(k)s thưởng %(b)s điểm, lớn hơn điểm thưởng tối đa %(m)s.")
                % {"k": option.key, "b": option.bonus, "m": bonus_max}
            )


def _check_maximum(rule: Rule) -> None:
    """toi_da belongs to nguong and dem, is whole, and leaves every threshold reachable; a
    percentage threshold above 100 needs it (new tables only: a published one is kept)."""
    if rule.maximum is not None:
        if rule.kind not in {"nguong", "dem"}:
            raise RuleError(_("toi_da chỉ dùng với quy tắc nguong hoặc dem."))
        if rule.maximum != rule.maximum.to_integral_value() or rule.maximum == 0:
            raise RuleError(_("toi_da phải là số nguyên lớn hơn 0."))
    if rule.kind not in {"nguong", "dem"}:
        return
    top = rule.options[0].threshold
    if rule.maximum is not None and rule.maximum < top:
        raise RuleError(
            _("toi_da %(m)s nhỏ hơn ngưỡng cao nhất %(t)s.") % {"m": _fmt(rule.maximum), "t": _fmt(top)}
        )
    if rule.kind == "nguong" and rule.maximum is None and top > PERCENT_MAX:
        raise RuleError(
            _("Ngưỡng %(t)s vượt 100%%: ghi thêm toi_da:N (tỷ lệ lớn nhất được nhập).") % {"t": _fmt(top)}
        )


def _half_points(value: Decimal, what: str, maximum: Decimal) -> Decimal:
    if value < 0 or value > maximum:
        raise RuleError(_("%(w)s phải từ 0 đến %(m)s.") % {"w": what, "m": _fmt(maximum)})
    if (value / HALF) % 1 != 0:
        raise RuleError(_("%(w)s chỉ nhận điểm nguyên hoặc nửa điểm.") % {"w": what})
    return value


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def _band(rule: Rule, value: Decimal) -> Option:
    """The first threshold the value reaches: there is always one, the last threshold
    being 0 (parse_rule holds it) and the value not negative (_checked_value)."""
    return next(option for option in rule.options if value >= option.threshold)


def _checked_value(rule: Rule, value: Decimal | None) -> Decimal:
    """The percentage of a `nguong` item or the count of a `dem` item, within its bounds."""
    if value is None:
        raise RuleError(_("Nhập giá trị (tỷ lệ % hoặc số lượng)."))
    if value < 0:
        raise RuleError(_("Giá trị không được âm."))
    if rule.kind == "dem" and value != value.to_integral_value():
        raise RuleError(_("Số lượng phải là số nguyên."))
    if value > rule.value_max:
        limit = format_points(rule.value_max)
        raise RuleError(
            _("Tỷ lệ phải từ 0 đến %(m)s%%.") % {"m": limit}
            if rule.kind == "nguong"
            else _("Số lượng phải từ 0 đến %(m)s.") % {"m": limit}
        )
    return value


def _tru(rule: Rule, choice: str, standard: Decimal, entered_bonus: Decimal) -> Outcome:
    if choice == DONE_WELL:
        return Outcome(standard, entered_bonus, choice=choice)
    if choice == NOT_WELL:
        return Outcome(standard - rule.deduction, entered_bonus, choice=choice)
    raise RuleError(_("Chọn “thực hiện tốt” hoặc “chưa tốt”."))


def _level(rule: Rule, choice: str) -> Option:
    option = next((o for o in rule.options if o.key == choice), None)
    if option is None:
        raise RuleError(_("Chọn một mức đánh giá."))
    return option


def evaluate(
    rule: Rule,
    *,
    standard: Decimal,
    bonus_max: Decimal,
    choice: str = "",
    value: Decimal | None = None,
    achieved: Decimal | None = None,
    bonus: Decimal | None = None,
    is_leader: bool = True,
) -> Outcome:
    """The points an item gets from what the scorer entered.

    `choice` is the option picked (a `tru` choice or a `muc` level), `value` the
    percentage or count of `nguong`/`dem`, `achieved` the points of a manual item and
    `bonus` the entered bonus where the rule does not decide it. Raises RuleError for a
    score the rule does not allow, with the reason in Vietnamese.
    """
    if rule.leader_only and not is_leader:
        return Outcome(ZERO, ZERO, notes=[_("Chỉ đơn vị trưởng khối được chấm mục này.")])
    if choice == DISQUALIFIED:
        if not rule.disqualifiable:
            raise RuleError(_("Mục này không có trường hợp loại trừ."))
        return Outcome(ZERO, ZERO, choice=DISQUALIFIED)

    entered_bonus = ZERO if bonus is None else _half_points(bonus, _("Điểm thưởng"), bonus_max)
    if rule.kind == "manual":
        points = _half_points(achieved if achieved is not None else ZERO, _("Điểm thực hiện"), standard)
        return Outcome(points, entered_bonus)
    if rule.kind == "tru":
        return _tru(rule, choice, standard, entered_bonus)
    option = _level(rule, choice) if rule.kind == "muc" else _band(rule, _checked_value(rule, value))
    points_bonus = option.bonus if rule.decides_bonus else entered_bonus
    return Outcome(option.points, points_bonus or ZERO, choice=option.key)


def _candidates(rule: Rule, achieved: Decimal) -> list[dict]:
    """What a scorer could have entered for the item, in the rule's order."""
    if rule.kind == "manual":
        return [{"achieved": achieved}]
    if rule.kind == "tru":
        return [{"choice": DONE_WELL}, {"choice": NOT_WELL}]
    if rule.kind == "muc":
        return [{"choice": o.key} for o in rule.options]
    return [{"value": o.threshold} for o in rule.options]


def outcome_from_points(
    rule: Rule,
    *,
    standard: Decimal,
    bonus_max: Decimal,
    achieved: Decimal,
    bonus: Decimal,
    is_leader: bool = True,
) -> Outcome:
    """Recover what was chosen from points alone (imports of a scored table): the first
    choice of the rule that gives exactly these points. Raises RuleError if none does."""
    nothing = achieved == 0 and bonus == 0
    if rule.leader_only and not is_leader:
        if nothing:
            return Outcome(ZERO, ZERO)
        raise RuleError(_("Chỉ đơn vị trưởng khối được chấm mục này; đơn vị khác được 0 điểm."))
    if rule.disqualifiable and nothing:
        return Outcome(ZERO, ZERO, choice=DISQUALIFIED)
    reasons = []
    for candidate in _candidates(rule, achieved):
        try:
            outcome = evaluate(rule, standard=standard, bonus_max=bonus_max, bonus=bonus, **candidate)
        except RuleError as exc:
            reasons.append(str(exc))
            continue
        if outcome.achieved == achieved and outcome.bonus == bonus:
            if "value" in candidate:
                outcome.notes.append(
                    _("Giá trị nhập từ điểm: từ ngưỡng %(t)s.") % {"t": _fmt(candidate["value"])}
                )
            return outcome
    if rule.kind == "manual":  # its one candidate matches unless evaluate refused it
        raise RuleError(reasons[0])
    raise RuleError(
        _("Quy tắc “%(r)s” không cho %(a)s điểm và %(b)s điểm thưởng.")
        % {"r": rule.text, "a": _fmt(achieved), "b": _fmt(bonus)}
    )


# --- Input patterns ----------------------------------------------------------------------
# The score inputs are text boxes, not type="number": Chromium's number box reads the
# Vietnamese "12,5" as 125 (it drops the comma), which would turn 9,5% into 95%. Their
# bounds go into a `pattern` instead, which the browser checks as one types.


def _whole_range(n: int) -> str:
    """A regular expression for the whole numbers 0..n (leading zeros allowed)."""

    def any_digits(count: int) -> str:
        return "" if count == 0 else "[0-9]" if count == 1 else f"[0-9]{{{count}}}"

    if n < 10:
        return f"[0-{n}]" if n else "0"
    digits = str(n)  # two digits at least
    # Shorter numbers, then those of the same length below n digit by digit, then n.
    parts = [f"[0-9]{{1,{len(digits) - 1}}}" if len(digits) > 2 else "[0-9]"]
    for i, digit in enumerate(digits):
        low, high = (1 if i == 0 else 0), int(digit) - 1
        if high >= low:
            choice = f"[{low}-{high}]" if high > low else str(low)
            parts.append(digits[:i] + choice + any_digits(len(digits) - i - 1))
    parts.append(digits)
    return "|".join(parts)


def input_pattern(maximum: Decimal, kind: str) -> str:
    """The `pattern` of an input of 0..maximum written with the digits 0–9 and a comma
    (or dot) for decimals: `kind` "count" (whole numbers), "percent" (two decimals) or
    "points" (whole or half points)."""
    top = int(maximum)
    if kind == "count":
        return _whole_range(top)
    decimals, zeros = ("[05]", "0") if kind == "points" else ("[0-9]{1,2}", "0{1,2}")
    if maximum != top:  # a maximum of 12.5 points: 0..12 each with its half
        return f"(?:{_whole_range(top)})(?:[.,]{decimals})?"
    if top == 0:
        return f"0(?:[.,]{zeros})?"
    return f"(?:{_whole_range(top - 1)})(?:[.,]{decimals})?|{top}(?:[.,]{zeros})?"


def input_text(value: Decimal) -> str:
    """A stored number as its input shows it: 32,25 (two decimals at most), 150 (not 150,0)."""
    return f"{value.quantize(Decimal('0.01')).normalize():f}".replace(".", ",")
