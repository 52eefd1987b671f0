"""Block drills: the other side's points as flashcards, answered aloud, in spaced repetition.

Each point is in a Leitner box: a point answered well moves up a box and comes back later; a
point missed goes back to the first box and comes back the same day. The weakest points come
first. The history is kept outside the workbook (so the workbook stays clean for git): beside
it as `NAME.drills.toml`, or in the user's state folder when that folder cannot be written. It
is written as storage/owned.py writes every file the workbook owns: never through a link out of
its folder, never over a file that is no drill history (a workbook that happens to have its
name), with a backup; what else the file holds is kept.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from workbook.storage.files import WorkbookError
from workbook.storage.locations import state_file
from workbook.storage.owned import Kind, refuse_a_link_out, text_or_toml, write_owned
from workbook.storage.places import is_bundled
from workbook.storage.toml_data import looks_like_workbook, parse_toml, read_toml

if TYPE_CHECKING:
    from workbook.core.model import Point, Workbook

INTERVALS = (0, 1, 3, 7, 14)  # days until a point in box 1, 2, … 5 comes back
TOP_BOX = len(INTERVALS)
SUFFIX = ".drills.toml"


@dataclass(frozen=True)
class Record:
    """How a point has gone in drills: its box, when it is next due, and the tally."""

    box: int = 1
    due: dt.date | None = None  # None: never drilled, due now
    got: int = 0
    missed: int = 0


@dataclass(frozen=True)
class Drill:
    claim_id: str
    point_id: str

    @property
    def key(self) -> str:
        return f"{self.claim_id}/{self.point_id}"


def mark(record: Record | None, got_it: bool, today: dt.date) -> Record:
    """The record after one answer: up a box when got, back to the first when missed."""
    record = record or Record()
    if got_it:
        box = min(record.box + 1, TOP_BOX)
        return Record(box, today + dt.timedelta(INTERVALS[box - 1]), record.got + 1, record.missed)
    return Record(1, today, record.got, record.missed + 1)


def is_due(record: Record | None, today: dt.date) -> bool:
    return record is None or record.due is None or record.due <= today


def order(drills: list[Drill], history: dict[str, Record], today: dt.date) -> list[Drill]:
    """Due points first, weakest first (lowest box, most misses), then the rest by due date;
    ties keep the workbook's order."""

    def weakness(item: tuple[int, Drill]) -> tuple[bool, int, int, dt.date, int]:
        index, drill = item
        record = history.get(drill.key)
        due = record.due if record and record.due else dt.date.min
        box = record.box if record else 1
        missed = record.missed if record else 0
        return (not is_due(record, today), box, -missed, due, index)

    return [drill for _, drill in sorted(enumerate(drills), key=weakness)]


def drills_for(workbook: Workbook, ours: str, claims: list[str] | None = None) -> list[Drill]:
    """Every point of the other side, claim by claim: each is a drill for `ours`."""
    theirs = workbook.other_side(ours)
    return [
        Drill(claim_id, point_id)
        for claim_id in (claims if claims is not None else workbook.claims)
        for point_id, point in workbook.claims[claim_id].points.items()
        if point.side == theirs
    ]


def our_answers(workbook: Workbook, drill: Drill, ours: str) -> list[tuple[str, Point]]:
    """Our prepared answers to the drill's point, in the claim's order."""
    claim = workbook.claims[drill.claim_id]
    return [
        (point_id, point)
        for point_id, point in claim.points.items()
        if point.side == ours and point.kind == "answers" and point.answers == drill.point_id
    ]


# Where the history is kept.


def history_path(workbook_path: Path) -> Path:
    """`NAME.drills.toml` beside the workbook, or in the state folder where the workbook's
    folder cannot be written (the bundled seed, a read-only checkout)."""
    folder = workbook_path.resolve().parent
    beside = folder / f"{workbook_path.stem}{SUFFIX}"
    if not is_bundled(workbook_path) and os.access(folder, os.W_OK):
        return beside
    return state_file("drills", workbook_path, SUFFIX)


def _date(value: object, where: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise WorkbookError(f"{where}: must be a date, YYYY-MM-DD (got {value!r})")


def _count(value: object, where: str, low: int, high: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    raise WorkbookError(f"{where}: must be a whole number from {low} to {high} (got {value!r})")


def _not_history(raw: bytes) -> str | None:
    """What a file is when it is no drill history: an empty file, or TOML with a `drills`
    table and nothing of a workbook, is one."""
    try:
        data = parse_toml(raw.decode("utf-8-sig"))
    except ValueError:  # not UTF-8, not TOML, nested too deeply: what it is, the text check says
        return text_or_toml(raw) or "text that is not TOML"
    if looks_like_workbook(data):
        return "a workbook"
    return None if not data or "drills" in data else "TOML data of another kind"


HISTORY = Kind("drill history", _not_history)


def _read(path: Path) -> dict[str, Any]:
    """The history file's data, all of it; an empty table when the file is not there."""
    if not os.path.lexists(path):
        return {}
    refuse_a_link_out(path, HISTORY)
    _, data = read_toml(path)
    if looks_like_workbook(data):
        raise WorkbookError(f"{path}: is a workbook, not a drill history")
    if data and "drills" not in data:
        raise WorkbookError(f"{path}: is TOML data of another kind, not a drill history")
    return data


def load_history(path: Path) -> dict[str, Record]:
    """The history in `path`; none yet when the file is not there."""
    table = _read(path).get("drills", {})
    if not isinstance(table, dict):
        raise WorkbookError(f"{path}: drills: must be a table")
    history: dict[str, Record] = {}
    for key, entry in table.items():
        where = f"{path}: drills.{key!r}"
        if not isinstance(entry, dict):
            raise WorkbookError(f"{where}: must be a table")
        history[key] = Record(
            _count(entry.get("box", 1), f"{where}.box", 1, TOP_BOX),
            _date(entry["due"], f"{where}.due") if "due" in entry else None,
            _count(entry.get("got", 0), f"{where}.got", 0, 10**9),
            _count(entry.get("missed", 0), f"{where}.missed", 0, 10**9),
        )
    return history


def dumps_history(history: dict[str, Record], kept: dict[str, Any] | None = None) -> str:
    """The history as TOML; `kept`: what else the file held, written back as it was (the
    marks of points not in `history` among it)."""
    kept = kept or {}
    drills = kept.get("drills")
    table: dict[str, Any] = dict(drills) if isinstance(drills, dict) else {}
    for key in sorted(history):
        record = history[key]
        entry: dict[str, Any] = {"box": record.box, "got": record.got, "missed": record.missed}
        if record.due is not None:
            entry["due"] = record.due
        table[key] = entry
    return tomli_w.dumps({**kept, "drills": dict(sorted(table.items()))})


def save_history(path: Path, history: dict[str, Record]) -> None:
    """Atomically: a kill at any moment leaves the old history or the new one whole. What
    else the file holds is kept; a file that is no drill history is never replaced."""
    kept = _read(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WorkbookError(f"{path}: cannot save: {error.strerror or error}") from None
    write_owned(path, dumps_history(history, kept).encode("utf-8"), HISTORY)
