"""Reading format 1, where each point kept its own cards, as format 2, with a card library.

The upgrade is lossless: every point reads the same cards, in the same order, equal in every
field. A format 1 file is validated as format 1 first, so that an error names the field where
the user's file has it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from workbook.core.claim_edits import free_id
from workbook.core.evidence import StrictModel
from workbook.core.fields import Id, Line, Text
from workbook.core.model import (
    FORMAT_VERSION,
    Card,
    Claim,
    ClaimFields,
    Essay,
    PointFields,
    Side,
    Workbook,
)


class PointV1(PointFields):
    cards: dict[Id, Card] = {}


class ClaimV1(ClaimFields):
    points: dict[Id, PointV1] = {}


class WorkbookV1(StrictModel):
    format: Literal[1]
    title: Line = ""
    motion: Text = ""
    essay: Essay
    sides: dict[Id, Side]
    claims: dict[Id, ClaimV1] = {}


def _card_key(card: Card) -> tuple[Any, ...]:
    # A list field (the headings a card was filed under) as a tuple, so the key hashes.
    return tuple(tuple(v) if isinstance(v, list) else v for v in card.model_dump().values())


def upgrade(old: WorkbookV1) -> Workbook:
    """The same workbook in the current format: each point's cards, in order, become library
    cards with ids CLAIM-POINT-KEY (made unique with -2, -3, ...); cards equal in every field
    become one library card, the first id winning, wherever that keeps a point from listing
    one card twice."""
    data = old.model_dump()
    claims, library = place_cards(old.claims, {})
    data["format"] = FORMAT_VERSION
    data["cards"] = {card_id: card.model_dump() for card_id, card in library.items()}
    data["claims"] = {claim_id: claim.model_dump() for claim_id, claim in claims.items()}
    # One validation of the whole, so that the rules spanning fields hold as for any file.
    return Workbook.model_validate(data)


def place_cards(
    old: Mapping[str, ClaimV1], library: Mapping[str, Card]
) -> tuple[dict[str, Claim], dict[str, Card]]:
    """Claims of format 1 as claims reading library cards: a card equal to one in `library`
    (or to one placed before it) is read from there; any other is added. Returns the claims
    and the cards added, in order."""
    added: dict[str, Card] = {}
    ids_of: dict[tuple[Any, ...], list[str]] = {}
    for known, card in library.items():
        ids_of.setdefault(_card_key(card), []).append(known)
    taken = set(library)
    claims: dict[str, Claim] = {}
    for claim_id, claim in old.items():
        points: dict[str, Any] = {}
        for point_id, point in claim.points.items():
            listed: list[str] = []
            # How many of the library's cards equal to a card this point has read: the next
            # equal card it reads is the one after them, found in a step, where searching the
            # equal cards for one not listed yet cost the cube of a point's equal cards.
            read: dict[tuple[Any, ...], int] = {}
            for key, card in point.cards.items():
                same = ids_of.setdefault(_card_key(card), [])
                count = read[_card_key(card)] = read.get(_card_key(card), 0) + 1
                reused = same[count - 1] if count <= len(same) else None
                if reused is None:
                    reused = free_id(f"{claim_id}-{point_id}-{key}", taken)
                    taken.add(reused)
                    added[reused] = card
                    same.append(reused)
                listed.append(reused)
            points[point_id] = {**point.model_dump(exclude={"cards"}), "cards": listed}
        fields = claim.model_dump(exclude={"points"})
        claims[claim_id] = Claim.model_validate({**fields, "points": points})
    return claims, added
