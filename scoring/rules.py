"""The rule language of criteria tables (the README, "Criteria tables and scores"), evaluated on the server.

A leaf's `quy_tac` is one or more parts separated by ";":

- ``tru:N``            done well = the standard; not done well = standard − N
- ``loai_tru``         a disqualifying event sets the item (and its bonus) to 0
- ``muc:K=P,…``        choose level K: P points, or ``P+B`` = P points plus B bonus
- ``nguong:T=P,…``     a percentage; the first threshold T with value ≥ T gives P (or P+B)
- ``dem:C=P,…``        a count; the first C with count ≥ C gives P (or P+B)
- ``chi_truong_khoi``  only the bloc's leading unit scores it; every other unit gets 0
- empty                any whole or half point from 0 to the standard

Where an option carries ``+B`` the rule decides the bonus; otherwise the bonus is entered,
from 0 to the maximum bonus, in half points (seed 000's guidance texts).
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

HALF = Decimal("0.5")
ZERO = Decimal(0)

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

    @property
    def decides_bonus(self) -> bool:
        return any(o.bonus is not None for o in self.options)

    @property
    def needs_value(self) -> bool:
        return self.kind in {"nguong", "dem"}


@dataclass
class Outcome:
    achieved: Decimal
    bonus: Decimal
    choice: str = ""
    notes: list[str] = field(default_factory=list)


def _number(text: str, what: str) -> Decimal:
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
    kind, deduction, options = "manual", ZERO, ()
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
    )


def check_rule(rule: Rule, *, standard: Decimal, bonus_max: Decimal) -> None:
    """The rule's points stay within the item's standard and maximum bonus, in whole or
    half points like every score."""
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


def _half_points(value: Decimal, what: str, maximum: Decimal) -> Decimal:
    if value < 0 or value > maximum:
        raise RuleError(_("%(w)s phải từ 0 đến %(m)s.") % {"w": what, "m": _fmt(maximum)})
    if (value / HALF) % 1 != 0:
        raise RuleError(_("%(w)s chỉ nhận điểm nguyên hoặc nửa điểm.") % {"w": what})
    return value


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def _band(rule: Rule, value: Decimal) -> Option:
    for option in rule.options:
        if value >= option.threshold:
            return option
    raise RuleError(_("Giá trị %(v)s không thuộc ngưỡng nào.") % {"v": value})


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
        return Outcome(ZERO, ZERO, choice="", notes=[_("Chỉ đơn vị trưởng khối được chấm mục này.")])
    if choice == DISQUALIFIED:
        if not rule.disqualifiable:
            raise RuleError(_("Mục này không có trường hợp loại trừ."))
        return Outcome(ZERO, ZERO, choice=DISQUALIFIED)

    entered_bonus = ZERO if bonus is None else _half_points(bonus, _("Điểm thưởng"), bonus_max)
    if rule.kind == "manual":
        points = _half_points(achieved if achieved is not None else ZERO, _("Điểm thực hiện"), standard)
        return Outcome(points, entered_bonus)
    if rule.kind == "tru":
        if choice == DONE_WELL:
            return Outcome(standard, entered_bonus, choice=choice)
        if choice == NOT_WELL:
            return Outcome(standard - rule.deduction, entered_bonus, choice=choice)
        raise RuleError(_("Chọn “thực hiện tốt” hoặc “chưa tốt”."))
    if rule.kind == "muc":
        option = next((o for o in rule.options if o.key == choice), None)
        if option is None:
            raise RuleError(_("Chọn một mức đánh giá."))
    else:
        if value is None:
            raise RuleError(_("Nhập giá trị (tỷ lệ % hoặc số lượng)."))
        if value < 0:
            raise RuleError(_("Giá trị không được âm."))
        if rule.kind == "dem" and value != value.to_integral_value():
            raise RuleError(_("Số lượng phải là số nguyên."))
        option = _band(rule, value)
    points_bonus = option.bonus if rule.decides_bonus else entered_bonus
    return Outcome(option.points, points_bonus or ZERO, choice=option.key)


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
    if rule.leader_only and not is_leader:
        if achieved == 0 and bonus == 0:
            return Outcome(ZERO, ZERO)
        raise RuleError(_("Chỉ đơn vị trưởng khối được chấm mục này; đơn vị khác được 0 điểm."))
    if rule.disqualifiable and achieved == 0 and bonus == 0:
        return Outcome(ZERO, ZERO, choice=DISQUALIFIED)
    candidates: list[dict] = []
    if rule.kind == "manual":
        candidates.append({"achieved": achieved})
    elif rule.kind == "tru":
        candidates += [{"choice": DONE_WELL}, {"choice": NOT_WELL}]
    elif rule.kind == "muc":
        candidates += [{"choice": o.key} for o in rule.options]
    else:
        candidates += [{"value": o.threshold} for o in rule.options]
    reasons = []
    for candidate in candidates:
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
    raise RuleError(
        reasons[0]
        if rule.kind == "manual" and reasons
        else _("Quy tắc “%(r)s” không cho %(a)s điểm và %(b)s điểm thưởng.")
        % {"r": rule.text or _("chấm tự do"), "a": _fmt(achieved), "b": _fmt(bonus)}
    )
