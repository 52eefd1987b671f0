"""The workbook in the Argument Interchange Format, as AIFdb's JSON holds it.

Information nodes (I) carry what is asserted: each claim (its quote, the essay's words), each
point (its text) and each card of the library that holds evidence (the source's words, or its
tag when it has a cite but no text yet). Rule application nodes (RA) join a premise to what it
supports: a supporting point to its claim, a card to each point that reads it. Conflict
application nodes (CA) join an attack to what it attacks: a countering point to its claim, an
answer to the point it answers. Every S node has one edge in, from its premise or attacker, and
one out, to its target.

Who says what is AIF's dialogue side: each side of the workbook is a participant, and what a
side asserts (its claims, its points, each card its points read) is a locution (L) by it, joined
to the I node it asserts through a YA node, "Asserting". A card's cite is the `source` of the
locution that reads it: AIFdb keeps a source on locutions and has no place for one on I nodes.
An open slot ("evidence needed", nothing cut yet) is no evidence, so it is left out.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from workbook.core.marks import plain
from workbook.core.model import Workbook

# The texts AIFdb and OVA give scheme nodes that name no particular scheme.
INFERENCE = "Default Inference"
CONFLICT = "Default Conflict"
# The illocution of every locution here: a side puts its words forward as true.
ASSERTING = "Asserting"


class _Graph:
    def __init__(self, timestamp: str) -> None:
        self.timestamp = timestamp
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.locutions: list[dict[str, Any]] = []

    def node(self, kind: str, text: str) -> str:
        # AIFdb numbers its nodes; tools that read its JSON expect ids of digits.
        node_id = str(len(self.nodes) + 1)
        self.nodes.append(
            {"nodeID": node_id, "text": text, "type": kind, "timestamp": self.timestamp}
        )
        return node_id

    def edge(self, from_id: str, to_id: str) -> None:
        edge_id = str(len(self.edges) + 1)
        self.edges.append({"edgeID": edge_id, "fromID": from_id, "toID": to_id, "formEdgeID": None})

    def link(self, kind: str, source: str, target: str) -> None:
        """`source` supports (RA) or attacks (CA) `target`, through a scheme node of its own."""
        scheme = self.node(kind, INFERENCE if kind == "RA" else CONFLICT)
        self.edge(source, scheme)
        self.edge(scheme, target)

    def assert_(self, speaker: tuple[str, str], words: str, asserted: str, cite: str = "") -> None:
        """The participant `speaker` (id, name) says `words`, asserting the I node `asserted`;
        `cite` is where the words come from, when they are a card's."""
        person_id, name = speaker
        # The speaker's name before the words, as AIFdb's corpora write their L nodes.
        locution = self.node("L", f"{name} : {words}")
        illocution = self.node("YA", ASSERTING)
        self.edge(locution, illocution)
        self.edge(illocution, asserted)
        self.locutions.append(
            {
                "nodeID": locution,
                "personID": person_id,
                "timestamp": self.timestamp,
                "start": None,
                "end": None,
                "source": cite or None,
            }
        )


def graph(workbook: Workbook, now: dt.datetime | None = None) -> dict[str, Any]:
    """The workbook as AIF JSON data: nodes, edges, locutions and participants."""
    moment = now or dt.datetime.now()
    built = _Graph(moment.strftime("%Y-%m-%d %H:%M:%S"))
    participants = [
        {"participantID": str(number), "firstname": side.name, "surname": ""}
        for number, side in enumerate(workbook.sides.values(), start=1)
    ]
    speakers = {
        side_id: (entry["participantID"], entry["firstname"])
        for side_id, entry in zip(workbook.sides, participants, strict=True)
    }
    # Only cards with evidence get a node: every read below goes through this table, so an open
    # slot can never reach a point as if it were evidence.
    cards = {
        card_id: built.node("I", plain(card.text) or card.tag)
        for card_id, card in workbook.cards.items()
        if not card.is_open
    }
    read: set[tuple[str, str]] = set()  # (card id, side id): that side has read it aloud
    for claim in workbook.claims.values():
        claim_node = built.node("I", claim.quote)
        built.assert_(speakers[claim.side], claim.quote, claim_node)
        points = {point_id: built.node("I", point.text) for point_id, point in claim.points.items()}
        for point_id, point in claim.points.items():
            built.assert_(speakers[point.side], point.text, points[point_id])
            if point.kind == "supports":
                built.link("RA", points[point_id], claim_node)
            elif point.kind == "counters":
                built.link("CA", points[point_id], claim_node)
            else:
                built.link("CA", points[point_id], points[point.answers])
            for card_id in point.cards:
                if card_id not in cards:
                    continue
                built.link("RA", cards[card_id], points[point_id])
                if (card_id, point.side) not in read:
                    read.add((card_id, point.side))
                    card = workbook.cards[card_id]
                    words = plain(card.text) or card.tag
                    built.assert_(speakers[point.side], words, cards[card_id], card.full_cite)
    return {
        "nodes": built.nodes,
        "edges": built.edges,
        "locutions": built.locutions,
        "participants": participants,
    }


def export(workbook: Workbook, now: dt.datetime | None = None) -> str:
    return json.dumps(graph(workbook, now), ensure_ascii=False, indent=1) + "\n"
