"""How claims, points and cards read on screen: the lines `glance` works out, as Rich text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.content import Content

from workbook.core.marks import HIGHLIGHTED, UNDERLINED, in_quotes, marked_runs, plain, spoken
from workbook.tui.glance import CardLine, ClaimHead, ClaimLine, PointLine, Readiness

if TYPE_CHECKING:
    from workbook.core.model import Card

READY, PARTIAL, NONE = "●", "◐", "·"
MARKS: dict[Readiness, tuple[str, str]] = {
    "ready": (READY, "$success"),
    "started": (PARTIAL, "$warning"),
    "none": (NONE, "$text-muted"),
}

# A card's standing, as a mark before its cite: a card typed by hand keeps the mark every card
# had before cards were cut from sources; one whose source's text is still being read, too.
# Every standing `core.proving` names has its mark here (tests/tui/test_cutting_app.py).
STANDING_MARKS: dict[str, tuple[str, str]] = {
    "proven": ("✓", "green"),
    "drifted": ("✗", "bold red"),
    "joined": ("…", "bold yellow"),  # its source's words, joined by an ellipsis
    "unread": ("?", "yellow"),
    "typed": ("▪", "green"),
    "": ("▪", "green"),
}

# The screen shows the start of very long text; the whole of it is in the form and the file.
LONG = 4000

# A card's underlined words underlined; its highlighted ones in reverse video, in a
# highlighter's colour: with colour or without, the two layers are told apart.
UNDERLINE_STYLE = Style(underline=True)
HIGHLIGHT_STYLE = Style(color="yellow", reverse=True)
LAYER_STYLES = {
    0: Style(),
    UNDERLINED: UNDERLINE_STYLE,
    HIGHLIGHTED: HIGHLIGHT_STYLE,
    UNDERLINED | HIGHLIGHTED: UNDERLINE_STYLE + HIGHLIGHT_STYLE,
}
# Where a reading skips words: brackets, as an omission is marked, not an ellipsis, which
# a card's own words may hold.
SKIPPED = " […] "


def clip(text: str, limit: int = LONG) -> str:
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters in all)"


def claim_prompt(line: ClaimLine) -> Content:
    # Textual's own Content, not Rich Text: the list builds 2,000 of these as it opens.
    marks = [MARKS[ready] for ready in line.readiness]
    # An untagged claim, just made from a sentence, reads as its quote until it is tagged.
    label = line.tag or in_quotes(line.quote, clip(line.quote, 120))
    return Content.assemble(*marks, f" {clip(label, 300)}")


def claim_text(head: ClaimHead, quote: Text | None = None) -> Text:
    """The claim in view: its tag, where it stands, its quote (or `quote`, the quote in its
    paragraph), and its notes."""
    text = Text()
    text.append(clip(head.tag, 300) or "(no tag)", style="bold")
    text.append("\n")
    text.append(head.where, style="dim")
    text.append("\n")
    shown = in_quotes(head.quote, clip(head.quote))
    text.append(quote if quote is not None else Text(shown, style="italic"))
    if head.notes:
        text.append("\nNotes: ", style="bold")
        text.append(clip(head.notes))
    return text


def stars(strength: int | None) -> str:
    return "" if strength is None else "★" * strength + "☆" * (5 - strength)


def point_prompt(line: PointLine) -> Text:
    text = Text()
    text.append(line.point_id, style="bold")
    if line.kind == "answers":
        text.append(f" answers {line.answers} ({line.answers_side})", style="italic")
    else:
        text.append(f" {line.kind}", style="italic")
    if line.strength is not None:
        text.append(f"  {stars(line.strength)}", style="yellow")
    if line.needs_evidence:
        text.append("  needs evidence", style="red")
    text.append("\n")
    text.append(clip(line.text) or "(no text yet)", style="" if line.text else "dim")
    return text


def card_prompt(line: CardLine) -> Text:
    text = Text("  ")
    if line.is_open:
        text.append("□ open slot", style="red")
        text.append(f" {clip(line.tag, 300)}" if line.tag else ": evidence needed", style="dim")
        return text
    text.append_text(standing_mark(line.standing))
    text.append(line.cite or "(no cite)", style="bold")
    if line.tag:
        text.append(f" — {clip(line.tag, 300)}")
    return text


def standing_mark(standing: str) -> Text:
    """The mark before a filled card's cite that says its standing, and a space."""
    mark, style = STANDING_MARKS[standing]
    return Text(f"{mark} ", style=style)


def quote_in_paragraph(paragraph: str, span: tuple[int, int] | None) -> Text:
    text = Text(paragraph)
    if span is not None:
        text.stylize("reverse", *span)
    return text


def marked_words(text: str, limit: int = LONG) -> Text:
    """A card's text as a reader sees it: underlined words underlined, highlighted ones
    highlighted, the marks themselves left out; cut at `limit` characters."""
    shown = Text()
    for run in marked_runs(text):
        room = limit - len(shown)
        if room <= 0:
            break
        layer = UNDERLINED * run.underlined | HIGHLIGHTED * run.highlighted
        shown.append(run.words[:room], style=LAYER_STYLES[layer])
    if len(shown) < len(plain(text)):
        shown.append("…")
    return shown


def spoken_card(card: Card) -> Text:
    """A card as it is read aloud: its tag, its short cite, and its highlighted words only (or
    all of them when none are highlighted), in order, with a mark where words are skipped."""
    shown = Text()
    shown.append(clip(card.tag, 300) or "(no tag)", style="bold")
    shown.append("\n")
    shown.append(card.cite or "(no cite)", style="bold")
    passages = spoken(card.text)
    shown.append("\n")
    if not passages:
        shown.append("(no words to read yet)", style="dim")
    for number, passage in enumerate(passages):
        if number:
            shown.append(SKIPPED, style="dim")
        shown.append(clip(passage))
    return shown
