"""Screenshots of the main screen and the card form, compared with the approved SVGs."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from workbook.tui.app import WorkbookApp

from .conftest import SIZE, opened, until


@pytest.fixture
def app(seed_copy: Path, monkeypatch: pytest.MonkeyPatch) -> WorkbookApp:
    # A relative path keeps the temporary folder's name out of the title.
    monkeypatch.chdir(seed_copy.parent)
    return WorkbookApp(Path(seed_copy.name))


def test_main_screen(snap_compare, app: WorkbookApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_card_form(snap_compare, app: WorkbookApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("tab", "down", "e")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_essay_view(snap_compare, app: WorkbookApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("v", "down", "down")
        await until(pilot, lambda: bool(getattr(pilot.app.screen, "suggested", None)))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
