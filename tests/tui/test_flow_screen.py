"""The flow screen: a round flowed in the app against the prep, a sheet at a time."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.content import Content
from textual.pilot import Pilot

from workbook.commands import main
from workbook.practice import flow_edits
from workbook.practice.flow import drops
from workbook.practice.flow_file import read_flow
from workbook.practice.flow_session import FlowSession
from workbook.practice.formats import BUILT_IN
from workbook.storage.places import seed_path
from workbook.storage.store import load, save
from workbook.tui import flow_app as flow_app_module
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import ConfirmScreen
from workbook.tui.screens.flow import FlowScreen
from workbook.tui.screens.prep.screen import PrepScreen
from workbook.tui.screens.speech import SpeechScreen
from workbook.tui.widgets.flow_grid import ArgumentInput, cell_words, wrapped
from workbook.tui.widgets.side_column import SideColumn

from .conftest import opened, told, until

POLICY = BUILT_IN["policy-hs"]
SHEET = "reckless-decision"  # the seed's first claim: p1 1AC, p2 1NC, p3 2AC on its first row


@pytest.fixture
def flowed(seed_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(seed_copy.parent)  # relative names keep the folder out of the screen
    out = Path("r.flow.toml")
    new = ["flow", "new", seed_copy.name, "--format", "policy-hs", "--as", "Aff", "-o", str(out)]
    assert main(new) == 0
    return out


def flow_app(flowed: Path) -> WorkbookApp:
    opened_flow = read_flow(flowed)
    return WorkbookApp(Path(opened_flow.flow.workbook), flow=flowed)


async def on_flow(pilot: Pilot[None]) -> FlowScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, FlowScreen), seconds=10)
    screen = pilot.app.screen
    assert isinstance(screen, FlowScreen)
    await pilot.pause()
    return screen


async def type_argument(pilot: Pilot[None], screen: FlowScreen, key: str, text: str) -> str:
    """Type an argument at the cursor (`a`, `n` or enter); the id of the one written."""
    before = set(screen.sheet.arguments)
    await pilot.press(key)
    await until(pilot, lambda: screen.query_one(ArgumentInput).has_focus)
    screen.query_one(ArgumentInput).value = text  # as typed: the words exactly
    await pilot.press("enter")
    await until(pilot, lambda: set(screen.sheet.arguments) - before != set())
    return (set(screen.sheet.arguments) - before).pop()


async def test_an_argument_typed_across_answers_it_and_its_drop_goes(flowed: Path) -> None:
    app = flow_app(flowed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_flow(pilot)
        assert "p3" in screen.drops[SHEET]  # the 2NC has not answered the 2AC's p3
        await pilot.press("right", "right", "right")  # the 2NC, across from p3
        assert screen.answering() == "p3"
        added = await type_argument(pilot, screen, "a", "Concluded is not conceded")
        argument = screen.sheet.arguments[added]
        assert (argument.speech, argument.answers) == ("2NC", "p3")
        assert "p3" not in screen.drops[SHEET]
        # And the new argument stands dropped until the 1AR answers it.
        assert screen.drops[SHEET][added].unanswered_in == "1AR"
        assert screen.grid.current == added
        assert screen.grid.shown.cells[added].marks == "◇1AR"
        assert "◇1AR Concluded" in screen.grid.render().plain
        # Undo takes it back, drop and all; redo writes it again.
        await pilot.press("ctrl+z")
        await until(pilot, lambda: added not in screen.sheet.arguments)
        assert "p3" in screen.drops[SHEET]
        await pilot.press("ctrl+y")
        await until(pilot, lambda: added in screen.sheet.arguments)
        assert "p3" not in screen.drops[SHEET]


async def test_a_new_argument_on_a_new_row_is_dropped_as_it_is_made(flowed: Path) -> None:
    app = flow_app(flowed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_flow(pilot)
        count = len(screen.drops[SHEET])
        await pilot.press("right")  # the 1NC
        added = await type_argument(pilot, screen, "n", "They will retaliate")
        argument = screen.sheet.arguments[added]
        assert (argument.speech, argument.answers) == ("1NC", "")
        assert len(screen.drops[SHEET]) == count + 1
        assert screen.drops[SHEET][added].unanswered_in == "2AC"
        listed = screen.query_one("#sheets").get_option(SHEET).prompt  # type: ignore[attr-defined]
        assert str(listed).startswith(f"◇{count + 1} ")
        # Edited in place with enter: its words, nothing else.
        await pilot.press("enter")
        await until(pilot, lambda: screen.query_one(ArgumentInput).value == "They will retaliate")
        screen.query_one(ArgumentInput).value = "They will retaliate, and soon"
        await pilot.press("enter")
        await until(pilot, lambda: argument.text != screen.sheet.arguments[added].text)
        assert screen.sheet.arguments[added].text == "They will retaliate, and soon"


async def test_a_click_on_a_cell_puts_the_cursor_there(flowed: Path) -> None:
    app = flow_app(flowed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_flow(pilot)
        grid = screen.grid
        width = grid.size.width // grid.fitting()
        # The second row (two lines a row, under the heads and the rule), the third column.
        await pilot.click(grid, offset=(2 * width + 1, 2 + 2))
        await until(pilot, lambda: (grid.row, grid.column) == (1, 2))
        assert grid.current == "p5"


async def test_a_quick_response_pulls_the_prepared_answer_across(flowed: Path) -> None:
    app = flow_app(flowed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_flow(pilot)
        await pilot.press("right", "right", "d")  # the 2AC's prepared answer, taken off
        await until(pilot, lambda: "p3" not in screen.sheet.arguments)
        await pilot.press("left", "q")  # on the 1NC's p2: its prepared answer comes back
        await until(pilot, lambda: any(a.point == "p3" for a in screen.sheet.arguments.values()))
        pulled = next(aid for aid, a in screen.sheet.arguments.items() if a.point == "p3")
        argument = screen.sheet.arguments[pulled]
        assert (argument.speech, argument.answers) == ("2AC", "p2")
        assert screen.grid.current == pulled
        await pilot.press("left", "q")  # nothing left to pull: said, nothing written
        await until(pilot, lambda: any("No prepared answer" in n for n in told(app)))


async def test_an_argument_typed_in_the_round_is_offered_the_sides_prepared_points(
    flowed: Path,
) -> None:
    app = flow_app(flowed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_flow(pilot)
        await pilot.press("right")
        typed = await type_argument(pilot, screen, "n", "Strike restored deterrence")
        offered = flow_edits.offered_answers(
            screen.session.flow, POLICY, screen.workbook, SHEET, typed
        )
        aff = screen.session.flow.sides["Aff"]
        claim = screen.workbook.claims[SHEET]
        assert len(offered) > 1 and all(claim.points[p].side == aff for p in offered)
        assert claim.points[offered[0]].kind == "answers"  # the answers first
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("2")  # numbered, each picked by its digit
        await until(pilot, lambda: any(a.answers == typed for a in screen.sheet.arguments.values()))
        pulled = [a for a in screen.sheet.arguments.values() if a.answers == typed]
        assert [(a.speech, a.point) for a in pulled] == [("2AC", offered[1])]
        assert typed not in screen.drops[SHEET]


async def test_several_quick_responses_are_picked_from(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = load(seed_copy)
    points = workbook.claims[SHEET].points
    second = "A second answer [/b] [red]"  # its words in the picker, never markup
    points["p9"] = points["p3"].model_copy(update={"text": second, "cards": []})
    save(workbook, seed_copy)
    monkeypatch.chdir(seed_copy.parent)
    new = ["flow", "new", seed_copy.name, "--format", "policy-hs", "--as", "Aff", "-o", "r.toml"]
    assert main(new) == 0
    app = flow_app(Path("r.toml"))  # a flow file by its content, whatever its name
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_flow(pilot)
        await pilot.press("right", "right", "d")
        await until(pilot, lambda: "p3" not in screen.sheet.arguments)
        await pilot.press("d")  # p9 takes p3's place across from p2
        await until(pilot, lambda: "p9" not in screen.sheet.arguments)
        await pilot.press("left", "q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("down", "enter")  # the second: p9
        await until(pilot, lambda: any(a.point for a in screen.sheet.arguments.values()))
        pulled = [a for a in screen.sheet.arguments.values() if a.answers == "p2"]
        assert [(a.point, a.answers, a.text) for a in pulled] == [("p9", "p2", second)]


async def test_extend_kick_and_concede_mark_the_argument(flowed: Path) -> None:
    app = flow_app(flowed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_flow(pilot)
        await pilot.press("x")  # the 1AC's p1, carried into the 2AC
        await until(pilot, lambda: any(a.extends == "p1" for a in screen.sheet.arguments.values()))
        extension = next(aid for aid, a in screen.sheet.arguments.items() if a.extends == "p1")
        assert screen.sheet.arguments[extension].speech == "2AC"
        assert screen.drops[SHEET][extension].unanswered_in == "2NC"  # to be answered again
        assert "→" in screen.grid.shown.cells[extension].marks
        await pilot.press("up")  # the 2AC's p3, dropped by the 2NC
        assert screen.grid.current == "p3" and "p3" in screen.drops[SHEET]
        await pilot.press("K")
        await until(pilot, lambda: screen.sheet.arguments["p3"].mark == "kicked")
        assert "p3" not in screen.drops[SHEET]
        await pilot.press("K")  # again: not kicked
        await until(pilot, lambda: screen.sheet.arguments["p3"].mark == "")
        assert "p3" in screen.drops[SHEET]
        await pilot.press("c")
        await until(pilot, lambda: screen.sheet.arguments["p3"].mark == "conceded")
        assert "p3" not in screen.drops[SHEET]
        await pilot.press("c")
        await until(pilot, lambda: screen.sheet.arguments["p3"].mark == "")
        # The round's count, kept by each edit's sheet alone, is the whole flow's.
        assert screen.dropped == len(drops(screen.session.flow, POLICY))
        assert f"◇ {screen.dropped} dropped" in str(screen.query_one("#round").render())


async def test_g_goes_to_the_prepared_point_and_escape_comes_back(flowed: Path) -> None:
    app = flow_app(flowed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_flow(pilot)
        await pilot.press("down", "right")
        assert screen.grid.current == "p4"
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, PrepScreen))
        prep = app.screen
        assert isinstance(prep, PrepScreen)
        await until(pilot, lambda: isinstance(prep.focused, SideColumn))
        assert prep.claim_id == SHEET
        column = prep.focused
        assert isinstance(column, SideColumn) and column.current[0] == "p4"
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        assert (screen.grid.row, screen.grid.column, screen.grid.current) == (1, 1, "p4")
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, PrepScreen))
        await pilot.press("g")  # the same key comes back too
        await until(pilot, lambda: app.screen is screen)


async def test_the_workbook_read_again_is_the_one_the_flow_answers_from(flowed: Path) -> None:
    app = flow_app(flowed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_flow(pilot)
        first = app.session
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, PrepScreen))
        app.reload()  # as "Reload theirs" does when the file changed on disk
        await until(pilot, lambda: app.session is not None and app.session is not first)
        await until(pilot, lambda: isinstance(app.screen, PrepScreen))
        await pilot.pause()
        assert app.session is not None and screen.draft is app.session.draft
        assert isinstance(app.screen, PrepScreen)  # the claims stay in view


async def test_b_sends_the_argument_to_the_speech_builder(flowed: Path) -> None:
    app = flow_app(flowed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_flow(pilot)
        aff = screen.session.flow.sides["Aff"]
        await pilot.press("b")  # the 1AC's prepared p1, with its cards
        await until(pilot, lambda: isinstance(app.screen, SpeechScreen))
        builder = app.screen
        assert isinstance(builder, SpeechScreen)
        assert builder.plan.side == aff and builder.plan.speech.name == "2AC"
        pick = builder.plan.picks[0]
        assert (pick.claim_id, pick.point_id) == (SHEET, "p1")
        assert pick.cards == tuple(builder.workbook.claims[SHEET].points["p1"].cards)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        # A typed argument goes as its words: a point of that speech alone.
        await pilot.press("right", "right", "right")
        await type_argument(pilot, screen, "a", "Concluded is not conceded")
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, SpeechScreen))
        builder = app.screen
        assert isinstance(builder, SpeechScreen)
        pick = builder.plan.picks[0]
        point = builder.workbook.claims[SHEET].points[pick.point_id]
        assert point.text == "Concluded is not conceded" and builder.plan.speech.name == "1NR"
        assert pick.point_id not in screen.workbook.claims[SHEET].points  # the prep untouched


async def test_hostile_words_are_shown_as_typed(flowed: Path) -> None:
    app = flow_app(flowed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_flow(pilot)
        await pilot.press("right")
        added = await type_argument(pilot, screen, "n", "[/b] [red]x \x1b[31m bell\x07")
        assert screen.grid.shown.cells[added].words == "[/b] [red]x \\x1b[31m bell\\x07"
        drawn = screen.grid.render().plain  # the cell's two lines
        assert "[/b] [red]x" in drawn and "\\x1b[31m bell\\x07" in drawn
        assert "\x1b" not in drawn and "\x07" not in drawn
        detail = str(screen.query_one("#detail").render())
        assert "[/b] [red]x \\x1b[31m" in detail


async def test_a_sheet_named_in_markup_is_shown_as_named(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = load(seed_copy)
    named = "[/b] Strike [red]reckless"
    workbook.claims[SHEET].tag = named
    save(workbook, seed_copy)
    monkeypatch.chdir(seed_copy.parent)
    new = ["flow", "new", seed_copy.name, "--format", "policy-hs", "--as", "Aff", "-o", "r.toml"]
    assert main(new) == 0
    app = flow_app(Path("r.toml"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_flow(pilot)
        # The title is kept as markup that shows the words as named.
        title = screen.query_one("#sheet").border_title
        assert Content.from_markup(str(title)).plain == named


async def test_ctrl_s_saves_the_flow_and_quitting_unsaved_asks(flowed: Path) -> None:
    app = flow_app(flowed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_flow(pilot)
        await pilot.press("right")
        await type_argument(pilot, screen, "n", "Saved words")
        await until(pilot, lambda: any(flowed.parent.glob("r.flow.toml.*.journal")), seconds=8)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not screen.session.dirty)
        texts = [a.text for a in read_flow(flowed).flow.sheets[SHEET].arguments.values()]
        assert "Saved words" in texts
        await until(pilot, lambda: not any(flowed.parent.glob("r.flow.toml.*.journal")))
        await type_argument(pilot, screen, "n", "Unsaved words")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("enter")  # the first answer: save the flow and quit
        await until(pilot, lambda: not app.is_running, seconds=8)
    texts = [a.text for a in read_flow(flowed).flow.sheets[SHEET].arguments.values()]
    assert "Unsaved words" in texts
    assert not any(flowed.parent.glob("r.flow.toml.*.journal"))


async def test_quitting_can_keep_the_edits_to_restore_next_time(flowed: Path) -> None:
    # A flow that cannot be saved here (a read-only file) need lose nothing on quitting.
    app = flow_app(flowed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await on_flow(pilot)
        await pilot.press("right")
        await type_argument(pilot, screen, "n", "Words kept for later")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("k")
        await until(pilot, lambda: not app.is_running, seconds=8)
    texts = [a.text for a in read_flow(flowed).flow.sheets[SHEET].arguments.values()]
    assert "Words kept for later" not in texts  # not saved
    found = FlowSession.open(flowed).found
    assert found.newest is not None and found.live == 0
    assert "Words kept for later" in found.newest.text


async def test_a_journal_a_crash_left_is_offered_back(flowed: Path) -> None:
    crashed = FlowSession.open(flowed)
    crashed.edit("argue", SHEET, lambda f: flow_edits.write(f, POLICY, SHEET, "1NC", "Not lost"))
    assert crashed.journal_job()() is not None
    crashed.journal.abandon()  # as a killed app leaves it
    app = flow_app(flowed)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), seconds=10)
        await pilot.press("enter")  # restore: the safe answer
        screen = await on_flow(pilot)
        await until(pilot, lambda: screen.session.dirty)
        texts = [a.text for a in screen.sheet.arguments.values()]
        assert "Not lost" in texts
        assert "Not lost" in screen.grid.render().plain


async def test_g_on_the_claims_starts_a_round_and_then_opens_it(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(seed_copy.parent)
    app = WorkbookApp(Path(seed_copy.name))
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        app.open_flow(start=True)  # as `g` does, twice before the first is read: one round
        app.open_flow(start=True)
        screen = await on_flow(pilot)
        started = seed_copy.with_name("soleimani-blowback.flow.toml")
        assert started.is_file() and screen.session.path.name == started.name
        assert screen.session.flow.format == "policy-hs"  # the workbook's, or the default
        assert any("Started a round" in notice for notice in told(app))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, PrepScreen))
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Flow a round" in titles  # the key's command, in the palette
        await pilot.press("g")
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, PrepScreen))
        await pilot.press("g")
        await until(pilot, lambda: app.screen is screen)
    assert sorted(p.name for p in seed_copy.parent.glob("*.flow.toml")) == [started.name]
    assert not any("Cannot" in notice for notice in told(app))
    # The next time, the round beside the workbook opens: no second round is started.
    app = WorkbookApp(Path(seed_copy.name))
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        await pilot.press("g")
        screen = await on_flow(pilot)
        assert screen.session.path.name == started.name
    assert sorted(p.name for p in seed_copy.parent.glob("*.flow.toml")) == [started.name]


async def test_g_on_the_bundled_seed_says_how_to_flow_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = WorkbookApp(seed_path())  # what `workbook` opens with no file named
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        await pilot.press("g")
        await until(pilot, lambda: any("read-only" in notice for notice in told(app)))
        said = next(notice for notice in told(app) if "read-only" in notice)
        assert "ctrl+s" in said and "Cannot" not in said
        assert isinstance(app.screen, PrepScreen) and not list(tmp_path.iterdir())
        await pilot.press("ctrl+s")  # as it says: the seed's copy, here
        await until(pilot, lambda: app.path.resolve().parent == tmp_path.resolve())
        await pilot.press("g")
        screen = await on_flow(pilot)
        assert screen.session.path.resolve().parent == tmp_path.resolve()
    assert not list(seed_path().parent.glob("*.flow.toml"))


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_flow_screen(snap_compare, flowed: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        screen = await on_flow(pilot)
        await pilot.press("down", "right")
        await pilot.pause()
        assert screen.grid.current == "p4"

    assert snap_compare(flow_app(flowed), terminal_size=size, run_before=run_before)


@given(words=st.text(), width=st.integers(min_value=2, max_value=40))
def test_a_cell_holds_any_words_within_its_width(words: str, width: int) -> None:
    shown = cell_words(words)
    assert not any(unicodedata.category(c) == "Cc" for c in shown)  # none drives the terminal
    lines = wrapped(shown, width, 2)
    assert len(lines) <= 2
    assert all(cell_len(line) <= width for line in lines)
    if cell_len(shown) <= width:
        assert lines == ([shown] if shown else [])


class Broken(Exception):
    """What a fault in a handler raises."""


async def test_an_error_in_the_app_journals_the_flow_first(
    flowed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(flow_app_module, "JOURNAL_DELAY", 3600)  # no journal but the crash's

    def boom(self: FlowScreen) -> None:
        raise Broken("a fault in the flow's handler")

    monkeypatch.setattr(FlowScreen, "action_save", boom)
    app = flow_app(flowed)
    with pytest.raises(Broken):  # Pilot raises the app's error again once the app has ended
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await on_flow(pilot)
            await pilot.press("right")
            await type_argument(pilot, screen, "n", "Kept through a crash")
            assert not any(flowed.parent.glob("r.flow.toml.*.journal"))
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not app.is_running)
    assert app.crash is not None and "the flow's unsaved edits are kept in" in app.crash
    assert app.flow is not None
    app.flow.journal.abandon()  # the process ends with the app: its lock goes with it
    found = FlowSession.open(flowed).found.newest
    assert found is not None and "Kept through a crash" in found.text
