"""Coverage: what each side still has to prepare."""

from __future__ import annotations

from collections.abc import Mapping, Sized
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from workbook.core.cites import incomplete_cite

if TYPE_CHECKING:
    from workbook.core.model import Card, Claim, Point, Workbook


def has_evidence(point: Point, cards: Mapping[str, Card]) -> bool:
    """A point rests on evidence when one of its cards (from the library `cards`) is filled,
    not just an open slot."""
    return any(cid in cards and not cards[cid].is_open for cid in point.cards)


class Answering(Protocol):
    """What the unanswered computation needs of an argument: a prepared point, or one written
    on a flow. `answers` is the id of the argument it answers, or ""."""

    @property
    def side(self) -> str: ...

    @property
    def answers(self) -> str: ...


def unanswered_among(arguments: Mapping[str, Answering], side: str) -> list[str]:
    """The ids of the other side's arguments among `arguments` that no argument of `side`
    among them answers, in their order. Coverage asks it of a claim's points; the flow asks
    it of a speech's arguments with the other side's next speech, which is how drops and
    coverage come to agree on a freshly pre-flowed round."""
    answered = {a.answers for a in arguments.values() if a.side == side and a.answers}
    return [aid for aid, a in arguments.items() if a.side != side and aid not in answered]


def unanswered(claim: Claim, side: str) -> list[str]:
    """The other side's points in this claim that `side` has not answered yet."""
    return unanswered_among(claim.points, side)


def claim_ready(claim: Claim, side: str, cards: Mapping[str, Card]) -> bool:
    """A side is ready on a claim when it has a point, every point has evidence, and every
    point of the other side has its answer."""
    own = [p for p in claim.points.values() if p.side == side]
    return bool(own) and all(has_evidence(p, cards) for p in own) and not unanswered(claim, side)


@dataclass
class SideCoverage:
    """What one side is missing, as claim ids and (claim id, point id) pairs."""

    side: str
    claims_without_point: list[str] = field(default_factory=list)
    points_without_card: list[tuple[str, str]] = field(default_factory=list)
    unanswered: list[tuple[str, str]] = field(default_factory=list)
    points: int = 0
    # Filled cards this side's points read whose cite an opponent can challenge, once each.
    incomplete_cites: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not (self.claims_without_point or self.points_without_card or self.unanswered)


def side_coverage(workbook: Workbook, side: str) -> SideCoverage:
    result = SideCoverage(side)
    read: list[str] = []
    for claim_id, claim in workbook.claims.items():
        own = {pid: p for pid, p in claim.points.items() if p.side == side}
        result.points += len(own)
        if not own:
            result.claims_without_point.append(claim_id)
        result.points_without_card.extend(
            (claim_id, pid) for pid, p in own.items() if not has_evidence(p, workbook.cards)
        )
        result.unanswered.extend((claim_id, pid) for pid in unanswered(claim, side))
        for point in own.values():
            read.extend(point.cards)
    result.incomplete_cites = [
        cid
        for cid in dict.fromkeys(read)
        if cid in workbook.cards
        and not workbook.cards[cid].is_open
        and incomplete_cite(workbook.cards[cid])
    ]
    return result


def coverage(workbook: Workbook) -> dict[str, SideCoverage]:
    """Coverage of both sides, keyed by side, in the workbook's order of sides."""
    return {side: side_coverage(workbook, side) for side in workbook.sides}


def count(items: Sized | int, noun: str) -> str:
    """How many, with the noun to match: "1 card", "2 cards"."""
    number = items if isinstance(items, int) else len(items)
    return f"{number} {noun}{'' if number == 1 else 's'}"


def side_summary(workbook: Workbook, report: SideCoverage) -> str:
    """One line of what a side lacks, in the words `workbook check` and the app both use."""
    other = workbook.sides[workbook.other_side(report.side)].name
    return (
        f"{count(report.claims_without_point, 'claim')} without a point, "
        f"{count(report.points_without_card, 'point')} without a card, "
        f"{count(report.unanswered, other + ' point')} unanswered"
    )


def check_summary(workbook: Workbook, name: str) -> str:
    """What `workbook check` prints for a workbook: its size, then per side what it lacks and
    how many of its cards' cites are incomplete, then the library cards no point reads."""
    from workbook.core.library import unused_cards
    from workbook.core.model import is_library

    if is_library(workbook):
        return library_summary(workbook, name)
    points = sum(len(c.points) for c in workbook.claims.values())
    open_slots = sum(card.is_open for card in workbook.cards.values())
    lines = [
        f"{name}: {count(workbook.claims, 'claim')}, {count(points, 'point')}, "
        f"{count(workbook.cards, 'card')} ({open_slots} open)"
    ]
    width = max(len(side.name) for side in workbook.sides.values()) + 1
    for key, report in coverage(workbook).items():
        label = workbook.sides[key].name + ":"
        cites = count(report.incomplete_cites, "incomplete cite")
        lines.append(f"  {label:<{width}} {side_summary(workbook, report)}, {cites}")
    unused = unused_cards(workbook)
    if unused:
        lines.append(f"  {count(unused, 'unused card')}: {', '.join(unused)}")
    return "\n".join(lines)


def library_summary(workbook: Workbook, name: str) -> str:
    """What `workbook check` prints for a card library: its cards and sources, and the cards
    whose cites are incomplete (no point reads a library's cards, so none is "unused")."""
    cards = workbook.cards
    open_slots = sum(card.is_open for card in cards.values())
    lines = [
        f"{name}: a card library, {count(cards, 'card')} ({open_slots} open), "
        f"{count(workbook.sources, 'source')}"
    ]
    incomplete = [
        card_id for card_id, card in cards.items() if not card.is_open and incomplete_cite(card)
    ]
    if incomplete:
        named = ", ".join(incomplete[:5]) + (
            f" and {len(incomplete) - 5} more" if len(incomplete) > 5 else ""
        )
        lines.append(f"  {count(incomplete, 'incomplete cite')}: {named}")
    return "\n".join(lines)
