"""What each field of a source's cite says about itself: found, guessed, or missing, as
`source list` and the app flag it ("date?" missing, "author~" guessed), so that the user knows
what to check before the card is read in a round.

A source's `origins` say where each cite field was read from. A field read from what the page
or document declares of itself (its metadata, JSON-LD, Open Graph, Highwire's `citation_*`
tags, Dublin Core, a PDF's document information) was found; so was one typed by hand. Two
origins are readings of the text, and so guesses:

- "byline": a name read from the page's own words near the headline, which may be a
  photographer's, an editor's or a wire service's;
- "file": the file's own text or name (a PDF's largest type taken for its title, a Markdown
  file's first heading); but the address and the date a browser noted at the top of a page
  it saved are what they say.

"today", the date accessed taken to be the day the source was added, is what the workbook
knows, not a guess. A field that is empty was not found: it is missing, whatever its origin.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal, NamedTuple

from workbook.core.model import CITE_FIELDS, ESSAY, Card, Source, Workbook

Flag = Literal["found", "guessed", "missing"]

GUESSED_ORIGINS = frozenset({"byline", "file"})
NOTED_BY_THE_BROWSER = frozenset({"url", "accessed"})
# How the app says where a guessed field came from.
GUESSED_FROM = {"byline": "from the byline", "file": "from the file's own text"}
# The cite fields an essay has: a card cut from it takes these.
ESSAY_FIELDS = ("author", "date", "title", "publication", "url")
MISSING, GUESSED = "?", "~"


class CiteField(NamedTuple):
    """One field of a cite as the app shows it: its name, its value, and what it says of
    itself (with the origin of a guessed one)."""

    name: str
    value: str
    flag: Flag
    origin: str


def is_guess(name: str, origin: str | None) -> bool:
    """Whether cite field `name`, read from `origin`, was guessed from the text."""
    if origin == "file" and name in NOTED_BY_THE_BROWSER:
        return False
    return origin in GUESSED_ORIGINS


def field_flag(name: str, value: str, origin: str) -> Flag:
    """A field's flag, given its value and its origin ("" when none is recorded)."""
    if not value.strip():
        return "missing"
    return "guessed" if is_guess(name, origin) else "found"


def cite_of(workbook: Workbook, source_id: str) -> tuple[dict[str, str], Mapping[str, str]]:
    """The cite fields of source `source_id` (ESSAY for the essay's) and their origins."""
    if source_id == ESSAY:
        essay = workbook.essay
        if essay is None:  # a card library: no essay, so nothing of one to cite
            return dict.fromkeys(ESSAY_FIELDS, ""), {}
        return {name: getattr(essay, name) for name in ESSAY_FIELDS}, {}
    source: Source = workbook.sources[source_id]
    return {name: getattr(source, name) for name in CITE_FIELDS}, source.origins


def cite_fields(workbook: Workbook, source_id: str) -> list[CiteField]:
    """The cite fields of source `source_id` (ESSAY for the essay's), in the full cite's
    order, each flagged."""
    fields, origins = cite_of(workbook, source_id)
    return [
        CiteField(
            name, value, field_flag(name, value, origins.get(name, "")), origins.get(name, "")
        )
        for name, value in fields.items()
    ]


def to_check(fields: list[CiteField]) -> list[CiteField]:
    """The fields the user should check: those missing or guessed, in order."""
    return [field for field in fields if field.flag != "found"]


def flags(fields: Mapping[str, str], origins: Mapping[str, str]) -> list[str]:
    """Each field to check, flagged: "date?" (missing), "author~" (guessed), in cite order."""
    marks = {"missing": MISSING, "guessed": GUESSED}
    flagged = (
        (name, field_flag(name, value, origins.get(name, ""))) for name, value in fields.items()
    )
    return [name + marks[flag] for name, flag in flagged if flag != "found"]


def missing(fields: Mapping[str, str]) -> list[str]:
    """The cite fields not found, in the cite's order."""
    return [name for name, value in fields.items() if not value.strip()]


def guessed(fields: Mapping[str, str], origins: Mapping[str, str]) -> list[str]:
    """The cite fields filled from a reading of the text, in the cite's order."""
    return [name for name, value in fields.items() if value and is_guess(name, origins.get(name))]


def source_short_cite(workbook: Workbook, source_id: str) -> str:
    """The short cite a card cut from source `source_id` (ESSAY for the essay) reads aloud."""
    fields, _ = cite_of(workbook, source_id)
    return Card.model_validate(fields).cite


def citing_cards(workbook: Workbook, source_id: str) -> Sequence[str]:
    """The ids of the library's cards cut from source `source_id`."""
    return [card_id for card_id, card in workbook.cards.items() if card.source == source_id]
