"""Notices keep out of the way: one information notice at a time, three seconds, and never over
the essay's sentences, where a quote is being trimmed."""

from __future__ import annotations

from pathlib import Path

from textual.widget import Widget

from workbook.tui.app import WorkbookApp
from workbook.tui.screens.essay import EssayScreen

from .conftest import opened, until
from .test_essay_view import empty_workbook


def toasts(app: WorkbookApp) -> list[Widget]:
    return [toast for toast in app.screen.query("Toast") if toast.region.area]


async def test_notices_in_the_essay_view_never_cover_its_sentences(tmp_path: Path) -> None:
    path = empty_workbook(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await opened(pilot)
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        essay = app.screen
        assert isinstance(essay, EssayScreen)
        await pilot.press("down", "c")  # a claim made: a notice says what next
        await until(pilot, lambda: bool(toasts(app)))
        (toast,) = toasts(app)
        assert not toast.region.overlaps(essay.text.region)  # over the help, above the essay
        for _ in range(4):  # each says the quote has no clause left to trim
            await pilot.press("left_parenthesis")
        await pilot.pause()
        assert len(toasts(app)) == 1  # the newest, not a pile
        assert all(notice.timeout <= 3 for notice in app._notifications)


async def test_a_warning_stays_while_information_notices_replace_each_other(
    seed_copy: Path,
) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await opened(pilot)
        app.notify("Something to heed", severity="warning")
        screen.notify("First")
        screen.notify("Second")
        await until(pilot, lambda: len(toasts(app)) == 2)
        shown = sorted(str(toast.render()) for toast in toasts(app))
        assert shown == ["Second", "Something to heed"]
        timeouts = {n.message: n.timeout for n in app._notifications}
        assert timeouts == {"Something to heed": 8, "Second": 3}
        for toast in toasts(app):  # over the coverage lines, not the columns being edited
            assert not any(toast.region.overlaps(column.region) for column in screen.columns)
