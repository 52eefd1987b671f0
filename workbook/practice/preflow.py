"""A round started from the prep: a sheet a claim, each side's prepared points in its first
constructive, and each prepared answer in the column of the speech that would give it, its
side's next speech after the point it answers."""

from __future__ import annotations

from dataclasses import dataclass

from workbook.core.model import Claim, Workbook, is_library
from workbook.practice.flow import FLOW_VERSION, Argument, Flow, Sheet, columns
from workbook.practice.formats import Format
from workbook.storage.files import WorkbookError


@dataclass(frozen=True)
class Round:
    """Who, where and when: what `flow new` is told besides the workbook and the format."""

    tournament: str = ""
    round: str = ""
    opponent: str = ""
    judge: str = ""


def refuse_a_library(workbook: Workbook) -> None:
    """A WorkbookError for a card library, which has no claims or sides to flow. Asked of the
    model, which says what a card library is, so a workbook of another kind (one from a motion
    alone, say) is flowed as its model allows."""
    if is_library(workbook):
        raise WorkbookError("a card library has no claims to flow; start from a workbook")


def format_sides(workbook: Workbook, fmt: Format) -> dict[str, str]:
    """The format's sides, by name, to the workbook's: the workbook's first side speaks first
    (Aff, Pro, Gov, Prop), its second side second."""
    return dict(zip(fmt.sides, workbook.sides, strict=True))


def side_of_format(workbook: Workbook, fmt: Format, wanted: str) -> str:
    """The format's side named by `wanted`: one of the format's sides, or the workbook's side
    (key or name) that debates it; a WorkbookError of one line if it is neither."""
    refuse_a_library(workbook)
    sides = format_sides(workbook, fmt)
    for side, prep_side in sides.items():
        names = (side, prep_side, workbook.sides[prep_side].name)
        if wanted.lower() in (name.lower() for name in names):
            return side
    known = ", ".join(f"{side} ({workbook.sides[key].name})" for side, key in sides.items())
    raise WorkbookError(f"--as: no side {wanted!r} (sides: {known})")


def preflow(
    workbook: Workbook, fmt: Format, workbook_file: str, ours: str, meta: Round = Round()
) -> tuple[Flow, int]:
    """The round pre-flowed from `workbook`, named in the flow by `workbook_file`, and how many
    prepared answers were left off for coming after the format's last speech of their side."""
    refuse_a_library(workbook)
    names = [speech.name for speech in columns(fmt)]
    if len(set(names)) != len(names):
        raise WorkbookError(f"--format: {fmt.name} names a speech twice; a flow needs each once")
    sides = format_sides(workbook, fmt)
    sheets: dict[str, Sheet] = {}
    left_off = 0
    for claim_id, claim in workbook.claims.items():
        arguments, missed = _sheet_arguments(claim, fmt, {v: k for k, v in sides.items()})
        sheets[claim_id] = Sheet(title=sheet_title(claim), claim=claim_id, arguments=arguments)
        left_off += missed
    if not sheets:
        # Limited prep: the round may begin before any claim is written. A sheet of its own,
        # under the motion, is one to flow it on.
        sheets[MOTION_SHEET] = Sheet(title=_one_line(workbook.motion) or "The motion")
    flow = Flow(
        flow=FLOW_VERSION,
        workbook=workbook_file,
        format=fmt.key,
        ours=ours,
        sides=sides,
        tournament=meta.tournament,
        round=meta.round,
        opponent=meta.opponent,
        judge=meta.judge,
        sheets=sheets,
    )
    return flow, left_off


# The most characters of a claim's quote that title its sheet when it has no tag.
TITLE_MOST = 100
# The sheet of a round started with no claim written: a position of its own, the motion's.
MOTION_SHEET = "motion"


def _one_line(words: str) -> str:
    joined = " ".join(words.split())
    return joined if len(joined) <= TITLE_MOST else joined[: TITLE_MOST - 1] + "…"


def sheet_title(claim: Claim) -> str:
    """A claim's sheet as a debater knows it: by its tag, or while it has none by its quote in
    quotation marks, on one line and cut short; never by its id, which no one typed."""
    if claim.tag:
        return claim.tag
    cut = _one_line(claim.quote)
    return f"“{cut}”" if cut else ""


def _sheet_arguments(
    claim: Claim, fmt: Format, format_side: dict[str, str]
) -> tuple[dict[str, Argument], int]:
    """A claim's points placed in their speeches, in the claim's order; and how many had no
    speech to stand in (an answer after its side's last speech, or what answers one)."""
    speeches = columns(fmt)
    first: dict[str, int] = {}  # each side's first speech
    for index, speech in enumerate(speeches):
        first.setdefault(speech.side, index)
    placed: dict[str, int | None] = {}  # point id: its column, None when there is none

    def column_of(point_id: str) -> int | None:
        # The chain of answers is walked from its unplaced end back to a placed point, then
        # placed forward: each point once, with no recursion however long the chain.
        chain: list[str] = []
        current = point_id
        while current not in placed:
            chain.append(current)
            point = claim.points[current]
            if point.kind != "answers":
                break
            current = point.answers
        for pid in reversed(chain):
            point = claim.points[pid]
            side = format_side[point.side]
            if point.kind != "answers":
                placed[pid] = first.get(side)
                continue
            after = placed[point.answers]
            placed[pid] = (
                None
                if after is None
                else next(
                    (i for i in range(after + 1, len(speeches)) if speeches[i].side == side), None
                )
            )
        return placed[point_id]

    arguments: dict[str, Argument] = {}
    missed = 0
    for point_id, point in claim.points.items():
        column = column_of(point_id)
        if column is None:
            missed += 1
            continue
        arguments[point_id] = Argument(
            speech=speeches[column].name,
            text=point.text,
            answers=point.answers if point.kind == "answers" else "",
            point=point_id,
        )
    return arguments, missed
