"""Screenshots of every screen and dialog, compared with the approved SVGs."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from workbook.core.card_search import search
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.card_picker import CardPicker

from .conftest import SIZE, opened, until


@pytest.fixture
def app(seed_copy: Path, monkeypatch: pytest.MonkeyPatch) -> WorkbookApp:
    # A relative path keeps the temporary folder's name out of the title.
    monkeypatch.chdir(seed_copy.parent)
    return WorkbookApp(Path(seed_copy.name))


@pytest.mark.parametrize("size", [SIZE, (80, 24), (200, 50)], ids=["140x42", "80x24", "200x50"])
def test_main_screen(snap_compare, app: WorkbookApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_filter_with_no_match(snap_compare, app: WorkbookApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("slash", *"zzqx")
        await until(
            pilot, lambda: "Claims 0/" in str(pilot.app.screen.query_one("#claims").border_title)
        )
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_point_form(snap_compare, app: WorkbookApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("tab", "e")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_claim_form(snap_compare, app: WorkbookApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("t")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_confirm_dialog(snap_compare, app: WorkbookApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("x")  # on the list: delete the claim, which asks first
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("size", [SIZE, (80, 24)], ids=["140x42", "80x24"])
def test_motion_form(snap_compare, app: WorkbookApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("m")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_save_as_form(snap_compare, app: WorkbookApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot)
        pilot.app.action_save_as()  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_loading_screen(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from textual.app import App

    from workbook.tui.screens import loading
    from workbook.tui.screens.loading import LoadingScreen

    monkeypatch.chdir(tmp_path)
    # The same seconds in every run (Textual's own clock is left alone).
    monkeypatch.setattr(loading, "time", SimpleNamespace(monotonic=lambda: 100.0))

    class Loading(App[None]):
        def on_mount(self) -> None:
            self.push_screen(LoadingScreen(Path("big.toml")))

    assert snap_compare(Loading(), terminal_size=(80, 24))


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


def test_essay_view_with_words_marked(snap_compare, app: WorkbookApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("v")
        # The suggestions come from a worker: the words are marked once they are shown, as a
        # user sees them before moving, whatever the machine's load.
        await until(pilot, lambda: bool(getattr(pilot.app.screen, "suggested", None)))
        await pilot.pause()
        await pilot.press("down", "down", "left", "space", "left", "left", "left")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_essay_view_ranks_its_suggestions(
    snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workbook with no claims yet: each suggestion marked with its rank, `s` on the best."""
    from .test_essay_view import empty_workbook

    monkeypatch.chdir(tmp_path)  # a relative path keeps the folder's name out of the title
    app = WorkbookApp(Path(empty_workbook(tmp_path).name))

    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await until(pilot, lambda: bool(getattr(pilot.app.screen, "suggested", None)))
        await pilot.press("s")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_card_picker(snap_compare, app: WorkbookApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("tab", "c", *"iran")  # a card for Blowback's p1, narrowed by a word

        def narrowed() -> bool:
            # The field holds the word a moment before the list is narrowed by it.
            picker = pilot.app.screen
            return (
                isinstance(picker, CardPicker)
                and picker.query_one("#picker-search", Input).value == "iran"
                and picker.shown == search(picker.hays, "iran")
            )

        await until(pilot, narrowed)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


PRACTICE_SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


@PRACTICE_SIZES
def test_timer(snap_compare, size: tuple[int, int]) -> None:
    from workbook.practice.formats import Formats
    from workbook.tui.timer_app import TimerApp

    frozen = [1000.0]
    app = TimerApp(Formats(), "policy-hs", lambda: frozen[0])

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("space")
        frozen[0] += 452.5  # into the last minute: the clock turns to the warning colour
        await pilot.press("1")
        frozen[0] += 75
        # The clock is drawn a few times a second: wait for a frame after the prep ran 75 s.
        await until(pilot, lambda: "6:45" in str(pilot.app.screen.query_one("#banks").render()))

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@PRACTICE_SIZES
def test_speech_builder(snap_compare, app: WorkbookApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("ctrl+b")
        await until(pilot, lambda: type(pilot.app.screen).__name__ == "SpeechScreen")
        await pilot.press("enter", "down", "down", "down", "down", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@PRACTICE_SIZES
def test_drill(snap_compare, app: WorkbookApp, size: tuple[int, int]) -> None:
    import datetime as dt

    from workbook.tui.screens.drill import DrillScreen

    async def run_before(pilot: Pilot[None]) -> None:
        prep = await opened(pilot)
        frozen = [500.0]
        screen = DrillScreen(
            prep.workbook, prep.sides[0], pilot.app.path, lambda: frozen[0], dt.date(2026, 3, 2)
        )
        pilot.app.push_screen(screen)
        await until(pilot, lambda: bool(screen.queue))
        frozen[0] += 12
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_conflicts_screen(snap_compare, tmp_path: Path) -> None:
    from textual.app import App

    from workbook.core.model import Conflict
    from workbook.tui.screens.conflicts import ConflictsScreen

    conflicts = [
        Conflict(path="claims.reckless-decision.tag", base="Before", ours="Ours", theirs="Theirs"),
        Conflict(path="claims.reckless-decision.points.p2.strength", base=3, ours=4, theirs=None),
        Conflict(
            path="claims.pompeo-boast",
            base={"tag": "Before", "paragraph": 14, "quote": "As Pompeo boasted " * 30},
            ours=None,
            theirs={"tag": "Theirs", "paragraph": 14, "quote": "As Pompeo boasted " * 30},
        ),
    ]

    class Settling(App[None]):
        def on_mount(self) -> None:
            self.push_screen(ConflictsScreen(conflicts))

    assert snap_compare(Settling(), terminal_size=(100, 30))


def test_first_look(snap_compare, seed_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first look stands in for the main screen while the app loads: it must look the
    same (the key bar fills in once the keys work)."""
    from .test_first_look import looked_app

    monkeypatch.chdir(seed_copy.parent)
    monkeypatch.setattr(WorkbookApp, "on_first_look_shown", lambda app: None)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()

    app = looked_app(Path(seed_copy.name))
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_card_form_with_marked_words(snap_compare, app: WorkbookApp) -> None:
    """A card's text in its form at 80×24: its highlighted words highlighted, a word just
    underlined by its key, no marker shown, and the marking keys at the foot."""
    from textual.widgets import TextArea

    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("tab", "down", "down", "down", "e")  # p1's third card
        area = pilot.app.screen.query_one("#field-text", TextArea)
        area.focus()
        area.move_cursor((0, len("“That night")))
        await pilot.press("ctrl+u")  # "night", underlined inside the highlighted passage
        area.move_cursor((0, len("“That night we had the readiness for all-out war,” Hajiz")))
        await pilot.press("ctrl+u")  # "Hajizadeh", underlined only
        area.scroll_visible(animate=False)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_read_mode(snap_compare, app: WorkbookApp) -> None:
    """A card as it is read aloud, at 80×24: tag, short cite, the highlighted words only."""

    async def run_before(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("tab", "down", "down", "down", "R")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
