"""The card library in the app: a point picks a card already cut, a shared card is edited
once for every point that reads it, deleted everywhere only after asking, and found; and a
format 1 file is upgraded only when the user says so."""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w

from workbook.core.library import where_used
from workbook.storage.store import load
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.card_picker import NEW, CardPicker
from workbook.tui.dialogs.form import ConfirmScreen, FormScreen
from workbook.tui.widgets.side_column import SideColumn

from ..conftest import ESSAY, small_v1_data
from .conftest import SIZE, opened, until
from .test_app import fill

FIRST = "reckless-decision"
SHARED = "upi-brain-injuries"  # read first by Blowback's p1 on the first claim, and 3 more
JPOST = "jpost-2021-count"  # read by 8 points, none of them on the first claim


def column_text(column: SideColumn) -> str:
    return "\n".join(str(option.prompt) for option in column.options)


async def test_c_picks_a_card_from_the_library_by_a_few_words(seed_copy: Path) -> None:
    before = load(seed_copy)
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("tab", "c")  # Blowback's p1
        picker = app.screen
        assert isinstance(picker, CardPicker)
        # "New card…" comes first: c then enter cuts a new card as before.
        assert picker.cards.highlighted_option is not None
        assert picker.cards.highlighted_option.id == NEW
        # The point's own cards are not offered again: a point reads a card once.
        assert SHARED not in picker.shown
        await pilot.press(*"jerusalem 2021")
        await until(pilot, lambda: picker.shown[:1] == [JPOST])
        await pilot.press("enter")
        assert screen.columns[0].current == ("p1", JPOST)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    after = load(seed_copy)
    assert after.claims[FIRST].points["p1"].cards == [
        *before.claims[FIRST].points["p1"].cards,
        JPOST,
    ]
    assert after.cards == before.cards  # the library did not grow
    assert (FIRST, "p1") in where_used(after, JPOST)


async def test_the_picker_finds_letters_left_out_and_escape_adds_nothing(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        cards = list(screen.claim.points["p1"].cards)
        await pilot.press("tab", "c", *"jpst")
        picker = app.screen
        assert isinstance(picker, CardPicker)
        await until(pilot, lambda: bool(picker.shown) and picker.shown[0].startswith("jpost"))
        await pilot.press("escape")
        assert not isinstance(app.screen, CardPicker)
        assert screen.claim.points["p1"].cards == cards
        assert "unsaved" not in app.sub_title


async def test_editing_a_shared_card_shows_where_it_is_read_and_changes_it_everywhere(
    seed_copy: Path,
) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        places = where_used(screen.workbook, SHARED)
        await pilot.press("tab", "down")
        assert screen.columns[0].current == ("p1", SHARED)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert f"read by {len(places)} points" in form.form_title
        # The form names each claim by its tag, and the points there that read the card.
        for claim_id, point_id in places:
            tag = screen.workbook.claims[claim_id].tag
            assert f"“{tag}” " in form.note and point_id in form.note
        fill(form, tag="Brain injuries after the reprisal")
        await pilot.press("ctrl+s")
        for claim_id, point_id in places:
            screen.go_to(claim_id)
            await pilot.pause()
            side = screen.workbook.claims[claim_id].points[point_id].side
            column = next(c for c in screen.columns if c.side == side)
            assert "Brain injuries after the reprisal" in column_text(column), claim_id
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    assert load(seed_copy).cards[SHARED].tag == "Brain injuries after the reprisal"


async def test_deleting_a_card_that_points_read_asks_first(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        places = where_used(screen.workbook, SHARED)
        await pilot.press("tab", "down", "X")
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        for claim_id, _ in places:
            assert screen.workbook.claims[claim_id].tag in question.question
        await pilot.press("enter")  # the first answer keeps it
        assert SHARED in screen.workbook.cards
        assert where_used(screen.workbook, SHARED) == places
        assert "unsaved" not in app.sub_title
        await pilot.press("X", "d")
        assert SHARED not in screen.workbook.cards
        assert where_used(screen.workbook, SHARED) == []
        assert SHARED not in column_text(screen.columns[0])
        await pilot.press("ctrl+z")
        assert SHARED in screen.workbook.cards
        assert where_used(screen.workbook, SHARED) == places
        await pilot.press("ctrl+y", "ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    saved = load(seed_copy)
    assert SHARED not in saved.cards and where_used(saved, SHARED) == []


async def test_x_takes_a_shared_card_from_one_point_and_the_library_keeps_it(
    seed_copy: Path,
) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        places = where_used(screen.workbook, SHARED)
        await pilot.press("tab", "down", "x")
        assert SHARED in screen.workbook.cards
        assert where_used(screen.workbook, SHARED) == [p for p in places if p != (FIRST, "p1")]


async def test_find_card_goes_to_the_first_point_that_reads_it(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        first_claim, first_point = where_used(screen.workbook, JPOST)[0]
        assert first_claim != FIRST
        await pilot.press("f")
        picker = app.screen
        assert isinstance(picker, CardPicker) and NEW not in [o.id for o in picker.cards.options]
        await pilot.press(*"jerusalem post 2021")
        await until(pilot, lambda: picker.shown[:1] == [JPOST])
        await pilot.press("enter")
        await pilot.pause()
        assert screen.claim_id == first_claim
        column = screen.focused
        assert isinstance(column, SideColumn)
        assert column.current == (first_point, JPOST)
        assert "unsaved" not in app.sub_title  # finding changes nothing


def format_1_file(folder: Path) -> Path:
    (folder / "small.txt").write_text(ESSAY, encoding="utf-8")
    path = folder / "small.toml"
    path.write_text(tomli_w.dumps(small_v1_data()), encoding="utf-8")
    return path


def file_format(path: Path) -> int:
    return int(tomllib.loads(path.read_text(encoding="utf-8"))["format"])


async def test_a_format_1_file_is_upgraded_only_when_the_user_says_so(tmp_path: Path) -> None:
    path = format_1_file(tmp_path)
    old = path.read_bytes()
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        assert screen.workbook.cards  # read, and upgraded in memory
        await pilot.press("tab", "2", "ctrl+s")
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert "format 1" in question.question and "older versions" in question.question
        await pilot.press("enter")  # the first answer cancels
        assert path.read_bytes() == old and "unsaved" in app.sub_title
        await pilot.press("ctrl+s", "u")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
        assert file_format(path) == 2
        await pilot.press("1", "ctrl+s")  # format 2 now: no question
        await until(pilot, lambda: "unsaved" not in app.sub_title)
        assert not isinstance(app.screen, ConfirmScreen)
    assert load(path).claims["blowback"].points["p1"].strength == 1


async def test_a_format_1_file_can_be_saved_as_a_copy_and_left_as_it_is(tmp_path: Path) -> None:
    path = format_1_file(tmp_path)
    old = path.read_bytes()
    copy = tmp_path / "small-2.toml"
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+s", "s")
        form = app.screen
        assert isinstance(form, FormScreen)
        fill(form, path=str(copy))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: copy.exists() and app.path == copy)
    assert path.read_bytes() == old
    assert file_format(copy) == 2 and load(copy).cards


async def test_the_find_picker_names_the_claims_that_read_a_card_by_their_tags(
    seed_copy: Path,
) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        (claim_id, point_id), *_ = where_used(screen.workbook, JPOST)
        tag = screen.workbook.claims[claim_id].tag
        await pilot.press("f", *"jerusalem post 2021")
        picker = app.screen
        assert isinstance(picker, CardPicker)
        await until(pilot, lambda: picker.shown[:1] == [JPOST])
        shown = str(picker.cards.get_option(JPOST).prompt)
        assert f"“{tag[:20]}" in shown and f" {point_id}" in shown
        assert f"{claim_id}.{point_id}" not in shown  # the file's ids, which no one typed
