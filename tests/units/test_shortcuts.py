"""The pieces every app's views share: the role refusal answered and audited in one
place, the permission-aware fetch, the filters' year field, crispy's error summary and
the read-only support admin."""

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template import Context, Template
from django.test import RequestFactory

from tests.conftest import make_user
from tests.html import error_summary
from units.admin_site import support_admin
from units.enums import AuditAction, Role, UnitKind
from units.filters import FIRST_YEAR, LAST_YEAR, ListFilterSet, YearFilter
from units.forms import CleanTextMixin
from units.middleware import PermissionDeniedMiddleware
from units.models import AuditEntry, Unit
from units.queries import fetch_for_user
from units.shortcuts import require

APPS = ["units", "emulation", "scoring", "awards", "reports"]


def test_require_refuses_and_the_middleware_audits_each_refusal_once(rf, alice):
    assert require(alice, True) is None
    with pytest.raises(PermissionDenied) as refused:
        require(alice, False)
    request = rf.post("/")
    request.user = alice
    middleware = PermissionDeniedMiddleware(lambda r: None)
    assert middleware.process_exception(request, refused.value) is None  # Django answers 403
    assert middleware.process_exception(request, ValueError()) is None
    denials = AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED)
    assert list(denials.values_list("actor__username", "object_repr")) == [("alice", "quyền theo vai trò")]


def test_a_refused_action_answers_403_and_is_audited_once(client, bob, org):
    client.force_login(bob)  # read-only: may not create units
    response = client.post(
        "/don-vi/them/", {"name": "X", "code": "X", "kind": UnitKind.GRASSROOTS, "parent": org.a.pk}
    )
    assert response.status_code == 403
    assert AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED).count() == 1


def test_fetch_for_user_answers_404_for_missing_and_foreign_objects_auditing_the_second(alice, org):
    units = Unit.objects.all()
    assert fetch_for_user(alice, units, org.a1.pk, visible=lambda u: u.is_in_subtree_of(alice.unit)) == org.a1
    assert (
        fetch_for_user(alice, units, org.a1.pk, visible=Unit.objects.filter(path__startswith=org.a.path))
        == org.a1
    )
    with pytest.raises(Http404):
        fetch_for_user(alice, units, 10**9, visible=lambda u: True)
    denials = AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED)
    assert not denials.exists()
    with pytest.raises(Http404):
        fetch_for_user(alice, units, org.b1.pk, visible=Unit.objects.filter(path__startswith=org.a.path))
    with pytest.raises(Http404):
        fetch_for_user(alice, units, org.b1.pk, visible=lambda u: False, audited=lambda u: u.parent)
    assert list(denials.order_by("id").values_list("object_id", flat=True)) == [str(org.b1.pk), str(org.b.pk)]


class UnitFilter(ListFilterSet):
    year = YearFilter(field_name="valid_from__year")

    class Meta(ListFilterSet.Meta):
        model = Unit
        fields = ["year", "kind"]


@pytest.mark.parametrize("bad", ["abc", str(FIRST_YEAR - 1), str(LAST_YEAR + 1)])
def test_a_refused_year_filters_nothing_and_is_named(org, bad):
    everything = UnitFilter({"year": bad}, queryset=Unit.objects.all())
    assert everything.qs.count() == Unit.objects.count()
    assert everything.value("year") is None
    assert everything.form.errors == {"year": [f"Năm phải là một số từ {FIRST_YEAR} đến {LAST_YEAR}."]}


def test_an_unbound_filter_is_no_filter_and_a_good_one_applies(org):
    assert UnitFilter(queryset=Unit.objects.all()).qs.count() == Unit.objects.count()
    only = UnitFilter({"kind": UnitKind.GRASSROOTS}, queryset=Unit.objects.all())
    assert sorted(only.qs.values_list("code", flat=True)) == ["A1", "A2", "B1"]
    assert only.value("kind") == UnitKind.GRASSROOTS
    refused = UnitFilter({"kind": "khong-co"}, queryset=Unit.objects.all())
    assert refused.form.errors == {"kind": ["“khong-co” không có trong danh sách."]}
    assert refused.qs.count() == Unit.objects.count()


def test_filter_form_is_drawn_inline_by_crispy_with_its_button(org):
    html = Template("{% load crispy_forms_tags %}{% crispy f.form %}").render(
        Context({"f": UnitFilter({"year": "2024"}, queryset=Unit.objects.all())})
    )
    assert 'method="get"' in html and "csrfmiddlewaretoken" not in html
    assert ('name="year"' in html and 'value="2024"' in html and ">Lọc<" in html) or 'value="Lọc"' in html


def test_crispy_forms_open_on_the_products_error_summary(db):
    from django import forms
    from lxml import html as lxml_html

    class NameForm(CleanTextMixin, forms.Form):
        name = forms.CharField(label="Tên")

    form = NameForm({"name": ""})
    rendered = Template("{% load crispy_forms_tags %}{% crispy form %}").render(
        Context({"form": form, "request": RequestFactory().get("/")})
    )
    doc = lxml_html.fromstring(f"<html><body>{rendered}</body></html>")
    assert error_summary(doc) == [("#id_name", "Tên: Trường này là bắt buộc.")]
    field = doc.get_element_by_id("id_name")
    assert (field.get("aria-invalid"), "id_name_error" in field.get("aria-describedby")) == ("true", True)
    assert doc.get_element_by_id("id_name_error") is not None


def test_support_admin_is_for_superusers_and_changes_nothing(client, org, admin_user):
    staff = make_user("hotro", org.province, Role.ADMIN, is_superuser=True, is_staff=True)
    client.force_login(admin_user)  # an administrator of the product, not support staff
    assert client.get("/ho-tro/").status_code == 302
    client.force_login(staff)
    assert client.get("/ho-tro/").status_code == 200
    for model, model_admin in support_admin._registry.items():
        request = RequestFactory().get("/")
        request.user = staff
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model


def test_support_admin_shows_every_model_read_only_without_password_hashes(client, org):
    staff = make_user("hotro", org.province, Role.ADMIN, is_superuser=True, is_staff=True)
    client.force_login(staff)
    app_models = {m for name in APPS for m in apps.get_app_config(name).get_models()}
    assert app_models - set(support_admin._registry) == set()
    for model in app_models:
        meta = model._meta
        listing = client.get(f"/ho-tro/{meta.app_label}/{meta.model_name}/")
        assert listing.status_code == 200, model
    page = client.get(f"/ho-tro/units/user/{staff.pk}/change/")
    assert page.status_code == 200
    assert staff.password not in page.content.decode()
    assert b'name="_save"' not in page.content
