"""`workbook time FORMAT`: the timer on its own, with no workbook open."""

from __future__ import annotations

from textual.app import App

from ..formats import Formats
from ..timer import Clock
from .timer_screen import TimerScreen


class TimerApp(App[None]):
    TITLE = "workbook"

    def __init__(self, formats: Formats, key: str, now: Clock | None = None) -> None:
        super().__init__()
        self.formats, self.key, self.now = formats, key, now

    def on_mount(self) -> None:
        self.push_screen(TimerScreen(self.formats, self.key, self.now), lambda _: self.exit())
