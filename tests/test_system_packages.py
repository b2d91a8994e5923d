"""`make system`: the Debian packages come from one list, installed as root, otherwise the
exact apt-get line is printed and the command stops."""

import os
import subprocess

from tests.paths import ROOT

SCRIPT = ROOT / "scripts" / "system-packages.sh"


def _fake_bin(folder, *, uid, installed=()):
    """A PATH folder whose dpkg-query knows only `installed`, whose id says `uid`, and whose
    apt-get writes its arguments to apt.log."""
    folder.mkdir()
    known = " ".join(installed)
    scripts = {
        "dpkg-query": (
            f'for p in {known}; do [ "$p" = "${{@: -1}}" ] && '
            '{ printf "install ok installed"; exit 0; }; done; exit 1'
        ),
        "id": f"echo {uid}",
        "apt-get": f'echo "$@" >> {folder}/apt.log',
    }
    for name, body in scripts.items():
        path = folder / name
        path.write_text(f"#!/usr/bin/env bash\n{body}\n")
        path.chmod(0o755)
    return {**os.environ, "PATH": f"{folder}:{os.environ['PATH']}"}


def _run(scope, env):
    return subprocess.run(["bash", str(SCRIPT), scope], env=env, capture_output=True, text=True, check=False)


def test_system_prints_the_exact_install_line_when_not_root(tmp_path):
    env = _fake_bin(tmp_path / "bin", uid=1000, installed=["chromium"])
    result = _run("test", env)
    assert result.returncode == 1
    assert (
        "sudo apt-get update && sudo apt-get install -y --no-install-recommends "
        "fonts-liberation2 libharfbuzz-subset0 poppler-utils\n" in result.stderr
    )
    assert not (tmp_path / "bin" / "apt-get.log").exists()


def test_system_installs_only_what_is_missing_as_root(tmp_path):
    env = _fake_bin(tmp_path / "bin", uid=0, installed=["fonts-liberation2"])
    result = _run("run", env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "bin" / "apt.log").read_text().splitlines() == [
        "update -qq",
        "install -y -qq --no-install-recommends libharfbuzz-subset0",
    ]


def test_system_does_nothing_when_everything_is_there(tmp_path):
    listed = [line.split()[0] for line in (ROOT / "system-packages.txt").read_text().splitlines()]
    everything = [name for name in listed if name and not name.startswith("#")]
    env = _fake_bin(tmp_path / "bin", uid=1000, installed=everything)
    assert _run("ci", env).returncode == 0
    assert not (tmp_path / "bin" / "apt.log").exists()


def test_ci_and_make_use_the_one_list():
    makefile = (ROOT / "Makefile").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "scripts/system-packages.sh ci" in ci
    assert "apt-get" not in ci
    assert "scripts/system-packages.sh test" in makefile
    assert "scripts/system-packages.sh run" in makefile
