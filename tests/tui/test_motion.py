"""The motion and the sides in the app: one form (`m`, or the palette), one step undo takes
back; and a new workbook asks who argues what only when `workbook new` was not told."""

from __future__ import annotations

from pathlib import Path

from workbook.commands import main
from workbook.storage.store import load
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import FormScreen
from workbook.tui.screens.essay import EssayScreen

from .conftest import SIZE, opened, until
from .test_app import fill

ESSAY = "# Strikes\n\nStrikes bring blowback. They always do.\n\n## After\n\nDeterrence holds.\n"


def new_workbook(folder: Path, *options: str) -> Path:
    source = folder / "essay.md"
    source.write_text(ESSAY, encoding="utf-8")
    out = folder / "essay.toml"
    assert main(["new", str(source), "-o", str(out), *options]) == 0
    return out


async def test_m_changes_the_motion_and_sides_as_one_step(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        before = screen.workbook.model_copy()
        await pilot.press("m")
        form = app.screen
        assert isinstance(form, FormScreen) and form.form_title == "The motion and the sides"
        fill(form, motion="This House would strike again.", side2="Hawks", thesis2="Strike.")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        workbook = screen.workbook
        assert workbook.motion == "This House would strike again."
        assert workbook.sides["deterrence"].name == "Hawks"
        assert workbook.sides["deterrence"].thesis == "Strike."
        assert [c.border_title for c in screen.columns] == ["Blowback", "Hawks"]
        assert screen.claim_list.border_subtitle.startswith("B H:")
        assert "unsaved" in app.sub_title
        await pilot.press("ctrl+z")  # one step, taken back whole
        assert (workbook.motion, workbook.sides) == (before.motion, before.sides)
        assert [c.border_title for c in screen.columns] == ["Blowback", "Deterrence"]
        await pilot.press("ctrl+y", "ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    saved = load(seed_copy)
    assert saved.motion == "This House would strike again."
    assert saved.sides["deterrence"].name == "Hawks"


async def test_the_palette_opens_the_motion_and_sides(seed_copy: Path) -> None:
    from textual.command import CommandList

    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+p", *"change the motion")
        commands = app.screen.query_one(CommandList)
        await until(
            pilot,
            lambda: (
                commands.highlighted_option is not None
                and "Change the motion" in str(commands.highlighted_option.prompt)
            ),
        )
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        assert app.screen.form_title == "The motion and the sides"  # type: ignore[attr-defined]


async def test_with_a_motion_the_oppositions_thesis_can_be_given(tmp_path: Path) -> None:
    path = new_workbook(tmp_path, "--motion", "This House regrets the strike.")
    brief = tmp_path / "essay.brief.md"
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        await pilot.press("v")
        await until(pilot, lambda: app.screen is prep)
        await pilot.press("m")
        fill(app.screen, thesis2="The strike was worth its cost.")  # type: ignore[arg-type]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is prep)
        await pilot.press("ctrl+e")
        await until(pilot, brief.exists)
    text = brief.read_text(encoding="utf-8")
    assert "**Opposition:** The strike was worth its cost." in text
    assert "no thesis yet" not in text


async def test_sides_named_twice_are_not_asked_again(tmp_path: Path) -> None:
    path = new_workbook(tmp_path, "--side", "regret=Regret", "--side", "hawks=Hawks")
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        await pilot.pause()
        assert not any(isinstance(screen, FormScreen) for screen in app.screen_stack)


async def test_a_side_left_unnamed_is_asked_for(tmp_path: Path) -> None:
    path = new_workbook(tmp_path, "--side", "regret=Regret")
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        assert "Who argues what?" in app.screen.form_title  # type: ignore[attr-defined]


def test_restoring_says_what_became_of_the_motion_and_sides() -> None:
    from workbook.session.session import Restored
    from workbook.tui.dialogs.questions import restored

    assert "and the motion and sides" in restored(Restored(claims=1, framing=True))
    assert "changed in the file too, so theirs stay" in restored(Restored(framing_kept=True))
    assert "motion" not in restored(Restored(claims=2))
