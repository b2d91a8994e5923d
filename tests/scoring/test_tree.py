"""The criteria tree: every group's standard, bonus and scores added up from its leaves
(seed 000 types its subtotals by hand; here no sum is stored)."""

from decimal import Decimal as D
from types import SimpleNamespace

from scoring.enums import ScoreKind
from scoring.rules import Rule, parse_rule
from scoring.tree import Node, Sums, attach_scores, build_tree, flatten, parent_code, totals


def row(code, standard=None, bonus_max=None, rule="", **kwargs):
    """An import row: no pk, its parent read from its code."""
    return SimpleNamespace(code=code, standard=standard, bonus_max=bonus_max, rule=rule, **kwargs)


def criterion(pk, code, parent_id=None, standard=None, bonus_max=None, rule=""):
    return row(code, standard, bonus_max, rule, pk=pk, parent_id=parent_id)


def item(criterion_id, kind, achieved, bonus=0):
    return SimpleNamespace(criterion_id=criterion_id, kind=kind, achieved=D(achieved), bonus=D(bonus))


# I (30 + bonus 5) with I.1 (10) and I.2 (20 + 5); II (15) a single leaf.
CRITERIA = [
    criterion(1, "I"),
    criterion(2, "I.1", 1, D(10), D(0), "tru:5"),
    criterion(3, "I.2", 1, D(20), D(5)),
    criterion(4, "II", None, D(15), D(0)),
]


def nodes(roots):
    return {n.code: n for n in flatten(roots)}


def test_parent_code_drops_the_last_part():
    assert [parent_code(c) for c in ("I", "I.1", "III.6.3.2")] == ["", "I", "III.6.3"]


def test_sums_total_and_add():
    sums = Sums(D(10), D(2), 1)
    sums.add(Sums(D(5), D("0.5"), 2))
    assert (sums.achieved, sums.bonus, sums.scored_leaves, sums.total) == (D(15), D("2.5"), 3, D("17.5"))


def test_build_tree_nests_by_parent_and_adds_up_from_the_leaves():
    roots = build_tree(CRITERIA)
    assert [r.code for r in roots] == ["I", "II"]
    by_code = nodes(roots)
    assert [(c, n.depth, n.standard, n.bonus_max, n.leaves, n.is_leaf) for c, n in by_code.items()] == [
        ("I", 0, D(30), D(5), 2, False),
        ("I.1", 1, D(10), D(0), 1, True),
        ("I.2", 1, D(20), D(5), 1, True),
        ("II", 0, D(15), D(0), 1, True),
    ]
    assert by_code["I.1"].rule == parse_rule("tru:5")
    assert by_code["I"].rule is None


def test_build_tree_of_import_rows_reads_the_parent_from_the_code():
    roots = build_tree(
        [row("I"), row("I.1", D(10)), row("I.1.a", D(4), D(1)), row("I.1.b", D(6)), row("II", D(5))]
    )
    by_code = nodes(roots)
    assert [r.code for r in roots] == ["I", "II"]
    assert [n.code for n in by_code["I.1"].children] == ["I.1.a", "I.1.b"]
    assert (by_code["I.1.b"].depth, by_code["I"].standard, by_code["I"].bonus_max, by_code["I"].leaves) == (
        2,
        D(10),
        D(1),
        2,
    )


def test_build_tree_follows_parent_id_over_the_code():
    roots = build_tree([criterion(1, "I"), criterion(2, "a", 1, D(4)), criterion(3, "I.9", 2, D(1))])
    assert [(n.code, n.depth) for n in flatten(roots)] == [("I", 0), ("a", 1), ("I.9", 2)]


def test_build_tree_nests_criteria_without_parent_id_by_their_code():
    roots = build_tree([criterion(1, "I"), criterion(2, "I.1", None, D(4)), criterion(3, "I.2", None, D(1))])
    assert [(n.code, n.depth) for n in flatten(roots)] == [("I", 0), ("I.1", 1), ("I.2", 1)]
    assert roots[0].standard == D(5)


def test_build_tree_keeps_a_row_whose_parent_is_missing_as_a_root():
    roots = build_tree([row("I.1", D(3)), row("II.1", D(2))])
    assert [(r.code, r.depth) for r in roots] == [("I.1", 0), ("II.1", 0)]


def test_build_tree_takes_an_empty_standard_as_zero_and_a_bad_rule_as_manual():
    [leaf] = build_tree([row("I", None, None, "nguong:abc")])
    assert (leaf.standard, leaf.bonus_max, leaf.rule) == (D(0), D(0), Rule())


def test_walk_and_flatten_go_depth_first():
    roots = build_tree(CRITERIA)
    assert [n.code for n in roots[0].walk()] == ["I", "I.1", "I.2"]
    assert [n.code for n in flatten(roots)] == ["I", "I.1", "I.2", "II"]


def test_attach_scores_adds_points_up_every_level():
    roots = build_tree(CRITERIA)
    attach_scores(
        roots,
        [
            item(2, ScoreKind.SELF, 10),
            item(3, ScoreKind.SELF, 18, 5),
            item(3, ScoreKind.APPRAISED, 15, "2.5"),
            item(4, ScoreKind.SELF, 15),
        ],
    )
    by_code = nodes(roots)
    assert by_code["I.2"].scores[ScoreKind.APPRAISED].achieved == D(15)
    assert by_code["I"].sums[ScoreKind.SELF] == Sums(D(28), D(5), 2)
    assert by_code["I"].sums[ScoreKind.APPRAISED] == Sums(D(15), D("2.5"), 1)
    assert by_code["II"].sums[ScoreKind.APPRAISED] == Sums()
    assert by_code["I"].scores == {}


def test_attach_scores_may_count_an_unappraised_leaf_at_its_own_score():
    roots = build_tree(CRITERIA)
    items = [item(2, ScoreKind.SELF, 10), item(3, ScoreKind.SELF, 18, 5), item(3, ScoreKind.APPRAISED, 15)]
    attach_scores(roots, items, fallback_appraised_to_self=True)
    by_code = nodes(roots)
    assert by_code["I"].sums[ScoreKind.APPRAISED] == Sums(D(25), D(0), 2)
    assert by_code["I"].sums[ScoreKind.SELF] == Sums(D(28), D(5), 2)
    assert by_code["II"].sums[ScoreKind.APPRAISED] == Sums()


def scored(own=None, appraised=None):
    node = Node(criterion=row("I"))
    node.sums = {
        kind: sums
        for kind, sums in ((ScoreKind.SELF, own), (ScoreKind.APPRAISED, appraised))
        if sums is not None
    }
    return node


def test_differs_when_both_sides_scored_different_points():
    assert scored(Sums(D(10), D(0), 1), Sums(D(8), D(0), 1)).differs()
    assert scored(Sums(D(10), D(1), 1), Sums(D(10), D(0), 1)).differs()
    assert not scored(Sums(D(10), D(1), 1), Sums(D(10), D(1), 2)).differs()


def test_differs_is_false_when_only_one_side_scored():
    assert not scored(Sums(D(10), D(0), 1), Sums()).differs()
    assert not scored(Sums(), Sums(D(10), D(0), 1)).differs()
    assert not scored(Sums(D(10), D(0), 1)).differs()
    assert not scored(appraised=Sums(D(10), D(0), 1)).differs()


def test_totals_print_whole_numbers_as_integers_and_halves_as_floats():
    roots = build_tree(CRITERIA)
    attach_scores(roots, [item(2, ScoreKind.SELF, 5), item(3, ScoreKind.SELF, "17.5", "2.5")])
    result = totals(roots, ScoreKind.SELF)
    assert result == {
        "standard": 45,
        "bonus_max": 5,
        "achieved": 22.5,
        "bonus": 2.5,
        "total": 25,
        "sections": [
            {"code": "I", "standard": 30, "bonus_max": 5, "achieved": 22.5, "bonus": 2.5},
            {"code": "II", "standard": 15, "bonus_max": 0, "achieved": 0, "bonus": 0},
        ],
    }
    assert [type(result[key]) for key in ("standard", "achieved", "total")] == [int, float, int]


def test_totals_of_an_empty_tree_are_zero():
    assert totals([], ScoreKind.SELF) == {
        "standard": 0,
        "bonus_max": 0,
        "achieved": 0,
        "bonus": 0,
        "total": 0,
        "sections": [],
    }
