"""The awards lists and their exports read their filters through one form each: every
value a page accepts gives the same rows on the page, in its XLSX and in its PDF."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from awards.enums import DecisionState, DossierState
from awards.models import Dossier
from tests.awards.conftest import person
from tests.conftest import sheet_rows, workbook
from tests.emulation.conftest import table_rows

YEAR = 2021


def filter_errors(response) -> list[str]:
    """The items of the page's list of filters it did not apply."""
    import html
    import re

    found = re.search(r'<ul[^>]*data-testid="filter-errors">(.*?)</ul>', response.content.decode(), re.S)
    return [
        html.unescape(re.sub(r"<[^>]+>", "", item)) for item in re.findall(r"<li>(.*?)</li>", found[1], re.S)
    ]


def _pdf_text(response) -> str:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


@pytest.fixture
def dossiers(org, form, alice):
    """One dossier per state in district A's subtree (A itself and CĐCS A1), one of 2020,
    one stuck for a month, and one of district B that alice never sees."""
    made = {}
    for i, state in enumerate(DossierState.values):
        made[state] = Dossier.objects.create(
            proposing_unit=org.a1 if i % 2 else org.a,
            year=YEAR,
            award_form=form,
            title=f"Hồ sơ {state.upper()}",
            state=state,
        )
    made["old"] = Dossier.objects.create(
        proposing_unit=org.a, year=2020, award_form=form, title="Hồ sơ NĂM-2020", state=DossierState.DRAFT
    )
    made["stuck"] = Dossier.objects.create(
        proposing_unit=org.a1, year=YEAR, award_form=form, title="Hồ sơ NẰM-YÊN", state=DossierState.SUBMITTED
    )
    Dossier.objects.filter(pk=made["stuck"].pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=30)
    )
    made["other"] = Dossier.objects.create(
        proposing_unit=org.b, year=YEAR, award_form=form, title="Hồ sơ HUYỆN-B", state=DossierState.SUBMITTED
    )
    return made


OPEN = ["submitted", "appraising", "returned", "ready", "council_done", "forwarded"]


def _titles(keys):
    names = {"old": "Hồ sơ NĂM-2020", "stuck": "Hồ sơ NẰM-YÊN", "other": "Hồ sơ HUYỆN-B"}
    return {names.get(k, f"Hồ sơ {k.upper()}") for k in keys}


EVERY_STATE = [*DossierState.values, "old", "stuck"]
CASES = [
    ({}, EVERY_STATE),
    ({"state": "open"}, [*OPEN, "stuck"]),
    ({"state": "stuck"}, ["stuck"]),
    ({"state": "done"}, ["decided", "higher_decided"]),
    ({"year": "2020"}, ["old"]),
    ({"year": "2021", "state": "open"}, [*OPEN, "stuck"]),
    ({"unit": "A1"}, [s for i, s in enumerate(DossierState.values) if i % 2] + ["stuck"]),
    ({"unit": "A1", "state": "open"}, ["submitted", "returned", "council_done", "forwarded", "stuck"]),
    ({"unit": "A1", "state": "done"}, []),
    # Values the page refuses filter nothing, on the page and in the exports alike.
    ({"state": "bogus"}, EVERY_STATE),
    ({"state": "open", "year": "abc"}, [*OPEN, "stuck"]),
    ({"year": "99999999999"}, EVERY_STATE),
    ({"year": "-5"}, EVERY_STATE),
    ({"unit": "abc", "state": "stuck"}, ["stuck"]),
    ({"unit": "0"}, EVERY_STATE),
    ({"page": "abc", "state": "done"}, ["decided", "higher_decided"]),
]
CASES += [
    ({"state": state}, [state, *({"draft": ["old"], "submitted": ["stuck"]}.get(state, []))])
    for state in DossierState.values
]


@pytest.mark.parametrize(("query", "expected"), CASES, ids=[str(q) for q, _e in CASES])
def test_dossier_list_and_its_register_show_the_same_rows_for_every_filter(
    client, org, alice, dossiers, query, expected
):
    query = {k: (str(org.a1.pk) if v == "A1" else v) for k, v in query.items()}
    client.force_login(alice)
    page = client.get(reverse("awards:dossier_list"), query)
    assert page.status_code == 200
    on_page = {d.title for d in page.context["page"]}
    assert len(table_rows(page, "dossier-table")) == 1 + max(len(on_page), 1)
    assert on_page == _titles(expected)
    in_sheet = {
        row[2] for row in sheet_rows(workbook(client.get(reverse("awards:register_xlsx"), query)))[1:]
    }
    assert in_sheet == on_page
    text = _pdf_text(client.get(reverse("awards:register_pdf"), query))
    every = _titles([*EVERY_STATE, "other"])
    assert {t for t in every if t in text} == on_page


def test_dossier_register_heading_names_a_state_group_and_the_unit(client, org, alice, dossiers):
    client.force_login(alice)
    query = {"state": "open", "unit": org.a1.pk, "year": "2021"}
    sheet = workbook(client.get(reverse("awards:register_xlsx"), query))
    assert sheet["A1"].value == (
        "Sổ theo dõi hồ sơ đề nghị khen thưởng — CĐCS A1; năm 2021; Trạng thái: Đang xử lý (mọi trạng thái)"
    )
    text = _pdf_text(client.get(reverse("awards:register_pdf"), query))
    assert "CĐCS A1; năm 2021; Trạng thái: Đang xử lý (mọi trạng thái)" in " ".join(text.split())


def test_dossier_list_says_which_filter_it_did_not_apply(client, alice, dossiers):
    client.force_login(alice)
    response = client.get(reverse("awards:dossier_list"), {"state": "bogus", "year": "abc"})
    assert [li.strip() for li in filter_errors(response)] == [
        "Bộ lọc “Năm” không được áp dụng: Năm phải là một số từ 1990 đến 2100.",
        "Bộ lọc “Trạng thái” không được áp dụng: “bogus” không có trong danh sách.",
    ]
    filterset = response.context["filter"]
    assert filterset.value("state") is None and filterset.value("year") is None


def test_dossier_register_of_a_unit_outside_the_subtree_is_not_found(client, org, alice, dossiers):
    client.force_login(alice)
    for name in ("awards:dossier_list", "awards:register_xlsx", "awards:register_pdf"):
        assert client.get(reverse(name), {"unit": org.b.pk}).status_code == 404


EVERYONE = ["Lò Thị Mai", "Giàng A Sử", "CĐCS A1"]
AWARDEE_CASES = [
    ({}, EVERYONE),
    ({"year": "2021"}, EVERYONE),
    ({"year": "2020"}, []),
    ({"year": "abc"}, EVERYONE),
    ({"form": "999"}, EVERYONE),
    ({"form": "abc"}, EVERYONE),
    ({"level": "ldld_tinh"}, EVERYONE),
    ({"level": "tld"}, []),
    ({"level": "bogus"}, EVERYONE),
    ({"kind": "direct"}, ["Lò Thị Mai"]),
    ({"kind": "collective"}, ["CĐCS A1"]),
    ({"kind": "bogus"}, EVERYONE),
    ({"unit": "A1"}, ["Lò Thị Mai", "CĐCS A1"]),
    ({"unit": "abc"}, EVERYONE),
]


@pytest.mark.parametrize(("query", "expected"), AWARDEE_CASES, ids=[str(q) for q, _e in AWARDEE_CASES])
def test_awardee_list_and_its_export_show_the_same_rows_for_every_filter(
    client, org, form, alice, query, expected
):
    from awards.models import Awardee, Decision

    decision = Decision.objects.create(
        issuer=org.province,
        year=YEAR,
        number=1,
        award_form=form,
        subject="QĐ",
        state=DecisionState.ISSUED,
        signed_on=datetime.date(2021, 12, 1),
    )
    mai = person(org.a1, is_direct_worker=True)
    su = person(org.a2, "Giàng A Sử")
    for i, who in enumerate([{"person": mai}, {"person": su}, {"unit": org.a1}], start=1):
        Awardee.objects.create(decision=decision, order=i, prize=100_000, **who)
    query = {k: (str(org.a1.pk) if v == "A1" else v) for k, v in query.items()}
    client.force_login(alice)
    page = client.get(reverse("awards:awardee_list"), query)
    assert page.status_code == 200
    on_page = [a.person.full_name if a.person_id else a.unit.name for a in page.context["page"]]
    assert on_page == expected
    sheet = workbook(client.get(reverse("awards:awardee_list_xlsx"), query))
    assert [row[5] for row in sheet_rows(sheet)[1:]] == on_page


@pytest.mark.parametrize("query", [{"q": "Mai"}, {"q": ""}, {"q": "x" * 500}])
def test_people_list_and_its_export_show_the_same_rows(client, org, alice, query):
    person(org.a1, "Lò Thị Mai")
    person(org.a2, "Giàng A Sử")
    client.force_login(alice)
    page = client.get(reverse("awards:person_list"), query)
    assert page.status_code == 200
    on_page = [p.full_name for p in page.context["page"]]
    sheet = workbook(client.get(reverse("awards:person_list_xlsx"), query))
    assert [row[0] for row in sheet_rows(sheet)[1:]] == on_page
    assert on_page == (["Lò Thị Mai"] if query["q"] == "Mai" else ["Lò Thị Mai", "Giàng A Sử"])


@pytest.mark.parametrize(("year", "expected"), [("2021", 2021), ("abc", None), ("99999999999", None)])
def test_decision_list_and_its_export_read_the_same_year(client, org, form, staff_user, year, expected):
    from awards.models import Decision

    Decision.objects.create(issuer=org.province, year=2021, award_form=form, subject="QĐ 2021")
    Decision.objects.create(issuer=org.province, year=2020, award_form=form, subject="QĐ 2020")
    client.force_login(staff_user)
    page = client.get(reverse("awards:decision_list"), {"year": year})
    on_page = [d.subject for d in page.context["page"]]
    assert on_page == (["QĐ 2021"] if expected else ["QĐ 2021", "QĐ 2020"])
    response = client.get(reverse("awards:decision_list_xlsx"), {"year": year})
    assert [row[1] for row in sheet_rows(workbook(response))[1:]] == on_page
