"""Claims and their points edited as values: each edit returns a new `Claim`.

`Draft` (in `edits`) swaps the claims these build into the workbook and keeps the undo steps.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterable
from typing import Any

from workbook.core.model import Claim, Kind, Point


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


def with_cards(claim: Claim, point_id: str, cards: list[str]) -> Claim:
    """The claim with one point reading `cards`, in that order."""
    point = claim.points[point_id].model_copy(update={"cards": cards})
    return _with_points(claim, {**claim.points, point_id: point})


def update_claim(claim: Claim, **fields: Any) -> Claim:
    return Claim.model_validate({**claim.model_dump(), **fields, "points": claim.points})


# Letters that no decomposition takes to ASCII.
_ASCII = str.maketrans(
    {"ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l", "þ": "th", "ð": "d", "œ": "oe", "ı": "i"}
)
# The words of a tag or a title an id keeps.
SLUG_WORDS = 5


def slug(text: str, words: int = SLUG_WORDS) -> str:
    """`text` as an id: its first `words` words in ASCII lower case, joined by "-"."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_ASCII))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text)[:words])


def free_id(wanted: str, taken: Container[str]) -> str:
    """`wanted`, or the first of wanted-2, wanted-3, ... that is not taken."""
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate


def claim_id_for(tag: str, existing: Iterable[str]) -> str:
    """A readable id from the claim's tag: "Strikes backfire" -> "strikes-backfire"."""
    return free_id(slug(tag) or "claim", set(existing))
