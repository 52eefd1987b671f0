"""The read mode: a card as it is read aloud, its tag, its short cite and only its highlighted
words, in order, with a mark where words are skipped; on a point, the point's own words and
then each card it reads, in reading order. What a debater says, and how many words it is."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from workbook.core.model import Claim, Workbook
from workbook.exports.brief import card_words
from workbook.practice.speech import point_words
from workbook.tui.widgets.render import clip, spoken_card


def spoken_point(workbook: Workbook, claim: Claim, point_id: str, card_id: str | None) -> Text:
    """The card `card_id` as it is read aloud; with none, the point's words and its cards."""
    point = claim.points[point_id]
    if card_id is not None:
        return spoken_card(workbook.cards[card_id])
    shown = Text(clip(point.text) or "(no text yet)")
    for read in point.cards:
        if read in workbook.cards:
            shown.append("\n\n")
            shown.append_text(spoken_card(workbook.cards[read]))
    return shown


def words_spoken(workbook: Workbook, claim: Claim, point_id: str, card_id: str | None) -> int:
    """The words read aloud: the card's tag and highlighted words, or the point's and each of
    its cards', as the speech builder counts them."""
    if card_id is not None:
        return card_words(workbook.cards[card_id])
    point = claim.points[point_id]
    return point_words(workbook, point, point.cards)


class ReadAloudScreen(ModalScreen[None]):
    """What is read aloud for a point or a card, to read through; any of its keys closes it."""

    DEFAULT_CSS = """
    ReadAloudScreen {
        align: center middle;
    }
    ReadAloudScreen #read {
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 90%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    ReadAloudScreen #read-title {
        width: 100%;
        text-style: bold;
        margin-bottom: 1;
    }
    ReadAloudScreen #read-words {
        height: auto;
        max-height: 1fr;
    }
    ReadAloudScreen #read-hint {
        width: 100%;
        color: $text-muted;
        margin-top: 1;
    }
    """

    BINDINGS = [Binding("escape,R,q", "close", "Back", key_display="esc")]

    def __init__(self, title: str, words: Text) -> None:
        super().__init__()
        self.read_title = title
        self.words = words

    @classmethod
    def of_point(
        cls, workbook: Workbook, claim: Claim, point_id: str, card_id: str | None
    ) -> ReadAloudScreen:
        """A point and its cards, or one card `card_id` under it."""
        point = claim.points[point_id]
        side = workbook.sides[point.side].name
        what = f"card {card_id} under {point_id}" if card_id else f"{point_id} and its cards"
        words = words_spoken(workbook, claim, point_id, card_id)
        title = f"Read aloud: {what} ({side}), {words} words"
        return cls(title, spoken_point(workbook, claim, point_id, card_id))

    @classmethod
    def of_card(cls, workbook: Workbook, card_id: str) -> ReadAloudScreen:
        """A card of a card library, which no point reads: the card alone."""
        card = workbook.cards[card_id]
        title = f"Read aloud: card {card_id}, {card_words(card)} words"
        return cls(title, spoken_card(card))

    def compose(self) -> ComposeResult:
        with Vertical(id="read"):
            yield Label(self.read_title, id="read-title", markup=False)
            with VerticalScroll(id="read-words"):
                yield Static(self.words, id="read-text", markup=False)
            yield Label(
                "The highlighted words only (all, where none are); […] marks words skipped. "
                "escape: back",
                id="read-hint",
                markup=False,
            )

    def action_close(self) -> None:
        self.dismiss(None)
