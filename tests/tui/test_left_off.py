"""Reopening where you left off: the claim in view as the app closed is where it opens next,
from the first look on; it is kept in the user's state folder, never in the workbook."""

from __future__ import annotations

import os
from pathlib import Path

from workbook.storage.left_off import left_off_file, read_left_off, remember_left_off
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.prep.first_look import FirstLook
from workbook.tui.widgets.claim_list import ClaimList

from .conftest import SIZE, opened, until
from .test_first_look import go, looked_app, what_shows


async def left_on(path: Path, claim_id: str) -> None:
    """Open `path`, go to `claim_id`, and quit."""
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        screen.go_to(claim_id)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running)


async def test_the_app_opens_on_the_claim_it_was_left_on(seed_copy: Path) -> None:
    before = seed_copy.read_bytes()
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        middle = screen.claim_list.shown[len(screen.claim_list.shown) // 2]
        screen.go_to(middle)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running)
    assert seed_copy.read_bytes() == before  # never in the workbook: teammates share it
    state = Path(os.environ["XDG_STATE_HOME"])
    assert left_off_file(seed_copy).is_relative_to(state) and read_left_off(seed_copy) == middle
    again = WorkbookApp(seed_copy)
    async with again.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        assert screen.claim_id == middle
        claims = screen.query_one(ClaimList)
        assert claims.scroll_offset.y <= claims.highlighted <= claims.scroll_offset.y + 40


async def test_the_first_look_opens_there_too_and_the_main_screen_says_the_same(
    seed_copy: Path, held: list[WorkbookApp]
) -> None:
    last = "power-vacuum-precedents"
    await left_on(seed_copy, last)
    app = looked_app(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(held))
        assert isinstance(app.screen, FirstLook)
        first = what_shows(app.screen)
        assert first["highlighted"] != 1  # not the first claim (the first option is a heading)
        go(app)
        prep = await opened(pilot)
        assert prep.claim_id == last and what_shows(prep) == first


async def test_a_claim_that_is_gone_or_a_damaged_file_opens_on_the_first(seed_copy: Path) -> None:
    remember_left_off(seed_copy, "no-such-claim")
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        assert screen.claim_id == screen.claim_list.shown[0]
    left_off_file(seed_copy).write_bytes(b"claim = [\x00 not toml")
    assert read_left_off(seed_copy) is None
    left_off_file(seed_copy).write_text('claim = "../../etc"', encoding="utf-8")
    assert read_left_off(seed_copy) is None
