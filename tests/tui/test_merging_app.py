"""The app merges with a file that changed under it, and settles conflicts side by side."""

from __future__ import annotations

from pathlib import Path

from workbook.storage.store import dumps, load
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import ConfirmScreen
from workbook.tui.screens.conflicts import ConflictsScreen
from workbook.tui.screens.prep.screen import PrepScreen

from .conftest import SIZE, opened, until

FIRST = "reckless-decision"


def teammate_sets(path: Path, claim_id: str, tag: str) -> None:
    """A teammate's save (or a git pull) that changes one claim's tag."""
    workbook = load(path)
    workbook.claims[claim_id] = workbook.claims[claim_id].model_copy(update={"tag": tag})
    path.write_text(dumps(workbook), encoding="utf-8")


def settled(app: WorkbookApp) -> bool:
    # Mounted, too: the test must not end while the main screen is still being put up.
    screen = app.screen
    return isinstance(screen, PrepScreen) and screen.is_mounted and app.session is not None


async def test_edits_to_different_claims_merge_when_the_file_changed(seed_copy: Path) -> None:
    second = list(load(seed_copy).claims)[1]
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        teammate_sets(seed_copy, second, "Their new tag")
        await pilot.press("tab", "1", "ctrl+s")  # our edit: p1 of the first claim
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Merge theirs and mine" in str(app.screen.answers)
        before = app.session
        await pilot.press("m")
        # The main screen and its session are there before the merge too: wait for the
        # session of the file as merged, which the app opens once the merge is written.
        await until(pilot, lambda: settled(app) and app.session is not before)
        await until(pilot, lambda: not isinstance(app.screen, ConflictsScreen) and settled(app))
        assert not app.session.dirty  # type: ignore[union-attr]
        await pilot.pause()  # the new screen's widgets take in its title before the app ends
    merged = load(seed_copy)
    assert merged.claims[second].tag == "Their new tag"
    assert merged.claims[FIRST].points["p1"].strength == 1
    assert not merged.conflicts


async def test_the_same_field_changed_on_both_sides_is_settled_in_the_app(
    seed_copy: Path,
) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        teammate_sets(seed_copy, FIRST, "Their tag")
        claim = screen.workbook.claims[FIRST].model_copy(update={"tag": "Our tag"})
        screen.commit("edit claim", FIRST, claim)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, ConflictsScreen))
        conflicts = app.screen.conflicts
        assert [c.path for c in conflicts] == [f"claims.{FIRST}.tag"]
        assert (conflicts[0].ours, conflicts[0].theirs) == ("Our tag", "Their tag")
        assert load(seed_copy).conflicts  # recorded in the file while it waits
        before = app.session
        await pilot.press("t")
        # Wait for the file as settled to be open again, not just written.
        await until(
            pilot,
            lambda: settled(app) and app.session is not before and not load(seed_copy).conflicts,
        )
        await pilot.pause()  # the new screen's widgets take in its title before the app ends
    assert load(seed_copy).claims[FIRST].tag == "Their tag"


async def test_conflicts_in_a_file_are_offered_when_it_opens_and_can_wait(
    seed_copy: Path,
) -> None:
    from workbook.core.model import Conflict

    workbook = load(seed_copy)
    workbook.conflicts.append(
        Conflict(path=f"claims.{FIRST}.tag", base="Before", ours="Ours", theirs="Theirs")
    )
    seed_copy.write_text(dumps(workbook), encoding="utf-8")
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await until(pilot, lambda: isinstance(app.screen, ConflictsScreen))
        await pilot.press("escape")  # later: the file keeps the conflict
        await until(pilot, lambda: isinstance(app.screen, PrepScreen))
        assert app.sub_title.endswith("⚠ 1 conflict to settle")
        # The palette brings the conflicts back.
        (settle,) = [
            c for c in app.get_system_commands(app.screen) if c.title == "Settle conflicts"
        ]
        settle.callback()
        await until(pilot, lambda: isinstance(app.screen, ConflictsScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, PrepScreen))
    assert len(load(seed_copy).conflicts) == 1


def test_a_claim_deleted_on_one_side_shows_what_the_other_changed() -> None:
    from workbook.core.model import Conflict
    from workbook.tui.screens.conflicts import conflict_prompt

    long = "words " * 200
    base = {"tag": "Before", "quote": long, "paragraph": 14}
    theirs = {**base, "tag": "Their tag"}
    shown = conflict_prompt(Conflict(path="claims.boast", base=base, ours=None, theirs=theirs))
    lines = shown.plain.splitlines()
    assert lines[0] == "claims.boast  (the fields that differ: tag)"
    assert lines[1:] == [
        "    ours: (deleted)",
        '  theirs: {"tag": "Their tag"}',
        '    base: {"tag": "Before"}',
    ]
