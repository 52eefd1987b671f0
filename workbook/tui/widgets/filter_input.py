"""The filter above the claim list: escape clears it and hands the keys back to the list."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class FilterInput(Input):
    BINDINGS = [Binding("escape", "clear", "Clear the filter", show=False)]

    def action_clear(self) -> None:
        # Submitting tells the screen the filter is done with, as enter does.
        self.value = ""
        self.post_message(self.Submitted(self, self.value))
