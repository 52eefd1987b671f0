"""The points of an Argdown export read back: each where its relation puts it (the claim it
supports or attacks, or the point it answers, and through that point its claim), on the side
its tag names (or, with no tag, the side its relation gives it), under the id its data gives
(a new one when it has none, or when its id is taken in the claim it was moved to), with its
words as the text now says them; refused in one line naming the point where the text says
what a workbook cannot hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbook.core.claim_edits import next_id
from workbook.core.model import Workbook
from workbook.exports.argdown_text import (
    Content,
    cites_shown,
    content,
    data_at,
    escape,
    merged,
    same_words,
    side_tags,
    tag,
    typed,
    walk,
    without_end,
)
from workbook.exports.argdown_trees import Element, Relation, at
from workbook.storage.files import WorkbookError

# What the text says of a point: its data keeps none of it. An export from before points were
# titled by their words kept them in the data too, and a hand may write them there: they must
# then say what the text says, or which of the two is meant cannot be told.
_SAID = ("side", "kind", "answers")


@dataclass
class _Point:
    element: Element
    claim: str  # the claim it belongs to, by its relations
    old_id: tuple[str, str] | None  # (claim, point) as its data says, None for a new point
    fields: dict[str, Any]
    tagged: str | None  # the side its tag names
    relation: Relation
    side: str = ""
    point_id: str = ""
    data_says: dict[str, Any] = field(default_factory=dict)  # what of _SAID its data holds
    answered: str = field(default="")  # the name of the point it answers
    settled: bool = False  # its claim and side known


class Points:
    """The points of the claims read so far (their data as `claims`, each claim's order of
    points as `orders`), read into those claims."""

    def __init__(
        self,
        path: Path,
        library: Workbook,
        claims: dict[str, dict[str, Any]],
        orders: dict[str, list[str]],
    ) -> None:
        self.path, self.library, self.claims, self.orders = path, library, claims, orders
        self.sides = side_tags({key: side.name for key, side in library.sides.items()})
        self.seen: set[tuple[str, str]] = set()  # the points the data of the Argdown gives
        self.added = 0  # and how many it gives none

    def refuse(self, element: Element, message: str) -> WorkbookError:
        return at(self.path, element.line, element.column, f"{element.name}: {message}")

    def read(
        self,
        elements: dict[str, Element],
        relations: list[Relation],
        named: dict[str, tuple[int, int]],
    ) -> None:
        """Every point, where its relation puts it, with its side, its id and its fields."""
        outgoing: dict[str, dict[tuple[str, bool], Relation]] = {}
        for relation in relations:
            for name in (relation.source, relation.target):
                if name not in elements:
                    line, column = named[name]
                    raise at(
                        self.path,
                        line,
                        column,
                        f"{name}: named, but never written with its text (`{name}: text`)",
                    )
            if elements[relation.source].is_claim:
                raise at(
                    self.path,
                    relation.line,
                    relation.column,
                    f"{relation.source} {'supports' if relation.support else 'attacks'} "
                    f"{relation.target}: a claim relates to nothing; its points support or "
                    "attack it",
                )
            # The same relation written twice is one relation, as Argdown reads it.
            outgoing.setdefault(relation.source, {}).setdefault(
                (relation.target, relation.support), relation
            )
        owners: dict[str, str] = {}  # each data id, and the point that gave it
        points = {
            name: self.point(element, list(outgoing.get(name, {}).values()), owners)
            for name, element in elements.items()
            if not element.is_claim
        }
        for name in points:
            self.settle(points, name)
        self.place(points)

    def point(self, element: Element, relations: list[Relation], owners: dict[str, str]) -> _Point:
        if not relations:
            raise self.refuse(
                element,
                "relates to nothing: a point supports (<+) or attacks (<-) its claim, or "
                "attacks the point it answers",
            )
        if len(relations) > 1:
            one, other = relations[0].target, relations[1].target
            raise self.refuse(
                element,
                f"relates to {one} and to {other}: a point supports or attacks one claim, "
                "or answers one point",
            )
        relation = relations[0]
        if relation.support and not relation.target.startswith("["):
            raise at(
                self.path,
                relation.line,
                relation.column,
                f"{element.name} supports {relation.target}: a point answers another by "
                "attacking it (<-)",
            )
        said = content(element.text)
        found = data_at(self.path, element.line, said.data) if said.data is not None else None
        tagged = self.tagged(element, said.tags)
        if found is None:
            self.added += 1
            return _Point(element, "", None, {"text": typed(said.shown)}, tagged, relation)
        old_id = found.get("id", element.name[1:-1] if "point" in found else None)
        claim_id, _, point_id = old_id.partition(".") if isinstance(old_id, str) else ("", "", "")
        fields = found.get("point", {})
        if not claim_id or not point_id or not isinstance(fields, dict):
            raise self.refuse(element, "its data holds no point with its id (CLAIM.POINT)")
        old_id = f"{claim_id}.{point_id}"
        if old_id in owners:
            raise self.refuse(
                element,
                f"has the data of {owners[old_id]} ({old_id}): a new point is written without data",
            )
        owners[old_id] = element.name
        self.seen.add((claim_id, point_id))
        # Its side, kind and what it answers are what the Argdown says (an export from before
        # points were titled by their words kept them in the data too).
        kept = {key: value for key, value in fields.items() if key not in _SAID}
        kept.update(self.point_words(element, said, kept))
        found_point = _Point(element, "", (claim_id, point_id), kept, tagged, relation)
        found_point.data_says = {key: fields[key] for key in _SAID if key in fields}
        return found_point

    def point_words(
        self, element: Element, said: Content, fields: dict[str, Any]
    ) -> dict[str, Any]:
        old, cards = fields.get("text", ""), fields.get("cards", [])
        if not isinstance(old, str) or not isinstance(cards, list):
            return {}  # not a text, or not a list: validation names the field
        cites = cites_shown(self.library.cards, [c for c in cards if isinstance(c, str)])
        if same_words(said.shown, escape(old) + cites):
            return {}
        words = without_end(said.shown, cites)
        if words is None:
            raise self.refuse(
                element,
                f"its cites,{cites}, are the short cites of the cards it reads, which its data "
                "names: leave them as they are (cards are edited in the workbook)",
            )
        return {"text": merged(old, typed(words))}

    def tagged(self, element: Element, tags: list[str]) -> str | None:
        """The side a point's tag names, or None when it has none."""
        names = " or ".join(map(tag, self.sides.values()))
        sides = []
        for words in tags:
            side = next((key for key, each in self.sides.items() if each == words), None)
            if side is None:
                raise self.refuse(element, f"{tag(words)} is not a side's tag ({names})")
            sides.append(side)
        if len(set(sides)) > 1:
            raise self.refuse(element, f"is tagged with both sides ({names}): a point is one's")
        return sides[0] if sides else None

    def settle(self, points: dict[str, _Point], name: str) -> None:
        """The claim and side of point `name` and of the points it answers, up to its claim;
        a walk, not a recursion: an answer chain may be thousands long."""
        chain: list[str] = []
        walked: set[str] = set()
        current = name
        while not points[current].settled:
            if current in walked:
                raise self.refuse(points[current].element, "these answers go round in a loop")
            walked.add(current)
            chain.append(current)
            current = points[current].relation.target
            if current.startswith("["):
                break
        for each in reversed(chain):
            self.side_of(points, points[each])

    def side_of(self, points: dict[str, _Point], point: _Point) -> None:
        target, keys = point.relation.target, list(self.sides)
        point.settled = True
        if target.startswith("["):
            point.claim = target[1:-1]
            own = self.claims[point.claim].get("side")
            side = own if point.relation.support else next((k for k in keys if k != own), own)
            point.side = point.tagged or str(side)
            if point.side == side or side not in keys:
                return
            if point.relation.support:
                said = f"supports {target}, a claim of the other side: change its tag, or make "
                said += "it attack it (<-)"
            else:
                said = f"attacks {target}, a claim of its own side: change its tag, or make it "
                said += "support it (<+)"
            raise self.refuse(point.element, f"is tagged {tag(self.sides[point.side])} and {said}")
        answered = points[target]
        point.claim, point.answered = answered.claim, target
        point.side = point.tagged or next((k for k in keys if k != answered.side), answered.side)
        if point.side == answered.side:
            raise self.refuse(
                point.element,
                f"is tagged {tag(self.sides[point.side])} and answers {target}, a point of its "
                "own side: an answer is the other side's (change its tag)",
            )

    def place(self, points: dict[str, _Point]) -> None:
        """Each point in its claim, under its id: the one its data gives while it stays in
        the same claim (or in a claim renamed, whose data lists it) and the id is free there,
        else a new one; in the order of the claim's data, then of the file."""
        taken: dict[str, set[str]] = {claim_id: set() for claim_id in self.claims}
        listed = {claim_id: set(order) for claim_id, order in self.orders.items()}
        for renamed in (False, True):
            for point in points.values():
                if point.point_id or point.old_id is None:
                    continue
                claim_id, point_id = point.old_id
                if renamed and (
                    claim_id in self.claims
                    or point_id not in listed[point.claim]
                    or point_id in taken[point.claim]
                ):
                    continue
                if renamed or claim_id == point.claim:
                    point.point_id = point_id
                    taken[point.claim].add(point_id)
                    self.seen.add((point.claim, point_id))
        fresh: dict[str, int] = {}
        for point in points.values():
            if point.point_id:
                continue
            wanted = point.old_id[1] if point.old_id else ""
            known = taken[point.claim]
            # Not an id the claim's data lists either: a point left out keeps its own.
            if not wanted or wanted in known or wanted in listed[point.claim]:
                if point.claim not in fresh:
                    fresh[point.claim] = int(next_id(known | listed[point.claim], "p")[1:])
                while f"p{fresh[point.claim]}" in known:
                    fresh[point.claim] += 1
                wanted = f"p{fresh[point.claim]}"
            point.point_id = wanted
            known.add(wanted)
        by_id = {(p.claim, p.point_id): p for p in points.values()}
        ids = {name: p.point_id for name, p in points.items()}
        for claim_id, claim in self.claims.items():
            written = [p.point_id for p in points.values() if p.claim == claim_id]
            kept = [pid for pid in self.orders[claim_id] if (claim_id, pid) in by_id]
            order = list(dict.fromkeys(kept + written))
            answered = {pid: ids.get(by_id[claim_id, pid].answered, "") for pid in order}
            # The claim's order, unless the file puts its points in another: then the file's.
            if [pid for pid, _ in walk(answered)] != written:
                order = written
            for point_id in order:
                point = by_id[claim_id, point_id]
                kind = (
                    "answers"
                    if point.answered
                    else ("supports" if point.relation.support else "counters")
                )
                said: dict[str, Any] = {"side": point.side, "kind": kind}
                if point.answered:
                    said["answers"] = points[point.answered].point_id
                for key, value in point.data_says.items():
                    if said.get(key, "") != value:
                        raise self.refuse(
                            point.element,
                            f"its data says {key} {value!r}, and its Argdown {said.get(key, '')!r}"
                            f": the Argdown says it, so take {key} out of the data",
                        )
                claim["points"][point_id] = {**said, **point.fields}
