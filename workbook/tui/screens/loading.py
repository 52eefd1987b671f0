"""What shows while a workbook is read: the first frame comes at once, whatever its size."""

from __future__ import annotations

import time
from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class StandIn(Screen[None]):
    """A screen shown while the file opens. Nothing on it edits: each key pressed is kept,
    and the app gives the keys to the main screen once it is there."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[events.Key] = []

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.keys.append(event)


class LoadingScreen(StandIn):
    """A line that says what is being read and for how long. It moves a few times a second
    only: an animation at full frame rate would take time from the reading itself."""

    DEFAULT_CSS = """
    LoadingScreen #loading {
        align: center middle;
        height: 1fr;
    }
    LoadingScreen #loading Label {
        width: 100%;
        content-align: center middle;
        margin-top: 1;
    }
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.started = time.monotonic()
        try:
            self.size_text = f" ({self.path.stat().st_size / 1e6:.1f} MB)"
        except OSError:
            self.size_text = ""

    def compose(self) -> ComposeResult:
        # No header here: a small file is read before a header could finish mounting, and
        # Textual's header fails when its screen is switched away that early.
        with Vertical(id="loading"):
            yield Label(self._line(), id="loading-line", markup=False)

    def on_mount(self) -> None:
        self.set_interval(0.25, self._tick)

    def _line(self) -> str:
        elapsed = time.monotonic() - self.started
        spin = SPINNER[int(elapsed * 4) % len(SPINNER)]
        return f"{spin} Reading {self.path}{self.size_text}… {elapsed:.1f} s"

    def _tick(self) -> None:
        self.query_one("#loading-line", Label).update(self._line())
