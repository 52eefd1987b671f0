"""The ids of a merge: a merged table's order, and free ids for what both sides added under one.

Both in time about linear in the ids: a merge of workbooks of thousands of claims, points and
cards puts each item in its place, and gives each addition a free id, in a step or a few.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbook.core.model import Workbook

Data = dict[str, Any]

_NUMBERED = re.compile(r"(.*?)(\d+)")


def merged_order(base: list[str], ours: list[str], theirs: list[str], kept: set[str]) -> list[str]:
    """The merged order of `kept`: ours' order, with the items only theirs has each placed
    after the item before it in theirs. When only theirs reordered what was there, theirs'
    order leads instead, so that a move on one side is a change like any other."""

    def moved(side: list[str]) -> bool:
        present, there = set(side), set(base)
        return [k for k in side if k in there] != [k for k in base if k in present]

    first, second = (theirs, ours) if moved(theirs) and not moved(ours) else (ours, theirs)
    # A linked list of the merged items, each inserted after another in one step: as a list,
    # finding the item before it and inserting cost the length of the list each time.
    keys = [key for key in first if key in kept]  # item i of the list; -1 is its head
    following: dict[int, int | None] = {i - 1: i for i in range(len(keys))} | {len(keys) - 1: None}
    item = {key: i for i, key in reversed(list(enumerate(keys)))}  # an item's first place
    # Added at one spot on both sides: the first side's additions come first.
    added_first = set(first) - set(base) - set(second)
    for source in (second, base):
        before = -1  # the last item of `source` so far that is placed (or the head)
        for key in source:
            if key in kept and key not in item:
                at = before
                while (next_item := following[at]) is not None and keys[next_item] in added_first:
                    at = next_item
                item[key] = len(keys)
                keys.append(key)
                following[item[key]], following[at] = following[at], item[key]
            if key in item:
                before = item[key]
    order: list[str] = []
    walked = following[-1]
    while walked is not None:
        order.append(keys[walked])
        walked = following[walked]
    return order


class FreeIds:
    """Ids like wanted ones that none of `taken` is, nor any given before: p3 becomes p4, card
    becomes card-1. Each number found taken is passed over once: the next search from it goes
    straight past the run it was in, so handing out n ids costs about n steps, not n squared."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.past: dict[tuple[str, int], int] = {}  # a taken (stem, number): a number to try next

    def __call__(self, wanted: str) -> str:
        match = _NUMBERED.fullmatch(wanted)
        stem, number = (match[1], int(match[2])) if match else (wanted + "-", 1)
        passed = []
        while f"{stem}{number}" in self.taken:
            passed.append(number)
            number = self.past.get((stem, number), number + 1)
        for taken in passed:
            self.past[stem, taken] = number
        self.taken.add(f"{stem}{number}")
        return f"{stem}{number}"


def separate_additions(base: Data, ours: Data, theirs_model: Workbook) -> Data:
    """Theirs' data, with each card and point that both sides added under one id, differently,
    given a free id (and every reference to it in theirs following), so that both are kept."""
    theirs = theirs_model.model_dump()
    base_cards, our_cards = base.get("cards", {}), ours["cards"]
    fresh = FreeIds(set(base_cards) | set(our_cards) | set(theirs["cards"]))
    cards = {
        card_id: fresh(card_id)
        for card_id, card in theirs["cards"].items()
        if card_id not in base_cards and our_cards.get(card_id, card) != card
    }
    # Renamed all at once: a new id is none that theirs has, so no renaming feeds another.
    theirs["cards"] = {cards.get(key, key): card for key, card in theirs["cards"].items()}
    for claim_id, claim in theirs["claims"].items():
        for point in claim["points"].values():
            point["cards"] = [cards.get(card_id, card_id) for card_id in point["cards"]]
        if claim_id not in ours["claims"]:
            continue
        before = base.get("claims", {}).get(claim_id, {}).get("points", {})
        our_points = ours["claims"][claim_id]["points"]
        fresh = FreeIds(set(before) | set(our_points) | set(claim["points"]))
        points: dict[str, str] = {}
        for point_id, point in claim["points"].items():
            # As it reads once the points before it are renamed: an answer to a point given a
            # new id differs from ours too, and is kept apart with it.
            point = {**point, "answers": points.get(point["answers"], point["answers"])}
            if point_id not in before and our_points.get(point_id, point) != point:
                points[point_id] = fresh(point_id)
        claim["points"] = {points.get(key, key): point for key, point in claim["points"].items()}
        for point in claim["points"].values():
            point["answers"] = points.get(point["answers"], point["answers"])
    return theirs
