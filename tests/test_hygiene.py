"""The suite cleans up after itself and reads nothing outside the repository."""

import os
import re
import subprocess
import sys

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.paths import ROOT

WRITER = "tests/test_hygiene.py::test_uploads_land_in_the_session_media_folder"


def test_uploads_land_in_the_session_media_folder(media_root):
    name = default_storage.save("hygiene/probe.txt", ContentFile(b"probe"))
    assert os.path.dirname(default_storage.path(name)) == os.path.join(media_root, "hygiene")


def test_suite_removes_its_media_folder(tmp_path):
    """A run that stores an upload leaves no thidua-media-* folder in the temp folder."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", WRITER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("thidua-media-")] == []


def test_no_file_reads_outside_the_repository():
    """A fresh clone has nothing beside it: no path may climb out of the checkout."""
    outside = re.compile(r"\.\./shared|parents\[\d\]\.parent|\.parent / \"shared\"")
    offenders = []
    for folder in ("config", "units", "emulation", "scoring", "awards", "reports", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "test_hygiene.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if outside.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
