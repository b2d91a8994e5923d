"""The units pages' tables as XLSX sheets: the same rows, columns and order as on screen.

Each builder takes what its page's view already read (through the same scoped query and
filters) and returns a Sheet; the views only wrap it in a download. Where the page puts
two values in one cell (a state with its date), the sheet gives each its own column so
that dates stay dates.
"""

import json

from django.utils.translation import gettext as _

from units.documents import COUNT, DATE, DATETIME, SECONDS, Column, Sheet, local_datetime
from units.enums import GroupingKind, UnitChangeKind
from units.models import Unit
from units.queries import TreeNode


def _unit_columns() -> list[Column]:
    return [
        Column(_("Mã"), 16),
        Column(_("Tên đơn vị"), 48),
        Column(_("Loại"), 22),
        Column(_("Khối"), 8),
        Column(_("Cấp trên"), 30),
        Column(_("Tình trạng"), 18),
        Column(_("Ngừng hoạt động từ"), 14, DATE),
    ]


def _unit_row(unit: Unit, parent: Unit | None) -> list:
    return [
        unit.code,
        unit.name,
        unit.get_kind_display(),
        unit.sector.upper() or None,
        parent.display_name if parent else None,
        _("Đang hoạt động") if unit.is_active else _("Ngừng hoạt động"),
        unit.valid_to,
    ]


def unit_list_sheet(units, *, title: str) -> Sheet:
    """The tree page's search results (units come with their parents selected)."""
    return Sheet(_("Đơn vị"), _unit_columns(), [_unit_row(u, u.parent) for u in units], heading=title)


def unit_tree_sheet(roots: list[TreeNode], *, title: str) -> Sheet:
    """The tree page without a search: every unit of the tree, each under its parent."""
    # The tree holds every parent but the roots' (the user's unit, or a unit whose parent
    # had ended on the day asked): those few come in one query.
    outer = Unit.objects.in_bulk([r.unit.parent_id for r in roots if r.unit.parent_id])
    rows = []

    def walk(node: TreeNode, parent: Unit | None) -> None:
        rows.append(_unit_row(node.unit, parent))
        for child in node.children:
            walk(child, node.unit)

    for root in roots:
        walk(root, outer.get(root.unit.parent_id))
    return Sheet(_("Đơn vị"), _unit_columns(), rows, heading=title)


def _change_detail(change, unit: Unit) -> str:
    """The "Chi tiết" cell of the unit page's history, in the same words."""
    if change.unit_id != unit.pk:
        said = {
            UnitChangeKind.MERGED: _("sáp nhập vào đơn vị này"),
            UnitChangeKind.DISSOLVED: _("(đơn vị trực thuộc) giải thể"),
            UnitChangeKind.MOVED: _("chuyển về trực thuộc đơn vị này"),
            UnitChangeKind.CREATED: _("được thành lập trực thuộc đơn vị này"),
            UnitChangeKind.RECORDED: _("được đưa vào hệ thống, trực thuộc đơn vị này"),
        }.get(change.kind)
        text = f"{change.unit.name} {said}" if said else ""
    else:
        under = f" — {_('trực thuộc')} {change.other.name}" if change.other else ""
        text = {
            UnitChangeKind.MERGED: f"{_('Sáp nhập vào')} {change.other.name if change.other else ''}",
            UnitChangeKind.MOVED: " ".join(
                [
                    _("Chuyển từ"),
                    change.previous_parent.name if change.previous_parent else "—",
                    _("sang"),
                    change.other.name if change.other else "",
                ]
            ),
            UnitChangeKind.DISSOLVED: _("Giải thể"),
            UnitChangeKind.CREATED: _("Thành lập") + under,
            UnitChangeKind.RECORDED: _("Đưa vào hệ thống (chưa có ngày thành lập)") + under,
        }.get(change.kind, "")
    return "\n".join(part for part in (text.strip(), change.note) if part)


def unit_history_sheet(unit: Unit, history) -> Sheet:
    columns = [Column(_("Ngày"), 12, DATE), Column(_("Sự kiện"), 24), Column(_("Chi tiết"), 70)]
    rows = [[c.on, c.get_kind_display(), _change_detail(c, unit)] for c in history]
    return Sheet(_("Lịch sử"), columns, rows, heading=f"{_('Lịch sử')}: {unit.name}")


def grouping_list_sheet(groupings, *, title: str) -> Sheet:
    columns = [
        Column(_("Năm"), 8),
        Column(_("Tên"), 48),
        Column(_("Loại"), 22),
        Column(_("Trưởng khối/cụm"), 36),
        Column(_("Số thành viên"), 12, COUNT),
    ]
    rows = [
        [g.year, g.name, g.get_kind_display(), g.leader.name if g.leader else None, g.member_count]
        for g in groupings
    ]
    return Sheet(_("Khối, cụm thi đua"), columns, rows, heading=title)


def grouping_members_sheet(grouping, members) -> Sheet:
    leader = _("Trưởng cụm") if grouping.kind == GroupingKind.CLUSTER else _("Trưởng khối")
    columns = [
        Column(_("STT"), 6),
        Column(_("Thành viên"), 48),
        Column(_("Loại"), 22),
        Column(_("Vai trò trong khối"), 18),
    ]
    rows = [
        [
            i,
            m.unit.name,
            m.unit.get_kind_display(),
            leader if m.unit_id == grouping.leader_id else _("Thành viên"),
        ]
        for i, m in enumerate(members, start=1)
    ]
    title = f"{grouping.name} — {grouping.get_kind_display()} · {_('Năm')} {grouping.year}"
    return Sheet(_("Thành viên"), columns, rows, heading=title)


def account_list_sheet(accounts, *, title: str) -> Sheet:
    columns = [
        Column(_("Tên đăng nhập"), 20),
        Column(_("Họ và tên"), 28),
        Column(_("Đơn vị"), 30),
        Column(_("Vai trò"), 26),
        Column(_("Tình trạng"), 26),
        Column(_("Đăng nhập gần nhất"), 17, DATETIME),
    ]
    rows = []
    for a in accounts:
        state = [_("Đang hoạt động") if a.is_active else _("Đã khóa")]
        if a.must_change_password:
            state.append(_("Chờ đổi mật khẩu"))
        rows.append(
            [
                a.username,
                a.full_name,
                a.unit.display_name,
                a.get_role_display(),
                "; ".join(state),
                local_datetime(a.last_login),
            ]
        )
    return Sheet(_("Tài khoản"), columns, rows, heading=title)


def audit_log_sheet(entries, *, title: str) -> Sheet:
    columns = [
        Column(_("Thời điểm"), 19, SECONDS),
        Column(_("Tài khoản"), 18),
        Column(_("Đơn vị"), 28),
        Column(_("Hành động"), 22),
        Column(_("Đối tượng"), 36),
        Column(_("Thay đổi"), 60),
        Column(_("IP"), 15),
    ]
    rows = [
        [
            local_datetime(e.at),
            e.actor_username or None,
            e.actor_unit.display_name if e.actor_unit else None,
            e.get_action_display(),
            e.object_repr,
            json.dumps(e.changes, ensure_ascii=False, default=str) if e.changes else None,
            e.ip_address or None,
        ]
        for e in entries
    ]
    return Sheet(_("Nhật ký"), columns, rows, heading=title)


def unit_counts_sheet(counts: list[tuple[str, int]], total: int, *, title: str) -> Sheet:
    """The home page's count of active units by kind, with its total in bold."""
    columns = [Column(_("Loại đơn vị"), 36), Column(_("Số đơn vị"), 12, COUNT)]
    rows = [[label, n] for label, n in counts] + [[_("Tổng số"), total]]
    return Sheet(_("Đơn vị"), columns, rows, heading=title, bold_rows={len(rows) - 1})
