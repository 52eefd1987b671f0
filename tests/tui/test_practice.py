"""The practice screens driven by keys: the timer."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Digits

from workbook.formats import BUILT_IN, Formats
from workbook.tui.app import WorkbookApp
from workbook.tui.timer_app import TimerApp
from workbook.tui.timer_screen import TimerScreen

from .conftest import opened, until


class FakeClock:
    def __init__(self) -> None:
        self.time = 50.0

    def __call__(self) -> float:
        return self.time


def clock_of(app: TimerApp) -> str:
    return str(app.screen.query_one("#clock", Digits).value)


async def test_the_timer_counts_from_the_clock_and_rings_at_marks() -> None:
    fake = FakeClock()
    app = TimerApp(Formats(), "ld", fake)
    bells: list[int] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
        await until(pilot, lambda: isinstance(app.screen, TimerScreen))
        assert clock_of(app) == "6:00"
        await pilot.press("space")
        fake.time += 301  # however late the next frame, it shows the clock's time
        await until(pilot, lambda: clock_of(app) == "0:59")
        assert bells == [1]
        assert app.screen.query_one("#clock").has_class("phase-mark")
        fake.time += 69
        await until(pilot, lambda: clock_of(app) == "+0:10")
        assert len(bells) == 3 and app.screen.query_one("#clock").has_class("phase-over")
        await pilot.press("n")
        await until(pilot, lambda: clock_of(app) == "3:00")
        await pilot.press("1")
        fake.time += 20
        await until(pilot, lambda: "3:40" in str(app.screen.query_one("#banks").render()))
        await pilot.press("2", "b", "r")
        await until(pilot, lambda: clock_of(app) == "6:00")
        await pilot.press("f")
        await until(pilot, lambda: app.screen.timer.format.key == "pf")  # type: ignore[attr-defined]
        await pilot.press("escape")
        await until(pilot, lambda: not app.is_running)


async def test_the_main_screen_opens_the_timer(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, TimerScreen))
        assert app.screen.timer.format == BUILT_IN["policy-hs"]  # type: ignore[attr-defined]
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, TimerScreen))
