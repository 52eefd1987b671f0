"""A card's cite, as debaters read and check it: the short cite and the full cite line.

Both are derived from the card's fields and never stored, so they cannot disagree with them.
"""

from __future__ import annotations

import re
from typing import Protocol


class Card(Protocol):
    """What a cite is made of: the card's fields (the model's `Card`, which calls these, is
    defined in terms of them, so this module does not import it)."""

    @property
    def author(self) -> str: ...
    @property
    def qualifications(self) -> str: ...
    @property
    def date(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def publication(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def accessed(self) -> str: ...


_AUTHORS = re.compile(r";| and | & ")


def short_cite(card: Card) -> str:
    """The cite read aloud, "Smith 21": the first author's surname (" et al." for several),
    else the publication, else the title; then the date's two-digit year."""
    authors = [a.strip() for a in _AUTHORS.split(card.author) if a.strip()]
    if authors:
        name = authors[0].split()[-1].rstrip(",")
        if len(authors) > 1:
            name += " et al."
    else:
        name = card.publication or card.title
    year = card.date[2:4] if card.date else ""
    return " ".join(part for part in (name, year) if part)


def cite_parts(card: Card) -> list[tuple[str, str]]:
    """The parts of the full cite line as (field, text as shown), those the card has."""
    parts = [
        ("author", card.author),
        ("qualifications", card.qualifications),
        ("date", card.date),
        ("title", f"“{card.title}”" if card.title else ""),
        ("publication", card.publication),
        ("url", card.url),
        ("accessed", f"accessed {card.accessed}" if card.accessed else ""),
    ]
    return [(name, text) for name, text in parts if text]


def full_cite(card: Card) -> str:
    """The full cite line: author, qualifications, date, “title”, publication, url and
    "accessed DATE", whatever the card has, in that order."""
    return ", ".join(text for _, text in cite_parts(card))


def incomplete_cite(card: Card) -> bool:
    """A cite an opponent can challenge: no date, or neither an author nor a publication."""
    return not card.date or not (card.author or card.publication)
