"""The timer screen: the round's speeches in turn with a large countdown, and the prep banks.

Every refresh reads the clock (see workbook/practice/timer.py), so a busy app shows a late
frame, never a wrong second. Marks and zero change the clock's colour and ring the terminal's bell.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Static

from workbook.practice.formats import Formats
from workbook.practice.timer import SPEECH, Clock, RoundTimer, shown
from workbook.tui.widgets.key_bar import KeyBar

REFRESH = 0.1  # seconds between frames: a changed second shows within a tenth of a second
NAME = 14  # characters of a side's name that fit beside its prep bank


class TimerScreen(Screen[None]):
    DEFAULT_CSS = """
    TimerScreen { align: center top; }
    TimerScreen #now { width: 1fr; height: 1; content-align: center middle; text-style: bold; }
    TimerScreen #clock { width: auto; height: 3; margin: 1 0 0 0; }
    TimerScreen #clock-row { height: 4; align: center top; }
    TimerScreen .phase-mark { color: $warning; }
    TimerScreen .phase-zero, TimerScreen .phase-over { color: $error; }
    TimerScreen #lower { height: 1fr; margin: 1 1 0 1; }
    TimerScreen #speeches { width: 1fr; height: auto; max-height: 100%; border: round $primary;
        padding: 0 1; }
    TimerScreen #prep { width: 28; height: auto; border: round $secondary; padding: 0 1; }
    """

    BINDINGS = [
        Binding("space", "start_pause", "Start/pause", tooltip="Start or pause the speech"),
        Binding("n,right", "go(1)", "Next", key_display="n", tooltip="The next speech"),
        Binding("b,left", "go(-1)", "Back", key_display="b", tooltip="The previous speech"),
        Binding("r", "reset", "Reset", tooltip="The speech in view back to its full time"),
        Binding("1", "prep(0)", "Prep 1", tooltip="Start or pause the first side's prep"),
        Binding("2", "prep(1)", "Prep 2", tooltip="Start or pause the second side's prep"),
        Binding("f", "next_format", "Format", tooltip="Time another format (starts over)"),
        Binding("escape,q", "close", "Close", key_display="esc", tooltip="Close the timer"),
    ]

    def __init__(
        self,
        formats: Formats,
        key: str,
        now: Clock | None = None,
        names: tuple[str, str] | None = None,
    ) -> None:
        """`names`: what a workbook calls its two sides, which the screen calls the format's
        sides (the first one, Aff, Gov or Prop, proposes)."""
        super().__init__()
        self.formats = formats
        fmt = formats.get(key)
        self.timer = RoundTimer(fmt, now) if now is not None else RoundTimer(fmt)
        self.names = names if names is not None and names[0] != names[1] else None
        self.sub_title = "Timer"

    def called(self, side: str) -> str:
        """A side of the format as the screen names it: the workbook's name for it, if any."""
        sides = self.timer.format.sides
        if self.names is None or side not in sides:
            return side
        return self.names[sides.index(side)]

    def compose(self) -> ComposeResult:
        yield Static(id="now", markup=False)
        with Horizontal(id="clock-row"):
            yield Digits(id="clock")
        with Horizontal(id="lower"):
            yield Static(id="speeches", markup=False)
            with Vertical(id="prep"):
                yield Static(id="banks", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.show()
        self.set_interval(REFRESH, self.tick)

    def tick(self) -> None:
        for _ in self.timer.poll():
            self.app.bell()
        self.show()

    def show(self) -> None:
        timer = self.timer
        fmt = timer.format
        speech = timer.speech
        who = f" · {self.called(speech.side)}" if speech.side else ""
        state = "running" if timer.running == SPEECH else "paused"
        if timer.running not in (None, SPEECH):
            state = f"{self.called(timer.running)} prep running"
        self.query_one("#now", Static).update(
            f"{fmt.name} · {speech.name}{who} · {timer.index + 1}/{len(timer.order)} · {state}"
        )
        clock = self.query_one("#clock", Digits)
        clock.update(shown(timer.left()))
        phase = timer.phase()
        for name in ("time", "mark", "zero", "over"):
            clock.set_class(name == phase, f"phase-{name}")
        self.query_one("#speeches", Static).update(self.speech_list())
        self.query_one("#speeches", Static).border_title = "Speeches"
        prep = self.query_one("#prep", Vertical)
        prep.border_title = "Prep"
        self.query_one("#banks", Static).update(self.banks())

    def speech_list(self) -> Text:
        text = Text()
        now = self.timer.now()
        for index, (speech, countdown) in enumerate(
            zip(self.timer.order, self.timer.speeches, strict=True)
        ):
            here = index == self.timer.index
            line = f"{'▶' if here else ' '} {speech.name}"
            if speech.side:
                line += f" ({self.called(speech.side)})"
            left = shown(countdown.left(now))
            line = f"{line:<26} {left:>7}\n"
            text.append(line, style="bold reverse" if here else "")
        text.rstrip()
        return text

    def banks(self) -> Text:
        text = Text()
        fmt = self.timer.format
        if not fmt.prep:
            return Text("No prep in the round")
        for number, side in enumerate(fmt.sides, start=1):
            left = self.timer.prep_left(side)
            style = "bold reverse" if self.timer.running == side else ""
            # A workbook's side may have a long name: the bank keeps its width.
            name = self.called(side)
            name = name if len(name) <= NAME else name[: NAME - 1] + "…"
            text.append(f"{number} {name:<10} {shown(left):>7}\n", style=style)
        text.rstrip()
        return text

    # Keys.

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Prep in the round is the format's: where it has none, `1` and `2` are left out of
        # the key bar and the palette rather than shown to do nothing.
        return action != "prep" or bool(self.timer.format.prep)

    def action_start_pause(self) -> None:
        self.timer.toggle()
        self.show()

    def action_go(self, step: int) -> None:
        self.timer.go(step)
        self.show()

    def action_reset(self) -> None:
        self.timer.reset()
        self.show()

    def action_prep(self, number: int) -> None:
        if not self.timer.format.prep:
            self.notify("This format has no prep in the round", timeout=2)
            return
        self.timer.toggle_prep(self.timer.format.sides[number])
        self.show()

    def action_next_format(self) -> None:
        keys = list(self.formats.by_key)
        key = keys[(keys.index(self.timer.format.key) + 1) % len(keys)]
        self.timer.switch(self.formats.by_key[key])
        self.refresh_bindings()  # its prep keys come and go with the format
        self.show()
        self.notify(f"Timing {self.timer.format.name}", timeout=2)

    def action_close(self) -> None:
        self.dismiss(None)
