"""How the circuit's tools read a Word file in Verbatim's structure, ported for the tests (not
shipped): what they take for a card is what a Word export must give them.

- `parsed_cards` reads a file as the card search engines built on python-docx do (Logos's
  parser and its kin): a card is a Tag (a paragraph in "Heading 4") and every paragraph after it
  up to the next Tag; its cite is the first of those that holds a digit (the paragraphs between
  the Tag and it are the tag's own words); its text is the paragraphs after the cite in
  "Normal" or "List Paragraph"; a group with no cite, or with less than 25 characters of
  text, is no card. A run is highlighted
  when it has a highlight colour, underlined when its style's name holds "Underline" or it or
  its style is underlined; a run of the cite is the short cite when its style's name holds
  "13 pt Bold" or it is bold.
- `card_cuts` reads it as Verbatim's send-to-speech and openCaselist's cite splitter take a
  card: a Tag and everything after it up to the next heading of any level.

The parsers compare a card's words by its runs; here the runs come back as the workbook's
marked text (core/marks.compose), so that a test compares a card's text and marks exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import docx
from docx.document import Document
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from workbook.core.cutting import PARAGRAPH_BREAK
from workbook.core.marks import Marked, compose

TAG_NAME = "Heading 4"
BODY_NAMES = ("Normal", "List Paragraph")
CITE_NAME = "13 pt Bold"
UNDERLINE_NAME = "Underline"
HEADINGS = ("Heading 1", "Heading 2", "Heading 3", "Heading 4")
# Fewer characters of text than this, and a group is "too short" to be a card.
SHORTEST = 25


@dataclass(frozen=True)
class ParsedCard:
    tag: str
    tag_sub: str  # paragraphs between the Tag and the cite
    cite: str
    short_cite: str  # the cite's bold (Cite-styled) words
    text: str  # the body as marked text, paragraphs joined by the paragraph break


def _underlined(run: Run) -> bool:
    style = run.style
    return bool(
        (style is not None and UNDERLINE_NAME in (style.name or ""))
        or run.font.underline
        or (style is not None and style.font.underline)
    )


def _bold(run: Run) -> bool:
    style = run.style
    return bool(
        (style is not None and CITE_NAME in (style.name or ""))
        or run.font.bold
        or (style is not None and style.font.bold)
    )


def _marked(paragraph: Paragraph) -> str:
    return compose(
        Marked(_underlined(run), run.font.highlight_color is not None, run.text)
        for run in paragraph.runs
    )


def parsed_cards(document: Document) -> list[ParsedCard]:
    groups: list[list[Paragraph]] = []
    for paragraph in document.paragraphs:
        if paragraph.style is not None and paragraph.style.name == TAG_NAME:
            groups.append([paragraph])
        elif groups:
            groups[-1].append(paragraph)
    found: list[ParsedCard] = []
    for group in groups:
        cite_at = next(
            (i for i in range(1, len(group)) if any(c.isdigit() for c in group[i].text)), None
        )
        if cite_at is None:
            continue  # an analytic: no cite
        body = [
            p for p in group[cite_at + 1 :] if p.style is not None and p.style.name in BODY_NAMES
        ]
        if len("".join(p.text for p in body)) < SHORTEST:
            continue
        cite = group[cite_at]
        found.append(
            ParsedCard(
                tag=group[0].text.strip(", "),
                tag_sub=" ".join(p.text for p in group[1:cite_at]),
                cite=cite.text,
                short_cite="".join(run.text for run in cite.runs if _bold(run)),
                text=PARAGRAPH_BREAK.join(_marked(p) for p in body),
            )
        )
    return found


def card_cuts(document: Document) -> list[list[str]]:
    """Each card cut: the Tag's words, then each paragraph's, up to the next heading."""
    cuts: list[list[str]] = []
    inside = False
    for paragraph in document.paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        if name in HEADINGS:
            inside = name == TAG_NAME
            if inside:
                cuts.append([paragraph.text])
        elif inside:
            cuts[-1].append(paragraph.text)
    return cuts


def read(data: bytes) -> Document:
    import io

    return docx.Document(io.BytesIO(data))


def cite_entries(document: Document) -> list[tuple[str, int]]:
    """The file as openCaselist's upload splits it into cite entries (ported from its
    processFile): at each heading of the largest level the file has of Pocket, Hat and Block
    (Block when it has neither of the others), each entry titled by its first line; what stands
    before the first such heading is an entry of its own, titled by whatever it opens with.
    Each entry as (title, whether it opens with its heading: 1, or not: 0)."""
    levels = {p.style.name for p in document.paragraphs if p.style is not None}
    split = next((name for name in HEADINGS[:2] if name in levels), HEADINGS[2])
    entries: list[tuple[str, int]] = []
    for paragraph in document.paragraphs:
        if not paragraph.text.strip():
            continue  # mammoth's ignoreEmptyParagraphs
        name = paragraph.style.name if paragraph.style is not None else ""
        if name == split:
            entries.append((paragraph.text, 1))
        elif not entries:
            entries.append((paragraph.text, 0))
    return entries
