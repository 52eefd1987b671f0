"""Verbatim's structure, as the circuit's Word files hold it and its tools read it: the heading
levels and their names, the character styles of a card, and a card's cite line.

Verbatim (the policy-debate template for Word) files evidence under four heading levels, each a
built-in heading style renamed: Pocket (Heading 1), Hat (Heading 2), Block (Heading 3) and Tag
(Heading 4). A card is a Tag, its cite paragraph and its text up to the next Tag or heading; a
Tag with no cite after it is an analytic. Inside a card, the character styles Cite (the short
cite), Underline and Emphasis mark what matters, and highlighting marks what is read aloud.
Both reading a Word file and writing one go by these names, so they live here, below both.
"""

from __future__ import annotations

from typing import Final

from workbook.core import cites

# Heading levels: Word's outline level + 1, the number of "Heading N".
POCKET: Final = 1
HAT: Final = 2
BLOCK: Final = 3
TAG: Final = 4
LEVEL_NAMES: Final = {POCKET: "Pocket", HAT: "Hat", BLOCK: "Block", TAG: "Tag"}

# The character styles of a card, by Verbatim's names.
CITE_STYLE: Final = "Cite"
UNDERLINE_STYLE: Final = "Underline"
EMPHASIS_STYLE: Final = "Emphasis"
# Verbatim's own name for the paragraph style of an analytic written under a card.
ANALYTIC_STYLE: Final = "Analytic"

# What a cite line says for a card whose date is not known: the circuit's "No Date", so that
# the line still says it was looked for, and parsers that take a cite by its date see one.
NO_DATE: Final = "No Date"
# The short cite's form of it.
NO_DATE_SHORT: Final = "ND"


def short_cite(card: cites.Card) -> str:
    """The short cite as a cite line opens with it: "Smith 21", "Smith ND" when undated."""
    short = cites.short_cite(card)
    return short if card.date else " ".join(part for part in (short, NO_DATE_SHORT) if part)


def cite_parts(card: cites.Card) -> list[tuple[str, str]]:
    """The parts of the full cite in a cite line: as `cites.cite_parts`, with the date always
    there ("No Date" when it is not known)."""
    parts = cites.cite_parts(card)
    if not card.date:
        at = next(
            (i for i, (name, _) in enumerate(parts) if name not in ("author", "qualifications")),
            len(parts),
        )
        parts.insert(at, ("date", NO_DATE))
    return parts


def cite_line(card: cites.Card) -> tuple[str, str]:
    """A card's cite paragraph as (the short cite, the rest): "Smith 21" and
    " [John Smith, professor, 2021-03-04, “Title”, Publication, https://…, accessed 2026-12-07]
    //AB". The short cite is written in the Cite style; the rest follows it in the paragraph."""
    parts = cite_parts(card)
    full = ", ".join(text for name, text in parts if name != "cutter")
    rest = f" [{full}]"
    if card.cutter:
        rest += f" {cites.CUTTER_MARK}{card.cutter}"
    return short_cite(card), rest
