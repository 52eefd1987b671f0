"""Cutting in the app: a card's standing where the card is shown, and a cut card's source kept
through every edit."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import OptionList

from workbook.commands import main
from workbook.core.cutting import cut_card
from workbook.core.library import where_used
from workbook.core.model import Card, Workbook
from workbook.core.proving import Standing, standing
from workbook.storage.store import load
from workbook.storage.texts import source_file_name, source_paragraphs
from workbook.storage.user_config import set_initials
from workbook.tui import source_texts
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.card_picker import CardPicker
from workbook.tui.dialogs.form import FormScreen
from workbook.tui.dialogs.sources import SourcePicker, TagForm
from workbook.tui.screens import cutting
from workbook.tui.screens.essay import EssayScreen
from workbook.tui.screens.prep.screen import PrepScreen
from workbook.tui.screens.source import SourceScreen
from workbook.tui.widgets.marked_text import MarkedTextArea
from workbook.tui.widgets.render import STANDING_MARKS
from workbook.tui.widgets.source_text import entered_or_left

from .conftest import SIZE, opened, told, until
from .test_app import fill
from .test_fitting import SIZES, assert_shown_whole, screen_lines, words
from .with_sources import (
    CITE,
    CLAIM,
    PARAGRAPHS,
    POINT,
    SOURCE,
    seed_with_cut_cards,
    seed_with_source,
)

PROVEN = "lopez-attacks-rose"


async def test_editing_a_cut_card_keeps_its_source_and_cutter(tmp_path: Path) -> None:
    # The card's form shows the cite and the words, not the source the card was cut from: a
    # form that rebuilt the card from its fields alone made a cut card one typed by hand.
    path = seed_with_cut_cards(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await pilot.press("tab", "down")
        assert prep.columns[0].current == ("p1", PROVEN)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, FormScreen)
        fill(form, tag="Attacks on bases rose by a third")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: prep.workbook.cards[PROVEN].tag.startswith("Attacks on"))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    card = load(path).cards[PROVEN]
    assert card.tag == "Attacks on bases rose by a third"
    assert (card.source, card.cutter) == (SOURCE, "ML")


# The whole flow: a source beside the workbook, a card of two paragraphs, proven.


def notices(app: WorkbookApp) -> str:
    return "\n".join(told(app))


async def open_source(pilot: Pilot[None], *keys: str) -> SourceScreen:
    """From the main screen, `keys` (focus a point, say), then `s` and the first source."""
    app = pilot.app
    await pilot.press(*keys, "s")
    await until(pilot, lambda: isinstance(app.screen, SourcePicker))
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, SourceScreen))
    screen = app.screen
    assert isinstance(screen, SourceScreen)
    await until(pilot, lambda: bool(screen.text.paragraphs))
    return screen


async def cut(pilot: Pilot[None], *keys: str, tag: str) -> None:
    """`keys`, then `c`, the tag typed, and enter: the card cut (or the cut refused)."""
    app = pilot.app
    assert isinstance(app, WorkbookApp) and app.session is not None
    draft = app.session.draft
    before = draft.checkpoint
    await pilot.press(*keys, "c")
    await until(pilot, lambda: isinstance(app.screen, TagForm))
    await pilot.press(*tag, "enter")
    await until(pilot, lambda: draft.checkpoint is not before or "Not cut" in notices(app))


async def test_a_card_of_two_paragraphs_is_cut_read_by_the_point_and_proven(
    tmp_path: Path,
) -> None:
    path = seed_with_source(tmp_path)
    set_initials("RL")  # the cutter signs the card, as `workbook config initials` sets
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        screen = await open_source(pilot, "tab")  # p1 of the first claim, in focus
        assert "p1 on" in str(screen.query_one("#source-help").render())
        await cut(pilot, "down", "space", "down", tag="Attacks rose after the strike")
        card_id = "attacks-rose-after-the-strike"
        assert prep.workbook.claims[CLAIM].points[POINT].cards[-1] == card_id
        assert f"Cut {card_id} (¶2–3): p1 on" in notices(app)
        await pilot.press("escape")
        # Back on the claims, the card highlighted under the point.
        await until(pilot, lambda: prep.columns[0].current == (POINT, card_id))
        assert app.screen is prep
        assert "✓ Lopez 23 — Attacks rose" in str(prep.columns[0].highlighted_option.prompt)
        # Its words highlighted by keys: the form of a cut card opens on its text.
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        area = app.screen.query_one(MarkedTextArea)
        await until(pilot, lambda: app.focused is area)
        await pilot.press(*["shift+right"] * len("Targeted strikes"), "ctrl+r", "ctrl+s")
        await until(pilot, lambda: app.screen is prep)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    assert main(["check", str(path)]) == 0
    workbook = load(path)
    card = workbook.cards[card_id]
    assert card.text == f"=={PARAGRAPHS[1][:16]}=={PARAGRAPHS[1][16:]}\n\n{PARAGRAPHS[2]}"
    assert (card.source, card.author, card.url) == (SOURCE, CITE["author"], CITE["url"])
    assert card.cutter == "RL" and card.full_cite.endswith("//RL")
    assert standing(card, source_paragraphs(workbook, path, SOURCE)) == "proven"


async def test_with_no_point_in_focus_the_card_stays_in_the_library(tmp_path: Path) -> None:
    path = seed_with_source(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        screen = await open_source(pilot)  # the claim list has the focus
        assert "card library" in str(screen.query_one("#source-help").render())
        await cut(pilot, "end", tag="")  # the last paragraph, untagged
        card_id = "lopez-6"
        assert prep.workbook.cards[card_id].text == PARAGRAPHS[5]
        assert not where_used(prep.workbook, card_id)
        assert f"Cut {card_id} (¶6) into the card library" in notices(app)
        await pilot.press("ctrl+z")  # one step: the card is gone again
        assert card_id not in prep.workbook.cards


async def test_undo_takes_a_cut_card_from_the_point_and_the_library_at_once(
    tmp_path: Path,
) -> None:
    path = seed_with_source(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await open_source(pilot, "tab")
        before = list(prep.workbook.claims[CLAIM].points[POINT].cards)
        await cut(pilot, tag="Strikes did not end the attacks")
        assert len(prep.workbook.claims[CLAIM].points[POINT].cards) == len(before) + 1
        await pilot.press("ctrl+z")
        assert prep.workbook.claims[CLAIM].points[POINT].cards == before
        assert "strikes-did-not-end-the-attacks" not in prep.workbook.cards


async def test_escape_in_the_tag_form_cuts_nothing(tmp_path: Path) -> None:
    path = seed_with_source(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        screen = await open_source(pilot)
        cards = dict(prep.workbook.cards)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, TagForm))
        await pilot.press(*"Never mind", "escape")
        await until(pilot, lambda: app.screen is screen)
        assert prep.workbook.cards == cards
        assert not prep.draft.dirty


async def test_the_runs_start_and_end_move_a_paragraph_at_a_time(tmp_path: Path) -> None:
    path = seed_with_source(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = await open_source(pilot)
        text = screen.text
        await pilot.press("down", "down")  # ¶3
        assert (text.run(), text.chosen()) == (None, (3, 3))
        await pilot.press("right_curly_bracket")  # the end a paragraph later
        assert text.run() == (3, 4)
        await pilot.press("left_curly_bracket")  # the start a paragraph earlier
        assert text.run() == (2, 4)
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert text.run() == (4, 4)  # the start goes no further than the end
        await pilot.press("right_square_bracket")
        assert text.run() == (4, 4)  # nor the end before the start
        await pilot.press(*["right_curly_bracket"] * 5)
        assert text.run() == (4, 6)  # nor past the text's last paragraph
        await pilot.press("up", "up", "up")  # the cursor, on the end, takes the end along
        assert text.run() == (3, 4)
        await pilot.press("escape")  # lets go of the run first
        assert text.run() is None and app.screen is screen
        await pilot.press("space", "up")  # the run marked at ¶3, the cursor above it
        assert text.run() == (2, 3)
        await pilot.press("left_curly_bracket", "right_curly_bracket")
        assert text.run() == (1, 4)
        marked = [n for n, o in enumerate(text.options, 1) if "┃" in str(o.prompt)]
        assert marked == [1, 2, 3, 4]  # drawn as it stands, after every move


runs = st.tuples(st.integers(1, 30), st.integers(0, 30)).map(lambda r: (r[0], r[0] + r[1]))


@given(st.none() | runs, st.none() | runs)
def test_a_moved_run_redraws_the_paragraphs_that_entered_or_left_it(
    before: tuple[int, int] | None, after: tuple[int, int] | None
) -> None:
    def inside(run: tuple[int, int] | None) -> set[int]:
        return set(range(run[0], run[1] + 1)) if run else set()

    redrawn = [n for run in entered_or_left(before, after) for n in range(run[0], run[1] + 1)]
    assert sorted(redrawn) == sorted(inside(before) ^ inside(after))


async def test_the_palette_cuts_from_a_source(tmp_path: Path) -> None:
    path = seed_with_source(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+p", *"Cut from a source")
        commands = app.screen.query_one(CommandList)
        await until(
            pilot,
            lambda: (
                commands.highlighted_option is not None
                and "Cut from a source" in str(commands.highlighted_option.prompt)
            ),
        )
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SourcePicker))
        picker = app.screen
        shown = [str(option.prompt) for option in picker.query_one(OptionList).options]
        assert shown[0].startswith("Lopez 23 — “Drones and Deterrence in the Gulf”")
        assert "check: author (guessed), qualifications (missing)" in shown[0]
        assert shown[1].startswith("The essay")


# Refusals: what is not there is said, and nothing breaks.


async def test_with_no_sources_the_notice_says_how_to_add_one(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SourceScreen))
        assert "workbook source add soleimani-blowback.toml FILE" in notices(app)
        screen = app.screen
        assert isinstance(screen, SourceScreen) and screen.source_id == "essay"


async def test_with_no_sources_and_no_essay_the_notice_is_all(seed_copy: Path) -> None:
    seed_copy.with_suffix(".txt").unlink()
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await pilot.press("s")
        await until(pilot, lambda: "workbook source add" in notices(app))
        assert app.screen is prep


def gone(folder: Path, text: Path) -> str:
    text.unlink()
    return "is not beside the workbook"


def elsewhere(folder: Path, text: Path) -> str:
    outside = folder.parent / f"{folder.name}-outside.txt"
    outside.write_text("Someone else's words.\n", encoding="utf-8")
    text.unlink()
    text.symlink_to(outside)
    return "leads outside the workbook's folder"


def not_utf8(folder: Path, text: Path) -> str:
    text.write_bytes(b"caf\xe9\n")
    return "UTF-8"


@pytest.mark.parametrize("spoil", [gone, elsewhere, not_utf8])
async def test_a_source_whose_text_is_not_there_says_so(
    tmp_path: Path, spoil: Callable[[Path, Path], str]
) -> None:
    path = seed_with_source(tmp_path / "w")
    said = spoil(path.parent, path.parent / source_file_name(path, SOURCE))
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SourcePicker))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SourceScreen))
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        line = lambda: str(screen.text.options[0].prompt)  # noqa: E731
        await until(pilot, lambda: "not there to cut from" in line())
        assert said in line()
        await pilot.press("c")
        assert "No text to cut from" in notices(app)
        assert not prep.draft.dirty
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is prep)


async def test_a_cut_the_card_cannot_hold_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whatever a card refuses to hold (pydantic's errors run to many lines), `cut_card`
    # refuses in one line (tests/test_cut.py), and the app says that line and adds nothing.
    def refused(
        workbook: Workbook, source_id: str, paragraphs: list[str], first: int, last: int, *_: str
    ) -> Card:
        return cut_card(workbook, source_id, paragraphs, first, last, "two\nlines")

    monkeypatch.setattr(cutting, "cut_card", refused)
    path = seed_with_source(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await open_source(pilot, "tab")
        await cut(pilot, tag="A proof")
        said = notices(app)
        assert "Not cut: tag: must be one line" in said
        assert "\n" not in said.split("Not cut:")[1]
        assert not prep.draft.dirty


# The same from the essay view.


async def test_the_essay_view_cuts_a_sentences_paragraph_for_the_point(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await pilot.press("tab", "v")  # p1 in focus; the essay opens on the claim's sentence
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        essay = app.screen
        assert isinstance(essay, EssayScreen) and essay.sentence() is not None
        number = essay.sentence()[0]
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, TagForm))
        await pilot.press(*"The strike was reckless", "enter")
        card_id = "the-strike-was-reckless"
        await until(pilot, lambda: card_id in prep.workbook.cards)
        assert app.screen is essay
        assert prep.workbook.claims[CLAIM].points[POINT].cards[-1] == card_id
        assert f"Cut {card_id} (¶{number}): p1 on" in notices(app)
        await pilot.press("v")
        await until(pilot, lambda: app.screen is prep)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    assert main(["check", str(seed_copy)]) == 0
    workbook = load(seed_copy)
    card = workbook.cards[card_id]
    paragraphs = source_paragraphs(workbook, seed_copy, "essay")
    assert paragraphs is not None and card.text == paragraphs[number - 1]
    assert (card.source, card.title) == ("essay", workbook.essay.title)
    assert standing(card, paragraphs) == "proven"


# A card's standing, where the card is shown.


def test_every_standing_has_its_mark() -> None:
    assert set(get_args(Standing)) <= set(STANDING_MARKS)


def column_lines(prep: PrepScreen) -> list[str]:
    return [str(option.prompt) for option in prep.columns[0].options]


async def test_a_cards_standing_shows_in_the_column_picker_and_form(tmp_path: Path) -> None:
    path = seed_with_cut_cards(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await until(pilot, lambda: "  ✓ Lopez 23 — Attacks rose" in "\n".join(column_lines(prep)))
        lines = column_lines(prep)
        assert "  ✗ Lopez 23 — The militias splintered" in lines
        assert any(line.startswith("  ▪ UPI 20") for line in lines)  # typed by hand
        details = {}
        for card_id, down in [(PROVEN, 1), ("lopez-splintered", 2), ("upi-brain-injuries", 3)]:
            await pilot.press("tab", "home", *["down"] * down, "e")
            await until(pilot, lambda: isinstance(app.screen, FormScreen))
            form = app.screen
            assert isinstance(form, FormScreen)
            details[card_id] = form.note
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is prep)
            prep.claim_list.focus()
        assert "Cut from Lopez 23 (lopez), ¶2–3: proven against its source." in details[PROVEN]
        assert (
            "Cut from Lopez 23 (lopez): no longer its source's words."
            in (details["lopez-splintered"])
        )
        assert "Typed by hand" in details["upi-brain-injuries"]
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, CardPicker))
        picker = app.screen
        assert isinstance(picker, CardPicker)
        shown = {o.id: str(o.prompt) for o in picker.cards.options}
        assert shown[PROVEN].startswith("✓ Lopez 23")
        assert shown["lopez-splintered"].startswith("✗ Lopez 23")


async def test_a_card_whose_source_text_is_gone_is_shown_unread(tmp_path: Path) -> None:
    path = seed_with_cut_cards(tmp_path)
    (path.parent / source_file_name(path, SOURCE)).unlink()
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await until(pilot, lambda: "  ? Lopez 23 — Attacks rose" in "\n".join(column_lines(prep)))
        await pilot.press("tab", "down", "e")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        assert isinstance(form, FormScreen)
        assert "its source's text is not there to prove it" in form.note


# What fits a small terminal.


@SIZES
@pytest.mark.parametrize("dialog", ["source picker", "tag"])
async def test_the_cutting_dialogs_fit_with_their_words_whole(
    tmp_path: Path, size: tuple[int, int], dialog: str
) -> None:
    path = seed_with_source(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=size) as pilot:
        await opened(pilot)
        if dialog == "tag":
            await open_source(pilot, "tab")
            await pilot.press("c")
            await until(pilot, lambda: isinstance(app.screen, TagForm))
        else:
            await pilot.press("s")
            await until(pilot, lambda: isinstance(app.screen, SourcePicker))
        await pilot.pause(0.1)
        await assert_shown_whole(pilot)
        if dialog == "source picker":  # each source whole too, with its fields to check
            sources = app.screen.query_one(OptionList)
            shown = words(" ".join(screen_lines(pilot, sources.content_region)))
            for option in sources.options:
                assert words(str(option.prompt)) in shown


@SIZES
async def test_the_source_view_shows_its_cite_and_help_whole_over_its_text(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    path = seed_with_source(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=size) as pilot:
        await opened(pilot)
        screen = await open_source(pilot, "tab")
        await pilot.pause(0.1)
        for part in ("#source-cite", "#source-help"):
            widget = screen.query_one(part)
            shown = words(" ".join(screen_lines(pilot, widget.content_region)))
            assert words(str(widget.render())) == shown, part
        assert screen.text.region.height >= 8  # room to read the paragraphs


async def test_moving_a_point_keeps_its_cards_standing(tmp_path: Path) -> None:
    """A point moved among its side's points is drawn again with its cards' standing: a
    drifted card must not look like one typed by hand."""
    path = seed_with_source(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await open_source(pilot, "tab")
        await cut(pilot, "down", tag="Attacks rose after the strike")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is prep and prep.columns[0].current[1] is not None)
        await pilot.press("right_square_bracket")  # the point down among ours
        await pilot.pause()
        column = prep.columns[0]
        shown = [str(column.get_option_at_index(i).prompt) for i in range(column.option_count)]
        assert any("✓ Lopez 23 — Attacks rose" in line for line in shown)
        assert not any("▪ Lopez 23" in line for line in shown)


@pytest.mark.parametrize("leave_first", [False, True], ids=["read going", "view left"])
async def test_a_source_view_shows_its_text_however_the_reads_cross(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, leave_first: bool
) -> None:
    """A source's text read slowly: the view opened while the main screen's read of it is
    going shows it when it comes; a view left before its read ended, opened again, shows it
    too. Neither waits on "Reading…" for a read whose result went to a screen gone."""
    real = source_texts.source_paragraphs

    def slow(*args: Any) -> list[str] | None:
        time.sleep(0.5)
        return real(*args)

    monkeypatch.setattr(source_texts, "source_paragraphs", slow)
    path = (seed_with_source if leave_first else seed_with_cut_cards)(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SourcePicker))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SourceScreen))
        if leave_first:
            await pilot.press("escape")
            await pilot.pause(1.0)  # the read ends while no view is open
            await pilot.press("s")
            await until(pilot, lambda: isinstance(app.screen, SourcePicker))
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, SourceScreen))
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        await until(pilot, lambda: bool(screen.text.paragraphs), seconds=5)
