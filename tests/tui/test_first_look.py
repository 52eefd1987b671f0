"""The first look: the main screen as the file opens, worked out by the child that parses it,
shown before the app can edit, and then the main screen itself, just the same."""

from __future__ import annotations

import threading
import tomllib
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import OptionList, Static

from workbook.session.journal import all_journals
from workbook.storage.parallel import Parse
from workbook.tui import opening
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import ConfirmScreen, FormScreen
from workbook.tui.glance import Glance, first_look
from workbook.tui.opening import FIRST_LOOK_WAIT, LARGE_FILE, settled
from workbook.tui.screens.loading import LoadingScreen
from workbook.tui.screens.prep.first_look import FirstLook
from workbook.tui.screens.prep.screen import PrepScreen
from workbook.tui.widgets.claim_list import ClaimList
from workbook.tui.widgets.claim_view import ClaimView
from workbook.tui.widgets.side_column import SideColumn

from .conftest import SIZE, opened, until


class Looked(Parse):
    """A file parsed here whose first look is at hand at once, or once `gate` opens."""

    def __init__(self, text: str, glance: Glance | None, gate: threading.Event | None = None):
        super().__init__(text)  # small, and no look asked of a child: parsed here
        self.glance, self.gate, self.given = glance, gate, False

    @property
    def looking(self) -> bool:
        return not self.given

    def ready(self, timeout: float) -> bool:
        return self.gate is None

    def first_look(self) -> object:
        if self.gate is not None:
            self.gate.wait(5)
        self.given = True
        return self.glance


def looked_app(path: Path, gate: threading.Event | None = None, ours: str | None = None):
    text = path.read_text(encoding="utf-8")
    glance = first_look(tomllib.loads(text), path, ours)
    return WorkbookApp(path, text.encode(), text, ours, parsing=Looked(text, glance, gate))


def go(app: WorkbookApp) -> None:
    app.open_workbook()


def what_shows(screen: Screen[object]) -> dict[str, object]:
    """The words on the main screen's parts, whichever screen holds them."""

    def options(widget: OptionList) -> list[str]:
        return [str(getattr(o.prompt, "plain", o.prompt)) for o in widget.options]

    claims = screen.query_one(ClaimList)
    columns = list(screen.query(SideColumn))
    return {
        "claims": options(claims),
        "highlighted": claims.highlighted,
        "claims title": (claims.border_title, claims.border_subtitle),
        "claim": str(screen.query_one(ClaimView).render()),
        "columns": [options(c) for c in columns],
        "column titles": [(c.border_title, c.border_subtitle) for c in columns],
        "coverage": str(screen.query_one("#coverage", Static).render()),
    }


async def test_the_first_frame_is_the_first_look_and_the_main_screen_says_the_same(
    seed_copy: Path, held: list[WorkbookApp]
) -> None:
    app = looked_app(seed_copy, ours="deterrence")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(held))
        assert app.screen_stack == [app.screen] and isinstance(app.screen, FirstLook)
        first = what_shows(app.screen)
        assert "Claims 28/28" in str(first["claims title"])
        assert first["column titles"] == [("Deterrence", "ours"), ("Blowback", "")]
        go(app)
        prep = await opened(pilot)
        assert app.screen is prep
        assert what_shows(prep) == first


async def test_the_first_look_lets_go_of_what_it_showed_once_the_main_screen_is_up(
    seed_copy: Path,
) -> None:
    app = looked_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, FirstLook))
        first = app.screen
        assert first.query_one(ClaimList).options
        await opened(pilot)
        assert first in app.screen_stack  # under the main screen, as Textual's first screen
        assert not any(shown.options for shown in first.query(OptionList))


async def test_keys_pressed_during_the_first_look_reach_the_main_screen(
    seed_copy: Path, held: list[WorkbookApp]
) -> None:
    app = looked_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(held))
        await pilot.press("down", "down", "j")
        assert isinstance(app.screen, FirstLook)
        assert app.screen.query_one(ClaimList).highlighted == 1  # nothing moved here
        go(app)
        prep = await opened(pilot)
        await until(pilot, lambda: prep.claim_id == prep.claim_list.shown[3])


async def test_keys_typed_after_one_that_opens_a_form_go_into_the_form(
    seed_copy: Path, held: list[WorkbookApp]
) -> None:
    app = looked_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(held))
        await pilot.press("tab", "a", "N", "e", "w")  # a new point, and its text
        go(app)
        await opened(pilot)
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        # The form is on the screen a moment before its field has the focus: look at the
        # field that has it once the keys are in, not at whatever had it when the form came.
        await until(pilot, lambda: getattr(form.focused, "text", None) == "New")


async def test_keys_typed_while_kept_ones_are_given_back_wait_their_turn(
    seed_copy: Path, held: list[WorkbookApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = looked_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(held))
        await pilot.press("tab")  # kept: to the first side's column
        # The kept key is held back (as on a busy machine) while more keys come, typed once
        # the main screen is there: they go after it, not before.
        monkeypatch.setattr(opening, "settled", lambda app: False)
        go(app)
        await until(pilot, lambda: isinstance(app.screen, PrepScreen) and app.screen.is_mounted)
        await pilot.press("a", "N", "e", "w")  # a point for that column's side, and its text
        monkeypatch.setattr(opening, "settled", settled)
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        await until(pilot, lambda: getattr(form.focused, "text", None) == "New")
        await pilot.pause(0.2)
        assert getattr(form.focused, "text", None) == "New"  # the tab did not come after


async def test_keys_pressed_during_the_first_look_never_answer_a_question(
    seed_copy: Path,
    held: list[WorkbookApp],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    crashed = WorkbookApp(seed_copy)
    async with crashed.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "2")
        await until(pilot, lambda: bool(all_journals(seed_copy)))
    assert crashed.session is not None
    crashed.session.journal.abandon()  # the process died: its journal stays
    app = looked_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(held))
        await pilot.press("d")  # meant for the main screen; "d" would discard the journal
        go(app)
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.pause(0.2)
        assert isinstance(app.screen, ConfirmScreen) and "Restore them?" in app.screen.question
        assert all_journals(seed_copy)


async def test_a_slow_first_look_shows_the_loading_line_first_and_keeps_its_keys(
    seed_copy: Path, held: list[WorkbookApp]
) -> None:
    gate = threading.Event()
    app = looked_app(seed_copy, gate)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LoadingScreen))
        await pilot.press("down")
        gate.set()
        await until(pilot, lambda: bool(held))
        assert isinstance(app.screen, FirstLook)
        await pilot.press("down")
        go(app)
        prep = await opened(pilot)
        await until(pilot, lambda: prep.claim_id == prep.claim_list.shown[2])
        assert not any(isinstance(s, (LoadingScreen, FirstLook)) for s in app.screen_stack)


@pytest.mark.parametrize(("padding", "wait"), [(0, FIRST_LOOK_WAIT), (LARGE_FILE, 0.0)])
async def test_only_a_small_file_waits_for_its_first_look(
    seed_copy: Path, padding: int, wait: float
) -> None:
    # A large file's first look cannot be ready so soon: waiting would only hold back the
    # loading line that is shown instead.
    text = seed_copy.read_text(encoding="utf-8") + "#" * padding + "\n"
    waits: list[float] = []

    class Timed(Looked):
        def ready(self, timeout: float) -> bool:
            waits.append(timeout)
            return False

    app = WorkbookApp(seed_copy, text.encode(), text, parsing=Timed(text, None))
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
    assert waits == [wait]


async def test_without_a_first_look_the_file_opens_as_before(seed_copy: Path) -> None:
    text = seed_copy.read_text(encoding="utf-8")
    app = WorkbookApp(seed_copy, text.encode(), text, parsing=Looked(text, None))
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        assert app.screen is prep and prep.claim_list.shown


async def test_kept_keys_wait_while_a_message_is_still_to_be_handled(seed_copy: Path) -> None:
    """A kept key goes only once the app has handled what the key before set off."""
    from textual.message import Message

    class Ping(Message):
        """Nothing to do: only to be in the column's queue for a moment."""

    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await until(pilot, lambda: settled(app))
        screen.query_one(SideColumn).post_message(Ping())
        assert not settled(app)
        await until(pilot, lambda: settled(app))
