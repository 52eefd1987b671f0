"""The files the app writes and reads besides the workbook: a drill history or a formats file
nested thousands deep is told in one line and the app goes on; a drill mark, an export and a
speech are never written through a link out of the folder nor over the workbook; "Save as…"
beside a different essay of the same name is refused, not saved into a workbook that would
not open."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.practice.drills import history_path
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import ConfirmScreen
from workbook.tui.screens.drill import DrillScreen
from workbook.tui.screens.speech import SpeechScreen
from workbook.tui.screens.timer import TimerScreen

from .conftest import SIZE, opened, told, until

DEEP = "x = " + "[" * 3000 + "]" * 3000 + "\n"
PRECIOUS = b"# the user's own file, outside the workbook's folder\n"


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "workbook" / "formats.toml"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    path = folder / "notes.md"
    path.write_bytes(PRECIOUS)
    return path


def was_told(app: WorkbookApp, words: str) -> bool:
    return any(words in notice for notice in told(app))


async def test_a_drill_history_nested_deep_is_told_and_the_app_goes_on(seed_copy: Path) -> None:
    history = history_path(seed_copy)
    history.write_text(DEEP, encoding="utf-8")
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+d")
        await until(pilot, lambda: isinstance(app.screen, DrillScreen))
        await until(pilot, lambda: was_told(app, "nested too deeply"))
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
        await until(pilot, lambda: was_told(app, "nested too deeply"))
        await pilot.press("escape")
        await pilot.press("ctrl+b")  # the speech builder reads the formats too
        await until(pilot, lambda: isinstance(app.screen, SpeechScreen))
        assert app.is_running


async def test_a_drill_mark_never_replaces_the_workbook(seed_copy: Path) -> None:
    before = seed_copy.read_bytes()
    history_path(seed_copy).symlink_to(seed_copy.name)
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+d")
        await until(pilot, lambda: isinstance(app.screen, DrillScreen))
        await until(pilot, lambda: was_told(app, "not a drill history"))
        await pilot.press("enter", "g", "enter", "m")
        assert app.is_running
    assert seed_copy.read_bytes() == before
    assert not seed_copy.with_name(seed_copy.name + ".bak").exists()


async def test_export_and_speech_are_never_written_through_a_link_out_of_the_folder(
    seed_copy: Path, outside: Path
) -> None:
    brief = seed_copy.with_name(f"{seed_copy.stem}.brief.md")
    brief.symlink_to(outside)
    speech = seed_copy.with_name(f"{seed_copy.stem}.1AC.speech.md")
    speech.symlink_to(outside)
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+e")
        await until(pilot, lambda: was_told(app, "leads out of its folder"))
        await pilot.press("ctrl+b")
        await until(pilot, lambda: isinstance(app.screen, SpeechScreen))
        await pilot.press("e")
        await until(pilot, lambda: sum("leads out of its folder" in m for m in told(app)) == 2)
        assert app.is_running
    assert outside.read_bytes() == PRECIOUS and brief.is_symlink() and speech.is_symlink()


async def test_save_as_beside_a_different_essay_is_refused_in_one_line(
    seed_copy: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    essay = other / "soleimani-blowback.txt"
    essay.write_text("A different essay, with the same name.\n", encoding="utf-8")
    target = other / "copy.toml"
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "5")
        app.action_save_as()
        await until(pilot, lambda: bool(app.screen.query("#field-path")))
        app.screen.query_one("#field-path").value = str(target)  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = app.screen.question  # type: ignore[attr-defined]
        assert "a different text" in question and str(essay) in question
        assert "unsaved changes" in app.sub_title
    assert not target.exists()
    assert essay.read_text(encoding="utf-8") == "A different essay, with the same name.\n"
