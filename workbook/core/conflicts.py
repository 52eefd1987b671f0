"""The conflicts a merge kept as data: how many are new, what `check` says of them, and one
settled on the version a person chose."""

from __future__ import annotations

from typing import Literal

from pydantic import ValidationError

from workbook.core.model import Workbook

Choice = Literal["base", "ours", "theirs"]


def new_conflicts(merged: Workbook, ours: Workbook) -> int:
    """How many conflicts the merge recorded beyond those ours already had."""
    return len(merged.conflicts) - len([c for c in ours.conflicts if c in merged.conflicts])


def conflict_lines(workbook: Workbook) -> list[str]:
    """What `workbook check` says of a workbook's conflicts: nothing when there are none."""
    conflicts = workbook.conflicts
    if not conflicts:
        return []
    noun = "conflict" if len(conflicts) == 1 else "conflicts"
    lines = [f"  {len(conflicts)} {noun} to resolve (each holds ours; see [[conflicts]]):"]
    return lines + [f"    {conflict.path}" for conflict in conflicts]


def resolve(workbook: Workbook, index: int, choice: Choice) -> Workbook:
    """The workbook with conflict `index` settled on the `choice` version (an absent one
    deletes the item) and taken off the list. Raises ValueError if the choice leaves the
    workbook invalid, for example an answer to the point it deletes."""
    conflict = workbook.conflicts[index]
    data = workbook.model_dump()
    del data["conflicts"][index]
    value = getattr(conflict, choice)
    parts = conflict.path.split(".")
    parent = data
    for part in parts[:-1]:
        parent = parent[part]
    # An absent value deletes the item, or empties the field: validation puts its default back.
    if value is None:
        parent.pop(parts[-1], None)
    else:
        parent[parts[-1]] = value
    try:
        return Workbook.model_validate(data)
    except ValidationError as error:
        raise ValueError(str(error.errors(include_url=False)[0]["msg"])) from None
