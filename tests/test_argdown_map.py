"""The Argdown export as a map, and the read-back as Argdown reads: the real parser (npm ci in
tests/argdown) colours each side's arguments apart and labels them by their titles, and it
reads the relations of an export rewritten in every form Argdown allows exactly as
`argdown_reading` does; titles are short, unique and stable; reading back is linear."""

from __future__ import annotations

import contextlib
import html
import re
import subprocess
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.timing import LINEAR, growth
from workbook.core.model import Workbook
from workbook.exports.argdown import TITLE_LENGTH, export, point_titles
from workbook.exports.argdown_reading import read
from workbook.exports.argdown_text import side_tags
from workbook.exports.argdown_trees import read_trees
from workbook.storage.files import WorkbookError
from workbook.storage.places import seed_path
from workbook.storage.store import dumps, load

from .conftest import small_data
from .strategies import workbooks
from .test_argdown import answer_chain, hostile_workbooks, node_tools, parsed


@pytest.fixture(scope="module")
def parser() -> Path:
    why = node_tools()
    if why:
        pytest.skip(why)
    from .test_argdown import ARGDOWN

    return ARGDOWN


def with_a_claim_with_no_points(workbook: Workbook) -> Workbook:
    claim = next(iter(workbook.claims.values())).model_copy(update={"points": {}})
    return workbook.model_copy(update={"claims": {**workbook.claims, "lonely": claim}})


def test_the_map_tells_the_sides_apart(parser: Path, tmp_path: Path) -> None:
    seed = with_a_claim_with_no_points(load(seed_path()))
    found = parsed(parser, tmp_path, {"seed": export(seed)})["seed"]
    tags = side_tags({key: side.name for key, side in seed.sides.items()})
    colours: dict[str, set[str]] = {side: set() for side in seed.sides}
    for argument in found["arguments"].values():
        claim_id, point_id = argument["data"]["id"].split(".")
        side = seed.claims[claim_id].points[point_id].side
        assert argument["tags"] == [tags[side]]
        colours[side].add(argument["color"])
    blowback, deterrence = colours.values()
    assert len(blowback) == len(deterrence) == 1 and blowback != deterrence
    # The claims are no side's colour: colour on the map means a side.
    claims = {statement.get("color") for statement in found["statements"].values()}
    assert not claims & (blowback | deterrence)


def labels(dot: str) -> dict[str, str]:
    """Each node of a DOT map by its type (argument-map-node, statement-map-node) and label,
    the label as a reader sees it: markup out, entities read, lines joined."""
    found = {}
    for label, kind in re.findall(r'\[label=<(.*?)>, .*?type="([a-z-]+)"', dot):
        shown = html.unescape(re.sub(r"<[^>]*>", "", label))
        found[" ".join(shown.split())] = kind
    return found


def test_the_map_labels_arguments_by_title_and_claims_by_text(parser: Path, tmp_path: Path) -> None:
    seed = with_a_claim_with_no_points(load(seed_path()))
    source = tmp_path / "in" / "seed.argdown"
    source.parent.mkdir()
    source.write_text(export(seed), encoding="utf-8")
    subprocess.run(
        [str(parser), "map", str(source), str(tmp_path / "out"), "--format", "dot"],
        capture_output=True,
        timeout=300,
        check=True,
    )
    shown = labels((tmp_path / "out" / "seed.dot").read_text(encoding="utf-8"))
    titles = set(point_titles(seed).values())
    assert {label for label, kind in shown.items() if kind.startswith("argument")} == titles
    claims = {label for label, kind in shown.items() if kind.startswith("statement")}
    # Every claim is there, by its words, without its tags, the one with no points too.
    assert claims == {" ".join(claim.tag.split()) for claim in seed.claims.values()}


def written_apart(text: str) -> str:
    """The export with every relation written as a tree of its own, by reference, in the forms
    the export does not use: `<T>: text` with `-> <ANSWERED>`, `+> [CLAIM]` or `-> [CLAIM]`
    below it, and a comment here and there."""
    head, _, body = text.partition("\n\n# ")
    trees: list[str] = []
    parents: list[tuple[int, str]] = []
    for line in ("# " + body).split("\n"):
        element = re.match(r"( *)(?:<[+-] )?(\[[^\]]+\]|<[^>]+>)(: .*)", line)
        if element is None:
            trees.append(line)
            continue
        indent, name, rest = len(element[1]), element[2], element[3]
        while parents and parents[-1][0] >= indent:
            parents.pop()
        if name.startswith("["):
            trees.append(f"{name}{rest}")
        else:
            arrow = "+>" if line.lstrip().startswith("<+") else "->"
            trees += ["", f"{name}{rest} // written apart", f"  {arrow} {parents[-1][1]}", ""]
        parents.append((indent, name))
    return head + "\n\n" + "\n".join(trees)


def relations_read(text: str) -> set[tuple[str, str, str]]:
    body = text.split("\n===\n", 1)[1].split("\n")
    trees = read_trees(enumerate(body, start=1), Path("x"))
    return {
        (r.source[1:-1], r.target[1:-1], "support" if r.support else "attack")
        for r in trees.relations
    }


def test_the_relations_are_read_as_argdown_reads_them(parser: Path, tmp_path: Path) -> None:
    seed = load(seed_path())
    nested = export(seed)
    bare = re.sub(r"^( +)<([+-]) ", r"\1\2 ", nested, flags=re.M)
    apart = written_apart(nested)
    found = parsed(parser, tmp_path, {"nested": nested, "bare": bare, "apart": apart})
    for name, text in (("nested", nested), ("bare", bare), ("apart", apart)):
        argdown = {(r["from"], r["to"], r["relationType"]) for r in found[name]["relations"]}
        assert relations_read(text) == argdown, name
        assert dumps(read(text, Path(f"{name}.argdown"))) == dumps(seed), name


@settings(max_examples=100, deadline=None)
@given(st.one_of(workbooks(), hostile_workbooks()))
def test_titles_are_short_unique_and_safe(workbook: Workbook) -> None:
    titles = list(point_titles(workbook).values())
    assert len(set(titles)) == len(titles)
    for title in titles:
        assert len(title) <= 2 * TITLE_LENGTH and title.strip() == title and title
        assert not re.search(r"[<>\[\]{}\\#\n]|^-", title)


def test_a_points_title_stays_when_another_point_changes() -> None:
    seed = load(seed_path())
    before = point_titles(seed)
    claim = seed.claims["reckless-decision"]
    claim.points["p2"].text = "Quite different words now."
    after = point_titles(seed)
    assert {key: title for key, title in after.items() if key != ("reckless-decision", "p2")} == {
        key: title for key, title in before.items() if key != ("reckless-decision", "p2")
    }


def many_points(size: int) -> str:
    """An export of one claim with `size` points, half of them answers, all with the same
    words, edited: each text changed, and a new point added for every ten."""
    points: dict[str, Any] = {}
    for n in range(size):
        answer = n % 2 == 1
        side = "con" if answer else "pro"
        points[f"p{n}"] = {"side": side, "kind": "supports", "text": "Same words."}
        if answer:
            points[f"p{n}"].update(kind="answers", answers=f"p{n - 1}")
    workbook = Workbook.model_validate(
        {
            "format": 2,
            "essay": {"paragraphs": 1},
            "sides": {"pro": {"name": "Pro"}, "con": {"name": "Con"}},
            "claims": {"c": {"paragraph": 1, "side": "pro", "quote": "q", "points": points}},
        }
    )
    text = export(workbook).replace("Same words. #", "Other words. #")
    new = "".join(f"  <+ <New {n}>: New words. #Pro\n" for n in range(size // 10))
    return text.replace("\n  <+ ", "\n" + new + "  <+ ", 1)


def test_reading_back_grows_in_proportion() -> None:
    ratio = growth(many_points, partial(read, path=Path("x.argdown")), size=200, most=4_000)
    assert ratio < LINEAR, f"4 times the points took {ratio:.1f} times as long"
    chain = partial(read, path=Path("x.argdown"))
    ratio = growth(lambda n: export(answer_chain(n)), chain, size=250, most=4_000)
    assert ratio < LINEAR, f"4 times the chain took {ratio:.1f} times as long"


HOSTILE_LINES = ["{" * 50, "/*" * 50, "<!--" * 20, "#(" * 50, "\\" * 50, "[" * 50, "<" * 50]


@pytest.mark.parametrize("hostile", HOSTILE_LINES)
def test_hostile_text_is_read_in_linear_time(hostile: str) -> None:
    """Braces, comment openers, tags, escapes and titles that never close, on long lines: a
    claim's and a point's text, and a line of its own."""
    head = export(Workbook.model_validate(small_data()))

    def edited(size: int) -> str:
        line = hostile * size
        return head.replace("[story]: ", f"[story]: {line} ").replace(
            "\n  <- <", f"\n  <- <Deterrence: {line}\n  <- <", 1
        )

    def run(text: str) -> None:
        with contextlib.suppress(WorkbookError):  # what it refuses is not what is timed
            read(text, Path("x.argdown"))

    assert growth(edited, run, size=20, most=20_000) < LINEAR


def test_sides_whose_names_make_one_tag_are_tagged_by_their_keys(tmp_path: Path) -> None:
    """ "Pro!" and "Pro?" would both be #Pro, and a name of marks alone no tag at all: then
    the sides' keys tag them, and the read-back tells them apart by those."""
    data = small_data()
    for names in (("Pro (a)", "Pro [a]"), ("()", "Deterrence"), ("pro", "PRO")):
        data["sides"]["con"]["name"], data["sides"]["pro"]["name"] = names
        workbook = Workbook.model_validate(data)
        assert side_tags({k: s.name for k, s in workbook.sides.items()}) == {
            "con": "con",
            "pro": "pro",
        }
        text = export(workbook)
        assert " #con {" in text and " #pro {" in text
        assert dumps(read(text, tmp_path / "w.argdown")) == dumps(workbook)
