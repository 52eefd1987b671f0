"""Screenshots of cutting in the app, compared with the approved SVGs: the source view with a
cite that has a missing field and guessed ones, and cards' standing in a side's column."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from workbook.tui.app import WorkbookApp
from workbook.tui.screens.source import SourceScreen

from .conftest import SIZE, opened, until
from .with_sources import seed_with_cut_cards, seed_with_source


def relative(path: Path, monkeypatch: pytest.MonkeyPatch) -> WorkbookApp:
    # A relative path keeps the temporary folder's name out of the title.
    monkeypatch.chdir(path.parent)
    return WorkbookApp(Path(path.name))


@pytest.mark.parametrize("size", [SIZE, (80, 24)], ids=["140x42", "80x24"])
def test_source_view_with_a_run_marked(
    snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    app = relative(seed_with_source(tmp_path), monkeypatch)

    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("tab", "s", "enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, SourceScreen))
        screen = pilot.app.screen
        assert isinstance(screen, SourceScreen)
        await until(pilot, lambda: bool(screen.text.paragraphs))
        await pilot.press("down", "space", "down")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_standing_in_the_column(
    snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = relative(seed_with_cut_cards(tmp_path), monkeypatch)

    async def run_before(pilot: Pilot[None]) -> None:
        prep = await opened(pilot)
        await pilot.press("tab", "down")
        await until(pilot, lambda: "✓" in str(prep.columns[0].options[1].prompt))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
