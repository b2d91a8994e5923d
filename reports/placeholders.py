"""Placeholders in template texts, filled when a document is drafted from a template:
"Công tác Thi đua, Khen thưởng năm {year}" → "… năm 2023". Only the names below are
replaced; any other brace is left as typed, and saving a template names unknown ones."""

import re

from django.utils.translation import gettext_lazy as _

PLACEHOLDERS = {
    "year": _("năm của văn bản (2023)"),
    "next_year": _("năm sau (2024)"),
    "previous_year": _("năm trước (2022)"),
    "issuer": _("tên đơn vị ban hành"),
    "grouping": _("tên khối, cụm thi đua"),
    "period": _("kỳ báo cáo (6 tháng đầu năm, cả năm)"),
    "campaign": _("tên phong trào"),
    "event": _("tên sự kiện phân bổ số lượng"),
    "award_form": _("hình thức khen thưởng của quyết định"),
    "decision": _("trích yếu của quyết định khen thưởng"),
    "criteria_table": _("tên bảng chấm điểm"),
}
PATTERN = re.compile(r"\{([a-z_]+)\}")


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in PATTERN.findall(text or "") if name not in PLACEHOLDERS})


def placeholder_values(document) -> dict[str, str]:
    """Values for a document being drafted (saved or not)."""
    from emulation.enums import Period

    year = document.year
    return {
        "year": str(year),
        "next_year": str(year + 1),
        "previous_year": str(year - 1),
        "issuer": document.issuer.name if document.issuer_id else "",
        "grouping": document.grouping.name if document.grouping_id else "",
        "period": str(Period(document.period).label).lower() if document.period else "",
        "campaign": document.campaign.name if document.campaign_id else "",
        "event": document.quota_event.name if document.quota_event_id else "",
        "award_form": document.decision.award_form.name if document.decision_id else "",
        "decision": document.decision.subject if document.decision_id else "",
        "criteria_table": document.criteria_table.name if document.criteria_table_id else "",
    }


def fill(text: str, values: dict[str, str]) -> str:
    return PATTERN.sub(lambda m: values.get(m.group(1), m.group(0)), text or "")
