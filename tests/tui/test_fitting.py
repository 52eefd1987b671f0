"""Every form and question fits a small terminal: its title, labels, lines of help and buttons
shown whole, at 80x24 and at 100x30."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from textual.containers import ScrollableContainer
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from workbook.session.session import Conflict
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs import questions
from workbook.tui.dialogs.edit_forms import framing_form

from .conftest import opened

Opener = Callable[[Pilot[None]], Awaitable[None]]
SIZES = pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
NAME = Path("soleimani-blowback.toml")


def keys(*pressed: str) -> Opener:
    async def press(pilot: Pilot[None]) -> None:
        await pilot.press(*pressed)

    return press


def asking(question: tuple[str, list[tuple[str, str]]]) -> Opener:
    async def ask(pilot: Pilot[None]) -> None:
        app: Any = pilot.app
        app.ask(*question, lambda answer: None)

    return ask


async def save_as(pilot: Pilot[None]) -> None:
    app: Any = pilot.app
    app.action_save_as()


async def sides(pilot: Pilot[None]) -> None:
    app: Any = pilot.app
    app.push_screen(framing_form(app.session.draft.workbook))


JOURNAL: Any = SimpleNamespace(
    changed=["a", "b", "c"],
    cards_changed=[],
    framing=None,
    essay=None,
    when="2 March 2026 at 10:04",
)

FORMS: dict[str, Opener] = {
    "point": keys("tab", "a"),
    "new card": keys("tab", "c", "enter"),
    "shared card": keys("tab", "down", "e"),  # its title says where else it is read
    "claim": keys("t"),
    "new claim": keys("n"),
    "save as": save_as,
    "sides": sides,
}
QUESTIONS: dict[str, Opener] = {
    "card picker": keys("tab", "c"),
    "find a card": keys("f"),
    "delete a claim": keys("x"),
    "delete a card everywhere": keys("tab", "down", "X"),
    "quit": keys("tab", "4", "ctrl+q"),
    "restore": asking(questions.restore_question(NAME, JOURNAL, 2)),
    "changed on disk": asking(questions.conflict_question(NAME, Conflict(NAME, exists=False))),
    "a file in the way": asking(questions.conflict_question(NAME, Conflict(NAME, exists=True))),
    "failed save": asking(
        questions.failed_save_question(f"Could not save {NAME}: permission denied")
    ),
    "upgrade": asking(questions.upgrade_question(NAME, 1)),
}


def screen_lines(pilot: Pilot[None], region: Region) -> list[str]:
    """The characters the terminal shows in `region`, a line a row."""
    strips = pilot.app.screen._compositor.render_strips()
    return [strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom)]


def plain(widget: Widget) -> str:
    if isinstance(widget, Button):
        return str(widget.label)
    return str(widget.render())


def words(text: str) -> str:
    return " ".join(text.split())


async def assert_shown_whole(pilot: Pilot[None]) -> None:
    """Every label, line of help and button of the dialog stands inside it and shows all its
    words; a field's label counts when its row is scrolled into view."""
    dialog = pilot.app.screen.query_one("#form, #confirm, #picker")
    inside = dialog.content_region
    checked = 0
    for widget in dialog.query("Label, Static, Button"):
        assert isinstance(widget, Label | Static | Button)
        if not widget.display or not plain(widget).strip():
            continue
        scroll = next(
            (a for a in widget.ancestors if isinstance(a, ScrollableContainer) and a is not dialog),
            None,
        )
        if scroll is not None and not scroll.region.contains_region(widget.region):
            continue  # a field scrolled out of view: the form scrolls
        text = plain(widget)
        assert inside.contains_region(widget.region), f"cut at the dialog's edge: {text!r}"
        shown = words(" ".join(screen_lines(pilot, widget.content_region)))
        assert words(text) in shown, f"{text!r} is shown as {shown!r}"
        checked += 1
    assert checked >= 2


async def open_dialog(seed_copy: Path, size: tuple[int, int], opener: Opener) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=size) as pilot:
        await opened(pilot)
        await opener(pilot)
        await pilot.pause()
        await pilot.pause(0.1)
        await assert_shown_whole(pilot)


@SIZES
@pytest.mark.parametrize("form", FORMS)
async def test_a_form_fits_with_its_buttons_whole(
    seed_copy: Path, size: tuple[int, int], form: str
) -> None:
    await open_dialog(seed_copy, size, FORMS[form])


@SIZES
@pytest.mark.parametrize("question", QUESTIONS)
async def test_a_question_fits_with_its_answers_whole(
    seed_copy: Path, size: tuple[int, int], question: str
) -> None:
    await open_dialog(seed_copy, size, QUESTIONS[question])
