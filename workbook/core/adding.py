"""Cards added to a card library from elsewhere (a squad's Word files), each card once: the
same text, marks and all, under the same cite is the card already there."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from workbook.core.claim_edits import slug
from workbook.core.cutting import PARAGRAPH_BREAK
from workbook.core.marks import closed_at
from workbook.core.merge_ids import FreeIds
from workbook.core.model import Card
from workbook.core.verbatim import cite_line


def same_card_key(card: Card) -> tuple[str, str]:
    """What makes two cards the same card: the same text, marks and all, and the same cite.

    The marks are compared a paragraph at a time, as a Word file keeps them (a mark across a
    paragraph break comes back from Word closed at the break and opened again). The cite is
    its fields as a Word file writes them, the part after the short cite (which reads the date
    against today): so a card and the same card read back from the workbook's own Word file
    are one card. A cite line of another form is compared as its file wrote it."""
    written = cite_line(card)[1]
    own_form = not card.cited_as or card.cited_as.endswith(written)
    return closed_at(card.text, PARAGRAPH_BREAK), written if own_form else card.cited_as


@dataclass
class Added:
    """What adding cards to a library did: the ids of the new cards, and how many were there
    already (the same card, imported again)."""

    new: list[str] = field(default_factory=list)
    already: int = 0


class LibraryAdder:
    """Cards added to a library batch after batch, each new card under an id made from its
    tag, a card already there (by `same_card_key`) not added again. The library is indexed
    once and ids handed out by `FreeIds`, so adding n cards costs about n steps."""

    def __init__(self, cards: dict[str, Card]) -> None:
        self.cards = cards
        self.known = {same_card_key(card): card_id for card_id, card in cards.items()}
        self.fresh = FreeIds(set(cards))

    def add(self, cards: Iterable[Card]) -> Added:
        added = Added()
        for card in cards:
            key = same_card_key(card)
            if key in self.known:
                added.already += 1
                continue
            wanted = slug(card.tag) or "card"
            # The tag's own words while they are free; then tag-1, tag-2, ...
            card_id = wanted if wanted not in self.fresh.taken else self.fresh(wanted)
            self.fresh.taken.add(card_id)
            self.cards[card_id] = card
            self.known[key] = card_id
            added.new.append(card_id)
        return added
