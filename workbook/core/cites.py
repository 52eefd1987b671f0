"""A card's cite, as debaters read and check it: the short cite and the full cite line.

Both are derived from the card's fields and never stored, so they cannot disagree with them.
"""

from __future__ import annotations

import datetime as dt
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
    @property
    def pages(self) -> str: ...
    @property
    def cutter(self) -> str: ...


# Between the names of an author line: "A and B", "A & B", "A; B; C" (any case, any spacing).
AUTHOR_LIST = re.compile(r"\s*(?:;|\band\b|&)\s*", re.IGNORECASE)
# Before the cutter's initials at the end of a full cite, as the circuit signs a card.
CUTTER_MARK = "//"
# Before a card's page or pages in a cite line.
PAGE_MARK, PAGES_MARK = "p.", "pp."
# Letters (of any script), with a stop or a hyphen after any of them, eight characters at most.
INITIALS = re.compile(r"(?=.{1,8}\Z)(?:[^\W\d_][.\-]?)+")


def split_authors(line: str) -> list[str]:
    """The names of an author line, as a cite or a document writes them: each name's white
    space of any kind (a tab, a form feed, an ideographic space) one space, so that a name
    is never white space alone, which has no last word to read as a surname."""
    names = (" ".join(part.split()).strip(" ,") for part in AUTHOR_LIST.split(line))
    return [name for name in names if name]


def short_cite(card: Card, today: dt.date | None = None) -> str:
    """The cite read aloud, "Smith 21": the first author's surname (" et al." for several),
    else the publication, else the title; then the date as `date_read_aloud` reads it on
    `today` (by default, the day it is)."""
    authors = split_authors(card.author)
    if authors:
        name = authors[0].split()[-1].rstrip(",")
        if len(authors) > 1:
            name += " et al."
    else:
        name = card.publication or card.title
    when = date_read_aloud(card.date, today or dt.date.today())
    return " ".join(part for part in (name, when) if part)


def date_read_aloud(date: str, today: dt.date) -> str:
    """A cite's date as debaters read it (Verbatim's rule): month/day for a day of this year
    ("3/4"), else the two-digit year ("21"; "26" for this year, when its day is not known).
    `date` is YYYY, YYYY-MM or YYYY-MM-DD, as a card's field holds it; "" for none."""
    year, _, rest = date.partition("-")
    if not year:
        return ""
    month, _, day = rest.partition("-")
    if year == f"{today.year:04d}" and day:
        return f"{int(month)}/{int(day)}"
    return year[2:4]


def cite_parts(card: Card) -> list[tuple[str, str]]:
    """The parts of the full cite line as (field, text as shown), those the card has: the
    pages after the publication ("p. 12"), the cutter's initials last, after "//"."""
    parts = [
        ("author", card.author),
        ("qualifications", card.qualifications),
        ("date", card.date),
        ("title", f"“{card.title}”" if card.title else ""),
        ("publication", card.publication),
        ("pages", pages_cited(card.pages)),
        ("url", card.url),
        ("accessed", f"accessed {card.accessed}" if card.accessed else ""),
        ("cutter", f"{CUTTER_MARK}{card.cutter}" if card.cutter else ""),
    ]
    return [(name, text) for name, text in parts if text]


def pages_cited(pages: str) -> str:
    """The pages a card stands on as a cite gives them: "p. 12", "pp. 12-13"; "" for none."""
    if not pages:
        return ""
    return f"{PAGES_MARK if '-' in pages or '–' in pages else PAGE_MARK} {pages}"


def joined_cite(parts: list[tuple[str, str]]) -> str:
    """The parts of a full cite line (as `cite_parts` gives them, each perhaps shown in a
    form of its own) as one line: commas between them, the cutter's initials after a space."""
    cite = ", ".join(text for name, text in parts if name != "cutter")
    return " ".join([cite, *(text for name, text in parts if name == "cutter")]).strip()


def full_cite(card: Card) -> str:
    """The full cite line: author, qualifications, date, “title”, publication, pages, url and
    "accessed DATE", whatever the card has, in that order, and the cutter's "//AB"."""
    return joined_cite(cite_parts(card))


def initials_problem(initials: str) -> str:
    """What is wrong with initials as a cutter signs a card ("AB", "J.D.", "Ö-K"), or ""."""
    if INITIALS.fullmatch(initials) is None:
        return (
            "initials are up to 8 letters, perhaps with '.' or '-' between them "
            f"(like AB or J.D.; got {initials!r})"
        )
    return ""


def incomplete_cite(card: Card) -> bool:
    """A cite an opponent can challenge: no date, or neither an author nor a publication."""
    return not card.date or not (card.author or card.publication)
