"""How every form shows its errors (WCAG 2.1: 3.3.1 error identification, 4.1.2, 2.4.3):
a summary at the top listing each error as a link to its field, focused when the page
comes back with errors; and under each field its help text and errors with the ids that
Django's own `aria-describedby` names (`<id>_helptext`, `<id>_error`).
"""

from django import template
from django.forms.formsets import BaseFormSet
from django.utils.translation import gettext as _

register = template.Library()


def _form_errors(form, row: int | None = None) -> list[dict]:
    items = [{"href": "", "text": str(e)} for e in form.non_field_errors()]
    for field in form:
        label = field.label or field.name
        if row is not None:
            label = _("%(label)s (dòng %(row)d)") % {"label": label, "row": row}
        # A hidden field has nothing to move to; its error is still listed.
        href = "" if field.is_hidden else f"#{field.id_for_label or field.auto_id}"
        items += [{"href": href, "text": f"{label}: {e}"} for e in field.errors]
    return items


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms):
    """The errors of the given forms and formsets, in page order, each linked to its
    field. Forms that are None (not on this page) are skipped."""
    items = []
    for obj in forms:
        if obj is None or not obj.is_bound:
            continue
        if isinstance(obj, BaseFormSet):
            items += [{"href": "", "text": str(e)} for e in obj.non_form_errors()]
            for row, form in enumerate(obj.forms, start=1):
                items += _form_errors(form, row)
        else:
            items += _form_errors(obj)
    return {"errors": items}
