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

from workbook.core.model import Conflict

Settled = tuple[int, str]


LONGEST = 1200  # characters of one version shown; the file holds all of it


def shown(value: Any, fields: set[str] | None = None, deleted: bool = False) -> str:
    """A version as the file would hold it: of a table, only `fields` (those the versions
    differ in), so that what changed is not lost after what did not."""
    if value is None:
        return "(deleted)" if deleted else "(absent)"
    if isinstance(value, dict) and fields:
        value = {key: value[key] for key in value if key in fields}
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def differing(versions: list[Any]) -> set[str] | None:
    """The fields in which tables differ (None unless two of the versions are tables)."""
    tables = [version for version in versions if isinstance(version, dict)]
    if len(tables) < 2:
        return None
    keys = set().union(*tables)
    return {
        key
        for key in keys
        if len({json.dumps(t.get(key), sort_keys=True, ensure_ascii=False) for t in tables}) > 1
    }


def conflict_prompt(conflict: Conflict) -> Text:
    versions = [conflict.ours, conflict.theirs, conflict.base]
    fields = differing(versions)
    text = Text(conflict.path, style="bold")
    if fields:
        text.append(f"  (the fields that differ: {', '.join(sorted(fields))})", style="dim")
    for name, value in zip(("ours", "theirs", "base"), versions, strict=True):
        deleted = name != "base" and conflict.base is not None
        text.append(f"\n  {name:>6}: ", style="bold" if name != "base" else "dim")
        text.append(shown(value, fields, deleted), style="" if name != "base" else "dim")
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
                f"A merge left {count} conflict{'s' if count != 1 else ''}: what both sides "
                "changed, or one changed and the other deleted. The workbook holds ours until "
                "you choose.",
                id="conflicts-title",
                markup=False,
            )
            yield Label(
                "o keeps ours · t keeps theirs · b keeps the version before both · "
                "escape decides later (`workbook check` lists what is left)",
                id="conflicts-help",
                markup=False,
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
