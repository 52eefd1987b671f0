"""A round, flowed: sheets (one a claim, or a position of its own), a column a speech of the
format, and in each column the arguments its side made, each across from what it answers.

The models mirror the flow file as the workbook's mirror the workbook: sheets and arguments are
tables keyed by their ids, so a validation error's location is the field path a user finds in
the file, and two copies changed in different arguments merge line by line. What needs the
format (a speech's name and side) is checked by `format_problems`, once the format is known.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from workbook.core.evidence import StrictModel
from workbook.core.fields import Id, Line, RelativeFile, Text
from workbook.practice.formats import Format, Speech

FLOW_VERSION: Literal[1] = 1

# What a debater marks on an argument: kicked by its own side (it no longer needs answering),
# or conceded by the other side (granted, not dropped).
Mark = Literal["", "kicked", "conceded"]


class Argument(StrictModel):
    """One argument as flowed: the speech (column) it was made in, its words, and what it
    answers or carries forward, by id in the same sheet."""

    speech: Annotated[Line, Field(min_length=1)]
    text: Text = ""
    answers: Line = ""  # the id of the other side's argument it answers
    extends: Line = ""  # the id of its own side's earlier argument it carries forward
    mark: Mark = ""
    point: Line = ""  # the prepared point of the sheet's claim it came from, if any


class Sheet(StrictModel):
    """A sheet of the flow: a claim of the workbook (`claim`), or a position of its own."""

    title: Line = ""
    claim: Line = ""
    arguments: dict[Id, Argument] = {}

    @model_validator(mode="after")
    def _references_hold(self) -> Sheet:
        for argument_id, argument in self.arguments.items():
            for name in ("answers", "extends"):
                target = getattr(argument, name)
                if target and target not in self.arguments:
                    raise PydanticCustomError(
                        "flow",
                        "{reason}",
                        {
                            "path": f"arguments.{argument_id}.{name}",
                            "reason": f"no argument {target!r} in this sheet",
                        },
                    )
        return self


class Flow(StrictModel):
    """A round of a workbook in a format, flowed."""

    flow: Literal[1]
    workbook: Annotated[RelativeFile, Field(min_length=1)]  # inside the flow file's folder
    format: Annotated[Line, Field(min_length=1)]  # a key of `workbook formats`
    ours: Annotated[Line, Field(min_length=1)]  # the format's side the team debates
    # Each of the format's sides, by its name, to the workbook's side it debates.
    sides: dict[str, Id]
    tournament: Line = ""
    round: Line = ""
    opponent: Line = ""
    judge: Line = ""
    sheets: dict[Id, Sheet] = {}


def columns(fmt: Format) -> tuple[Speech, ...]:
    """The flow's columns: the speeches of the format that a side gives, in order (a
    cross-examination, which both sides share, has no column)."""
    return tuple(speech for speech in fmt.speeches if speech.side)


def format_problems(flow: Flow, fmt: Format) -> list[tuple[str, str]]:
    """What the flow says that its format does not allow, as (field path, reason) pairs: an
    unknown side or speech, an answer to its own side or to a later speech, an extension of
    the other side or of a later speech."""
    problems: list[tuple[str, str]] = []
    speeches = columns(fmt)
    names = [speech.name for speech in speeches]
    if len(set(names)) != len(names):
        return [("format", f"{fmt.name} names a speech twice; a flow needs each name once")]
    if set(flow.sides) != set(fmt.sides):
        return [("sides", f"name {fmt.name}'s sides, {' and '.join(fmt.sides)}")]
    if flow.ours not in fmt.sides:
        return [("ours", f"{flow.ours!r} is not a side of {fmt.name} ({', '.join(fmt.sides)})")]
    for sheet_id, sheet in flow.sheets.items():
        for argument_id, argument in sheet.arguments.items():
            path = f"sheets.{sheet_id}.arguments.{argument_id}"
            problems += [
                (f"{path}.{name}", reason)
                for name, reason in argument_problems(sheet.arguments, argument, fmt, speeches)
            ]
    return problems


def argument_problems(
    arguments: Mapping[str, Argument],
    argument: Argument,
    fmt: Format,
    speeches: tuple[Speech, ...] | None = None,
) -> list[tuple[str, str]]:
    """What the format does not allow of one argument among its sheet's `arguments`, as
    (field, reason) pairs: an unknown speech, an answer to its own side or to a later speech,
    an extension of the other side or of a later speech."""
    speeches = columns(fmt) if speeches is None else speeches
    at = {speech.name: index for index, speech in enumerate(speeches)}
    if argument.speech not in at:
        names = ", ".join(at)
        return [("speech", f"no speech {argument.speech!r} in {fmt.name} ({names})")]
    side_of = {speech.name: speech.side for speech in speeches}
    problems: list[tuple[str, str]] = []
    for name, same_side in (("answers", False), ("extends", True)):
        target_id = getattr(argument, name)
        target = arguments.get(target_id) if target_id else None
        if target is None or target.speech not in at:
            continue
        if (side_of[target.speech] == side_of[argument.speech]) != same_side:
            side = "its own side" if same_side else "the other side"
            problems.append((name, f"{target_id!r} is not of {side}"))
        elif at[target.speech] >= at[argument.speech]:
            problems.append((name, f"{target_id!r} comes in this speech or after it"))
    return problems


@dataclass(frozen=True)
class Placed:
    """An argument as the unanswered computation sees it: its side and what it answers."""

    side: str
    answers: str


@dataclass(frozen=True)
class Drop:
    """An argument the other side did not answer in its next speech."""

    sheet: str
    argument: str
    speech: str
    side: str
    text: str
    unanswered_in: str  # the other side's speech that left it unanswered
    point: str


def next_speeches(fmt: Format) -> dict[str, str]:
    """For each column, the other side's next speech after it; a speech the other side never
    speaks after has none."""
    following: dict[str, str] = {}
    waiting: list[Speech] = []  # speeches whose other side has not spoken since
    for speech in columns(fmt):
        still: list[Speech] = []
        for earlier in waiting:
            if earlier.side != speech.side:
                following[earlier.name] = speech.name
            else:
                still.append(earlier)
        waiting = [*still, speech]
    return following


def drops(flow: Flow, fmt: Format) -> list[Drop]:
    """Every argument the other side did not answer in its next speech, unless it was kicked
    or conceded, sheet by sheet in column order (`sheet_drops` of each)."""
    return [
        drop
        for sheet_id, sheet in flow.sheets.items()
        for drop in sheet_drops(sheet_id, sheet, fmt)
    ]


def sheet_drops(sheet_id: str, sheet: Sheet, fmt: Format) -> list[Drop]:
    """The drops of one sheet, in column order: what an edit to the sheet changes, worked out
    in the time of the sheet alone, however many sheets the flow has. An extension is an
    argument of its own, so an argument carried into a later speech must be answered again
    after it. The answering is coverage's own computation (`unanswered_among`), asked of a
    speech's arguments with those of the other side's next speech."""
    from workbook.core.coverage import unanswered_among

    side_of = {speech.name: speech.side for speech in columns(fmt)}
    following = next_speeches(fmt)
    found: list[Drop] = []
    by_speech: dict[str, dict[str, Argument]] = {}
    for argument_id, argument in sheet.arguments.items():
        by_speech.setdefault(argument.speech, {})[argument_id] = argument
    for speech in columns(fmt):
        made = by_speech.get(speech.name, {})
        answering_in = following.get(speech.name)
        if not made or answering_in is None:
            continue
        live = {aid: a for aid, a in made.items() if not a.mark}
        replies = by_speech.get(answering_in, {})
        among = {aid: Placed(side_of[a.speech], a.answers) for aid, a in (live | replies).items()}
        other = side_of[answering_in]
        for argument_id in unanswered_among(among, other):
            if argument_id not in live:
                continue
            argument = live[argument_id]
            found.append(
                Drop(
                    sheet_id,
                    argument_id,
                    speech.name,
                    speech.side,
                    argument.text,
                    answering_in,
                    argument.point,
                )
            )
    return found
