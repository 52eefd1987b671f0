"""What the main screen says, as plain data: a claim's line in the list, the claim in view,
a side's points and cards, and where each side stands.

How these look is the app's (`tui/render.py`); what they say is worked out here, without
Textual or pydantic at run time, so that a process that has neither can work it out too.
The app's first look at a file is computed so, in a child forked while the app starts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from workbook.core.coverage import claim_ready, coverage, has_evidence, side_summary
from workbook.core.library import point_cards
from workbook.core.marks import in_quotes
from workbook.essay.paragraphs import section_name

if TYPE_CHECKING:
    from workbook.core.filters import ClaimFilter
    from workbook.core.library import Place
    from workbook.core.model import Card, Claim, Workbook

Readiness = Literal["ready", "started", "none"]

# Named tuples rather than frozen dataclasses: each dataclass takes about a millisecond to
# define, and this module is imported before the app's first frame.


class ClaimLine(NamedTuple):
    """A claim in the list: its section as its heading reads, each side's readiness (in the
    order asked for), and its tag, or its quote while it has no tag."""

    claim_id: str
    section: str
    readiness: tuple[Readiness, ...]
    tag: str
    quote: str


class ClaimHead(NamedTuple):
    """The claim in view."""

    claim_id: str
    tag: str
    where: str  # section, paragraph, the side that makes it, its #tags
    quote: str
    paragraph: int | None  # None: a claim of a motion alone, in our own words
    notes: str


class PointLine(NamedTuple):
    point_id: str
    kind: str
    answers: str  # the id of the point it answers, for an answer
    answers_side: str  # the name of that point's side ("?" when it is not there)
    strength: int | None
    needs_evidence: bool
    text: str


class CardLine(NamedTuple):
    point_id: str
    card_id: str
    is_open: bool
    cite: str
    tag: str
    # proven, drifted, typed (by hand) or unread (see `core.proving`); "" while the text of
    # the source it was cut from has not been read
    standing: str = ""


class Column(NamedTuple):
    """One side's points on a claim, each followed by its cards."""

    side: str
    name: str
    lines: tuple[PointLine | CardLine, ...]


class Glance(NamedTuple):
    """The main screen as a file opens, every claim listed and the first one in view."""

    names: dict[str, str]  # side key -> name, ours first
    claims: tuple[ClaimLine, ...]
    head: ClaimHead | None
    columns: tuple[Column, ...]
    coverage: tuple[tuple[str, str], ...]  # each side's name and what it lacks, ours first


def readiness(claim: Claim, side: str, workbook: Workbook) -> Readiness:
    if claim_ready(claim, side, workbook.cards):
        return "ready"
    if any(p.side == side for p in claim.points.values()):
        return "started"
    return "none"


def claim_line(workbook: Workbook, claim_id: str, sides: Sequence[str]) -> ClaimLine:
    claim = workbook.claims[claim_id]
    ready = tuple(readiness(claim, side, workbook) for side in sides)
    return ClaimLine(claim_id, shown_section(workbook, claim), ready, claim.tag, claim.quote)


def shown_section(workbook: Workbook, claim: Claim) -> str:
    """The claim's section as the app names it (see `essay.paragraphs.section_name`)."""
    essay = workbook.essay
    if essay is None:  # no essay (a motion alone): the section stands as it is
        return claim.section
    return section_name(claim.section, essay.title, bool(essay.headings))


def claim_lines(
    workbook: Workbook, sides: Sequence[str], claim_filter: ClaimFilter | None = None
) -> list[ClaimLine]:
    """The claims that pass the filter (all of them without one), in the workbook's order."""
    return [
        claim_line(workbook, claim_id, sides)
        for claim_id, claim in workbook.claims.items()
        if claim_filter is None or not claim_filter.active or claim_filter.matches(claim_id, claim)
    ]


# Characters of a claim's tag or quote that name it in a notice.
NAMED = 40


def claim_name(workbook: Workbook, claim_id: str, longest: int = 0) -> str:
    """A claim as the app names it to the user: its tag, or while it has none its quote, in
    quotation marks (cut to `longest` characters, unless 0). Its id is the file's: the user
    never typed it."""
    claim = workbook.claims.get(claim_id)
    if claim is None or not (claim.tag or claim.quote):
        return claim_id
    return named(claim.tag or claim.quote, longest)


def named(words: str, longest: int = 0) -> str:
    """Words of a claim (its tag, or its quote) in quotation marks, cut to `longest` characters
    unless 0."""
    if longest and len(words) > longest:
        words = words[: longest - 1].rstrip() + "…"
    return in_quotes(words)


def read_by(workbook: Workbook, places: Sequence[Place], most: int = 8, longest: int = 0) -> str:
    """Where a card is read, claim by claim: “Strikes backfire” p1, p3; “A story” p2 (the
    first `most` claims, each named as `claim_name` does)."""
    by_claim: dict[str, list[str]] = {}
    for claim_id, point_id in places:
        by_claim.setdefault(claim_id, []).append(point_id)
    parts = [
        f"{claim_name(workbook, claim_id, longest)} {', '.join(points)}"
        for claim_id, points in list(by_claim.items())[:most]
    ]
    more = len(by_claim) - most
    return "; ".join(parts) + (f"; and {more} more claims" if more > 0 else "")


def claim_head(workbook: Workbook, claim_id: str) -> ClaimHead:
    claim = workbook.claims[claim_id]
    # A claim of a motion alone is the team's own words: no paragraph to point to.
    where = [shown_section(workbook, claim), f"¶{claim.paragraph}"]
    if claim.paragraph is None:  # no essay, and a section only if the team gave it one
        where = [*([claim.section] if claim.section else []), "our own words"]
    where.append(f"made by {workbook.sides[claim.side].name}")
    if claim.tags:
        where.append(" ".join(f"#{t}" for t in claim.tags))
    return ClaimHead(
        claim_id, claim.tag, " · ".join(where), claim.quote, claim.paragraph, claim.notes
    )


def column(
    workbook: Workbook,
    claim: Claim | None,
    side: str,
    standing: Callable[[Card], str | None] | None,
) -> Column:
    """One side's points on `claim`, each followed by its cards, each card with its standing
    as `standing` says (without it, or while it does not know, only a card typed by hand
    has one). Every caller says which: a column drawn without it hides a drifted card."""
    name = workbook.sides[side].name
    if claim is None:
        return Column(side, name, ())
    lines: list[PointLine | CardLine] = []
    for point_id, point in claim.points.items():
        if point.side != side:
            continue
        answers, answers_side = "", ""
        if point.kind == "answers":
            answers = point.answers
            target = claim.points.get(point.answers)
            answers_side = workbook.sides[target.side].name if target is not None else "?"
        needs = not has_evidence(point, workbook.cards)
        lines.append(
            PointLine(
                point_id, point.kind, answers, answers_side, point.strength, needs, point.text
            )
        )
        lines.extend(
            CardLine(
                point_id,
                card_id,
                card.is_open,
                card.cite,
                card.tag,
                (standing(card) if standing else None) or ("" if card.source else "typed"),
            )
            for card_id, card in point_cards(workbook, point)
        )
    return Column(side, name, tuple(lines))


def coverage_lines(workbook: Workbook, sides: Sequence[str]) -> tuple[tuple[str, str], ...]:
    reports = coverage(workbook)
    return tuple((workbook.sides[s].name, side_summary(workbook, reports[s])) for s in sides)


def first_glance(workbook: Workbook, ours: str, at: str | None = None) -> Glance:
    """The main screen as it first shows `workbook`, preparing `ours`, with the claim `at` in
    view (where the user left off) when it is still there, or else the first."""
    sides = (ours, workbook.other_side(ours))
    claims = claim_lines(workbook, sides)
    first = at if at in workbook.claims else (claims[0].claim_id if claims else None)
    claim = workbook.claims[first] if first is not None else None
    return Glance(
        names={side: workbook.sides[side].name for side in sides},
        claims=tuple(claims),
        head=claim_head(workbook, first) if first is not None else None,
        # The first look comes before the sources' texts are read: no standing is known yet.
        columns=tuple(column(workbook, claim, side, None) for side in sides),
        coverage=coverage_lines(workbook, sides),
    )


def first_look(data: dict[str, Any], path: Path, ours: str | None) -> Glance | None:
    """The main screen as the app will first show the file `path` parsed to `data`; None when
    the app will show something else first: an error (the file would not open), the essay
    (no claims yet), or the sides (`ours` names none)."""
    from workbook.core.model import is_library, side_named
    from workbook.storage.left_off import read_left_off
    from workbook.storage.store import loaded_from

    workbook = loaded_from(data, path).workbook
    if is_library(workbook):
        return None  # a card library opens on its own screen
    side = side_named(workbook, ours) if ours else next(iter(workbook.sides))
    if not workbook.claims or side is None:
        return None
    return first_glance(workbook, side, read_left_off(path))


def no_claims_yet(workbook: Workbook) -> str:
    """What the claim in view says before there is one: where claims come from."""
    if workbook.essay is None:  # a motion alone: the team writes its own
        return "No claims yet: n adds a claim in our words."
    return "No claims yet: v opens the essay, where c makes a sentence a claim."
