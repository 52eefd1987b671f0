"""A flow's edits as values: written into a column, a prepared answer pulled across, an
extension, a mark; each held to the format's rules, so the flow always reads back."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.core.model import Workbook
from workbook.practice.flow import Flow, drops, format_problems, sheet_drops
from workbook.practice.flow_edits import extend, mark, pull_response, quick_responses, write
from workbook.practice.flow_file import dumps, parse
from workbook.practice.formats import BUILT_IN
from workbook.practice.preflow import preflow
from workbook.storage.files import WorkbookError
from workbook.storage.places import seed_path
from workbook.storage.store import load
from workbook.storage.toml_data import parse_toml

POLICY = BUILT_IN["policy-hs"]
Round = tuple[Workbook, Flow]
SHEET = "reckless-decision"


@pytest.fixture
def seed_round() -> Round:
    seed = load(seed_path())
    flow, _ = preflow(seed, POLICY, "seed.toml", "Aff")
    for sheet in flow.sheets.values():  # a round as it starts: the 1AC alone
        for argument_id in [k for k, a in sheet.arguments.items() if a.speech != "1AC"]:
            del sheet.arguments[argument_id]
    return seed, flow


def test_an_argument_typed_across_from_what_it_answers_takes_its_drop_away(
    seed_round: Round,
) -> None:
    _, flow = seed_round
    assert ("reckless-decision", "p1") in {(d.sheet, d.argument) for d in drops(flow, POLICY)}
    new = write(flow, POLICY, SHEET, "1NC", "No link.", answers="p1")
    assert flow.sheets[SHEET].arguments[new].speech == "1NC"
    assert ("reckless-decision", "p1") not in {(d.sheet, d.argument) for d in drops(flow, POLICY)}
    written = dumps(flow)
    assert parse(parse_toml(written), Path("r.flow.toml")) == flow


def test_a_quick_response_is_a_prepared_answer_pulled_into_the_next_speech(
    seed_round: Round,
) -> None:
    seed, flow = seed_round
    offered = quick_responses(flow, seed, SHEET, "p1")
    assert offered == ["p2"]  # the seed's prepared answer to p1
    new = pull_response(flow, POLICY, seed, SHEET, "p1", "p2")
    pulled = flow.sheets[SHEET].arguments[new]
    assert (pulled.speech, pulled.answers, pulled.point) == ("1NC", "p1", "p2")
    assert pulled.text == seed.claims[SHEET].points["p2"].text
    assert quick_responses(flow, seed, SHEET, "p1") == []  # on the flow now: not offered again


def test_an_extension_goes_into_the_sides_next_speech(seed_round: Round) -> None:
    _, flow = seed_round
    write(flow, POLICY, SHEET, "1NC", "No link.", answers="p1")
    ext = extend(flow, POLICY, SHEET, "p1")
    assert flow.sheets[SHEET].arguments[ext].speech == "2AC"
    assert ext in {d.argument for d in drops(flow, POLICY) if d.sheet == SHEET}
    with pytest.raises(WorkbookError, match="2AR is its side's last speech"):
        extend(flow, POLICY, SHEET, write(flow, POLICY, SHEET, "2AR", "Vote aff."))


def test_a_mark_kicks_a_drop(seed_round: Round) -> None:
    _, flow = seed_round
    mark(flow, SHEET, "p1", "kicked")
    assert "p1" not in {d.argument for d in drops(flow, POLICY) if d.sheet == SHEET}


@pytest.mark.parametrize(
    ("speech", "answers", "said"),
    [
        ("XYZ", "", "speech: no speech 'XYZ'"),
        ("2AC", "p1", "answers: 'p1' is not of the other side"),
        ("1AC", "nothing", "no argument 'nothing'"),
    ],
)
def test_what_the_format_does_not_allow_is_refused_and_nothing_added(
    seed_round: Round, speech: str, answers: str, said: str
) -> None:
    _, flow = seed_round
    before = dumps(flow)
    with pytest.raises(WorkbookError, match=said):
        write(flow, POLICY, SHEET, speech, "x", answers=answers)
    assert dumps(flow) == before
    assert format_problems(flow, POLICY) == []


def test_a_sheets_drops_are_the_flows_drops_of_that_sheet(seed_round: Round) -> None:
    _, flow = seed_round
    write(flow, POLICY, SHEET, "1NC", "No link.", answers="p1")
    for sheet_id, sheet in flow.sheets.items():
        expected = [d for d in drops(flow, POLICY) if d.sheet == sheet_id]
        assert sheet_drops(sheet_id, sheet, POLICY) == expected


def test_an_edit_costs_the_same_in_a_flow_of_forty_sheets_as_in_one(seed_round: Round) -> None:
    from tests.timing import best_time

    _, flow = seed_round
    big = flow.model_copy(deep=True)
    small = flow.model_copy(
        update={"sheets": {SHEET: flow.sheets[SHEET].model_copy(deep=True)}}, deep=False
    )
    for name, sheet in list(big.sheets.items())[:12]:  # 28 claims and 12 more: 40 sheets
        big.sheets[f"{name}-2"] = sheet.model_copy(deep=True)
    assert len(big.sheets) == 40

    def edit(flowed: Flow) -> object:
        # A keystroke's work: an argument written, then that sheet's drops again.
        for _ in range(200):
            new = write(flowed, POLICY, SHEET, "1NC", "No link.", answers="p1")
            sheet_drops(SHEET, flowed.sheets[SHEET], POLICY)
            del flowed.sheets[SHEET].arguments[new]
        return flowed

    ratio = best_time(lambda: edit(big)) / max(best_time(lambda: edit(small)), 1e-6)
    assert ratio < 2, f"an edit in 40 sheets took {ratio:.1f} times as long as in one"
