"""The criteria tree with every sum computed from the leaves.

Seed 000's Word table has its subtotals typed by hand (section III's self-score reads 200
while its items add up to 195). Here no sum is ever stored: each group's standard, bonus
and scores are added up from its leaves whenever the tree is read.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from scoring.enums import ScoreKind
from scoring.rules import Rule, RuleError, parse_rule

ZERO = Decimal(0)


@dataclass
class Sums:
    achieved: Decimal = ZERO
    bonus: Decimal = ZERO
    scored_leaves: int = 0

    @property
    def total(self) -> Decimal:
        return self.achieved + self.bonus

    def add(self, other: "Sums") -> None:
        self.achieved += other.achieved
        self.bonus += other.bonus
        self.scored_leaves += other.scored_leaves


@dataclass
class Node:
    criterion: object  # Criterion, or an import row with the same attributes
    depth: int = 0
    children: list["Node"] = field(default_factory=list)
    standard: Decimal = ZERO
    bonus_max: Decimal = ZERO
    leaves: int = 0
    rule: Rule | None = None
    scores: dict = field(default_factory=dict)  # kind → ItemScore (leaves)
    sums: dict = field(default_factory=dict)  # kind → Sums

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def code(self) -> str:
        return self.criterion.code

    def walk(self) -> Iterable["Node"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def differs(self) -> bool:
        """The appraised points differ from the self-scored ones."""
        own, appraised = self.sums.get(ScoreKind.SELF), self.sums.get(ScoreKind.APPRAISED)
        if own is None or appraised is None or not own.scored_leaves or not appraised.scored_leaves:
            return False
        return (own.achieved, own.bonus) != (appraised.achieved, appraised.bonus)


def parent_code(code: str) -> str:
    return code.rsplit(".", 1)[0] if "." in code else ""


def build_tree(criteria: Iterable) -> list[Node]:
    """Nest criteria by parent (a `parent_id` or, for import rows, the code) and add up
    standards and maximum bonuses from the leaves."""
    nodes: dict = {}
    roots: list[Node] = []
    for criterion in criteria:
        parent_key = getattr(criterion, "parent_id", None) or parent_code(criterion.code) or None
        node = Node(criterion)
        nodes[getattr(criterion, "pk", None) or criterion.code] = node
        nodes.setdefault(criterion.code, node)
        parent = nodes.get(parent_key)
        if parent is None:
            roots.append(node)
        else:
            node.depth = parent.depth + 1
            parent.children.append(node)

    def total(node: Node) -> None:
        if node.is_leaf:
            node.standard = node.criterion.standard or ZERO
            node.bonus_max = node.criterion.bonus_max or ZERO
            node.leaves = 1
            try:
                node.rule = parse_rule(node.criterion.rule)
            except RuleError:
                # Only import rows can hold a bad rule; check_criteria names the row.
                node.rule = Rule()
            return
        for child in node.children:
            total(child)
        node.standard = sum((c.standard for c in node.children), ZERO)
        node.bonus_max = sum((c.bonus_max for c in node.children), ZERO)
        node.leaves = sum(c.leaves for c in node.children)

    for root in roots:
        total(root)
    return roots


def attach_scores(roots: list[Node], items: Iterable, *, fallback_appraised_to_self: bool = False) -> None:
    """Put each ItemScore on its leaf and add the points up every level.

    With `fallback_appraised_to_self`, a leaf the appraiser did not change counts at its
    self-scored points: appraisal starts from the unit's own score.
    """
    by_leaf: dict = {}
    for item in items:
        by_leaf.setdefault(item.criterion_id, {})[item.kind] = item

    def add(node: Node) -> None:
        node.sums = {kind: Sums() for kind in ScoreKind.values}
        if node.is_leaf:
            node.scores = by_leaf.get(node.criterion.pk, {})
            for kind in ScoreKind.values:
                item = node.scores.get(kind)
                if item is None and kind == ScoreKind.APPRAISED and fallback_appraised_to_self:
                    item = node.scores.get(ScoreKind.SELF)
                if item is not None:
                    node.sums[kind] = Sums(item.achieved, item.bonus, 1)
            return
        for child in node.children:
            add(child)
            for kind in ScoreKind.values:
                node.sums[kind].add(child.sums[kind])

    for root in roots:
        add(root)


def _number(value: Decimal):
    """950 for whole numbers, 12.5 otherwise: how the JSON output prints points."""
    return int(value) if value == value.to_integral_value() else float(value)


def totals(roots: list[Node], kind: str) -> dict:
    standard = sum((r.standard for r in roots), ZERO)
    bonus_max = sum((r.bonus_max for r in roots), ZERO)
    achieved = sum((r.sums[kind].achieved for r in roots), ZERO)
    bonus = sum((r.sums[kind].bonus for r in roots), ZERO)
    return {
        "standard": _number(standard),
        "bonus_max": _number(bonus_max),
        "achieved": _number(achieved),
        "bonus": _number(bonus),
        "total": _number(achieved + bonus),
        "sections": [
            {
                "code": r.code,
                "standard": _number(r.standard),
                "bonus_max": _number(r.bonus_max),
                "achieved": _number(r.sums[kind].achieved),
                "bonus": _number(r.sums[kind].bonus),
            }
            for r in roots
        ],
    }


def flatten(roots: list[Node]) -> list[Node]:
    return [node for root in roots for node in root.walk()]
