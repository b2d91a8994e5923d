from django import template
from django.utils.translation import gettext as _

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
