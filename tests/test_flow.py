"""A round flowed: the pre-flow from the prep, the drops, the flow file and `workbook flow`."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.scaled import scaled
from tests.strategies import lines, text, workbooks
from tests.timing import LINEAR, growth
from workbook.commands import main
from workbook.core.coverage import coverage, unanswered_among
from workbook.core.model import Workbook
from workbook.practice.flow import Argument, Flow, Placed, Sheet, columns, drops, next_speeches
from workbook.practice.flow_file import dumps, parse
from workbook.practice.formats import BUILT_IN, Format
from workbook.practice.preflow import preflow
from workbook.storage.places import seed_path
from workbook.storage.store import load
from workbook.storage.toml_data import parse_toml

POLICY = BUILT_IN["policy-hs"]


@pytest.fixture(autouse=True)
def own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def round_of(arguments: dict[str, dict[str, Any]], fmt: Format = POLICY) -> Flow:
    """A hand-built round of one sheet, in `fmt`."""
    return Flow(
        flow=1,
        workbook="w.toml",
        format=fmt.key,
        ours=fmt.sides[0],
        sides={fmt.sides[0]: "for", fmt.sides[1]: "against"},
        sheets={"s": Sheet(arguments={k: Argument(**v) for k, v in arguments.items()})},
    )


def dropped(flow: Flow, fmt: Format = POLICY) -> list[str]:
    return [drop.argument for drop in drops(flow, fmt)]


# Pre-flow


@pytest.mark.parametrize("key", list(BUILT_IN))
def test_the_seed_is_pre_flowed_in_every_built_in_format(key: str) -> None:
    fmt = BUILT_IN[key]
    seed = load(seed_path())
    flow, left_off = preflow(seed, fmt, "seed.toml", fmt.sides[0])
    speeches = columns(fmt)
    at = {speech.name: index for index, speech in enumerate(speeches)}
    first = {side: next(s.name for s in speeches if s.side == side) for side in fmt.sides}
    side_of = dict(zip(seed.sides, fmt.sides, strict=True))
    assert list(flow.sheets) == list(seed.claims)
    missing = 0
    for claim_id, claim in seed.claims.items():
        sheet = flow.sheets[claim_id]
        for point_id, point in claim.points.items():
            side = side_of[point.side]
            if point.kind != "answers":
                assert sheet.arguments[point_id].speech == first[side]
                continue
            # The side's next speech after the point it answers; none past the last speech.
            answered = sheet.arguments.get(point.answers)
            after = [] if answered is None else speeches[at[answered.speech] + 1 :]
            expected = next((s.name for s in after if s.side == side), None)
            if expected is None:
                assert point_id not in sheet.arguments
                missing += 1
            else:
                assert sheet.arguments[point_id].speech == expected, (claim_id, point_id)
    assert left_off == missing
    # The seed's longest chains of answers fit every format with a side speaking twice at
    # the end, and run past the end of the shorter ones.
    assert (left_off == 0) == (key not in ("ld", "npda"))


@pytest.mark.parametrize("key", list(BUILT_IN))
def test_on_a_fresh_pre_flow_the_drops_are_what_check_counts_unanswered(key: str) -> None:
    fmt = BUILT_IN[key]
    seed = load(seed_path())
    flow, _ = preflow(seed, fmt, "seed.toml", fmt.sides[0])
    side_of = dict(zip(fmt.sides, seed.sides, strict=True))
    following = next_speeches(fmt)
    found = drops(flow, fmt)

    def answerable(claim_id: str, point_id: str) -> bool:
        # On the flow, and in a speech the other side still speaks after: what the round
        # leaves no speech to answer is nobody's drop.
        argument = flow.sheets[claim_id].arguments.get(point_id)
        return argument is not None and argument.speech in following

    for prep_side, report in coverage(seed).items():
        # coverage lists what `prep_side` leaves unanswered: the other side's drops.
        other = seed.other_side(prep_side)
        theirs = sorted((d.sheet, d.argument) for d in found if side_of[d.side] == other)
        assert theirs == sorted(p for p in report.unanswered if answerable(*p))
    if key not in ("ld", "npda"):
        assert len(found) == 37  # 18 + 19, as `workbook check` counts them for the seed


def test_an_answer_after_its_sides_last_speech_is_left_off_and_counted() -> None:
    data = {
        "format": 2,
        "essay": {"paragraphs": 1},
        "sides": {"for": {"name": "For"}, "against": {"name": "Against"}},
        "claims": {
            "c": {
                "side": "for",
                "paragraph": 1,
                "quote": "q",
                "points": {
                    "a": {"side": "for", "kind": "supports"},
                    "b": {"side": "against", "kind": "answers", "answers": "a"},
                    "c": {"side": "for", "kind": "answers", "answers": "b"},
                    "d": {"side": "against", "kind": "answers", "answers": "c"},
                    "e": {"side": "for", "kind": "answers", "answers": "d"},
                    "f": {"side": "against", "kind": "answers", "answers": "e"},
                },
            }
        },
    }
    # Lincoln-Douglas: AC, NC, 1AR, NR, 2AR; the Neg has nothing after the 2AR.
    flow, left_off = preflow(Workbook.model_validate(data), BUILT_IN["ld"], "w.toml", "Aff")
    speeches = {k: a.speech for k, a in flow.sheets["c"].arguments.items()}
    assert speeches == {"a": "AC", "b": "NC", "c": "1AR", "d": "NR", "e": "2AR"}
    assert left_off == 1


# Drops, by hand-built rounds


def test_an_argument_answered_in_the_next_speech_is_not_dropped() -> None:
    flow = round_of({"a": {"speech": "1AC", "text": "A"}, "b": {"speech": "1NC", "answers": "a"}})
    assert dropped(flow) == ["b"]  # the 1NC's answer is the 2AC's to answer


def test_an_argument_not_answered_in_the_next_speech_is_dropped() -> None:
    flow = round_of({"a": {"speech": "1AC", "text": "A"}})
    [drop] = drops(flow, POLICY)
    assert (drop.argument, drop.speech, drop.side, drop.text) == ("a", "1AC", "Aff", "A")
    assert drop.unanswered_in == "1NC"


def test_an_argument_answered_late_is_still_dropped() -> None:
    flow = round_of({"a": {"speech": "1AC"}, "b": {"speech": "2NC", "answers": "a"}})
    assert dropped(flow) == ["a", "b"]  # and the late answer is the 1AR's to answer


def test_a_kicked_or_conceded_argument_is_not_dropped() -> None:
    flow = round_of(
        {"a": {"speech": "1AC", "mark": "kicked"}, "b": {"speech": "2AC", "mark": "conceded"}}
    )
    assert dropped(flow) == []


def test_an_extended_argument_stays_live_and_must_be_answered_again() -> None:
    arguments: dict[str, dict[str, Any]] = {
        "a": {"speech": "1AC", "text": "A"},
        "b": {"speech": "1NC", "answers": "a"},
        "c": {"speech": "2AC", "answers": "b"},
        "ext": {"speech": "2AC", "extends": "a"},
        "d": {"speech": "2NC", "answers": "c", "mark": "kicked"},
    }
    # The extension of "a" into the 2AC went unanswered in the 2NC: a drop.
    assert dropped(round_of(arguments)) == ["ext"]
    arguments["e"] = {"speech": "2NC", "answers": "ext", "mark": "kicked"}
    assert dropped(round_of(arguments)) == []


def test_the_last_speech_of_a_round_has_no_one_to_drop_it() -> None:
    flow = round_of({"a": {"speech": "2AR"}})
    assert dropped(flow) == []
    assert "2AR" not in next_speeches(POLICY)


def test_a_side_speaking_twice_is_answered_by_the_other_sides_next_speech() -> None:
    # NPDA: the MOC and the LOR are both the Opp's; the PMR answers both.
    npda = BUILT_IN["npda"]
    assert next_speeches(npda)["MOC"] == next_speeches(npda)["LOR"] == "PMR"
    flow = round_of(
        {"m": {"speech": "MOC"}, "l": {"speech": "LOR"}, "r": {"speech": "PMR", "answers": "l"}},
        npda,
    )
    assert dropped(flow, npda) == ["m"]


def test_drops_and_coverage_ask_one_computation() -> None:
    arguments = {"a": Placed("Aff", ""), "b": Placed("Neg", "a"), "c": Placed("Aff", "")}
    assert unanswered_among(arguments, "Neg") == ["c"]
    assert unanswered_among(arguments, "Aff") == ["b"]


# The flow file


@settings(max_examples=40, deadline=None)
@given(workbook=workbooks(), key=st.sampled_from(list(BUILT_IN)), words=text, meta=lines)
def test_a_flow_file_reads_back_as_it_was_written(
    workbook: Workbook, key: str, words: str, meta: str
) -> None:
    fmt = BUILT_IN[key]
    flow, _ = preflow(workbook, fmt, "w.toml", fmt.sides[1])
    flow.tournament = meta
    for sheet in flow.sheets.values():
        for argument in sheet.arguments.values():
            argument.text += words
    flow = Flow.model_validate(flow.model_dump())  # the words as a flow takes them in
    written = dumps(flow)
    assert parse(parse_toml(written), Path("r.flow.toml")) == flow
    assert dumps(parse(parse_toml(written), Path("r.flow.toml"))) == written


def test_pre_flow_and_drops_grow_linearly_with_the_workbook() -> None:
    seed = load(seed_path())

    def run(workbook: Workbook) -> object:
        flow, _ = preflow(workbook, POLICY, "w.toml", "Aff")
        return drops(flow, POLICY)

    ratio = growth(lambda n: scaled(n, seed), run, size=28, enough=0.05)
    assert ratio < LINEAR, f"4 times the claims took {ratio:.1f} times as long"


# The command line


@pytest.fixture
def flowed(seed_copy: Path) -> Path:
    out = seed_copy.parent / "r.flow.toml"
    assert (
        main(
            [
                "flow",
                "new",
                str(seed_copy),
                "--format",
                "policy-hs",
                "--as",
                "Aff",
                "-o",
                str(out),
                "--tournament",
                "State",
                "--round",
                "3",
            ]
        )
        == 0
    )
    return out


def test_flow_new_writes_a_flow_naming_its_workbook_inside_its_folder(
    flowed: Path, seed_copy: Path
) -> None:
    data = parse_toml(flowed.read_text(encoding="utf-8"))
    assert data["workbook"] == seed_copy.name
    assert (data["format"], data["ours"], data["tournament"], data["round"]) == (
        "policy-hs",
        "Aff",
        "State",
        "3",
    )
    assert data["sides"] == {"Aff": "blowback", "Neg": "deterrence"}


def test_flow_new_takes_the_side_by_the_workbooks_name(seed_copy: Path) -> None:
    out = seed_copy.parent / "r.flow.toml"
    assert (
        main(
            ["flow", "new", str(seed_copy), "--format", "pf", "--as", "deterrence", "-o", str(out)]
        )
        == 0
    )
    assert parse_toml(out.read_text(encoding="utf-8"))["ours"] == "Con"


def test_flow_check_lists_the_drops_as_json(
    flowed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["flow", "check", str(flowed), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["dropped"]
    assert len(found) == 37
    assert {"speech", "side", "text", "sheet", "id", "unanswered_in", "point"} <= set(found[0])
    assert main(["flow", "check", str(flowed)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[0] == f"{flowed}: 37 dropped" and len(said) == 38
    # A drop a line: where, whose, which, a few of its words, and the speech that missed it.
    assert said[1].startswith("  reckless-decision 2AC (Aff): p3: “Concluded” is Iran's word")
    assert said[1].endswith("… (not answered in 2NC)") and len(said[1]) < 140


def test_a_flow_outside_its_workbooks_folder_is_refused(
    seed_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inner = tmp_path / "deeper"
    inner.mkdir()
    out = inner / "r.flow.toml"
    assert (
        main(["flow", "new", str(seed_copy), "--format", "ld", "--as", "Aff", "-o", str(out)]) == 2
    )
    assert not out.exists()
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


BAD_NEW = {
    "an unknown format": (["--format", "oxford", "--as", "Aff"], "--format: no format 'oxford'"),
    "an unknown side": (["--format", "ld", "--as", "Gov"], "--as: no side 'Gov'"),
    "standard output": (["--format", "ld", "--as", "Aff", "-o", "-"], "-o: a flow is a file"),
}


@pytest.mark.parametrize("case", list(BAD_NEW))
def test_flow_new_refuses_bad_input_in_one_line(
    case: str, seed_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options, said = BAD_NEW[case]
    out = seed_copy.parent / "r.flow.toml"
    assert main(["flow", "new", str(seed_copy), "-o", str(out), *options]) == 2
    err = capsys.readouterr().err
    assert said in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_flow_new_never_writes_over_its_workbook(
    seed_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = seed_copy.read_bytes()
    new = ["flow", "new", str(seed_copy), "--format", "ld", "--as", "Aff", "-o", str(seed_copy)]
    assert main(new) == 2
    assert main([*new, "--force"]) == 2  # not even when told to replace what is there
    assert seed_copy.read_bytes() == before


def test_flow_new_starts_no_round_over_one_flowed_unless_told(
    flowed: Path, seed_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A round being flowed is not started over by a slip: --force replaces it, kept as .bak."""
    capsys.readouterr()
    during = flowed.read_bytes() + b"# flowed so far\n"
    flowed.write_bytes(during)
    new = ["flow", "new", str(seed_copy), "--format", "ld", "--as", "Aff", "-o", str(flowed)]
    assert main(new) == 2
    err = capsys.readouterr().err
    assert err == f"{flowed}: already there; --force replaces it (kept as .bak)\n"
    assert flowed.read_bytes() == during
    assert main([*new, "--force"]) == 0
    assert flowed.with_name(flowed.name + ".bak").read_bytes() == during


BAD_FLOWS = {
    "damaged": ("flow = 1\n[sheets\n", "r.flow.toml:2"),
    "workbook gone": (None, "workbook: gone.toml is not there"),
    "format unknown": ("format", "r.flow.toml: format: no format 'oxford'"),
    "speech unknown": ("speech", "sheets.reckless-decision.arguments.p1.speech: no speech 'XYZ'"),
    "answer to nothing": ("answers", "sheets.reckless-decision.arguments.p2.answers: no argument"),
    "answer to its own side": ("own", "arguments.p2.answers: 'p4' is not of the other side"),
    "an answer before what it answers": ("early", "arguments.p3.answers: 'p2' comes in this"),
    "a newer version": ("flow = 9\n", "flow: version 9 is newer"),
    "a workbook outside": ("outside", "workbook: must stay inside"),
    "a workbook, not a flow": ("workbook", "r.flow.toml: is a workbook, not a flow; start"),
    "a claim the workbook lacks": ("claim", "sheets.reckless-decision.claim: no claim 'gone'"),
    "a point the claim lacks": ("point", "arguments.p1.point: no point 'p99' in claim"),
    # A flow naming a flow (itself) as its workbook: told at the field, not as `check` refusing
    # a flow given where a workbook belongs, which would send `flow check` to itself.
    "a flow for its workbook": ("self", "r.flow.toml: workbook: r.flow.toml is a flow of a round"),
    "a workbook damaged": ("damaged workbook", "r.flow.toml: workbook: "),
}


def _spoiled(text: str, case: str) -> str:
    how = BAD_FLOWS[case][0]
    if how == "workbook":
        return (Path(__file__).parent.parent / "positions" / "soleimani-blowback.toml").read_text(
            encoding="utf-8"
        )
    if how is None:
        return text.replace('workbook = "soleimani-blowback.toml"', 'workbook = "gone.toml"')
    if how == "damaged workbook":
        return text.replace('workbook = "soleimani-blowback.toml"', 'workbook = "damaged.toml"')
    edits = {
        "format": ('format = "policy-hs"', 'format = "oxford"'),
        "speech": ('speech = "1AC"', 'speech = "XYZ"'),
        "answers": ('answers = "p1"', 'answers = "p99"'),
        "own": ('answers = "p1"', 'answers = "p4"'),
        "early": ('speech = "2AC"', 'speech = "1AC"'),
        "outside": ('workbook = "soleimani-blowback.toml"', 'workbook = "../x.toml"'),
        "claim": ('claim = "reckless-decision"', 'claim = "gone"'),
        "point": ('point = "p1"', 'point = "p99"'),
        "self": ('workbook = "soleimani-blowback.toml"', 'workbook = "r.flow.toml"'),
    }
    if how in edits:
        old, new = edits[how]
        assert old in text
        return text.replace(old, new, 1)
    return how


@pytest.mark.parametrize("case", list(BAD_FLOWS))
@pytest.mark.parametrize("action", [["check"], ["check", "--json"], ["export", "--to", "md"]])
def test_a_bad_flow_file_is_one_line_status_2_and_nothing_changed(
    case: str, action: list[str], flowed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flowed.write_text(_spoiled(flowed.read_text(encoding="utf-8"), case), encoding="utf-8")
    (flowed.parent / "damaged.toml").write_text("format = 2\n[claims\n", encoding="utf-8")
    folder = sorted(p.name for p in flowed.parent.iterdir())
    before = flowed.read_bytes()
    capsys.readouterr()
    assert main(["flow", action[0], str(flowed), *action[1:]]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines_said = captured.err.strip().splitlines()
    assert len(lines_said) == 1 and BAD_FLOWS[case][1] in lines_said[0], lines_said
    assert "Traceback" not in captured.err
    assert flowed.read_bytes() == before
    assert sorted(p.name for p in flowed.parent.iterdir()) == folder


def test_the_flow_file_page_shows_a_flow_file() -> None:
    page = Path(__file__).parent.parent / "docs" / "reference" / "flow-file.md"
    shown = page.read_text(encoding="utf-8").split("```toml\n", 1)[1].split("```", 1)[0]
    flow = Flow.model_validate(parse_toml(shown))
    assert flow.sheets["reckless-decision"].arguments["p2"].answers == "p1"
    assert dropped(flow) == ["p2"]  # the 2AC has not answered it yet


def test_flow_new_says_what_it_wrote(seed_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = seed_copy.parent / "r.flow.toml"
    assert (
        main(["flow", "new", str(seed_copy), "--format", "ld", "--as", "Neg", "-o", str(out)]) == 0
    )
    said = capsys.readouterr().out
    assert said.startswith(f"{out}: 28 sheets, ")
    assert "prepared answers after its side's last speech, left off" in said


def test_an_edit_to_one_argument_changes_only_its_lines() -> None:
    flow, _ = preflow(load(seed_path()), POLICY, "seed.toml", "Aff")
    before = dumps(flow).splitlines()
    flow.sheets["reckless-decision"].arguments["p2"].mark = "conceded"
    flow.sheets["reckless-decision"].arguments["x1"] = Argument(speech="2AR", text="New.")
    after = dumps(flow).splitlines()
    changed = [line for line in difflib.ndiff(before, after) if line[:1] in "+-"]
    # The blank line between tables falls where difflib likes; the lines are these.
    assert sorted(changed) == sorted(
        [
            '+ mark = "conceded"',
            "+ ",
            "+ [sheets.reckless-decision.arguments.x1]",
            '+ speech = "2AR"',
            '+ text = "New."',
        ]
    )


def test_a_card_library_has_nothing_to_flow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "library.toml"
    library.write_text('format = 2\ntitle = "Cards"\n', encoding="utf-8")
    out = tmp_path / "r.flow.toml"
    assert main(["flow", "new", str(library), "--format", "ld", "--as", "Aff", "-o", str(out)]) == 2
    assert "a card library has no claims to flow" in capsys.readouterr().err
    assert not out.exists()


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(0, 3000), spliced=text)
def test_a_flow_file_spoiled_anywhere_is_refused_in_one_line_or_read(
    cut: int, spliced: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from tests.conftest import copy_positions

    folder = tmp_path_factory.mktemp("spoiled")
    seed = copy_positions(folder)
    flow, _ = preflow(load(seed), POLICY, seed.name, "Aff")
    written = dumps(flow)
    path = folder / "r.flow.toml"
    path.write_text(written[:cut] + spliced + written[cut + len(spliced) :], encoding="utf-8")
    before = path.read_bytes()
    try:
        status = main(["flow", "check", str(path), "--json"])
    except SystemExit as error:  # not expected: argparse is not what reads the file
        raise AssertionError(error) from None
    assert status in (0, 2)
    assert path.read_bytes() == before


def test_a_sheet_is_titled_by_its_claims_tag_or_else_its_quote() -> None:
    seed = load(seed_path())
    claim_id = next(iter(seed.claims))
    seed.claims[claim_id].tag = ""
    seed.claims[claim_id].quote = "A quote\nover two lines " + "long " * 40
    flow, _ = preflow(seed, POLICY, "seed.toml", "Aff")
    title = flow.sheets[claim_id].title
    assert title.startswith("“A quote over two lines long") and title.endswith("…”")
    assert len(title) == 102
    second = list(seed.claims)[1]
    assert flow.sheets[second].title == seed.claims[second].tag


def test_two_changed_copies_of_a_flow_merge_with_the_workbooks_merge_driver(
    flowed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # git-setup gives every .toml to `workbook merge`: a flow merges by sheet and argument
    # id, so changes to different arguments both stay.
    base = flowed.read_text(encoding="utf-8")
    ours = flowed.with_name("ours.flow.toml")
    theirs = flowed.with_name("theirs.flow.toml")
    ours.write_text(base.replace('speech = "1AC"', 'speech = "1AC"\nmark = "kicked"', 1), "utf-8")
    marked = base.replace('answers = "p2"', 'answers = "p2"\nmark = "conceded"', 1)
    theirs.write_text(marked, encoding="utf-8")
    out = flowed.with_name("merged.flow.toml")
    capsys.readouterr()
    status = main(["merge", str(flowed), str(ours), str(theirs), "-o", str(out)])
    assert status == 0, capsys.readouterr().err
    merged = parse(parse_toml(out.read_text(encoding="utf-8")), out)
    arguments = merged.sheets["reckless-decision"].arguments
    assert (arguments["p1"].mark, arguments["p3"].mark) == ("kicked", "conceded")


def test_a_flow_given_where_a_workbook_belongs_is_told_as_a_flow(
    flowed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["check", str(flowed)]) == 2
    said = capsys.readouterr().err.strip().splitlines()
    assert said == [f"{flowed}: is a flow of a round, not a workbook; see `workbook flow check`"]
