"""A flow's edits as values, for whatever flows a round (the app, a script): an argument written
into a column, a prepared answer pulled across as a quick response, an argument extended into
its side's next speech, a mark set. Each keeps the flow within its format's rules
(`flow.format_problems`), so that what is flowed is always a flow that reads back."""

from __future__ import annotations

from workbook.core.model import Workbook
from workbook.practice.flow import (
    Argument,
    Flow,
    Mark,
    Sheet,
    argument_problems,
    columns,
    next_speeches,
)
from workbook.practice.formats import Format
from workbook.storage.files import WorkbookError


def free_id(sheet: Sheet, prefix: str = "a") -> str:
    """The first of PREFIX1, PREFIX2, ... that no argument of the sheet has."""
    number = len(sheet.arguments) + 1
    while f"{prefix}{number}" in sheet.arguments:
        number += 1
    return f"{prefix}{number}"


def _argument(flow: Flow, sheet_id: str, argument_id: str) -> Argument:
    sheet = flow.sheets.get(sheet_id)
    if sheet is None or argument_id not in sheet.arguments:
        raise WorkbookError(f"no argument {argument_id!r} on sheet {sheet_id!r}")
    return sheet.arguments[argument_id]


def own_next_speech(fmt: Format, speech: str) -> str | None:
    """The same side's next speech after `speech`, where an extension goes; None after its
    last."""
    speeches = columns(fmt)
    names = [s.name for s in speeches]
    if speech not in names:
        return None
    side = speeches[names.index(speech)].side
    return next((s.name for s in speeches[names.index(speech) + 1 :] if s.side == side), None)


def write(
    flow: Flow,
    fmt: Format,
    sheet_id: str,
    speech: str,
    text: str,
    *,
    answers: str = "",
    extends: str = "",
    point: str = "",
) -> str:
    """Write an argument into `speech`'s column of the sheet; its new id. Refused (a
    WorkbookError of one line) when the format does not allow it: an unknown speech, an
    answer to its own side or to a later speech, an extension of the other side."""
    sheet = flow.sheets.get(sheet_id)
    if sheet is None:
        raise WorkbookError(f"no sheet {sheet_id!r}")
    for target in (answers, extends):
        if target and target not in sheet.arguments:
            raise WorkbookError(f"no argument {target!r} on sheet {sheet_id!r}")
    added = Argument(speech=speech, text=text, answers=answers, extends=extends, point=point)
    problems = argument_problems(sheet.arguments, added, fmt)
    if problems:
        name, reason = problems[0]
        raise WorkbookError(f"{name}: {reason}")
    argument_id = free_id(sheet)
    sheet.arguments[argument_id] = added
    return argument_id


def quick_responses(flow: Flow, workbook: Workbook, sheet_id: str, argument_id: str) -> list[str]:
    """The prepared answers (point ids of the sheet's claim) to the prepared point the argument
    came from, that are not on the sheet yet, in the claim's order."""
    argument = _argument(flow, sheet_id, argument_id)
    sheet = flow.sheets[sheet_id]
    claim = workbook.claims.get(sheet.claim)
    if claim is None or not argument.point:
        return []
    flowed = {a.point for a in sheet.arguments.values() if a.point}
    return [
        point_id
        for point_id, point in claim.points.items()
        if point.kind == "answers" and point.answers == argument.point and point_id not in flowed
    ]


def pull_response(
    flow: Flow, fmt: Format, workbook: Workbook, sheet_id: str, argument_id: str, point_id: str
) -> str:
    """A prepared answer pulled across from the argument it answers, into the other side's next
    speech after it: its words, and the point it came from. Its new id."""
    argument = _argument(flow, sheet_id, argument_id)
    speech = next_speeches(fmt).get(argument.speech)
    if speech is None:
        raise WorkbookError(f"no speech of the other side comes after {argument.speech}")
    claim = workbook.claims.get(flow.sheets[sheet_id].claim)
    point = claim.points.get(point_id) if claim is not None else None
    if point is None:
        raise WorkbookError(f"no prepared point {point_id!r} for sheet {sheet_id!r}")
    return write(flow, fmt, sheet_id, speech, point.text, answers=argument_id, point=point_id)


def extend(flow: Flow, fmt: Format, sheet_id: str, argument_id: str) -> str:
    """The argument carried into its side's next speech, as an extension of its own. Its id."""
    argument = _argument(flow, sheet_id, argument_id)
    speech = own_next_speech(fmt, argument.speech)
    if speech is None:
        raise WorkbookError(f"{argument.speech} is its side's last speech: nothing to extend into")
    return write(flow, fmt, sheet_id, speech, "", extends=argument_id)


def mark(flow: Flow, sheet_id: str, argument_id: str, marked: Mark) -> None:
    """Set the argument's mark: kicked, conceded, or none."""
    _argument(flow, sheet_id, argument_id).mark = marked


def reword(flow: Flow, sheet_id: str, argument_id: str, text: str) -> None:
    """The argument's words, as typed again."""
    _argument(flow, sheet_id, argument_id).text = text


def remove(flow: Flow, sheet_id: str, argument_id: str) -> None:
    """Take an argument off its sheet; refused while another answers or extends it, so that
    every answer still stands across from what it answers."""
    _argument(flow, sheet_id, argument_id)
    arguments = flow.sheets[sheet_id].arguments
    following = [aid for aid, a in arguments.items() if argument_id in (a.answers, a.extends)]
    if following:
        raise WorkbookError(
            f"{argument_id} is answered or extended by {', '.join(following)}: take those first"
        )
    del arguments[argument_id]


def offered_answers(
    flow: Flow, fmt: Format, workbook: Workbook, sheet_id: str, argument_id: str
) -> list[str]:
    """What a quick response offers for an argument (point ids of the sheet's claim): its
    prepared answers not on the sheet yet (`quick_responses`); for an argument typed in the
    round, which no prepared point stands behind, every prepared point of the side that answers
    it, its answers first, but those already answering this argument. What the other side says
    in the round is seldom what the prep foresaw: any of the side's prepared points may answer
    it."""
    argument = _argument(flow, sheet_id, argument_id)
    if argument.point:
        return quick_responses(flow, workbook, sheet_id, argument_id)
    sheet = flow.sheets[sheet_id]
    claim = workbook.claims.get(sheet.claim)
    speech = next_speeches(fmt).get(argument.speech)
    if claim is None or speech is None:
        return []
    side = flow.sides[next(s.side for s in columns(fmt) if s.name == speech)]
    taken = {a.point for a in sheet.arguments.values() if a.answers == argument_id}
    mine = [pid for pid, p in claim.points.items() if p.side == side and pid not in taken]
    return sorted(mine, key=lambda pid: claim.points[pid].kind != "answers")
