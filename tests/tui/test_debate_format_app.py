"""The workbook's debate format in the app: chosen in the motion and sides form, one step undo
takes back, saved; the timer and the speech builder start on it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select

from workbook.storage.store import load, save
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import FormScreen
from workbook.tui.screens.speech import SpeechScreen
from workbook.tui.screens.timer import TimerScreen

from .conftest import SIZE, opened, until
from .test_app import fill


async def test_the_format_is_chosen_with_the_motion_and_the_practice_screens_start_on_it(
    seed_copy: Path,
) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("ctrl+t")  # no format named: the default, as before
        await until(pilot, lambda: isinstance(app.screen, TimerScreen))
        assert app.screen.timer.format.key == "policy-hs"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("m")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-format", Select).value == "policy-hs"
        await pilot.press("ctrl+s")  # nothing changed: no step, nothing to save
        await until(pilot, lambda: app.screen is screen)
        assert "unsaved" not in app.sub_title
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        fill(app.screen, format="bp")  # type: ignore[arg-type]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        assert screen.workbook.debate_format == "bp" and "unsaved" in app.sub_title
        await pilot.press("ctrl+z")
        assert screen.workbook.debate_format is None
        await pilot.press("ctrl+y", "ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, TimerScreen))
        timer = app.screen.timer  # type: ignore[attr-defined]
        assert timer.format.key == "bp" and timer.speech.name == "Prep before the round"
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("ctrl+b")
        await until(pilot, lambda: isinstance(app.screen, SpeechScreen))
        assert app.screen.format.key == "bp"  # type: ignore[attr-defined]
        assert app.screen.plan.speech.name == "PM"  # type: ignore[attr-defined]
    assert load(seed_copy).debate_format == "bp"


async def test_a_format_not_among_the_formats_is_told_and_the_default_timed(
    seed_copy: Path,
) -> None:
    workbook = load(seed_copy)
    workbook.debate_format = "novice"
    save(workbook, seed_copy)
    app = WorkbookApp(seed_copy)
    told: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        screen.notify = lambda message, **options: told.append(str(message))  # type: ignore[method-assign]
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, TimerScreen))
        assert app.screen.timer.format.key == "policy-hs"  # type: ignore[attr-defined]
        assert told and told[0].startswith("debate_format: no format 'novice'")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("m")  # the form shows it as it is, and keeps it unless changed
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        assert app.screen.query_one("#field-format", Select).value == "novice"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        assert screen.workbook.debate_format == "novice"


def test_timer_counts_the_prep_before_a_limited_prep_round(snap_compare) -> None:  # type: ignore[no-untyped-def]
    """British Parliamentary at 80x24: the prep before the round first, running, then PM."""
    from textual.pilot import Pilot

    from workbook.practice.formats import Formats
    from workbook.tui.timer_app import TimerApp

    frozen = [1000.0]
    app = TimerApp(Formats(), "bp", lambda: frozen[0])

    async def run_before(pilot: Pilot[None]) -> None:
        await until(pilot, lambda: isinstance(pilot.app.screen, TimerScreen))
        await pilot.press("space")
        frozen[0] += 4 * 60 + 30
        await until(pilot, lambda: "10:30" in str(pilot.app.screen.query_one("#speeches").render()))

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
