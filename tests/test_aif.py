"""The AIF export: valid against AIFdb's JSON format, with a node for every claim, point and
card and a scheme node, joined by two edges, for every support, attack and card read."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jsonschema
from hypothesis import given, settings

from workbook.commands import main
from workbook.core.model import Workbook
from workbook.exports.aif import graph
from workbook.storage.places import seed_path
from workbook.storage.store import load

from .strategies import workbooks

SCHEMA = json.loads((Path(__file__).parent / "aif_schema.json").read_text(encoding="utf-8"))


def assert_valid(workbook: Workbook, data: dict[str, object]) -> None:
    jsonschema.validate(data, SCHEMA)
    nodes = data["nodes"]
    edges = data["edges"]
    assert isinstance(nodes, list) and isinstance(edges, list)
    points = [p for c in workbook.claims.values() for p in c.points.values()]
    kinds = Counter(node["type"] for node in nodes)
    reads = sum(len(p.cards) for p in points)
    assert kinds["I"] == len(workbook.claims) + len(points) + len(workbook.cards)
    assert kinds["RA"] == sum(p.kind == "supports" for p in points) + reads
    assert kinds["CA"] == sum(p.kind != "supports" for p in points)
    assert len(edges) == 2 * (kinds["RA"] + kinds["CA"])
    ids = {node["nodeID"]: node["type"] for node in nodes}
    for edge in edges:
        # Every edge joins an I node and a scheme node, one way or the other.
        assert {ids[edge["fromID"]] == "I", ids[edge["toID"]] == "I"} == {True, False}


def test_the_seeds_export_is_valid_aif(tmp_path: Path) -> None:
    out = tmp_path / "seed.aif.json"
    assert main(["export", str(seed_path()), "--to", "aif", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    seed = load(seed_path())
    assert_valid(seed, data)
    texts = {node["text"] for node in data["nodes"] if node["type"] == "I"}
    assert all(claim.quote in texts for claim in seed.claims.values())


def test_the_default_name_is_beside_the_workbook(seed_copy: Path) -> None:
    assert main(["export", str(seed_copy), "--to", "aif"]) == 0
    assert (seed_copy.parent / f"{seed_copy.stem}.aif.json").is_file()


@settings(max_examples=100, deadline=None)
@given(workbooks())
def test_any_workbook_is_valid_aif(workbook: Workbook) -> None:
    assert_valid(workbook, json.loads(json.dumps(graph(workbook))))


def test_a_cards_node_holds_its_plain_words_whatever_its_marks(small: Workbook) -> None:
    small.cards["smith"].text = "The ++strike ==was== reckless++ in C\\++"
    texts = {node["text"] for node in graph(small)["nodes"] if node["type"] == "I"}
    assert "The strike was reckless in C++" in texts
