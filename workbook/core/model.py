"""The workbook's data, in debaters' words: sides, claims, points and cards.

The models mirror the file: the card library, claims and points are tables keyed by their ids,
so a validation error's location is already the field path a user can find in the file. A card
is cut once, into the library, and points refer to it by id (format 2).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from workbook.core.evidence import CITE_FIELDS as CITE_FIELDS
from workbook.core.evidence import ESSAY as ESSAY
from workbook.core.evidence import Card as Card
from workbook.core.evidence import CiteOrigin as CiteOrigin
from workbook.core.evidence import Source as Source
from workbook.core.evidence import StrictModel
from workbook.core.fields import (
    ID_PATTERN,
    Id,
    Line,
    PartialDate,
    RelativeFile,
    Text,
    shown_value,
)

FORMAT_VERSION = 2

Kind = Literal["supports", "counters", "answers"]
KINDS: tuple[Kind, ...] = ("supports", "counters", "answers")


class PointFields(StrictModel):
    """What a point says, in every format; where its cards are kept is the format's own."""

    side: Id
    kind: Kind
    answers: Line = ""
    text: Text = ""
    strength: Annotated[int, Field(ge=1, le=5)] | None = None


class Point(PointFields):
    """One argument on one side of one claim."""

    cards: list[Id] = []  # ids in the workbook's card library, in reading order


class ClaimFields(StrictModel):
    """What a claim says, in every format, apart from its points."""

    section: Line = ""
    # The essay's paragraph the quote stands in; none in a workbook of a motion alone, whose
    # claims are the team's own words (see reference_problems).
    paragraph: Annotated[int, Field(ge=1)] | None = None
    side: Id
    tag: Line = ""
    quote: Text
    tags: list[Line] = []
    notes: Text = ""


class Claim(ClaimFields):
    """A claim of the essay: its words verbatim, where they stand, and both sides' points; in a
    workbook of a motion alone, a claim in the team's own words."""

    points: dict[Id, Point] = {}


class Side(StrictModel):
    name: Line = Field(min_length=1)
    thesis: Text = ""


class Essay(StrictModel):
    """The essay under study; `file` names its text, relative to the workbook."""

    title: Line = ""
    author: Line = ""
    publication: Line = ""
    date: PartialDate = ""
    url: Line = ""
    file: RelativeFile = ""
    paragraphs: Annotated[int, Field(ge=1)]
    # The paragraphs that are headings: a claim's section is the heading above it.
    headings: list[Annotated[int, Field(ge=1)]] = []
    # Suggested sentences the debater dismissed, by their words (see essay/suggested.py): words
    # stay the same when paragraphs are dropped or inserted, where numbers would not.
    dismissed: list[Line] = []


def _field_path(value: str) -> str:
    if not all(ID_PATTERN.fullmatch(part) for part in value.split(".")):
        raise PydanticCustomError(
            "path",
            "a field path is ids and field names joined by '.' (got {shown})",
            shown_value(value),
        )
    return value


class Conflict(StrictModel):
    """A field, or a whole card, claim or point, that a merge found changed differently on the
    two sides: the workbook holds ours' value until someone chooses. Each value is as the file
    writes it; an absent one means the item did not exist on that side."""

    path: Annotated[str, AfterValidator(_field_path)]
    base: Any = None
    ours: Any = None
    theirs: Any = None


class Workbook(StrictModel):
    format: Literal[2]
    title: Line = ""
    motion: Text = ""
    # The debate format the workbook prepares for, a key of `workbook formats` (built in or the
    # user's); none: the default, Policy (high school). Not `format`, the file's version. Only
    # its shape is checked here: which formats exist is known where the formats are loaded.
    debate_format: Id | None = None
    # No essay: a card library, cards (and their sources) alone, with no claims (see
    # reference_problems); a squad's Word files are imported into one. Or, with a motion and
    # two sides, a workbook of a motion alone (limited prep): claims typed by the team.
    essay: Essay | None = None
    sides: dict[Id, Side] = {}
    # Before the cards, as in the file: what cards are cut from.
    sources: dict[Id, Source] = {}
    # Before the claims, as in the file: a card is cut once and read under any number of points.
    cards: dict[Id, Card] = {}
    claims: dict[Id, Claim] = {}
    # Written by `workbook merge` (see merging.py); empty once every conflict is resolved.
    conflicts: list[Conflict] = []

    @model_validator(mode="after")
    def _references_hold(self) -> Workbook:
        problems = reference_problems(self)
        if problems:
            path, reason = problems[0]
            raise PydanticCustomError("workbook", "{reason}", {"path": path, "reason": reason})
        return self

    def other_side(self, side: str) -> str:
        """The key of the side that is not `side`."""
        first, second = self.sides
        return second if side == first else first


def side_named(workbook: Workbook, wanted: str) -> str | None:
    """The key of the side whose key or name is `wanted` (any case), or None."""
    for key, side in workbook.sides.items():
        if wanted.lower() in (key.lower(), side.name.lower()):
            return key
    return None


def reference_problems(workbook: Workbook) -> list[tuple[str, str]]:
    """The rules that span fields, as (field path, reason) pairs, in file order."""
    problems: list[tuple[str, str]] = []
    sides = list(workbook.sides)
    essay = workbook.essay
    if essay is None and is_motion_only(workbook):
        return _motion_problems(workbook)
    if essay is None:
        return _library_problems(workbook)
    if len(sides) != 2:
        return [("sides", f"a workbook has exactly two sides (found {len(sides)})")]
    headings = essay.headings
    if headings != sorted(set(headings)):
        problems.append(("essay.headings", "list each heading's paragraph once, in order"))
    elif headings and headings[-1] > essay.paragraphs:
        problems.append(
            ("essay.headings", f"the essay has {essay.paragraphs} paragraphs, not {headings[-1]}")
        )
    problems.extend(_source_problems(workbook))
    problems.extend(_claim_problems(workbook, essay.paragraphs))
    return problems


def _claim_problems(workbook: Workbook, paragraphs: int | None) -> list[tuple[str, str]]:
    """Each claim's side, its paragraph (`paragraphs` is the essay's count; None: no essay, a
    motion alone) and its points."""
    problems: list[tuple[str, str]] = []
    known = " or ".join(repr(s) for s in workbook.sides)
    for claim_id, claim in workbook.claims.items():
        at = f"claims.{claim_id}"
        if claim.side not in workbook.sides:
            problems.append((f"{at}.side", f"unknown side {claim.side!r} (expected {known})"))
        if paragraphs is None and claim.paragraph is not None:
            problems.append(
                (f"{at}.paragraph", "a workbook of a motion alone has no essay: leave it out")
            )
        elif paragraphs is not None and claim.paragraph is None:
            problems.append((f"{at}.paragraph", "missing: the essay's paragraph of the quote"))
        elif (
            paragraphs is not None and claim.paragraph is not None and claim.paragraph > paragraphs
        ):
            problems.append(
                (f"{at}.paragraph", f"the essay has {paragraphs} paragraphs, not {claim.paragraph}")
            )
        problems.extend(_point_problems(workbook, claim_id, claim, known))
    return problems


def _motion_problems(workbook: Workbook) -> list[tuple[str, str]]:
    """A workbook of a motion alone: sides and claims as any workbook's, but nothing of an
    essay: no paragraph to a claim, no card cut from it."""
    problems = _source_problems(workbook)
    for card_id, card in workbook.cards.items():
        if card.source == ESSAY:
            problems.append(
                (f"cards.{card_id}.source", "a workbook of a motion alone has no essay to cut from")
            )
    problems.extend(_claim_problems(workbook, None))
    return problems


def _library_problems(workbook: Workbook) -> list[tuple[str, str]]:
    """A workbook with no essay is a card library: cards and their sources, nothing to claim."""
    if not (workbook.title or workbook.cards or workbook.sources):
        # A format line and nothing else is a workbook cut short, not a library: said so.
        return [
            (
                "essay",
                "missing: a workbook studies an essay; one without is a card library, "
                "with a title or cards",
            )
        ]
    if workbook.claims:
        first = next(iter(workbook.claims))
        return [
            (
                f"claims.{first}",
                "a card library (a workbook with no [essay]) has no claims; "
                "add an [essay] or take the claims out",
            )
        ]
    if len(workbook.sides) not in (0, 2):
        return [("sides", f"a card library has no sides or two (found {len(workbook.sides)})")]
    problems = _source_problems(workbook)
    for card_id, card in workbook.cards.items():
        if card.source == ESSAY:
            problems.append((f"cards.{card_id}.source", "a card library has no essay to cut from"))
    return problems


def is_library(workbook: Workbook) -> bool:
    """Whether `workbook` is a card library: cards alone, with no essay to study and no motion
    of its own to prepare."""
    return workbook.essay is None and not is_motion_only(workbook)


def without_essay(workbook: Workbook) -> str:
    """What a workbook with no essay is called where something needs one: a card library, or
    a workbook of a motion alone; one name for every refusal, so none calls one the other."""
    return "a workbook of a motion alone" if is_motion_only(workbook) else "a card library"


def is_motion_only(workbook: Workbook) -> bool:
    """Whether `workbook` prepares a motion alone, with no essay (limited prep: the motion is
    announced and the clock runs): a motion and two sides, its claims the team's own words."""
    return workbook.essay is None and bool(workbook.motion.strip()) and len(workbook.sides) == 2


def _source_problems(workbook: Workbook) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for source_id, source in workbook.sources.items():
        at = f"sources.{source_id}"
        if source_id == ESSAY:
            problems.append((at, f"{ESSAY!r} is the workbook's essay; give the source another id"))
        if source.pages and len(source.pages) != source.paragraphs:
            problems.append((f"{at}.pages", "give one page for each paragraph, or none"))
        for name in source.origins:
            if name not in CITE_FIELDS:
                problems.append((f"{at}.origins", f"{name!r} is not a cite field"))
    for card_id, card in workbook.cards.items():
        if card.source and card.source != ESSAY and card.source not in workbook.sources:
            problems.append((f"cards.{card_id}.source", f"no source {card.source!r} in [sources]"))
    return problems


def _point_problems(
    workbook: Workbook, claim_id: str, claim: Claim, known: str
) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    looping = _looping(claim)
    for point_id, point in claim.points.items():
        at = f"claims.{claim_id}.points.{point_id}"
        if point.side not in workbook.sides:
            problems.append((f"{at}.side", f"unknown side {point.side!r} (expected {known})"))
            continue
        if point.kind == "supports" and point.side != claim.side:
            problems.append(
                (f"{at}.kind", "a point that supports the claim is on the claim's side")
            )
        if point.kind == "counters" and point.side == claim.side:
            problems.append((f"{at}.kind", "a point that counters the claim is on the other side"))
        problems.extend(_card_problems(workbook, at, point))
        if point.kind != "answers":
            if point.answers:
                problems.append((f"{at}.answers", "only a point of kind 'answers' answers one"))
            continue
        target = claim.points.get(point.answers)
        if not point.answers:
            problems.append((f"{at}.answers", "name the point this one answers"))
        elif target is None:
            problems.append((f"{at}.answers", f"no point {point.answers!r} in this claim"))
        elif target.side == point.side:
            problems.append(
                (f"{at}.answers", f"{point.answers!r} is on the same side; answer the other side")
            )
        elif point_id in looping:
            problems.append((f"{at}.answers", "these answers go round in a loop"))
    return problems


def _card_problems(workbook: Workbook, at: str, point: Point) -> list[tuple[str, str]]:
    seen: set[str] = set()
    for card_id in point.cards:
        if card_id not in workbook.cards:
            return [(f"{at}.cards", f"no card {card_id!r} in the card library ([cards])")]
        if card_id in seen:
            return [(f"{at}.cards", f"card {card_id!r} is listed twice")]
        seen.add(card_id)
    return []


def _looping(claim: Claim) -> set[str]:
    """The points of `claim` whose chain of answers goes round in a loop, or runs into one.

    Each point is walked once: a walk stops at a point already settled, so a long chain of
    answers costs its length, not its length squared."""
    settled: dict[str, bool] = {}  # point id: whether its chain loops
    for start, point in claim.points.items():
        if point.kind != "answers" or start in settled:
            continue
        path: dict[str, None] = {}  # the walk so far, in order, for membership in O(1)
        current: str | None = start
        while current is not None and current not in settled and current not in path:
            path[current] = None
            step = claim.points.get(current)
            answered = step.answers if step is not None and step.kind == "answers" else ""
            current = answered or None
        loops = current is not None and (current in path or settled[current])
        settled.update(dict.fromkeys(path, loops))
    return {point_id for point_id, loops in settled.items() if loops}
