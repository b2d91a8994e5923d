from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from scoring.enums import ScoreKind
from scoring.rules import input_pattern, input_text

register = template.Library()

# The level names the seed's tables use; other keys print as written.
LEVEL_LABELS = {
    "HTXSNV": "Hoàn thành xuất sắc nhiệm vụ",
    "HTTNV": "Hoàn thành tốt nhiệm vụ",
    "HTNV": "Hoàn thành nhiệm vụ",
    "KHTNV": "Không hoàn thành nhiệm vụ",
    "KHONG_CO_TO_CHUC": "Không có tổ chức",
    "BAN_HANH": "Có ban hành",
    "CHI_TRIEN_KHAI": "Chỉ triển khai",
    "THEO_GIAI_DOAN": "Theo giai đoạn",
    "THEO_NAM": "Theo năm",
    "KHONG": "Không",
    "VUOT_KE_HOACH": "Vượt kế hoạch",
    "DAT_KE_HOACH": "Đạt kế hoạch",
    "KHONG_DAT": "Không đạt",
}


@register.filter
def level_label(key: str) -> str:
    label = LEVEL_LABELS.get(key)
    return _(label) if label else key.replace("_", " ").capitalize()


@register.filter
def score_of(node, kind):
    return node.scores.get(kind) if node.scores else None


@register.filter
def sums_of(node, kind):
    return node.sums.get(kind) if node.sums else None


@register.filter
def subtract(value, other):
    return value - other


@register.filter
def input_of(node, kind):
    """What an input shows: the scorer's own entry, or for an appraiser who has not
    touched the item yet, the unit's self-score (appraisal starts from it)."""
    if not node.scores:
        return None
    return node.scores.get(kind) or (node.scores.get(ScoreKind.SELF) if kind == ScoreKind.APPRAISED else None)


@register.simple_tag
def number_attrs(maximum, kind: str):
    """The keyboard and the bounds of a score input of 0..maximum: `kind` "count",
    "percent" or "points" (scoring.rules.input_pattern)."""
    if maximum is None:
        return ""
    return format_html(
        ' inputmode="{}" pattern="{}" autocomplete="off"',
        "numeric" if kind == "count" else "decimal",
        input_pattern(Decimal(maximum), kind),
    )


@register.filter
def input_number(value) -> str:
    """A stored value as its input shows it: 32,25 (two decimals at most), 100."""
    if value is None or value == "":
        return ""
    return input_text(Decimal(value))
