"""Whether a card is still its source's words: its standing, shown wherever the card is, and
what went wrong when it is not.

A card cut from a source must be, with its marks taken out, whole paragraphs of the source's
stored text, exactly and in order: then it is proven. A card whose passages are each the
source's words, joined by an ellipsis the source does not have there, is *joined*: every word
is the source's, but the evidence rules ask for whole paragraphs, so it is an ethics problem to
fix, not a card that lies. Anything else is drifted: a word edited, added or dropped, a
sentence left out, a paragraph cut short, paragraphs skipped or out of order. A card with no
source was typed by hand: nothing proves it.

Every search is linear in the card and the source: the card's paragraphs are looked for in the
source's list of paragraphs by `sequences.occurrences`, whatever the source repeats.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, partial
from itertools import accumulate
from typing import Literal

from workbook.core.cutting import PARAGRAPH_BREAK
from workbook.core.marks import plain
from workbook.core.model import Card
from workbook.core.sequences import longest_prefix, occurrences

Standing = Literal["proven", "joined", "drifted", "typed", "unread"]

STANDING_WORDS: dict[Standing, str] = {
    "proven": "proven against its source",
    "joined": "its source's words, joined by an ellipsis",
    "drifted": "no longer its source's words",
    "typed": "typed by hand",
    "unread": "its source's text is not there to prove it",
}

# What went wrong with a drifted card: its words differ from the source's; it is part of a
# paragraph, not all of it; its paragraphs are the source's but not one run; it has no words.
Drift = Literal["words", "part", "order", "empty"]

# An ellipsis as printed or as typed ("...", ". . .", or after a stop, "...."). The spaces
# around it are stripped from the passages, not matched here: a pattern that opened with a
# run of spaces would try every run from every one of its spaces, the square of its length.
ELLIPSIS = re.compile(r"…|\.{3,}|\.(?: \.){2,}")


class SourceText:
    """A source's stored paragraphs, with what proving many cards against it reads again and
    again worked out once, when first asked: the whole text, and where each paragraph is."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.paragraphs = paragraphs

    @cached_property
    def whole(self) -> str:
        """The paragraphs as one text, as a card's text joins them."""
        return PARAGRAPH_BREAK.join(self.paragraphs)

    @cached_property
    def starts(self) -> list[int]:
        """Where each paragraph starts in `whole`."""
        step = len(PARAGRAPH_BREAK)
        return list(accumulate((len(p) + step for p in self.paragraphs[:-1]), initial=0))

    @cached_property
    def first_places(self) -> dict[str, int]:
        """Each paragraph's words, and the first place (from 0) they stand."""
        places: dict[str, int] = {}
        for place, paragraph in enumerate(self.paragraphs):
            places.setdefault(paragraph, place)
        return places

    def number_at(self, offset: int) -> int:
        """The number (from 1) of the paragraph that character `offset` of `whole` is in."""
        return bisect_right(self.starts, offset)


@dataclass(frozen=True)
class Proof:
    """A card held against its source's text. `first` is the source's paragraph (from 1) a
    proven card begins with; for a joined card, the paragraphs its passages come from. For a
    drifted one: what went wrong, the card's paragraph (from 1) where it first shows, that
    paragraph's words, the source's paragraph it concerns (0 when none does), and the one
    that would have followed the card's paragraph before it (0 when none would)."""

    standing: Literal["proven", "joined", "drifted"]
    first: int = 0
    drift: Drift | None = None
    part: int = 0
    words: str = ""
    paragraph: int = 0
    follows: int = 0
    passages: tuple[int, ...] = ()


def paragraphs_found(card_text: str, paragraphs: list[str]) -> int | None:
    """The number (from 1) of the first of the source's paragraphs the card's words are,
    whole and in order, or None. Linear in the two, however many equal paragraphs either has."""
    wanted = plain(card_text).split(PARAGRAPH_BREAK)
    if not wanted[0]:
        return None
    found = next(occurrences(wanted, paragraphs), None)
    return None if found is None else found + 1


def prove(card_text: str, source: SourceText) -> Proof:
    """The card's text, marks taken out, held against the source's stored text."""
    first = paragraphs_found(card_text, source.paragraphs)
    if first is not None:
        return Proof("proven", first)
    words = plain(card_text)
    if not words.strip():
        return Proof("drifted", drift="empty", part=1)
    passages = _joined(words, source)
    if passages:
        return Proof("joined", passages=passages)
    return _drifted(words.split(PARAGRAPH_BREAK), source)


def _joined(words: str, source: SourceText) -> tuple[int, ...]:
    """The paragraphs (from 1) of the passages the card's ellipses join, in order, when each
    passage is the source's words and the ellipses are not; () otherwise."""
    passages = [passage.strip() for passage in ELLIPSIS.split(words) if passage.strip()]
    if len(passages) < 2 or words.strip() in source.whole:
        return ()  # no join, or the ellipses are the source's own: a passage, cut short
    numbers: list[int] = []
    at = 0
    for passage in passages:
        # The leftmost place of each passage after the last leaves the most room for the rest.
        found = source.whole.find(passage, at)
        if found < 0:
            return ()
        numbers.append(source.number_at(found))
        at = found + len(passage)
    return tuple(numbers)


def _drifted(parts: list[str], source: SourceText) -> Proof:
    """Where a card that is not the source's words first goes wrong, and how: after the
    longest run of its first paragraphs that the source has, whole and in order."""
    paragraphs = source.paragraphs
    good, start = longest_prefix(parts, paragraphs)
    part = parts[min(good, len(parts) - 1)]
    following = start + good if good and start + good < len(paragraphs) else -1
    drifted = partial(Proof, "drifted", part=good + 1, words=part, follows=following + 1)
    place = source.first_places.get(part)
    if place is not None:  # a whole paragraph, but not the one that follows
        return drifted(drift="order", paragraph=place + 1)
    if part.strip():
        if following >= 0 and part in paragraphs[following]:
            return drifted(drift="part", paragraph=following + 1)
        found = source.whole.find(part)
        if found >= 0:
            return drifted(drift="part", paragraph=source.number_at(found))
    return drifted(drift="words")


def standing(card: Card, paragraphs: list[str] | None) -> Standing:
    """The card's standing, given its source's stored paragraphs (None when not there)."""
    if not card.source:
        return "typed"
    if paragraphs is None:
        return "unread"
    return prove(card.text, SourceText(paragraphs)).standing
