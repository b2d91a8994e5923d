"""The awards forms and filtersets on their own: the council's vote table and the lists'
filters, without a page around them."""

from types import SimpleNamespace

import pytest
from django.utils import timezone

from awards.enums import DecisionState, DossierState
from awards.filters import AwardeeFilter, DossierFilter
from awards.forms import VoteFormSet
from awards.models import Awardee, Decision, Dossier
from awards.queries import AwardeeKind, DossierGroup
from tests.awards.conftest import person

YEAR = 2021


def _nominee(pk: int, name: str):
    return SimpleNamespace(pk=pk, name=name)


def _formset(typed: list[tuple[str, str]], present: int = 3):
    nominees = [_nominee(10 + i, f"Người {i}") for i in range(len(typed))]
    data = {"phieu-TOTAL_FORMS": str(len(typed)), "phieu-INITIAL_FORMS": "0"}
    for i, (votes_for, against) in enumerate(typed):
        data |= {f"phieu-{i}-votes_for": votes_for, f"phieu-{i}-votes_against": against}
    return VoteFormSet(data, prefix="phieu", nominees=nominees, present=present)


def test_vote_formset_reads_each_line_and_leaves_out_an_empty_for_cell():
    votes = _formset([("3", "0"), (" 1 ", ""), ("", "2")])
    assert votes.is_valid()
    assert votes.votes() == {10: (3, 0), 11: (1, 0)}
    assert votes.refusals() == []


def test_vote_formset_names_every_refused_cell_in_the_tables_order():
    votes = _formset([("abc", "-1"), ("2", "1234567")])
    assert not votes.is_valid()
    assert votes.refusals() == [
        "Số phiếu đồng ý của Người 0 không hợp lệ: “abc” không phải là số nguyên không âm.",
        "Số phiếu không đồng ý của Người 0 không hợp lệ: “-1” không phải là số nguyên không âm.",
        "Số phiếu không đồng ý của Người 1 không hợp lệ: 1234567 lớn hơn số thành viên có mặt (3).",
    ]
    assert votes.votes() == {}


def test_vote_formset_labels_each_cell_with_the_nominees_name():
    form = _formset([("", "0")]).forms[0]
    assert (form.fields["votes_for"].label, form.fields["votes_against"].label) == (
        "Đồng ý: Người 0",
        "Không đồng ý: Người 0",
    )


LABELS = {
    DossierGroup.OPEN: "Đang xử lý (mọi trạng thái)",
    DossierGroup.DONE: "Đã có quyết định (của tỉnh hoặc cấp trên)",
    DossierState.DRAFT: "Nháp",
    "bogus": "",
}


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (DossierGroup.OPEN, {DossierState.SUBMITTED, DossierState.READY}),
        (DossierGroup.DONE, {DossierState.DECIDED}),
        (DossierState.DRAFT, {DossierState.DRAFT}),
        ("bogus", {DossierState.DRAFT, DossierState.SUBMITTED, DossierState.READY, DossierState.DECIDED}),
    ],
)
def test_dossier_filter_takes_a_state_or_a_group(org, form, state, expected):
    for value in (DossierState.DRAFT, DossierState.SUBMITTED, DossierState.READY, DossierState.DECIDED):
        Dossier.objects.create(proposing_unit=org.a, year=YEAR, award_form=form, title=value, state=value)
    filterset = DossierFilter({"state": state}, queryset=Dossier.objects.all())
    assert {d.state for d in filterset.qs} == expected
    assert filterset.state_label() == LABELS[state]


def test_awardee_filter_narrows_to_a_kind_and_ignores_a_refused_one(org, form):
    decision = Decision.objects.create(
        issuer=org.province,
        year=YEAR,
        number=1,
        award_form=form,
        subject="QĐ",
        state=DecisionState.ISSUED,
        signed_on=timezone.localdate(),
    )
    Awardee.objects.create(decision=decision, person=person(org.a1, is_direct_worker=True), order=1)
    Awardee.objects.create(decision=decision, unit=org.a2, order=2)
    everyone = Awardee.objects.all()
    assert AwardeeFilter({"kind": AwardeeKind.COLLECTIVE}, queryset=everyone).qs.get().unit == org.a2
    assert (
        AwardeeFilter({"kind": AwardeeKind.DIRECT}, queryset=everyone).qs.get().person.full_name
        == "Lò Thị Mai"
    )
    refused = AwardeeFilter({"kind": "bogus", "year": "2020"}, queryset=everyone)
    assert refused.qs.count() == 0  # the year still applies
    assert refused.value("kind") is None
