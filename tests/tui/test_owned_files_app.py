"""The files the app reads besides the workbook: a drill history or a formats file nested
thousands deep is told in one line and the app goes on."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.practice.drills import history_path
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.drill import DrillScreen
from workbook.tui.screens.speech import SpeechScreen
from workbook.tui.screens.timer import TimerScreen

from .conftest import SIZE, opened, until

DEEP = "x = " + "[" * 3000 + "]" * 3000 + "\n"


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "workbook" / "formats.toml"


def told(app: WorkbookApp, words: str) -> bool:
    return any(words in str(notice.message) for notice in app._notifications)


async def test_a_drill_history_nested_deep_is_told_and_the_app_goes_on(seed_copy: Path) -> None:
    history = history_path(seed_copy)
    history.write_text(DEEP, encoding="utf-8")
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+d")
        await until(pilot, lambda: isinstance(app.screen, DrillScreen))
        await until(pilot, lambda: told(app, "nested too deeply"))
        await pilot.press("enter", "g")  # a mark: not saved over a history it could not read
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, DrillScreen))
        assert app.is_running
    assert history.read_text(encoding="utf-8") == DEEP


async def test_a_formats_file_nested_deep_is_told_and_the_timer_opens(
    seed_copy: Path, private_folders: Path
) -> None:
    private_folders.parent.mkdir(parents=True)
    private_folders.write_text(DEEP, encoding="utf-8")
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, TimerScreen))
        await until(pilot, lambda: told(app, "nested too deeply"))
        await pilot.press("escape")
        await pilot.press("ctrl+b")  # the speech builder reads the formats too
        await until(pilot, lambda: isinstance(app.screen, SpeechScreen))
        assert app.is_running
