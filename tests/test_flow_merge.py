"""Flows merged by id: what each side flowed is kept, what both added under one id is kept
twice, and the merged flow always reads back within its format's rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.practice.flow import Argument, Flow, Sheet, format_problems
from workbook.practice.flow_edits import extend, mark, write
from workbook.practice.flow_file import dumps, parse
from workbook.practice.flow_merge import FlowMerge, merge_flows, no_flow
from workbook.practice.formats import BUILT_IN
from workbook.practice.preflow import preflow
from workbook.storage.files import WorkbookError
from workbook.storage.places import seed_path
from workbook.storage.store import load
from workbook.storage.toml_data import parse_toml

POLICY = BUILT_IN["policy-hs"]
SHEET = "reckless-decision"
AT = f"sheets.{SHEET}.arguments"


@pytest.fixture(scope="module")
def started() -> Flow:
    """The seed's round as it starts: the 1AC alone."""
    flow, _ = preflow(load(seed_path()), POLICY, "seed.toml", "Aff")
    for sheet in flow.sheets.values():
        for argument_id in [k for k, a in sheet.arguments.items() if a.speech != "1AC"]:
            del sheet.arguments[argument_id]
    return flow


def copies(flow: Flow) -> tuple[Flow, Flow, Flow]:
    return flow.model_copy(deep=True), flow.model_copy(deep=True), flow.model_copy(deep=True)


def reads_back(merged: FlowMerge) -> Flow:
    """The merged flow, checked to be one the flow file reads back, within its format."""
    assert format_problems(merged.flow, POLICY) == []
    assert parse(parse_toml(dumps(merged.flow)), Path("r.flow.toml")) == merged.flow
    return merged.flow


def test_two_copies_flowing_one_round_keep_both_arguments_under_one_id(started: Flow) -> None:
    base, mine, theirs = copies(started)
    ours_id = write(mine, POLICY, SHEET, "1NC", "No link.", answers="p1")
    their_id = write(theirs, POLICY, SHEET, "1NC", "Turn: it deterred.", answers="p1")
    answer = write(theirs, POLICY, SHEET, "2AC", "Deterrence failed.", answers=their_id)
    assert ours_id == their_id  # free_id hands out the same id on each copy
    merged = merge_flows(base, mine, theirs)
    assert merged.conflicts == []
    arguments = reads_back(merged).sheets[SHEET].arguments
    assert arguments[ours_id].text == "No link."
    moved = next(k for k, a in arguments.items() if a.text == "Turn: it deterred.")
    assert moved not in (ours_id, answer)
    assert arguments[answer].answers == moved  # theirs' answer follows it to its new id
    # Mine's order, then theirs' new ones in theirs'.
    assert list(arguments)[-3:] == [ours_id, moved, answer]


def test_an_argument_both_added_alike_is_kept_once(started: Flow) -> None:
    base, mine, theirs = copies(started)
    write(mine, POLICY, SHEET, "1NC", "No link.", answers="p1")
    write(theirs, POLICY, SHEET, "1NC", "No link.", answers="p1")
    merged = merge_flows(base, mine, theirs)
    assert merged.flow == mine
    assert merged.conflicts == []


def test_fields_changed_on_either_side_are_both_taken(started: Flow) -> None:
    base, mine, theirs = copies(started)
    mine.tournament, theirs.judge = "Harvard", "Lee"
    mine.sheets[SHEET].arguments["p1"].text = "Shorter."
    mark(theirs, SHEET, "p1", "kicked")
    merged = merge_flows(base, mine, theirs)
    assert merged.conflicts == []
    flow = reads_back(merged)
    assert (flow.tournament, flow.judge) == ("Harvard", "Lee")
    assert (flow.sheets[SHEET].arguments["p1"].text, flow.sheets[SHEET].arguments["p1"].mark) == (
        "Shorter.",
        "kicked",
    )


def test_a_field_both_changed_differently_keeps_mine_and_names_its_path(started: Flow) -> None:
    base, mine, theirs = copies(started)
    mine.sheets[SHEET].arguments["p1"].text = "Mine."
    theirs.sheets[SHEET].arguments["p1"].text = "Theirs."
    mine.round, theirs.round = "3", "4"
    merged = merge_flows(base, mine, theirs)
    assert merged.conflicts == ["round", f"{AT}.p1.text"]
    assert reads_back(merged).sheets[SHEET].arguments["p1"].text == "Mine."
    assert merged.flow.round == "3"


def test_deleted_on_one_side_and_changed_on_the_other_is_kept(started: Flow) -> None:
    base, mine, theirs = copies(started)
    del mine.sheets[SHEET].arguments["p1"]
    theirs.sheets[SHEET].arguments["p1"].text = "Sharper."
    merged = merge_flows(base, mine, theirs)
    assert merged.conflicts == [f"{AT}.p1"]
    assert reads_back(merged).sheets[SHEET].arguments["p1"].text == "Sharper."
    # And a sheet, the same way.
    base, mine, theirs = copies(started)
    del theirs.sheets[SHEET]
    mine.sheets[SHEET].title = "Recklessness"
    merged = merge_flows(base, mine, theirs)
    assert merged.conflicts == [f"sheets.{SHEET}"]
    assert reads_back(merged).sheets[SHEET].title == "Recklessness"


def test_deleted_on_one_side_and_left_alone_on_the_other_goes(started: Flow) -> None:
    base, mine, theirs = copies(started)
    del mine.sheets[SHEET].arguments["p1"]
    theirs.tournament = "Harvard"
    merged = merge_flows(base, mine, theirs)
    assert "p1" not in reads_back(merged).sheets[SHEET].arguments
    assert merged.conflicts == []


def test_an_argument_deleted_that_the_other_side_answers_is_kept(started: Flow) -> None:
    base, mine, theirs = copies(started)
    del mine.sheets[SHEET].arguments["p1"]
    answer = write(theirs, POLICY, SHEET, "1NC", "No link.", answers="p1")
    merged = merge_flows(base, mine, theirs)
    arguments = reads_back(merged).sheets[SHEET].arguments
    assert arguments[answer].answers == "p1"
    assert arguments["p1"] == base.sheets[SHEET].arguments["p1"]
    assert merged.conflicts == [f"{AT}.p1"]


def test_a_merge_that_would_break_the_formats_rules_says_so(started: Flow) -> None:
    base, mine, theirs = copies(started)
    # Mine moves p1 to the 2AC; theirs answers it in the 1NC, which now comes before it.
    mine.sheets[SHEET].arguments["p1"].speech = "2AC"
    answer = write(theirs, POLICY, SHEET, "1NC", "No link.", answers="p1")
    merged = merge_flows(base, mine, theirs)
    flow = reads_back(merged)
    assert flow.sheets[SHEET].arguments[answer].text == "No link."  # kept, not lost
    assert flow.sheets[SHEET].arguments[answer].answers == ""
    assert merged.conflicts == [f"{AT}.{answer}.answers"]


def test_an_argument_that_breaks_the_rules_falls_back_to_mine(started: Flow) -> None:
    base = started.model_copy(deep=True)
    second = write(base, POLICY, SHEET, "1AC", "A second advantage.")
    answer = write(base, POLICY, SHEET, "1NC", "No link.", answers="p1")
    mine, theirs = base.model_copy(deep=True), base.model_copy(deep=True)
    # Theirs says the 1NC answered the second advantage; mine moves that to the 2AC.
    theirs.sheets[SHEET].arguments[answer].answers = second
    mine.sheets[SHEET].arguments[second].speech = "2AC"
    merged = merge_flows(base, mine, theirs)
    reads_back(merged)
    assert merged.flow.sheets[SHEET].arguments[answer] == mine.sheets[SHEET].arguments[answer]
    assert merged.conflicts == [f"{AT}.{answer}"]


def test_sheets_both_added_under_one_id_for_other_positions_are_both_kept(started: Flow) -> None:
    base, mine, theirs = copies(started)
    mine.sheets["t1"] = Sheet(title="Topicality", arguments={"a1": Argument(speech="1NC")})
    theirs.sheets["t1"] = Sheet(title="Counterplan", arguments={"a1": Argument(speech="1NC")})
    merged = merge_flows(base, mine, theirs)
    titles = [sheet.title for sheet in reads_back(merged).sheets.values()][-2:]
    assert titles == ["Topicality", "Counterplan"]
    assert merged.conflicts == []


def test_sheets_both_added_for_one_claim_are_one_sheet(started: Flow) -> None:
    base, mine, theirs = copies(started)
    title = mine.sheets[SHEET].title
    del base.sheets[SHEET]
    theirs.sheets[SHEET].title = "Reckless"  # its claim's tag, changed before theirs began
    write(theirs, POLICY, SHEET, "1NC", "No link.", answers="p1")
    merged = merge_flows(base, mine, theirs)
    flow = reads_back(merged)
    assert [k for k in flow.sheets if flow.sheets[k].claim == SHEET] == [SHEET]
    assert flow.sheets[SHEET].title == title
    assert "No link." in {a.text for a in flow.sheets[SHEET].arguments.values()}
    assert merged.conflicts == [f"sheets.{SHEET}.title"]


def test_a_format_changed_on_one_side_under_the_others_arguments_keeps_mine(
    started: Flow,
) -> None:
    base, mine, theirs = copies(started)
    other = next(key for key in mine.sheets if key != SHEET)
    write(mine, POLICY, other, "1NC", "No link.", answers="p1")
    theirs.format = "pf"
    theirs.sides = {"Pro": theirs.sides["Aff"], "Con": theirs.sides["Neg"]}
    theirs.ours = "Pro"
    for sheet in theirs.sheets.values():
        for argument in sheet.arguments.values():
            argument.speech = "Pro constructive"
    theirs_answer = write(
        theirs, BUILT_IN["pf"], SHEET, "Con constructive", "Non-unique.", answers="p1"
    )
    assert format_problems(theirs, BUILT_IN["pf"]) == []  # each copy holds in its own format
    merged = merge_flows(base, mine, theirs, formats=None)
    assert (merged.flow.format, merged.flow.ours) == (mine.format, mine.ours)
    assert merged.conflicts[:3] == ["format", "ours", "sides"]
    flow = reads_back(merged)
    # Theirs' arguments moved to its format's speeches fall back to ours; the one it added
    # in a speech ours has not cannot stand, and says so.
    assert flow.sheets[SHEET].arguments["p1"] == mine.sheets[SHEET].arguments["p1"]
    assert f"{AT}.p1" in merged.conflicts
    assert "Non-unique." not in {a.text for a in flow.sheets[SHEET].arguments.values()}
    assert f"{AT}.{theirs_answer}" in merged.conflicts


def test_two_flows_started_apart_merge_as_added_on_both_sides(started: Flow) -> None:
    _, mine, theirs = copies(started)
    write(mine, POLICY, SHEET, "1NC", "No link.", answers="p1")
    mine.judge, theirs.judge = "Kim", "Lee"
    merged = merge_flows(no_flow(), mine, theirs)
    assert merged.conflicts == ["judge"]
    assert reads_back(merged).sheets == mine.sheets


# A sheet's edits, as hypothesis draws them: (speech, text, the index of an earlier argument it
# answers or extends, which of the two, or a mark).
Drawn = list[tuple[str, str, str, int, str]]
SPEECHES = [speech.name for speech in POLICY.speeches if speech.side]
edits = st.lists(
    st.tuples(
        st.sampled_from(["s1", "s2"]),
        st.sampled_from(SPEECHES),
        st.sampled_from(["No link.", "Turn.", "Extend.", "", "\"'''\\ 🧨"]),
        st.integers(min_value=-1, max_value=8),
        st.sampled_from(["answers", "extends", "mark", "delete", "text", "move", "rewire"]),
    ),
    max_size=12,
)


def edited(flow: Flow, drawn: Drawn, additions_only: bool) -> Flow:
    """A copy of the flow with the drawn edits made, each as flowing a round makes it; an
    edit the format refuses is passed over."""
    flow = flow.model_copy(deep=True)
    for sheet_id, speech, text, index, what in drawn:
        arguments = list(flow.sheets[sheet_id].arguments)
        target = arguments[index % len(arguments)] if arguments and index >= 0 else ""
        if target and what in ("move", "rewire") and not additions_only:
            # A hand's edit of the column or of what it answers, kept only where the format
            # allows it: each copy is a flow that reads back.
            sheet = flow.sheets[sheet_id]
            before = sheet.arguments[target]
            answered = arguments[(index * 7 + 3) % len(arguments)]
            moved = {"speech": speech} if what == "move" else {"answers": answered, "extends": ""}
            sheet.arguments[target] = before.model_copy(update=moved)
            try:
                Sheet.model_validate(sheet.model_dump())
                kept = not format_problems(flow, POLICY)
            except ValueError:
                kept = False
            if not kept:
                sheet.arguments[target] = before
            continue
        if target and what in ("mark", "delete", "text") and not additions_only:
            argument = flow.sheets[sheet_id].arguments[target]
            referred = any(
                target in (a.answers, a.extends) for a in flow.sheets[sheet_id].arguments.values()
            )
            if what == "mark":
                argument.mark = "" if argument.mark else "kicked"
            elif what == "text":
                argument.text = text
            elif not referred:
                del flow.sheets[sheet_id].arguments[target]
            continue
        refers = {"extends": target} if what == "extends" else {"answers": target}
        try:
            write(flow, POLICY, sheet_id, speech, text, **refers)
        except WorkbookError:
            continue
    return flow


def small_flow() -> Flow:
    return Flow(
        flow=1,
        workbook="w.toml",
        format="policy-hs",
        ours="Aff",
        sides={"Aff": "aff", "Neg": "neg"},
        sheets={"s1": Sheet(title="One"), "s2": Sheet(title="Two")},
    )


@settings(max_examples=150, deadline=None)
@given(edits, edits)
def test_a_change_on_one_side_only_is_the_merge(before: Drawn, after: Drawn) -> None:
    x = edited(small_flow(), before, additions_only=False)
    y = edited(x, after, additions_only=False)
    assert merge_flows(x, x, y) == FlowMerge(y, [])
    assert merge_flows(x, y, x) == FlowMerge(y, [])


@settings(max_examples=150, deadline=None)
@given(edits, edits, edits)
def test_every_argument_either_side_flowed_is_kept(
    before: Drawn,
    ours: Drawn,
    others: Drawn,
) -> None:
    base = edited(small_flow(), before, additions_only=False)
    mine = edited(base, ours, additions_only=True)
    theirs = edited(base, others, additions_only=True)
    merged = merge_flows(base, mine, theirs)
    flow = reads_back(merged)
    for side in (mine, theirs):
        for sheet_id, sheet in side.sheets.items():
            kept = [(a.speech, a.text) for a in flow.sheets[sheet_id].arguments.values()]
            for argument in sheet.arguments.values():
                assert (argument.speech, argument.text) in kept


@settings(max_examples=400, deadline=None)
@given(edits, edits, edits)
def test_whatever_both_sides_did_the_merge_reads_back(
    before: Drawn,
    ours: Drawn,
    others: Drawn,
) -> None:
    base = edited(small_flow(), before, additions_only=False)
    merged = merge_flows(
        base,
        edited(base, ours, additions_only=False),
        edited(base, others, additions_only=False),
    )
    reads_back(merged)


def test_an_extension_follows_the_argument_it_extends_to_its_new_id(started: Flow) -> None:
    base, mine, theirs = copies(started)
    write(mine, POLICY, SHEET, "1NC", "No link.", answers="p1")
    kept = write(theirs, POLICY, SHEET, "1NC", "Turn.", answers="p1")
    carried = extend(theirs, POLICY, SHEET, kept)
    flow = reads_back(merge_flows(base, mine, theirs))
    moved = next(k for k, a in flow.sheets[SHEET].arguments.items() if a.text == "Turn.")
    assert flow.sheets[SHEET].arguments[carried].extends == moved


def chained(size: int) -> tuple[Flow, Flow, Flow]:
    """A flow in a format the merge does not know, where each copy added a chain of `size`
    arguments under the same ids, each answering the one before and written before it; only
    the chain's first differs between the copies, so keeping theirs apart takes all of it."""

    def chain(first: str) -> Sheet:
        arguments = {
            f"a{n}": Argument(speech="x", text="t", answers=f"a{n - 1}") for n in range(size, 1, -1)
        }
        return Sheet(arguments={**arguments, "a1": Argument(speech="x", text=first)})

    base = Flow(flow=1, workbook="w.toml", format="own", ours="A", sides={"A": "a", "B": "b"})
    mine = base.model_copy(update={"sheets": {"s": chain("mine")}})
    theirs = base.model_copy(update={"sheets": {"s": chain("theirs")}})
    return base, mine, theirs


def test_a_merge_grows_linearly_with_what_both_added() -> None:
    from tests.timing import LINEAR, growth

    merged = merge_flows(*chained(50))
    assert len(merged.flow.sheets["s"].arguments) == 100
    ratio = growth(chained, lambda flows: merge_flows(*flows), size=200, enough=0.05)
    assert ratio < LINEAR, f"4 times the arguments took {ratio:.1f} times as long"


def broken(size: int) -> tuple[Flow, Flow, Flow]:
    """Mine moved an argument to the 2AC; theirs answered it `size` times in the 1NC, which now
    comes before it: each answer loses its reference, a conflict."""
    base = small_flow()
    base.sheets["s1"].arguments["x"] = Argument(speech="1AC", text="Plan.")
    mine, theirs = base.model_copy(deep=True), base.model_copy(deep=True)
    mine.sheets["s1"].arguments["x"].speech = "2AC"
    for number in range(size):
        theirs.sheets["s1"].arguments[f"a{number}"] = Argument(speech="1NC", answers="x")
    return base, mine, theirs


def test_holding_a_merge_to_its_format_grows_linearly() -> None:
    from tests.timing import LINEAR, growth

    merged = merge_flows(*broken(20))
    assert len(merged.conflicts) == 20
    reads_back(merged)
    ratio = growth(broken, lambda flows: merge_flows(*flows), size=200, enough=0.05)
    assert ratio < LINEAR, f"4 times the arguments took {ratio:.1f} times as long"
