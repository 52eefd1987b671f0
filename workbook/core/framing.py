"""What the debate is about: the motion, each side's name and thesis, and the format it is
debated in.

A workbook's framing changes as one step of the draft (see `edits.Draft.frame`), which undo
takes back like any other, and which the journal keeps until it is saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from workbook.core.model import Side, Workbook


@dataclass(frozen=True)
class Framing:
    """The motion, the two sides by their keys, each with its name and thesis, and the debate
    format (None: the default)."""

    motion: str
    sides: Mapping[str, Side]
    debate_format: str | None = None


def framing_of(workbook: Workbook) -> Framing:
    return Framing(workbook.motion, dict(workbook.sides), workbook.debate_format)


def framing_problem(workbook: Workbook, framing: Framing) -> str:
    """Why `framing` cannot be the workbook's (a field path and a reason), or ""."""
    if list(framing.sides) != list(workbook.sides):
        return f"sides: the two sides keep their keys ({', '.join(workbook.sides)})"
    first, second = (side.name.strip().lower() for side in framing.sides.values())
    if first == second:
        return f"sides.{list(framing.sides)[1]}.name: the two sides need different names"
    return ""
