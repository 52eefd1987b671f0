"""A card from the workbook's library, found by typing a few words of its cite, tag or text.

Two uses: a point reads a card already cut ("New card…" is the first entry, so `enter` at once
cuts a new one), and "find card", which goes to where a card is read. A point may also read a
card of a card library beside the workbook (`Outside`): picked, it is copied into this
workbook's library.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from workbook.core.card_search import Haystack, haystacks, search
from workbook.core.coverage import count
from workbook.core.library import Place, usage
from workbook.core.model import Card, Workbook
from workbook.tui.glance import read_by
from workbook.tui.widgets.render import clip, marked_words, standing_mark

NEW = "+new"  # the "New card…" entry: no card id can start with "+"
OUTSIDE = "@"  # an outside card's entry is "@" and its place in the list: no card id has "@"


@dataclass(frozen=True)
class Outside:
    """A card of a card library beside the workbook: its id there, and the library's name."""

    card_id: str
    card: Card
    library: str


def outside_index(picked: str) -> int | None:
    """The place in the outside cards of the entry `picked`, or None for a card of our own."""
    return int(picked[len(OUTSIDE) :]) if picked.startswith(OUTSIDE) else None


MOST = 300  # entries shown at once: a few words more narrow any library to this
PREVIEW = 150  # characters of a card's text shown under its cite


def card_choice(
    card_id: str,
    card: Card,
    places: list[Place],
    workbook: Workbook | None = None,
    standing: str = "",
    read: bool = True,
) -> Text:
    """A card as the picker lists it: its standing's mark, cite, tag and how many points read
    it (given the `workbook`, which claims, by tag, and points; not said when `read` is False,
    in a card library, where no point reads a card); then the start of its text, the passages
    read aloud in bold."""
    text = Text()
    if card.is_open:
        text.append("□ open slot", style="red")
        text.append(f": {clip(card.tag, 200) or 'evidence needed'}")
    else:
        text.append_text(standing_mark(standing or ("" if card.source else "typed")))
        text.append(card.cite or "(no cite)", style="bold")
        if card.tag:
            text.append(f" — {clip(card.tag, 200)}")
    said = f"read by {count(places, 'point')}" if places else "read by no point yet"
    if workbook is not None and places:
        said += f": {read_by(workbook, places, most=3, longest=40)}"
    text.append(f"  · {said} · {card_id}" if read else f"  · {card_id}", style="dim")
    if card.text:
        text.append("\n  ")
        text.append_text(marked_words(card.text, PREVIEW))
    return text


class CardPicker(ModalScreen[str | None]):
    """Returns the id of the card chosen, `NEW` for "New card…", or None when cancelled."""

    DEFAULT_CSS = """
    CardPicker {
        align: center middle;
    }
    CardPicker #picker {
        width: 90%;
        max-width: 120;
        height: 90%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    CardPicker #picker-title {
        width: 100%;
        text-style: bold;
        margin-bottom: 1;
    }
    CardPicker #picker-cards {
        height: 1fr;
        border: none;
    }
    CardPicker #picker-hint {
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("down", "move('cursor_down')", "Next", show=False),
        Binding("up", "move('cursor_up')", "Previous", show=False),
        Binding("pagedown", "move('page_down')", "Page down", show=False),
        Binding("pageup", "move('page_up')", "Page up", show=False),
    ]

    def __init__(
        self,
        workbook: Workbook,
        title: str,
        offer_new: bool = False,
        leave_out: Collection[str] = (),
        standing: Callable[[Card], str | None] | None = None,
        outside: Sequence[Outside] = (),
    ) -> None:
        """`standing` says each card's standing (see `glance.column`); `outside` are the
        cards of the card libraries beside the workbook, offered after its own."""
        super().__init__()
        self.workbook = workbook
        self.standing = standing
        self.title_text = title
        self.offer_new = offer_new
        self.hays = [hay for hay in haystacks(workbook) if hay.card_id not in leave_out]
        self.outside = outside
        # Found by their own ids and words, listed under an id of the picker's.
        self.hays += [
            replace(Haystack.of(other.card_id, other.card), card_id=f"{OUTSIDE}{index}")
            for index, other in enumerate(outside)
        ]
        self.used = usage(workbook)
        self.shown: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(self.title_text, id="picker-title", markup=False)
            yield Input(placeholder="Words of the cite, tag or text", id="picker-search")
            yield OptionList(id="picker-cards")
            hint = "type to narrow · ↑ ↓ choose · enter picks · escape cancels"
            yield Label(hint, id="picker-hint", markup=False)

    def on_mount(self) -> None:
        self.show("")
        self.query_one(Input).focus()

    @property
    def cards(self) -> OptionList:
        return self.query_one("#picker-cards", OptionList)

    def show(self, query: str) -> None:
        """List the cards that fit what is typed, best first."""
        self.shown = search(self.hays, query)
        options: list[Option | None] = []
        if self.offer_new:
            options.append(Option(Text("+ New card…", style="bold"), id=NEW))
            options.append(None)
        for card_id in self.shown[:MOST]:
            index = outside_index(card_id)
            if index is not None:
                other = self.outside[index]
                choice = card_choice(other.card_id, other.card, [], read=False)
                choice.append(f" · from {other.library}", style="italic")
                options.append(Option(choice, id=card_id))
                continue
            where = None if self.offer_new else self.workbook
            card = self.workbook.cards[card_id]
            standing = (self.standing(card) if self.standing else None) or ""
            choice = card_choice(card_id, card, self.used[card_id], where, standing)
            options.append(Option(choice, id=card_id))
        cards = self.cards
        cards.set_options(options)
        # What was typed names a card: enter takes the best fit, not "New card…".
        first = self.shown[0] if self.shown and (query.strip() or not self.offer_new) else None
        if first is not None:
            cards.highlighted = cards.get_option_index(first)
        elif options:
            cards.highlighted = 0
        more = f" (the first {MOST})" if len(self.shown) > MOST else ""
        self.query_one("#picker-hint", Label).update(
            f"{len(self.shown)} of {count(self.hays, 'card')}{more} · ↑ ↓ choose · "
            "enter picks · escape cancels"
            + (" · a card “from” a library beside is copied into this one" if self.outside else "")
        )

    @on(Input.Changed, "#picker-search")
    def _typed(self, event: Input.Changed) -> None:
        self.show(event.value)

    @on(Input.Submitted, "#picker-search")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        option = self.cards.highlighted_option
        if option is None:
            self.notify("No card fits those words: escape, or fewer words.", timeout=3)
            return
        self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#picker-cards")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_move(self, action: str) -> None:
        """The arrows move through the cards while the typing stays in the search field."""
        cards = self.cards
        if action == "cursor_down":
            cards.action_cursor_down()
        elif action == "cursor_up":
            cards.action_cursor_up()
        elif action == "page_down":
            cards.action_page_down()  # type: ignore[no-untyped-call]
        else:
            cards.action_page_up()  # type: ignore[no-untyped-call]

    def action_cancel(self) -> None:
        self.dismiss(None)
