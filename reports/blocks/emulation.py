"""Blocks from the emulation app: registrations, indicators, plan, deadlines, campaigns."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from emulation.enums import Aggregation, DeadlineKind, RegistrationState
from emulation.indicators import figures
from emulation.models import Deadline, Registration
from emulation.queries import deadline_for, is_late, target_units
from reports.blocks import ZERO, block, count_text, date_text, italic_note, money, num, scope_of
from reports.content import Block, Cell, Items, Note, Para, Table, Text
from reports.enums import BlockKey
from units.enums import UPPER_LEVEL_KINDS
from units.formatting import (
    format_percent,
)
from units.models import Unit

# --- Registrations -------------------------------------------------------------------------


def _registering_units(document):
    return list(
        Unit.objects.subtree_of(scope_of(document))
        .active_on(datetime.date(document.year, 12, 31))
        .filter(kind__in=UPPER_LEVEL_KINDS)
        .order_by("path")
    )


@dataclass
class _Registrations:
    """A year's registrations of the units that must register, and the deadline."""

    units: list
    found: dict  # unit id → registration, drafts included
    deadline: object

    @property
    def sent(self) -> list:
        return [r for r in self.found.values() if r.state != RegistrationState.DRAFT]

    def is_late(self, registration) -> bool:
        return is_late(registration.submitted_at, self.deadline)


def _registration_sentence(document, regs: _Registrations) -> Para:
    sent, units = regs.sent, regs.units
    accepted = [r for r in sent if r.state == RegistrationState.ACCEPTED]
    share = Decimal(len(sent)) * 100 / len(units)
    sentence = (
        f"Có {count_text(len(sent))}/{count_text(len(units))} đơn vị đăng ký thi đua năm {document.year} "
        f"({format_percent(share)}), trong đó {count_text(len(accepted))} bản đăng ký đã được chấp nhận"
    )
    if regs.deadline:
        late = [r for r in sent if regs.is_late(r)]
        sentence += f"; {count_text(len(late))} đơn vị gửi sau thời hạn {date_text(regs.deadline.due_on)}"
    return Para([Text(sentence + ".")])


def _pledges(sent) -> list[Block]:
    """The titles the units aim for, and the models and works they register."""
    titles: dict[str, int] = defaultdict(int)
    labels = {}
    models_count = works_count = 0
    works_value = ZERO
    for registration in sent:
        for title in registration.titles.all():
            titles[title.title] += title.count
            labels[title.title] = title.get_title_display()
        models_count += len(registration.models.all())
        works = registration.works.all()
        works_count += len(works)
        works_value += sum((work.value or ZERO for work in works), ZERO)
    blocks: list[Block] = []
    if titles:
        aimed = "; ".join(f"{labels[t]}: {count_text(n)}" for t, n in titles.items())
        blocks.append(Para([Text(f"Các đơn vị đăng ký phấn đấu đạt: {aimed}.")]))
    if models_count or works_count:
        blocks.append(
            Para(
                [
                    Text(
                        f"Đăng ký {count_text(models_count)} mô hình và {count_text(works_count)} "
                        "công trình, sản phẩm, phần việc gắn biển chào mừng các sự kiện, tổng giá trị "
                        f"{money(works_value)} đồng."
                    )
                ]
            )
        )
    return blocks


def _registration_row(number: int, unit, regs: _Registrations) -> list[Cell]:
    registration = regs.found.get(unit.pk)
    sent = registration is not None and registration.state != RegistrationState.DRAFT
    day = registration.submitted_at.date() if registration and registration.submitted_at else None
    timing = ""
    if sent and regs.deadline:
        timing = "Muộn" if regs.is_late(registration) else "Đúng hạn"
    return [
        Cell(str(number), align="center"),
        Cell(unit.name),
        Cell(registration.get_state_display() if sent else "Chưa đăng ký"),
        Cell(date_text(day), align="center"),
        Cell(timing, align="center"),
    ]


@block(BlockKey.REGISTRATIONS, "issuer", uses=("scope",))
def registrations(document) -> list[Block]:
    """Seed 000 §II.1 and seed 001: who registered for the year, on time or late, and
    what they pledged (titles, models, works dedicated to events)."""
    units = _registering_units(document)
    if not units:
        return [italic_note("(Không có đơn vị nào phải đăng ký thi đua.)")]
    found = {
        r.unit_id: r
        for r in Registration.objects.filter(unit__in=units, year=document.year).prefetch_related(
            "titles", "models", "works"
        )
    }
    deadline = deadline_for(units[0], year=document.year, kind=DeadlineKind.REGISTRATION)
    regs = _Registrations(units, found, deadline)
    blocks: list[Block] = [_registration_sentence(document, regs), *_pledges(regs.sent)]
    registered = {r.unit_id for r in regs.sent}
    missing = [u for u in units if u.pk not in registered]
    if missing:
        names = ", ".join(u.short_name or u.name for u in missing)
        blocks.append(Para([Text(f"Chưa đăng ký: {names}.")]))
    header = [[Cell("STT"), Cell("Đơn vị"), Cell("Tình trạng"), Cell("Ngày gửi"), Cell("Thời hạn")]]
    rows = [_registration_row(i, unit, regs) for i, unit in enumerate(units, start=1)]
    blocks.append(Table([1, 7, 3, 2.2, 2], header, rows))
    return blocks


# --- Indicators -----------------------------------------------------------------------------


def _indicator_units(document):
    if document.grouping_id:
        return [m.unit for m in document.grouping.memberships.select_related("unit")]
    return _registering_units(document)


def _member_labels(units) -> tuple[str, dict[int, str]]:
    """Seed 002 writes "LĐLĐ tỉnh: Lai Châu …, Cao Bằng …": the words every member's
    name starts with are said once."""
    names = {u.pk: (u.short_name or u.name).split() for u in units}
    prefix: list[str] = []
    if len(names) > 1:
        for words in zip(*names.values(), strict=False):
            if len(set(words)) != 1:
                break
            prefix.append(words[0])
        if any(len(w) <= len(prefix) for w in names.values()):
            prefix = []
    return " ".join(prefix), {pk: " ".join(words[len(prefix) :]) for pk, words in names.items()}


@block(BlockKey.INDICATOR_SUMMARY, "period", uses=("grouping",))
def indicator_summary(document) -> list[Block]:
    """One paragraph per indicator with the total, and each member's figure with its plan
    and percentage as a footnote ("Lai Châu có 2.751/2.300 sáng kiến (đạt 120%)")."""
    units = _indicator_units(document)
    blocks_ = figures(units, year=document.year, period=document.period)
    if not blocks_:
        return [italic_note("(Chưa có số liệu chỉ tiêu cho kỳ này.)")]
    prefix, labels = _member_labels(units)
    items = []
    for figure in blocks_:
        indicator = figure.indicator
        ratio = indicator.aggregation == Aggregation.RATIO
        if ratio:
            total = format_percent(figure.total) if figure.total is not None else "chưa có số liệu"
            head = f"{indicator.name}: {total}"
        else:
            head = f"{indicator.name}: tổng số {num(figure.total)} {indicator.measure}"
            if figure.plan_total:
                head += f"/{num(figure.plan_total)} kế hoạch, đạt {format_percent(figure.percent, 0)}"
        members = []
        for member in figure.members:
            label = labels[member.unit.pk]
            if member.actual is None:
                members.append(f"{label} chưa báo cáo")
            elif ratio:
                members.append(f"{label} {format_percent(member.actual)}")
            elif member.planned:
                members.append(
                    f"{label} có {num(member.actual)}/{num(member.planned)} {indicator.measure} "
                    f"(đạt {format_percent(member.percent, 0)})"
                )
            else:
                members.append(f"{label} {num(member.actual)} {indicator.measure}")
        note_text = (f"{prefix}: " if prefix else "") + ", ".join(members) + "."
        items.append([Text(head), Note([Text(note_text)]), Text(".")])
    return [Items(items)]


@block(BlockKey.INDICATOR_TABLE, "period", uses=("grouping",))
def indicator_table(document) -> list[Block]:
    units = _indicator_units(document)
    data = figures(units, year=document.year, period=document.period)
    if not data:
        return [italic_note("(Chưa có số liệu chỉ tiêu cho kỳ này.)")]
    _prefix, labels = _member_labels(units)
    header = [
        [
            Cell("STT"),
            Cell("Chỉ tiêu / đơn vị"),
            Cell("Đơn vị tính"),
            Cell("Kế hoạch"),
            Cell("Thực hiện"),
            Cell("Đạt"),
        ]
    ]
    rows, keep = [], []
    for i, figure in enumerate(data, start=1):
        ratio = figure.indicator.aggregation == Aggregation.RATIO
        total = format_percent(figure.total) if ratio else num(figure.total)
        keep.append(len(rows))
        rows.append(
            [
                Cell(str(i), bold=True, align="center"),
                Cell(figure.indicator.name, bold=True),
                Cell(figure.indicator.measure, bold=True, align="center"),
                Cell(num(figure.plan_total), bold=True, align="right"),
                Cell(total, bold=True, align="right"),
                Cell(
                    format_percent(figure.percent, 0) if figure.percent is not None else "",
                    bold=True,
                    align="right",
                ),
            ]
        )
        for member in figure.members:
            value = (
                format_percent(member.actual) if ratio and member.actual is not None else num(member.actual)
            )
            rows.append(
                [
                    Cell(""),
                    Cell(labels[member.unit.pk]),
                    Cell(""),
                    Cell(num(member.planned), align="right"),
                    Cell(value, align="right"),
                    Cell(
                        format_percent(member.percent, 0) if member.percent is not None else "", align="right"
                    ),
                ]
            )
    return [Table([1, 7, 2.2, 2, 2, 1.6], header, rows, keep=keep)]


# --- Plan, deadlines, campaign --------------------------------------------------------------

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@block(BlockKey.PLAN_TASKS, "plan")
def plan_tasks(document) -> list[Block]:
    """Seed 001 §I: the tasks by quarter with the units responsible."""
    tasks = document.plan.tasks.prefetch_related("responsible").order_by("quarter", "number")
    header = [[Cell("TT"), Cell("Nội dung"), Cell("Đơn vị thực hiện")]]
    rows, quarter, keep = [], None, []
    for task in tasks:
        if task.quarter != quarter:
            quarter = task.quarter
            keep.append(len(rows))
            rows.append([Cell(f"QUÝ {ROMAN[quarter]}", bold=True, colspan=3)])
        responsible = task.responsible_text or ", ".join(
            u.short_name or u.name for u in task.responsible.all()
        )
        due = f" (hạn {date_text(task.due_on)})" if task.due_on else ""
        rows.append([Cell(str(task.number), align="center"), Cell(task.content + due), Cell(responsible)])
    if not rows:
        return [italic_note("(Kế hoạch chưa có nhiệm vụ nào.)")]
    return [Table([1, 9, 4], header, rows, keep=keep)]


@block(BlockKey.DEADLINES, "issuer")
def deadlines(document) -> list[Block]:
    """Seed 001 §III.2: what the units send, by when ("chậm nhất ngày 10/02/2023")."""
    rows = Deadline.objects.filter(owner=document.issuer, year=document.year).order_by("due_on")
    receiver = document.issuer.short_name or document.issuer.name
    items = [
        [
            Text(f"{d.name} gửi về {receiver} chậm nhất "),
            Text(f"ngày {date_text(d.due_on)}", bold=True),
            Text(";"),
        ]
        for d in rows
    ]
    if not items:
        return [italic_note(f"(Chưa đặt thời hạn nào cho năm {document.year}.)")]
    items[-1][-1] = Text(".")
    return [Items(items)]


@block(BlockKey.CAMPAIGN, "campaign")
def campaign(document) -> list[Block]:
    """Seed 004: the theme, the period, who takes part and the content of the campaign."""
    c = document.campaign
    blocks: list[Block] = []
    if c.theme:
        blocks.append(Para([Text("Chủ đề: "), Text(f"“{c.theme}”", bold=True)]))
    period = f"Thời gian: từ ngày {date_text(c.starts_on)}"
    if c.ends_on:
        period += f" đến ngày {date_text(c.ends_on)}"
    blocks.append(Para([Text(period + ".")]))
    if c.target_grouping_id:
        whom = f"các đơn vị thành viên {c.target_grouping.name}"
    else:
        units = target_units(c)
        whom = ", ".join(u.short_name or u.name for u in units)
    blocks.append(Para([Text(f"Đối tượng: {whom}.")]))
    for paragraph in [p.strip() for p in c.content.split("\n\n") if p.strip()]:
        blocks.append(Para([Text(" ".join(paragraph.split()))]))
    return blocks
