"""The two marking layers in a card's text: underlined `++…++` and highlighted `==…==`, nesting
and overlapping; the escape that keeps a source's own `==`, `++` and backslashes; and marks
that do not close, refused with the field they stand in."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.commands import main
from workbook.core.cutting import cut_card, cut_text
from workbook.core.marks import (
    HIGHLIGHTED,
    UNDERLINED,
    Marked,
    compose,
    escape,
    from_layers,
    has_highlighting,
    layers,
    marked_runs,
    plain,
    read_aloud,
    runs,
    spoken,
    unclosed,
    words_read_aloud,
)
from workbook.core.model import Workbook
from workbook.core.proving import standing
from workbook.storage.files import WorkbookError
from workbook.storage.store import dumps, parse, validate

from .conftest import small_data


def test_underlining_and_highlighting_nest() -> None:
    text = "The ++strike ==was reckless== and costly++ says Smith"
    assert marked_runs(text) == [
        Marked(False, False, "The "),
        Marked(True, False, "strike "),
        Marked(True, True, "was reckless"),
        Marked(True, False, " and costly"),
        Marked(False, False, " says Smith"),
    ]
    assert plain(text) == "The strike was reckless and costly says Smith"
    # The highlighting alone, as every reader of the read-aloud words has it.
    assert runs(text) == [
        (False, "The strike "),
        (True, "was reckless"),
        (False, " and costly says Smith"),
    ]
    assert read_aloud(text) == ["was reckless"] and words_read_aloud(text) == 2


def test_the_two_layers_overlap_each_toggling_on_its_own() -> None:
    text = "++a ==b++ c=="
    assert marked_runs(text) == [
        Marked(True, False, "a "),
        Marked(True, True, "b"),
        Marked(False, True, " c"),
    ]
    assert compose(marked_runs(text)) == text
    assert read_aloud(text) == ["b c"]


def test_a_text_marked_before_underlining_reads_as_it_did() -> None:
    text = "Hajizadeh said: “==That night we had the readiness for all-out war==,” he said"
    assert runs(text) == [
        (False, "Hajizadeh said: “"),
        (True, "That night we had the readiness for all-out war"),
        (False, ",” he said"),
    ]
    assert all(not run.underlined for run in marked_runs(text))


# Texts as they were written before underlining: words and "==" marks, no "+" or backslash.
old_texts = st.lists(st.sampled_from(["==", "=", "a", " ", "b c", "“", "\n"]), max_size=12).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(old_texts)
def test_every_text_without_underlining_or_escapes_means_what_it_meant(text: str) -> None:
    """Before underlining, a text was split at each "==" from the left, its odd pieces read
    aloud: a text with no "+" and no backslash still reads that way, mark for mark."""
    pieces = text.split("==")
    if len(pieces) % 2 == 0:  # an unpaired mark was refused then, and is now
        assert unclosed(text) is not None
        return
    before = [(index % 2 == 1, piece) for index, piece in enumerate(pieces) if piece]
    joined: list[tuple[bool, str]] = []
    for marked, words in before:
        if joined and joined[-1][0] == marked:
            joined[-1] = (marked, joined[-1][1] + words)
        else:
            joined.append((marked, words))
    assert runs(text) == joined
    assert plain(text) == text.replace("==", "")


@pytest.mark.parametrize(
    ("source", "stored"),
    [
        ("C++ and Rust", "C\\++ and Rust"),
        ("if a == b then", "if a \\== b then"),
        ("x += 1", "x += 1"),
        ("a === b", "a =\\== b"),
        ("C:\\new\\folder", "C:\\new\\folder"),  # a backslash before no sign is itself
        ("a\\=b", "a\\\\=b"),
        ("ends with \\", "ends with \\"),
    ],
)
def test_a_sources_own_signs_are_escaped_only_where_they_would_be_read_as_marks(
    source: str, stored: str
) -> None:
    assert escape(source) == stored
    assert plain(stored) == source
    assert marked_runs(stored) == [Marked(False, False, source)]


def test_a_mark_next_to_a_sources_own_sign_stays_a_mark() -> None:
    # "x=" highlighted: the sign just before the closing mark is escaped, not read with it.
    text = from_layers("x= y", bytes([HIGHLIGHTED] * 2 + [0, 0]))
    assert text == "==x\\=== y"
    assert layers(text) == ("x= y", bytearray([HIGHLIGHTED] * 2 + [0, 0]))
    text = from_layers("C++", bytes([UNDERLINED] * 3))
    assert text == "++C+\\+++"
    assert layers(text) == ("C++", bytearray([UNDERLINED] * 3))


# Words rich in what a mark or an escape is made of.
hostile_words = st.text(alphabet=st.sampled_from("=+\\ ab\n“é"), max_size=40)


@settings(max_examples=500, deadline=None)
@given(hostile_words, st.data())
def test_any_marking_of_any_words_gives_back_exactly_the_words(
    words: str, data: st.DataObject
) -> None:
    """The round trip: for any words and any marking of their characters, the text holds the
    words exactly and reads back as the same marking."""
    flags = bytes(data.draw(st.lists(st.integers(0, 3), min_size=len(words), max_size=len(words))))
    text = from_layers(words, flags)
    assert plain(text) == words
    assert layers(text) == (words, bytearray(flags))
    assert unclosed(text) is None


@settings(max_examples=300, deadline=None)
@given(hostile_words)
def test_escaped_words_are_the_words(words: str) -> None:
    assert plain(escape(words)) == words
    assert marked_runs(escape(words)) == ([Marked(False, False, words)] if words else [])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("=+\\ ab"), max_size=30))
def test_any_text_well_formed_reads_back_as_it_is_written(text: str) -> None:
    """Whatever is typed into the file, when its marks close, composing its runs again gives
    a text that reads as the same runs and the same words."""
    if unclosed(text) is not None:
        return
    again = compose(marked_runs(text))
    assert marked_runs(again) == marked_runs(text)
    assert plain(again) == plain(text)


def test_ordinary_words_are_stored_as_they_are() -> None:
    words = "Attacks rose 20% after the strike (see p. 4): “a gamble”."
    assert escape(words) == words


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("==read this", "cards.smith.text: a read-aloud mark '==' is not closed, at '==read this'"),
        ("C++ is fast", "cards.smith.text: an underline mark '++' is not closed, at '++ is fast'"),
        ("++a ==b++ c", "cards.smith.text: a read-aloud mark '==' is not closed, at '==b++ c'"),
    ],
)
def test_a_mark_that_does_not_close_is_refused_naming_the_mark_and_the_field(
    text: str, said: str
) -> None:
    data = small_data()
    data["cards"]["smith"]["text"] = text
    with pytest.raises(WorkbookError) as caught:
        validate(data, Path("w.toml"))
    message = str(caught.value)
    assert message.startswith(f"w.toml: {said}")
    assert "\n" not in message and "written \\" in message  # says how to write the sign itself


def test_a_file_with_an_unclosed_mark_is_one_line_and_exit_2(
    small_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = small_file.read_text(encoding="utf-8")
    broken = text.replace('tag = "Attacks rose"', 'tag = "Attacks rose"\ntext = "C++ rules"')
    assert broken != text
    small_file.write_text(broken, encoding="utf-8")
    assert main(["check", str(small_file)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cards.smith.text: an underline mark '++'" in err
    assert small_file.read_text(encoding="utf-8") == broken  # the file as it was


def test_marks_survive_the_file(small: Workbook) -> None:
    small.cards["smith"].text = "++The ==strike== was++ in C\\++"
    again = parse(dumps(small), Path("w.toml"))
    assert again.cards["smith"].text == "++The ==strike== was++ in C\\++"
    assert plain(again.cards["smith"].text) == "The strike was in C++"


def test_reading_time_counts_the_highlighted_words_or_all_when_none_are() -> None:
    assert words_read_aloud("++only underlined words++ here") == 4
    assert not has_highlighting("++only underlined words++ here")
    assert words_read_aloud("++underlined ==and read== aloud++") == 2
    assert read_aloud("a \\== b") == ["a == b"]  # an escaped sign is no mark


def test_what_is_spoken_breaks_only_where_words_are_skipped() -> None:
    text = "We ==were ready==, ==he said==, adding that ==the units== were ==on alert=="
    assert spoken(text) == ["were ready, he said", "the units", "on alert"]
    assert spoken("++nothing highlighted++ reads whole ") == ["nothing highlighted reads whole"]
    assert spoken("") == []


PARAGRAPHS = ["In C++, a == b compares.", "x += 1 adds; a\\=b is a path.", "Plain words."]


def test_a_cut_keeps_a_sources_own_signs_and_is_proven(data: dict[str, object]) -> None:
    """A source quoting code: cut, its text escaped so that nothing in it is read as a mark,
    the card is valid, its words are the source's, and it is proven against them."""
    data["sources"] = {"code": {"file": "w.code.txt", "paragraphs": 3}}
    workbook = Workbook.model_validate(data)
    card = cut_card(workbook, "code", PARAGRAPHS, 1, 2)
    assert plain(card.text) == "\n\n".join(PARAGRAPHS[:2])
    assert not any(run.underlined or run.highlighted for run in marked_runs(card.text))
    assert standing(card, PARAGRAPHS) == "proven"
    assert cut_text(PARAGRAPHS, 3, 3) == "Plain words."
    workbook.cards["code"] = card
    assert parse(dumps(workbook), Path("w.toml")).cards["code"].text == card.text
