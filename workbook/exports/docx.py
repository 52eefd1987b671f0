"""The workbook as a Word file in Verbatim's structure, the one the policy-debate circuit
exchanges and openCaselist splits: Pocket (Heading 1) for a side, Hat (Heading 2) for a section
of the essay, Block (Heading 3) for a claim, Tag (Heading 4) for a card.

Under its tag a card has its cite (the short cite bold, then the full cite line) and its text,
as Verbatim marks a cut card: the words read aloud highlighted (and underlined, as Verbatim's
highlighting stands on underlining), the other underlined words underlined, both at reading
size, and the rest small. A card with nothing highlighted is read whole and is printed whole at
reading size, its underlining kept.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt

from workbook.core.marks import has_highlighting, in_quotes, marked_runs

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.text.paragraph import Paragraph

    from workbook.core.model import Card, Claim, Point, Workbook

READ_SIZE = Pt(11)
# Verbatim's "shrink" leaves the words not read at 8 points: there, for context, out of the way.
UNREAD_SIZE = Pt(8)
CITE_SIZE = Pt(13)
# Characters XML 1.0 cannot hold, which Word would refuse to open.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
POCKET, HAT, BLOCK, TAG = 1, 2, 3, 4


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def export(workbook: Workbook, ours: str | None = None) -> bytes:
    """The .docx file's bytes: a pocket for each side, `ours` first."""
    document = Document()
    document.core_properties.title = _xml(workbook.title)
    sides = list(workbook.sides)
    if ours in sides:
        sides.sort(key=lambda side: side != ours)
    if workbook.motion:
        document.add_paragraph(_xml(workbook.motion))
    for side in sides:
        document.add_heading(_xml(workbook.sides[side].name), POCKET)
        section: str | None = None
        for claim in workbook.claims.values():
            if claim.section != section and claim.section.strip():
                document.add_heading(_xml(claim.section), HAT)
            section = claim.section
            _block(document, workbook, claim, side)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _block(document: DocumentObject, workbook: Workbook, claim: Claim, side: str) -> None:
    document.add_heading(_xml(claim.tag or claim.quote or "(untagged claim)"), BLOCK)
    quote = document.add_paragraph()
    quote.add_run(_xml(in_quotes(claim.quote))).italic = True
    quote.add_run(f" ¶{claim.paragraph}")
    for point in claim.points.values():
        if point.side == side:
            _point(document, workbook, claim, point)


def _point(document: DocumentObject, workbook: Workbook, claim: Claim, point: Point) -> None:
    paragraph = document.add_paragraph()
    if point.kind == "answers":
        answered = claim.points[point.answers]
        label = f"Answers {workbook.sides[answered.side].name}: "
    else:
        label = "Supports: " if point.kind == "supports" else "Counters: "
    paragraph.add_run(_xml(label)).bold = True
    paragraph.add_run(_xml(point.text))
    if point.strength is not None:
        paragraph.add_run(f" ({'★' * point.strength})")
    for card_id in point.cards:
        _card(document, workbook.cards[card_id])


def _card(document: DocumentObject, card: Card) -> None:
    if card.is_open:
        document.add_heading(_xml(f"☐ evidence needed: {card.tag}".rstrip(": ")), TAG)
        return
    document.add_heading(_xml(card.tag or "(untagged card)"), TAG)
    cite = document.add_paragraph()
    if card.cite:
        short = cite.add_run(_xml(card.cite))
        short.bold = True
        short.font.size = CITE_SIZE
    if card.full_cite:
        cite.add_run(_xml((" " if card.cite else "") + card.full_cite))
    if card.text:
        _card_text(document.add_paragraph(), card.text)


def _card_text(paragraph: Paragraph, text: str) -> None:
    read_whole = not has_highlighting(text)
    for run in marked_runs(text):
        shown = paragraph.add_run(_xml(run.words))
        marked = run.underlined or run.highlighted
        shown.font.size = READ_SIZE if read_whole or marked else UNREAD_SIZE
        if marked:
            shown.underline = True
        if run.highlighted:
            shown.font.highlight_color = WD_COLOR_INDEX.YELLOW
