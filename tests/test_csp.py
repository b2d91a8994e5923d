"""No template carries what the Content-Security-Policy (config/settings.py SECURE_CSP:
style-src 'self', script-src 'self' + nonce) makes the browser refuse: an inline <style>
block or style="…" attribute, an inline event handler, or an inline script without the
nonce. The annual plan's print view printed unstyled for this (issue 11)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("units", "emulation", "awards", "scoring", "reports")
# Rendered only by WeasyPrint into PDF files, never served to a browser: the policy does
# not apply to them, and WeasyPrint reads no external stylesheet by default.
PDF_ONLY = {
    "templates/pdf/base.html",
    "reports/templates/reports/document_pdf.html",
}
INLINE_STYLE = re.compile(r"<style[\s>]|\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\s(?:src|nonce)\s*=)[^>]*>", re.IGNORECASE)


def _templates() -> list[Path]:
    folders = [ROOT / "templates", *(ROOT / app / "templates" for app in APPS)]
    return sorted(path for folder in folders for path in folder.rglob("*.html"))


def test_templates_are_found():
    names = {str(path.relative_to(ROOT)) for path in _templates()}
    assert "emulation/templates/emulation/plan_print.html" in names
    assert names >= PDF_ONLY


def test_no_served_template_has_what_the_policy_refuses():
    problems = []
    for path in _templates():
        name = str(path.relative_to(ROOT))
        text = path.read_text(encoding="utf-8")
        checks = [(EVENT_HANDLER, "event handler"), (INLINE_SCRIPT, "inline script without nonce")]
        if name not in PDF_ONLY:
            checks.append((INLINE_STYLE, "inline style"))
        for pattern, what in checks:
            problems += [f"{name}: {what}: {m.group(0)[:60]}" for m in pattern.finditer(text)]
    assert problems == []
