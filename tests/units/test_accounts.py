import time
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import PASSWORD
from units.enums import AuditAction, Role
from units.models import AuditEntry, User
from units.services import account_create

LOGIN = "/dang-nhap/"


def _login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_login_page_is_vietnamese(client, db):
    body = client.get(LOGIN).content.decode()
    assert '<html lang="vi">' in body
    assert "Đăng nhập" in body and "Tên đăng nhập" in body


def test_login_and_logout_are_audited_with_ip(client, alice):
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    client.post("/dang-xuat/")
    actions = list(AuditEntry.objects.filter(actor=alice).order_by("id").values_list("action", "ip_address"))
    assert actions == [(AuditAction.LOGIN, "127.0.0.1"), (AuditAction.LOGOUT, "127.0.0.1")]
    assert client.get("/don-vi/").status_code == 302  # logged out: the session is gone


def test_failed_logins_lock_out_username_from_that_ip(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, "alice", "sai-mat-khau-roi")
        assert response.status_code in {200, 429}
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session
    failed = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED, actor_username="alice").count()
    assert failed >= settings.AXES_FAILURE_LIMIT - 1
    assert AuditEntry.objects.filter(action=AuditAction.LOCKED_OUT, actor_username="alice").exists()


def test_lockout_is_per_username_and_ip(client, alice, bob, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "alice", "sai-mat-khau-roi")
    # Another account from the same address is not locked out.
    assert _login(client, "bob", PASSWORD).status_code == 302


def test_account_made_by_admin_must_change_password_first(client, org, admin_user):
    account_create(
        username="moi",
        full_name="Người Mới",
        email="",
        unit=org.a,
        role=Role.UNIT_STAFF,
        password="Tam-thoi-12345",
        by=admin_user,
    )
    assert _login(client, "moi", "Tam-thoi-12345").status_code == 302
    response = client.get("/don-vi/")
    assert response.status_code == 302 and response["Location"] == "/doi-mat-khau/"
    response = client.post(
        "/doi-mat-khau/",
        {"old_password": "Tam-thoi-12345", "new_password1": "ngan", "new_password2": "ngan"},
    )
    assert response.status_code == 200
    assert "12" in response.content.decode()  # the minimum length is stated
    response = client.post(
        "/doi-mat-khau/",
        {
            "old_password": "Tam-thoi-12345",
            "new_password1": "Mat-khau-rieng-2026",
            "new_password2": "Mat-khau-rieng-2026",
        },
    )
    assert response.status_code == 302
    assert not User.objects.get(username="moi").must_change_password
    assert client.get("/don-vi/").status_code == 200
    assert AuditEntry.objects.filter(action=AuditAction.PASSWORD_CHANGED, actor__username="moi").exists()


def test_short_password_is_refused_by_account_create(org, admin_user):
    with pytest.raises(ValidationError):
        account_create(
            username="ngan",
            full_name="",
            email="",
            unit=org.a,
            role=Role.VIEWER,
            password="Ngan-11char",
            by=admin_user,
        )
    assert not User.objects.filter(username="ngan").exists()


def test_idle_session_expires(client, alice, settings):
    assert _login(client, "alice", PASSWORD).status_code == 302
    assert client.get("/don-vi/").status_code == 200
    later = time.time() + settings.SESSION_IDLE_TIMEOUT.total_seconds() + 5
    with mock.patch("units.middleware.time.time", return_value=later):
        response = client.get("/don-vi/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/?expired=1")
    assert client.get("/don-vi/").status_code == 302
    assert AuditEntry.objects.filter(action=AuditAction.SESSION_EXPIRED, actor=alice).exists()


def test_active_session_within_timeout_continues(client, alice, settings):
    _login(client, "alice", PASSWORD)
    client.get("/")
    soon = time.time() + settings.SESSION_IDLE_TIMEOUT.total_seconds() - 60
    with mock.patch("units.middleware.time.time", return_value=soon):
        assert client.get("/don-vi/").status_code == 200


def test_deactivation_ends_sessions(client, alice, admin_user):
    _login(client, "alice", PASSWORD)
    assert client.get("/don-vi/").status_code == 200
    admin_client = type(client)()
    admin_client.force_login(admin_user)
    response = admin_client.post(f"/tai-khoan/{alice.pk}/khoa/", {"active": "0"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert not alice.is_active
    assert client.get("/don-vi/").status_code == 302
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_id=str(alice.pk))
    assert entry.changes == {"is_active": [True, False]} and entry.actor == admin_user


def test_admin_creates_account_through_page(client, org, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/tai-khoan/them/",
        {
            "username": "canbo-a",
            "full_name": "Cán Bộ A",
            "email": "a@example.vn",
            "position": "",
            "unit": org.a.pk,
            "role": Role.UNIT_STAFF,
            "password1": "Tam-thoi-2026!",
            "password2": "Tam-thoi-2026!",
        },
    )
    account = User.objects.get(username="canbo-a")
    assert response["Location"] == f"/tai-khoan/{account.pk}/"
    assert account.must_change_password and account.unit == org.a
    entry = AuditEntry.objects.get(
        action=AuditAction.CREATE, object_type="units.user", object_id=str(account.pk)
    )
    assert entry.changes["role"] == Role.UNIT_STAFF and entry.actor == admin_user


def test_audit_log_is_append_only(alice):
    entry = AuditEntry.objects.create(action=AuditAction.LOGIN, actor=alice, actor_username="alice")
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.all().update(action=AuditAction.LOGOUT)
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == AuditAction.LOGIN


@pytest.mark.parametrize("rows", [1, 60])
def test_audit_log_page_filters_and_keeps_query_count(client, admin_user, rows, django_assert_num_queries):
    AuditEntry.objects.bulk_create(
        AuditEntry(action=AuditAction.LOGIN_FAILED, actor_username=f"khach{i}") for i in range(rows)
    )
    client.force_login(admin_user)
    client.get("/")
    with django_assert_num_queries(6):
        response = client.get("/nhat-ky/", {"action": AuditAction.LOGIN_FAILED})
    assert response.context["page"].paginator.count == rows
    assert f"khach{rows - 1}" in response.content.decode()  # newest first


def test_non_admin_cannot_read_audit_log(client, alice):
    client.force_login(alice)
    assert client.get("/nhat-ky/").status_code == 403
