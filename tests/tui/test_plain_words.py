"""The user's words are shown as typed: a claim's tag, a card's id, a source's cite are never
read as Textual's markup, which dropped a [bracketed] word and stopped the app on a closing
tag that opened nothing."""

from __future__ import annotations

from pathlib import Path

from workbook.storage.store import load, save
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.card_picker import CardPicker
from workbook.tui.dialogs.form import ConfirmScreen, FormScreen

from .conftest import SIZE, opened, until

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
        await until(pilot, lambda: any(TAG in str(n.message) for n in app._notifications))
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
