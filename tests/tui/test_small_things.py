"""Small things a new user trips on: the filter's escape, dialogs by arrow keys, short notices."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.commands import main
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import ConfirmScreen

from .conftest import SIZE, opened, told, until


async def test_escape_clears_the_filter_and_returns_to_the_list(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        total = len(screen.workbook.claims)
        await pilot.press("slash", *"zzzz")
        await until(pilot, lambda: not screen.claim_list.shown)
        await pilot.press("escape")
        await until(pilot, lambda: len(screen.claim_list.shown) == total)
        assert screen.focused is screen.claim_list


async def test_a_dialogs_answers_are_reached_by_arrow_keys_and_named(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("x")  # delete the claim? the first answer keeps it
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        hint = str(dialog.query_one("#confirm-hint").render())
        assert "Press K, D" in hint and "escape: Keep it" in hint
        await pilot.press("right", "enter")  # → moves to "Delete it"
        await until(pilot, lambda: "reckless-decision" not in screen.workbook.claims)


async def test_undo_after_restoring_takes_back_one_claim_at_a_time(seed_copy: Path) -> None:
    from workbook.session.journal import all_journals, parse_journal
    from workbook.storage.store import load

    from .test_keeping import crashed

    def journalled_both() -> bool:
        # The journal is written a pause after the last edit; on a slow machine one may be
        # written between the two edits too, holding only the first.
        return any(len(parse_journal(place).changed) == 2 for place in all_journals(seed_copy))

    before = load(seed_copy).claims
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "5", "shift+tab", "down", "tab", "1")  # two claims changed
        await until(pilot, journalled_both)
    crashed(app)
    again = WorkbookApp(seed_copy)
    async with again.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await until(pilot, lambda: isinstance(again.screen, ConfirmScreen))
        await pilot.press("r")

        def changed() -> list[str]:
            claims = screen.workbook.claims
            return [cid for cid in before if claims[cid] != before[cid]]

        assert len(changed()) == 2
        await pilot.press("ctrl+z")
        assert len(changed()) == 1  # one restored claim taken back, not all of them
        notices = told(again)
        assert any(m.startswith("Undid: restore “") for m in notices)  # named by its tag


def test_help_shows_the_default_form(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "workbook [PATH] [--ours SIDE]" in capsys.readouterr().out


async def test_both_coverage_lines_show_at_80_by_24(seed_copy: Path) -> None:
    from textual.widgets import Static

    app = WorkbookApp(seed_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        coverage = screen.query_one("#coverage", Static)
        needed = coverage.get_content_height(coverage.size, coverage.size, coverage.size.width)
        assert needed > 2  # at this width the lines wrap
        assert coverage.size.height >= needed


async def test_ctrl_a_selects_a_whole_field_so_typing_replaces_it(seed_copy: Path) -> None:
    from textual.widgets import Input, TextArea

    from workbook.tui.dialogs.form import FormScreen

    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("t")  # the claim form: a line, then a multi-line quote
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press("ctrl+a", "N", "e", "w")
        assert form.query_one("#field-tag", Input).value == "New"
        await pilot.press("tab", "ctrl+a", "backspace")
        assert form.query_one("#field-quote", TextArea).text == ""


async def test_the_footer_fits_160_columns_and_names_the_step_keys(seed_copy: Path) -> None:
    from workbook.tui.widgets.key_bar import KeyBar

    app = WorkbookApp(seed_copy)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await opened(pilot)
        await pilot.pause()
        shown = str(screen.query_one(KeyBar).render())
        for wanted in ("n New", "[] Move", "^s Save", "^e Export", "^q Quit"):
            assert wanted in shown
        assert shown.endswith("^p Palette") and "…" not in shown, shown
        await pilot.press("tab")  # a side's column: its own keys for points and cards
        await pilot.pause()
        shown = str(screen.query_one(KeyBar).render())
        for wanted in ("c Card", "[] Move", "0–5 Stars", "^s Save", "^e Export", "^q Quit"):
            assert wanted in shown
        assert shown.endswith("^p Palette") and "…" not in shown, shown


async def test_the_claim_list_wraps_again_when_the_terminal_is_resized(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        narrow = screen.claim_list.virtual_size.height
        await pilot.resize_terminal(160, 30)
        await until(pilot, lambda: screen.claim_list.virtual_size.height < narrow)
        await pilot.resize_terminal(100, 30)
        await until(pilot, lambda: screen.claim_list.virtual_size.height == narrow)


async def test_a_click_on_a_key_in_the_key_bar_presses_it(seed_copy: Path) -> None:
    from workbook.tui.widgets.filter_input import FilterInput
    from workbook.tui.widgets.key_bar import KeyBar

    app = WorkbookApp(seed_copy)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await opened(pilot)
        await pilot.pause()
        bar = screen.query_one(KeyBar)
        await pilot.click(KeyBar, offset=(str(bar.render()).index("/ Filter"), 0))
        await pilot.pause()
        assert isinstance(app.focused, FilterInput)


async def test_notices_of_delete_undo_and_redo_go_within_three_seconds(seed_copy: Path) -> None:
    from textual.message import Message
    from textual.notifications import Notify

    # Each notice as it is posted: the app's own list drops a notice once its time is up,
    # which on a slow machine can come before the last key is handled.
    notices: dict[str, float] = {}

    def posted(message: Message) -> None:
        if isinstance(message, Notify):
            notice = message.notification
            notices[notice.message.split(":")[0].split(" ")[0]] = notice.timeout

    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE, message_hook=posted) as pilot:
        await opened(pilot)
        await pilot.press("tab", "x", "ctrl+z", "ctrl+y")
        await until(pilot, lambda: {"Deleted", "Undid", "Redid"} <= set(notices))
        assert all(timeout <= 3 for timeout in notices.values()), notices


async def test_letters_typed_just_before_ctrl_s_are_applied(seed_copy: Path) -> None:
    """Keys that arrive together (a paste, a fast typist, a browser's terminal) reach the form
    before ctrl+s is handled; ctrl+s, a priority key, must not apply the form without them."""
    from textual import events

    from workbook.storage.store import load

    typed = "Typed fast then applied at once"
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("tab", "a")
        await pilot.pause()
        for key in [*typed, "ctrl+s"]:
            name = {" ": "space"}.get(key, key)
            app.post_message(events.Key(name, key if len(key) == 1 else None))
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    texts = [
        p.text for p in load(seed_copy).claims[next(iter(screen.workbook.claims))].points.values()
    ]
    assert typed in texts


async def test_keys_typed_in_one_burst_across_a_tab_land_in_the_next_field(
    seed_copy: Path,
) -> None:
    """A paste with a tab, or keys sent faster than the app reads them: the tab moves the focus
    before the keys after it are handed to a field."""
    from textual import events
    from textual.widgets import Input, TextArea

    from workbook.tui.dialogs.form import FormScreen

    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("t")  # the claim's form: its tag, then its quote
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.pause()
        tag_field = app.screen.query_one("#field-tag", Input)
        quote_field = app.screen.query_one("#field-quote", TextArea)

        def last_key_in() -> bool:
            return "z" in tag_field.value or "z" in quote_field.text

        assert not last_key_in()
        for key, character in [("x", "x"), ("tab", "\t"), ("y", "y"), ("z", "z")]:
            app.post_message(events.Key(key, character))
        # "z" comes last: once it is in a field, whichever, every key has been handled.
        await until(pilot, last_key_in)
        tag, quote = tag_field.value, quote_field.text
        assert tag.endswith("x") and "y" not in tag
        assert "yz" in quote


def test_a_quote_that_closes_with_its_own_mark_shows_one_mark_in_the_app() -> None:
    from workbook.tui.glance import ClaimHead, ClaimLine
    from workbook.tui.widgets.render import claim_prompt, claim_text

    quote = "The general was “a terrorist.”"
    line = ClaimLine("general", "", ("none", "none"), "", quote)
    assert claim_prompt(line).plain.endswith(f" {quote}")
    head = ClaimHead("general", "", "¶1", quote, 1, "")
    assert quote in claim_text(head).plain and "””" not in claim_text(head).plain
