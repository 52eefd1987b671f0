"""The user's words are shown as typed: a claim's tag, a card's id, a source's cite are never
read as Textual's markup, which dropped a [bracketed] word and stopped the app on a closing
tag that opened nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content

from workbook.storage.store import load, save
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.card_picker import CardPicker
from workbook.tui.dialogs.form import ConfirmScreen, FormScreen

from .conftest import SIZE, opened, told, until

TAG = "Re-establish[ed] [/b] deterrence"


def tagged(path: Path) -> Path:
    """The seed's first claim, tagged with words Textual's markup would read as styles."""
    workbook = load(path)
    claim_id = next(iter(workbook.claims))
    workbook.claims[claim_id] = workbook.claims[claim_id].model_copy(update={"tag": TAG})
    save(workbook, path)
    return path


async def test_a_tag_in_brackets_is_shown_whole_in_questions_and_notices(
    seed_copy: Path,
) -> None:
    app = WorkbookApp(tagged(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await pilot.press("x")  # the question names the claim
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = app.screen.query_one("#confirm-question")
        await pilot.pause()
        assert TAG in str(question.render())
        await pilot.press("d")  # deleted, and the notice names it
        await until(pilot, lambda: any(TAG in m for m in told(app)))
        await pilot.pause(0.2)
        assert app.crash is None and app.screen is prep


async def test_a_tag_in_brackets_is_shown_whole_in_form_and_picker_titles(
    seed_copy: Path,
) -> None:
    app = WorkbookApp(tagged(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await pilot.press("tab", "a")  # a new point's form names the claim
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.pause()
        assert TAG in str(app.screen.query_one("#form-title").render())
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is prep)
        await pilot.press("c")  # the card picker's title names it too
        await until(pilot, lambda: isinstance(app.screen, CardPicker))
        await pilot.pause()
        assert TAG in str(app.screen.query_one("#picker-title").render())
        assert app.crash is None


MARKUP = "[/b] [red]x[@click=app.quit]"


def named_in_markup(path: Path) -> Path:
    """The seed with both sides named, its cards tagged and its points written in words
    Textual's markup would read as styles and actions."""
    workbook = load(path)
    sides = {
        key: side.model_copy(update={"name": f"{side.name} {MARKUP}"})
        for key, side in workbook.sides.items()
    }
    cards = {
        cid: card.model_copy(update={"tag": f"{MARKUP} {card.tag}"})
        for cid, card in workbook.cards.items()
    }
    claims = {
        claim_id: claim.model_copy(
            update={
                "points": {
                    pid: point.model_copy(update={"text": f"{point.text} {MARKUP}"})
                    for pid, point in claim.points.items()
                }
            }
        )
        for claim_id, claim in workbook.claims.items()
    }
    save(workbook.model_copy(update={"sides": sides, "cards": cards, "claims": claims}), path)
    return path


@pytest.mark.parametrize("keys", [(), ("ctrl+t",), ("ctrl+d",), ("ctrl+b",), ("v",), ("o",)])
async def test_names_in_markup_are_shown_on_every_screen(
    seed_copy: Path, keys: tuple[str, ...]
) -> None:
    """The sides' names, the cards' tags and the points' words reach the main screen, the
    timer, the drill, the speech builder and the essay view as typed, and stop nothing."""
    app = WorkbookApp(named_in_markup(seed_copy))
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press(*keys)
        await pilot.pause(0.3)
        assert app.crash is None and app.is_running
        shown = "\n".join(
            Content.from_markup(widget.border_title).plain
            for widget in app.screen.query("*")
            if widget.border_title
        )
        if not keys or keys == ("o",):
            assert MARKUP in shown
