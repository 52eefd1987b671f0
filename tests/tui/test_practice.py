"""The practice screens driven by keys: the timer, the speech builder and the drills."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Digits

from workbook.practice.formats import BUILT_IN, Formats
from workbook.practice.speech import gauge, reading_seconds, words
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.timer import TimerScreen
from workbook.tui.timer_app import TimerApp

from .conftest import opened, told, until


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


async def test_the_speech_builder_picks_points_and_cards_against_the_gauge(
    seed_copy: Path,
) -> None:
    from textual.widgets import OptionList

    from workbook.tui.screens.speech import SpeechScreen

    app = WorkbookApp(seed_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+b")
        await until(pilot, lambda: isinstance(app.screen, SpeechScreen))
        screen = app.screen
        assert isinstance(screen, SpeechScreen)
        gauge_widget = screen.query_one("#gauge")
        assert gauge_widget.has_class("gauge-green") and "0 words" in str(gauge_widget.render())
        await pilot.press("enter")  # the first point, with all its cards
        first = screen.offered[0]
        assert screen.plan.picks == [first]
        await pilot.press("down", "enter")  # a card of the first point: already in the speech
        assert screen.plan.picks == [first]
        while len(screen.plan.picks) < 10:  # every card of each next point
            await pilot.press("down", "enter")
        await pilot.press("w")
        assert screen.rate == 300
        await pilot.press("w", *["f"] * 7)  # lay, and the shortest speech: the 2AR's 5:00
        assert screen.rate == 150 and screen.plan.speech.name == "2AR"
        colour, share = gauge(reading_seconds(words(app.draft.workbook, screen.plan), 150), 300)  # type: ignore[arg-type]
        assert share > 1 and colour == "red" and gauge_widget.has_class("gauge-red")
        await pilot.press("minus")
        assert screen.rate == 140
        await pilot.press("tab")
        chosen = screen.query_one("#chosen", OptionList)
        assert chosen.has_focus
        count = len(screen.plan.picks)
        chosen.highlighted = 0
        await pilot.press("x")
        assert len(screen.plan.picks) == count - 1
        second = screen.plan.picks[1]
        chosen.highlighted = 0
        await pilot.press("right_square_bracket")
        assert screen.plan.picks[0] == second
        await pilot.press("a")
        assert screen.answers_only and all(
            app.draft.workbook.claims[p.claim_id].points[p.point_id].kind == "answers"  # type: ignore[union-attr]
            for p in screen.offered
        )
        await pilot.press("e")
        written = seed_copy.parent / f"{seed_copy.stem}.2AR.speech.md"
        await until(pilot, written.exists)
        assert written.read_text(encoding="utf-8").startswith("# 2AR · ")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, SpeechScreen))


async def test_drills_reveal_mark_and_keep_the_history(seed_copy: Path) -> None:
    import datetime as dt

    from workbook.practice.drills import history_path, load_history
    from workbook.tui.screens.drill import DrillScreen

    fake = FakeClock()
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        prep = await opened(pilot)
        ours = prep.sides[0]
        screen = DrillScreen(prep.workbook, ours, seed_copy, fake, dt.date(2026, 3, 2))
        app.push_screen(screen)
        await until(pilot, lambda: app.screen is screen and bool(screen.queue))
        first = screen.drill
        assert first is not None
        assert not screen.query_one("#ours").display
        fake.time += 31
        await until(pilot, lambda: str(screen.query_one("#clock", Digits).value) == "+0:01")
        await pilot.press("enter")
        assert screen.query_one("#ours").display
        await pilot.press("m")
        second = screen.drill
        assert second != first and screen.queue[-1] == first
        await pilot.press("g")
        history = load_history(history_path(seed_copy))
        assert history[first.key].missed == 1 and history[first.key].box == 1
        assert second is not None and history[second.key].box == 2
        assert history_path(seed_copy) == seed_copy.parent / f"{seed_copy.stem}.drills.toml"
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is prep)


async def test_the_main_screen_opens_drills(seed_copy: Path) -> None:
    from workbook.tui.screens.drill import DrillScreen

    app = WorkbookApp(seed_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+d")
        await until(pilot, lambda: isinstance(app.screen, DrillScreen))


async def test_the_timer_calls_the_sides_by_the_workbooks_names(seed_copy: Path) -> None:
    from textual.widgets import Static

    app = WorkbookApp(seed_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, TimerScreen))
        timer = app.screen

        def shown(part: str) -> str:
            return str(timer.query_one(part, Static).render())

        assert "1AC · Blowback" in shown("#now")  # the first side proposes: Aff
        assert "1NC (Deterrence)" in shown("#speeches") and "Aff" not in shown("#speeches")
        banks = shown("#banks")
        assert "1 Blowback" in banks and "2 Deterrence" in banks and "Neg" not in banks
        await pilot.press("2")
        await until(pilot, lambda: "Deterrence prep running" in shown("#now"))


async def test_the_speech_builder_saves_the_speech_and_its_marked_copy_in_word(
    seed_copy: Path,
) -> None:
    """`d` writes the speech as a Word file beside the workbook and `m` its marked copy; a file
    of that name that is not a Word file is never replaced, and the app says so."""
    import docx

    from workbook.tui.screens.speech import SpeechScreen

    mine = seed_copy.with_name(f"{seed_copy.stem}.1AC.speech.marked.docx")
    mine.write_text("my own notes\n", encoding="utf-8")
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+b")
        await until(pilot, lambda: isinstance(app.screen, SpeechScreen))
        await pilot.press("enter")  # the first point, with its cards
        await pilot.press("d")
        written = seed_copy.with_name(f"{seed_copy.stem}.1AC.speech.docx")
        await until(
            pilot,
            lambda: any(f"Speech written to {written}" in m for m in told(app)),
        )
        document = docx.Document(str(written))
        assert document.paragraphs[0].text.startswith("1AC · ")
        assert document.paragraphs[0].style.name == "Heading 1"
        await pilot.press("m")
        await until(
            pilot,
            lambda: any("not a Word" in m for m in told(app)),
        )
        assert app.is_running
    assert mine.read_text(encoding="utf-8") == "my own notes\n"


async def test_the_prep_keys_are_shown_only_where_the_format_has_prep_in_the_round() -> None:
    """BP, NPDA and World Schools have no prep in the round: the bar and the palette leave out
    `1` and `2`, which would only say so; a format with prep shows them again."""
    from workbook.tui.palette import binding_commands
    from workbook.tui.widgets.key_bar import keys_line

    app = TimerApp(Formats(), "bp", FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TimerScreen))
        assert "Prep 1" not in keys_line(app.screen, str).plain
        titles = [command.title for command in binding_commands(app.screen, str)]
        assert "The next speech" in titles and not any("prep" in title for title in titles)
        while app.screen.timer.format.prep == 0:  # type: ignore[attr-defined]
            await pilot.press("f")
            await pilot.pause()
        await until(pilot, lambda: "Prep 1" in keys_line(app.screen, str).plain)
