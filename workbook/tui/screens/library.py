"""A card library's screen: a workbook with no essay is its cards alone, found by a few words.

A squad's Word files imported (`workbook import`) make a card library. Here its cards are
listed as the card picker lists them, with the headings each was filed under; typing narrows
them, `enter` reads one as it is read aloud, `e` edits it in the card form, `n` types a new
one, `x` deletes one, `s` cuts one from a source in the source view, and undo and redo work as
on the main screen. The sources' texts are read off the app's thread, as the main screen reads
them, so that each cut card shows its standing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from workbook.core.card_search import haystacks, search
from workbook.core.claim_edits import free_id, slug
from workbook.core.coverage import count
from workbook.core.edits import Change, Draft, EditError
from workbook.core.model import Card, Workbook
from workbook.essay.quotes import cut
from workbook.tui.dialogs.card_picker import MOST, card_choice
from workbook.tui.dialogs.edit_forms import card_form, card_values
from workbook.tui.dialogs.form import Values
from workbook.tui.dialogs.read_aloud import ReadAloudScreen
from workbook.tui.dialogs.sources import SourcePicker
from workbook.tui.messages import Edited
from workbook.tui.screens.source import SourceScreen
from workbook.tui.screens.steps import step_back
from workbook.tui.source_texts import (
    SourceTexts,
    TextsRead,
    TextsUnread,
)
from workbook.tui.widgets.key_bar import KeyBar
from workbook.tui.widgets.render import clip

# The keys, as the main screen names its own: the same letter does the same thing there.
KEYS: list[BindingType] = [
    Binding("enter", "read", "Read", tooltip="Read the card as it is read aloud"),
    Binding("e", "edit_card", "Edit", tooltip="Edit the card: its cite, tag, text and marks"),
    Binding("n", "new_card", "New", tooltip="Type a new card into the library"),
    Binding("x,delete", "delete_card", "Delete", key_display="x", tooltip="Delete the card"),
    Binding("s", "cut_from_source", "Cut", tooltip="Cut a card from a source…"),
    Binding("slash", "search", "Find", tooltip="Find cards by words of the cite, tag or text"),
    Binding("ctrl+z", "undo", "Undo", tooltip="Undo the last change"),
    Binding("ctrl+y", "redo", "Redo", show=False, tooltip="Redo what was undone"),
    # From the search field, the arrow goes down to the cards (the list takes its own arrows).
    Binding("down", "to_cards", "To the cards", show=False),
]


def filed_line(card: Card) -> str:
    """Where a squad filed the card in its Word file: "Pocket › Hat › Block", or ""."""
    return " › ".join(cut(heading, 60) for heading in card.filed_under if heading)


class LibraryScreen(Screen[None]):
    """A card library: its cards, narrowed by what is typed, each read, edited or deleted."""

    DEFAULT_CSS = """
    LibraryScreen #library-head {
        height: auto;
        padding: 0 1;
        background: $boost;
    }
    LibraryScreen #library-search {
        border: tall $panel;
        height: 3;
    }
    LibraryScreen #library-search:focus {
        border: tall $accent;
    }
    LibraryScreen #library-cards {
        height: 1fr;
        border: round $panel;
        scrollbar-gutter: stable;
    }
    LibraryScreen #library-cards:focus {
        border: round $accent;
    }
    """

    BINDINGS = KEYS
    AUTO_FOCUS = "#library-cards"

    def __init__(self, draft: Draft, path: Path) -> None:
        super().__init__()
        self.draft = draft
        self.path = path  # the app sets it again when the file is saved elsewhere
        self.query_text = ""
        self.shown: list[str] = []
        self.texts = SourceTexts(None)  # the sources' texts, each read once

    @property
    def workbook(self) -> Workbook:
        return self.draft.workbook

    @property
    def cards(self) -> OptionList:
        return self.query_one("#library-cards", OptionList)

    @property
    def card_id(self) -> str | None:
        """The card the cursor is on, if any."""
        option = self.cards.highlighted_option
        return option.id if option is not None else None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="library-head", markup=False)
        yield Input(placeholder="Words of the cite, tag or text (/)", id="library-search")
        yield OptionList(id="library-cards")
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_all()
        self.read_sources()

    def read_sources(self, also: tuple[str, ...] = ()) -> None:
        """Read, off the app's thread, the texts the cards cite (and `also`) not read yet."""
        self.texts.start_reading(self, self.workbook, self.path, also)

    @on(TextsRead)
    def _texts_read(self, event: TextsRead) -> None:
        self.texts.take(event.texts)
        self.refresh_all()  # the cards' standing, now known
        if isinstance(self.app.screen, SourceScreen):
            self.app.screen.texts_came("")

    @on(TextsUnread)
    def _texts_unread(self, event: TextsUnread) -> None:
        self.texts.unread(event.source_ids)
        self.notify(f"{event.doing}: {event.error}", severity="warning")
        if isinstance(self.app.screen, SourceScreen):
            self.app.screen.texts_came(f"{event.doing}: {event.error}")

    def refresh_all(self, at: str | None = None) -> None:
        """List the cards that fit what is typed, in the library's order (best first once
        words are typed); the cursor on `at`, or where it was."""
        at = at or self.card_id
        workbook = self.workbook
        self.shown = search(haystacks(workbook), self.query_text)
        options = []
        for card_id in self.shown[:MOST]:
            card = workbook.cards[card_id]
            standing = self.texts.standing(card) or ""
            choice = card_choice(card_id, card, [], standing=standing, read=False)
            filed = filed_line(card)
            if filed:
                choice.append(f"\n  filed under {filed}", style="dim italic")
            options.append(Option(choice, id=card_id))
        cards = self.cards
        cards.set_options(options)
        if at in self.shown[:MOST]:
            cards.highlighted = cards.get_option_index(at)
        elif options:
            cards.highlighted = 0
        self.query_one("#library-head", Static).update(self._head())

    def _head(self) -> Text:
        workbook = self.workbook
        head = Text(workbook.title or self.path.stem, style="bold")
        total = count(workbook.cards, "card")
        fits = f"{len(self.shown)} of {total} fit" if self.query_text.strip() else total
        head.append(f" · a card library: {fits}", style="dim")
        head.append(" · enter reads a card as it is read aloud", style="dim")
        if len(self.shown) > MOST:
            head.append(f" (the first {MOST} shown)", style="dim")
        if not workbook.cards:
            head.append("\nNo card yet: n types one, or workbook import reads a squad's Word files")
        return head

    @on(Input.Changed, "#library-search")
    def _typed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.refresh_all()

    @on(Input.Submitted, "#library-search")
    def _searched(self, event: Input.Submitted) -> None:
        event.stop()
        self.cards.focus()

    @on(OptionList.OptionSelected, "#library-cards")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_read()

    def action_search(self) -> None:
        self.query_one("#library-search", Input).focus()

    def action_to_cards(self) -> None:
        self.cards.focus()

    def action_read(self) -> None:
        card_id = self.card_id
        if card_id is not None:
            self.app.push_screen(ReadAloudScreen.of_card(self.workbook, card_id))

    def action_edit_card(self) -> None:
        card_id = self.card_id
        if card_id is None:
            return
        card = self.workbook.cards[card_id]

        def done(values: Values | None) -> None:
            if values is not None:
                new = card_values(values, card)
                self.apply(lambda: self.draft.edit_card(f"card {card_id}", card_id, new), card_id)

        note = f"Filed under {filed_line(card)}\n" if card.filed_under else ""
        if card.cited_as:
            note += f"Cited in its Word file as: {clip(card.cited_as, 300)}\n"
        self.app.push_screen(card_form(card, f"Card {card_id}", note), done)

    def action_new_card(self) -> None:
        def done(values: Values | None) -> None:
            if values is None:
                return
            new = card_values(values, None)
            card_id = free_id(slug(new.tag) or "card", self.workbook.cards)
            self.apply(lambda: self.draft.edit_card(f"add card {card_id}", card_id, new), card_id)

        self.app.push_screen(card_form(None, "New card for the library"), done)

    def action_cut_from_source(self) -> None:
        """A source to cut from, then its view: a card cut there goes into the library."""
        if not self.workbook.sources:
            self.notify(
                f"No sources yet: workbook source add {self.path.name} FILE adds one.",
                severity="warning",
                markup=False,
            )
            return
        before = self.draft.checkpoint

        def view(source_id: str) -> None:
            def back(card_id: str | None) -> None:
                if self.draft.checkpoint is not before:
                    self.refresh_all(card_id)

            screen = SourceScreen(self.draft, source_id, self.texts, self.read_sources, None)
            self.app.push_screen(screen, back)

        def chosen(source_id: str | None) -> None:
            if source_id is not None:
                view(source_id)

        self.app.push_screen(SourcePicker(self.workbook, "Cut from a source: which one?"), chosen)

    def action_delete_card(self) -> None:
        card_id = self.card_id
        if card_id is None:
            return
        if self.apply(lambda: self.draft.delete_card(f"delete card {card_id}", card_id)):
            self.notify(f"Deleted card {card_id} (ctrl+z undoes)", timeout=3)

    def apply(self, edit: Callable[[], Change], at: str | None = None) -> bool:
        """Make the edit, show it, and tell the app."""
        try:
            change = edit()
        except EditError as error:
            self.notify(str(error), severity="error")
            return False
        self.changed(change, at)
        return True

    def changed(self, change: Change, at: str | None = None) -> None:
        swapped = [swap.card_id for swap in change.cards if swap.card_id in self.workbook.cards]
        self.refresh_all(at or (swapped[0] if swapped else None))
        self.post_message(Edited(change))

    def action_undo(self) -> None:
        change = step_back(self, self.draft)
        if change is not None:
            self.changed(change)

    def action_redo(self) -> None:
        change = step_back(self, self.draft, redo=True)
        if change is not None:
            self.changed(change)
