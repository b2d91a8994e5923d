"""Writes on what the province keeps: the catalogue of award forms, the base salary,
and each unit's award fund."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from awards import access
from awards.models import (
    AwardForm,
    AwardFund,
    BaseSalary,
)
from units.audit import audit_record, diff, snapshot
from units.enums import AuditAction
from units.models import Unit, User

# --- Award fund --------------------------------------------------------------------------


@transaction.atomic
def award_fund_save(
    *, owner: Unit, year: int, budget: Decimal, share: Decimal, amount: Decimal | None, note: str, by: User
):
    """Sets the unit's award fund for a year (one row per unit and year), audited."""
    if not access.keeps_fund(by) or owner.pk != by.unit_id:
        raise PermissionDenied
    fund = AwardFund.objects.select_for_update().filter(owner=owner, year=year).first()
    before = snapshot(fund, ["budget", "share", "amount", "note"]) if fund else {}
    if fund is None:
        fund = AwardFund(owner=owner, year=year)
    fund.budget, fund.share, fund.amount, fund.note, fund.updated_by = budget, share, amount, note, by
    fund.full_clean()
    fund.save()
    after = snapshot(fund, ["budget", "share", "amount", "note"])
    audit_record(
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        by=by,
        obj=fund,
        changes=diff(before, after) if before else after,
    )
    return fund


# --- Catalogue -----------------------------------------------------------------------------

AWARD_FORM_FIELDS = [
    "code",
    "name",
    "issuing_level",
    "recipient",
    "kind",
    "prize_coefficient",
    "prize_coefficient_collective",
    "required_documents",
    "active",
    "order",
    "eligibility",
]


def award_form_save(*, award_form: AwardForm, eligibility: list, created: bool, by: User) -> AwardForm:
    """Saves a form of the catalogue with its checks (awards.eligibility), audited. The
    caller checked that `by` keeps the catalogue (access.keeps_catalogue)."""
    before = {} if created else snapshot(award_form, AWARD_FORM_FIELDS)
    award_form.eligibility = eligibility
    award_form.save()
    audit_record(
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        by=by,
        obj=award_form,
        changes=diff(before, snapshot(award_form, AWARD_FORM_FIELDS)),
    )
    return award_form


def base_salary_add(*, row: BaseSalary, by: User) -> BaseSalary:
    """Adds a base salary (mức lương cơ sở) from its date on, audited. The caller checked
    that `by` keeps the catalogue."""
    row.save()
    audit_record(action=AuditAction.CREATE, by=by, obj=row, changes={"amount": row.amount})
    return row
