"""The filter above the claim list: what is typed is told once typing settles; escape clears it
and hands the keys back to the list."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

# Typing a word should not rebuild a long list of claims at every letter.
SETTLE_SECONDS = 0.15


class FilterInput(Input):
    BINDINGS = [Binding("escape", "clear", "Clear the filter", show=False)]

    class Settled(Message):
        """The filter's words, a moment after the last key changed them."""

        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    _settling: Timer | None = None

    @on(Input.Changed)
    def _changed(self) -> None:
        if self._settling is not None:
            self._settling.stop()
        self._settling = self.set_timer(SETTLE_SECONDS, self._settle)

    def _settle(self) -> None:
        self.post_message(self.Settled(self.value))

    def action_clear(self) -> None:
        # Submitting tells the screen the filter is done with, as enter does.
        self.value = ""
        self.post_message(self.Submitted(self, self.value))
