"""What a cite lacks and what in it was guessed, as `source list` and the app flag it: a
field not found is "date?", a field read from the text rather than the page's metadata (a
byline, a PDF's first page) is "author~", so that the user knows what to check."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from workbook.core.model import CITE_FIELDS, ESSAY, Source, Workbook

# Origins that are a reading of the text, not what the page or file says of itself: a byline,
# and the file's own text (a PDF's largest type taken for its title, a Markdown file's first
# heading). The address and the date a browser noted at the top of a page it saved ("file"
# too) are what they say.
GUESSED_ORIGINS = frozenset({"byline", "file"})
NOTED_BY_THE_BROWSER = frozenset({"url", "accessed"})
# The cite fields an essay has.
ESSAY_FIELDS = ("author", "date", "title", "publication", "url")
MISSING, GUESSED = "?", "~"


def cite_of(workbook: Workbook, source_id: str) -> tuple[dict[str, str], Mapping[str, str]]:
    """The cite fields of source `source_id` (ESSAY for the essay's) and their origins."""
    if source_id == ESSAY:
        essay = workbook.essay
        return {name: getattr(essay, name) for name in ESSAY_FIELDS}, {}
    source: Source = workbook.sources[source_id]
    return {name: getattr(source, name) for name in CITE_FIELDS}, source.origins


def missing(fields: Mapping[str, str]) -> list[str]:
    """The cite fields not found, in the cite's order."""
    return [name for name, value in fields.items() if not value]


def guessed(fields: Mapping[str, str], origins: Mapping[str, str]) -> list[str]:
    """The cite fields filled from a reading of the text, in the cite's order."""
    return [name for name, value in fields.items() if value and is_guess(name, origins.get(name))]


def is_guess(name: str, origin: str | None) -> bool:
    """Whether cite field `name`, read from `origin`, was guessed from the text."""
    if origin == "file" and name in NOTED_BY_THE_BROWSER:
        return False
    return origin in GUESSED_ORIGINS


def flags(fields: Mapping[str, str], origins: Mapping[str, str]) -> list[str]:
    """Each field to check, flagged: "date?" (missing), "author~" (guessed), in cite order."""
    gone, read = set(missing(fields)), set(guessed(fields, origins))
    return [
        name + (MISSING if name in gone else GUESSED)
        for name in fields
        if name in gone or name in read
    ]


def citing_cards(workbook: Workbook, source_id: str) -> Sequence[str]:
    """The ids of the library's cards cut from source `source_id`."""
    return [card_id for card_id, card in workbook.cards.items() if card.source == source_id]
