"""A Word paragraph's words and their looks, as the page shows them: the runs in the order they
stand, wherever Word has wrapped them, each with its underlining, highlighting, bold, size and
whether it is in the Cite style.

Word wraps runs in much besides the paragraph: a link (w:hyperlink), a smart tag, a content
control (w:sdt), a simple field's result (w:fldSimple), custom XML, a tracked insertion (w:ins)
or move (w:moveTo). All of these are read, in order. A tracked deletion (w:del) and the place
a move left (w:moveFrom) are not on the page, and are not read; of a markup-compatibility block
the fallback is read, as readers that know no extension do. A run's text is what python-docx
gives for it: a tab as "\\t", a line break as "\\n", a no-break hyphen as "-".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Final, NamedTuple

from docx.oxml.ns import qn

from workbook.core.marks import Marked, compose
from workbook.importing.word_styles import Looks, Styles, paragraph_style

MC: Final = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_R, _RPR, _T = qn("w:r"), qn("w:rPr"), qn("w:t")
# What wraps runs that are on the page: read through.
_WRAPPERS: Final = frozenset(
    qn(f"w:{name}")
    for name in ("hyperlink", "smartTag", "ins", "moveTo", "fldSimple", "customXml", "dir", "bdo")
)
_SDT, _SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")
_ALTERNATE, _FALLBACK = f"{{{MC}}}AlternateContent", f"{{{MC}}}Fallback"
# A run's parts that stand for characters, as python-docx reads them.
_CHARACTERS: Final = {
    qn("w:tab"): "\t",
    qn("w:ptab"): "\t",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "-",
}
_BR, _BR_TYPE = qn("w:br"), qn("w:type")


class Piece(NamedTuple):
    """A run's words and how they look (a tuple: a file has more runs than anything else)."""

    text: str
    looks: Looks

    @property
    def underlined(self) -> bool:
        return bool(self.looks.underlined)

    @property
    def highlighted(self) -> bool:
        return bool(self.looks.highlighted)

    @property
    def cited(self) -> bool:
        return bool(self.looks.cited)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: its Verbatim level (1 Pocket to 4 Tag; None for text), whether it is an
    analytic's, its style's id, and its runs."""

    level: int | None
    analytic: bool
    style: str
    pieces: list[Piece]

    @cached_property
    def text(self) -> str:
        return "".join([piece.text for piece in self.pieces])

    def marked(self) -> str:
        """The paragraph's words with their marks, as a card's text holds them."""
        return compose(
            [Marked(piece.underlined, piece.highlighted, piece.text) for piece in self.pieces]
        )


def read_paragraph(element: Any, styles: Styles) -> Paragraph:
    """A w:p read with the file's styles."""
    properties = element.find(qn("w:pPr"))
    style, outline = paragraph_style(properties)
    if outline is not None:  # the paragraph's own outline level wins over its style's
        level = min(outline + 1, 4) if 0 <= outline <= 8 else None
    else:
        level = styles.level(style)
    pieces = []
    for run in runs(element):
        properties, text = run_parts(run)
        if text:
            pieces.append(Piece(text, styles.looks(style, properties)))
    return Paragraph(level, styles.analytic(style), style, pieces)


def runs(parent: Any) -> Iterator[Any]:
    """The runs on the page in a paragraph or a wrapper, in order."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag == _R:
            yield child
        elif tag in _WRAPPERS:
            yield from runs(child)
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from runs(content)
        elif tag == _ALTERNATE:
            fallback = child.find(_FALLBACK)
            if fallback is not None:
                yield from runs(fallback)


def run_parts(run: Any) -> tuple[Any | None, str]:
    """A run's formatting (its w:rPr, or None) and its characters: its text, tabs, line breaks
    and no-break hyphens (a page or column break is no character, as python-docx has it).
    One pass over the run's parts: a run is the unit a file has most of."""
    properties = None
    parts: list[str] = []
    for child in run.iterchildren():
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _RPR:
            properties = child
        elif tag == _BR:
            if child.get(_BR_TYPE, "textWrapping") == "textWrapping":
                parts.append("\n")
        elif (character := _CHARACTERS.get(tag)) is not None:
            parts.append(character)
    return properties, "".join(parts)
