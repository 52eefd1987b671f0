"""The evidence a workbook holds: a card, and the source it was cut from.

A card is an evidence slot with its cite, its text and the marks on it; a source is an article,
paper or page stored beside the workbook, that `check` proves cards against. Both are tables of
the file, as strict as the rest of the model (model.py, which builds on this module).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from workbook.core import cites
from workbook.core.fields import Line, MarkedText, PartialDate, RelativeFile, Text


class StrictModel(BaseModel):
    """A table of the file: no field it does not know, and no type guessed."""

    # Strict: a string where a number belongs is a mistake in the file, not something to guess at.
    model_config = ConfigDict(extra="forbid", strict=True)


class Card(StrictModel):
    """An evidence slot. Every field may be empty: an empty card is an open slot."""

    tag: Line = ""
    author: Line = ""
    qualifications: Line = ""
    date: PartialDate = ""
    title: Line = ""
    publication: Line = ""
    url: Line = ""
    accessed: PartialDate = ""
    pages: Line = ""
    # The id of the source in `sources` the card was cut from, or ESSAY: then `check` proves
    # its text, marks taken out, is whole paragraphs of that source's stored text.
    source: Line = ""
    cutter: Line = ""  # the initials of who cut it, at the end of the full cite
    # Read from a Word file: its cite paragraph whole, as the file wrote it (the fields above
    # are what could be read out of it), and the Pocket, Hat and Block it was filed under there,
    # so that nothing the file said is lost and a squad finds the card where it filed it.
    cited_as: Line = ""
    filed_under: list[Line] = []
    text: MarkedText = ""  # the source's words only: ++underlined++, ==read aloud== (marks.py)
    notes: Text = ""

    @property
    def is_open(self) -> bool:
        """An open slot says what evidence is needed but holds none yet."""
        return not (self.text or self.author or self.title or self.publication or self.url)

    @property
    def cite(self) -> str:
        """The short cite read aloud today: "Smith 21", "Smith 3/4" for a day of this year.
        Derived, never stored."""
        return cites.short_cite(self)

    @property
    def full_cite(self) -> str:
        """Author, qualifications, date, “title”, publication, url, accessed: what is there."""
        return cites.full_cite(self)


# Where each field of a source's cite came from, as `source add` read it.
CiteOrigin = Literal[
    "metadata",  # trafilatura's reading of the page's metadata
    "json-ld",
    "open graph",
    "highwire",  # citation_* tags, on most journal pages
    "dublin core",
    "byline",  # the page's own text: "By ..." near the headline
    "pdf",  # the PDF's document information
    "file",  # the file's name or its first line
    "today",  # the date accessed, when the page does not say
    "typed",  # set by hand in the app or the file
]
# A source's id names its stored text; ESSAY always means the workbook's essay.
ESSAY = "essay"
CITE_FIELDS = ("author", "qualifications", "date", "title", "publication", "url", "accessed")


class Source(StrictModel):
    """An article, paper or page cards are cut from: its cite, and its text stored beside the
    workbook one paragraph a line (`file`, relative to the workbook), as the essay's is.

    `origins` says, for each cite field that is filled, where it came from; a field left empty
    was not found. `pages` is, for a PDF, the page each paragraph of the text stands on."""

    author: Line = ""
    qualifications: Line = ""
    date: PartialDate = ""
    title: Line = ""
    publication: Line = ""
    url: Line = ""
    accessed: PartialDate = ""
    file: RelativeFile
    paragraphs: Annotated[int, Field(ge=1)]
    pages: list[Annotated[int, Field(ge=1)]] = []
    origins: dict[str, CiteOrigin] = {}
