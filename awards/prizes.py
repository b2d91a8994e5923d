"""Prizes: the base salary in force on a day and the money an award carries
(coefficient × base salary, rounded up to the next 10.000 đ)."""

import datetime
from decimal import ROUND_CEILING, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from awards.models import AwardForm, BaseSalary

PRIZE_ROUNDING = Decimal(10_000)


def base_salary_on(day: datetime.date) -> Decimal | None:
    row = BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    return row.amount if row else None


def prize_money(coefficient: Decimal, base: Decimal) -> Decimal:
    """Coefficient × base, rounded up to the next 10.000 đ (QĐ 999/QĐ-TLĐ; NĐ 152/2025)."""
    amount = coefficient * base
    return (amount / PRIZE_ROUNDING).to_integral_value(rounding=ROUND_CEILING) * PRIZE_ROUNDING


def prize_base_on(form: AwardForm, day: datetime.date) -> Decimal | None:
    """The base salary that prices `form`'s prizes on the signing `day`. A form with a
    coefficient cannot be priced on a day no base salary is in force."""
    base = base_salary_on(day)
    if base is None and (form.prize_coefficient or form.prize_coefficient_collective):
        raise ValidationError(
            gettext("Chưa có mức lương cơ sở áp dụng cho ngày %(d)s.") % {"d": day.strftime("%d/%m/%Y")}
        )
    return base


def awardee_prize(form: AwardForm, *, collective: bool, base: Decimal | None) -> Decimal:
    """An awardee's prize: the form's coefficient for a collective or an individual times
    the base salary; nothing without a base salary."""
    coefficient = form.prize_coefficient_collective if collective else form.prize_coefficient
    return prize_money(coefficient, base) if base else Decimal(0)
