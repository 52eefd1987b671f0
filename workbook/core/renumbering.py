"""Paragraph numbers through a merge: each side's numbers carried into the merged essay's.

A claim's paragraph and the essay's headings are positions in the essay's text, which git merges
beside the workbook as lines. When a side gains or loses paragraphs (a paragraph inserted in
the essay, and the workbook's numbers moved to match), the other side's numbers still count the
old paragraphs, so merging them as plain values gives a workbook whose claims point at the wrong
paragraphs, or whose paragraph count is not the merged essay's: a workbook that will not open.

So before the merge by id, every number is carried into the merged essay's numbering. How a side
renumbered is read from what it kept in place: each claim kept with its quote (its words are
where it says), and the essay's two ends. Between two such marks that moved alike, every
paragraph moved alike (the one thing assumed: a paragraph taken out here and another put in
there, with no claim between them, cannot be seen); between two that moved differently, the
side changed something, and a number there is known only where the other side changed nothing
around it. The merged essay holds both sides' changes, as git's clean merge of its lines does:
a number moves by what the other side inserted or removed before it. When both sides made the
same change (the same essay on both, moved alike), the numbering is theirs and ours at once;
when the marks cannot tell the same change from two changes that moved alike, the merge keeps
ours' count and records it as a conflict.

A number that cannot be carried is never merged as it stands: its claim is kept as the side
whose number could be carried has it (ours first), or, when neither can, left out, and the three
versions are recorded as a conflict on the whole claim. Headings that cannot be carried are left
out, with a conflict when the side that had them had changed them.
"""

from __future__ import annotations

import copy
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

Data = dict[str, Any]
Mark = tuple[int, int]  # a paragraph of the base, and its number on one side


class Numbering:
    """One side's paragraph numbers against the base's, from the marks it kept in place."""

    def __init__(self, marks: list[Mark]) -> None:
        self.base = [at for at, _ in marks]
        self.side = [now for _, now in marks]
        # Marks that moved alike, one after another, form one run: between them nothing changed.
        self.run = [0]
        for index in range(1, len(marks)):
            moved_alike = self._moved(index) == self._moved(index - 1)
            self.run.append(self.run[-1] + (not moved_alike))

    def _moved(self, index: int) -> int:
        return self.side[index] - self.base[index]

    @property
    def unchanged(self) -> bool:
        return self.run[-1] == 0 and self._moved(0) == 0

    @property
    def pinned(self) -> bool:
        """Whether each change stands at one known place: between two marks that moved
        differently, paragraphs were only inserted, or only removed."""
        return all(
            self.base[i + 1] - self.base[i] == 1 or self.side[i + 1] - self.side[i] == 1
            for i in range(len(self.run) - 1)
            if self.run[i] != self.run[i + 1]
        )

    def shift(self, low: int, high: int) -> int | None:
        """How far every base paragraph from `low` to `high` moved on this side; None when they
        did not all move alike, or that is not known."""
        first, last = bisect_right(self.base, low) - 1, bisect_left(self.base, high)
        return self._moved(first) if self.run[first] == self.run[last] else None

    def span(self, number: int) -> tuple[int, int]:
        """The base paragraphs this side's paragraph `number` stands between: one paragraph
        (low == high) when it is a base paragraph moved with its neighbours, else the two marks
        around what this side changed."""
        index = bisect_right(self.side, number) - 1
        if self.side[index] == number:
            return self.base[index], self.base[index]
        if self.run[index] == self.run[index + 1]:
            at = number - self._moved(index)
            return at, at
        return self.base[index], self.base[index + 1]


def numbering(base: Data, side: Data) -> Numbering:
    """How `side` numbers the base's paragraphs: marks from its claims kept with their quotes,
    and the essay's two ends. (Headings are no marks: one taken out and another put in look
    like one heading moved.)"""
    ends = [(0, 0), (base["essay"]["paragraphs"] + 1, side["essay"]["paragraphs"] + 1)]
    kept = {
        (claim["paragraph"], side["claims"][claim_id]["paragraph"])
        for claim_id, claim in base["claims"].items()
        if claim["quote"] and side["claims"].get(claim_id, {}).get("quote") == claim["quote"]
    }
    marks = sorted(kept | set(ends))
    # A base paragraph seen in two places, or marks out of order: none of them is trusted.
    if all(a[0] < b[0] and a[1] < b[1] for a, b in pairwise(marks)):
        return Numbering(marks)
    return Numbering(ends)


@dataclass
class Carried:
    """The three sides, every paragraph number in the merged essay's numbering, and the
    conflicts found on the way: (path, base, ours, theirs), each as its file had it."""

    sources: tuple[Data, Data, Data]
    conflicts: list[tuple[str, Any, Any, Any]] = field(default_factory=list)


def carry(base: Data, ours: Data, theirs: Data) -> Carried:
    """The sides with their paragraph numbers carried into the merged essay's numbering (see
    the module's docstring); as they are when neither side renumbered the essay."""
    if not base:
        return Carried((base, ours, theirs))  # no common ancestor: nothing to number against
    if any(side.get("essay") is None for side in (base, ours, theirs)):
        return Carried((base, ours, theirs))  # a card library: no essay, no paragraphs
    by_ours, by_theirs = numbering(base, ours), numbering(base, theirs)
    if by_ours.unchanged and by_theirs.unchanged:
        return Carried((base, ours, theirs))
    raw = (base, ours, theirs)
    carried = Carried((copy.deepcopy(base), copy.deepcopy(ours), copy.deepcopy(theirs)))
    places = _Places(raw, by_ours, by_theirs)
    if places.unsure:
        carried.conflicts.append(("essay.paragraphs", *(s["essay"]["paragraphs"] for s in raw)))
    for side in carried.sources:
        side["essay"]["paragraphs"] = places.count
    for claim_id in dict.fromkeys([*base["claims"], *ours["claims"], *theirs["claims"]]):
        places.carry_claim(claim_id, carried)
    places.carry_headings(carried)
    return carried


def place_kept(merged: Data, *versions: Data | None) -> bool:
    """Whether a merged claim stands where one of its versions stood: its paragraph and its
    quote are one place, and one side's quote in another side's paragraph may not be there."""
    place = (merged["paragraph"], merged["quote"])
    return any(v is not None and (v["paragraph"], v["quote"]) == place for v in versions)


class _Places:
    """Where each side's paragraph numbers stand in the merged essay."""

    def __init__(self, raw: tuple[Data, Data, Data], by_ours: Numbering, by_theirs: Numbering):
        self.raw = raw
        base, ours, theirs = (side["essay"]["paragraphs"] for side in raw)
        same = _same_change(raw[1], raw[2], by_ours, by_theirs)
        # Alike, but perhaps at different places: ours' count is kept, and the count recorded
        # as a conflict, since the merged essay may hold both changes.
        self.unsure = same is None
        self.same = same is not False
        self.count = ours if self.same else max(1, ours + theirs - base)
        self.ours, self.theirs = by_ours, by_theirs

    def number(self, side: int, number: int) -> int | None:
        """Paragraph `number` of side 0 (base), 1 (ours) or 2 (theirs) in the merged essay."""
        ours, theirs = self.ours, self.theirs
        moved: int | None
        if side == 0:
            by_ours, by_theirs = ours.shift(number, number), theirs.shift(number, number)
            no_move = 0 if self.same else by_theirs
            moved = None if by_ours is None or no_move is None else by_ours + no_move
        elif self.same:
            moved = 0
        else:
            mine, other = (ours, theirs) if side == 1 else (theirs, ours)
            moved = other.shift(*mine.span(number))
        placed = None if moved is None else number + moved
        return placed if placed is not None and 1 <= placed <= self.count else None

    def carry_claim(self, claim_id: str, carried: Carried) -> None:
        versions = [side["claims"].get(claim_id) for side in self.raw]
        numbers = [
            None if claim is None else self.number(side, claim["paragraph"])
            for side, claim in enumerate(versions)
        ]
        if all(n is not None for claim, n in zip(versions, numbers, strict=True) if claim):
            for side, n in zip(carried.sources, numbers, strict=True):
                if n is not None:
                    side["claims"][claim_id]["paragraph"] = n
            return
        base, ours, theirs = versions
        # A side that left the claim as it was takes the other side's version (or its
        # deletion), as the merge would: only that version's number need be carried.
        taken = 1 if theirs == base else 2 if ours == base else None
        if taken is not None and (versions[taken] is None or numbers[taken] is not None):
            self.hold(claim_id, carried, taken, numbers[taken])
            return
        # Otherwise kept as the first side whose number can be carried has it, or left out.
        held = next((s for s in (1, 2) if versions[s] and numbers[s] is not None), None)
        carried.conflicts.append((f"claims.{claim_id}", *versions))
        self.hold(claim_id, carried, held, None if held is None else numbers[held])

    def hold(self, claim_id: str, carried: Carried, side: int | None, number: int | None) -> None:
        """Give the merge `side`'s version of the claim on every side that has it, in the merged
        numbering: the merge then takes it whole. None, or a side without it: left out."""
        versions = [raw["claims"].get(claim_id) for raw in self.raw]
        held = None if side is None else versions[side]
        if held is None:
            for source in carried.sources:
                source["claims"].pop(claim_id, None)
            return
        claim = {**held, "paragraph": number}
        # Where both sides have it, all three hold it; else it is one side's addition. Each
        # table keeps its order: a claim replaced in place stays where it was.
        for source, version in zip(carried.sources, versions, strict=True):
            if version is not None:
                source["claims"][claim_id] = copy.deepcopy(claim)
        if None in versions:
            carried.sources[0]["claims"].pop(claim_id, None)

    def carry_headings(self, carried: Carried) -> None:
        lost = False
        for side, (raw, now) in enumerate(zip(self.raw, carried.sources, strict=True)):
            numbers = [self.number(side, heading) for heading in raw["essay"]["headings"]]
            now["essay"]["headings"] = sorted({n for n in numbers if n is not None})
            changed = raw["essay"]["headings"] != self.raw[0]["essay"]["headings"]
            lost = lost or (None in numbers and changed)
        if lost:
            carried.conflicts.append(
                ("essay.headings", *(side["essay"]["headings"] for side in self.raw))
            )


def _same_change(ours: Data, theirs: Data, by_ours: Numbering, by_theirs: Numbering) -> bool | None:
    """True when both sides renumbered the essay alike (the same essay, taken by each): the
    same count, no mark moved differently on the two, and each change pinned to one place. None when
    alike as far as the marks show, yet the two changes could stand apart. False otherwise."""
    if by_ours.unchanged or ours["essay"]["paragraphs"] != theirs["essay"]["paragraphs"]:
        return False
    for at in {*by_ours.base, *by_theirs.base}:
        mine, other = by_ours.shift(at, at), by_theirs.shift(at, at)
        if mine is not None and other is not None and mine != other:
            return False
    return True if by_ours.pinned and by_theirs.pinned else None
