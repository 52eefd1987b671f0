"""The brief: a workbook as GitHub-flavoured Markdown, both sides claim by claim, two columns.

A pure function of the workbook. Whatever a user typed is escaped so that it reads as text
(exports/brief_text.py). Only a card's text, the source's own words, stands in quotation marks;
its tag and our notes are labelled as ours, so no summary of ours can be read aloud as a
source's. Each card is printed once, where it is first read (exports/brief_cards.py). A point
the other side has not answered says so under it, naming that side: the gap is the other side's,
by coverage's own rule, never a flaw of the point.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbook.core.coverage import unanswered
from workbook.core.filters import needs_answer
from workbook.core.marks import in_quotes
from workbook.essay.paragraphs import body_numbers, is_title, section_name
from workbook.essay.quotes import cut
from workbook.exports.brief_cards import CardLines, Read, notes_line
from workbook.exports.brief_text import (
    Highlight,
    card_line,
    card_words,
    inline,
    link_target,
)

if TYPE_CHECKING:
    from workbook.core.model import Claim, Point, Workbook

# What the modules that print what the brief prints import from here.
__all__ = [
    "DEFAULT_RATE",
    "BriefOptions",
    "CardLines",
    "card_line",
    "card_words",
    "exchange_rows",
    "inline",
    "link_target",
    "render",
]

DEFAULT_RATE = 150  # words a minute: a careful reading aloud


@dataclass(frozen=True)
class BriefOptions:
    ours: str | None = None  # the side whose column comes first; None keeps the file's order
    card_text: bool = True  # include the cards' quoted texts, or only their cites and tags
    rate: int = DEFAULT_RATE  # words a minute, for reading times
    highlight: Highlight = "bold"
    # The Word export's own (see ExportFormat.one_side): one side alone, and a disclosure.
    side: str | None = None
    disclosure: bool = False
    # The judge's copy: no open slot, no note, no strength, no mark of what is unanswered and
    # no coverage: what the team keeps for itself left out.
    judge: bool = False
    # The essay's paragraphs, as storage read them beside the workbook: with them, a claim's
    # paragraph is given as a reader counts the published essay's (see `where_quoted`).
    paragraphs: tuple[str, ...] | None = None


def essay_cite(workbook: Workbook) -> str:
    essay = workbook.essay
    if essay is None:
        return "(no essay: a card library)"
    parts = []
    if essay.author:
        parts.append(inline(essay.author))
    if essay.title:
        parts.append(f"“{inline(essay.title)}”")
    if essay.publication:
        parts.append(f"*{inline(essay.publication)}*")
    if essay.date:
        parts.append(inline(essay.date))
    # The address itself, not a word linked to it: a printed brief must still say where the
    # essay is (written as a link, so that no linkifier reads the escapes as part of it).
    target = link_target(essay.url)
    if target:
        parts.append(f"[{inline(essay.url)}]({target})")
    elif essay.url:
        parts.append(inline(essay.url))
    return ", ".join(parts) or "(no cite)"


@dataclass(frozen=True)
class Marks:
    """What a cell says besides the points: whose gap a point left unanswered is (by side key,
    the name of the side that has not answered it), and whether the team's marks are shown."""

    unanswered_by: Mapping[str, str]
    judge: bool = False


def point_cell(point_id: str, point: Point, where: Read, cards: CardLines, marks: Marks) -> str:
    head = f"**{inline(point_id)}** · "
    head += f"answers {inline(point.answers)}" if point.kind == "answers" else point.kind
    if point.strength is not None and not marks.judge:
        head += " · " + "★" * point.strength + "☆" * (5 - point.strength)
    lines = [head, inline(point.text) if point.text else "*(no text yet)*"]
    read = [cid for cid in point.cards if cid in cards]
    if marks.judge:  # the judge's copy has no open slot in it
        read = [cid for cid in read if not cards.cards[cid].is_open]
    lines += [cards.read(cid, where) for cid in read]
    if not point.cards and not marks.judge:
        lines.append("☐ *evidence needed*")
    # The gap is the other side's: the mark names it, so that it never reads as a flaw of
    # the point above it (a side's last word is unanswered by the other).
    gap = marks.unanswered_by.get(point_id)
    if gap is not None and not marks.judge:
        lines.append(f"◇ *unanswered by {inline(gap)}*")
    return "<br>".join(lines)


def exchange_rows(
    claim: Claim,
    columns: list[str],
    cards: CardLines,
    marks: Marks | None = None,
    where: tuple[str, str] = ("", ""),
) -> list[list[str]]:
    """Rows of two cells. Each chain starts with a point that answers nothing; its answers
    stand to its right, the answers to those on the next row, and so on: across, then down.
    The cells are written in the order they are read, row by row, left to right, so that a
    card is printed in full where it is first read. `where` is the claim's anchor and name."""
    answers_to: dict[str, list[str]] = {pid: [] for pid in claim.points}
    for pid, point in claim.points.items():
        if point.kind == "answers" and point.answers in answers_to:
            answers_to[point.answers].append(pid)
    if marks is None:
        marks = Marks({})

    layout: list[list[list[str]]] = []
    for root_id, root in claim.points.items():
        if root.kind == "answers":
            continue
        # Each level of the chain goes right of the one it answers, or, when its side's column
        # is to the left, on the next row: the exchange always reads across, then down.
        row: list[list[str]] = [[], []]
        last = -1
        level = [root_id]
        while level:
            column = columns.index(claim.points[level[0]].side)
            if column <= last:
                layout.append(row)
                row = [[], []]
            row[column], last = level, column
            level = [reply for pid in level for reply in answers_to[pid]]
        layout.append(row)

    def cell(ids: list[str]) -> str:
        return "<br><br>".join(
            point_cell(pid, claim.points[pid], Read(*where, pid), cards, marks) for pid in ids
        )

    return [[cell(ids) for ids in row] for row in layout]


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "| --- | --- |"]
    # An empty cell is written as a space so that every row keeps both cells in every renderer.
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines


def column_words(workbook: Workbook, side: str, options: BriefOptions) -> int:
    words = 0
    for claim in workbook.claims.values():
        for point in claim.points.values():
            if point.side != side:
                continue
            words += len(point.text.split())
            for card_id in point.cards:
                if card_id in workbook.cards:
                    words += card_words(workbook.cards[card_id], options.card_text)
    return words


# Characters of a claim's quote that name it while it has no tag.
UNTAGGED_NAME = 60


def claim_title(claim: Claim, claim_id: str) -> str:
    """A claim as the brief names it: its tag, or while it has none the start of its quote, in
    quotation marks; its id, which its author never typed, only when it has neither."""
    if claim.tag or not claim.quote:
        return inline(claim.tag) or inline(claim_id)
    quote = cut(claim.quote, UNTAGGED_NAME)
    return in_quotes(quote, inline(quote))


def claim_name(claim: Claim, claim_id: str) -> str:
    """A claim's name as typed (not yet escaped): its tag, its quote, or its id."""
    return claim.tag or " ".join(claim.quote.split()) or claim_id


def anchor(claim_id: str) -> str:
    return f"claim-{claim_id}"


def render(workbook: Workbook, options: BriefOptions | None = None) -> str:
    """The whole brief as Markdown text, ending with a newline."""
    from workbook.core.model import is_library

    options = options or BriefOptions()
    if is_library(workbook):
        return library_brief(workbook, options)
    columns = list(workbook.sides)
    if options.ours in workbook.sides:
        columns = [options.ours, workbook.other_side(options.ours)]
    names = [inline(workbook.sides[side].name) for side in columns]

    out = [f"# {inline(workbook.title or 'Brief')}", ""]
    if workbook.motion:
        out += [f"**Motion:** {inline(workbook.motion)}", ""]
    essay = workbook.essay
    section_title, numbered = "", False  # a motion alone: no essay, its claims our own words
    if essay is not None:
        out += [f"**Essay:** {essay_cite(workbook)}", ""]
        section_title, numbered = essay.title, bool(essay.headings)
    for side, name in zip(columns, names, strict=True):
        thesis = inline(workbook.sides[side].thesis) or "*(no thesis yet)*"
        out += [f"**{name}:** {thesis}", ""]

    body = None
    if options.paragraphs is not None and essay is not None:
        body = body_numbers(list(options.paragraphs), essay.headings, section_title)
        out += [COUNTED, ""]
    card_lines = CardLines(
        workbook.cards, options.card_text, options.highlight, notes=not options.judge
    )
    section = None
    for claim_id, claim in workbook.claims.items():
        if claim.section != section:
            section = claim.section
            heading = section_name(section, section_title, numbered)
            out += [f"## {inline(heading)}", ""]
        out += [f'### <a id="{anchor(claim_id)}"></a>{claim_title(claim, claim_id)}', ""]
        made_by = inline(workbook.sides[claim.side].name)
        if claim.paragraph is None:  # a motion alone: the team's own words, no essay's
            where = f"> — a claim of {made_by}, in our own words"
        else:
            quoted = where_quoted(claim, options.paragraphs, body, section_title)
            where = f"> — {quoted}, a claim of {made_by}"
        out += [f"> {in_quotes(claim.quote, inline(claim.quote))}", ">", where, ""]
        if claim.notes.strip() and not options.judge:
            out += [notes_line(claim.notes), ""]
        marks = Marks(unanswered_marks(workbook, claim), options.judge)
        named = (anchor(claim_id), claim_name(claim, claim_id))
        rows = exchange_rows(claim, columns, card_lines, marks, named)
        if not rows:
            rows = [["*no point yet*", "*no point yet*"]]
        out += [*table(names, rows), ""]

    if not options.judge:  # what each side has yet to prepare is the team's
        out += coverage_lines(workbook, columns, names, options)
    out += ["## Index of cards", ""]
    index = card_lines.index()
    if index:
        out += ["Each card is printed in full, numbered, under the first point listed here.", ""]
    out += index or ["No card is read."]
    return "\n".join(out).rstrip("\n") + "\n"


# What the brief's paragraph numbers count, said once above the claims.
COUNTED = (
    "*Paragraphs are numbered as the published essay reads: its body paragraphs from 1, its "
    "title, byline and headings not counted.*"
)


def where_quoted(
    claim: Claim, paragraphs: tuple[str, ...] | None, body: Mapping[int, int] | None, title: str
) -> str:
    """Where a claim's quote stands, as a reader can check it: its body paragraph, or what else
    of the essay it is; without the essay's text, its paragraph in that text, said so."""
    number = claim.paragraph
    if number is None:  # a motion alone: the claim stands in no essay
        return "our own words"
    if paragraphs is None or body is None:
        return f"paragraph {number} of the essay's text"
    if number in body:
        return f"body paragraph {body[number]}"
    if number > len(paragraphs):
        return f"paragraph {number} of the essay's text"
    if is_title(paragraphs[number - 1], title):
        return "the essay's title"
    return "a heading" if claim.section == paragraphs[number - 1] else "the byline"


def unanswered_marks(workbook: Workbook, claim: Claim) -> dict[str, str]:
    """The points of the claim that the other side has not answered, each with that side's
    name: coverage's own rule (core/coverage.py), so that the brief and `check` agree."""
    marks: dict[str, str] = {}
    for side in workbook.sides:
        for point_id in unanswered(claim, side):
            marks[point_id] = workbook.sides[side].name
    return marks


def coverage_lines(
    workbook: Workbook, columns: list[str], names: list[str], options: BriefOptions
) -> list[str]:
    out = ["## Coverage", ""]
    for side, name in zip(columns, names, strict=True):
        open_claims = [
            f"[{claim_title(c, cid)}](#{anchor(cid)})"
            for cid, c in workbook.claims.items()
            if needs_answer(c, side)
        ]
        words = column_words(workbook, side, options)
        minutes = math.ceil(words / max(options.rate, 1))
        out += [f"### {name}", ""]
        reading = f"about {minutes} min at {options.rate} words a minute"
        out += [f"{words} words in its column: {reading}.", ""]
        if open_claims:
            out += [f"Not yet answered ({len(open_claims)}):", ""]
            out += [f"- {link}" for link in open_claims]
        else:
            out += ["Every claim answered."]
        out += [""]
    return out


def library_brief(workbook: Workbook, options: BriefOptions) -> str:
    """A card library's brief: its cards in the library's order, under the Pocket, Hat and
    Block headings each was filed under in the Word file it came from, as the squad filed it."""
    count = len(workbook.cards)
    out = [f"# {inline(workbook.title or 'Card library')}", ""]
    out += [f"A card library: {count} card{'' if count == 1 else 's'}.", ""]
    shown: list[str] = []  # the headings above the card before
    for card in workbook.cards.values():
        headings = card.filed_under or (["Not filed"] if shown else [])
        same = 0
        while same < min(len(shown), len(headings)) and shown[same] == headings[same]:
            same += 1
        if same == len(headings) < len(shown):
            same -= 1  # back up to a shallower heading: it is shown again, to say so
        # A heading of a card's filing under one already shown starts where they part.
        for depth, heading in enumerate(headings[same:], start=same + 2):
            out += [f"{'#' * min(depth, 6)} {inline(heading) or '(untitled)'}", ""]
        shown = headings
        out += [card_line(card, options.card_text, options.highlight), ""]
    return "\n".join(out).rstrip("\n") + "\n"
