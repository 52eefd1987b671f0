"""The round's timer: each speech of a format in turn, and each side's prep bank.

Time is always read from a monotonic clock and never counted in ticks, so a screen that
refreshes late still shows the right second. The clock is passed in: tests drive a fake one.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from workbook.practice.formats import Format, Speech, clock

Clock = Callable[[], float]
Phase = Literal["time", "mark", "zero", "over"]
SPEECH = ""  # what runs when no side's prep does: the speech
PREP_BEFORE = "Prep before the round"


def stages(fmt: Format) -> tuple[Speech, ...]:
    """What the timer counts down in turn: the prep before the round, in a format that has it
    (shared by both sides, so it is no side's), then the speeches."""
    before = (Speech(PREP_BEFORE, fmt.prep_before),) if fmt.prep_before else ()
    return (*before, *fmt.speeches)


@dataclass
class Countdown:
    """A stretch of time that counts down from `seconds` and then on into overtime."""

    seconds: float
    used: float = 0.0  # seconds run before the last start
    started: float | None = None  # the clock when it last started; None while paused

    def elapsed(self, now: float) -> float:
        return self.used + (now - self.started if self.started is not None else 0.0)

    def left(self, now: float) -> float:
        """Seconds left; below zero in overtime."""
        return self.seconds - self.elapsed(now)

    @property
    def running(self) -> bool:
        return self.started is not None

    def start(self, now: float) -> None:
        if self.started is None:
            self.started = now

    def pause(self, now: float) -> None:
        if self.started is not None:
            self.used += now - self.started
            self.started = None

    def reset(self) -> None:
        self.used, self.started = 0.0, None


def shown(left: float) -> str:
    """What the clock shows: whole seconds left, rounded up so that 8:00 shows for the first
    second and 0:00 only at zero; past zero, "+" and the overtime counting up."""
    if left >= 0:
        return clock(math.ceil(left - 1e-9))
    return "+" + clock(math.floor(-left + 1e-9))


def phase(left: float, marks: tuple[int, ...]) -> Phase:
    if left < 0:
        return "over"
    if left == 0:
        return "zero"
    return "mark" if any(left <= mark for mark in marks) else "time"


@dataclass
class RoundTimer:
    """The speeches of one format, one at a time, and a prep bank for each side; in a
    limited-prep format, the prep before the round comes first (`order`).

    Only one thing runs at once: the speech, or one side's prep. `poll` reports the marks
    (and zero) each countdown has crossed since the last poll, once each, for the bell.
    """

    format: Format
    now: Clock = time.monotonic
    index: int = 0
    order: tuple[Speech, ...] = ()
    speeches: list[Countdown] = field(default_factory=list)
    prep: dict[str, Countdown] = field(default_factory=dict)
    _rung: dict[int, set[int]] = field(default_factory=dict)  # id of a countdown: marks rung

    def __post_init__(self) -> None:
        self.switch(self.format)

    def switch(self, fmt: Format) -> None:
        """Start over in another format: every speech and prep bank full, nothing running."""
        self.format = fmt
        self.index = 0
        self.order = stages(fmt)
        self.speeches = [Countdown(speech.seconds) for speech in self.order]
        self.prep = {side: Countdown(fmt.prep) for side in fmt.sides}
        self._rung = {}

    # What is shown.

    @property
    def speech(self) -> Speech:
        return self.order[self.index]

    @property
    def current(self) -> Countdown:
        return self.speeches[self.index]

    @property
    def running(self) -> str | None:
        """SPEECH when the speech runs, a side's name when its prep does, None when paused."""
        if self.current.running:
            return SPEECH
        return next((side for side, bank in self.prep.items() if bank.running), None)

    def left(self) -> float:
        return self.current.left(self.now())

    def prep_left(self, side: str) -> float:
        return self.prep[side].left(self.now())

    def phase(self) -> Phase:
        return phase(self.left(), self.format.marks)

    # Keys.

    def _pause_all(self, now: float) -> None:
        self.current.pause(now)
        for bank in self.prep.values():
            bank.pause(now)

    def start(self) -> None:
        now = self.now()
        self._pause_all(now)
        self.current.start(now)

    def pause(self) -> None:
        self._pause_all(self.now())

    def toggle(self) -> None:
        """Space: start the speech, or pause whatever runs."""
        if self.running is None:
            self.start()
        else:
            self.pause()

    def toggle_prep(self, side: str) -> None:
        """Start the side's prep (pausing the speech), or pause it if it runs."""
        if side not in self.prep or not self.format.prep:
            return
        now = self.now()
        running = self.prep[side].running
        self._pause_all(now)
        if not running:
            self.prep[side].start(now)

    def go(self, step: int) -> None:
        """The next (1) or the previous (-1) speech; what ran pauses, and each speech keeps its
        own time."""
        target = min(max(self.index + step, 0), len(self.speeches) - 1)
        if target != self.index:
            self._pause_all(self.now())
            self.index = target

    def reset(self) -> None:
        """The speech in view back to its full length."""
        self.current.reset()
        self._rung.pop(id(self.current), None)

    def reset_prep(self) -> None:
        for bank in self.prep.values():
            bank.reset()
            self._rung.pop(id(bank), None)

    def poll(self) -> list[int]:
        """The marks (seconds left; 0 for zero) crossed since the last poll by whatever runs."""
        now = self.now()
        crossed: list[int] = []
        for countdown in [self.current, *self.prep.values()]:
            if not countdown.running:
                continue
            rung = self._rung.setdefault(id(countdown), set())
            left = countdown.left(now)
            for mark in (*self.format.marks, 0):
                if left <= mark and mark not in rung and mark < countdown.seconds:
                    rung.add(mark)
                    crossed.append(mark)
        return crossed
