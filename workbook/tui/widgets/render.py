"""How claims, points and cards read on screen: the lines `glance` works out, as Rich text."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from workbook.core.marks import in_quotes, plain, runs
from workbook.tui.glance import CardLine, ClaimHead, ClaimLine, PointLine, Readiness

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
    """A card's text as the brief reads it: passages marked to read aloud in bold, the rest in
    normal weight, the marks themselves left out; cut at `limit` characters."""
    shown = Text()
    for marked, words in runs(text):
        room = limit - len(shown)
        if room <= 0:
            break
        shown.append(words[:room], style="bold" if marked else "")
    if len(shown) < len(plain(text)):
        shown.append("…")
    return shown
