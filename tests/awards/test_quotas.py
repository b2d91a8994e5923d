"""Quota files (seed 003): the four leaf numbers of each row are stored, every total is
computed, and a bad row is refused naming its line and its column."""

import pytest
from django.core.exceptions import ValidationError

from awards.models import QuotaAllocation, QuotaEvent
from awards.quotas import parse_quota, quota_import, quota_totals
from units.enums import AuditAction
from units.models import AuditEntry

HEADER = "don_vi,tong_so,tap_the,ca_nhan,tap_the_hcsn,tap_the_sxkd,ca_nhan_hcsn,ca_nhan_sxkd\n"


def parsed(org, body):
    units = [org.a, org.b, org.a1]
    return parse_quota("phan-bo.csv", (HEADER + body).encode(), units=units)


def test_a_row_with_printed_totals_that_agree_is_read(org):
    [row] = parsed(org, "A,17,5,12,3,2,8,4\n")
    assert (row.line, row.unit_text, row.unit, row.errors) == (2, "A", org.a, [])
    assert row.numbers == {
        "collectives_hcsn": 3,
        "collectives_sxkd": 2,
        "individuals_hcsn": 8,
        "individuals_sxkd": 4,
    }


def test_printed_totals_may_be_left_out_and_empty_leaves_count_zero(org):
    [row] = parsed(org, "A,,,,3,,,4\n")
    assert row.errors == []
    assert row.numbers == {
        "collectives_hcsn": 3,
        "collectives_sxkd": 0,
        "individuals_hcsn": 0,
        "individuals_sxkd": 4,
    }


@pytest.mark.parametrize(
    ("printed", "error"),
    [
        ("18,5,12", "Cột tong_so ghi 18 nhưng các cột chi tiết cộng lại 17."),
        ("17,6,12", "Cột tap_the ghi 6 nhưng các cột chi tiết cộng lại 5."),
        ("17,5,11", "Cột ca_nhan ghi 11 nhưng các cột chi tiết cộng lại 12."),
    ],
)
def test_a_printed_total_that_disagrees_with_its_leaves_names_the_column(org, printed, error):
    [row] = parsed(org, f"A,{printed},3,2,8,4\n")
    assert row.errors == [error]


def test_a_negative_count_is_refused_with_its_row_and_column(org):
    rows = parsed(org, "A,,,,1,0,1,2\nB,,,,1,-1,1,2\n")
    assert [r.errors for r in rows] == [[], ["Cột tap_the_sxkd: “-1” không phải số nguyên không âm."]]
    with pytest.raises(ValidationError) as exc:
        quota_import(rows=rows, name="Hội nghị 2020", year=2020, owner=org.province, by=None)
    assert exc.value.messages == ["Dòng 3: Cột tap_the_sxkd: “-1” không phải số nguyên không âm."]
    assert not QuotaEvent.objects.exists() and not QuotaAllocation.objects.exists()


def test_a_printed_total_that_is_not_a_count_is_refused(org):
    [row] = parsed(org, "A,2.5,,,1,0,1,0\n")
    assert row.errors == ["Cột tong_so: “2.5” không phải số nguyên không âm."]


def test_an_unknown_or_repeated_unit_is_refused(org):
    rows = parsed(org, "A,,,,1,0,0,0\nHuyện Z,,,,1,0,0,0\nA,,,,1,0,0,0\nB,,,,0,0,0,1\n")
    assert [r.errors for r in rows] == [
        [],
        ["“Huyện Z” không phải là đơn vị thành viên."],
        ["Đơn vị đã có ở dòng 2."],
        [],
    ]


def test_import_stores_the_leaves_in_order_and_replaces_an_earlier_file(org):
    first = parsed(org, "A,,,,3,2,8,4\n")
    event = quota_import(rows=first, name=" Hội nghị 2020 ", year=2020, owner=org.province, by=None)
    assert (event.name, event.year, event.owner) == ("Hội nghị 2020", 2020, org.province)
    second = parsed(org, "B,,,,1,0,2,0\nA,,,,0,1,0,3\n")
    assert quota_import(rows=second, name="Hội nghị 2020", year=2020, owner=org.province, by=None) == event
    assert list(
        event.allocations.order_by("order").values_list("unit__code", "order", "collectives_sxkd")
    ) == [
        ("B", 1, 0),
        ("A", 2, 1),
    ]
    audit = AuditEntry.objects.filter(action=AuditAction.IMPORT).order_by("pk").last()
    assert audit.changes == {"rows": 2, **quota_totals(event)}


def test_quota_totals_add_up_the_leaves(org):
    rows = parsed(org, "A,,,,3,2,8,4\nB,,,,1,0,2,5\n")
    event = quota_import(rows=rows, name="Hội nghị 2020", year=2020, owner=org.province, by=None)
    assert quota_totals(event) == {
        "total": 25,
        "collectives": 6,
        "individuals": 19,
        "collectives_hcsn": 4,
        "collectives_sxkd": 2,
        "individuals_hcsn": 10,
        "individuals_sxkd": 9,
    }
