import time

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from units.audit import audit_record
from units.enums import AuditAction

SESSION_LAST_SEEN = "last_seen"
# Refresh the stored timestamp at most once a minute, so that a busy user does not
# write the session row on every request.
TOUCH_INTERVAL_SECONDS = 60


class IdleSessionTimeoutMiddleware:
    """End a session idle for longer than settings.SESSION_IDLE_TIMEOUT."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(SESSION_LAST_SEEN, now)
            if now - last_seen > settings.SESSION_IDLE_TIMEOUT.total_seconds():
                user = request.user
                logout(request)
                audit_record(action=AuditAction.SESSION_EXPIRED, by=user, obj=user)
                return redirect(f"{reverse('login')}?expired=1&next={request.path}")
            if now - last_seen >= TOUCH_INTERVAL_SECONDS or SESSION_LAST_SEEN not in request.session:
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


PRIVATE_NO_STORE = "private, no-store"


class PrivateCacheMiddleware:
    """Every answer to a logged-in account — pages, workbooks, PDFs, DOCX, attachments,
    refusals and redirects — carries personal data or depends on who asks: no browser
    cache or shared proxy may keep a copy (a shared office computer, a cache in front of
    the servers). Static files (served by WhiteNoise before this point) and the anonymous
    login page keep their own headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Before and after: logging in and logging out answer for an account too.
        authenticated = request.user.is_authenticated
        response = self.get_response(request)
        if authenticated or request.user.is_authenticated:
            response.headers["Cache-Control"] = PRIVATE_NO_STORE
        return response


class PermissionDeniedMiddleware:
    """Every refusal for the role — `units.shortcuts.require` in a view, a service's own
    check — is written to the audit log here, once, and then answered with Django's 403
    page. Views therefore never catch PermissionDenied to audit it themselves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied) and request.user.is_authenticated:
            audit_record(
                action=AuditAction.ACCESS_DENIED, by=request.user, object_repr=_("quyền theo vai trò")
            )
        return None  # Django answers 403 with templates/403.html


class ForcePasswordChangeMiddleware:
    """An account created or reset by an administrator must choose its own password
    before it can open any other page."""

    ALLOWED_URL_NAMES = {"password_change", "logout", "set_language"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.must_change_password:
            match = _resolve(request.path_info)
            if match is None or match.url_name not in self.ALLOWED_URL_NAMES:
                return redirect("password_change")
        return self.get_response(request)


def _resolve(path):
    from django.urls import Resolver404, resolve

    try:
        return resolve(path)
    except Resolver404:
        return None


class VietnameseFirstLocaleMiddleware:
    """Vietnamese unless the user chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and staff whose
    Chrome happens to be in English would get an English interface without asking.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response
