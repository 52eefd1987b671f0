"""A round's flow open in the app, without the app: edits and undo, the journal, restoring it
against the file as it is now, saving, and what an edit costs on a flow of many sheets."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.timing import LINEAR, best_time, growth
from workbook.commands import main
from workbook.practice import flow_edits
from workbook.practice.flow import Flow, Sheet, sheet_drops
from workbook.practice.flow_file import read_flow, rounds_beside, write_flow
from workbook.practice.flow_session import FlowSession
from workbook.practice.flow_sheets import layout
from workbook.practice.formats import BUILT_IN
from workbook.session.text_journal import find_text_journals
from workbook.storage.files import WorkbookError
from workbook.storage.owned import inputs_of
from workbook.storage.store import save
from workbook.storage.toml_data import is_flow_text

POLICY = BUILT_IN["policy-hs"]
SHEET = "reckless-decision"


@pytest.fixture
def flowed(seed_copy: Path) -> Path:
    out = seed_copy.parent / "r.flow.toml"
    new = ["flow", "new", str(seed_copy), "--format", "policy-hs", "--as", "Aff", "-o", str(out)]
    assert main(new) == 0
    return out


def write_in_1nc(session: FlowSession, text: str, sheet: str = SHEET) -> str:
    return session.edit(
        "argue", sheet, lambda flow: flow_edits.write(flow, POLICY, sheet, "1NC", text)
    )


def test_an_edit_is_undone_and_redone_and_the_flow_knows_it_is_unsaved(flowed: Path) -> None:
    session = FlowSession.open(flowed)
    before = session.flow.sheets[SHEET]
    added = write_in_1nc(session, "They will retaliate")
    assert session.dirty and added in session.flow.sheets[SHEET].arguments
    assert added not in before.arguments  # the edit was made on a copy: the old sheet is undo
    step = session.undo()
    assert step is not None and session.flow.sheets[SHEET] is before
    session.undo(redo=True)
    assert session.flow.sheets[SHEET].arguments[added].text == "They will retaliate"


def test_an_edit_refused_leaves_the_sheet_as_it_was(flowed: Path) -> None:
    session = FlowSession.open(flowed)
    before = session.flow.sheets[SHEET]
    with pytest.raises(Exception, match="no speech"):
        session.edit("argue", SHEET, lambda f: flow_edits.write(f, POLICY, SHEET, "9XY", "x"))
    assert session.flow.sheets[SHEET] is before and not session.dirty and not session.done


def crashed_with(flowed: Path, text: str) -> None:
    """An app that journalled an edit and was killed: its journal is left, unlocked."""
    session = FlowSession.open(flowed)
    write_in_1nc(session, text)
    assert session.journal_job()() is not None
    session.journal.abandon()


def test_a_journal_left_by_a_crash_restores_the_edits(flowed: Path) -> None:
    before = flowed.read_bytes()
    crashed_with(flowed, "They will retaliate")
    assert flowed.read_bytes() == before  # the journal is beside the file, never in it
    session = FlowSession.open(flowed)
    assert session.found.newest is not None
    report = session.restore(session.found.newest)
    assert not report.merged
    texts = [a.text for a in session.flow.sheets[SHEET].arguments.values()]
    assert "They will retaliate" in texts and session.dirty


def test_a_journal_restored_into_a_file_changed_since_is_merged_by_id(flowed: Path) -> None:
    crashed_with(flowed, "They will retaliate")
    # Meanwhile the file changed: a partner flowed an argument on another sheet and saved.
    other = FlowSession.open(flowed)
    other.journal = other.journal.__class__(flowed.with_name("elsewhere.toml"))
    sheet = list(other.flow.sheets)[1]
    write_in_1nc(other, "Partner's note", sheet)
    other.saved(other.save_job(read_flow(flowed).workbook)())
    session = FlowSession.open(flowed)
    assert session.found.newest is not None
    report = session.restore(session.found.newest)
    assert report.merged and report.conflicts == []
    flow = session.flow
    assert "They will retaliate" in [a.text for a in flow.sheets[SHEET].arguments.values()]
    assert "Partner's note" in [a.text for a in flow.sheets[sheet].arguments.values()]


def test_saving_writes_the_flow_and_the_journal_goes(flowed: Path) -> None:
    session = FlowSession.open(flowed)
    write_in_1nc(session, "They will retaliate")
    place = session.journal_job()()
    assert place is not None and place.exists()
    session.saved(session.save_job(read_flow(flowed).workbook)())
    assert not session.dirty
    assert session.journal_job()() is None and not place.exists()
    texts = [a.text for a in read_flow(flowed).flow.sheets[SHEET].arguments.values()]
    assert "They will retaliate" in texts
    assert find_text_journals(flowed).newest is None


def test_a_save_over_a_file_changed_on_disk_merges_with_it(flowed: Path) -> None:
    session = FlowSession.open(flowed)
    write_in_1nc(session, "Mine")
    opened = read_flow(flowed)
    sheet = list(opened.flow.sheets)[2]
    flow_edits.write(opened.flow, POLICY, sheet, "1NC", "Theirs")
    write_flow(opened.flow, flowed, inputs_of(opened.workbook_path, opened.workbook))
    saved = session.save_job(opened.workbook)()
    session.saved(saved)
    assert saved.merged
    back = read_flow(flowed).flow
    assert "Mine" in [a.text for a in back.sheets[SHEET].arguments.values()]
    assert "Theirs" in [a.text for a in back.sheets[sheet].arguments.values()]


def test_a_damaged_journal_is_set_aside_and_named(flowed: Path) -> None:
    crashed_with(flowed, "x")
    place = next(flowed.parent.glob("r.flow.toml.*.journal"))
    place.write_text("text_journal = 1\n[broken", encoding="utf-8")
    session = FlowSession.open(flowed)
    assert session.found.newest is None and len(session.found.damaged) == 1
    assert not place.exists() and place.with_name(place.name + ".damaged").exists()


def test_a_flow_file_is_told_by_its_flow_key_not_its_name(flowed: Path, seed_copy: Path) -> None:
    assert is_flow_text(flowed.read_text(encoding="utf-8"))
    assert not is_flow_text(seed_copy.read_text(encoding="utf-8"))
    assert is_flow_text('"flow" = 1\nworkbook = "w.toml"\n')
    # A key in a string is no key: a workbook whose notes hold the words stays a workbook.
    assert not is_flow_text('format = 2\nmotion = """\nflow = 1\n"""\n')


def test_the_rounds_beside_a_workbook_are_those_that_name_it(flowed: Path, seed_copy: Path) -> None:
    (seed_copy.parent / "other.flow.toml").write_text(
        flowed.read_text(encoding="utf-8").replace(seed_copy.name, "gone.toml"), encoding="utf-8"
    )
    assert rounds_beside(seed_copy) == [flowed]


def many_sheets(flow: Flow, count: int) -> Flow:
    sheet = flow.sheets[SHEET]
    return flow.model_copy(update={"sheets": {f"s{n}": sheet for n in range(count)}})


def test_an_edit_costs_the_same_on_forty_sheets_as_on_one(flowed: Path) -> None:
    """What the flow screen does for an edit: the edit, the sheet's drops, its layout."""
    base = FlowSession.open(flowed)

    def typing(sessions: list[FlowSession]) -> None:
        for session in sessions:
            added = write_in_1nc(session, "words", "s0")
            sheet: Sheet = session.flow.sheets["s0"]
            sheet_drops("s0", sheet, POLICY)
            layout(sheet, POLICY)
            assert added

    def sessions(count: int) -> list[FlowSession]:
        made = []
        for _ in range(200):
            session = copy.copy(base)
            session.done, session.undone = [], []
            session.flow = many_sheets(base.flow, count)
            made.append(session)
        return made

    one, forty = sessions(1), sessions(40)
    runs = [best_time(lambda s=s: typing(s)) for s in (one, forty)]  # type: ignore[misc]
    # Linear in the sheets would be forty times; a constant cost, about one.
    assert runs[1] < 2 * runs[0], f"forty sheets took {runs[1] / runs[0]:.1f} times one"


@pytest.mark.parametrize(
    "hostile",
    [
        lambda n: " " * n + "x\n",  # one long line of spaces, as if a key were to follow
        lambda n: "  flo\n" * n,  # many lines that almost name the key
        lambda n: 'motion = """\n' + "flow = 1\n" * n + '"""\n',  # the key inside a string
    ],
    ids=["spaces", "almost", "in-a-string"],
)
def test_telling_a_flow_file_is_linear_in_its_text(hostile: Callable[[int], str]) -> None:
    ratio = growth(hostile, is_flow_text, size=2_000)
    assert ratio < LINEAR, f"4 times the text took {ratio:.1f} times as long"


def test_the_flow_follows_its_workbook_saved_elsewhere(flowed: Path, seed_copy: Path) -> None:
    """ "Save as…" while the round is open: the flow names the new file once it is saved."""
    session = FlowSession.open(flowed)
    moved = seed_copy.with_name("moved.toml")
    moved.write_bytes(seed_copy.read_bytes())
    workbook = read_flow(flowed).workbook
    assert session.follow_workbook(workbook, moved) == ["workbook: moved.toml"]
    assert session.dirty
    session.saved(session.save_job(workbook)())
    opened = read_flow(flowed)
    assert opened.flow.workbook == "moved.toml" and opened.workbook_path.name == "moved.toml"
    assert session.follow_workbook(workbook, moved) == [] and not session.dirty
    with pytest.raises(WorkbookError, match="kept in its workbook's folder or above it"):
        session.follow_workbook(workbook, flowed.parent.parent / "elsewhere.toml")
    assert session.flow.workbook == "moved.toml"


def test_a_flow_saved_lets_go_of_what_the_prep_deleted(flowed: Path, seed_copy: Path) -> None:
    """A point or a claim deleted in the prep after the round started: the flow written keeps
    the argument's words, and reads again beside the workbook saved without them."""
    session = FlowSession.open(flowed)
    workbook = read_flow(flowed).workbook
    other = next(claim for claim in workbook.claims if claim != SHEET)
    points = workbook.claims[SHEET].points
    answered = {point.answers for point in points.values()}
    gone = next(p for p in points if p not in answered)  # deleted alone, as the app would
    flowed_as = next(
        a for a, argument in session.flow.sheets[SHEET].arguments.items() if argument.point == gone
    )
    del points[gone]
    del workbook.claims[other]
    save(workbook, seed_copy)
    with pytest.raises(WorkbookError, match=f"no point '{gone}'"):
        read_flow(flowed)  # a flow naming what is gone is refused as it was
    lost = session.follow_workbook(workbook, seed_copy)
    assert f"sheets.{SHEET}.arguments.{flowed_as}.point" in lost
    assert f"sheets.{other}.claim" in lost and session.dirty
    words = session.flow.sheets[SHEET].arguments[flowed_as].text
    session.saved(session.save_job(workbook)())
    back = read_flow(flowed).flow
    argument = back.sheets[SHEET].arguments[flowed_as]
    assert (argument.point, argument.text) == ("", words)
    assert back.sheets[other].claim == "" and back.sheets[other].title
    assert main(["flow", "check", str(flowed)]) == 0
