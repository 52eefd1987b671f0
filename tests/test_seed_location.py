"""The bundled seed is never written: a save of it becomes a copy in the current folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbook import seed


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package folder holding its positions, as an installed wheel does."""
    package = tmp_path / "site-packages" / "workbook"
    shutil.copytree(seed.positions_folder(), package / "positions")
    monkeypatch.setattr(seed, "_PACKAGE", package)
    return package


def test_the_installed_seed_is_found_inside_the_package(installed: Path) -> None:
    assert seed.seed_path() == installed / "positions" / seed.SEED_NAME
    assert seed.is_bundled(seed.seed_path())


def test_saving_the_bundled_seed_writes_a_copy_here(installed: Path, tmp_path: Path) -> None:
    here = tmp_path / "here"
    here.mkdir()
    target, note = seed.save_target(seed.seed_path(), "soleimani-blowback.txt", here)
    assert target == here / seed.SEED_NAME
    assert note == f"the bundled seed is read-only: saved a copy to {target}"
    assert (here / "soleimani-blowback.txt").is_file()  # the essay travels with it
    assert seed.brief_path(seed.seed_path()).parent == Path.cwd()


def test_a_workbook_of_ones_own_is_saved_in_place(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    assert seed.save_target(path, "essay.txt") == (path, "")
    assert seed.brief_path(path) == tmp_path / "mine.brief.md"
