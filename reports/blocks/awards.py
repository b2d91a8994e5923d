"""Blocks from the awards app: statistics, quotas, standards, decisions."""

from collections import defaultdict

from django.utils import timezone

from awards.eligibility import describe_rules
from awards.enums import DecisionState, DossierState, IssuingLevel, Vote
from awards.models import Nominee
from awards.prizes import base_salary_on, prize_money
from awards.queries import DIRECT_WORKER_TARGET, AwardCounts, FormCount, award_counts
from awards.quotas import quota_totals
from reports.blocks import ZERO, block, count_text, italic_note, money, scope_of
from reports.content import Block, Cell, Items, Para, Table, Text
from reports.enums import BlockKey
from units.formatting import (
    format_number,
    format_percent,
    number_in_words,
)

# --- Awards --------------------------------------------------------------------------------

LEVELS = list(IssuingLevel.values)


def _award_counts(document) -> AwardCounts:
    """The awards of the document's scope and year, as awards.queries counts them for
    every page. The summary and the table of one document ask once."""
    scope = scope_of(document)
    key = (scope.pk, document.year)
    asked = getattr(document, "_award_counts", None)
    if asked is None or asked[0] != key:
        asked = document._award_counts = (key, award_counts(root=scope, year=document.year))
    return asked[1]


def _form_rows(counts: AwardCounts) -> list[FormCount]:
    """Forms by issuing level (the province's first), then in the catalogue's order."""
    return sorted(counts.forms, key=lambda f: (LEVELS.index(f.level) * 1000 + f.order, f.name))


def _level(form: FormCount) -> str:
    return str(IssuingLevel(form.level).label)


def _whom(collectives: int, individuals: int) -> str:
    parts = []
    if collectives:
        parts.append(f"{count_text(collectives)} tập thể")
    if individuals:
        parts.append(f"{count_text(individuals)} cá nhân")
    return " và ".join(parts)


@block(BlockKey.AWARD_SUMMARY, "issuer", uses=("scope",))
def award_summary(document) -> list[Block]:
    """ "LĐLĐ tỉnh tặng Bằng khen cho 24 tập thể và 72 cá nhân …" (seed 000, §II.5)."""
    counts = _award_counts(document)
    scope = scope_of(document)
    if not counts.forms:
        return [
            Para(
                [
                    Text(
                        f"Năm {document.year} chưa có quyết định khen thưởng nào cho {scope.name} "
                        "và các đơn vị trực thuộc."
                    )
                ]
            )
        ]
    blocks: list[Block] = []
    by_level: dict[str, list[FormCount]] = defaultdict(list)
    for form in _form_rows(counts):
        by_level[_level(form)].append(form)
    for level, forms in by_level.items():
        given = "; ".join(f"{f.name} cho {_whom(f.collectives, f.individuals)}" for f in forms)
        blocks.append(Para([Text(f"{level} tặng {given}.")]))
    whom = _whom(counts.collectives, counts.individuals)
    sentence = f"Tổng cộng năm {document.year}: {whom} được khen thưởng"
    if counts.prize:
        sentence += f", tổng số tiền thưởng {money(counts.prize)} đồng"
    blocks.append(Para([Text(sentence + ".")]))
    if counts.individuals:
        verdict = "đạt" if counts.meets_direct_worker_target else "chưa đạt"
        blocks.append(
            Para(
                [
                    Text(
                        "Tỷ lệ khen thưởng cá nhân là người lao động trực tiếp: "
                        f"{count_text(counts.direct_workers)}/"
                        f"{count_text(counts.individuals)} cá nhân "
                        f"({format_percent(counts.direct_worker_share)}), "
                        f"{verdict} yêu cầu từ {format_percent(DIRECT_WORKER_TARGET)} trở lên."
                    )
                ]
            )
        )
    return blocks


@block(BlockKey.AWARD_TABLE, "issuer", uses=("scope",))
def award_table(document) -> list[Block]:
    counts = _award_counts(document)
    if not counts.forms:
        return []  # the summary above already says there were none
    header = [
        [
            Cell("STT"),
            Cell("Hình thức khen thưởng"),
            Cell("Cấp khen thưởng"),
            Cell("Tập thể"),
            Cell("Cá nhân"),
            Cell("Tiền thưởng (đồng)"),
        ]
    ]
    body = [
        [
            Cell(str(i), align="center"),
            Cell(f.name),
            Cell(_level(f)),
            Cell(format_number(f.collectives), align="right"),
            Cell(format_number(f.individuals), align="right"),
            Cell(money(f.prize), align="right"),
        ]
        for i, f in enumerate(_form_rows(counts), start=1)
    ]
    body.append(
        [
            Cell(""),
            Cell("Tổng cộng", bold=True),
            Cell(""),
            Cell(format_number(counts.collectives), bold=True, align="right"),
            Cell(format_number(counts.individuals), bold=True, align="right"),
            Cell(money(counts.prize), bold=True, align="right"),
        ]
    )
    return [Table([1, 6, 3.5, 1.6, 1.6, 3], header, body)]


# --- Quotas and criteria of an event ------------------------------------------------------------


@block(BlockKey.QUOTA_TABLE, "quota_event")
def quota_table(document) -> list[Block]:
    """Seed 003 §V.3: the sentence and the table add up, because both are computed (the
    printed plan said 32 and 80 while its own table summed to 30 and 82)."""
    event = document.quota_event
    allocations = list(event.allocations.select_related("unit"))
    totals = quota_totals(event)
    sentence = (
        f"Tổng số tập thể, cá nhân được phân bổ là {count_text(totals['total'])}; trong đó tập thể là "
        f"{count_text(totals['collectives'])} và cá nhân {count_text(totals['individuals'])}."
    )
    header = [
        [
            Cell("Stt", rowspan=2),
            Cell("Tên đơn vị", rowspan=2),
            Cell("Số lượng", colspan=3),
            Cell("Trong đó", colspan=4),
        ],
        [
            Cell("Tổng số"),
            Cell("Tập thể"),
            Cell("Cá nhân"),
            Cell("Tập thể khối HCSN"),
            Cell("Tập thể khối SXKD"),
            Cell("Cá nhân khối HCSN"),
            Cell("Cá nhân khối SXKD"),
        ],
    ]

    def numbers(values, bold=False):
        return [Cell(format_number(v), bold=bold, align="right") for v in values]

    rows = [
        [
            Cell(str(i), align="center"),
            Cell(a.unit.name),
            *numbers(
                [
                    a.total,
                    a.collectives,
                    a.individuals,
                    a.collectives_hcsn,
                    a.collectives_sxkd,
                    a.individuals_hcsn,
                    a.individuals_sxkd,
                ]
            ),
        ]
        for i, a in enumerate(allocations, start=1)
    ]
    rows.append(
        [
            Cell(""),
            Cell("Tổng số", bold=True),
            *numbers(
                [
                    totals["total"],
                    totals["collectives"],
                    totals["individuals"],
                    totals["collectives_hcsn"],
                    totals["collectives_sxkd"],
                    totals["individuals_hcsn"],
                    totals["individuals_sxkd"],
                ],
                bold=True,
            ),
        ]
    )
    return [
        Para([Text(sentence)]),
        Table([1, 6, 1.5, 1.5, 1.5, 1.7, 1.7, 1.7, 1.7], header, rows, font_size=11),
    ]


APPLIES_LABELS = {
    ("collective", "hcsn"): "Đối với tập thể khối hành chính, sự nghiệp",
    ("collective", "sxkd"): "Đối với tập thể khối sản xuất kinh doanh",
    ("individual", "hcsn"): "Đối với cá nhân là đoàn viên khối hành chính, sự nghiệp",
    ("individual", "sxkd"): "Đối với cá nhân là đoàn viên khối sản xuất kinh doanh",
}


def _applies_label(scope: dict) -> str:
    label = APPLIES_LABELS.get((scope.get("recipient"), scope.get("sector")))
    if label is None:
        label = {"collective": "Đối với tập thể", "individual": "Đối với cá nhân"}.get(
            scope.get("recipient"), "Đối với mọi đối tượng"
        )
    if scope.get("leader") is True:
        label += " giữ chức vụ lãnh đạo, quản lý"
    elif scope.get("leader") is False:
        label += " không giữ chức vụ lãnh đạo, quản lý"
    if scope.get("head") is True:
        label = "Đối với cá nhân là người đứng đầu đơn vị"
    return label + ":"


@block(BlockKey.ELIGIBILITY, "quota_event")
def eligibility(document) -> list[Block]:
    """Seed 003 §V.2: the standards, written out from the award form's rules — the same
    rules that check every nominee at appraisal."""
    form = document.quota_event.award_form
    if form is None or not form.eligibility:
        return [italic_note("(Hình thức khen thưởng của đợt này chưa có tiêu chuẩn xét chọn.)")]
    blocks: list[Block] = []
    for scope, labels in describe_rules(form.eligibility, until=document.year):
        blocks.append(Para([Text(_applies_label(scope), bold=True, italic=True)]))
        blocks.append(Items([[Text(label)] for label in labels]))
    return blocks


# --- Award decision --------------------------------------------------------------------------


def _prizes(decision) -> tuple[list, dict]:
    """The decision's awardees with their prizes: as computed at issue, or for a draft
    what they would be at today's base salary."""

    awardees = list(decision.awardees.select_related("person", "person__unit", "unit"))
    form = decision.award_form
    if decision.state == DecisionState.DRAFT:
        base = base_salary_on(timezone.localdate())
        for awardee in awardees:
            coefficient = form.prize_coefficient_collective if awardee.unit_id else form.prize_coefficient
            awardee.prize = prize_money(coefficient, base) if base else ZERO
    totals = {
        "collectives": sum(1 for a in awardees if a.unit_id),
        "individuals": sum(1 for a in awardees if a.person_id),
        "prize": sum((a.prize for a in awardees), ZERO),
    }
    return awardees, totals


@block(BlockKey.DECISION_ARTICLES, "decision")
def decision_articles(document) -> list[Block]:
    decision = document.decision
    awardees, totals = _prizes(decision)
    form = decision.award_form
    article_1 = [
        Text("Điều 1. ", bold=True),
        Text(
            f"Tặng {form.name} cho {_whom(totals['collectives'], totals['individuals'])} "
            "đã có thành tích xuất sắc (có danh sách kèm theo)."
        ),
    ]
    blocks: list[Block] = [Para(article_1)]
    per = []
    collective = next((a.prize for a in awardees if a.unit_id), None)
    individual = next((a.prize for a in awardees if a.person_id), None)
    if collective:
        per.append(f"mỗi tập thể {money(collective)} đồng")
    if individual:
        per.append(f"mỗi cá nhân {money(individual)} đồng")
    if totals["prize"]:
        text = (
            f"Kèm theo {form.name} là tiền thưởng theo quy định: {', '.join(per)}. Tổng số tiền thưởng là "
            f"{money(totals['prize'])} đồng (Bằng chữ: {number_in_words(totals['prize']).capitalize()} "
            "đồng), "
            "chi từ quỹ thi đua, khen thưởng."
        )
        blocks.append(Para([Text("Điều 2. ", bold=True), Text(text)]))
    return blocks


@block(BlockKey.AWARDEE_LIST, "decision")
def awardee_list(document) -> list[Block]:
    decision = document.decision
    awardees, totals = _prizes(decision)
    header = [[Cell("STT"), Cell("Tập thể, cá nhân"), Cell("Chức vụ, đơn vị"), Cell("Tiền thưởng (đồng)")]]
    rows, keep = [], []
    collectives = [a for a in awardees if a.unit_id]
    individuals = [a for a in awardees if a.person_id]
    groups = [
        (title, group) for title, group in (("TẬP THỂ", collectives), ("CÁ NHÂN", individuals)) if group
    ]
    for roman, (title, group) in zip(("I", "II"), groups, strict=False):
        keep.append(len(rows))
        rows.append(
            [
                Cell(roman, bold=True, align="center"),
                Cell(f"{title} ({count_text(len(group))})", bold=True, colspan=3),
            ]
        )
        for i, a in enumerate(group, start=1):
            if a.unit_id:
                rows.append(
                    [
                        Cell(str(i), align="center"),
                        Cell(a.unit.name),
                        Cell(""),
                        Cell(money(a.prize), align="right"),
                    ]
                )
            else:
                where = ", ".join(p for p in (a.person.position, a.person.unit.name) if p)
                rows.append(
                    [
                        Cell(str(i), align="center"),
                        Cell(a.person.full_name),
                        Cell(where),
                        Cell(money(a.prize), align="right"),
                    ]
                )
    rows.append(
        [
            Cell(""),
            Cell("Tổng cộng", bold=True),
            Cell(_whom(totals["collectives"], totals["individuals"]), bold=True),
            Cell(money(totals["prize"]), bold=True, align="right"),
        ]
    )
    return [Table([1.2, 6, 7, 3], header, rows, keep=keep)]


# --- Proposals to a higher level (Tờ trình) ------------------------------------------------------


def _forwarded(document):
    """Nominees of the scope's dossiers of the year sent up to UBND tỉnh or the Tổng Liên
    đoàn (the council did not reject them), by award form."""
    nominees = (
        Nominee.objects.filter(
            dossier__proposing_unit__path__startswith=scope_of(document).path,
            dossier__year=document.year,
            dossier__state__in=[DossierState.FORWARDED, DossierState.HIGHER_DECIDED],
        )
        .exclude(vote=Vote.REJECTED)
        .select_related("dossier__award_form", "person__unit", "unit")
        .order_by("dossier__award_form__order", "dossier__award_form__name", "dossier_id", "order", "id")
    )
    groups: dict = {}
    for nominee in nominees:
        groups.setdefault(nominee.dossier.award_form, []).append(nominee)
    return groups


@block(BlockKey.FORWARDED, "issuer", uses=("scope",))
def forwarded(document) -> list[Block]:
    groups = _forwarded(document)
    if not groups:
        return [italic_note(f"(Năm {document.year} chưa có hồ sơ nào trình cấp trên.)")]
    items = []
    for form, nominees in groups.items():
        collectives = sum(1 for n in nominees if n.unit_id)
        items.append([Text(f"{form.name}: {_whom(collectives, len(nominees) - collectives)};")])
    items[-1][-1].text = items[-1][-1].text.rstrip(";") + "."
    total = sum(len(n) for n in groups.values())
    intro = Para([Text(f"Đề nghị khen thưởng cho {count_text(total)} tập thể, cá nhân, cụ thể:")])
    return [intro, Items(items)]


@block(BlockKey.FORWARDED_LIST, "issuer", uses=("scope",))
def forwarded_list(document) -> list[Block]:
    groups = _forwarded(document)
    if not groups:
        return [italic_note(f"(Năm {document.year} chưa có hồ sơ nào trình cấp trên.)")]
    header = [[Cell("STT"), Cell("Tập thể, cá nhân"), Cell("Chức vụ, đơn vị"), Cell("Tóm tắt thành tích")]]
    rows, keep = [], []
    for roman, (form, nominees) in enumerate(groups.items(), start=1):
        keep.append(len(rows))
        rows.append(
            [
                Cell(str(roman), bold=True, align="center"),
                Cell(f"{form.name} ({count_text(len(nominees))})", bold=True, colspan=3),
            ]
        )
        for i, nominee in enumerate(nominees, start=1):
            if nominee.unit_id:
                name, where = nominee.unit.name, ""
            else:
                name = nominee.person.full_name
                where = ", ".join(p for p in (nominee.person.position, nominee.person.unit.name) if p)
            rows.append([Cell(str(i), align="center"), Cell(name), Cell(where), Cell(nominee.summary)])
    return [Table([1.2, 5, 5, 6], header, rows, keep=keep)]
