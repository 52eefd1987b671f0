"""Pilot tests of the app's workflows, checked against what lands in the saved file."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import Input, Select, TextArea

from workbook.storage.store import load
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.card_picker import CardPicker
from workbook.tui.dialogs.form import ConfirmScreen, FormScreen
from workbook.tui.widgets.side_column import SideColumn

from .conftest import SIZE, opened, told, until

FIRST = "reckless-decision"


async def test_opens_on_the_first_claim_with_both_columns(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        assert screen.claim_id == FIRST
        names = [column.border_title for column in screen.columns]
        assert names == ["Blowback", "Deterrence"]
        assert app.sub_title == str(seed_copy)


def fill(form: FormScreen, **values: str) -> None:
    for name, value in values.items():
        widget = form.query_one(f"#field-{name}")
        if isinstance(widget, TextArea):
            widget.load_text(value)
        elif isinstance(widget, Select):
            widget.value = value
        else:
            assert isinstance(widget, Input)
            widget.value = value


async def test_add_a_counterargument_and_a_card_then_save(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy, ours="deterrence")
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("tab")  # into the first column: ours, Deterrence
        assert isinstance(screen.focused, SideColumn) and screen.focused.side == "deterrence"
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, FormScreen)
        fill(form, text="The militias escalated before the strike too.", strength="4")
        await pilot.press("ctrl+s")
        assert "● unsaved changes" in app.sub_title
        column = screen.columns[0]
        point_id, _ = column.current
        assert point_id is not None
        await pilot.press("c", "enter")  # the picker's first entry: a new card
        fill(app.screen, tag="Escalation began in 2019", publication="FDD", date="2020-10-22")
        await pilot.press("ctrl+s")
        await pilot.press("ctrl+s")  # save the workbook
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    point = load(seed_copy).claims[FIRST].points[point_id]
    assert (point.side, point.kind, point.strength) == ("deterrence", "counters", 4)
    assert point.text == "The militias escalated before the strike too."
    card = load(seed_copy).cards[point.cards[0]]
    assert (card.cite, card.tag) == ("FDD 20", "Escalation began in 2019")


async def test_a_point_added_from_the_claim_list_is_where_the_next_key_goes(
    seed_copy: Path,
) -> None:
    """On the list, `a` adds a point for our side; the focus goes to it, so that `c` then
    cuts its card rather than asking for a point to be highlighted first."""
    app = WorkbookApp(seed_copy, ours="deterrence")
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("a")
        fill(app.screen, text="A point made from the list.")
        await pilot.press("ctrl+s")
        column = screen.columns[0]
        assert screen.focused is column
        point_id, _ = column.current
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CardPicker))
        picker = app.screen
        assert isinstance(picker, CardPicker)
        assert picker.title_text.startswith(f"A card for {point_id} on ")


async def test_answer_a_point_of_the_other_side(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("tab", "tab")  # the Deterrence column: its p2 answers Blowback's p1
        assert screen.focused is screen.columns[1]
        assert screen.columns[1].current == ("p2", None)
        await pilot.press("r")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.values()["answers"] == "p2"
        fill(form, text="Luck is not a policy.")
        await pilot.press("ctrl+s", "ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    claim = load(seed_copy).claims[FIRST]
    new = [p for p in claim.points.values() if p.text == "Luck is not a policy."]
    assert [(p.side, p.kind, p.answers) for p in new] == [("blowback", "answers", "p2")]


async def test_a_form_refuses_a_bad_value_and_keeps_what_was_typed(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "a")
        form = app.screen
        assert isinstance(form, FormScreen)
        fill(form, text="Kept words", strength="x")
        await pilot.press("ctrl+s")
        assert app.screen is form
        assert "1 to 5" in str(form.query_one("#error-strength").render())
        assert form.values()["text"] == "Kept words"
        await pilot.press("escape")
        await pilot.press("c", "enter")
        card = app.screen
        fill(card, date="last spring", author="Someone")
        await pilot.press("ctrl+s")
        assert app.screen is card
        assert "YYYY" in str(card.query_one("#error-date").render())
        assert card.values()["author"] == "Someone"


async def test_delete_then_undo_and_redo(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("tab")
        await pilot.press("x")
        assert "p1" not in screen.claim.points
        # p2 answered p1: it stands on its own now, and says so.
        assert screen.claim.points["p2"].kind == "counters"
        await pilot.press("ctrl+z")
        assert screen.claim.points["p2"].answers == "p1"
        assert "unsaved" not in app.sub_title
        await pilot.press("ctrl+y")
        assert "p1" not in screen.claim.points
        await pilot.press("ctrl+z", "ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    assert load(seed_copy).claims[FIRST].points["p1"].side == "blowback"


async def test_strength_keys_and_moving_points(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("tab", "5")
        assert screen.claim.points["p1"].strength == 5
        await pilot.press("0")
        assert screen.claim.points["p1"].strength is None
        blowback = [p for p, v in screen.claim.points.items() if v.side == "blowback"]
        await pilot.press("right_square_bracket")
        moved = [p for p, v in screen.claim.points.items() if v.side == "blowback"]
        assert moved == [blowback[1], blowback[0], *blowback[2:]]


async def test_filter_by_words_tags_and_unanswered(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        total = len(screen.workbook.claims)
        await pilot.press("slash")
        await pilot.press(*"#nuclear")
        # The list is redrawn a moment after typing stops; on a slow machine that moment can
        # fall mid-word, when "#n" matches no tag at all: wait for the whole tag's matches.
        await until(pilot, lambda: 0 < len(screen.claim_list.shown) < total)
        shown = screen.claim_list.shown
        assert 0 < len(shown) < total
        assert all("nuclear" in screen.workbook.claims[c].tags for c in shown)
        await pilot.press("enter")  # back to the list
        await pilot.press("u")
        await pilot.pause(0.1)
        assert screen.unanswered_by == "blowback"
        assert "not answered by Blowback" in str(screen.claim_list.border_title)
        with_tag = len(screen.claim_list.shown)
        screen.query_one("#filter", Input).value = ""
        await until(pilot, lambda: len(screen.claim_list.shown) > with_tag)
        assert len(screen.claim_list.shown) < total


async def test_edit_a_claim_and_add_a_new_one(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("t")
        fill(app.screen, tag="Reckless, and still costly", tags="deterrence, #cost")
        await pilot.press("ctrl+s")
        await pilot.press("n")
        form = app.screen
        fill(form, tag="A quote that is not there", quote="Nothing like this.", paragraph="2")
        await pilot.press("ctrl+s")
        assert app.screen is form and "not the words" in str(
            form.query_one("#error-quote").render()
        )
        fill(form, quote="The United States and Iraq are still feeling", paragraph="2")
        await pilot.press("ctrl+s")
        assert screen.claim_id == "a-quote-that-is-not"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    workbook = load(seed_copy)
    assert workbook.claims[FIRST].tag == "Reckless, and still costly"
    assert workbook.claims[FIRST].tags == ["deterrence", "cost"]
    assert list(workbook.claims)[1] == "a-quote-that-is-not"


async def test_quit_asks_when_there_are_unsaved_changes(seed_copy: Path) -> None:
    before = seed_copy.read_bytes()
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "5", "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, ConfirmScreen)
        await pilot.press("ctrl+q")
        await pilot.click("#discard")
        # The app quits once a worker has closed the file: wait for that, not a moment.
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 0
    assert seed_copy.read_bytes() == before


async def test_quit_can_save_first(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("tab", "1", "ctrl+q")
        await pilot.click("#save")
        # A worker saves, and the app quits once the save is done.
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 0
    assert load(seed_copy).claims[FIRST].points["p1"].strength == 1


async def test_quit_without_changes_does_not_ask(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+q")
        # The app quits once a worker has closed the file (no question): wait for that.
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 0


async def test_a_bad_file_exits_2_with_the_check_message(seed_copy: Path) -> None:
    seed_copy.write_text(seed_copy.read_text().replace("paragraph = 2", "paragraph = 99", 1))
    before = seed_copy.read_bytes()
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 2
    assert app.error == (
        f"{seed_copy}: claims.reckless-decision.paragraph: the essay has 15 paragraphs, not 99"
    )
    assert seed_copy.read_bytes() == before


@pytest.fixture
def held_off() -> Iterator[None]:
    """Garbage collection off, as the command line has it while the app starts."""
    gc.disable()
    yield
    gc.unfreeze()
    gc.enable()


@pytest.mark.usefixtures("held_off")
async def test_garbage_is_collected_again_once_the_file_is_open(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await until(pilot, gc.isenabled)
        # What lives on is set aside, so that later passes go over only what is new.
        assert gc.get_freeze_count() > 0


async def test_an_app_started_with_collection_on_leaves_it_alone(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.pause(0.1)
        assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.usefixtures("held_off")
async def test_garbage_is_collected_again_when_the_file_cannot_open(seed_copy: Path) -> None:
    seed_copy.write_text("not = [toml")
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 2 and gc.isenabled()


async def test_the_palette_goes_to_a_claim(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Kadhimi attack")
        palette = app.screen
        commands = palette.query_one(CommandList)
        # Wait for the whole words' matches, not those of a few letters typed so far.
        await until(
            pilot,
            lambda: (
                commands.highlighted_option is not None
                and "Kadhimi" in str(commands.highlighted_option.prompt)
            ),
        )
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is screen)
        assert screen.claim_id is not None and "Kadhimi" in screen.claim.tag


async def test_the_paragraph_shows_the_quote_in_place(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("p")
        shown = str(screen.query_one("#claim").render())
        assert "by: will Smith" not in shown
        assert "The United States and Iraq are still feeling" in shown


async def test_export_from_the_app_says_where_it_wrote(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy, ours="deterrence")
    brief = seed_copy.parent / "soleimani-blowback.brief.md"
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+e")
        await until(pilot, brief.exists)
        await until(pilot, lambda: any(str(brief) in m for m in told(app)))
    assert "| Deterrence | Blowback |" in brief.read_text()


async def test_the_apps_brief_numbers_paragraphs_as_the_published_essay(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    brief = seed_copy.parent / "soleimani-blowback.brief.md"
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+e")
        await until(pilot, lambda: any(str(brief) in m for m in told(app)))
    written = brief.read_text()
    assert "> — body paragraph 11, a claim of" in written and "paragraph 15" not in written


async def test_the_palette_exports_the_brief_as_a_web_page(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy, ours="deterrence")
    page = seed_copy.parent / "soleimani-blowback.brief.html"
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+p", *"web page")
        commands = app.screen.query_one(CommandList)
        # The palette searches as it is typed into: wait for the command itself to be
        # highlighted, however long the search takes, before enter runs it.
        await until(
            pilot,
            lambda: (
                commands.highlighted_option is not None
                and "Export the brief as a web page" in str(commands.highlighted_option.prompt)
            ),
        )
        await pilot.press("enter")
        await until(pilot, page.exists)
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>") and "<th>Deterrence</th>" in html


async def test_the_palette_offers_every_export_row_with_a_title(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbook import exports

    plain = dataclasses.replace(
        exports.EXPORTS[0],
        key="plain",
        default_name="{}.plain.text",
        write=lambda workbook, options: b"plain\n",
        title="Export the title alone",
        help="NAME.plain.text: one line",
    )
    rows = (*exports.EXPORTS, plain)
    monkeypatch.setattr(exports, "EXPORTS", rows)
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        titles = {row.title for row in rows}
        offered = [(c.title, c.help) for c in commands.values() if c.title in titles]
        assert offered == [(row.title, row.help) for row in rows if row.title]
        commands[plain.title].callback()
        written = seed_copy.parent / "soleimani-blowback.plain.text"
        await until(pilot, written.exists)
    assert written.read_bytes() == b"plain\n"
