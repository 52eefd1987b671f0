"""What each field of a source's cite says about itself: found, guessed, or missing.

A source's `origins` say where each cite field was read from. A field read from what the page
or document declares of itself (its metadata, JSON-LD, Open Graph, Highwire's `citation_*`
tags, Dublin Core, a PDF's document information) was found; so was one typed by hand. Three
origins are guesses, for the user to check before the card is read in a round:

- "byline": a name read from the page's own words near the headline, which may be a
  photographer's, an editor's or a wire service's;
- "file": the file's name or its first line, which the user or the browser chose;
- "today": the date accessed, taken to be the day the source was added, which is not the day
  the page was saved when it was saved earlier.

A field that is empty was not found: it is missing, whatever its origin says.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from workbook.core.model import CITE_FIELDS, ESSAY, Card, Workbook

Flag = Literal["found", "guessed", "missing"]

GUESSED = frozenset({"byline", "file", "today"})
# How the app says where a guessed field came from.
GUESSED_FROM = {
    "byline": "from the byline",
    "file": "from the file's name",
    "today": "the day it was added",
}
# The essay's cite has these fields only: a card cut from it takes these.
ESSAY_FIELDS = ("author", "date", "title", "publication", "url")


class CiteField(NamedTuple):
    """One field of a cite as the app shows it: its name, its value, and what it says of
    itself (with the origin of a guessed one)."""

    name: str
    value: str
    flag: Flag
    origin: str


def field_flag(value: str, origin: str) -> Flag:
    """A field's flag, given its value and its origin ("" when none is recorded)."""
    if not value.strip():
        return "missing"
    return "guessed" if origin in GUESSED else "found"


def cite_fields(workbook: Workbook, source_id: str) -> list[CiteField]:
    """The cite fields of source `source_id` (ESSAY for the essay's), in the full cite's
    order, each flagged."""
    names: tuple[str, ...]
    if source_id == ESSAY:
        cited: object = workbook.essay
        names, origins = ESSAY_FIELDS, {}  # what `workbook new` read is not recorded
    else:
        source = workbook.sources[source_id]
        cited, names, origins = source, CITE_FIELDS, dict(source.origins)
    fields = []
    for name in names:
        value, origin = getattr(cited, name), origins.get(name, "")
        fields.append(CiteField(name, value, field_flag(value, origin), origin))
    return fields


def short_cite(workbook: Workbook, source_id: str) -> str:
    """The short cite a card cut from source `source_id` (ESSAY for the essay) reads aloud."""
    return Card(**{f.name: f.value for f in cite_fields(workbook, source_id)}).cite


def to_check(fields: list[CiteField]) -> list[CiteField]:
    """The fields the user should check: those missing or guessed, in order."""
    return [field for field in fields if field.flag != "found"]
