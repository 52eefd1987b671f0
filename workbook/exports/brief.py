"""The brief: a workbook as GitHub-flavoured Markdown, both sides claim by claim, two columns.

A pure function of the workbook. Whatever a user typed is escaped so that it reads as text:
it cannot add a table cell, a link, an HTML tag or a heading, and its line breaks stay visible.
Only a card's text, the source's own words, stands in quotation marks; its tag is our words and
is labelled as ours, so no summary of ours can be read aloud as a source's.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote, urlsplit

from workbook.core.cites import cite_parts, joined_cite
from workbook.core.filters import needs_answer
from workbook.core.marks import Marked, has_marks, in_quotes, marked_runs, plain, words_read_aloud
from workbook.essay.paragraphs import section_name
from workbook.essay.quotes import cut

if TYPE_CHECKING:
    from workbook.core.model import Card, Claim, Point, Workbook

DEFAULT_RATE = 150  # words a minute: a careful reading aloud

# How highlighted words are written: bold in the Markdown brief (as it always wrote them), or
# <mark> on the printable page, which has a highlighter's colour to show.
Highlight = Literal["bold", "mark"]

# The characters that can open or close Markdown or HTML inside a line: code, emphasis, links,
# tags, entities, table cells, strike-through and heading closers. Text never starts a line of
# the brief, so list and heading markers at a line's start need no escape.
_ESCAPED = str.maketrans({c: "\\" + c for c in "\\`*_[]<>&|~#"})

# What a GFM linkifier turns into a link besides http and https: an address with "@" (an
# email, mailto:, xmpp:), another scheme before ":" (ftp:), and "//" on its own (a link that
# borrows the page's scheme). One backslash breaks each of these and still reads as text.
_SCHEME = re.compile(r"(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*):(?=\S)")
_BARE_SLASHES = re.compile(r"(?<![A-Za-z0-9])(?<!http:)(?<!https:)//", re.IGNORECASE)


@dataclass(frozen=True)
class BriefOptions:
    ours: str | None = None  # the side whose column comes first; None keeps the file's order
    card_text: bool = True  # include the cards' quoted texts, or only their cites and tags
    rate: int = DEFAULT_RATE  # words a minute, for reading times
    highlight: Highlight = "bold"
    # The Word export's own (see ExportFormat.one_side): one side alone, and a disclosure.
    side: str | None = None
    disclosure: bool = False


def inline(text: str) -> str:
    """User text as one line of literal Markdown: every syntax character escaped, and only
    http and https addresses left for a linkifier to find."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(_no_autolink(line.replace("\t", " ").translate(_ESCAPED)) for line in lines)


def _no_autolink(line: str) -> str:
    # Most lines hold neither ":" nor "//": the checks spare them the expressions.
    line = line.replace("@", "\\@")
    if ":" in line:
        line = _SCHEME.sub(_keep_web_scheme, line)
    return _BARE_SLASHES.sub(r"/\\/", line) if "//" in line else line


def _keep_web_scheme(match: re.Match[str]) -> str:
    return match[0] if match[1].lower() in ("http", "https") else f"{match[1]}\\:"


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def link_target(url: str) -> str | None:
    """A web address safe to link to, or None: only http and https, with nothing that could
    end the link early."""
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    if scheme not in ("http", "https") or _CONTROL.search(url):
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~-._[]").replace("(", "%28").replace(")", "%29")


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


def card_line(card: Card, with_text: bool, highlight: Highlight = "bold") -> str:
    """A card: its short cite (linked), our tag, its full cite line and, unless left out, its
    text in quotation marks, its underlined words underlined and its highlighted words in bold
    (or as `highlight` says)."""
    if card.is_open:
        need = f": {inline(card.tag)}" if card.tag else ""
        return f"☐ *evidence needed*{need}"
    cite = inline(card.cite or "(no cite)")
    target = link_target(card.url)
    line = f"▪ [{cite}]({target})" if target else f"▪ **{cite}**"
    if card.tag:
        line += f" — *our tag:* {inline(card.tag)}"
    if card.full_cite:
        line += f"<br>{full_cite_line(card)}"
    if with_text and card.text:
        line += f"<br>{in_quotes(card.text, card_text(card.text, highlight))}"
    return line


def full_cite_line(card: Card) -> str:
    """The full cite line, its web address a link (written as a link so that no linkifier
    reads the escapes of the address as part of it)."""
    parts = []
    for name, text in cite_parts(card):
        target = link_target(text) if name == "url" else None
        parts.append((name, f"[{inline(text)}]({target})" if target else inline(text)))
    return joined_cite(parts)


def card_text(text: str, highlight: Highlight = "bold") -> str:
    """A card's text as Markdown: the highlighted passages bold (or in <mark>), the underlined
    ones in <ins>, which GitHub keeps and every browser underlines, the rest as it is."""
    if not has_marks(text):
        return inline(plain(text))
    parts: list[str] = []
    # The underlining stands outside the highlighting, which it usually holds.
    for underlined, group in groupby(marked_runs(text), key=lambda run: run.underlined):
        inner = "".join(_marked(run, highlight) for run in group)
        parts.append(f"<ins>{inner}</ins>" if underlined else inner)
    return "".join(parts)


def _marked(run: Marked, highlight: Highlight) -> str:
    if not run.highlighted:
        return inline(run.words)
    if highlight == "mark":
        return f"<mark>{inline(run.words)}</mark>"
    return _bold(run.words)


def _bold(words: str) -> str:
    # Emphasis only opens and closes against a word: white space at a passage's edges stays
    # outside the asterisks.
    core = words.strip()
    if not core:
        return inline(words)
    before = words[: len(words) - len(words.lstrip())]
    after = words[len(words.rstrip()) :]
    return f"{inline(before)}**{inline(core)}**{inline(after)}"


def card_words(card: Card, with_text: bool = True) -> int:
    """The words read aloud for a card: its tag, and its highlighted words (all of its text when
    nothing is highlighted)."""
    words = len(card.tag.split())
    if with_text:
        words += words_read_aloud(card.text)
    return words


def point_cell(point_id: str, point: Point, answered: bool, cards: CardLines) -> str:
    head = f"**{inline(point_id)}** · "
    head += f"answers {inline(point.answers)}" if point.kind == "answers" else point.kind
    if point.strength is not None:
        head += " · " + "★" * point.strength + "☆" * (5 - point.strength)
    lines = [head, inline(point.text) if point.text else "*(no text yet)*"]
    lines += [cards[cid] for cid in point.cards if cid in cards]
    if not point.cards:
        lines.append("☐ *evidence needed*")
    if not answered:
        lines.append("⚠ *answer missing*")
    return "<br>".join(lines)


class CardLines(dict[str, str]):
    """Each library card's line, made once however many points read it."""

    def __init__(
        self, cards: Mapping[str, Card], with_text: bool, highlight: Highlight = "bold"
    ) -> None:
        super().__init__()
        self.cards, self.with_text, self.highlight = cards, with_text, highlight

    def __contains__(self, card_id: object) -> bool:
        return card_id in self.cards

    def __missing__(self, card_id: str) -> str:
        line = self[card_id] = card_line(self.cards[card_id], self.with_text, self.highlight)
        return line


def exchange_rows(claim: Claim, columns: list[str], cards: CardLines) -> list[list[str]]:
    """Rows of two cells. Each chain starts with a point that answers nothing; its answers
    stand to its right, the answers to those on the next row, and so on: across, then down."""
    answers_to: dict[str, list[str]] = {pid: [] for pid in claim.points}
    for pid, point in claim.points.items():
        if point.kind == "answers" and point.answers in answers_to:
            answers_to[point.answers].append(pid)

    def cells(ids: list[str]) -> str:
        return "<br><br>".join(
            point_cell(pid, claim.points[pid], bool(answers_to[pid]), cards) for pid in ids
        )

    rows: list[list[str]] = []
    for root_id, root in claim.points.items():
        if root.kind == "answers":
            continue
        # Each level of the chain goes right of the one it answers, or, when its side's column
        # is to the left, on the next row: the exchange always reads across, then down.
        row, last = ["", ""], -1
        level = [root_id]
        while level:
            column = columns.index(claim.points[level[0]].side)
            if column <= last:
                rows.append(row)
                row = ["", ""]
            row[column], last = cells(level), column
            level = [reply for pid in level for reply in answers_to[pid]]
        rows.append(row)
    return rows


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

    card_lines = CardLines(workbook.cards, options.card_text, options.highlight)
    section = None
    for claim_id, claim in workbook.claims.items():
        if claim.section != section:
            section = claim.section
            heading = section_name(section, section_title, numbered)
            out += [f"## {inline(heading)}", ""]
        out += [f'### <a id="{anchor(claim_id)}"></a>{claim_title(claim, claim_id)}', ""]
        made_by = inline(workbook.sides[claim.side].name)
        where = f"> — paragraph {claim.paragraph}, a claim of {made_by}"
        if claim.paragraph is None:  # a motion alone: the team's own words, no essay's
            where = f"> — a claim of {made_by}, in our own words"
        out += [f"> {in_quotes(claim.quote, inline(claim.quote))}", ">", where, ""]
        rows = exchange_rows(claim, columns, card_lines)
        if not rows:
            rows = [["*no point yet*", "*no point yet*"]]
        out += [*table(names, rows), ""]

    out += ["## Coverage", ""]
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
    return "\n".join(out).rstrip("\n") + "\n"


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
