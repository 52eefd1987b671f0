"""How claims, points and cards read on screen, as Rich text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content

from ..coverage import claim_ready, has_evidence
from ..marks import plain, runs
from ..model import Card, Claim, Point, Workbook

if TYPE_CHECKING:
    from collections.abc import Mapping

READY, PARTIAL, NONE = "●", "◐", "·"

# The screen shows the start of very long text; the whole of it is in the form and the file.
LONG = 4000


def clip(text: str, limit: int = LONG) -> str:
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters in all)"


def side_mark(claim: Claim, side: str, cards: Mapping[str, Card]) -> tuple[str, str]:
    """A mark and its style: ready, some points, or no point yet."""
    if claim_ready(claim, side, cards):
        return READY, "$success"
    if any(p.side == side for p in claim.points.values()):
        return PARTIAL, "$warning"
    return NONE, "$text-muted"


def claim_prompt(
    claim_id: str, claim: Claim, sides: list[str], cards: Mapping[str, Card]
) -> Content:
    # Textual's own Content, not Rich Text: the list builds 2,000 of these as it opens.
    marks = [side_mark(claim, side, cards) for side in sides]
    # An untagged claim, just made from a sentence, reads as its quote until it is tagged.
    label = claim.tag or f"“{clip(claim.quote, 120)}”"
    return Content.assemble(*marks, f" {clip(label, 300)}")


def stars(strength: int | None) -> str:
    return "" if strength is None else "★" * strength + "☆" * (5 - strength)


def point_prompt(workbook: Workbook, claim: Claim, point_id: str, point: Point) -> Text:
    text = Text()
    text.append(point_id, style="bold")
    if point.kind == "answers":
        target = claim.points.get(point.answers)
        side_name = workbook.sides[target.side].name if target else "?"
        text.append(f" answers {point.answers} ({side_name})", style="italic")
    else:
        text.append(f" {point.kind}", style="italic")
    if point.strength is not None:
        text.append(f"  {stars(point.strength)}", style="yellow")
    if not has_evidence(point, workbook.cards):
        text.append("  needs evidence", style="red")
    text.append("\n")
    text.append(clip(point.text) or "(no text yet)", style="" if point.text else "dim")
    return text


def card_prompt(card: Card) -> Text:
    text = Text("  ")
    if card.is_open:
        text.append("□ open slot", style="red")
        text.append(f" {clip(card.tag, 300)}" if card.tag else ": evidence needed", style="dim")
        return text
    text.append("▪ ", style="green")
    text.append(card.cite or "(no cite)", style="bold")
    if card.tag:
        text.append(f" — {clip(card.tag, 300)}")
    return text


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
