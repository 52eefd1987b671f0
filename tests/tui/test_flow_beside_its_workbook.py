"""A round open in the app beside its workbook: the workbook saved elsewhere, or saved without
a point or claim the round was flowed from. The round follows it, and opens again."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from workbook.commands import main
from workbook.practice.flow_file import read_flow
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import ConfirmScreen
from workbook.tui.screens.flow import FlowScreen
from workbook.tui.screens.prep.screen import PrepScreen
from workbook.tui.widgets.side_column import SideColumn

from .conftest import told, until

SHEET = "reckless-decision"  # the seed's first claim: p1 1AC, p2 1NC, p3 2AC on its first row
ALONE = "p3"  # a point of it that no point answers: deleted, it leaves nothing else behind


@pytest.fixture
def flowed(seed_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(seed_copy.parent)
    out = Path("r.flow.toml")
    new = ["flow", "new", seed_copy.name, "--format", "policy-hs", "--as", "Aff", "-o", str(out)]
    assert main(new) == 0
    return out


async def on_flow(pilot: Pilot[None]) -> FlowScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, FlowScreen), seconds=10)
    screen = pilot.app.screen
    assert isinstance(screen, FlowScreen)
    await pilot.pause()
    return screen


async def on_prep(pilot: Pilot[None]) -> PrepScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, PrepScreen))
    prep = pilot.app.screen
    assert isinstance(prep, PrepScreen)
    return prep


async def delete_in_the_prep(pilot: Pilot[None], app: WorkbookApp, point: str) -> None:
    """From the flow screen, the point deleted on the claims screen as a user deletes it."""
    await pilot.press("escape")
    prep = await on_prep(pilot)
    prep.go_to(SHEET, point)
    await until(
        pilot, lambda: isinstance(prep.focused, SideColumn) and prep.focused.current[0] == point
    )
    await pilot.press("x")
    assert app.session is not None
    await until(pilot, lambda: point not in app.session.draft.workbook.claims[SHEET].points)


async def test_a_round_open_follows_its_workbook_saved_as_another(flowed: Path) -> None:
    app = WorkbookApp(Path("soleimani-blowback.toml"), flow=flowed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_flow(pilot)
        await pilot.press("escape")
        await on_prep(pilot)
        app.start_save(Path("moved.toml"))  # as "Save as…" does with the name typed in it
        await until(pilot, lambda: any("now names moved.toml" in n for n in told(app)))
        assert screen.session.dirty
        await pilot.press("g")
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not screen.session.dirty)
    opened = read_flow(flowed)
    assert opened.flow.workbook == "moved.toml" and opened.workbook_path.name == "moved.toml"


async def test_g_on_an_argument_whose_point_the_prep_deleted_says_so(flowed: Path) -> None:
    app = WorkbookApp(Path("soleimani-blowback.toml"), flow=flowed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_flow(pilot)
        await delete_in_the_prep(pilot, app, ALONE)
        await pilot.press("g")
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("right", "right")
        assert screen.grid.current == ALONE
        await pilot.press("g")  # its prepared point is gone: said, and its claim shown
        await on_prep(pilot)
        assert any(f"{ALONE} is no longer in the workbook" in n for n in told(app))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: any("lets go of what the prep deleted" in n for n in told(app)))
        assert screen.session.dirty
        await pilot.press("g")
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not screen.session.dirty)
    argument = read_flow(flowed).flow.sheets[SHEET].arguments[ALONE]
    assert argument.point == "" and argument.text  # its words kept, standing alone
    assert main(["flow", "check", str(flowed)]) == 0


async def test_quitting_after_a_point_is_deleted_keeps_the_round_readable(flowed: Path) -> None:
    app = WorkbookApp(Path("soleimani-blowback.toml"), flow=flowed)
    async with app.run_test(size=(100, 30)) as pilot:
        await on_flow(pilot)
        await delete_in_the_prep(pilot, app, ALONE)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("enter")  # the flow's first answer: save the flow, then quit
        await until(pilot, lambda: app.flow is None)
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("enter")  # the workbook's first answer: save it, then quit
        await until(pilot, lambda: not app.is_running, seconds=8)
    assert main(["flow", "check", str(flowed)]) == 0
    assert read_flow(flowed).flow.sheets[SHEET].arguments[ALONE].point == ""
