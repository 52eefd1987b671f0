"""Speech documents in Word: the speech in Verbatim's structure, read card for card by a parser
of the circuit, and its marked copy, marked where reading stopped."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.commands import main
from workbook.core.marks import plain, words_read_aloud
from workbook.core.model import Workbook
from workbook.core.verbatim import cite_line
from workbook.exports.docx import MARK_COLOUR, MARK_SIZE, stop_offset
from workbook.practice.formats import BUILT_IN
from workbook.practice.speech import Pick, Plan, candidates, read_in_time, word
from workbook.storage.places import seed_path
from workbook.storage.store import load

from .strategies import workbooks
from .verbatim_parser import SHORTEST, card_cuts, parsed_cards, read


def seed_plan(rate_side: str = "deterrence", speech: str = "2AR") -> tuple[Workbook, Plan]:
    seed = load(seed_path())
    spoken = BUILT_IN["policy-hs"].speech(speech)
    assert spoken is not None
    return seed, Plan(rate_side, spoken, candidates(seed, rate_side))


def test_the_speech_as_a_word_file_in_verbatims_structure(tmp_path: Path) -> None:
    out = tmp_path / "2AR.docx"
    assert (
        main(
            ["speech", str(seed_path()), "--side", "deterrence", "--speech", "2AR", "-o", str(out)]
        )
        == 0
    )
    seed, plan = seed_plan()
    document = docx.Document(str(out))
    paragraphs = document.paragraphs
    assert (paragraphs[0].style.name, paragraphs[0].text) == ("Heading 1", "2AR · Deterrence")
    assert document.core_properties.title == "2AR · Deterrence"
    # Every card the speech reads, in order, read back whole by a parser of the circuit.
    reads = [seed.cards[c] for pick in plan.picks for c in pick.cards if not seed.cards[c].is_open]
    tags = [card.tag for card in parsed_cards(document)]
    dated = [
        c.tag
        for c in reads
        if any(ch.isdigit() for ch in "".join(cite_line(c))) and len(plain(c.text)) >= SHORTEST
    ]
    assert set(dated) <= set(tags) <= {c.tag for c in reads}
    # Nothing but a card's own words after its cite: each point is a Tag of its own.
    for cut in card_cuts(document):
        assert len(cut) == 1 or cut[0] in {c.tag for c in reads}


def test_a_speech_that_fits_is_read_whole() -> None:
    seed, plan = seed_plan(speech="1AC")
    plan.picks = plan.picks[:1]
    assert read_in_time(seed, plan, 250) == (plan.picks, {})


def test_the_marked_copy_stops_where_the_time_runs_out(tmp_path: Path) -> None:
    seed, plan = seed_plan()
    # A rate at which the time runs out inside a card (at some, it runs out in a point's own
    # words, and no card is marked: see the test after this one).
    rate, (picks, stops) = next(
        (rate, read) for rate in range(100, 300, 5) if (read := read_in_time(seed, plan, rate))[1]
    )
    assert len(picks) < len(plan.picks) and len(stops) == 1
    ((pick_at, card_at), stop) = next(iter(stops.items()))
    assert pick_at == len(picks) - 1 and card_at == len(picks[-1].cards) - 1
    # The words read up to the stop fill the speech's time at the rate, to the word.
    before = sum(
        len(seed.claims[p.claim_id].points[p.point_id].text.split())
        + sum(
            len(seed.cards[c].tag.split()) + words_read_aloud(seed.cards[c].text) for c in p.cards
        )
        for p in picks
    )
    stopped = seed.cards[picks[-1].cards[-1]]
    read = before - words_read_aloud(stopped.text) + stop.words
    budget = plan.speech.seconds * rate / 60
    if stop.words:
        assert read <= budget < read + 1
    else:  # time ran out in the card's tag: none of its words read
        assert read - len(stopped.tag.split()) <= budget < read
    assert stop.at == "5:00"

    out = tmp_path / "2AR.marked.docx"
    args = ["speech", str(seed_path()), "--side", "deterrence", "--speech", "2AR"]
    assert main([*args, "--rate", str(rate), "--marked", "-o", str(out)]) == 0
    document = docx.Document(str(out))
    marks = [
        (paragraph, run)
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run.text == " ~ Marked 5:00 ~"
    ]
    assert len(marks) == 1
    paragraph, mark = marks[0]
    assert mark.font.size == MARK_SIZE and mark.font.color.rgb == MARK_COLOUR
    # The mark stands right after the last word read; the card goes on as it was.
    words = plain(stopped.text)
    offset = stop_offset(stopped.text, stop.words)
    assert offset is not None
    assert paragraph.text == words[:offset] + mark.text + words[offset:]
    # Nothing after the card where reading stopped.
    assert document.paragraphs[-1].text == paragraph.text


def test_time_run_out_in_a_points_own_words_marks_no_card() -> None:
    seed, plan = seed_plan()
    found = [read_in_time(seed, plan, rate) for rate in range(100, 300, 5)]
    in_words = [picks for picks, stops in found if not stops and len(picks) < len(plan.picks)]
    assert in_words, "no rate runs out in a point's words"
    for picks in in_words:  # the point reached last is read with none of its cards
        assert picks[-1].cards == ()


@pytest.mark.parametrize(
    ("text", "read", "offset"),
    [
        ("one two three", 2, len("one two")),
        ("one ==two three== four", 1, len("one two")),  # only the highlighted words count
        ("==one== two ==three== four", 1, len("one")),
        ("one two", 0, 0),
        ("one two", 2, None),  # read to its end: no stop
    ],
)
def test_where_reading_stops_in_a_card(text: str, read: int, offset: int | None) -> None:
    assert stop_offset(text, read) == offset


def test_a_marked_copy_is_a_word_file_or_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["speech", str(seed_path()), "--side", "deterrence", "--speech", "2AR", "--marked"]
    for more in ([], ["-o", str(tmp_path / "2AR.md")]):
        assert main([*args, *more]) == 2
        assert capsys.readouterr().err == (
            "--marked: a marked copy is a Word file: give -o OUT.docx\n"
        )
    assert list(tmp_path.iterdir()) == []


def test_a_speech_in_word_never_replaces_a_file_of_another_kind(
    seed_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = seed_copy.with_name("notes.docx")
    other.write_text("my own notes, not a Word file\n", encoding="utf-8")
    args = ["speech", str(seed_copy), "--side", "deterrence", "--speech", "2AR", "-o", str(other)]
    assert main(args) == 2
    assert "notes.docx" in capsys.readouterr().err
    assert other.read_text(encoding="utf-8") == "my own notes, not a Word file\n"


def test_the_word_speech_reads_a_plan_of_cards_it_names() -> None:
    seed, plan = seed_plan()
    first = plan.picks[0]
    plan.picks = [Pick(first.claim_id, first.point_id, first.cards[:1])]
    document = read(word(seed, plan, 250))
    parsed = parsed_cards(document)
    card = seed.cards[first.cards[0]]
    assert [p.tag for p in parsed] == ([card.tag] if not card.is_open else [])


@settings(max_examples=40, deadline=None)
@given(workbooks(), st.booleans())
def test_any_speech_makes_a_word_file(workbook: Workbook, marked: bool) -> None:
    """Whatever the workbook's text (control characters in a side's name, the motion, a
    point), its speech and marked copy are files Word reads: the document's own properties
    are made of the same text as its paragraphs."""
    side = next(iter(workbook.sides))
    spoken = BUILT_IN["policy-hs"].speech("1AC")
    assert spoken is not None
    plan = Plan(side, spoken, candidates(workbook, side))
    document = read(word(workbook, plan, 150, marked=marked, author="AB"))
    assert document.paragraphs[0].style.name == "Heading 1"
    assert document.core_properties.author == "AB"
