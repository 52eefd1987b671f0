"""Shared fixtures: a small workbook, as data and as a file."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest

from workbook.core.model import Workbook

ESSAY = (
    "By a writer\nStrikes bring blowback. They always do.\nDeterrence is a story told afterwards.\n"
)

SMALL: dict[str, Any] = {
    "format": 2,
    "title": "Small",
    "motion": "This House regrets the strike.",
    "essay": {"title": "An essay", "file": "small.txt", "paragraphs": 3},
    "sides": {
        "con": {"name": "Blowback", "thesis": "The strike backfired."},
        "pro": {"name": "Deterrence", "thesis": "The strike deterred."},
    },
    "cards": {
        "smith": {"tag": "Attacks rose", "author": "Ann Smith", "date": "2021"},
        "slot": {},
    },
    "claims": {
        "blowback": {
            "section": "Intro",
            "paragraph": 2,
            "side": "con",
            "tag": "Strikes backfire",
            "quote": "Strikes bring blowback.",
            "tags": ["blowback"],
            "points": {
                "p1": {
                    "side": "con",
                    "kind": "supports",
                    "text": "Attacks rose.",
                    "strength": 4,
                    "cards": ["smith"],
                },
                "p2": {
                    "side": "pro",
                    "kind": "answers",
                    "answers": "p1",
                    "text": "Not because of it.",
                },
            },
        },
        "story": {
            "section": "Intro",
            "paragraph": 3,
            "side": "con",
            "tag": "Deterrence is a story",
            "quote": "Deterrence is a story told afterwards.",
            "points": {
                "p1": {"side": "pro", "kind": "counters", "text": "It held.", "cards": ["slot"]}
            },
        },
    },
}


@pytest.fixture(autouse=True)
def private_state_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test keeps what the app remembers between runs (where each workbook was left, a
    journal that cannot go beside its file) in a state folder of its own, and reads settings
    (the cutter's initials, formats) from a config folder of its own: never the user's, and
    never one that another test wrote to."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


def small_v1_data() -> dict[str, Any]:
    """The small workbook as format 1 wrote it: each point keeps its own cards."""
    data = copy.deepcopy(SMALL)
    data["format"] = 1
    cards = data.pop("cards")
    for claim in data["claims"].values():
        for point in claim["points"].values():
            if "cards" in point:
                point["cards"] = {"1": cards[point["cards"][0]]}
    return data


def copy_positions(folder: Path) -> Path:
    """Copy the shipped positions (the seed and its essay) into `folder`; returns the seed."""
    from workbook.storage.places import positions_folder, seed_path

    folder.mkdir(parents=True, exist_ok=True)
    for path in positions_folder().iterdir():
        shutil.copyfile(path, folder / path.name)
    return folder / seed_path().name


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A private copy of the seed and its essay, to edit and save freely."""
    return copy_positions(tmp_path)


def small_data() -> dict[str, Any]:
    return copy.deepcopy(SMALL)


@pytest.fixture
def data() -> dict[str, Any]:
    return small_data()


@pytest.fixture
def small() -> Workbook:
    return Workbook.model_validate(small_data())


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    """The small workbook saved canonically, with its essay beside it."""
    from workbook.storage.store import save

    (tmp_path / "small.txt").write_text(ESSAY, encoding="utf-8")
    path = tmp_path / "small.toml"
    save(Workbook.model_validate(small_data()), path)
    return path
