"""Quotas per event and unit (phân bổ số lượng, seed 003).

The seed's text says "32 tập thể, 80 cá nhân" while its own table adds up to 30 and 82:
only the four leaf numbers of each row are stored, every total is computed, and a file
whose printed totals disagree with its leaves is refused naming the row and the column.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.models import QuotaAllocation, QuotaEvent
from units.audit import audit_record
from units.enums import AuditAction
from units.imports import match_unit, read_records, value_error, value_errors
from units.models import Unit

LEAVES = ("collectives_hcsn", "collectives_sxkd", "individuals_hcsn", "individuals_sxkd")
ALIASES = {
    "unit": {"don vi", "ten don vi", "ma don vi", "unit"},
    "total": {"tong so", "total"},
    "collectives": {"tap the", "collectives"},
    "individuals": {"ca nhan", "individuals"},
    "collectives_hcsn": {"tap the hcsn", "tap the khoi hcsn"},
    "collectives_sxkd": {"tap the sxkd", "tap the khoi sxkd"},
    "individuals_hcsn": {"ca nhan hcsn", "ca nhan khoi hcsn"},
    "individuals_sxkd": {"ca nhan sxkd", "ca nhan khoi sxkd"},
}
REQUIRED = {
    "unit": "don_vi",
    "collectives_hcsn": "tap_the_hcsn",
    "collectives_sxkd": "tap_the_sxkd",
    "individuals_hcsn": "ca_nhan_hcsn",
    "individuals_sxkd": "ca_nhan_sxkd",
}


@dataclass
class QuotaRow:
    line: int
    unit_text: str
    numbers: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    unit: Unit | None = None


def _count(text: str, column: str, errors: list[str]) -> int | None:
    text = (text or "").strip()
    if text == "":
        return None
    if not text.isdigit():
        errors.append(_("Cột %(c)s: “%(t)s” không phải số nguyên không âm.") % {"c": column, "t": text})
        return None
    return int(text)


def parse_quota(filename: str, content: bytes, *, units: list[Unit]) -> list[QuotaRow]:
    rows, seen = [], {}
    for line, cells in read_records(filename, content, aliases=ALIASES, required=REQUIRED):
        row = QuotaRow(line=line, unit_text=cells["unit"])  # a required column: always read
        for key in LEAVES:
            row.numbers[key] = _count(cells.get(key), REQUIRED[key], row.errors) or 0
        row.errors += value_errors(QuotaAllocation, row.numbers, REQUIRED)
        collectives = row.numbers["collectives_hcsn"] + row.numbers["collectives_sxkd"]
        individuals = row.numbers["individuals_hcsn"] + row.numbers["individuals_sxkd"]
        for key, computed, column in (
            ("collectives", collectives, "tap_the"),
            ("individuals", individuals, "ca_nhan"),
            ("total", collectives + individuals, "tong_so"),
        ):
            printed = _count(cells.get(key), column, row.errors)
            if printed is not None and printed != computed:
                row.errors.append(
                    _("Cột %(c)s ghi %(p)s nhưng các cột chi tiết cộng lại %(s)s.")
                    % {"c": column, "p": printed, "s": computed}
                )
        row.unit, problem = match_unit(row.unit_text, units)
        if problem:
            row.errors.append(problem)
        elif row.unit.pk in seen:
            row.errors.append(_("Đơn vị đã có ở dòng %(l)s.") % {"l": seen[row.unit.pk]})
        else:
            seen[row.unit.pk] = line
        rows.append(row)
    return rows


@transaction.atomic
def quota_import(
    *, rows: list[QuotaRow], name: str, year: int, owner: Unit, by, award_form=None
) -> QuotaEvent:
    """Create or replace the event's allocation. Any bad row refuses the file."""
    bad = [r for r in rows if r.errors]
    if bad:
        raise ValidationError([_("Dòng %(l)s: %(e)s") % {"l": r.line, "e": " ".join(r.errors)} for r in bad])
    if problem := value_error(QuotaEvent, "name", name.strip(), column=_("tên sự kiện")):
        raise ValidationError(problem)
    event, _created = QuotaEvent.objects.get_or_create(
        owner=owner, year=year, name=name.strip(), defaults={"award_form": award_form}
    )
    event.allocations.all().delete()
    QuotaAllocation.objects.bulk_create(
        QuotaAllocation(event=event, unit=r.unit, order=i, **r.numbers) for i, r in enumerate(rows, start=1)
    )
    audit_record(
        action=AuditAction.IMPORT, by=by, obj=event, changes={"rows": len(rows), **quota_totals(event)}
    )
    return event


def quota_totals(event: QuotaEvent) -> dict:
    """Grand totals computed from the leaves (seed 003's fixture: 112 = 30 + 82)."""
    allocations = list(event.allocations.all())
    sums = {key: sum(getattr(a, key) for a in allocations) for key in LEAVES}
    collectives = sums["collectives_hcsn"] + sums["collectives_sxkd"]
    individuals = sums["individuals_hcsn"] + sums["individuals_sxkd"]
    return {
        "total": collectives + individuals,
        "collectives": collectives,
        "individuals": individuals,
        **sums,
    }
