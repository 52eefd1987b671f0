"""Whether a card is still its source's words: its standing, shown wherever the card is.

A card cut from a source must be, with its marks taken out, whole paragraphs of the source's
stored text, exactly and in order. A card with no source was typed by hand: nothing proves it.
"""

from __future__ import annotations

from typing import Literal

from workbook.core.cutting import PARAGRAPH_BREAK
from workbook.core.marks import plain
from workbook.core.model import Card
from workbook.core.sequences import occurrences

Standing = Literal["proven", "drifted", "typed", "unread"]

STANDING_WORDS: dict[Standing, str] = {
    "proven": "proven against its source",
    "drifted": "no longer its source's words",
    "typed": "typed by hand",
    "unread": "its source's text is not there to prove it",
}


def paragraphs_found(card_text: str, paragraphs: list[str]) -> int | None:
    """The number (from 1) of the first of the source's paragraphs the card's words are,
    whole and in order, or None. Linear in the two, however many equal paragraphs either has:
    the card's paragraphs are a run looked for in the source's (`sequences.occurrences`)."""
    wanted = plain(card_text).split(PARAGRAPH_BREAK)
    if not wanted[0]:
        return None
    found = next(occurrences(wanted, paragraphs), None)
    return None if found is None else found + 1


def standing(card: Card, paragraphs: list[str] | None) -> Standing:
    """The card's standing, given its source's stored paragraphs (None when not there)."""
    if not card.source:
        return "typed"
    if paragraphs is None:
        return "unread"
    return "proven" if paragraphs_found(card.text, paragraphs) is not None else "drifted"
