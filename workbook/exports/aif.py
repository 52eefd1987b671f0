"""The workbook in the Argument Interchange Format, as AIFdb's JSON holds it.

Information nodes (I) carry what is asserted: each claim (its quote, the essay's words), each
point (its text) and each card of the library (the source's words, or its tag when it has no
text yet). Rule application nodes (RA) join a premise to what it supports: a supporting point
to its claim, a card to each point that reads it. Conflict application nodes (CA) join an
attack to what it attacks: a countering point to its claim, an answer to the point it answers.
Every S node has one edge in, from its premise or attacker, and one out, to its target.
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


class _Graph:
    def __init__(self, timestamp: str) -> None:
        self.timestamp = timestamp
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []

    def node(self, kind: str, text: str) -> str:
        # AIFdb numbers its nodes; tools that read its JSON expect ids of digits.
        node_id = str(len(self.nodes) + 1)
        self.nodes.append(
            {"nodeID": node_id, "text": text, "type": kind, "timestamp": self.timestamp}
        )
        return node_id

    def link(self, kind: str, source: str, target: str) -> None:
        """`source` supports (RA) or attacks (CA) `target`, through a scheme node of its own."""
        scheme = self.node(kind, INFERENCE if kind == "RA" else CONFLICT)
        for from_id, to_id in ((source, scheme), (scheme, target)):
            edge_id = str(len(self.edges) + 1)
            self.edges.append(
                {"edgeID": edge_id, "fromID": from_id, "toID": to_id, "formEdgeID": None}
            )


def graph(workbook: Workbook, now: dt.datetime | None = None) -> dict[str, Any]:
    """The workbook as AIF JSON data: nodes, edges and (none here) locutions."""
    moment = now or dt.datetime.now()
    built = _Graph(moment.strftime("%Y-%m-%d %H:%M:%S"))
    cards = {
        card_id: built.node("I", plain(card.text) or card.tag)
        for card_id, card in workbook.cards.items()
    }
    for claim in workbook.claims.values():
        claim_node = built.node("I", claim.quote)
        points = {point_id: built.node("I", point.text) for point_id, point in claim.points.items()}
        for point_id, point in claim.points.items():
            if point.kind == "supports":
                built.link("RA", points[point_id], claim_node)
            elif point.kind == "counters":
                built.link("CA", points[point_id], claim_node)
            else:
                built.link("CA", points[point_id], points[point.answers])
            for card_id in point.cards:
                built.link("RA", cards[card_id], points[point_id])
    return {"nodes": built.nodes, "edges": built.edges, "locutions": []}


def export(workbook: Workbook, now: dt.datetime | None = None) -> str:
    return json.dumps(graph(workbook, now), ensure_ascii=False, indent=1) + "\n"
