"""The conflicts a merge left in the file, each shown as base, ours and theirs, for a choice.

Returns the conflict's index and the version chosen, or None; the app settles it in the file.
"""

from __future__ import annotations

import json
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ..model import Conflict

Settled = tuple[int, str]


def shown(value: Any) -> str:
    """A value as the file would hold it, short enough to compare at a glance."""
    if value is None:
        return "(absent)"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 400 else text[:399] + "…"


def conflict_prompt(conflict: Conflict) -> Text:
    text = Text(conflict.path, style="bold")
    for name, value in (
        ("ours", conflict.ours),
        ("theirs", conflict.theirs),
        ("base", conflict.base),
    ):
        text.append(f"\n  {name:>6}: ", style="bold" if name != "base" else "dim")
        text.append(shown(value), style="" if name != "base" else "dim")
    return text


class ConflictsScreen(ModalScreen[Settled | None]):
    """One option per conflict; o, t or b keeps ours, theirs or the version before both."""

    DEFAULT_CSS = """
    ConflictsScreen {
        align: center middle;
    }
    ConflictsScreen #conflicts {
        width: 90%;
        height: 80%;
        border: thick $warning;
        background: $surface;
        padding: 0 1;
    }
    ConflictsScreen Label {
        width: 100%;
    }
    ConflictsScreen #conflicts-help {
        color: $text-muted;
        margin-bottom: 1;
    }
    ConflictsScreen OptionList {
        height: 1fr;
    }
    """

    BINDINGS = [
        Binding("o", "settle('ours')", "Keep ours", tooltip="Keep our version of this one"),
        Binding("t", "settle('theirs')", "Keep theirs", tooltip="Keep their version of this one"),
        Binding("b", "settle('base')", "Keep base", tooltip="Keep the version before both"),
        Binding("escape", "close", "Later"),
    ]

    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__()
        self.conflicts = conflicts

    def compose(self) -> ComposeResult:
        count = len(self.conflicts)
        with Vertical(id="conflicts"):
            yield Label(
                f"A merge left {count} conflict{'s' if count != 1 else ''}: the same thing "
                "changed on both sides. The workbook holds ours until you choose.",
                id="conflicts-title",
            )
            yield Label(
                "o keeps ours · t keeps theirs · b keeps the version before both · "
                "escape decides later (`workbook check` lists what is left)",
                id="conflicts-help",
            )
            yield OptionList(
                *(Option(conflict_prompt(c), id=str(i)) for i, c in enumerate(self.conflicts))
            )

    def action_settle(self, choice: str) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.dismiss((index, choice))

    def action_close(self) -> None:
        self.dismiss(None)
