"""Editing a workbook claim by claim, with undo and redo.

Every edit builds a new `Claim` and swaps it in; nothing already in the workbook is changed in
place. An undo step is then just the claim before and after, and a save can write a snapshot of
the claims while editing goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from .model import Card, Claim, Kind, Point, Workbook, reference_problems


class EditError(ValueError):
    """An edit that would leave the workbook invalid; the message says why."""


@dataclass(frozen=True)
class Change:
    """One undoable step: a claim before and after (None where it does not exist)."""

    label: str
    claim_id: str
    before: Claim | None
    after: Claim | None
    index: int  # where the claim stands after the change
    before_index: int = -1  # where it stood before (-1: nowhere)

    @property
    def moves(self) -> bool:
        return (
            self.before is not None and self.after is not None and self.index != self.before_index
        )


def next_id(existing: Iterable[str], prefix: str = "") -> str:
    """The next free id of the form PREFIX + number: p1, p2, ... or 1, 2, ..."""
    pattern = re.compile(rf"{re.escape(prefix)}(\d+)")
    numbers = [int(m.group(1)) for key in existing if (m := pattern.fullmatch(key))]
    return f"{prefix}{max(numbers, default=0) + 1}"


def plain_kind(claim: Claim, side: str) -> Kind:
    """What a point that answers nothing does: support the claim, or counter it."""
    return "supports" if side == claim.side else "counters"


def _with_points(claim: Claim, points: dict[str, Point]) -> Claim:
    return claim.model_copy(update={"points": points})


def add_point(
    claim: Claim, side: str, text: str = "", answers: str = "", strength: int | None = None
) -> tuple[Claim, str]:
    point_id = next_id(claim.points, "p")
    kind: Kind = "answers" if answers else plain_kind(claim, side)
    point = Point(side=side, kind=kind, answers=answers, text=text, strength=strength)
    return _with_points(claim, {**claim.points, point_id: point}), point_id


def update_point(claim: Claim, point_id: str, **fields: Any) -> Claim:
    """Change a point's fields; `answers` set or cleared also sets the kind."""
    point = claim.points[point_id]
    if "answers" in fields:
        fields["kind"] = "answers" if fields["answers"] else plain_kind(claim, point.side)
    new = Point.model_validate({**point.model_dump(), **fields, "cards": point.cards})
    return _with_points(claim, {**claim.points, point_id: new})


def delete_point(claim: Claim, point_id: str) -> Claim:
    """Remove a point; the points that answered it keep their text and stand on their own."""
    points: dict[str, Point] = {}
    for pid, point in claim.points.items():
        if pid == point_id:
            continue
        if point.answers == point_id:
            point = point.model_copy(update={"kind": plain_kind(claim, point.side), "answers": ""})
        points[pid] = point
    return _with_points(claim, points)


def move_point(claim: Claim, point_id: str, offset: int) -> Claim:
    """Move a point up (negative) or down among the points of its own side."""
    side = claim.points[point_id].side
    order = [pid for pid, p in claim.points.items() if p.side == side]
    index = order.index(point_id)
    target = max(0, min(len(order) - 1, index + offset))
    order.insert(target, order.pop(index))
    others = iter(order)
    # The other side's points keep their places; this side's fill its places in the new order.
    ids = [next(others) if p.side == side else pid for pid, p in claim.points.items()]
    return _with_points(claim, {pid: claim.points[pid] for pid in ids})


def set_card(claim: Claim, point_id: str, card_id: str | None, card: Card) -> tuple[Claim, str]:
    """Add a card (card_id None) or replace one; returns the claim and the card's id."""
    point = claim.points[point_id]
    card_id = card_id or next_id(point.cards)
    cards = {**point.cards, card_id: card}
    new_point = point.model_copy(update={"cards": cards})
    return _with_points(claim, {**claim.points, point_id: new_point}), card_id


def delete_card(claim: Claim, point_id: str, card_id: str) -> Claim:
    point = claim.points[point_id]
    cards = {cid: c for cid, c in point.cards.items() if cid != card_id}
    return _with_points(
        claim, {**claim.points, point_id: point.model_copy(update={"cards": cards})}
    )


def update_claim(claim: Claim, **fields: Any) -> Claim:
    return Claim.model_validate({**claim.model_dump(), **fields, "points": claim.points})


def claim_id_for(tag: str, existing: Iterable[str]) -> str:
    """A readable id from the claim's tag: "Strikes backfire" -> "strikes-backfire"."""
    taken = set(existing)
    base = "-".join(re.findall(r"[a-z0-9]+", tag.lower())[:5]) or "claim"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


class Draft:
    """A workbook being edited: the changes made to it, undo and redo, and whether it is saved."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self._done: list[Change] = []
        self._undone: list[Change] = []
        # The last change that the file holds (None: none since loading). Comparing changes, not
        # stack depths, keeps this right across undo, redo and new edits made during a save.
        self._saved: Change | None = None

    @property
    def checkpoint(self) -> Change | None:
        """The last change made: what a save started now will hold."""
        return self._done[-1] if self._done else None

    @property
    def dirty(self) -> bool:
        return self.checkpoint is not self._saved

    def mark_saved(self, checkpoint: Change | Literal["now"] | None = "now") -> None:
        self._saved = self.checkpoint if checkpoint == "now" else checkpoint

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def apply(self, label: str, claim_id: str, after: Claim | None, index: int = -1) -> Change:
        """Put `after` in place of the claim (None deletes it); new claims go at `index`."""
        claims = self.workbook.claims
        before = claims.get(claim_id)
        if after is not None:
            self._check(claim_id, after)
        before_index = list(claims).index(claim_id) if before is not None else -1
        if before is not None:
            index = before_index
        elif index < 0:
            index = len(claims)
        return self._record(Change(label, claim_id, before, after, index, before_index))

    def move(self, label: str, claim_id: str, offset: int) -> Change | None:
        """Move a claim up (negative) or down the list; None when it cannot go further."""
        order = list(self.workbook.claims)
        old = order.index(claim_id)
        new = max(0, min(len(order) - 1, old + offset))
        if new == old:
            return None
        claim = self.workbook.claims[claim_id]
        return self._record(Change(label, claim_id, claim, claim, new, old))

    def _record(self, change: Change) -> Change:
        self._swap(change.claim_id, change.after, change.index, change.moves)
        self._done.append(change)
        self._undone.clear()
        return change

    def undo(self) -> Change | None:
        if not self._done:
            return None
        change = self._done.pop()
        self._swap(change.claim_id, change.before, change.before_index, change.moves)
        self._undone.append(change)
        return change

    def redo(self) -> Change | None:
        if not self._undone:
            return None
        change = self._undone.pop()
        self._swap(change.claim_id, change.after, change.index, change.moves)
        self._done.append(change)
        return change

    def _check(self, claim_id: str, claim: Claim) -> None:
        probe = self.workbook.model_construct(
            **{**dict(self.workbook), "claims": {claim_id: claim}}
        )
        problems = reference_problems(probe)
        if problems:
            path, reason = problems[0]
            raise EditError(f"{path}: {reason}")

    def _swap(self, claim_id: str, claim: Claim | None, index: int, moves: bool = False) -> None:
        claims = self.workbook.claims
        if claim is None:
            claims.pop(claim_id, None)
        elif claim_id in claims and not moves:
            claims[claim_id] = claim  # in place: the common edit stays cheap in a long list
        else:
            items = [(cid, c) for cid, c in claims.items() if cid != claim_id]
            items.insert(index, (claim_id, claim))
            self.workbook.claims = dict(items)
