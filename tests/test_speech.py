"""The speech builder: words to read, the gauge at its thresholds, rates and the Markdown."""

from __future__ import annotations

import pytest

from workbook.core.marks import words_read_aloud
from workbook.core.model import Workbook
from workbook.practice.formats import BUILT_IN
from workbook.practice.speech import (
    Pick,
    Plan,
    candidates,
    gauge,
    markdown,
    parse_rate,
    pick_words,
    reading_seconds,
    words,
)
from workbook.storage.files import WorkbookError
from workbook.storage.places import seed_path
from workbook.storage.store import load


@pytest.mark.parametrize(
    ("share", "colour"),
    [(0.749, "green"), (0.75, "yellow"), (1.0, "yellow"), (1.001, "red")],
)
def test_the_gauge_turns_at_three_quarters_and_at_the_whole(share: float, colour: str) -> None:
    length = 480
    assert gauge(share * length, length) == (colour, pytest.approx(share))


def test_the_gauge_in_words_at_a_rate() -> None:
    # 8 minutes at 250 words a minute is 2,000 words: 1,499 is green, 1,500 yellow.
    assert gauge(reading_seconds(1499, 250), 480)[0] == "green"
    assert gauge(reading_seconds(1500, 250), 480)[0] == "yellow"
    assert gauge(reading_seconds(2000, 250), 480)[0] == "yellow"
    assert gauge(reading_seconds(2001, 250), 480)[0] == "red"


@pytest.mark.parametrize(
    ("typed", "rate"),
    [("lay", 150), ("200", 200), ("250", 250), (" Spreading ", 300), ("410", 410)],
)
def test_rates_are_presets_or_a_number(typed: str, rate: int) -> None:
    assert parse_rate(typed) == rate


@pytest.mark.parametrize("typed", ["0", "-5", "fast", "", "2000"])
def test_a_bad_rate_is_refused(typed: str) -> None:
    with pytest.raises(WorkbookError, match="--rate"):
        parse_rate(typed)


def test_words_are_point_texts_tags_and_marked_words() -> None:
    workbook = load(seed_path())
    side = next(iter(workbook.sides))
    picks = candidates(workbook, side)
    pick = next(p for p in picks if p.cards)
    point = workbook.claims[pick.claim_id].points[pick.point_id]
    expected = len(point.text.split()) + sum(
        len(workbook.cards[c].tag.split()) + words_read_aloud(workbook.cards[c].text)
        for c in pick.cards
    )
    assert pick_words(workbook, pick) == expected
    without_cards = Pick(pick.claim_id, pick.point_id, ())
    assert pick_words(workbook, without_cards) == len(point.text.split())
    plan = Plan(side, BUILT_IN["ld"].speeches[0], [pick, without_cards])
    assert words(workbook, plan) == expected + len(point.text.split())


def test_answers_across_claims_and_the_markdown() -> None:
    workbook = load(seed_path())
    side = next(iter(workbook.sides))
    answers = candidates(workbook, side, answers_only=True)
    claims = {p.claim_id for p in answers}
    assert len(claims) > 1  # across claims
    assert all(workbook.claims[p.claim_id].points[p.point_id].kind == "answers" for p in answers)
    speech = BUILT_IN["policy-hs"].speech("1AR")
    assert speech is not None
    text = markdown(workbook, Plan(side, speech, answers[:2]), 250)
    assert text.startswith(f"# 1AR · {workbook.sides[side].name}\n")
    assert text.count("\n## ") == 2 and "of 5:00 at 250 wpm" in text
    first = workbook.claims[answers[0].claim_id].points[answers[0].point_id]
    assert f"answers {first.answers}" in text


def test_a_speech_counts_and_shows_the_highlighted_words_of_an_underlined_card(
    small: Workbook,
) -> None:
    """Underlining matters to the reader but is not read: the speech counts the highlighted
    words, and its Markdown shows both layers."""
    small.cards["smith"].text = "The ++strike ==was reckless== and costly++ says Smith"
    pick = Pick("blowback", "p1", ("smith",))
    # p1's text (2 words), the tag (2) and the highlighted words (2), not the underlined ones.
    assert pick_words(small, pick) == 2 + 2 + 2
    plan = Plan("con", BUILT_IN["ld"].speeches[0], [pick])
    assert "“The <ins>strike **was reckless** and costly</ins> says Smith”" in markdown(
        small, plan, 250
    )
