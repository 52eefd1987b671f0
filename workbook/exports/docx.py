"""The workbook as a Word file in Verbatim's structure, the one the policy-debate circuit
exchanges, its parsers read and openCaselist splits: a Pocket (Heading 1) for a side, a Hat
(Heading 2) for a section of the essay, a Block (Heading 3) for a claim, a Tag (Heading 4) for
each point and each card, on Verbatim's styles (exports/verbatim_styles.py).

The circuit's tools take a card to be a Tag, the paragraph after it that holds a date (its
cite), and everything after that up to the next heading. So nothing but a card's own words
ever follows its cite: each point is a Tag of its own with no cite (an analytic, as the circuit
writes its own arguments), its cards Tags after it; a claim's quote is an analytic Tag under its
Block, and an open slot a Tag that says what evidence is needed, never a card. A card's cite
paragraph is its short cite in the Cite style and the rest of its cite line (core/verbatim.py:
a date or "No Date" always); its text is one Normal paragraph for each of its paragraphs, its
underlined words in the Underline style, the words read aloud highlighted, and, when some are,
the rest shrunk to 8 points as Verbatim's Shrink leaves them. Cards no point reads follow,
under the Pocket, Hat and Block they were filed under, so that reading the file back gives the
whole library.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt, RGBColor

from workbook.core.cutting import PARAGRAPH_BREAK
from workbook.core.marks import Marked, has_highlighting, in_quotes, marked_runs, plain, runs
from workbook.core.verbatim import BLOCK, HAT, POCKET, TAG, cite_line
from workbook.essay.quotes import cut
from workbook.exports.verbatim_styles import (
    CITE_STYLE_NAME,
    UNDERLINE_STYLE_NAME,
    verbatim_document,
    xml_text,
)

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.text.paragraph import Paragraph

    from workbook.core.model import Card, Claim, Point, Workbook

READ_SIZE = Pt(11)
# Verbatim's "shrink" leaves the words not read at 8 points: there, for context, out of the way.
UNREAD_SIZE = Pt(8)
# Verbatim's mark where reading stopped: red, 16 points, "~ Marked 3:12 ~".
MARK_SIZE = Pt(16)
MARK_COLOUR = RGBColor(0xFF, 0x00, 0x00)
# openCaselist's disclosure of a card: its first and last words, "AND" between them.
DISCLOSED_WORDS: Final = 25
LIBRARY: Final = "Card library"
ANSWERED_LENGTH: Final = 60  # characters of the answered point an answer's "A2:" names
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class WordOptions:
    """What `export --to docx` is asked for."""

    ours: str | None = None  # the side whose pocket comes first
    side: str | None = None  # one side alone, for its own file: no pocket, no library
    disclosure: bool = False  # openCaselist's cites: each card's first and last words only
    card_text: bool = True  # the cards' texts, or only their tags and cites (--cites-only)
    author: str = ""  # who the document says made it: the user's initials, or no one
    now: dt.datetime | None = None  # when it says it was made; by default, this moment
    # The judge's copy: no open slot and no strength, what the team keeps for itself.
    judge: bool = False


def export(workbook: Workbook, options: WordOptions | None = None) -> bytes:
    """The .docx file's bytes: a pocket for each side, `ours` first, then the cards no point
    reads; or, with `side`, that side's blocks alone."""
    options = options or WordOptions()
    sides = [options.side] if options.side else list(workbook.sides)
    if options.ours in sides:
        sides.sort(key=lambda side: side != options.ours)
    title = workbook.title or workbook.motion
    if options.side:
        title = " · ".join(part for part in (title, workbook.sides[options.side].name) if part)
    document = verbatim_document(title, options.author, workbook.motion, options.now)
    for side in sides:
        if not options.side:
            heading(document, workbook.sides[side].name, POCKET)
        section: str | None = None
        for claim in workbook.claims.values():
            if claim.section != section and claim.section.strip():
                heading(document, claim.section, HAT)
            section = claim.section
            _block(document, workbook, claim, side, options)
    if not options.side:
        _library(document, workbook, options)
    return document_bytes(document)


def document_bytes(document: DocumentObject) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def heading(document: DocumentObject, text: str, level: int) -> None:
    """A Pocket, Hat, Block or Tag (1 to 4), by Verbatim's heading styles."""
    document.add_paragraph(xml_text(text), style=f"Heading {level}")


def _block(
    document: DocumentObject, workbook: Workbook, claim: Claim, side: str, options: WordOptions
) -> None:
    heading(document, claim.tag or claim.quote or "(untagged claim)", BLOCK)
    # The essay's words under study, as an analytic: a Normal paragraph here would be read as
    # the last words of the card above by the tools that take a card to the next Tag.
    where = f" ¶{claim.paragraph}" if claim.paragraph is not None else ""  # none: a motion's
    heading(document, f"{in_quotes(claim.quote)}{where}", TAG)
    for point in claim.points.values():
        if point.side == side:
            heading(document, point_tag(workbook, claim, point, options.judge), TAG)
            for card_id in point.cards:
                found = workbook.cards[card_id]
                if not (options.judge and found.is_open):
                    card(document, found, options.disclosure, options.card_text)


def point_tag(workbook: Workbook, claim: Claim, point: Point, judge: bool = False) -> str:
    """A point as the circuit writes an analytic: "A2: <what it answers> — <its words>" for an
    answer, "Supports: …" or "Counters: …" for a point on the claim; its strength in stars."""
    if point.kind == "answers":
        answered = claim.points[point.answers]
        # A long point is named by its start, on one line.
        named = cut(" ".join(answered.text.split()), ANSWERED_LENGTH)
        named = named or f"{workbook.sides[answered.side].name}'s {point.answers}"
        label = f"A2: {named}"
    else:
        label = "Supports" if point.kind == "supports" else "Counters"
    tag = f"{label} — {point.text}" if point.kind == "answers" else f"{label}: {point.text}"
    tag = tag.rstrip(" —:") if not point.text.strip() else tag
    if point.strength is not None and not judge:
        tag += f" ({'★' * point.strength})"
    return tag


def _library(document: DocumentObject, workbook: Workbook, options: WordOptions) -> None:
    """The cards no point reads, each under the headings it was filed under (a card filed under
    none, under "Card library"), in the library's order."""
    read = {c for claim in workbook.claims.values() for p in claim.points.values() for c in p.cards}
    above: list[str] = []
    for card_id, found in workbook.cards.items():
        if card_id in read or (options.judge and found.is_open):
            continue
        path = list(found.filed_under[:BLOCK]) or [LIBRARY]
        same = 0
        while same < min(len(path), len(above)) and path[same] == above[same]:
            same += 1
        # A shorter path than the one above must name its pocket again: the Tags after a Hat
        # belong to that Hat until another heading of its level or above.
        if same == len(path) and len(path) < len(above):
            same = 0
        for level in range(same, len(path)):
            heading(document, path[level], level + 1)
        above = path
        card(document, found, options.disclosure, options.card_text)


def card(
    document: DocumentObject,
    found: Card,
    disclosure: bool = False,
    with_text: bool = True,
    stop: tuple[int, str] | None = None,
) -> None:
    """A card under its Tag: its cite paragraph and its text, or, for an open slot, a Tag that
    says what evidence is needed and nothing after it. `disclosure` gives its first and last
    words only, and `with_text` False none of them; `stop`, (words read aloud, the speech's
    clock then), marks where reading stopped in it, as Verbatim marks a card: "~ Marked 3:12
    ~"."""
    if found.is_open:
        heading(document, f"☐ evidence needed: {found.tag}".rstrip(": "), TAG)
        return
    heading(document, found.tag or "(untagged card)", TAG)
    short_cite, rest = cite_paragraph(found)
    cite = document.add_paragraph()
    cite.add_run(xml_text(short_cite), style=CITE_STYLE_NAME)
    cite.add_run(xml_text(rest))
    if not (found.text and with_text):
        return
    if disclosure:
        for line in disclosed(found.text):
            document.add_paragraph(xml_text(line))
        return
    shrink = has_highlighting(found.text)
    at = stop_offset(found.text, stop[0]) if stop is not None else None
    paragraph = document.add_paragraph()
    for piece in _pieces(found.text, at):
        if piece is None:
            assert stop is not None
            mark = paragraph.add_run(f" ~ Marked {stop[1]} ~")
            mark.font.size = MARK_SIZE
            mark.font.color.rgb = MARK_COLOUR
            continue
        for number, words in enumerate(piece.words.split(PARAGRAPH_BREAK)):
            if number:
                paragraph = document.add_paragraph()
            if words:
                _run(paragraph, Marked(piece.underlined, piece.highlighted, words), shrink)


def _run(paragraph: Paragraph, piece: Marked, shrink: bool) -> None:
    style = UNDERLINE_STYLE_NAME if piece.underlined else None
    shown = paragraph.add_run(xml_text(piece.words), style=style)
    unread = shrink and not (piece.underlined or piece.highlighted)
    shown.font.size = UNREAD_SIZE if unread else READ_SIZE
    if piece.highlighted:
        shown.font.highlight_color = WD_COLOR_INDEX.YELLOW


def cite_paragraph(found: Card) -> tuple[str, str]:
    """The card's cite paragraph as (short cite, the rest): its cite line from its fields; or,
    for a card read from a Word file whose cite gave no field, the line as that file wrote it,
    its opening words up to the first bracket or comma as the short cite."""
    if found.cited_as and not (found.author or found.title or found.publication or found.url):
        line = found.cited_as
        cuts = [at for at in (line.find(" ["), line.find(",")) if at > 0]
        cut = min(cuts) if cuts else len(line)
        return line[:cut], line[cut:]
    return cite_line(found)


def disclosed(text: str) -> list[str]:
    """A card's text as openCaselist discloses it: its words whole when there are at most
    twice DISCLOSED_WORDS of them, else the first and the last of them with "AND" between."""
    words = plain(text).split()
    if len(words) <= 2 * DISCLOSED_WORDS:
        return [" ".join(words)]
    return [
        " ".join(words[:DISCLOSED_WORDS]),
        "AND",
        " ".join(words[-DISCLOSED_WORDS:]),
    ]


def stop_offset(text: str, read: int) -> int | None:
    """Where in the card's words (marks taken out) reading stops after `read` words read aloud
    (its highlighted words, or all of them when none is): just after the last word read. None
    when the card is read to its end."""
    counted = has_highlighting(text)
    spans = runs(text)
    if read >= sum(len(_WORD.findall(w)) for h, w in spans if h or not counted):
        return None
    start = 0
    left = read
    for highlighted, words in spans:
        if highlighted or not counted:
            if left <= 0:
                return start
            found = list(_WORD.finditer(words))
            if len(found) >= left:
                return start + found[left - 1].end()
            left -= len(found)
        start += len(words)
    return None


def _pieces(text: str, at: int | None) -> Iterator[Marked | None]:
    """The card's runs, with None standing where reading stopped, at offset `at` of its
    words."""
    start = 0
    for piece in marked_runs(text):
        end = start + len(piece.words)
        if at is not None and start <= at < end:
            cut = at - start
            if cut:
                yield piece._replace(words=piece.words[:cut])
            yield None
            yield piece._replace(words=piece.words[cut:])
            at = None
        else:
            yield piece
        start = end
    if at is not None:
        yield None
