"""The Argdown export: parsed by the real Argdown parser with no error and the same number of
statements, arguments and relations, hostile text included; and read back by `workbook new
--from argdown` to the same workbook."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.timing import best_time
from workbook.commands import main
from workbook.core.model import Workbook
from workbook.exports.argdown import NESTED, counts, escape, export, point_titles, read
from workbook.storage.places import seed_path
from workbook.storage.store import dumps, load

from .strategies import workbook_data, workbooks

PACKAGE = Path(__file__).parent / "argdown"
ARGDOWN = PACKAGE / "node_modules" / ".bin" / "argdown"

# Everything Argdown reads as syntax somewhere: titles, relations at a line's start, data,
# tags, emphasis, mentions, comments, front matter, lists, headings, blank lines.
HAZARDS = [
    "[a]: ", "<b>: ", "[c]", "<d>", "{e: 1}", "}", "{", "#tag", "#(x y)", "# ", "// note",
    "/* x */", "<!-- y -->", "_u_", "*v*", "**w**", "__x__", "a_b_c", "a*b*c", "@[m]", "@<n>",
    "===", "---", "--", "->", "+>", "<-", "<+", "><", "_>", "<_", ">", "-", "+", "(1) ", "1. ",
    "* ", "\n", "\n\n", "\r\n", " \n \n", "\\", ".smile.", ":x:", "[l](http://x)", "U.S.",
    "http://a.b/c", "\t", "\x00", "\x7f", "🧨", "\u2028",
]  # fmt: skip
hazardous = st.lists(st.one_of(st.text(max_size=8), st.sampled_from(HAZARDS)), max_size=6).map(
    "".join
)


def node_tools() -> str | None:
    """Why the Argdown parser cannot run here, or None once it is installed (npm ci)."""
    if ARGDOWN.exists():
        return None
    if shutil.which("node") is None or shutil.which("npm") is None:
        return "node and npm are not installed: the Argdown parser cannot run"
    try:
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],
            cwd=PACKAGE,
            capture_output=True,
            timeout=600,
            check=True,
        )
    except (subprocess.SubprocessError, OSError) as error:
        return f"npm ci in tests/argdown failed ({error}): the Argdown parser cannot run"
    return None if ARGDOWN.exists() else "npm ci did not install the argdown command"


@pytest.fixture(scope="module")
def argdown() -> Path:
    why = node_tools()
    if why:
        pytest.skip(why)
    return ARGDOWN


def parsed(tool: Path, folder: Path, exports: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Each export as the Argdown command parses it to JSON, by name; fails on any error."""
    source, target = folder / "in", folder / "out"
    source.mkdir()
    for name, text in exports.items():
        (source / f"{name}.argdown").write_text(text, encoding="utf-8", newline="\n")
    done = subprocess.run(
        [str(tool), "json", str(source / "*.argdown"), str(target)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    said = done.stdout + done.stderr
    if done.returncode != 0 or "error" in said.lower():
        for name, text in exports.items():
            if name in said:
                pytest.fail(f"{name}: {said}\n{text}")
        pytest.fail(said)
    return {
        name: json.loads((target / f"{name}.json").read_text(encoding="utf-8")) for name in exports
    }


def assert_same_shape(workbook: Workbook, found: dict[str, Any]) -> None:
    statements, arguments, relations = counts(workbook)
    assert (len(found["statements"]), len(found["arguments"]), len(found["relations"])) == (
        statements,
        arguments,
        relations,
    )
    # The data came through YAML as it was written: the exact fields, whatever they hold.
    for claim_id, claim in workbook.claims.items():
        data = found["statements"][claim_id]["data"]["claim"]
        assert data["quote"] == claim.quote
        assert data["tag"] if claim.tag else "tag" not in data
        member = found["statements"][claim_id]["members"][0]
        # What a reader sees is the tag itself, every escaped character as typed (Argdown
        # drops the spaces after an escaped character: the exact text is in the data).
        shown = re.sub(r"\\(.)", r"\1", escape(claim.tag or claim.quote))
        assert "".join(member["text"].split()).startswith("".join(shown.split()))
        for point_id, point in claim.points.items():
            argument = by_id(found)[f"{claim_id}.{point_id}"]
            assert argument["data"].get("point", {}).get("text", "") == point.text


def by_id(found: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The arguments Argdown found, by the id of the point each is (its data's)."""
    return {argument["data"]["id"]: argument for argument in found["arguments"].values()}


def test_the_seed_parses_whole(argdown: Path, tmp_path: Path) -> None:
    seed = load(seed_path())
    found = parsed(argdown, tmp_path, {"seed": export(seed)})["seed"]
    assert_same_shape(seed, found)
    supports = sum(r["relationType"] == "support" for r in found["relations"])
    points = [p for c in seed.claims.values() for p in c.points.values()]
    assert supports == sum(p.kind == "supports" for p in points)
    (top,) = found["sections"]
    assert top["title"] == seed.title
    assert [s["title"] for s in top["children"]] == list(
        dict.fromkeys(c.section for c in seed.claims.values())
    )


@st.composite
def hostile_workbooks(draw: st.DrawFn) -> Workbook:
    """Valid workbooks with Argdown's syntax in every text a reader sees."""
    data = draw(workbook_data())
    for claim in data["claims"].values():
        claim["tag"] = " ".join(draw(hazardous).splitlines())
        claim["section"] = " ".join(draw(hazardous).splitlines())
        claim["quote"] = draw(hazardous)
        claim["tags"] = [" ".join(draw(hazardous).splitlines())]
        for point in claim["points"].values():
            point["text"] = draw(hazardous)
    return Workbook.model_validate(data)


# Each example runs node once; a failing batch is shown whole rather than shrunk for minutes.
@settings(
    max_examples=5,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(st.lists(st.one_of(hostile_workbooks(), workbooks()), min_size=4, max_size=4))
def test_hostile_text_parses_to_the_same_shape(
    argdown: Path, tmp_path_factory: pytest.TempPathFactory, batch: list[Workbook]
) -> None:
    # One run of the parser for a batch: node starts in about a second.
    found = parsed(
        argdown,
        tmp_path_factory.mktemp("batch"),
        {f"w{index}": export(workbook) for index, workbook in enumerate(batch)},
    )
    for index, workbook in enumerate(batch):
        assert_same_shape(workbook, found[f"w{index}"])


def test_a_workbook_with_nothing_in_it_parses(argdown: Path, tmp_path: Path) -> None:
    empty = Workbook.model_validate(
        {"format": 2, "essay": {"paragraphs": 1}, "sides": {"a": {"name": "A"}, "b": {"name": "B"}}}
    )
    assert_same_shape(empty, parsed(argdown, tmp_path, {"empty": export(empty)})["empty"])


def test_every_hazard_at_once_parses(argdown: Path, tmp_path: Path) -> None:
    seed = load(seed_path())
    claim = next(iter(seed.claims.values()))
    everything = "".join(HAZARDS)
    tags = [everything, *HAZARDS[:10]]
    changed = claim.model_copy(update={"tag": " ".join(everything.splitlines()), "tags": tags})
    workbook = seed.model_copy(update={"claims": {**seed.claims, "odd": changed}})
    assert_same_shape(workbook, parsed(argdown, tmp_path, {"odd": export(workbook)})["odd"])


def test_the_seed_comes_back_whole_through_the_command(tmp_path: Path) -> None:
    exported, back = tmp_path / "seed.argdown", tmp_path / "back.toml"
    assert main(["export", str(seed_path()), "--to", "argdown", "-o", str(exported)]) == 0
    assert main(["new", "--from", "argdown", str(exported), "-o", str(back)]) == 0
    assert back.read_text(encoding="utf-8") == dumps(load(seed_path()))
    # Never over a workbook unasked.
    assert main(["new", "--from", "argdown", str(exported), "-o", str(back)]) == 2


@settings(max_examples=150, deadline=None)
@given(st.one_of(workbooks(), hostile_workbooks()))
def test_round_trip_is_lossless(workbook: Workbook) -> None:
    assert dumps(read(export(workbook), Path("x.argdown"))) == dumps(workbook)


def test_a_damaged_export_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = export(load(seed_path()))
    bad = tmp_path / "bad.argdown"
    bad.write_text(text.replace('"paragraph":', '"paragraph":"x",', 1), encoding="utf-8")
    assert main(["new", "--from", "argdown", str(bad), "-o", str(tmp_path / "b.toml")]) == 2
    assert not (tmp_path / "b.toml").exists()
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def answer_chain(depth: int) -> Workbook:
    """One claim whose first point is answered, and that answer answered, `depth` deep."""
    points: dict[str, Any] = {"p0": {"side": "pro", "kind": "supports", "text": "the root"}}
    for n in range(1, depth):
        side = "con" if n % 2 else "pro"
        points[f"p{n}"] = {"side": side, "kind": "answers", "answers": f"p{n - 1}", "text": f"{n}"}
    points["q"] = {"side": "con", "kind": "counters", "text": "after the chain"}
    return Workbook.model_validate(
        {
            "format": 2,
            "essay": {"paragraphs": 1},
            "sides": {"pro": {"name": "Pro"}, "con": {"name": "Con"}},
            "claims": {"c": {"paragraph": 1, "side": "pro", "quote": "q", "points": points}},
        }
    )


def test_a_thousand_deep_answer_chain_exports_whole(argdown: Path, tmp_path: Path) -> None:
    """No recursion, and no line indented past NESTED levels: a deeper answer starts a tree of
    its own, which Argdown reads as the same attack on the same point."""
    chain = answer_chain(1000)
    text = export(chain)
    assert max(len(line) - len(line.lstrip()) for line in text.splitlines()) <= 2 * NESTED
    assert dumps(read(text, Path("x.argdown"))) == dumps(chain)
    found = parsed(argdown, tmp_path, {"chain": text})["chain"]
    assert_same_shape(chain, found)
    ids = {argument["title"]: point_id for point_id, argument in by_id(found).items()}
    attacks = {
        (ids[r["from"]], ids.get(r["to"], r["to"]))
        for r in found["relations"]
        if r["relationType"] == "attack"
    }
    assert all((f"c.p{n}", f"c.p{n - 1}") in attacks for n in range(1, 1000))
    assert ("c.q", "c") in attacks  # the point after the chain still attacks its claim


def test_the_export_grows_in_proportion_to_the_answer_chain() -> None:
    short, long = answer_chain(250), answer_chain(1000)
    assert len(export(long)) < 5 * len(export(short))
    ratio = best_time(partial(export, long)) / best_time(partial(export, short))
    assert ratio < 8, f"4 times the chain took {ratio:.1f} times as long"


@settings(max_examples=100, deadline=None)
@given(st.one_of(workbooks(), hostile_workbooks()))
def test_an_export_whose_line_ends_became_crlf_reads_back_whole(workbook: Workbook) -> None:
    """As after an editor on Windows, or git's autocrlf: every "\\n" is "\\r\\n"."""
    text = export(workbook).replace("\n", "\r\n")
    assert dumps(read(text, Path("x.argdown"))) == dumps(workbook)


@pytest.mark.parametrize("point", [None, "p1"])
def test_an_element_given_twice_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], point: str | None
) -> None:
    """A claim or a point written twice (by hand, or two exports pasted together) is not read
    as the second one replacing the first."""
    seed = load(seed_path())
    title = point_titles(seed)["reckless-decision", point] if point else ""
    element = f"<{title}>" if point else "[reckless-decision]"
    lines = export(seed).split("\n")
    first = next(
        n
        for n, line in enumerate(lines)
        if line.lstrip().startswith(("<+", "<-", "[")) and element in line
    )
    twice = tmp_path / "twice.argdown"
    twice.write_text("\n".join([*lines[: first + 1], lines[first], *lines[first + 1 :]]))
    out = tmp_path / "twice.toml"
    assert main(["new", "--from", "argdown", str(twice), "-o", str(out)]) == 2
    assert not out.exists()
    said = capsys.readouterr().err
    column = lines[first].index(element) + 1
    assert said == f"{twice}:{first + 2}:{column}: {element} again (first on line {first + 1})\n"


def test_a_cards_marks_and_escapes_travel_in_the_data(small: Workbook, tmp_path: Path) -> None:
    """Argdown has no place for a card's words: they travel as data, marks and all, and come
    back exactly as they were."""
    small.cards["smith"].text = "The ++strike ==was== reckless++ in C\\++ \\\\==x=="
    again = read(export(small), tmp_path / "w.argdown")
    assert again.cards["smith"].text == small.cards["smith"].text
