"""A flow's edits as values: written into a column, a prepared answer pulled across, an
extension, a mark; each held to the format's rules, so the flow always reads back."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.core.model import Workbook
from workbook.practice.flow import Flow, drops, format_problems
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
