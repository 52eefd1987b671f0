"""Drills: one of the other side's points at a time, answered aloud against the clock, then
our prepared answers revealed and the answer marked got or missed.

The order and the history are workbook/practice/drills.py's; each mark is saved at once, atomically,
outside the workbook.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Digits, Static

from workbook.core.marks import in_quotes, spoken
from workbook.core.model import Point, Workbook
from workbook.practice.drills import (
    Drill,
    Record,
    drills_for,
    history_path,
    is_due,
    load_history,
    mark,
    order,
    our_answers,
    save_history,
)
from workbook.practice.timer import Clock, Countdown, shown
from workbook.storage.files import WorkbookError
from workbook.tui.glance import claim_name
from workbook.tui.widgets.key_bar import KeyBar
from workbook.tui.widgets.render import SKIPPED

ANSWER_SECONDS = 30  # to answer aloud, by default
REFRESH = 0.2


class DrillScreen(Screen[None]):
    DEFAULT_CSS = """
    DrillScreen #progress { height: 1; padding: 0 1; }
    DrillScreen #clock-row { height: 3; align: center top; }
    DrillScreen #clock { width: auto; }
    DrillScreen .over { color: $error; }
    DrillScreen #cards { height: 1fr; }
    DrillScreen #their, DrillScreen #ours { height: auto; border: round $primary; padding: 0 1; }
    DrillScreen #ours { border: round $success; }
    """

    BINDINGS = [
        Binding("enter,space", "reveal", "Reveal", tooltip="Show our prepared answers"),
        Binding("g", "mark(True)", "Got it", tooltip="Answered well: it comes back later"),
        Binding("m", "mark(False)", "Missed", tooltip="Missed: it comes back today"),
        Binding("n", "skip", "Skip", tooltip="The next point, unmarked"),
        Binding("plus,equals_sign", "answer_time(15)", "+15s", tooltip="More time to answer"),
        Binding("minus", "answer_time(-15)", "-15s", tooltip="Less time to answer"),
        Binding("escape", "close", "Close", tooltip="Back to the claims"),
    ]

    def __init__(
        self,
        workbook: Workbook,
        ours: str,
        path: Path | None,
        now: Clock = time.monotonic,
        today: dt.date | None = None,
    ) -> None:
        super().__init__()
        self.workbook = workbook
        self.ours = ours
        self.now = now
        self.today = today or dt.date.today()
        self.store = history_path(path) if path is not None else None
        self.history: dict[str, Record] = {}
        self.queue: list[Drill] = []
        self.index = 0
        self.revealed = False
        self.seconds = ANSWER_SECONDS
        self.countdown = Countdown(self.seconds)
        self.tally = [0, 0]  # got, missed, this sitting

    def compose(self) -> ComposeResult:
        yield Static(id="progress", markup=False)
        with Horizontal(id="clock-row"):
            yield Digits(id="clock")
        with VerticalScroll(id="cards"):
            yield Static(id="their", markup=False)
            yield Static(id="ours", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        if self.store is not None:
            try:
                self.history = load_history(self.store)
            except WorkbookError as error:
                # Marks are not saved over a history that could not be read.
                self.notify(f"{error}; this sitting is not saved", severity="error", timeout=10)
                self.store = None
        self.queue = order(drills_for(self.workbook, self.ours), self.history, self.today)
        self.restart_clock()
        self.show()
        self.set_interval(REFRESH, self.show_clock)

    @property
    def drill(self) -> Drill | None:
        return self.queue[self.index] if self.index < len(self.queue) else None

    # What is shown.

    def show(self) -> None:
        drill = self.drill
        their = self.query_one("#their", Static)
        ours = self.query_one("#ours", Static)
        ours.display = self.revealed
        if drill is None:
            got, missed = self.tally
            self.query_one("#progress", Static).update(
                f"Done: {got} got, {missed} missed this sitting"
            )
            their.update("No more of their points to drill. Escape goes back.")
            their.border_title = ""
            return
        due = sum(is_due(self.history.get(d.key), self.today) for d in self.queue[self.index :])
        record = self.history.get(drill.key) or Record()
        self.query_one("#progress", Static).update(
            f"Point {self.index + 1} of {len(self.queue)} · {due} due · box {record.box} · "
            f"got {record.got}, missed {record.missed} · {self.seconds} s to answer"
        )
        claim = self.workbook.claims[drill.claim_id]
        point = claim.points[drill.point_id]
        named = claim_name(self.workbook, drill.claim_id, 60)
        their.border_title = Content(f"{self.workbook.sides[point.side].name}: {named}")
        their.update(self.point_text(drill.point_id, point))
        answers = our_answers(self.workbook, drill, self.ours)
        ours.border_title = Content(f"{self.workbook.sides[self.ours].name}: our answers")
        body = Text()
        for number, (point_id, answer) in enumerate(answers):
            if number:
                body.append("\n\n")
            body.append_text(self.point_text(point_id, answer))
        ours.update(
            body if answers else Text("No answer prepared yet: write one (r on the claims)")
        )
        self.show_clock()

    def point_text(self, point_id: str, point: Point) -> Text:
        text = Text()
        text.append(point_id, style="bold")
        text.append(f" · {point.kind}")
        if point.strength is not None:
            text.append(" · " + "★" * point.strength + "☆" * (5 - point.strength))
        text.append(f"\n{point.text or '(no text yet)'}")
        for card_id in point.cards:
            card = self.workbook.cards.get(card_id)
            if card is None:
                continue
            text.append(f"\n▪ {card.cite or '(no cite)'}", style="bold")
            if card.tag:
                text.append(f" {card.tag}", style="italic")
            # What is read, a bracketed mark where words are skipped: an ellipsis could be
            # taken for one of the card's own.
            words = SKIPPED.join(spoken(card.text))
            if words:
                text.append(f"\n  {in_quotes(words)}", style="dim")
        return text

    def show_clock(self) -> None:
        left = self.countdown.left(self.now())
        clock = self.query_one("#clock", Digits)
        clock.update(shown(left))
        clock.set_class(left < 0, "over")

    # Keys.

    def restart_clock(self) -> None:
        self.countdown = Countdown(self.seconds)
        if self.drill is not None:
            self.countdown.start(self.now())

    def action_reveal(self) -> None:
        self.revealed = True
        self.countdown.pause(self.now())
        self.show()
        self.call_after_refresh(self.query_one("#ours").scroll_visible, animate=False)

    def action_mark(self, got_it: bool) -> None:
        drill = self.drill
        if drill is None:
            return
        self.history[drill.key] = mark(self.history.get(drill.key), got_it, self.today)
        self.tally[0 if got_it else 1] += 1
        if not got_it:
            self.queue.append(drill)  # missed: once more before the sitting ends
        if self.store is not None:
            try:
                save_history(self.store, self.history)
            except WorkbookError as error:
                self.notify(f"Cannot keep the drill history: {error}", severity="error")
        self.next_point()

    def action_skip(self) -> None:
        if self.drill is not None:
            self.next_point()

    def next_point(self) -> None:
        self.index += 1
        self.revealed = False
        self.restart_clock()
        self.show()

    def action_answer_time(self, step: int) -> None:
        self.seconds = min(600, max(15, self.seconds + step))
        self.countdown.seconds = self.seconds
        self.show()

    def action_close(self) -> None:
        self.dismiss(None)
