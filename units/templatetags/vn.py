"""Vietnamese number formats for templates: 1.117.335.103; 90,6%."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from units.formatting import format_number, format_percent, format_points

register = template.Library()


@register.filter
def vn_number(value, decimals=0):
    return format_number(value, int(decimals))


@register.filter
def vn_percent(value, decimals=1):
    return format_percent(value, int(decimals))


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current GET query with some parameters replaced (pagination links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def filter_query(context):
    """The page's filters as a query string ("?year=2023&state=submitted", or nothing),
    without the page number: an export lists every row of the filtered list."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    return f"?{query.urlencode()}" if query else ""


@register.filter
def vn_points(value):
    return format_points(value)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def nav_link(context, url_name, label, *prefixes):
    """A link of the main menu. The link of the page being shown carries
    aria-current="page"; the link of the section it belongs to, aria-current="true"
    (the GOV.UK service navigation's convention), so a screen reader says where the user
    is and not only the colour does."""
    href = reverse(url_name)
    path = context["request"].path
    if path == href:
        current = "page"
    elif any(path.startswith(p) for p in prefixes):
        current = "true"
    else:
        return format_html('<a class="nav-link" href="{}">{}</a>', href, label)
    return format_html('<a class="nav-link active" href="{}" aria-current="{}">{}</a>', href, current, label)
