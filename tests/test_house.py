"""The house rules every app keeps: each module sits in a named room of the import contract."""

import configparser
import re
from pathlib import Path

import pytest

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
