"""A document to study, as every reader gives it: its paragraphs, its headings, and what it says
about itself (title, author, date, site).

Every kind of source gives the same thing: paragraphs whose characters are the source's own,
with each run of white space made one space, so that a quote copied from the source is found
in them. The readers of each kind (`markdown`, `webpage`) build on what is here; plain text,
which needs nothing more, is read here too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from workbook.essay.paragraphs import split_paragraphs


@dataclass(frozen=True)
class Document:
    """A document's text and cite. `headings` are the 1-based numbers of the paragraphs that are
    headings (the title is not a paragraph). `date` is YYYY, YYYY-MM or YYYY-MM-DD, or ""."""

    paragraphs: list[str]
    headings: list[int]
    title: str = ""
    author: str = ""
    date: str = ""
    site: str = ""
    url: str = ""


# Control characters that are not white space: a stray one in a document is no word of it,
# and shown in the app it would drive the terminal (an escape clears the screen).
_CONTROLS = dict.fromkeys(
    [*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F, *range(0x80, 0x85), *range(0x86, 0xA0)]
)


def clean(paragraph: str) -> str:
    """A paragraph with each run of white space (line breaks, tabs, no-break spaces) made one
    space, and control characters left out. A zero-width no-break space at either end goes too:
    the essay's reader drops one at the start of its file, and it is invisible anyway."""
    # Spaces and marks stripped together, in one pass: taken in turns, each turn went over the
    # whole paragraph again, and a run of "\ufeff \ufeff …" cost its length squared.
    return " ".join(paragraph.translate(_CONTROLS).split()).strip(" \ufeff")


def assemble(blocks: list[tuple[str, bool]], **cite: str) -> Document:
    """A document from (text, is a heading) blocks, in order; empty blocks are left out."""
    paragraphs: list[str] = []
    headings: list[int] = []
    for text, heading in blocks:
        paragraph = clean(text)
        if paragraph:
            paragraphs.append(paragraph)
            if heading:
                headings.append(len(paragraphs))
    return Document(paragraphs, headings, **{k: clean(v) for k, v in cite.items()})


def read_plain_text(text: str) -> Document:
    """Paragraphs as the essay's reader finds them (see `essay.split_paragraphs`). Plain text
    has no headings: no rule tells a heading from a short paragraph reliably enough."""
    return assemble([(paragraph, False) for paragraph in split_paragraphs(text)])


_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?(?=$|[T ])")


def partial_date(value: str) -> str:
    """The YYYY, YYYY-MM or YYYY-MM-DD that `value` begins with (a time after it is dropped), if
    it is a real date; else ""."""
    match = _PARTIAL_DATE.match(value.strip())
    if match is None:
        return ""
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return ""
    return match[0]
