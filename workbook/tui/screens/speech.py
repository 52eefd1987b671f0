"""The speech builder: a side's points and cards picked in reading order, against a gauge of
the speech's length at a rate of reading.

The left list holds what the side could read (each point, its cards beneath it) from the
claim in view or from every claim; the right list is the speech. Enter on a point adds it with
its cards; on a card, adds just that card under its point. The speech is written beside the
workbook as Markdown (e), as a Word file in Verbatim's structure (d), or as its marked copy in
Word (m).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workbook.core.claim_edits import plain_kind
from workbook.core.model import Point, Workbook
from workbook.exports.brief import card_words
from workbook.practice.formats import Format, Speech, clock
from workbook.practice.speech import (
    DEFAULT_RATE,
    RATES,
    Pick,
    Plan,
    candidates,
    gauge,
    markdown,
    pick_words,
    reading_seconds,
    summary,
    word,
    words,
    write_speech,
    write_speech_word,
)
from workbook.storage.files import WorkbookError
from workbook.storage.user_config import read_initials
from workbook.tui.glance import claim_name
from workbook.tui.jobs import Exported, ExportFailed, run_job
from workbook.tui.widgets.key_bar import KeyBar

BAR = 30  # cells of the gauge's bar


def short(text: str, most: int) -> str:
    """One line of at most `most` characters: a long point is known by its start."""
    line = " ".join(text.split())
    return line if len(line) <= most else line[: most - 1] + "…"


def option_id(pick_index: int, card_index: int | None) -> str:
    return f"{pick_index}" if card_index is None else f"{pick_index}:{card_index}"


def parse_option(option: str) -> tuple[int, int | None]:
    pick, _, card = option.partition(":")
    return int(pick), int(card) if card else None


class SpeechScreen(Screen[None]):
    DEFAULT_CSS = """
    SpeechScreen #setup { height: auto; padding: 0 1; }
    SpeechScreen #lists { height: 1fr; }
    SpeechScreen OptionList { width: 1fr; height: 1fr; border: round $primary;
        text-wrap: nowrap; text-overflow: ellipsis; }
    SpeechScreen OptionList:focus { border: round $accent; }
    SpeechScreen #gauge { height: 1; padding: 0 1; }
    SpeechScreen .gauge-green { color: $success; }
    SpeechScreen .gauge-yellow { color: $warning; }
    SpeechScreen .gauge-red { color: $error; text-style: bold; }
    """

    BINDINGS = [
        Binding("s", "swap_side", "Side", tooltip="Build the other side's speech"),
        Binding("f", "next_speech", "Speech", tooltip="The format's next speech"),
        Binding("c", "toggle_claims", "Claims", tooltip="This claim only, or every claim"),
        Binding("a", "toggle_answers", "Answers", tooltip="Only our answers, or every point"),
        Binding("w", "next_rate", "Rate", tooltip="The next reading rate: 150 lay … 300"),
        Binding("plus,equals_sign", "rate(10)", "+10", show=False, tooltip="Read 10 wpm faster"),
        Binding("minus", "rate(-10)", "-10", show=False, tooltip="Read 10 wpm slower"),
        Binding("x", "drop", "Drop", tooltip="Take the highlighted point or card out"),
        Binding("left_square_bracket", "move(-1)", "Up", tooltip="Read it earlier"),
        Binding("right_square_bracket", "move(1)", "Down", tooltip="Read it later"),
        Binding("e", "export", "Export", tooltip="Write the speech as Markdown"),
        Binding("d", "word", "Word", show=False, tooltip="Write the speech as a Word file"),
        Binding(
            "m",
            "word(True)",
            "Marked",
            show=False,
            tooltip="Write the marked copy in Word: what the speech's time reads, marked where "
            "it stops",
        ),
        Binding("escape", "close", "Close", tooltip="Back to the claims"),
    ]

    def __init__(
        self,
        workbook: Workbook,
        sides: list[str],
        fmt: Format,
        claim_id: str | None = None,
        path: Path | None = None,
    ) -> None:
        super().__init__()
        self.workbook = workbook
        self.sides = list(sides)
        self.format = fmt
        self.speeches = [s for s in fmt.speeches if s.side] or list(fmt.speeches)
        self.plan = Plan(self.sides[0], self.speeches[0])
        self.claim_id = claim_id
        self.this_claim = False
        self.answers_only = False
        self.rate = DEFAULT_RATE
        self.path = path
        self.offered: list[Pick] = []

    def send(self, claim_id: str, point_id: str, words: str, speech: Speech) -> None:
        """Start the speech on an argument flowed in a round, read in `speech`: its prepared
        point with its cards, or, when it has none, its words as a point of this speech alone
        (the screen's own copy of the workbook holds it; the workbook is not changed)."""
        self.plan.speech = speech
        claim = self.workbook.claims.get(claim_id)
        if claim is None:
            return
        if point_id not in claim.points:
            point_id = next(
                name
                for number in range(1, len(claim.points) + 2)
                if (name := f"flowed{number}") not in claim.points
            )
            flowed = Point(side=self.plan.side, kind=plain_kind(claim, self.plan.side), text=words)
            points = {**claim.points, point_id: flowed}
            claims = {**self.workbook.claims, claim_id: claim.model_copy(update={"points": points})}
            self.workbook = self.workbook.model_copy(update={"claims": claims})
        cards = tuple(self.workbook.claims[claim_id].points[point_id].cards)
        self.plan.picks.append(Pick(claim_id, point_id, cards))

    def compose(self) -> ComposeResult:
        yield Static(id="setup", markup=False)
        with Horizontal(id="lists"):
            yield OptionList(id="available")
            yield OptionList(id="chosen")
        yield Static(id="gauge", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#available").border_title = "Points to read"
        self.query_one("#chosen").border_title = "The speech"
        self.show_available()
        self.show_speech()

    # What is shown.

    def point_label(self, pick: Pick) -> Text:
        claim = self.workbook.claims[pick.claim_id]
        point = claim.points[pick.point_id]
        kind = f"answers {point.answers}" if point.kind == "answers" else point.kind
        words = pick_words(self.workbook, Pick(pick.claim_id, pick.point_id, ()))
        label = Text(f"{pick.point_id} ({kind}) ", style="bold")
        label.append(f"[{words}w] ", style="dim")
        named = short(claim.tag, 40) if claim.tag else claim_name(self.workbook, pick.claim_id, 40)
        label.append(named, style="italic")
        label.append(f"\n  {short(point.text or '(no text yet)', 70)}")
        return label

    def card_label(self, card_id: str) -> Text:
        card = self.workbook.cards[card_id]
        label = Text("  ▪ ")
        label.append(card.cite or "(no cite)", style="bold")
        label.append(f" [{card_words(card)}w] ", style="dim")
        label.append(short(card.tag, 50))
        return label

    def show_available(self) -> None:
        claims = [self.claim_id] if self.this_claim and self.claim_id else None
        self.offered = candidates(self.workbook, self.plan.side, claims, self.answers_only)
        options: list[Option] = []
        for index, pick in enumerate(self.offered):
            options.append(Option(self.point_label(pick), id=option_id(index, None)))
            for number, card_id in enumerate(pick.cards):
                options.append(Option(self.card_label(card_id), id=option_id(index, number)))
        available = self.query_one("#available", OptionList)
        available.set_options(options)
        if options:
            available.highlighted = 0

    def show_speech(self, keep: str | None = None) -> None:
        chosen = self.query_one("#chosen", OptionList)
        options: list[Option] = []
        for index, pick in enumerate(self.plan.picks):
            options.append(Option(self.point_label(pick), id=option_id(index, None)))
            for number, card_id in enumerate(pick.cards):
                options.append(Option(self.card_label(card_id), id=option_id(index, number)))
        if not options:
            options.append(Option("Enter on a point or a card adds it here", disabled=True))
        chosen.set_options(options)
        if keep is not None:
            ids = [o.id for o in options]
            chosen.highlighted = ids.index(keep) if keep in ids else None
        self.show_setup()
        self.show_gauge()

    def show_setup(self) -> None:
        side = self.workbook.sides[self.plan.side].name
        speech = self.plan.speech
        where = "this claim" if self.this_claim else "every claim"
        which = "our answers" if self.answers_only else "every point"
        preset = next((name for rate, name in RATES if rate == self.rate and name), "")
        rate = f"{self.rate} wpm" + (f" ({preset})" if preset else "")
        self.query_one("#setup", Static).update(
            Text.assemble(
                (side, "bold"),
                f" · {self.format.name} {speech.name} ({clock(speech.seconds)}) · "
                f"{which} from {where} · {rate}",
            )
        )

    def show_gauge(self) -> None:
        seconds = reading_seconds(words(self.workbook, self.plan), self.rate)
        colour, share = gauge(seconds, self.plan.speech.seconds)
        filled = min(BAR, round(share * BAR))
        bar = "█" * filled + "░" * (BAR - filled)
        widget = self.query_one("#gauge", Static)
        widget.update(Content(f"{bar} {summary(self.workbook, self.plan, self.rate)}"))
        for name in ("green", "yellow", "red"):
            widget.set_class(name == colour, f"gauge-{name}")

    # Picking.

    @on(OptionList.OptionSelected, "#available")
    def _add(self, event: OptionList.OptionSelected) -> None:
        index, card = parse_option(event.option.id or "0")
        offered = self.offered[index]
        picks = self.plan.picks
        at = self.find(offered)
        if card is None:
            if at is None:
                picks.append(offered)
            else:
                picks[at] = offered  # every card of the point, in the point's order
        else:
            card_id = offered.cards[card]
            if at is None:
                picks.append(Pick(offered.claim_id, offered.point_id, (card_id,)))
            elif card_id not in picks[at].cards:
                picks[at] = Pick(offered.claim_id, offered.point_id, (*picks[at].cards, card_id))
        self.show_speech()

    def find(self, pick: Pick) -> int | None:
        for index, chosen in enumerate(self.plan.picks):
            if (chosen.claim_id, chosen.point_id) == (pick.claim_id, pick.point_id):
                return index
        return None

    def highlighted_in_speech(self) -> tuple[int, int | None] | None:
        chosen = self.query_one("#chosen", OptionList)
        if not chosen.has_focus or chosen.highlighted is None:
            return None
        option = chosen.get_option_at_index(chosen.highlighted)
        return parse_option(option.id) if option.id else None

    def action_drop(self) -> None:
        place = self.highlighted_in_speech()
        if place is None:
            self.notify("Highlight a point or a card of the speech (tab) to drop it", timeout=3)
            return
        index, card = place
        picks = self.plan.picks
        if card is None:
            del picks[index]
            self.show_speech(option_id(min(index, len(picks) - 1), None) if picks else None)
            return
        cards = list(picks[index].cards)
        del cards[card]
        picks[index] = Pick(picks[index].claim_id, picks[index].point_id, tuple(cards))
        self.show_speech(
            option_id(index, None) if not cards else option_id(index, min(card, len(cards) - 1))
        )

    def action_move(self, step: int) -> None:
        place = self.highlighted_in_speech()
        if place is None:
            return
        index, card = place
        picks = self.plan.picks
        if card is None:
            target = index + step
            if 0 <= target < len(picks):
                picks[index], picks[target] = picks[target], picks[index]
                self.show_speech(option_id(target, None))
            return
        cards = list(picks[index].cards)
        target = card + step
        if 0 <= target < len(cards):
            cards[card], cards[target] = cards[target], cards[card]
            picks[index] = Pick(picks[index].claim_id, picks[index].point_id, tuple(cards))
            self.show_speech(option_id(index, target))

    # Settings.

    def action_swap_side(self) -> None:
        self.sides.reverse()
        self.plan = Plan(self.sides[0], self.plan.speech)
        self.show_available()
        self.show_speech()

    def action_next_speech(self) -> None:
        index = self.speeches.index(self.plan.speech)
        self.plan.speech = self.speeches[(index + 1) % len(self.speeches)]
        self.show_speech()

    def action_toggle_claims(self) -> None:
        if self.claim_id is None:
            self.notify("No claim in view: the points come from every claim", timeout=3)
            return
        self.this_claim = not self.this_claim
        self.show_available()
        self.show_setup()

    def action_toggle_answers(self) -> None:
        self.answers_only = not self.answers_only
        self.show_available()
        self.show_setup()

    def action_next_rate(self) -> None:
        rates = [rate for rate, _ in RATES]
        later = [rate for rate in rates if rate > self.rate]
        self.rate = later[0] if later else rates[0]
        self.show_setup()
        self.show_gauge()

    def action_rate(self, step: int) -> None:
        self.rate = min(1000, max(10, self.rate + step))
        self.show_setup()
        self.show_gauge()

    def action_export(self) -> None:
        if self.path is None:
            return
        text = markdown(self.workbook, self.plan, self.rate)
        try:
            target = write_speech(self.workbook, self.path, self.plan.speech.name, text)
        except WorkbookError as error:
            self.notify(f"Cannot export: {error}", severity="error", timeout=10)
            return
        self.notify(f"Speech written to {target}")

    def action_word(self, marked: bool = False) -> None:
        """The speech, or its marked copy, as a Word file beside the workbook: made and written
        off the app's thread (python-docx is loaded then), told as the app tells an export."""
        path = self.path
        if path is None:
            return
        workbook = self.workbook
        # The job reads a copy of the plan: picks changed meanwhile are the next file's.
        plan = Plan(self.plan.side, self.plan.speech, list(self.plan.picks))
        rate = self.rate
        called = "Marked copy" if marked else "Speech"

        def write() -> str:
            data = word(workbook, plan, rate, marked, read_initials())
            target = write_speech_word(workbook, path, plan.speech.name, data, marked)
            return f"{called} written to {target}"

        run_job(self.app, write, ExportFailed, Exported)

    def action_close(self) -> None:
        self.dismiss(None)
