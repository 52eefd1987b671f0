"""A card's text to edit: its words as a reader sees them, underlined and highlighted, the
marks set by keys over a word or a selected span, never typed.

The widget holds the words (what the text area edits) and, beside them, each character's
layers (`marks.UNDERLINED | marks.HIGHLIGHTED`). Every change to either is an edit in the
text area's own history, so `ctrl+z` takes back a mark as it takes back typing. Words typed
inside a marked passage take the marks on both sides of them; typed at its edge, they do not
stretch it. `marked_text` is the card's text with its marks, as the file keeps it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.widgets import TextArea
from textual.widgets.text_area import Document, Edit, EditResult

from workbook.core.marks import HIGHLIGHTED, UNDERLINED, from_layers, layers
from workbook.tui.widgets.render import LAYER_STYLES

if TYPE_CHECKING:
    from textual.widgets.text_area import Location

# A run of characters in the same layers, some layer at least.
_SAME_FLAGS = re.compile(rb"([^\x00])\1*", re.DOTALL)
# A word, as a key marks it: letters and digits, with the apostrophes and hyphens inside it.
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_IN_WORD = re.compile(r"[\w'’-]")


@dataclass
class _Layered(Edit):
    """An edit of the words that keeps their layers in step: what it inserts takes the layers
    its two neighbours share, and undoing it puts back the layers of what it replaced."""

    _start: int = field(init=False, default=0)
    _inserted: int = field(init=False, default=0)
    _replaced: bytes = field(init=False, default=b"")

    def do(self, text_area: TextArea, record_selection: bool = True) -> EditResult:
        assert isinstance(text_area, MarkedTextArea)
        document, flags = text_area.words, text_area.flags
        start = document.get_index_from_location(self.top)
        end = document.get_index_from_location(self.bottom)
        result = super().do(text_area, record_selection)
        inserted = document.get_index_from_location(result.end_location) - start
        left = flags[start - 1] if start > 0 else 0
        right = flags[end] if end < len(flags) else 0
        self._start, self._inserted, self._replaced = start, inserted, bytes(flags[start:end])
        flags[start:end] = bytes([left & right]) * inserted
        return result

    def undo(self, text_area: TextArea) -> EditResult:
        assert isinstance(text_area, MarkedTextArea)
        result = super().undo(text_area)
        text_area.flags[self._start : self._start + self._inserted] = self._replaced
        return result


@dataclass
class _Marking(Edit):
    """Words replaced by themselves, their layers changed: `layer` set (or, with `on` False,
    taken away) from `start` to `end`. An edit like any other, for undo and redo."""

    start: int = 0
    end: int = 0
    layer: int = 0
    on: bool = True
    _before: bytes = field(init=False, default=b"")

    def do(self, text_area: TextArea, record_selection: bool = True) -> EditResult:
        assert isinstance(text_area, MarkedTextArea)
        result = super().do(text_area, record_selection)
        flags = text_area.flags
        self._before = bytes(flags[self.start : self.end])
        flags[self.start : self.end] = bytes(
            value | self.layer if self.on else value & ~self.layer for value in self._before
        )
        return result

    def undo(self, text_area: TextArea) -> EditResult:
        assert isinstance(text_area, MarkedTextArea)
        result = super().undo(text_area)
        text_area.flags[self.start : self.end] = self._before
        return result


class MarkedTextArea(TextArea):
    """A card's text: its words to edit, its marks shown and set by keys."""

    BINDINGS = [
        # ctrl+u underlines, as in every word processor; the F keys are Verbatim's.
        Binding("ctrl+u,f9", "mark(1)", "Underline", tooltip="Underline the word or selection"),
        Binding(
            "ctrl+r,f11",
            "mark(2)",
            "Highlight",
            tooltip="Highlight the word or selection: the words read aloud",
        ),
        Binding(
            "ctrl+l,f12", "clear_marks", "Clear", tooltip="Take the marks off the word or selection"
        ),
    ]

    def __init__(self, text: str = "", **kwargs: object) -> None:
        words, flags = layers(text)
        super().__init__(words, **kwargs)  # type: ignore[arg-type]
        # The line of the cursor is a whole paragraph here, and its style would cover the
        # highlighter's colour of every mark in it.
        self.highlight_cursor_line = False
        self.flags = flags

    @property
    def words(self) -> Document:
        """The document of the words: a plain one, with no language to parse."""
        assert isinstance(self.document, Document)
        return self.document

    @property
    def marked_text(self) -> str:
        """The words with their marks, as the card's text keeps them."""
        return from_layers(self.text, self.flags)

    def load_text(self, text: str) -> None:
        """Plain words, unmarked (the history goes with the old words)."""
        super().load_text(text)
        self.flags = bytearray(len(self.text))

    def edit(self, edit: Edit) -> EditResult:
        if not isinstance(edit, _Layered | _Marking):
            edit = _Layered(
                edit.text, edit.from_location, edit.to_location, edit.maintain_selection_offset
            )
        return super().edit(edit)

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        start = self.words.get_index_from_location((line_index, 0))
        flags = self.flags[start : start + len(line.plain)]
        for found in _SAME_FLAGS.finditer(flags):
            line.stylize(LAYER_STYLES[flags[found.start()]], found.start(), found.end())
        return line

    def marked_span(self) -> tuple[int, int] | None:
        """The selection, white space at its ends left out; with nothing selected, the word
        the cursor is in or has just left. None where there is no word."""
        document = self.words
        first, last = sorted(self.selection)
        start = document.get_index_from_location(first)
        end = document.get_index_from_location(last)
        text = self.text
        if start == end:
            return _word_at(text, start)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

    def action_mark(self, layer: int) -> None:
        """Toggle `layer` on the word or selection: on, unless all of it is on already."""
        span = self.marked_span()
        if span is None:
            self.app.bell()
            return
        start, end = span
        on = not all(value & layer for value in self.flags[start:end])
        self._set_layers(start, end, layer, on)

    def action_clear_marks(self) -> None:
        span = self.marked_span()
        if span is None:
            self.app.bell()
            return
        self._set_layers(*span, layer=UNDERLINED | HIGHLIGHTED, on=False)

    def _set_layers(self, start: int, end: int, layer: int, on: bool) -> None:
        document = self.words
        top: Location = document.get_location_from_index(start)
        bottom: Location = document.get_location_from_index(end)
        words = document.get_text_range(top, bottom)
        # Each mark its own step of undo, never joined to the typing before or after it.
        self.history.checkpoint()
        self.edit(_Marking(words, top, bottom, True, start, end, layer, on))
        self.history.checkpoint()


def _word_at(text: str, at: int) -> tuple[int, int] | None:
    """The word that `at` stands in or just after."""
    start = at
    while start > 0 and _IN_WORD.match(text[start - 1]):
        start -= 1
    found = _WORD.search(text, start)
    if found is not None and found.start() <= at <= found.end():
        return found.start(), found.end()
    return None
