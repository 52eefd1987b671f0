"""The brief's cards: each printed once, in full, under the first point that reads it, and cited
by its short cite, linked to that printing, under every point after; and the index of cards.

A card read by many points used to be printed in full under each of them, so the brief grew
with every read and a reader could not tell a card read twice from two cards. Now every read
goes through one `CardLines`, which alone decides whether a read prints the card or cites it,
in the order the brief is read: no path prints a card twice. Short cites are not unique (two
cards of "Pompeo 20"), so each printed card has a number, and a later read names it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbook.essay.quotes import cut
from workbook.exports.brief_text import Highlight, card_line, inline

if TYPE_CHECKING:
    from workbook.core.model import Card

# Characters of a claim's name that the index of cards gives for where a card is read.
INDEXED_NAME = 40


def card_anchor(card_id: str) -> str:
    return f"card-{card_id}"


def notes_line(notes: str) -> str:
    """Our notes on a card or a claim, labelled as ours: never in quotation marks."""
    return f"*Note:* {inline(notes)}"


@dataclass
class Read:
    """Where a card was read: the claim (its anchor and name) and the point."""

    claim_anchor: str
    claim_name: str
    point_id: str


@dataclass
class Printing:
    """A card's number, and every place it is read, the first being where it is printed."""

    number: int
    reads: list[Read] = field(default_factory=list)


class CardLines:
    """The lines of the cards as the brief reads them, in its order: a card's first read prints
    it in full (numbered, with an anchor, and with its notes unless `notes` is False); every
    later read cites it by its short cite, linked to that printing."""

    def __init__(
        self,
        cards: Mapping[str, Card],
        with_text: bool,
        highlight: Highlight = "bold",
        notes: bool = True,
    ) -> None:
        self.cards, self.with_text, self.highlight, self.notes = cards, with_text, highlight, notes
        self.printed: dict[str, Printing] = {}

    def __contains__(self, card_id: object) -> bool:
        return card_id in self.cards

    def read(self, card_id: str, where: Read | None = None) -> str:
        """The line for a read of `card_id` at `where`: the card in full, or a citation of it."""
        card = self.cards[card_id]
        if card.is_open:
            return card_line(card, self.with_text, self.highlight)
        printing = self.printed.get(card_id)
        if printing is not None:
            if where is not None:
                printing.reads.append(where)
            cite = inline(card.cite or "(no cite)")
            return f"▪ [{cite}](#{card_anchor(card_id)}), card {printing.number}, printed above"
        printing = self.printed[card_id] = Printing(len(self.printed) + 1)
        if where is not None:
            printing.reads.append(where)
        line = card_line(card, self.with_text, self.highlight, f"card {printing.number}: ")
        if self.notes and card.notes.strip():
            line += f"<br>{notes_line(card.notes)}"
        return f'<a id="{card_anchor(card_id)}"></a>{line}'

    def index(self) -> list[str]:
        """The index of the cards printed: by short cite, each linked to its printing, then
        where it is read, claim by claim, the first being where it is printed."""
        out: list[str] = []

        def by_cite(item: tuple[str, Printing]) -> tuple[str, int]:
            return self.cards[item[0]].cite.lower(), item[1].number

        for card_id, printing in sorted(self.printed.items(), key=by_cite):
            cite = inline(self.cards[card_id].cite or "(no cite)")
            entry = f"- [{cite}](#{card_anchor(card_id)}), card {printing.number}"
            if printing.reads:
                entry += ": " + "; ".join(_places(printing.reads))
            out.append(entry)
        return out


def _places(reads: list[Read]) -> list[str]:
    """Where a card is read, each claim named once with its points: "Claim… p1, p3"."""
    points: dict[tuple[str, str], list[str]] = {}
    for read in reads:
        points.setdefault((read.claim_anchor, read.claim_name), []).append(read.point_id)
    return [
        f"[{inline(cut(name, INDEXED_NAME))}](#{claim}) {', '.join(map(inline, ids))}"
        for (claim, name), ids in points.items()
    ]
