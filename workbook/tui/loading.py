"""What shows while a workbook is read: the first frame comes at once, whatever its size."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, LoadingIndicator


class LoadingScreen(Screen[None]):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        # No header here: a small file is read before a header could finish mounting, and
        # Textual's header fails when its screen is switched away that early.
        with Vertical(id="loading"):
            yield LoadingIndicator()
            yield Label(f"Reading {self.path}…")
