"""Finding a card in a workbook's library as a debater types: by its short cite, tag, full
cite, text or notes, forgiving a few letters left out ("jpost" finds the Jerusalem Post).
The app's picker and `workbook cards --search` both search this way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbook.core.marks import plain

if TYPE_CHECKING:
    from workbook.core.model import Card, Workbook

# A word found in what is read aloud first (the short cite and the tag) counts for more than
# one found in the full cite, and that for more than one found only in the text.
CITE_OR_TAG, FULL_CITE, TEXT, LETTERS = 4, 2, 1, 0.5


@dataclass(frozen=True)
class Haystack:
    """A card's words, lowered once, so that each letter typed costs one pass over the library."""

    card_id: str
    short: str  # id and short cite: where letters left out are forgiven
    head: str  # id, short cite and tag
    full_cite: str
    text: str  # the card's text and our notes on it ("Hoover" finds the speech's cards)

    @classmethod
    def of(cls, card_id: str, card: Card) -> Haystack:
        short = f"{card_id} {card.cite}".lower()
        head = f"{short} {card.tag.lower()}"
        text = f"{plain(card.text)} {card.notes}".lower()
        return cls(card_id, short, head, card.full_cite.lower(), text)


def haystacks(workbook: Workbook) -> list[Haystack]:
    return [Haystack.of(card_id, card) for card_id, card in workbook.cards.items()]


def in_order(word: str, words: str) -> bool:
    """True when the letters of `word` appear in `words` in that order, gaps allowed."""
    position = 0
    for letter in word:
        position = words.find(letter, position) + 1
        if not position:
            return False
    return True


def word_score(word: str, hay: Haystack) -> float:
    """How well one typed word fits a card; 0 when it does not."""
    if word in hay.head:
        # A word that starts a word of the cite or tag ("smi" in "smith 21") fits best.
        starts = hay.head.startswith(word) or f" {word}" in hay.head
        return CITE_OR_TAG + (1 if starts else 0)
    if word in hay.full_cite:
        return FULL_CITE
    if word in hay.text:
        return TEXT
    # Letters in order, gaps allowed, only in the short cite: in a long tag nearly any
    # letters are found in order.
    if len(word) > 1 and in_order(word, hay.short):
        return LETTERS
    return 0


def score(query: str, hay: Haystack) -> float:
    """Every typed word must fit somewhere: the sum of how well each fits, or 0."""
    total = 0.0
    for word in query.lower().split():
        fit = word_score(word, hay)
        if not fit:
            return 0
        total += fit
    return total


def search(hays: list[Haystack], query: str) -> list[str]:
    """The ids of the cards that fit `query`, best first, ties in library order; every card,
    in library order, when nothing is typed."""
    if not query.split():
        return [hay.card_id for hay in hays]
    scored = [(score(query, hay), index, hay.card_id) for index, hay in enumerate(hays)]
    return [card_id for fit, _, card_id in sorted(scored, key=lambda s: (-s[0], s[1])) if fit]
