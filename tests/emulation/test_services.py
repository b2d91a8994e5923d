import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from emulation import queries
from emulation.enums import (
    CampaignKind,
    CampaignState,
    DeadlineKind,
    EmulationTitle,
    Period,
    RegistrationState,
    ReportState,
    TaskStatus,
    WorkState,
)
from emulation.models import (
    AnnualPlan,
    Campaign,
    DedicatedWork,
    Indicator,
    IndicatorValue,
    RegisteredModel,
    Registration,
    RegistrationTitle,
    ResultReport,
)
from emulation.services import (
    campaign_save,
    deadline_save,
    plan_save,
    registration_grid_save,
    registration_save,
    report_save,
    report_submit,
    set_campaign_state,
    set_registration_state,
    task_set_status,
)
from tests.conftest import make_user
from tests.emulation.conftest import (
    REGISTRATION_DUE,
    at,
    frozen,
    make_registration,
)
from units.enums import AuditAction, GroupingKind, Role
from units.models import AuditEntry, Notification
from units.services import grouping_create

TITLES = {EmulationTitle.COLLECTIVE_EXCELLENT: 1, EmulationTitle.ADVANCED_WORKER: 25}
LOCKED = "Đã khóa từ ngày 02/03/2023: liên hệ LĐLĐ tỉnh để được nhập."


def _titles(registration) -> dict[str, int]:
    return dict(registration.titles.order_by("title").values_list("title", "count"))


def _notes(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).order_by("id").values_list("message", flat=True))


def _board(user, year=2023) -> dict[str, list[str]]:
    _deadlines, rows = queries.deadline_board(user, year=year)
    return {row.unit.code: [cell.status for cell in row.cells] for row in rows}


# --- The registration gate (seed 001) -------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "registered"),
    [
        (RegistrationState.DRAFT, False),
        (RegistrationState.SUBMITTED, False),
        (RegistrationState.RETURNED, False),
        (RegistrationState.ACCEPTED, True),
    ],
)
def test_unit_is_registered_only_when_accepted(org, state, registered):
    make_registration(org.a, state=state)
    assert queries.unit_is_registered(unit=org.a, year=2023) is registered
    assert queries.registered_unit_ids([org.a.pk, org.b.pk], year=2023) == (
        {org.a.pk} if registered else set()
    )


def test_unit_is_registered_false_without_registration_or_in_another_year(org):
    make_registration(org.a, state=RegistrationState.ACCEPTED, year=2022)
    assert queries.unit_is_registered(unit=org.a, year=2023) is False
    assert queries.unit_is_registered(unit=org.b, year=2022) is False
    assert queries.unit_is_registered(unit=org.a, year=2022) is True


# --- Deadline flags ----------------------------------------------------------------------------


def test_deadline_board_flags_late_by_local_date(org, staff_user, deadlines):
    # 23:30 on 10/02 in Vietnam is 16:30 UTC the same day: on time. 00:10 on 11/02 local is
    # still 10/02 in UTC, yet late.
    make_registration(org.a, state=RegistrationState.SUBMITTED, submitted_at=at(2023, 2, 10, 23, 30))
    make_registration(org.b, state=RegistrationState.SUBMITTED, submitted_at=at(2023, 2, 11, 0, 10))
    with frozen(at(2023, 3, 1)):
        board = _board(staff_user)
    assert board == {"A": ["on_time", "pending", "pending"], "B": ["late", "pending", "pending"]}


def test_deadline_board_missing_only_after_the_due_date(org, staff_user, deadlines):
    with frozen(at(2023, 2, 10, 23, 59)):
        assert _board(staff_user) == {"A": ["pending"] * 3, "B": ["pending"] * 3}
    with frozen(at(2023, 2, 11, 0, 1)):
        assert _board(staff_user) == {
            "A": ["missing", "pending", "pending"],
            "B": ["missing", "pending", "pending"],
        }
    with frozen(at(2024, 1, 1)):
        assert _board(staff_user) == {"A": ["missing"] * 3, "B": ["missing"] * 3}


def test_deadline_board_ignores_drafts_and_marks_registered_units(org, staff_user, deadlines):
    make_registration(org.a, state=RegistrationState.ACCEPTED, submitted_at=at(2023, 2, 9))
    make_registration(org.b)
    with frozen(at(2023, 3, 1)):
        _deadlines, rows = queries.deadline_board(staff_user, year=2023)
    assert [(r.unit.code, r.registered, r.cells[0].status) for r in rows] == [
        ("A", True, "on_time"),
        ("B", False, "missing"),
    ]


def test_registration_submitted_after_due_date_is_late(org, alice, deadlines):
    registration = make_registration(org.a)
    with frozen(at(2023, 2, 11, 8)):
        set_registration_state(obj=registration, to=RegistrationState.SUBMITTED, by=alice)
    registration.refresh_from_db()
    assert registration.submitted_at == at(2023, 2, 11, 8)
    assert queries.is_late(registration.submitted_at, deadlines[DeadlineKind.REGISTRATION]) is True


def test_registration_submitted_on_due_date_is_on_time(org, alice, deadlines):
    registration = make_registration(org.a)
    with frozen(at(2023, 2, 10, 17)):
        set_registration_state(obj=registration, to=RegistrationState.SUBMITTED, by=alice)
    registration.refresh_from_db()
    assert queries.is_late(registration.submitted_at, deadlines[DeadlineKind.REGISTRATION]) is False


def test_deadline_for_prefers_the_nearest_owner(org, deadlines):
    own = deadline_save(
        owner=org.a,
        year=2023,
        kind=DeadlineKind.REGISTRATION,
        name="Hạn của huyện A",
        due_on=datetime.date(2023, 2, 5),
        by=None,
    )
    assert queries.deadline_for(org.a1, year=2023, kind=DeadlineKind.REGISTRATION) == own
    assert (
        queries.deadline_for(org.b1, year=2023, kind=DeadlineKind.REGISTRATION)
        == (deadlines[DeadlineKind.REGISTRATION])
    )
    assert queries.deadline_for(org.b1, year=2024, kind=DeadlineKind.REGISTRATION) is None


def test_deadline_save_refuses_a_second_deadline_of_a_kind(org, staff_user, deadlines):
    with pytest.raises(ValidationError) as error:
        deadline_save(
            owner=org.province,
            year=2023,
            kind=DeadlineKind.REGISTRATION,
            name="Lần hai",
            due_on=REGISTRATION_DUE,
            by=staff_user,
        )
    assert error.value.message_dict == {"kind": ["Năm 2023 đã có hạn loại này."]}


def test_deadline_save_refuses_lock_before_due_and_unit_staff(org, staff_user, alice):
    with pytest.raises(ValidationError) as error:
        deadline_save(
            owner=org.province,
            year=2024,
            kind=DeadlineKind.REGISTRATION,
            name="Đăng ký 2024",
            due_on=datetime.date(2024, 2, 10),
            lock_on=datetime.date(2024, 2, 9),
            by=staff_user,
        )
    assert error.value.message_dict == {"lock_on": ["Ngày khóa phải từ hạn trở đi."]}
    with pytest.raises(PermissionDenied):
        deadline_save(
            owner=org.a,
            year=2024,
            kind=DeadlineKind.OTHER,
            name="Hạn riêng",
            due_on=datetime.date(2024, 3, 1),
            by=alice,
        )


# --- The lock date --------------------------------------------------------------------------


def test_registration_save_refused_to_unit_staff_after_lock(org, alice, deadlines):
    with frozen(at(2023, 3, 3)), pytest.raises(ValidationError) as error:
        registration_save(unit=org.a, year=2023, by=alice, titles=TITLES)
    assert error.value.messages == [LOCKED]
    assert Registration.objects.count() == 0


def test_registration_save_open_to_unit_staff_before_lock(org, alice, deadlines):
    with frozen(at(2023, 3, 1, 23, 59)):
        registration = registration_save(unit=org.a, year=2023, by=alice, titles=TITLES)
        set_registration_state(obj=registration, to=RegistrationState.SUBMITTED, by=alice)
    registration.refresh_from_db()
    assert registration.state == RegistrationState.SUBMITTED
    assert queries.is_late(registration.submitted_at, deadlines[DeadlineKind.REGISTRATION]) is True


def test_registration_submit_refused_to_unit_staff_after_lock(org, alice, deadlines):
    registration = make_registration(org.a)
    with frozen(at(2023, 3, 3)), pytest.raises(ValidationError) as error:
        set_registration_state(obj=registration, to=RegistrationState.SUBMITTED, by=alice)
    assert error.value.messages == [LOCKED]
    registration.refresh_from_db()
    assert (registration.state, registration.submitted_at) == (RegistrationState.DRAFT, None)


def test_registration_after_lock_still_saved_and_submitted_by_province_staff(org, staff_user, deadlines):
    with frozen(at(2023, 3, 3)):
        registration = registration_save(unit=org.a, year=2023, by=staff_user, titles=TITLES)
        set_registration_state(obj=registration, to=RegistrationState.SUBMITTED, by=staff_user)
    registration.refresh_from_db()
    assert (registration.state, registration.submitted_at) == (RegistrationState.SUBMITTED, at(2023, 3, 3))
    assert registration.entered_by_unit == org.province
    assert _titles(registration) == {"ldtt": 25, "ttldxs": 1}


def test_report_save_refused_to_unit_staff_after_report_lock(org, alice, staff_user):
    deadline_save(
        owner=org.province,
        year=2023,
        kind=DeadlineKind.MIDYEAR,
        name="Sơ kết",
        due_on=datetime.date(2023, 6, 10),
        lock_on=datetime.date(2023, 6, 20),
        by=None,
    )
    with frozen(at(2023, 6, 20)):
        with pytest.raises(ValidationError) as error:
            report_save(
                unit=org.a,
                year=2023,
                period=Period.HALF_YEAR,
                by=alice,
                narrative={"results": "x"},
                actuals={},
            )
        assert error.value.messages == ["Đã khóa từ ngày 20/06/2023: liên hệ LĐLĐ tỉnh để được nhập."]
        report = report_save(
            unit=org.a,
            year=2023,
            period=Period.HALF_YEAR,
            by=staff_user,
            narrative={"results": "x"},
            actuals={},
        )
    assert report.results == "x"


def test_report_submit_refused_to_unit_staff_after_report_lock(org, alice):
    deadline_save(
        owner=org.province,
        year=2023,
        kind=DeadlineKind.MIDYEAR,
        name="Sơ kết",
        due_on=datetime.date(2023, 6, 10),
        lock_on=datetime.date(2023, 6, 20),
        by=None,
    )
    with frozen(at(2023, 6, 15)):
        report = report_save(
            unit=org.a, year=2023, period=Period.HALF_YEAR, by=alice, narrative={"results": "x"}, actuals={}
        )
    with frozen(at(2023, 6, 21)), pytest.raises(ValidationError) as error:
        report_submit(report=report, by=alice)
    assert error.value.messages == ["Đã khóa từ ngày 20/06/2023: liên hệ LĐLĐ tỉnh để được nhập."]


# --- Return and resubmission ----------------------------------------------------------------


def test_registration_return_and_resubmit_until_accepted(org, alice, bob, charlie, staff_user, admin_user):
    with frozen(at(2023, 2, 1)):
        registration = registration_save(unit=org.a, year=2023, by=alice, titles=TITLES)
        set_registration_state(obj=registration, to=RegistrationState.SUBMITTED, by=alice)
    with frozen(at(2023, 2, 3)):
        set_registration_state(
            obj=registration, to=RegistrationState.RETURNED, by=staff_user, reason="  Bổ sung số LĐTT.  "
        )
    registration.refresh_from_db()
    assert (registration.state, registration.returned_reason) == (
        RegistrationState.RETURNED,
        "Bổ sung số LĐTT.",
    )
    with frozen(at(2023, 2, 4)):
        registration_save(
            unit=org.a, year=2023, by=alice, titles={EmulationTitle.COLLECTIVE_EXCELLENT: 1, "ldtt": 31}
        )
        set_registration_state(obj=registration, to=RegistrationState.SUBMITTED, by=alice)
    registration.refresh_from_db()
    assert (registration.state, registration.returned_reason, registration.submitted_at) == (
        RegistrationState.SUBMITTED,
        "",
        at(2023, 2, 4),
    )
    with frozen(at(2023, 2, 6)):
        set_registration_state(obj=registration, to=RegistrationState.ACCEPTED, by=staff_user)
    registration.refresh_from_db()
    assert (registration.state, registration.accepted_at) == (RegistrationState.ACCEPTED, at(2023, 2, 6))
    assert _titles(registration) == {"ldtt": 31, "ttldxs": 1}
    assert queries.unit_is_registered(unit=org.a, year=2023) is True

    audit = AuditEntry.objects.filter(
        action=AuditAction.STATE, object_type="emulation.registration", object_id=str(registration.pk)
    ).order_by("id")
    assert [(e.actor_username, e.changes) for e in audit] == [
        ("alice", {"state": [RegistrationState.DRAFT, RegistrationState.SUBMITTED], "reason": ""}),
        (
            "thidua",
            {
                "state": [RegistrationState.SUBMITTED, RegistrationState.RETURNED],
                "reason": "  Bổ sung số LĐTT.  ",
            },
        ),
        ("alice", {"state": [RegistrationState.RETURNED, RegistrationState.SUBMITTED], "reason": ""}),
        ("thidua", {"state": [RegistrationState.SUBMITTED, RegistrationState.ACCEPTED], "reason": ""}),
    ]
    assert _notes(staff_user) == ["LĐLĐ huyện A gửi đăng ký thi đua năm 2023."] * 2
    assert _notes(alice) == [
        "Đăng ký thi đua năm 2023 bị trả lại: Bổ sung số LĐTT.",
        "Đăng ký thi đua năm 2023 đã được chấp nhận.",
    ]
    assert Notification.objects.filter(recipient__in=[bob, charlie, admin_user]).count() == 0
    assert set(Notification.objects.values_list("url", flat=True)) == {registration.get_absolute_url()}


def test_registration_return_requires_a_reason(org, staff_user):
    registration = make_registration(org.a, state=RegistrationState.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        set_registration_state(obj=registration, to=RegistrationState.RETURNED, by=staff_user, reason="   ")
    assert error.value.messages == ["Nêu lý do trả lại để đơn vị bổ sung."]
    registration.refresh_from_db()
    assert registration.state == RegistrationState.SUBMITTED
    assert AuditEntry.objects.filter(action=AuditAction.STATE).count() == 0
    assert Notification.objects.count() == 0


def test_registration_accept_refused_to_the_unit_itself_and_outsiders(org, alice, charlie):
    registration = make_registration(org.a, state=RegistrationState.SUBMITTED)
    for user in (alice, charlie):
        with pytest.raises(PermissionDenied):
            set_registration_state(obj=registration, to=RegistrationState.ACCEPTED, by=user)
    registration.refresh_from_db()
    assert (registration.state, registration.accepted_at) == (RegistrationState.SUBMITTED, None)


def test_registration_moves_outside_the_cycle_refused(org, staff_user):
    registration = make_registration(org.a)
    with pytest.raises(ValidationError) as error:
        set_registration_state(obj=registration, to=RegistrationState.ACCEPTED, by=staff_user)
    assert error.value.messages == ["Không thể chuyển bản đăng ký từ “Đang soạn” sang “Đã chấp nhận”."]


def test_registration_moves_refused_for_the_role_before_the_state(org, alice, bob):
    """A read-only colleague (or the unit's own staff accepting) is refused for the role,
    whatever the state machine would have said: the draft cannot be accepted anyway."""
    leader = make_user("lanhdao_a", org.a, Role.LEADER)
    registration = make_registration(org.a)
    for user, to in (
        (bob, RegistrationState.ACCEPTED),
        (bob, RegistrationState.DRAFT),
        (bob, "xong"),
        (leader, RegistrationState.RETURNED),
        (alice, RegistrationState.ACCEPTED),
    ):
        with pytest.raises(PermissionDenied):
            set_registration_state(obj=registration, to=to, by=user, reason="Lý do")
    registration.refresh_from_db()
    assert registration.state == RegistrationState.DRAFT
    assert AuditEntry.objects.filter(action=AuditAction.STATE).count() == 0


def test_registration_submit_needs_a_title(org, alice):
    registration = registration_save(unit=org.a, year=2023, by=alice, titles={})
    with pytest.raises(ValidationError) as error:
        set_registration_state(obj=registration, to=RegistrationState.SUBMITTED, by=alice)
    assert error.value.messages == ["Chọn ít nhất một danh hiệu thi đua trước khi gửi."]


def test_registration_submit_refused_to_outsider(org, charlie):
    registration = make_registration(org.a)
    with pytest.raises(PermissionDenied):
        set_registration_state(obj=registration, to=RegistrationState.SUBMITTED, by=charlie)
    registration.refresh_from_db()
    assert registration.state == RegistrationState.DRAFT


# --- Registration contents ------------------------------------------------------------------


@pytest.fixture
def launched_campaign(org):
    campaign = campaign_save(
        campaign=None,
        owner=org.province,
        by=None,
        name="Lao động giỏi, Lao động sáng tạo",
        kind=CampaignKind.REGULAR,
        starts_on=datetime.date(2023, 1, 1),
        target_unit=org.province,
    )
    return set_campaign_state(obj=campaign, to=CampaignState.LAUNCHED, by=None)


def test_registration_save_writes_every_part(org, alice, launched_campaign):
    members = Indicator.objects.create(name="Kết nạp đoàn viên mới", measure="đoàn viên", order=1)
    initiatives = Indicator.objects.create(name="Sáng kiến đăng ký", measure="sáng kiến", order=2)
    registration = registration_save(
        unit=org.a,
        year=2023,
        by=alice,
        titles={EmulationTitle.COLLECTIVE_EXCELLENT: 1, EmulationTitle.ADVANCED_WORKER: 40, "cstdcs": 3},
        models=[(" Dân vận khéo ", "Dân vận"), ("   ", "bỏ qua")],
        works=[
            (
                "Nhà văn hóa công nhân",
                "Đại hội XIII Công đoàn Việt Nam",
                Decimal(250_000_000),
                WorkState.COMPLETED,
            ),
            ("Đường điện chiếu sáng", "", None, ""),
        ],
        campaigns=[launched_campaign],
        pledges={members: Decimal(300), initiatives: None},
        note="Đăng ký năm 2023",
    )
    assert _titles(registration) == {"cstdcs": 3, "ldtt": 40, "ttldxs": 1}
    assert list(RegisteredModel.objects.values_list("name", "field")) == [("Dân vận khéo", "Dân vận")]
    assert list(
        DedicatedWork.objects.order_by("id").values_list("name", "dedicated_to", "value", "state")
    ) == [
        (
            "Nhà văn hóa công nhân",
            "Đại hội XIII Công đoàn Việt Nam",
            Decimal(250_000_000),
            WorkState.COMPLETED,
        ),
        ("Đường điện chiếu sáng", "", None, WorkState.REGISTERED),
    ]
    assert list(registration.campaigns.all()) == [launched_campaign]
    assert registration.note == "Đăng ký năm 2023"
    assert list(
        IndicatorValue.objects.order_by("indicator__order").values_list(
            "indicator__name", "unit__code", "year", "period", "planned", "actual"
        )
    ) == [
        ("Kết nạp đoàn viên mới", "A", 2023, Period.YEAR, Decimal(300), None),
        ("Sáng kiến đăng ký", "A", 2023, Period.YEAR, None, None),
    ]
    assert (
        AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="emulation.registration").count()
        == 1
    )


def test_registration_save_refuses_a_collective_title_twice(org, alice):
    with pytest.raises(ValidationError) as error:
        registration_save(unit=org.a, year=2023, by=alice, titles={EmulationTitle.COLLECTIVE_ADVANCED: 2})
    assert error.value.messages == ["Danh hiệu tập thể chỉ đăng ký một lần."]
    assert Registration.objects.count() == 0


def test_registration_save_with_titles_only_keeps_the_other_parts(org, alice):
    registration = registration_save(
        unit=org.a, year=2023, by=alice, titles=TITLES, models=[("Mô hình", "")], note="Ghi chú"
    )
    registration_save(unit=org.a, year=2023, by=alice, titles={EmulationTitle.ADVANCED_WORKER: 5})
    registration.refresh_from_db()
    assert _titles(registration) == {"ldtt": 5}
    assert (registration.models.count(), registration.note) == (1, "Ghi chú")


def test_registration_save_refused_once_submitted_but_open_to_reviewer(org, alice, staff_user):
    registration = make_registration(org.a, state=RegistrationState.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        registration_save(unit=org.a, year=2023, by=alice, titles={EmulationTitle.ADVANCED_WORKER: 5})
    assert error.value.messages == ["Bản đăng ký đã gửi: không sửa được nữa."]
    assert _titles(registration) == {"ldtt": 12, "ttldxs": 1}
    registration_save(unit=org.a, year=2023, by=staff_user, titles={EmulationTitle.ADVANCED_WORKER: 5})
    assert _titles(registration) == {"ldtt": 5}


def test_registration_save_refused_to_outsider_and_viewer(org, bob, charlie):
    for user in (bob, charlie):
        with pytest.raises(PermissionDenied):
            registration_save(unit=org.a, year=2023, by=user, titles=TITLES)
    assert Registration.objects.count() == 0


def test_registration_grid_save_writes_union_and_its_cdcs(org, alice):
    count = registration_grid_save(
        parent=org.a,
        year=2023,
        rows={org.a: {"ttldxs": 1, "ldtt": 30}, org.a1: {"cdcs_vm": 1, "ldtt": 0}, org.a2: {"dvcdxs": 4}},
        by=alice,
    )
    assert count == 3
    assert {r.unit.code: _titles(r) for r in Registration.objects.select_related("unit")} == {
        "A": {"ldtt": 30, "ttldxs": 1},
        "A1": {"cdcs_vm": 1},
        "A2": {"dvcdxs": 4},
    }
    assert set(Registration.objects.values_list("entered_by_unit__code", flat=True)) == {"A"}


def test_registration_grid_save_refuses_a_unit_of_another_union_saving_nothing(org, alice):
    with pytest.raises(ValidationError) as error:
        registration_grid_save(
            parent=org.a, year=2023, rows={org.a: {"ttldxs": 1}, org.b1: {"ldtt": 3}}, by=alice
        )
    assert error.value.messages == ["CĐCS B1 không trực thuộc LĐLĐ huyện A."]
    assert Registration.objects.count() == 0


def test_registration_grid_save_refused_row_rolls_back_the_others(org, alice):
    a = make_registration(org.a, titles={"ttldtt": 1})
    make_registration(org.a1, state=RegistrationState.SUBMITTED)
    with pytest.raises(ValidationError):
        registration_grid_save(
            parent=org.a,
            year=2023,
            rows={org.a: {"ttldxs": 1}, org.a1: {"ldtt": 3}, org.a2: {"ldtt": 2}},
            by=alice,
        )
    assert _titles(a) == {"ttldtt": 1}
    assert Registration.objects.filter(unit=org.a2).count() == 0
    assert RegistrationTitle.objects.count() == 3


# --- Campaigns ------------------------------------------------------------------------------


def _campaign(org, **fields):
    values = {
        "name": "Giỏi việc nước, đảm việc nhà",
        "kind": CampaignKind.THEMATIC,
        "starts_on": datetime.date(2023, 3, 1),
        "ends_on": None,
        "target_unit": org.province,
        "target_grouping": None,
    } | fields
    return campaign_save(campaign=None, owner=org.province, by=None, **values)


def test_campaign_launch_notifies_accounts_of_the_target_unions(
    org, alice, bob, charlie, staff_user, settings
):
    settings.EMAIL_CONFIGURED = False
    cdcs_user = make_user("cdcs.a1", org.a1)
    campaign = _campaign(org)
    with frozen(at(2023, 3, 1, 8)):
        set_campaign_state(obj=campaign, to=CampaignState.LAUNCHED, by=staff_user)
    campaign.refresh_from_db()
    assert (campaign.state, campaign.launched_at) == (CampaignState.LAUNCHED, at(2023, 3, 1, 8))
    assert sorted(Notification.objects.values_list("recipient__username", flat=True)) == [
        "alice",
        "bob",
        "charlie",
        "thidua",
    ]
    assert set(Notification.objects.values_list("message", "url")) == {
        ("Phát động phong trào thi đua: Giỏi việc nước, đảm việc nhà", campaign.get_absolute_url())
    }
    assert Notification.objects.filter(recipient=cdcs_user).count() == 0
    assert list(
        AuditEntry.objects.filter(action=AuditAction.STATE, object_type="emulation.campaign").values_list(
            "changes", flat=True
        )
    ) == [{"state": [CampaignState.DRAFT, CampaignState.LAUNCHED], "reason": ""}]


def test_campaign_launch_to_a_district_reaches_only_that_district(org, alice, charlie):
    campaign = _campaign(org, target_unit=org.b)
    set_campaign_state(obj=campaign, to=CampaignState.LAUNCHED, by=None)
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["charlie"]


def test_campaign_launch_to_a_grouping_reaches_its_members(org, alice, charlie):
    bloc = grouping_create(
        year=2023,
        name="Khối huyện",
        kind=GroupingKind.BLOC,
        owner=org.province,
        members=[org.a],
        leader=org.a,
        by=None,
    )
    campaign = _campaign(org, target_unit=None, target_grouping=bloc)
    set_campaign_state(obj=campaign, to=CampaignState.LAUNCHED, by=None)
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["alice"]


def _mail_accounts(org):
    make_user("alice", org.a, email="alice@example.vn")
    make_user("chixem", org.a, Role.VIEWER, email="")
    make_user("charlie", org.b, email="charlie@example.vn")


def test_campaign_launch_sends_no_mail_when_mail_is_not_configured(
    org, settings, mailoutbox, django_capture_on_commit_callbacks
):
    _mail_accounts(org)
    settings.EMAIL_CONFIGURED = False
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        set_campaign_state(obj=_campaign(org), to=CampaignState.LAUNCHED, by=None)
    assert (len(callbacks), mailoutbox) == (0, [])
    assert Notification.objects.count() == 3


# units.services.notify passes fail_silently=True to send_mail, deprecated in Django 6.1;
# the project turns warnings into errors, so this one is let through here to check the mail
# itself, and the test below holds the deprecation as a bug.
@pytest.mark.filterwarnings("ignore::django.utils.deprecation.RemovedInDjango2028Warning")
def test_campaign_launch_mails_target_accounts_when_configured(
    org, settings, mailoutbox, django_capture_on_commit_callbacks
):
    _mail_accounts(org)
    settings.EMAIL_CONFIGURED = True
    with django_capture_on_commit_callbacks(execute=True):
        campaign = _campaign(org, name="Phong trào hai")
        set_campaign_state(obj=campaign, to=CampaignState.LAUNCHED, by=None)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Phát động phong trào thi đua: Phong trào hai"
    # Recipients are blind-copied: one unit's staff do not see the others' addresses.
    assert (mailoutbox[0].to, sorted(mailoutbox[0].bcc)) == ([], ["alice@example.vn", "charlie@example.vn"])
    assert (
        mailoutbox[0].body == f"Phát động phong trào thi đua: Phong trào hai\n\n{campaign.get_absolute_url()}"
    )


def test_campaign_launch_mail_uses_no_deprecated_mail_api(
    org, settings, mailoutbox, django_capture_on_commit_callbacks
):
    _mail_accounts(org)
    settings.EMAIL_CONFIGURED = True
    with django_capture_on_commit_callbacks(execute=True):
        set_campaign_state(obj=_campaign(org), to=CampaignState.LAUNCHED, by=None)
    assert len(mailoutbox) == 1


def test_campaign_edit_after_launch_only_changes_the_end_date(org, staff_user):
    campaign = _campaign(org)
    campaign = campaign_save(
        campaign=campaign,
        owner=org.province,
        by=staff_user,
        name="Giỏi việc nước, đảm việc nhà (sửa)",
        kind=CampaignKind.THEMATIC,
        starts_on=datetime.date(2023, 3, 1),
        ends_on=None,
        target_unit=org.province,
        target_grouping=None,
    )
    set_campaign_state(obj=campaign, to=CampaignState.LAUNCHED, by=staff_user)
    fields = {
        "name": campaign.name,
        "kind": campaign.kind,
        "starts_on": campaign.starts_on,
        "target_unit": org.province,
        "target_grouping": None,
    }
    with pytest.raises(ValidationError) as error:
        campaign_save(campaign=campaign, owner=org.province, by=staff_user, **fields | {"name": "Tên khác"})
    assert error.value.messages == ["Phong trào đã phát động: chỉ sửa được ngày kết thúc."]
    campaign_save(
        campaign=campaign,
        owner=org.province,
        by=staff_user,
        **fields | {"ends_on": datetime.date(2023, 12, 31)},
    )
    campaign.refresh_from_db()
    assert (campaign.name, campaign.ends_on) == (
        "Giỏi việc nước, đảm việc nhà (sửa)",
        datetime.date(2023, 12, 31),
    )


def test_campaign_save_and_launch_refused_to_unit_staff(org, alice):
    with pytest.raises(PermissionDenied):
        campaign_save(
            campaign=None,
            owner=org.a,
            by=alice,
            name="Phong trào của huyện",
            kind=CampaignKind.PERIODIC,
            starts_on=datetime.date(2023, 1, 1),
        )
    campaign = _campaign(org)
    with pytest.raises(PermissionDenied):
        set_campaign_state(obj=campaign, to=CampaignState.LAUNCHED, by=alice)
    assert list(Campaign.objects.values_list("state", flat=True)) == [CampaignState.DRAFT]
    assert Notification.objects.count() == 0


def test_campaign_close_only_after_launch(org):
    campaign = _campaign(org)
    with pytest.raises(ValidationError):
        set_campaign_state(obj=campaign, to=CampaignState.CLOSED, by=None)
    set_campaign_state(obj=campaign, to=CampaignState.LAUNCHED, by=None)
    set_campaign_state(obj=campaign, to=CampaignState.CLOSED, by=None)
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.CLOSED


# --- Annual plan --------------------------------------------------------------------------


def test_plan_save_numbers_tasks_in_quarter_order(org, staff_user):
    plan = plan_save(
        owner=org.province,
        year=2023,
        title="Kế hoạch công tác thi đua, khen thưởng năm 2023",
        by=staff_user,
        tasks=[
            {"quarter": 4, "content": "Tổng kết", "responsible_text": "LĐLĐ tỉnh"},
            {"quarter": 1, "content": "Đăng ký thi đua", "responsible": [org.province, org.a]},
            {"quarter": 2, "content": "Sơ kết 6 tháng", "due_on": datetime.date(2023, 6, 30)},
            {"quarter": 1, "content": "Ban hành kế hoạch"},
        ],
    )
    assert list(plan.tasks.values_list("quarter", "number", "content")) == [
        (1, 1, "Đăng ký thi đua"),
        (1, 2, "Ban hành kế hoạch"),
        (2, 3, "Sơ kết 6 tháng"),
        (4, 4, "Tổng kết"),
    ]
    assert sorted(plan.tasks.get(number=1).responsible.values_list("code", flat=True)) == ["A", "P"]


def test_plan_save_refuses_a_fifth_quarter_saving_nothing(org, staff_user):
    with pytest.raises(ValidationError) as error:
        plan_save(
            owner=org.province,
            year=2023,
            title="Kế hoạch",
            by=staff_user,
            tasks=[{"quarter": 1, "content": "Một"}, {"quarter": 5, "content": "Năm"}],
        )
    assert error.value.messages == ["Quý phải từ 1 đến 4."]
    assert AnnualPlan.objects.count() == 0


def test_task_set_status_done_records_the_day(org, alice, charlie):
    plan = plan_save(
        owner=org.province,
        year=2023,
        title="Kế hoạch",
        by=None,
        tasks=[{"quarter": 1, "content": "Đăng ký thi đua", "responsible": [org.a]}],
    )
    task = plan.tasks.get()
    with pytest.raises(PermissionDenied):
        task_set_status(task=task, status=TaskStatus.DONE, by=charlie)
    with frozen(at(2023, 3, 15)):
        task_set_status(task=task, status=TaskStatus.DONE, by=alice)
    task.refresh_from_db()
    assert (task.status, task.done_on) == (TaskStatus.DONE, datetime.date(2023, 3, 15))


# --- Result reports -------------------------------------------------------------------------


NARRATIVE = {
    "advantages": "Được sự quan tâm của cấp ủy.",
    "difficulties": "Địa bàn rộng.",
    "results": " Kết nạp 150 đoàn viên. ",
    "shortcomings": "",
    "causes": "",
    "proposals": "Tăng cường tập huấn.",
}


def test_report_save_writes_narrative_and_actuals(org, alice):
    members = Indicator.objects.create(name="Kết nạp đoàn viên mới", measure="đoàn viên")
    IndicatorValue.objects.create(
        indicator=members, unit=org.a, year=2023, period=Period.HALF_YEAR, planned=300
    )
    report = report_save(
        unit=org.a,
        year=2023,
        period=Period.HALF_YEAR,
        by=alice,
        narrative=NARRATIVE,
        actuals={members: Decimal(150)},
    )
    report.refresh_from_db()
    assert [getattr(report, name) for name in ResultReport.NARRATIVE_FIELDS] == [
        "Được sự quan tâm của cấp ủy.",
        "Địa bàn rộng.",
        "Kết nạp 150 đoàn viên.",
        "",
        "",
        "Tăng cường tập huấn.",
    ]
    assert report.state == ReportState.DRAFT
    assert list(
        IndicatorValue.objects.values_list("unit__code", "period", "planned", "actual", "updated_by")
    ) == [("A", Period.HALF_YEAR, Decimal(300), Decimal(150), alice.pk)]


def test_report_save_refuses_negative_actuals_saving_nothing(org, alice):
    members = Indicator.objects.create(name="Kết nạp đoàn viên mới", measure="đoàn viên")
    with pytest.raises(ValidationError) as error:
        report_save(
            unit=org.a,
            year=2023,
            period=Period.YEAR,
            by=alice,
            narrative=NARRATIVE,
            actuals={members: Decimal(-1)},
        )
    assert error.value.messages == ["Số liệu không được âm."]
    assert (ResultReport.objects.count(), IndicatorValue.objects.count()) == (0, 0)


def test_report_submit_requires_results(org, alice):
    report = report_save(
        unit=org.a,
        year=2023,
        period=Period.HALF_YEAR,
        by=alice,
        narrative=NARRATIVE | {"results": "  "},
        actuals={},
    )
    with pytest.raises(ValidationError) as error:
        report_submit(report=report, by=alice)
    assert error.value.messages == ["Phần “Kết quả” không được để trống."]
    report.refresh_from_db()
    assert (report.state, report.submitted_at) == (ReportState.DRAFT, None)


def test_report_submit_flagged_late_against_its_period_deadline(org, alice, charlie, staff_user, deadlines):
    midyear = report_save(
        unit=org.a, year=2023, period=Period.HALF_YEAR, by=alice, narrative=NARRATIVE, actuals={}
    )
    annual = report_save(unit=org.a, year=2023, period=Period.YEAR, by=alice, narrative=NARRATIVE, actuals={})
    with frozen(at(2023, 6, 11, 7)):
        report_submit(report=midyear, by=alice)
    with frozen(at(2023, 12, 10, 16)):
        report_submit(report=annual, by=alice)
    midyear.refresh_from_db()
    assert (midyear.state, midyear.submitted_at) == (ReportState.SUBMITTED, at(2023, 6, 11, 7))
    with frozen(at(2023, 12, 20)):
        assert _board(staff_user) == {
            "A": ["missing", "late", "on_time"],
            "B": ["missing", "missing", "missing"],
        }
    with pytest.raises(PermissionDenied):
        report_submit(report=annual, by=charlie)
    assert list(
        AuditEntry.objects.filter(action=AuditAction.STATE, object_type="emulation.resultreport").values_list(
            "actor_username", flat=True
        )
    ) == ["alice", "alice"]


def test_report_save_refused_after_submit_for_unit_staff(org, alice):
    report = report_save(unit=org.a, year=2023, period=Period.YEAR, by=alice, narrative=NARRATIVE, actuals={})
    report_submit(report=report, by=alice)
    with pytest.raises(ValidationError) as error:
        report_save(
            unit=org.a, year=2023, period=Period.YEAR, by=alice, narrative={"results": "Khác"}, actuals={}
        )
    assert error.value.messages == ["Báo cáo đã gửi: không sửa được nữa."]
    report.refresh_from_db()
    assert report.results == "Kết nạp 150 đoàn viên."
