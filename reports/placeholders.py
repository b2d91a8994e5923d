"""Placeholders in template texts, filled when a document is drafted from a template:
"Công tác Thi đua, Khen thưởng năm {year}" → "… năm 2023". Only the names below are
replaced; any other brace is left as typed, and saving a template names unknown ones."""

import re

from django.utils.translation import gettext_lazy as _

from emulation.indicators import period_label

PLACEHOLDERS = {
    "year": _("năm của văn bản (2023)"),
    "next_year": _("năm sau (2024)"),
    "previous_year": _("năm trước (2022)"),
    "issuer": _("tên đơn vị ban hành"),
    "grouping": _("tên khối, cụm thi đua"),
    "period": _("kỳ báo cáo và năm (6 tháng đầu năm 2023, cả năm 2023)"),
    "campaign": _("tên phong trào trong ngoặc kép (“Lao động giỏi, Lao động sáng tạo”)"),
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
    year = document.year
    return {
        "year": str(year),
        "next_year": str(year + 1),
        "previous_year": str(year - 1),
        "issuer": document.issuer.name if document.issuer_id else "",
        "grouping": document.grouping.name if document.grouping_id else "",
        # The period's label carries its own "năm" ("6 tháng đầu năm"): emulation names a
        # period of a year ("6 tháng đầu năm 2023"), a template never adds "năm {year}" to it.
        "period": period_label(year, document.period).lower() if document.period else "",
        # A campaign is cited by its name in quotes, after "phong trào thi đua" (seeds 000,
        # 002): the name is the slogan alone, so a template never doubles the noun before it.
        "campaign": f"“{document.campaign.name}”" if document.campaign_id else "",
        "event": document.quota_event.name if document.quota_event_id else "",
        "award_form": document.decision.award_form.name if document.decision_id else "",
        "decision": document.decision.subject if document.decision_id else "",
        "criteria_table": document.criteria_table.name if document.criteria_table_id else "",
    }


def fill(text: str, values: dict[str, str]) -> str:
    return PATTERN.sub(lambda m: values.get(m.group(1), m.group(0)), text or "")
