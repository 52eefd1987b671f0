"""Fixtures for the app's tests: a private copy of the seed, and an app opened on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from workbook.tui.app import WorkbookApp
from workbook.tui.notices import NoticeApp
from workbook.tui.screens.prep.screen import PrepScreen

SIZE = (140, 42)


@pytest.fixture(autouse=True)
def _notices_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every notice an app gives is kept for `told`, even once its time on screen is up."""
    shown = NoticeApp.notify

    def notify(app: NoticeApp, message: str, **options: Any) -> None:
        app.__dict__.setdefault("_told", []).append(str(message))
        shown(app, message, **options)

    monkeypatch.setattr(NoticeApp, "notify", notify)


def told(app: App[Any]) -> list[str]:
    """The notices the app has given, in order. A test waits on these, not on the notices on
    screen: on a loaded machine the app may take longer to be looked at again than a notice
    stays (three seconds), and a notice gone is not a notice never given."""
    return list(app.__dict__.get("_told", []))


async def opened(pilot: Pilot[None]) -> PrepScreen:
    """Wait for the worker that loads the workbook, and return the main screen."""
    for _ in range(500):
        screens = [s for s in pilot.app.screen_stack if isinstance(s, PrepScreen)]
        if screens:
            await pilot.pause()
            return screens[0]
        await pilot.pause(0.01)
    raise AssertionError("the workbook did not open")


async def until(pilot: Pilot[None], done: Callable[[], bool], seconds: float = 5) -> None:
    """Let the app run until `done()` holds: timers and workers take their time on a busy CI."""
    for _ in range(int(seconds / 0.02)):
        if done():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never reached the expected state")


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> list[WorkbookApp]:
    """Opening waits until the test lets it go (`go(app)`): the first look stays meanwhile."""
    waiting: list[WorkbookApp] = []
    monkeypatch.setattr(WorkbookApp, "on_first_look_shown", lambda app: waiting.append(app))
    return waiting


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes screenshots differ from run to run."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "cursor_blink", False, raising=False)
    monkeypatch.setattr(TextArea, "cursor_blink", False, raising=False)


__all__ = ["SIZE", "WorkbookApp", "opened", "until"]
