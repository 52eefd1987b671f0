"""Nothing lost: the journal, recovery, someone else's changes, and saves that fail."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from workbook.session.journal import all_journals
from workbook.storage import files
from workbook.storage.store import load
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import ConfirmScreen, FormScreen
from workbook.tui.screens.prep.screen import PrepScreen

from ..conftest import copy_positions
from .conftest import SIZE, opened, until

FIRST = "reckless-decision"


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def journalled(path: Path) -> bool:
    return bool(all_journals(path))


def crashed(app: WorkbookApp) -> None:
    """The app's process died: the lock on its journal goes with it; the journal stays."""
    assert app.session is not None
    app.session.journal.abandon()


async def test_edits_are_journalled_within_two_seconds(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "5")
        await until(pilot, lambda: journalled(seed_copy), seconds=2.5)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not journalled(seed_copy))


async def test_a_journal_is_offered_back_and_restored(seed_copy: Path) -> None:
    before = seed_copy.read_bytes()
    first = WorkbookApp(seed_copy)
    async with first.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "2", "x")  # strength of p1, then delete it
        await until(pilot, lambda: journalled(seed_copy))
    # The app went away without saving or discarding, as after a crash.
    crashed(first)
    assert seed_copy.read_bytes() == before
    second = WorkbookApp(seed_copy)
    async with second.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await until(pilot, lambda: isinstance(second.screen, ConfirmScreen))
        assert "Restore them?" in second.screen.question
        await pilot.press("r")
        assert "p1" not in screen.claim.points
        assert "unsaved changes" in second.sub_title
        await pilot.press("ctrl+z")  # a restored edit can be undone like any other
        assert "p1" in screen.claim.points
        await pilot.press("ctrl+y", "ctrl+s")
        await until(pilot, lambda: not journalled(seed_copy))
    assert "p1" not in load(seed_copy).claims[FIRST].points


async def test_a_journal_can_be_discarded(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "x")
        await until(pilot, lambda: journalled(seed_copy))
    crashed(app)
    again = WorkbookApp(seed_copy)
    async with again.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await until(pilot, lambda: isinstance(again.screen, ConfirmScreen))
        await pilot.press("d")
        assert "p1" in screen.claim.points
        # A worker removes the journal: wait for it, however long it takes to get going.
        await until(pilot, lambda: not journalled(seed_copy))


@pytest.mark.parametrize(("answer", "strength"), [("q", 4), ("s", 1)])
async def test_quitting_removes_the_journal_whether_saving_or_not(
    seed_copy: Path, answer: str, strength: int
) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "1")
        await until(pilot, lambda: journalled(seed_copy))
        await pilot.press("ctrl+q", answer)  # quit without saving, or save and quit
        # A worker closes the file (the journal goes), then the app quits: wait for the end.
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 0
    assert load(seed_copy).claims[FIRST].points["p1"].strength == strength
    assert not journalled(seed_copy)


async def their_change(seed_copy: Path, answer: str) -> WorkbookApp:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        seed_copy.write_text(seed_copy.read_text().replace("strength = 4", "strength = 1", 1))
        await pilot.press("tab", "5", "ctrl+s")
        # The save's worker finds the change on disk, and only then asks.
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "changed on disk" in app.screen.question  # type: ignore[attr-defined]
        await pilot.press(answer)
        if answer == "o":
            await until(pilot, lambda: "unsaved" not in app.sub_title)
        if answer == "r":
            # The file read again, and the main screen showing it put up (not still mounting).
            await until(
                pilot,
                lambda: (
                    app.draft is not None
                    and not app.draft.dirty
                    and isinstance(app.screen, PrepScreen)
                    and app.screen.is_mounted
                ),
            )
            await pilot.pause()  # its widgets take in the new title before the app ends
    return app


async def test_their_change_is_not_overwritten_unasked(seed_copy: Path) -> None:
    await their_change(seed_copy, "c")
    assert load(seed_copy).claims[FIRST].points["p1"].strength == 1


async def test_their_change_can_be_overwritten(seed_copy: Path) -> None:
    await their_change(seed_copy, "o")
    assert load(seed_copy).claims[FIRST].points["p1"].strength == 5


async def test_their_change_can_be_reloaded(seed_copy: Path) -> None:
    app = await their_change(seed_copy, "r")
    assert app.draft is not None
    assert app.draft.workbook.claims[FIRST].points["p1"].strength == 1
    assert load(seed_copy).claims[FIRST].points["p1"].strength == 1


async def test_a_missing_folder_keeps_every_edit_and_offers_save_as(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    path = copy_positions(folder)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        shutil.rmtree(folder)  # the folder went away under the app (a pulled USB stick)
        await pilot.press("tab", "1", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "cannot save" in app.screen.question
        assert screen.claim.points["p1"].strength == 1  # kept in memory
        await until(pilot, lambda: journalled(path))  # and in the journal
        await pilot.press("s")
        form = app.screen
        assert isinstance(form, FormScreen)
        elsewhere = tmp_path / "rescued.toml"
        form.query_one("#field-path").value = str(elsewhere)  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await until(pilot, elsewhere.exists)
        await until(pilot, lambda: "unsaved" not in app.sub_title)
        assert app.path == elsewhere
        # The old journal goes with the journal's next write, in a worker after the save.
        await until(pilot, lambda: not journalled(path))
    assert load(elsewhere).claims[FIRST].points["p1"].strength == 1


async def test_a_full_disk_is_reported_and_nothing_is_lost(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = seed_copy.read_bytes()

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        monkeypatch.setattr(files.os, "fsync", full)
        await pilot.press("tab", "1", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "No space left on device" in app.screen.question
        assert "unsaved changes" in app.sub_title
        await pilot.press("k")  # keep editing
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    assert seed_copy.read_bytes() != before
    assert [p.name for p in seed_copy.parent.iterdir() if p.suffix == ".tmp"] == []
