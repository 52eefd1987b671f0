"""A source read from its file, of any kind: a saved web page, a PDF, Markdown or plain text,
as its paragraphs (by the same readers and rules as `workbook new`'s essay), the page each
stands on for a PDF, and its cite with where each field came from; and the id it is given.

The kind is told by the file's bytes before its name: a PDF is a PDF whatever it is called,
and a file called `.pdf` that is none is refused, as is a file called `.html` that is a PDF.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from workbook.core.cites import split_authors
from workbook.core.claim_edits import free_id, slug
from workbook.core.model import ESSAY
from workbook.importing.citing import Cite, page_cite
from workbook.importing.decoding import (
    HTML_SUFFIXES,
    MARKDOWN_SUFFIXES,
    decode_document,
    looks_like,
)
from workbook.importing.document import Document, read_plain_text
from workbook.importing.markdown import front_matter, read_markdown
from workbook.importing.page_meta import FILE, page_meta
from workbook.importing.pdf import is_pdf, read_pdf
from workbook.importing.source import document_kind
from workbook.importing.webpage import read_page
from workbook.storage.files import WorkbookError, read_bytes

TODAY = "today"
METADATA = "metadata"
_KIND_OF_SUFFIX = {
    **dict.fromkeys(HTML_SUFFIXES, "a web page"),
    **dict.fromkeys(MARKDOWN_SUFFIXES, "a Markdown file"),
    ".txt": "a text file",
}


@dataclass(frozen=True)
class SourceText:
    """A source as read: its paragraphs, the page each starts on (a PDF's; else empty), and
    its cite."""

    paragraphs: list[str]
    pages: list[int]
    cite: Cite


def read_source(path: Path, today: dt.date | None = None) -> SourceText:
    """Read a saved page, a PDF, a Markdown or a text file as a source. Raises a
    WorkbookError of one line naming the file: not a regular file, not what its name says,
    no text, no article, or a PDF that cannot be read."""
    name = str(path)
    if path.is_dir():
        raise WorkbookError(f"{name}: is a folder, not a document")
    raw = read_bytes(path)
    suffix = path.suffix.lower()
    if is_pdf(raw):
        if suffix in _KIND_OF_SUFFIX:
            raise WorkbookError(
                f"{name}: is a PDF, not {_KIND_OF_SUFFIX[suffix]} as its name says; "
                "name it .pdf to add it as one"
            )
        pdf = read_pdf(raw, name)
        source = SourceText(pdf.paragraphs, pdf.pages, pdf.cite)
    elif suffix == ".pdf":
        what = looks_like(raw)
        said = f"it looks like {what}" if what else "it does not begin with %PDF-"
        raise WorkbookError(f"{name}: is not a PDF, as its name says ({said})")
    else:
        source = _read_text(decode_document(raw, name), name)
    if not source.paragraphs:
        raise WorkbookError(f"{name}: no paragraph found")
    if "accessed" not in source.cite.fields:
        source.cite.set("accessed", (today or dt.date.today()).isoformat(), TODAY)
    return source


def _read_text(text: str, name: str) -> SourceText:
    kind = document_kind(name, text)
    if kind == "html":
        document, tree = read_page(text, name)
        found, handles = page_meta(tree, text) if tree is not None else ({}, [])
        return SourceText(document.paragraphs, [], page_cite(document, found, handles))
    if kind == "markdown":
        document = read_markdown(text)
        return SourceText(document.paragraphs, [], _markdown_cite(document, text))
    return SourceText(read_plain_text(text).paragraphs, [], Cite())


def _markdown_cite(document: Document, text: str) -> Cite:
    """A Markdown file's cite: its front matter's ("metadata"), or a title from the heading
    that opens it ("file")."""
    front = front_matter(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))[0]
    cite = Cite()
    cite.set("title", document.title, METADATA if front.get("title") else FILE)
    cite.set("author", document.author, METADATA)
    cite.set("date", document.date, METADATA)
    return cite


# The id a source is given.

_ORGANISATION = re.compile(
    r"\b(?:institute|institution|center|centre|council|office|department|foundation|"
    r"association|university|agency|bureau|commission|committee|organi[sz]ation|group|"
    r"board|service|fund|bank|society|trust|project|network|forum|ministry)\b",
    re.I,
)


def source_id_for(cite: dict[str, str], stem: str, existing: Iterable[str]) -> str:
    """A short, readable id for a new source: the first author's surname and the year
    ("ostby-2024"), else the title's first words, else the file's name; never ESSAY, and
    free: "-2", "-3" added after an id that is taken."""
    authors = split_authors(cite.get("author", ""))
    if authors:
        first = authors[0]
        person = not _ORGANISATION.search(first)
        base = slug(first.split()[-1] if person else first, 1 if person else 4)
        year = cite.get("date", "")[:4]
        base = f"{base}-{year}" if base and year else base
    else:
        base = slug(cite.get("title", ""))
    return free_id(base or slug(stem) or "source", {*existing, ESSAY})
