"""Every database constraint a user can run into speaks Vietnamese in the user's words, on
the field to correct, and the forms check it before saving: Django's stock text ("Ràng
buộc “campaign_ends_after_start” bị vi phạm.", "Constraint … is violated.", "… với thông
tin … đã tồn tại") never reaches a page (issue 11)."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import UniqueConstraint
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import override

from awards.models import AwardForm, AwardFund, BaseSalary
from emulation.enums import CampaignKind, CampaignState
from emulation.models import Campaign, Indicator
from emulation.services import campaign_save, set_campaign_state
from tests.conftest import make_user
from units.enums import GroupingKind, Role
from units.models import EmulationGrouping, Unit
from units.services import grouping_create, unit_dissolve

APPS = ("units", "emulation", "scoring", "awards", "reports")
STOCK = ("Ràng buộc", "vi phạm", "Constraint", "violated", "đã tồn tại", "already exists")


def _models():
    return [model for label in APPS for model in apps.get_app_config(label).get_models()]


def _constraints():
    return [(model, c) for model in _models() for c in model._meta.constraints]


def _unique_fields():
    return [
        (model, field)
        for model in _models()
        for field in model._meta.local_fields
        if field.unique and not field.primary_key
    ]


def _texts(message) -> list[str]:
    with override("vi"):
        vi = str(message)
    with override("en"):
        en = str(message)
    return [vi, en]


def test_there_are_constraints_to_check():
    assert len(_constraints()) >= 40
    assert len(_unique_fields()) >= 6


@pytest.mark.parametrize(
    ("model", "constraint"), _constraints(), ids=[f"{m.__name__}.{c.name}" for m, c in _constraints()]
)
def test_every_constraint_has_its_own_translatable_message(model, constraint):
    message = constraint.violation_error_message
    assert message != constraint.default_violation_error_message
    assert constraint.get_violation_error_message() == str(message), "no % in the text"
    assert isinstance(message, Promise), "mark it with gettext_lazy"
    vi, en = _texts(message)
    assert vi != en, "translate it in locale/en"
    assert not [word for word in STOCK if word in vi]
    assert vi.endswith("."), vi
    assert "%(" not in vi


@pytest.mark.parametrize(
    ("model", "field"), _unique_fields(), ids=[f"{m.__name__}.{f.name}" for m, f in _unique_fields()]
)
def test_every_unique_field_has_its_own_translatable_message(model, field):
    message = field.error_messages["unique"]
    assert isinstance(message, Promise)
    vi, en = _texts(message)
    assert vi != en
    assert not [word for word in STOCK if word in vi]


def test_constraint_fields_are_fields_of_the_constraint():
    """A constraint is checked only when none of its fields is excluded, so the field its
    error lands on is always one the form has."""
    problems = []
    for model in _models():
        names = {c.name: c for c in model._meta.constraints}
        for constraint_name, field in getattr(model, "constraint_fields", {}).items():
            constraint = names.get(constraint_name)
            if constraint is None:
                problems.append(f"{model.__name__}: no constraint {constraint_name}")
                continue
            if isinstance(constraint, UniqueConstraint) and constraint.fields:
                referenced = set(constraint.fields)
            else:
                referenced = {ref[0] for ref in model._get_expr_references(constraint.condition)}
            if field not in referenced:
                problems.append(f"{model.__name__}.{constraint_name}: {field} not in {referenced}")
    assert problems == []


def test_a_constraint_error_lands_on_its_field(org):
    campaign = Campaign(
        name="Thi đua",
        kind=CampaignKind.PERIODIC,
        owner=org.province,
        starts_on=datetime.date(2023, 5, 1),
        ends_on=datetime.date(2023, 4, 30),
    )
    with pytest.raises(ValidationError) as caught:
        campaign.validate_constraints()
    assert caught.value.message_dict == {"ends_on": ["Ngày kết thúc không được trước ngày bắt đầu."]}


def test_a_unique_constraint_error_lands_on_its_field_and_others_stay_above_the_form(org):
    EmulationGrouping.objects.create(year=2023, name="Khối A", kind=GroupingKind.BLOC, owner=org.a)
    grouping = EmulationGrouping(year=2023, name="Khối A", kind=GroupingKind.BLOC, owner=org.b)
    grouping.validate_constraints(exclude={"name"})  # not checked: its field is not on the form
    with pytest.raises(ValidationError) as caught:
        grouping.validate_constraints()
    assert caught.value.message_dict == {"name": ["Năm này đã có khối/cụm thi đua cùng tên."]}
    fund = AwardFund(owner=org.a, year=2023, budget=Decimal(1), share=Decimal(8))
    fund.save()
    with pytest.raises(ValidationError) as caught:
        AwardFund(owner=org.a, year=2023, budget=Decimal(1), share=Decimal(8)).validate_constraints()
    assert caught.value.message_dict == {NON_FIELD_ERRORS: ["Đơn vị đã có quỹ khen thưởng của năm này."]}


# --- The pages users hit ---------------------------------------------------------------------


def _page(response) -> str:
    html = response.content.decode()
    assert not [word for word in STOCK if word in html], html
    return html


CAMPAIGN = {
    "name": "Thi đua chào mừng Đại hội XIII Công đoàn Việt Nam",
    "kind": CampaignKind.PERIODIC,
    "starts_on": "15/05/2023",
}
ENDS_BEFORE = "Ngày kết thúc không được trước ngày bắt đầu."


def test_campaign_ending_before_it_starts_is_refused_on_its_end_date(client, org, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("emulation:campaign_create"), CAMPAIGN | {"ends_on": "14/05/2023"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"ends_on": [ENDS_BEFORE]}
    assert ENDS_BEFORE in _page(response)
    assert Campaign.objects.count() == 0


def test_launched_campaign_end_date_moved_before_its_start_is_refused(client, org, staff_user):
    campaign = campaign_save(
        campaign=None,
        owner=org.province,
        by=None,
        name=CAMPAIGN["name"],
        kind=CAMPAIGN["kind"],
        starts_on=datetime.date(2023, 5, 15),
    )
    set_campaign_state(obj=campaign, to=CampaignState.LAUNCHED, by=None)
    client.force_login(staff_user)
    url = reverse("emulation:campaign_update", kwargs={"campaign_id": campaign.pk})
    response = client.post(url, CAMPAIGN | {"ends_on": "01/01/2023"})
    assert response.context["form"].errors == {"ends_on": [ENDS_BEFORE]}
    _page(response)
    campaign.refresh_from_db()
    assert campaign.ends_on is None


def test_indicator_with_a_name_taken_is_refused_in_vietnamese(client, org, staff_user):
    Indicator.objects.create(name="Kết nạp đoàn viên mới", measure="đoàn viên")
    client.force_login(staff_user)
    response = client.post(
        reverse("emulation:indicator_create"),
        {"name": "Kết nạp đoàn viên mới", "measure": "người", "aggregation": "sum", "order": "1"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Đã có chỉ tiêu tên này."]
    _page(response)
    assert list(Indicator.objects.values_list("measure", flat=True)) == ["đoàn viên"]


def test_grouping_with_a_name_taken_that_year_is_refused_on_its_name(client, org, admin_user):
    grouping_create(
        year=2023,
        name="Khối LĐLĐ huyện",
        kind=GroupingKind.BLOC,
        owner=org.province,
        members=[org.a, org.b],
        leader=None,
        by=admin_user,
    )
    client.force_login(admin_user)
    response = client.post(
        reverse("units:grouping_create"),
        {"year": "2023", "name": "Khối LĐLĐ huyện", "kind": GroupingKind.BLOC, "members": [org.a.pk]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"name": ["Năm này đã có khối/cụm thi đua cùng tên."]}
    _page(response)
    assert EmulationGrouping.objects.count() == 1


def test_unit_started_after_it_ended_is_refused_on_its_start_date(client, org, admin_user):
    unit_dissolve(unit=org.a2, on=datetime.date(2023, 6, 30), by=admin_user)
    client.force_login(admin_user)
    response = client.post(
        reverse("units:unit_update", kwargs={"unit_id": org.a2.pk}),
        {
            "name": "CĐCS A2",
            "code": "A2",
            "kind": org.a2.kind,
            "sector": org.a2.sector,
            "valid_from": "01/07/2023",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "valid_from": ["Ngày bắt đầu hoạt động phải trước ngày ngừng hoạt động."]
    }
    _page(response)
    assert Unit.objects.get(pk=org.a2.pk).valid_from is None


AWARD_FORM = {
    "code": "bk-ldld",
    "name": "Bằng khen của LĐLĐ tỉnh",
    "issuing_level": "ldld_tinh",
    "recipient": "ca_hai",
    "kind": "toan_dien",
    "prize_coefficient": "1",
    "prize_coefficient_collective": "2",
    "order": "1",
}


@pytest.fixture
def catalogue_keeper(org):
    return make_user("danhmuc", org.province, Role.PROVINCE_STAFF)


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("prize_coefficient", "Hệ số tiền thưởng không được âm."),
        ("prize_coefficient_collective", "Hệ số tiền thưởng tập thể không được âm."),
    ],
)
def test_award_form_with_a_negative_coefficient_is_refused_on_it(client, catalogue_keeper, field, message):
    client.force_login(catalogue_keeper)
    response = client.post(reverse("awards:award_form_create"), AWARD_FORM | {field: "-1"})
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    _page(response)
    assert AwardForm.objects.count() == 0


def test_award_form_with_a_code_taken_is_refused_on_it(client, catalogue_keeper):
    AwardForm.objects.create(
        code="bk-ldld", name="Bằng khen", issuing_level="ldld_tinh", recipient="ca_hai", kind="toan_dien"
    )
    client.force_login(catalogue_keeper)
    response = client.post(reverse("awards:award_form_create"), AWARD_FORM)
    assert response.context["form"].errors == {"code": ["Đã có hình thức khen thưởng mã này."]}
    _page(response)
    assert AwardForm.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"valid_from": "01/07/2024", "amount": "0"}, "Mức lương cơ sở phải lớn hơn 0."),
        ({"valid_from": "01/07/2023", "amount": "2340000"}, "Đã có mức lương cơ sở áp dụng từ ngày này."),
    ],
)
def test_base_salary_refusals_in_vietnamese(client, catalogue_keeper, data, error):
    BaseSalary.objects.create(valid_from=datetime.date(2023, 7, 1), amount=Decimal(1_800_000))
    client.force_login(catalogue_keeper)
    response = client.post(reverse("awards:base_salary_add"), data, follow=True)
    assert [str(m) for m in response.context["messages"]] == [error]
    _page(response)
    assert list(BaseSalary.objects.values_list("amount", flat=True)) == [Decimal(1_800_000)]


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"budget": "-1"}, "budget", "Tổng dự toán chi không được âm."),
        ({"share": "150"}, "share", "Tỷ lệ trích quỹ phải từ 0 đến 100."),
        ({"amount": "-5"}, "amount", "Mức quỹ ấn định không được âm."),
    ],
)
def test_award_fund_refusals_land_on_their_fields(client, org, alice, data, field, error):
    client.force_login(alice)
    response = client.post(
        reverse("awards:fund_list"), {"year": "2023", "budget": "1000000000", "share": "8"} | data
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [error]}
    _page(response)
    assert AwardFund.objects.count() == 0
