"""The bundled seed is never written: a save of it becomes a copy in the current folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from workbook.commands import main
from workbook.storage import owned, places
from workbook.storage.files import WorkbookError
from workbook.storage.store import load, read_workbook, save

from .conftest import copy_positions


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package folder holding its positions, as an installed wheel does."""
    package = tmp_path / "site-packages" / "workbook"
    shutil.copytree(places.positions_folder(), package / "positions")
    monkeypatch.setattr(places, "_PACKAGE", package)
    return package


def test_the_installed_seed_is_found_inside_the_package(installed: Path) -> None:
    assert places.seed_path() == installed / "positions" / places.SEED_NAME
    assert places.is_bundled(places.seed_path())


def test_saving_the_bundled_seed_writes_a_copy_here(installed: Path, tmp_path: Path) -> None:
    here = tmp_path / "here"
    here.mkdir()
    target, note = owned.save_target(places.seed_path(), "soleimani-blowback.txt", here)
    assert target == here / places.SEED_NAME
    assert note == f"the bundled seed is read-only: saved a copy to {target}"
    assert (here / "soleimani-blowback.txt").is_file()  # the essay travels with it
    assert places.brief_path(places.seed_path()).parent == Path.cwd()


def test_a_workbook_of_ones_own_is_saved_in_place(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    assert owned.save_target(path, "essay.txt") == (path, "")
    assert places.brief_path(path) == tmp_path / "mine.brief.md"


def test_with_no_file_named_the_seed_opens_until_a_save_has_copied_it_here(
    installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert places.default_workbook() == places.seed_path()
    os.mkfifo(here / places.SEED_NAME)  # not a workbook: the bundled seed still opens
    assert places.default_workbook() == places.seed_path()
    (here / places.SEED_NAME).unlink()
    target, _ = owned.save_target(places.seed_path(), "soleimani-blowback.txt")
    shutil.copyfile(places.seed_path(), target)
    assert places.default_workbook() == here / places.SEED_NAME


@pytest.fixture
def checkout_seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed where it is really found (in a checkout: positions/ at its top), with the
    current folder moved somewhere harmless."""
    monkeypatch.chdir(tmp_path)
    return places.seed_path()


def shipped() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in places.positions_folder().iterdir()}


def test_every_shipped_position_is_bundled_wherever_it_lies(
    checkout_seed: Path, tmp_path: Path
) -> None:
    assert places.is_bundled(checkout_seed)
    assert places.is_bundled(checkout_seed.with_name("soleimani-blowback.txt"))
    link = tmp_path / "link.toml"
    link.symlink_to(checkout_seed)
    assert places.is_bundled(link)
    assert not places.is_bundled(copy_positions(tmp_path / "copy"))
    assert places.folder_beside(checkout_seed) == Path.cwd()
    assert places.brief_path(checkout_seed) == Path.cwd() / "soleimani-blowback.brief.md"


def test_fmt_refuses_the_seed_and_fmt_check_reads_it(
    checkout_seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = shipped()
    for spelling in (checkout_seed, os.path.relpath(checkout_seed)):
        assert main(["fmt", str(spelling)]) == 2
        assert capsys.readouterr() == ("", f"{spelling}: the bundled seed is read-only\n")
    # It reads the seed: 0 when canonical, 1 while the seed is in an older format.
    canonical = 1 if read_workbook(checkout_seed).upgraded else 0
    assert main(["fmt", "--check", str(checkout_seed)]) == canonical
    capsys.readouterr()
    assert shipped() == before


def test_saving_the_seed_in_place_is_refused(checkout_seed: Path) -> None:
    before = shipped()
    with pytest.raises(WorkbookError, match="the bundled seed is read-only"):
        save(load(checkout_seed), checkout_seed)
    assert shipped() == before


def test_the_seeds_brief_goes_to_the_current_folder_never_beside_it(
    checkout_seed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = shipped()
    assert main(["export", str(checkout_seed)]) == 0
    assert (tmp_path / "soleimani-blowback.brief.md").is_file()
    inside = checkout_seed.with_name("mine.brief.md")
    capsys.readouterr()
    assert main(["export", str(checkout_seed), "-o", str(inside)]) == 2
    assert "read-only" in capsys.readouterr().err
    assert shipped() == before
