"""Cutting a card: the source to cut from, chosen from the workbook's (and the essay), and the
tag the card takes, asked in a small form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workbook.core.cite_flags import cite_fields, source_short_cite, to_check
from workbook.core.model import ESSAY, Workbook
from workbook.tui.dialogs.form import Field, FormScreen, Values
from workbook.tui.glance import named
from workbook.tui.widgets.render import clip


def source_choice(workbook: Workbook, source_id: str) -> Text:
    """A source as the picker lists it: its short cite and title, its publication, how many
    paragraphs and its id; under it, the cite fields to check (missing or guessed)."""
    essay = workbook.essay
    if source_id == ESSAY and essay is not None:
        text = Text("The essay", style="bold")
        if essay.title:
            text.append(f" — {named(essay.title, 80)}")
        text.append(f"  · {essay.paragraphs} paragraphs · {ESSAY}", style="dim")
        return text
    source = workbook.sources[source_id]
    text = Text(source_short_cite(workbook, source_id) or source_id, style="bold")
    if source.title:
        text.append(f" — {named(source.title, 80)}")
    publication = f"{clip(source.publication, 60)} · " if source.publication else ""
    text.append(f"  · {publication}{source.paragraphs} paragraphs · {source_id}", style="dim")
    check = to_check(cite_fields(workbook, source_id))
    if check:
        flags = ", ".join(f"{field.name} ({field.flag})" for field in check)
        text.append(f"\n  check: {flags}", style="yellow")
    return text


class SourcePicker(ModalScreen[str | None]):
    """The workbook's sources, then the essay; returns the id chosen, or None."""

    DEFAULT_CSS = """
    SourcePicker {
        align: center middle;
    }
    SourcePicker #picker {
        width: 90%;
        max-width: 110;
        height: auto;
        max-height: 90%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    SourcePicker #picker-title {
        width: 100%;
        text-style: bold;
        margin-bottom: 1;
    }
    SourcePicker #picker-sources {
        height: auto;
        max-height: 20;
        border: none;
    }
    SourcePicker #picker-hint {
        color: $text-muted;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, workbook: Workbook, title: str) -> None:
        super().__init__()
        self.workbook = workbook
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(self.title_text, id="picker-title", markup=False)
            # A card library has no essay to cut from: its sources alone.
            essay = [ESSAY] if self.workbook.essay is not None else []
            options = [
                Option(source_choice(self.workbook, source_id), id=source_id)
                for source_id in [*self.workbook.sources, *essay]
            ]
            yield OptionList(*options, id="picker-sources")
            yield Label(
                "↑ ↓ choose · enter opens it · escape cancels", id="picker-hint", markup=False
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#picker-sources")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TagForm(FormScreen):
    """A form of one line, as small as it can be: the tag of the card about to be cut."""

    DEFAULT_CSS = """
    TagForm #form {
        height: auto;
        max-height: 90%;
        max-width: 90;
    }
    TagForm #form-fields {
        height: auto;
    }
    """


def ask_tag(app: App[Any], title: str, then: Callable[[str], None]) -> None:
    """Ask for the tag of a card about to be cut: enter cuts it with the tag typed (which may
    be empty: an untagged card is tagged later), escape cuts nothing."""

    def done(values: Values | None) -> None:
        if values is not None:
            then(values["tag"].strip())

    field = Field("tag", "Tag", placeholder="what the card proves")
    app.push_screen(TagForm(title, [field], lambda values: {}), done)
