"""`workbook time FORMAT`: the timer on its own, with no workbook open."""

from __future__ import annotations

from workbook.practice.formats import Formats
from workbook.practice.timer import Clock
from workbook.tui.notices import NoticeApp
from workbook.tui.screens.timer import TimerScreen
from workbook.tui.widgets.textual_private import CrashReportingApp


class TimerApp(NoticeApp, CrashReportingApp):
    TITLE = "workbook"

    def __init__(self, formats: Formats, key: str, now: Clock | None = None) -> None:
        super().__init__()
        self.formats, self.key, self.now = formats, key, now

    def on_mount(self) -> None:
        self.push_screen(TimerScreen(self.formats, self.key, self.now), lambda _: self.exit())
