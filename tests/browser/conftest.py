"""Fixtures for the end-to-end tests: a live server over the demo organisation, and a
Chromium page that records console errors, CSP violations and page errors.

Chromium comes from the system (/usr/bin/chromium): Playwright cannot download its own
browsers on these machines.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1366, "height": 768}
CONTEXT_DEFAULTS = {"locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": VIEWPORT}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """live_server serves Django from a thread while sync Playwright keeps an event loop in
    the test's thread, so Django refuses the test's ORM calls (and pytest-django's flush)
    as made "from an async context" unless DJANGO_ALLOW_ASYNC_UNSAFE is set. It is set
    around each browser test only (setup to teardown): left in os.environ for the whole
    session it leaks into subprocesses of other tests, e.g. `manage.py check --deploy`
    then fails with async.E001."""
    if not item.get_closest_marker("browser"):
        return (yield)
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        return (yield)
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def demo(transactional_db):
    """The demo organisation (units, blocs, accounts) in the test database. The
    transactional database is emptied after each test, so each test seeds its own."""
    from units.demo import seed_demo

    return seed_demo()


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")


@dataclass
class Browsing:
    """One test's browser work: pages on the live server, what their consoles said,
    and the screenshots taken."""

    new_context: object
    base_url: str
    test_name: str
    problems: list[str] = field(default_factory=list)
    screenshots: list[Path] = field(default_factory=list)
    # The confirmation dialogs the pages opened (static/js/confirm.js), in order.
    confirmations: list[str] = field(default_factory=list)

    def new_page(self, *, confirm: bool = True, **context_args):
        """A page in a fresh browser context (its own cookies, so its own session). The
        users are in Vietnam: by default their browsers ask for Vietnamese (vi-VN).

        Irreversible steps ask for confirmation in the browser's own dialog: by default
        the page answers "OK", as a user who meant it does, and records the question in
        `confirmations`. `confirm=False` leaves the dialogs to the test (Playwright
        otherwise dismisses them)."""
        context_args = {**CONTEXT_DEFAULTS, **context_args}
        context = self.new_context(base_url=self.base_url, **context_args)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("console", lambda msg: self._on_console(page, msg))
        page.on("pageerror", lambda exc: self.problems.append(f"{page.url}: JS error: {exc}"))
        if confirm:
            page.on("dialog", self._accept)
        return page

    def _accept(self, dialog) -> None:
        self.confirmations.append(dialog.message)
        dialog.accept()

    def _on_console(self, page, msg) -> None:
        # The site has no favicon; Chromium asks for /favicon.ico on its own and logs the
        # 404. That is not a page of ours failing, so it is not counted.
        if msg.location.get("url", "").endswith("/favicon.ico"):
            return
        # CSP violations ("Refused to load/execute/apply ...") are console errors too.
        if msg.type == "error" or "Content Security Policy" in msg.text:
            self.problems.append(f"{page.url}: console {msg.type}: {msg.text}")

    def screenshot(self, page, step: str) -> Path:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{_slug(self.test_name)}-{_slug(step)}.png"
        page.screenshot(path=path, full_page=True)
        self.screenshots.append(path)
        return path

    def check_page(self, page, step: str) -> None:
        """Screenshot the page and check it does not scroll sideways at 1366 px."""
        self.screenshot(page, step)
        widths = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
        )
        assert widths["scroll"] <= widths["inner"], (
            f"{step}: {page.url} overflows horizontally ({widths['scroll']} px > {widths['inner']} px)"
        )

    def assert_clean_console(self) -> None:
        assert not self.problems, "Browser console errors:\n" + "\n".join(self.problems)


@pytest.fixture
def browsing(demo, live_server, new_context, request):
    """Browser pages on the live server over the demo organisation. After the test,
    any console error, CSP violation or uncaught JS error fails it."""
    callspec = getattr(request.node, "callspec", None)
    params = [str(v) for k, v in callspec.params.items() if k != "browser_name"] if callspec else []
    test_name = "-".join([request.node.originalname, *params])
    session = Browsing(new_context=new_context, base_url=live_server.url, test_name=test_name)
    yield session
    session.assert_clean_console()
