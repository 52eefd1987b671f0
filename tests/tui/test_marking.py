"""Marking a card in the app: keys underline, highlight and clear a word or a selected span,
the text shows the marks and never the markers, undo takes a mark back, the file keeps the
markers; and the read mode shows a card as it is read aloud."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets.text_area import Selection

from workbook.core.marks import HIGHLIGHTED, UNDERLINED, plain
from workbook.storage.store import load
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import FormScreen
from workbook.tui.dialogs.read_aloud import ReadAloudScreen
from workbook.tui.widgets.key_bar import KeyBar
from workbook.tui.widgets.marked_text import MarkedTextArea
from workbook.tui.widgets.render import HIGHLIGHT_STYLE, UNDERLINE_STYLE

from .conftest import SIZE, opened, until

# Blowback's p1 on the first claim reads it second.
CARD = "ps752-hours-after"
HEAD = "The downing of Flight 752 happened just hours after the Iranian military fired"


async def card_form(pilot: Pilot[None], app: WorkbookApp) -> tuple[FormScreen, MarkedTextArea]:
    """The form of CARD, its text in focus."""
    screen = await opened(pilot)
    await pilot.press("tab", "down", "down")
    assert screen.columns[0].current == ("p1", CARD)
    await pilot.press("e")
    form = app.screen
    assert isinstance(form, FormScreen)
    area = form.query_one("#field-text", MarkedTextArea)
    area.focus()
    await pilot.pause()
    return form, area


async def test_keys_mark_a_word_and_a_span_undo_takes_them_back_and_the_file_keeps_them(
    seed_copy: Path,
) -> None:
    before = load(seed_copy).cards[CARD].text
    assert before.endswith("strike== one week earlier")
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        form, area = await card_form(pilot, app)
        # The words as a reader sees them: no markers, the highlighted passage styled.
        assert area.text == plain(before) and "==" not in area.text
        assert set(area.flags[: len(HEAD)]) == {HIGHLIGHTED}
        line = area.get_line(0)
        assert any(span.style == HIGHLIGHT_STYLE and span.start == 0 for span in line.spans)
        # The keys of the moment, at the foot of the form.
        keys = str(form.query_one(KeyBar).keys)
        assert "Underline" in keys and "Highlight" in keys and "Clear" in keys

        end = area.document.end
        area.move_cursor(end)
        await pilot.press("ctrl+u")  # the word the cursor has just left: "earlier"
        assert area.marked_text.endswith("strike== one week ++earlier++")
        await pilot.press(*["shift+left"] * len("week earlier"), "ctrl+r")  # a span selected
        assert area.selection == Selection(end, (0, end[1] - len("week earlier")))
        assert area.marked_text.endswith("strike== one ==week ++earlier==++")
        assert area.text == plain(before)
        await pilot.press("ctrl+z")  # the highlight taken back, the underline kept
        assert area.marked_text.endswith("strike== one week ++earlier++")
        await pilot.press("ctrl+z")
        assert area.marked_text == before
        await pilot.press("ctrl+y")
        assert area.marked_text.endswith("strike== one week ++earlier++")

        await pilot.press("ctrl+s")  # apply the form
        await until(pilot, lambda: not isinstance(app.screen, FormScreen))
        await pilot.press("ctrl+s")  # save the workbook
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    assert "strike== one week ++earlier++" in seed_copy.read_text(encoding="utf-8")
    assert load(seed_copy).cards[CARD].text == before.replace("earlier", "++earlier++")


async def test_clearing_takes_both_marks_off_and_the_main_screen_undoes_the_card(
    seed_copy: Path,
) -> None:
    before = load(seed_copy).cards[CARD].text
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        _, area = await card_form(pilot, app)
        area.selection = Selection((0, 0), (0, len(HEAD)))
        await pilot.press("ctrl+u")
        assert area.marked_text.startswith(f"++=={HEAD}++ ")
        await pilot.press("ctrl+l")  # clear: neither layer left on the span
        assert area.marked_text.startswith(f"{HEAD}== more")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, FormScreen))
        screen = await opened(pilot)
        assert screen.workbook.cards[CARD].text.startswith(f"{HEAD}== more")
        await pilot.press("ctrl+z")  # the card's edit, as any edit, is undone whole
        assert screen.workbook.cards[CARD].text == before


async def test_the_keys_mark_nothing_where_there_is_no_word(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        _, area = await card_form(pilot, app)
        area.load_text("  ")
        area.move_cursor((0, 1))
        await pilot.press("ctrl+r")
        assert area.marked_text == "  "


class Marking(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield MarkedTextArea(self.text)


async def test_typing_inside_a_mark_keeps_it_and_at_its_edge_does_not_stretch_it() -> None:
    app = Marking("one ==two== three")
    async with app.run_test() as pilot:
        area = app.query_one(MarkedTextArea)
        area.focus()
        area.move_cursor((0, 5))  # inside "two"
        await pilot.press("x")
        assert area.marked_text == "one ==txwo== three"
        area.move_cursor((0, 8))  # just after "txwo"
        await pilot.press("s")
        assert area.marked_text == "one ==txwo==s three"
        await pilot.press("ctrl+z")  # the typing taken back, the marks as they were
        assert area.marked_text == "one ==txwo== three"
        await pilot.press("ctrl+z")
        assert area.marked_text == "one ==two== three"
        await pilot.press("ctrl+y")
        assert area.marked_text == "one ==txwo== three"
        # A sign typed is a sign, never a mark: it is escaped in the text kept.
        area.move_cursor((0, 3))
        await pilot.press("plus", "plus")
        assert area.text == "one++ txwo three"
        assert area.marked_text == "one\\++ ==txwo== three"
        assert plain(area.marked_text) == area.text


async def test_a_selection_across_paragraphs_is_marked_whole_and_shown_on_each_line() -> None:
    app = Marking("First paragraph.\n\nSecond one.")
    async with app.run_test() as pilot:
        area = app.query_one(MarkedTextArea)
        area.focus()
        area.selection = Selection((0, 6), (2, 6))
        await pilot.press("ctrl+u")
        assert area.marked_text == "First ++paragraph.\n\nSecond++ one."
        assert area.flags[6] == UNDERLINED
        assert [(s.start, s.end, s.style) for s in area.get_line(2).spans] == [
            (0, 6, UNDERLINE_STYLE)
        ]


async def test_the_read_mode_shows_a_card_as_it_is_read_aloud(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("tab", "down", "down", "down")  # p1's third card
        point_id, card_id = screen.columns[0].current
        assert point_id == "p1" and card_id == "ps752-all-out-war"
        card = screen.workbook.cards[card_id]
        await pilot.press("R")
        read = app.screen
        assert isinstance(read, ReadAloudScreen)
        shown = read.words.plain
        assert shown.splitlines()[:2] == [card.tag, card.cite]
        # Only the highlighted words, in order, a mark where words are skipped.
        assert shown.splitlines()[2] == (
            "That night we had the readiness for all-out war […] air defense units were on "
            "the highest alert […] killing all 176 people aboard."
        )
        assert "Hajizadeh" not in shown and "==" not in shown
        assert read.read_title.endswith(f"{len(card.tag.split()) + 9 + 8 + 5} words")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("up", "up", "up", "R")  # on the point: its words, then each card
        read = app.screen
        assert isinstance(read, ReadAloudScreen)
        point = screen.workbook.claims[screen.claim_id or ""].points["p1"]
        assert read.words.plain.startswith(point.text)
        assert read.words.plain.count("\n\n") == len(point.cards)
