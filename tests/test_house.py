"""The house rules every app keeps: each module sits in a named room of the import contract."""

import configparser
import re
from pathlib import Path

import pytest
from radon.complexity import cc_visit

ROOT = Path(__file__).resolve().parent.parent
APPS = ["units", "emulation", "scoring", "awards", "reports"]
# Folders of an app that hold no Python room of their own.
NOT_ROOMS = {"__init__", "migrations", "templates", "static", "locale", "demo_data", "__pycache__"}


def _layered_rooms() -> set[str]:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    layers = config["importlinter:contract:rooms"]["layers"]
    return set(re.findall(r"\((\w+)\)", layers))


def _rooms_of(app: str) -> set[str]:
    rooms = set()
    for entry in (ROOT / app).iterdir():
        name = entry.stem if entry.suffix == ".py" else entry.name
        if entry.is_dir() and not (entry / "__init__.py").exists():
            continue
        if entry.is_file() and entry.suffix != ".py":
            continue
        if name not in NOT_ROOMS:
            rooms.add(name)
    return rooms


@pytest.mark.parametrize("app", APPS)
def test_every_module_of_an_app_sits_in_a_layer_of_the_contract(app):
    assert _rooms_of(app) - _layered_rooms() == set()


def test_the_contract_names_only_rooms_that_exist():
    existing = set().union(*(_rooms_of(app) for app in APPS))
    assert _layered_rooms() - existing == set()


def _app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                yield path


MAX_LINES = 600
MAX_COMPLEXITY = 15


def test_no_app_module_is_longer_than_a_room_should_be():
    long = {
        str(p.relative_to(ROOT)): n
        for p in _app_modules()
        if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_app_function_is_more_complex_than_fifteen():
    """Radon's cyclomatic complexity, which counts each boolean operator too."""
    complex_ = {
        f"{path.relative_to(ROOT)}:{block.lineno} {block.fullname}": block.complexity
        for path in _app_modules()
        for block in cc_visit(path.read_text())
        if block.complexity > MAX_COMPLEXITY
    }
    assert complex_ == {}
