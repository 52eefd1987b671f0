"""A Word file in Verbatim's structure read into cards: what `workbook import` takes from a
squad's files.

Verbatim files evidence under four heading levels, Pocket, Hat, Block and Tag (see
`core.verbatim`). A card is a Tag, its cite paragraph, and its text up to the next Tag or
heading; a Tag with no cite after it is an analytic, the debater's own words, and so is a
paragraph in Verbatim's "Analytic" style. Headings are found by style (Verbatim's names, Word's
built-in "heading N" in any language, and styles based on them) or by outline level, as
Word's navigation pane finds them.

A cite paragraph is the first paragraph after the Tag that has runs in the Cite style, or a
bold short cite in a Tag's size (as files made without Verbatim's styles write it), or that
reads as a cite (a year, "No Date" or "ND" near its start, or a web address) with the card's
text after it: the signs Verbatim's own macros, and the circuit's parsers after them, go by.
A cite in two paragraphs ("Smith 20", then "(John Smith, …)") is read as one. Paragraphs that
are none of these (text before the first Tag, a Tag's stray lines before its cite) are
counted as skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from docx.oxml.ns import qn

from workbook.core import verbatim
from workbook.core.cutting import PARAGRAPH_BREAK
from workbook.core.model import Card
from workbook.importing.cite_lines import parse_cite
from workbook.importing.word_package import open_word
from workbook.importing.word_runs import Paragraph, read_paragraph
from workbook.importing.word_styles import Styles
from workbook.storage.files import read_bytes

# How far after a Tag its cite may stand, past a line or two that carries the tag on.
CITE_WITHIN: Final = 3
# A short cite in bold at a Tag's size (13 pt; 12 pt in older files), in half-points.
CITE_SIZE: Final = 24
# A short cite alone in its paragraph, the first line of a cite in two.
SHORT_CITE_ALONE: Final = 60
# Past this a paragraph is a card's text, however it opens.
LONGEST_CITE: Final = 1500
# A cite by its words: a year ('20, 2020), "ND" or "No Date" near the start (after a long
# author's name and qualifications, as a full cite with no short one opens).
_READS_AS_CITE: Final = re.compile(
    r"^.{0,200}?(?:[’'‘][0-9]{2}\b|\b[0-9]{2}\b|\b(?:19|20)[0-9]{2}\b|\bND\b|\bno date\b)",
    re.I | re.S,
)
_ADDRESS: Final = re.compile(r"https?://", re.I)
_OPENS_CITE: Final = ("[", "(", "<", "{")
_BREAKS: Final = re.compile(r"[\r\n\u2028\u2029]+")
_P, _TBL, _SDT = qn("w:p"), qn("w:tbl"), qn("w:sdt")
_CUSTOM_XML, _SDT_CONTENT = qn("w:customXml"), qn("w:sdtContent")
_TR, _TC = qn("w:tr"), qn("w:tc")


@dataclass(frozen=True)
class WordFile:
    """What a Word file holds: its cards in file order, the analytics (Tags with no cite, not
    cards), and the paragraphs skipped as none of heading, cite or card text."""

    cards: list[Card]
    analytics: int
    skipped: int


def read_word(path: Path) -> WordFile:
    """The cards of a Word file in Verbatim's structure. Raises a WorkbookError of one line,
    "{path}: …", for a file that is no Word document, is encrypted, damaged or too big, or is
    not a regular file."""
    document = open_word(read_bytes(path), str(path))
    styles = Styles(document.styles.element)
    body = document.element.body
    if body is None:  # a document part with no body holds nothing to read
        return WordFile([], 0, 0)
    return read_paragraphs(read_paragraph(element, styles) for element in blocks(body))


def blocks(parent: Any) -> Iterator[Any]:
    """The paragraphs of a body, a table cell or a content control, in reading order: a
    table's cells row by row."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag == _P:
            yield child
        elif tag == _TBL:
            for row in child.iterchildren(_TR):
                for cell in row.iterchildren(_TC):
                    yield from blocks(cell)
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from blocks(content)
        elif tag == _CUSTOM_XML:
            yield from blocks(child)


def one_line(text: str) -> str:
    """A heading's or a cite's text as one line: its line breaks made spaces."""
    return _BREAKS.sub(" ", text).strip()


@dataclass
class _Reading:
    """The walk through a file's paragraphs: the headings above, and the Tag being read."""

    filed: dict[int, str] = field(default_factory=dict)
    tag: Paragraph | None = None
    after: list[Paragraph] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    analytics: int = 0
    skipped: int = 0

    def heading(self, paragraph: Paragraph, level: int) -> None:
        self.close()
        if level == verbatim.TAG:
            self.tag = paragraph
            return
        self.filed = {above: text for above, text in self.filed.items() if above < level}
        self.filed[level] = one_line(paragraph.text)

    def close(self) -> None:
        """The Tag being read, with what followed it, made a card or counted an analytic."""
        tag, after = self.tag, self.after
        self.tag, self.after = None, []
        if tag is None:
            return
        at = cite_at(after)
        if at is None:
            self.analytics += 1
            self.skipped += len(after)
            return
        self.skipped += at
        end = at + 1
        if two_line_cite(after, at):
            end += 1
        self.cards.append(card(tag, after[at:end], after[end:], self.filed))


def read_paragraphs(paragraphs: Iterable[Paragraph]) -> WordFile:
    """Cards, analytics and skipped paragraphs from a file's paragraphs, in order."""
    reading = _Reading()
    for paragraph in paragraphs:
        if not paragraph.text.strip():
            continue  # an empty paragraph is nothing, whatever its style
        if paragraph.analytic:
            reading.close()
            reading.analytics += 1
        elif paragraph.level is not None:
            reading.heading(paragraph, paragraph.level)
        elif reading.tag is None:
            reading.skipped += 1
        else:
            reading.after.append(paragraph)
    reading.close()
    return WordFile(reading.cards, reading.analytics, reading.skipped)


def cite_at(after: list[Paragraph]) -> int | None:
    """Where a Tag's cite paragraph stands among the paragraphs after it, if it has one: by
    its style anywhere near the Tag; by its words only right after it, and with text after
    it (a Tag with one line under it that has a year in it is an analytic and its note)."""
    for index, paragraph in enumerate(after[:CITE_WITHIN]):
        if short_cite(paragraph):
            return index
        if index == 0 and len(after) > 1 and reads_as_cite(paragraph.text):
            return index
    return None


def reads_as_cite(text: str) -> bool:
    text = text.strip()
    if len(text) > LONGEST_CITE:
        return False
    return bool(_READS_AS_CITE.match(text) or _ADDRESS.search(text))


def short_cite(paragraph: Paragraph) -> str:
    """The short cite a paragraph marks as one: its first stretch of runs in the Cite style,
    or, with no Cite style, a bold stretch at a Tag's size that opens it (but not a paragraph
    all bold, which is a tag typed as text)."""
    pieces = paragraph.pieces
    cited = [piece.cited for piece in pieces]
    if not any(cited):
        cited = [bool(p.looks.bold) and (p.looks.size or 0) >= CITE_SIZE for p in pieces]
        if all(cited) or not any(cited):
            return ""
    start = cited.index(True)
    end = start
    while end < len(pieces) and (cited[end] or not pieces[end].text.strip()):
        end += 1
    return "".join(piece.text for piece in pieces[start:end]).strip()


def two_line_cite(after: list[Paragraph], at: int) -> bool:
    """Whether the paragraph after a cite carries it on (a short cite alone, then its full
    cite opening with a bracket; or more runs in the Cite style), with text still after it."""
    if at + 2 >= len(after):
        return False
    first, second = after[at].text.strip(), after[at + 1]
    if any(piece.cited for piece in second.pieces):
        return True
    return len(first) <= SHORT_CITE_ALONE and second.text.lstrip().startswith(_OPENS_CITE)


def card(
    tag: Paragraph, cite: list[Paragraph], text: list[Paragraph], filed: dict[int, str]
) -> Card:
    """A card from its Tag, its cite paragraphs and its text's paragraphs."""
    cited_as = " ".join(one_line(paragraph.text) for paragraph in cite)
    fields = parse_cite(cited_as, one_line(short_cite(cite[0])))
    return Card.model_validate(
        {
            **fields,
            "tag": one_line(tag.text),
            "cited_as": cited_as,
            "filed_under": [filed[level] for level in sorted(filed) if filed[level]],
            "text": PARAGRAPH_BREAK.join(paragraph.marked() for paragraph in text),
        }
    )
