"""The forms, typed as a user types: enter goes from field to field, the last field's enter or
ctrl+s applies, a refusal keeps the focus and the text where they were, a claim's paragraph is
found from its quote, an empty card is refused, and every one-line field selects all with ctrl+a
and joins the lines of a paste."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events
from textual.command import CommandInput, CommandPalette
from textual.widgets import Input, TextArea

from tests.timing import best_time
from workbook.core.model import Workbook
from workbook.essay.paragraphs import split_paragraphs
from workbook.essay.quotes import locate_quote
from workbook.storage.places import seed_path
from workbook.tui.app import WorkbookApp, one_line
from workbook.tui.dialogs.card_picker import NEW, CardPicker
from workbook.tui.dialogs.edit_forms import claim_from, numbered, paragraph_errors, point_form
from workbook.tui.dialogs.form import FormScreen

from ..conftest import ESSAY, small_data
from ..strategies import lines, text
from .conftest import SIZE, opened, until

FIRST = "reckless-decision"  # its quote is in paragraph 2
# Every character that ends a line for Python, and so for a paste.
LINE_BREAKS = ["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def error(form: FormScreen, name: str) -> str:
    return str(form.query_one(f"#error-{name}").render())


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


async def test_a_point_with_no_words_is_refused_and_nothing_is_added(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        points = dict(screen.workbook.claims[FIRST].points)
        await pilot.press("tab", "a", "space", "enter", "ctrl+s")
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.pause()
        assert app.screen is form
        assert "words" in error(form, "text")
        assert screen.workbook.claims[FIRST].points == points


async def test_a_new_claims_paragraph_is_found_from_its_quote(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.values()["paragraph"] == ""  # found from the quote when left empty
        await pilot.press(*"Pompeo's claim", "enter", *"Pompeo then claimed", "ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        assert screen.claim is not None
        assert (screen.claim.quote, screen.claim.paragraph) == ("Pompeo then claimed", 3)


async def test_a_quote_several_paragraphs_hold_is_refused_naming_them(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("n", *"Deterrence", "enter", *"deterrence", "ctrl+s")
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.pause()
        assert app.screen is form
        assert "paragraphs 3 and 5" in error(form, "paragraph")
        assert app.focused is form.query_one("#field-paragraph")
        await pilot.press("5", "ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        assert screen.claim is not None and screen.claim.paragraph == 5


async def test_a_quote_no_paragraph_holds_is_refused_with_the_closest_passage(
    seed_copy: Path,
) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("n", *"Typo", "enter", *"Pompeo then claimd that", "ctrl+s")
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.pause()
        assert app.screen is form
        assert "not the words of any paragraph" in error(form, "quote")
        assert "Pompeo then claimed" in error(form, "quote")
        assert app.focused is form.query_one("#field-quote")


async def test_a_refusal_leaves_the_focus_on_the_refused_field_and_the_text_as_typed(
    seed_copy: Path,
) -> None:
    """The quote is in paragraph 3, the paragraph typed is 4: the paragraph is refused, the
    focus stays there with the 4 where it was, and a correction goes into the paragraph."""
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("t", "tab", "ctrl+a", *"Pompeo then claimed", "tab", "4", "ctrl+s")
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.pause()
        assert app.screen is form
        paragraph = form.query_one("#field-paragraph", Input)
        assert app.focused is paragraph and paragraph.value == "4"
        assert "paragraph 3" in error(form, "paragraph")
        help_line = str(form.query_one("#form-help").render())
        assert help_line == "Not applied: see the message under Paragraph."
        # From another field, the refusal takes the focus to the paragraph, and selects
        # nothing there: what is typed next does not replace what was typed.
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is form.query_one("#field-tag")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.focused is paragraph
        assert paragraph.value == "4" and paragraph.selection.is_empty
        await pilot.press("backspace", "3", "ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        claim = screen.workbook.claims[FIRST]
        assert (claim.quote, claim.paragraph) == ("Pompeo then claimed", 3)


def library_with_nothing_to_offer(folder: Path) -> Path:
    """The small workbook, whose only card its first point already reads."""
    data = small_data()
    data["cards"] = {"smith": data["cards"]["smith"]}
    data["claims"]["story"]["points"]["p1"]["cards"] = []
    (folder / "small.txt").write_text(ESSAY, encoding="utf-8")
    path = folder / "small.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


async def test_a_refusal_shows_its_message_on_a_small_terminal(seed_copy: Path) -> None:
    """A card's date of access refused, far down a form that scrolls: the message under it is
    in view, and the form's own line says where to look (a notice would cover its buttons)."""
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("tab", "c", "enter", *"Attacks rose", *["enter"] * 7)
        form = app.screen
        assert isinstance(form, FormScreen)
        accessed, message = form.query_one("#field-accessed"), form.query_one("#error-accessed")
        fields = form.query_one("#form-fields")
        assert app.focused is accessed
        await pilot.press(*"last spring", "ctrl+s")
        await until(pilot, lambda: "YYYY" in error(form, "accessed"))
        await until(pilot, lambda: fields.region.contains_region(message.region))
        assert app.focused is accessed
        help_line = str(form.query_one("#form-help").render())
        assert help_line == "Not applied: see the message under Accessed."


async def test_c_opens_the_picker_even_when_it_has_no_card_to_offer(tmp_path: Path) -> None:
    """`c` then `enter` is a new card, whatever the library holds: the picker always opens,
    on "New card…"."""
    app = WorkbookApp(library_with_nothing_to_offer(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("tab")
        assert screen.columns[0].current == ("p1", None)
        await pilot.press("c")
        picker = app.screen
        assert isinstance(picker, CardPicker)
        assert picker.cards.highlighted_option is not None
        assert picker.cards.highlighted_option.id == NEW
        await pilot.press("enter")
        assert isinstance(app.screen, FormScreen)


async def test_an_empty_card_is_refused_and_nothing_is_added(tmp_path: Path) -> None:
    path = library_with_nothing_to_offer(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        claims, cards = dict(screen.workbook.claims), dict(screen.workbook.cards)
        await pilot.press("tab", "c", "enter", "ctrl+s")
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.pause()
        assert app.screen is form
        assert "empty" in error(form, "tag")
        # What a new user typed: "c, enter" twice, then words. The words stay in the form.
        await pilot.press("c", "enter", "c", "enter", *"new claim")
        assert app.screen is form
        assert (form.values()["tag"], form.values()["author"]) == ("c", "c")
        assert form.values()["qualifications"] == "new claim"
        assert (screen.workbook.cards, screen.workbook.claims) == (cards, claims)


async def test_ctrl_a_selects_the_whole_filter_and_the_palettes_words(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("slash", *"iran", "ctrl+a", "x")
        assert screen.query_one("#filter", Input).value == "x"
        await pilot.press("escape", "ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"claim", "ctrl+a", "z")
        assert app.screen.query_one(CommandInput).value == "z"


async def test_a_paste_of_several_lines_into_a_one_line_field_joins_them(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("slash")
        app.post_message(events.Paste("militias\nattack\n"))
        await pilot.pause()
        assert screen.query_one("#filter", Input).value == "militias attack"
        await pilot.press("escape", "n")
        form = app.screen
        assert isinstance(form, FormScreen)
        app.post_message(events.Paste("The strike\n  was reckless,\r\n\r\nand costly"))
        await pilot.pause()
        assert form.values()["tag"] == "The strike was reckless, and costly"
        await pilot.press("tab")
        app.post_message(events.Paste("Two\nlines"))  # the quote is lines of text: kept
        await pilot.pause()
        assert form.values()["quote"] == "Two\nlines"


async def test_keys_typed_in_one_burst_around_ctrl_a_keep_their_order(seed_copy: Path) -> None:
    """ctrl+a, a priority key, is read before the keys typed ahead of it reach the field: the
    field selects after those and before the ones typed after it."""
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("slash")
        field = screen.query_one("#filter", Input)
        for key, character in [("a", "a"), ("b", "b"), ("ctrl+a", None), ("c", "c")]:
            app.post_message(events.Key(key, character))
        await until(pilot, lambda: "c" in field.value)
        assert field.value == "c"


@given(st.lists(st.one_of(lines, st.sampled_from(LINE_BREAKS)), max_size=8).map("".join))
def test_a_paste_made_one_line_keeps_every_word_in_order(pasted: str) -> None:
    joined = one_line(pasted)
    assert len(joined.splitlines()) <= 1
    assert joined.split() == pasted.split()
    if len(pasted.splitlines()) == 1:
        assert joined == pasted.splitlines()[0]  # one line is kept as it is
    assert one_line(joined) == joined


def test_joining_a_paste_takes_time_that_grows_with_it_not_faster() -> None:
    def paste(size: int) -> str:
        return ("word  \n   \n" + " " * 50) * size

    size = 1_000
    while best_time(partial(one_line, paste(size))) < 0.01:
        size *= 2
    short = best_time(partial(one_line, paste(size)))
    long = best_time(partial(one_line, paste(4 * size)))
    assert long / short < 10, f"4 times the paste took {long / short:.1f} times as long"


SEED_ESSAY = split_paragraphs(seed_path().with_suffix(".txt").read_text(encoding="utf-8"))
NOT_IN_2 = "not the words of paragraph 2, and nothing in it comes close"


@pytest.mark.parametrize(
    ("quote", "paragraph", "errors"),
    [
        ("Pompeo then claimed", "", {}),
        ("Pompeo then claimed", " 3 ", {}),
        ("pompeo THEN claimed", "", {}),  # found as `locate_quote` finds it
        (
            "Pompeo then claimed",
            "2",
            {
                "paragraph": "paragraph 3 holds the quote, not 2: type it, or empty",
                "quote": NOT_IN_2,
            },
        ),
        ("deterrence", "", {"paragraph": "paragraphs 3 and 5 hold the quote: which one?"}),
        ("deterrence", "5", {}),
        ("", "", {"quote": "the essay's words, verbatim"}),
        ("x", "16", {"paragraph": "a paragraph from 1 to 15, or empty: the one with the quote"}),
        ("x", "two", {"paragraph": "a paragraph from 1 to 15, or empty: the one with the quote"}),
    ],
)
def test_what_the_claim_form_refuses_of_a_quote_and_its_paragraph(
    quote: str, paragraph: str, errors: dict[str, str]
) -> None:
    assert paragraph_errors(quote, paragraph, SEED_ESSAY, 15) == errors


def test_without_the_essay_the_paragraph_must_be_given() -> None:
    assert paragraph_errors("Anything", "", None, 15) == {"paragraph": "a paragraph from 1 to 15"}
    assert paragraph_errors("Anything", "4", None, 15) == {}


def test_paragraphs_are_named_a_few_at_most() -> None:
    assert numbered([3]) == "paragraph 3"
    assert numbered([3, 5]) == "paragraphs 3 and 5"
    assert numbered(list(range(1, 11))) == "paragraphs 1, 2, 3, 4, 5, 6 and 4 more"


def test_the_paragraph_is_looked_up_in_time_that_grows_with_the_essay_not_faster() -> None:
    """4 times the paragraphs, each nearly holding the quote: about 4 times the time."""

    def essay(paragraphs: int) -> list[str]:
        return [f"{'word ' * 60}{number}" for number in range(paragraphs)]

    quote = "word " * 30 + "wrod"
    size = 10
    while best_time(partial(paragraph_errors, quote, "", essay(size), size)) < 0.01:
        size *= 2
    short = best_time(partial(paragraph_errors, quote, "", essay(size), size))
    long = best_time(partial(paragraph_errors, quote, "", essay(4 * size), 4 * size))
    assert long / short < 10, f"4 times the paragraphs took {long / short:.1f} times as long"


@settings(deadline=None)  # each example looks through the whole essay
@given(
    st.data(), st.sampled_from(["", "3", " 7 ", "²", "٣", "0", "-1", "1e3", "99999999999999999999"])
)
def test_a_quote_and_paragraph_as_typed_are_refused_or_placed_where_the_quote_stands(
    data: st.DataObject, paragraph: str
) -> None:
    """Any quote, the essay's words (as they are or in capitals) or any text, with any
    paragraph typed: refused in words, or placed in a paragraph that holds it."""
    number = data.draw(st.integers(0, len(SEED_ESSAY) - 1))
    words = SEED_ESSAY[number].split()
    start = data.draw(st.integers(0, len(words) - 1))
    passage = " ".join(words[start : start + data.draw(st.integers(1, 12))])
    quote = data.draw(st.one_of(st.just(passage), st.just(passage.upper()), text))
    errors = paragraph_errors(quote, paragraph, SEED_ESSAY, len(SEED_ESSAY))
    if errors:
        assert set(errors) <= {"quote", "paragraph"} and all(errors.values())
        return
    values = {"section": "", "side": "blowback", "tag": "T", "tags": "", "notes": ""}
    claim = claim_from({**values, "quote": quote, "paragraph": paragraph}, SEED_ESSAY)
    assert locate_quote(claim.quote, SEED_ESSAY[claim.paragraph - 1])


def test_a_point_form_names_an_untagged_claim_by_its_quote(small: Workbook) -> None:
    """A claim just made from the essay has no tag yet: the form names it by its quote, as
    the list does, not by an empty pair of quotation marks."""
    claim = small.claims["blowback"].model_copy(update={"tag": ""})
    form = point_form(small, claim, "pro", None)
    assert claim.quote and form.form_title.endswith(f"on “{claim.quote}”")
