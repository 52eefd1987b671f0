"""The forms, typed as a user types: enter goes from field to field, the last field's enter or
ctrl+s applies."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input, TextArea

from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import FormScreen

from .conftest import SIZE, opened, until

FIRST = "reckless-decision"  # its quote is in paragraph 2


async def test_enter_in_a_one_line_field_goes_to_the_next_field(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        cards = dict(screen.workbook.cards)
        await pilot.press("tab", "c", "enter")  # a new card for Blowback's p1
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press(*"Attacks rose", "enter", *"Ann Smith", "enter")
        assert app.screen is form
        assert (form.values()["tag"], form.values()["author"]) == ("Attacks rose", "Ann Smith")
        assert app.focused is form.query_one("#field-qualifications")
        assert screen.workbook.cards == cards


async def test_the_last_fields_enter_applies_the_form(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("tab", "a")  # a point: its text, what it answers, its strength
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press(*"Luck is not a policy.", "tab", "tab", "4", "enter")
        await until(pilot, lambda: app.screen is screen)
    points = screen.workbook.claims[FIRST].points.values()
    assert [p.strength for p in points if p.text == "Luck is not a policy."] == [4]


async def test_a_form_says_what_enter_and_ctrl_s_do(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "a")  # the point form ends with a one-line field
        assert "in the last, apply" in str(app.screen.query_one("#form-help").render())
        await pilot.press("escape", "t")  # the claim form ends with its notes, lines of text
        help_line = str(app.screen.query_one("#form-help").render())
        assert "enter: the next field" in help_line and "ctrl+s: apply" in help_line


async def test_keys_typed_in_one_burst_across_an_enter_land_in_the_next_field(
    seed_copy: Path,
) -> None:
    """Keys sent faster than the app reads them: the enter moves the focus before the keys
    after it are handed to a field, as a tab does."""
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("t")  # the claim's form: its tag, then its quote
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.pause()
        form = app.screen
        tag_field = form.query_one("#field-tag", Input)
        quote_field = form.query_one("#field-quote", TextArea)

        def last_key_in() -> bool:
            return "z" in tag_field.value or "z" in quote_field.text

        for key, character in [("x", "x"), ("enter", "\r"), ("y", "y"), ("z", "z")]:
            app.post_message(events.Key(key, character))
        await until(pilot, last_key_in)
        assert app.screen is form
        assert tag_field.value.endswith("x") and "y" not in tag_field.value
        assert "yz" in quote_field.text
