"""Test overrides: fast hashing, immediate tasks, a private media folder."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")

from config.settings import *  # noqa: F403  (the override module extends the real one)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# tests/conftest.py's `media_root` fixture makes the real folder for the session and removes
# it afterwards; this name, never created here, only keeps other uses of these settings
# (manage.py check) from writing into the development media folder.
MEDIA_ROOT = os.path.join(tempfile.gettempdir(), f"thidua-media-{os.getpid()}")
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Tests serve static files from the source folders; no collectstatic run is needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # An in-memory test database is one connection that the live server's threads share,
    # so two concurrent requests (htmx fires them) trample each other's savepoints. A file
    # gives each thread its own connection, as PostgreSQL does.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"thidua-test-{os.getpid()}.sqlite3")
    }
