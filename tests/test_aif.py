"""The AIF export: valid against AIFdb's JSON format, with a node for every claim, point and
card that holds evidence and a scheme node, joined by two edges, for every support, attack and
card read; each side a participant, asserting its claims, points and the cards it reads."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

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
    # An open slot is no evidence: it has no node and no read.
    evidence = {card_id for card_id, card in workbook.cards.items() if not card.is_open}
    reads = sum(card_id in evidence for p in points for card_id in p.cards)
    sides_reading = {
        (card_id, p.side) for p in points for card_id in p.cards if card_id in evidence
    }
    assert kinds["I"] == len(workbook.claims) + len(points) + len(evidence)
    assert kinds["RA"] == sum(p.kind == "supports" for p in points) + reads
    assert kinds["CA"] == sum(p.kind != "supports" for p in points)
    assert kinds["L"] == kinds["YA"] == len(workbook.claims) + len(points) + len(sides_reading)
    assert len(edges) == 2 * (kinds["RA"] + kinds["CA"] + kinds["YA"])
    ids = {node["nodeID"]: node["type"] for node in nodes}
    for edge in edges:
        # Every edge joins an I or L node and a scheme node, one way or the other.
        ends = (ids[edge["fromID"]] in ("I", "L"), ids[edge["toID"]] in ("I", "L"))
        assert set(ends) == {True, False}
    locutions = data["locutions"]
    participants = data["participants"]
    assert isinstance(locutions, list) and isinstance(participants, list)
    assert [entry["firstname"] for entry in participants] == [
        side.name for side in workbook.sides.values()
    ]
    people = {entry["participantID"] for entry in participants}
    assert sorted(entry["nodeID"] for entry in locutions) == sorted(
        node_id for node_id, kind in ids.items() if kind == "L"
    )
    assert all(entry["personID"] in people for entry in locutions)


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


def asserted(data: dict[str, Any]) -> dict[tuple[str, str], str | None]:
    """(speaker's name, the asserted I node's text): the source of the locution that says it."""
    nodes = {node["nodeID"]: node for node in data["nodes"]}
    after = {edge["fromID"]: edge["toID"] for edge in data["edges"]}
    names = {entry["participantID"]: entry["firstname"] for entry in data["participants"]}
    found: dict[tuple[str, str], str | None] = {}
    for locution in data["locutions"]:
        illocution = nodes[after[locution["nodeID"]]]
        assert (illocution["type"], illocution["text"]) == ("YA", "Asserting")
        target = nodes[after[illocution["nodeID"]]]
        assert target["type"] == "I"
        found[names[locution["personID"]], target["text"]] = locution["source"]
    return found


def test_each_side_is_a_participant_asserting_its_claims_and_points(small: Workbook) -> None:
    said = asserted(graph(small))
    for claim in small.claims.values():
        assert (small.sides[claim.side].name, claim.quote) in said
        for point in claim.points.values():
            assert (small.sides[point.side].name, point.text) in said
    assert ("Deterrence", "Not because of it.") in said
    assert ("Blowback", "Not because of it.") not in said


def test_a_cards_cite_is_the_source_of_the_locution_that_reads_it(small: Workbook) -> None:
    small.cards["smith"].text = "Attacks ==rose== sharply."
    said = asserted(graph(small))
    assert said["Blowback", "Attacks rose sharply."] == small.cards["smith"].full_cite
    assert "Ann Smith" in small.cards["smith"].full_cite
    # A claim or a point is the side's own words: no cite.
    assert said["Blowback", "Attacks rose."] is None


def test_an_open_slot_is_never_shown_as_evidence(small: Workbook) -> None:
    small.cards["slot"].tag = "Deterrence held in 2020"
    data = graph(small)
    texts = [node["text"] for node in data["nodes"]]
    assert not any("Deterrence held in 2020" in text for text in texts)
    # The point that waits for it stands on its own: nothing supports it.
    nodes = {node["nodeID"]: node for node in data["nodes"]}
    (held,) = [node_id for node_id, node in nodes.items() if node["text"] == "It held."]
    into = [edge["fromID"] for edge in data["edges"] if edge["toID"] == held]
    assert [nodes[node_id]["type"] for node_id in into] == ["YA"]
