"""The awards pages' tables as XLSX sheets: the same rows, columns and order as on screen.

Each builder takes what its page's view already read (through the same scoped query and
filters) and returns a Sheet. Where the page puts two values in one cell (a nominee's
name over their position and unit, "used / allocated"), the sheet gives each its own
column so that numbers stay numbers.

Personal data: the people exports carry what the people list and history show (name,
position, unit, direct worker) and never the ethnicity, which the person page shows only
to provincial staff and the person's own unit, and audits when it does.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards import eligibility
from awards.enums import DossierState, IssuingLevel
from awards.quotas import LEAVES
from units.documents import COUNT, DATE, PERCENT, Column, Sheet, fraction, heading, local_date
from units.enums import Sector

COEFFICIENT = "0.00"  # the catalogue's coefficients have two decimals


def catalogue_sheets(forms, salaries) -> list[Sheet]:
    """The catalogue page's two tables: award forms, then the base salary."""
    columns = [
        Column(_("Tên"), 48),
        Column(_("Cấp"), 26),
        Column(_("Đối tượng"), 16),
        Column(_("Loại"), 18),
        Column(_("Hệ số cá nhân"), 12, COEFFICIENT),
        Column(_("Hệ số tập thể"), 12, COEFFICIENT),
        Column(_("Điều kiện xét (số quy tắc)"), 14, COUNT),
    ]
    rows = [
        [
            f.name if f.active else f"{f.name} ({_('ngừng dùng')})",
            f.get_issuing_level_display(),
            f.get_recipient_display(),
            f.get_kind_display(),
            f.prize_coefficient,
            f.prize_coefficient_collective,
            len(f.eligibility) or None,
        ]
        for f in forms
    ]
    form_sheet = Sheet(
        _("Hình thức khen thưởng"), columns, rows, heading=_("Hình thức khen thưởng, danh hiệu")
    )
    columns = [
        Column(_("Áp dụng từ ngày"), 14, DATE),
        Column(_("Mức (đồng)"), 14, COUNT),
        Column(_("Căn cứ"), 60),
    ]
    rows = [[b.valid_from, b.amount, b.legal_basis or None] for b in salaries]
    salary_sheet = Sheet(_("Mức lương cơ sở"), columns, rows, heading=_("Mức lương cơ sở"))
    return [form_sheet, salary_sheet]


def people_sheet(people, *, text: str) -> Sheet:
    columns = [
        Column(_("Họ và tên"), 30),
        Column(_("Chức vụ"), 30),
        Column(_("Đơn vị"), 36),
        Column(_("Người lao động trực tiếp"), 14),
    ]
    rows = [
        [p.full_name, p.position or None, p.unit.display_name, _("Có") if p.is_direct_worker else None]
        for p in people
    ]
    title = heading(_("Cá nhân"), f"{_('Tìm theo tên, chức vụ')}: {text}" if text else "")
    return Sheet(_("Cá nhân"), columns, rows, heading=title)


def _history_content(entry) -> str:
    """The "Nội dung" cell of the person page, in the same order of choices."""
    if entry.award_form_id:
        text = entry.award_form.name
    elif entry.rating:
        text = entry.get_rating_display()
    elif entry.initiative_level:
        text = entry.get_initiative_level_display()
    elif entry.discipline_level:
        text = entry.get_discipline_level_display()
    else:
        text = entry.title
    return f"{text} — {entry.description}" if entry.description else text


def person_history_sheet(person, history) -> Sheet:
    columns = [Column(_("Năm"), 8), Column(_("Loại"), 28), Column(_("Nội dung"), 60)]
    rows = [[h.year, h.get_kind_display(), _history_content(h)] for h in history]
    title = f"{_('Quá trình thi đua, khen thưởng')}: {person.full_name} — {person.unit.name}"
    return Sheet(_("Quá trình"), columns, rows, heading=title)


CHECK_SUMMARY = {
    eligibility.PASS: gettext_lazy("Đạt"),
    eligibility.FAIL: gettext_lazy("Không đạt"),
    eligibility.UNKNOWN: gettext_lazy("Chưa xác định"),
}
CHECK_MARK = {eligibility.PASS: "✓", eligibility.FAIL: "✗"}


def _check_text(dossier, nominee) -> tuple[str, str | None]:
    if nominee.eligibility:
        summary = str(CHECK_SUMMARY[eligibility.summary(nominee.eligibility)])
        details = "\n".join(
            f"{CHECK_MARK.get(c['status'], '?')} {c['label']}: {c['reason']}" for c in nominee.eligibility
        )
        return summary, details
    if dossier.state in {DossierState.DRAFT, DossierState.SUBMITTED, DossierState.RETURNED}:
        return _("Kiểm tra khi thẩm định"), None
    return _("Hình thức này không có điều kiện cần kiểm tra"), None


def nominees_sheet(dossier, nominees) -> Sheet:
    columns = [
        Column(_("STT"), 6),
        Column(_("Họ tên / tập thể"), 30),
        Column(_("Chức vụ"), 24),
        Column(_("Đơn vị"), 30),
        Column(_("Tóm tắt thành tích"), 40),
        Column(_("Khối"), 8),
        Column(_("Kiểm tra điều kiện"), 18),
        Column(_("Chi tiết kiểm tra"), 50),
        Column(_("Hội đồng"), 14),
    ]
    rows = []
    for i, n in enumerate(nominees, start=1):
        summary, details = _check_text(dossier, n)
        person = n.person
        rows.append(
            [
                i,
                person.full_name if person else n.unit.name,
                (person.position or None) if person else _("Tập thể"),
                person.unit.display_name if person else None,
                n.summary or None,
                n.sector.upper() or None,
                summary,
                details,
                n.get_vote_display() or None,
            ]
        )
    title = heading(
        dossier.title,
        dossier.proposing_unit.name,
        dossier.award_form.name,
        f"{_('năm')} {dossier.year}",
        dossier.get_state_display(),
    )
    return Sheet(_("Người được đề nghị"), columns, rows, heading=title)


QUOTA_LEAF_TITLES = {
    "collectives_hcsn": gettext_lazy("Tập thể HCSN"),
    "collectives_sxkd": gettext_lazy("Tập thể SXKD"),
    "individuals_hcsn": gettext_lazy("Cá nhân HCSN"),
    "individuals_sxkd": gettext_lazy("Cá nhân SXKD"),
}


def quota_sheet(event, allocations, totals: dict, use: dict) -> Sheet:
    """Each unit's allocation with, for each kind and sector, what it has proposed (the
    page's "used/allocated" as two number columns), and the totals line in bold."""
    columns = [
        Column(_("STT"), 6),
        Column(_("Tên đơn vị"), 36),
        Column(_("Tổng số"), 10, COUNT),
        Column(_("Tập thể"), 10, COUNT),
        Column(_("Cá nhân"), 10, COUNT),
    ]
    for key in LEAVES:
        columns += [
            Column(_("%(k)s: đã đề nghị") % {"k": QUOTA_LEAF_TITLES[key]}, 12, COUNT),
            Column(_("%(k)s: được phân bổ") % {"k": QUOTA_LEAF_TITLES[key]}, 12, COUNT),
        ]
    rows, used_totals = [], dict.fromkeys(LEAVES, 0)
    for i, a in enumerate(allocations, start=1):
        used = use.get(a.unit_id) or {}
        row = [i, a.unit.short_name or a.unit.name, a.total, a.collectives, a.individuals]
        for key in LEAVES:
            row += [used.get(key, 0), getattr(a, key)]
            used_totals[key] += used.get(key, 0)
        rows.append(row)
    total = [None, _("Tổng số"), totals["total"], totals["collectives"], totals["individuals"]]
    for key in LEAVES:
        total += [used_totals[key], totals[key]]
    rows.append(total)
    return Sheet(_("Phân bổ"), columns, rows, heading=event.name, bold_rows={len(rows) - 1})


def votes_sheet(session, dossiers, *, present: int) -> Sheet:
    columns = [
        Column(_("Hồ sơ"), 40),
        Column(_("Hình thức"), 30),
        Column(_("Người, tập thể"), 30),
        Column(_("Đồng ý"), 10, COUNT),
        Column(_("Không đồng ý"), 12, COUNT),
        Column(_("Kết quả"), 14),
    ]
    rows = [
        [d.title, d.award_form.name, n.name, n.votes_for, n.votes_against, n.get_vote_display() or None]
        for d in dossiers
        for n in d.nominees.all()
    ]
    title = heading(
        session.title,
        f"{session.held_on:%d/%m/%Y}",
        _("%(n)s thành viên dự họp") % {"n": present},
        session.get_state_display(),
    )
    return Sheet(_("Biểu quyết"), columns, rows, heading=title)


def decisions_sheet(decisions, *, year: int | None) -> Sheet:
    columns = [
        Column(_("Số"), 16),
        Column(_("Trích yếu"), 50),
        Column(_("Ngày ký"), 12, DATE),
        Column(_("Số người"), 10, COUNT),
        Column(_("Trạng thái"), 16),
    ]
    rows = [
        [d.number_text, d.subject, d.signed_on, d.awardee_count, d.get_state_display()] for d in decisions
    ]
    title = heading(_("Quyết định khen thưởng"), _("năm %(y)s") % {"y": year} if year else "")
    return Sheet(_("Quyết định"), columns, rows, heading=title)


def _by_count(pairs) -> list[tuple[str, int]]:
    return sorted(pairs, key=lambda pair: -pair[1])


SECTOR_LABELS = {Sector.HCSN: "HCSN", Sector.SXKD: "SXKD"}


def statistics_tables(counts) -> dict[str, list[tuple[str, int]]]:
    """The statistics page's tables from awards.queries.award_counts, most awards first:
    by form, by issuing level and by sector."""
    levels = {str(IssuingLevel(level).label): n for level, n in counts.by_level.items()}
    return {
        "forms": _by_count((row.name, row.total) for row in counts.forms),
        "levels": _by_count(levels.items()),
        "sectors": _by_count(
            (SECTOR_LABELS.get(key, str(Sector.NONE.label)), n) for key, n in counts.by_sector.items()
        ),
    }


def statistics_sheet(counts, *, year: int) -> Sheet:
    """The statistics page: its summary, then each of its tables under a bold title line.
    The direct-worker share sits beside the direct workers, as a fraction (PERCENT)."""
    columns = [Column(_("Nội dung"), 48), Column(_("Số lượng"), 16, COUNT), Column(_("Tỷ lệ"), 10, PERCENT)]
    rows = [
        [_("Tổng số lượt khen thưởng"), counts.total, None],
        [_("Tập thể"), counts.collectives, None],
        [_("Cá nhân"), counts.individuals, None],
        [_("Tổng tiền thưởng (đồng)"), counts.prize, None],
    ]
    bold = {0}
    tables = statistics_tables(counts)
    sections = [
        (_("Theo hình thức"), tables["forms"]),
        (_("Theo cấp khen thưởng"), tables["levels"]),
        (_("Theo khối"), tables["sectors"]),
        (
            _("Cá nhân"),
            [(_("Nữ"), counts.women), (_("Dân tộc thiểu số"), counts.ethnic_minority)],
        ),
    ]
    for title, lines in sections:
        bold.add(len(rows))
        rows.append([title, None, None])
        rows += [[name, n, None] for name, n in lines]
    rows.append([_("Người lao động trực tiếp"), counts.direct_workers, fraction(counts.direct_worker_share)])
    title = _("Thống kê khen thưởng năm %(y)s") % {"y": year}
    return Sheet(_("Thống kê"), columns, rows, heading=title, bold_rows=bold)


def decision_awardees_sheet(decision, awardees, *, title: str) -> Sheet:
    """A decision's list of awardees (danh sách kèm theo quyết định)."""
    columns = [
        Column(_("STT"), 6),
        Column(_("Họ tên / tập thể"), 36),
        Column(_("Chức vụ"), 24),
        Column(_("Đơn vị"), 36),
        Column(_("Tiền thưởng (đồng)"), 18, COUNT),
    ]
    rows = [
        [
            i,
            a.person.full_name if a.person_id else a.unit.name,
            (a.person.position if a.person_id else _("Tập thể")),
            (a.person.unit.name if a.person_id else ""),
            a.prize,
        ]
        for i, a in enumerate(awardees, start=1)
    ]
    return Sheet(_("Danh sách"), columns, rows, heading=title)


def register_details(*, root, user_unit, year, state_label: str) -> list[str]:
    """What the register of dossiers is narrowed to, for its heading (XLSX and PDF)."""
    details = (
        root.name if root != user_unit else "",
        _("năm %(y)s") % {"y": year} if year else "",
        f"{_('Trạng thái')}: {state_label}" if state_label else "",
    )
    return [str(d) for d in details if d]


def register_sheet(dossiers, *, details: list[str]) -> Sheet:
    """The register of dossiers (sổ theo dõi hồ sơ): the dossier list's rows."""
    columns = [
        Column(_("STT"), 6),
        Column(_("Năm"), 8),
        Column(_("Trích yếu"), 40),
        Column(_("Đơn vị đề nghị"), 32),
        Column(_("Hình thức"), 32),
        Column(_("Số người"), 10, COUNT),
        Column(_("Trạng thái"), 22),
        Column(_("Ngày nộp"), 12, DATE),
    ]
    rows = [
        [
            i,
            d.year,
            d.title,
            d.proposing_unit.name,
            d.award_form.name,
            d.nominee_count,
            d.get_state_display(),
            local_date(d.submitted_at),
        ]
        for i, d in enumerate(dossiers, start=1)
    ]
    title = heading(_("Sổ theo dõi hồ sơ đề nghị khen thưởng"), *details)
    return Sheet(_("Sổ hồ sơ"), columns, rows, heading=title)


def awardees_sheet(awardees, *, root, year) -> Sheet:
    """The awardee list: the list behind every award figure of the dashboards."""
    columns = [
        Column(_("STT"), 6),
        Column(_("Năm"), 8),
        Column(_("Số quyết định"), 18),
        Column(_("Ngày ký"), 12, DATE),
        Column(_("Hình thức"), 32),
        Column(_("Tập thể, cá nhân được khen"), 34),
        Column(_("Đơn vị"), 30),
        Column(_("Lao động trực tiếp"), 12),
        Column(_("Tiền thưởng (đồng)"), 16, COUNT),
    ]
    rows = [
        [
            i,
            a.decision.year,
            a.decision.number_text,
            a.decision.signed_on,
            a.decision.award_form.name,
            a.person.full_name if a.person_id else a.unit.name,
            a.person.unit.name if a.person_id else "",
            _("Có") if a.person_id and a.person.is_direct_worker else "",
            a.prize,
        ]
        for i, a in enumerate(awardees, start=1)
    ]
    title = heading(_("Danh sách được khen thưởng"), root.name, year or "")
    return Sheet(_("Được khen thưởng"), columns, rows, heading=title)
