"""The card library: which points read a card, and the cards a point reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbook.core.model import Card, Point, Workbook

Place = tuple[str, str]  # (claim id, point id)


def usage(workbook: Workbook) -> dict[str, list[Place]]:
    """Every library card's id -> the points that read it, in file order (unused: [])."""
    used: dict[str, list[Place]] = {card_id: [] for card_id in workbook.cards}
    for claim_id, claim in workbook.claims.items():
        for point_id, point in claim.points.items():
            for card_id in point.cards:
                used.setdefault(card_id, []).append((claim_id, point_id))
    return used


def where_used(workbook: Workbook, card_id: str) -> list[Place]:
    """The (claim id, point id) of every point that reads the card, in file order."""
    return [
        (claim_id, point_id)
        for claim_id, claim in workbook.claims.items()
        for point_id, point in claim.points.items()
        if card_id in point.cards
    ]


def unused_cards(workbook: Workbook) -> list[str]:
    """Library cards that no point reads yet: cut, not yet placed."""
    return [card_id for card_id, places in usage(workbook).items() if not places]


def point_cards(workbook: Workbook, point: Point) -> list[tuple[str, Card]]:
    """The point's cards from the library, in reading order (ids the library lacks skipped)."""
    return [(cid, workbook.cards[cid]) for cid in point.cards if cid in workbook.cards]


def new_card_id(workbook: Workbook, claim_id: str, point_id: str) -> str:
    """A free library id for a card first cut for this point: CLAIM-POINT-N, as upgrading
    names the cards of an older file."""
    return free_card_id(workbook, f"{claim_id}-{point_id}")


def free_card_id(workbook: Workbook, stem: str) -> str:
    """The first free library id STEM-1, STEM-2, ...: a card cut from a source into the
    library, read by no point yet, is named after the source."""
    number = 1
    while f"{stem}-{number}" in workbook.cards:
        number += 1
    return f"{stem}-{number}"
