"""An unexpected error in the app: the edits are journalled first, the app ends with status 1
and one line to say, and the next open offers the edits back."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.session.journal import all_journals
from workbook.storage.store import load
from workbook.tui import file_app
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import ConfirmScreen
from workbook.tui.widgets import textual_private

from .conftest import SIZE, opened, until

FIRST = "reckless-decision"


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


class Broken(Exception):
    """What a fault in a handler raises."""


def boom(*args: object) -> None:
    raise Broken("a fault in the export's handler")


async def test_an_error_in_a_handler_journals_the_last_edit_and_ends_with_status_1(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No journal but the one the crash writes: the timer after an edit never comes.
    monkeypatch.setattr(file_app, "JOURNAL_DELAY", 3600)
    monkeypatch.setattr(WorkbookApp, "action_export", boom)
    app = WorkbookApp(seed_copy)
    with pytest.raises(Broken):  # Pilot raises the app's error again once the app has ended
        async with app.run_test(size=SIZE) as pilot:
            await opened(pilot)
            await pilot.press("tab", "5")  # p1's strength, the edit just before the fault
            assert "unsaved changes" in app.sub_title and not all_journals(seed_copy)
            await pilot.press("ctrl+e")  # the export's key: its handler raises
            await until(pilot, lambda: not app.is_running)
    assert app.return_code == 1
    assert app.crash is not None and "\n" not in app.crash
    assert app.crash.startswith("the app stopped on an unexpected error (Broken: a fault in")
    assert "test_crash.py:" in app.crash and "offered back when" in app.crash
    assert len(all_journals(seed_copy)) == 1
    assert app.session is not None
    app.session.journal.abandon()  # the process ends with the app: its lock goes with it

    again = WorkbookApp(seed_copy)
    async with again.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await until(pilot, lambda: isinstance(again.screen, ConfirmScreen))
        await pilot.press("r")
        assert screen.claim.points["p1"].strength == 5
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not all_journals(seed_copy))
    assert load(seed_copy).claims[FIRST].points["p1"].strength == 5


async def test_an_error_before_the_file_is_open_says_so_in_one_line(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing to keep yet: the line says what went wrong, and nothing more."""
    monkeypatch.setattr(WorkbookApp, "on_first_look_shown", boom)
    monkeypatch.setattr(WorkbookApp, "open_workbook", boom)
    app = WorkbookApp(seed_copy)
    with pytest.raises(Broken):
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: not app.is_running)
    assert app.return_code == 1 and app.crash is not None
    assert app.crash.endswith(")") and not all_journals(seed_copy)


async def test_the_timer_on_its_own_ends_with_status_1_and_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from workbook.practice.formats import Formats
    from workbook.tui.screens.timer import TimerScreen
    from workbook.tui.timer_app import TimerApp

    monkeypatch.setattr(TimerScreen, "action_reset", boom)
    app = TimerApp(Formats(), "ld")
    with pytest.raises(Broken):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("r")
            await until(pilot, lambda: not app.is_running)
    assert app.return_code == 1 and app.crash is not None
    assert app.crash.startswith("the app stopped on an unexpected error (Broken:")


def test_the_commands_say_the_line_and_end_with_status_70(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workbook open` and `workbook time` print the app's one line, status 70 (EX_SOFTWARE)."""
    from workbook.commands import main
    from workbook.tui.timer_app import TimerApp

    def crashed(app: textual_private.CrashReportingApp, **options: object) -> None:
        app.crash = "the app stopped on an unexpected error (Broken: here)"

    monkeypatch.setattr(WorkbookApp, "run", crashed)
    monkeypatch.setattr(TimerApp, "run", crashed)
    assert main(["open", str(seed_copy)]) == 70
    assert main(["time", "ld"]) == 70
    said = capsys.readouterr().err.splitlines()
    assert said == [
        f"{seed_copy}: the app stopped on an unexpected error (Broken: here)",
        "workbook time: the app stopped on an unexpected error (Broken: here)",
    ]
