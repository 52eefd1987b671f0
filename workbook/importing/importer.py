"""A new workbook from a document: the essay's text written beside it, two sides, no claims.

Nothing is written until everything has been checked, and the essay is written before the
workbook, so that a workbook never names an essay that is not there.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbook.core.model import FORMAT_VERSION, Workbook
from workbook.essay.paragraphs import split_paragraphs
from workbook.importing.document import Document, clean
from workbook.storage.files import (
    ReadError,
    WorkbookError,
    read_bytes,
    same_file,
    utf8,
    write_atomic,
    write_target,
)
from workbook.storage.places import is_bundled
from workbook.storage.store import save, validate

# A new workbook without a motion is the author's essay against whoever disagrees; the app
# offers to name the two sides better while a workbook still has these names and no claims.
DEFAULT_SIDES = (("author", "The author"), ("opposing", "The other side"))
# With a motion, the sides are the debate's: the first side's thesis is the motion.
MOTION_SIDES = (("proposition", "Proposition"), ("opposition", "Opposition"))

_KEY = re.compile(r"[A-Za-z0-9_-]+")


def sides_to_name(workbook: Workbook) -> bool:
    """Whether the app asks who argues what as a workbook without claims opens: no side says
    what it argues, and a side still has the name `workbook new` gave it for want of one, or
    a motion stands that no side is said to propose. Sides named twice with `--side` are the
    user's own; with `--motion`, the first side's thesis is the motion."""
    sides = workbook.sides.values()
    if any(side.thesis for side in sides):
        return False
    placeholders = {name for _, name in DEFAULT_SIDES}
    return bool(workbook.motion) or any(side.name in placeholders for side in sides)


def parse_side(spec: str) -> tuple[str, str]:
    """A side as KEY=NAME, the key an id and the name one line of text; ValueError otherwise."""
    key, equals, name = spec.partition("=")
    if not equals:
        raise ValueError(f"expected KEY=NAME (got {spec!r})")
    if not _KEY.fullmatch(key):
        raise ValueError(f"a side's key uses only letters, digits, '-' and '_' (got {key!r})")
    name = name.strip()
    if not name:
        raise ValueError(f"{key}: the side needs a name")
    if "\n" in name or "\r" in name:
        raise ValueError(f"{key}: a side's name is one line")
    return key, name


def choose_sides(motion: str, named: Sequence[tuple[str, str]] = ()) -> dict[str, dict[str, str]]:
    """The two sides, as the workbook's data: `named` (KEY, NAME) pairs first, the defaults
    for the rest (see DEFAULT_SIDES and MOTION_SIDES); ValueError for more than two sides or
    two with one key."""
    if len(named) > 2:
        raise ValueError(f"a workbook has two sides (got {len(named)})")
    defaults = MOTION_SIDES if motion else DEFAULT_SIDES
    (first, first_name), (second, second_name) = [*named, *defaults[len(named) :]]
    if first == second:
        raise ValueError(f"the two sides need different keys (both are {first!r})")
    return {
        first: {"name": first_name, "thesis": motion},
        second: {"name": second_name, "thesis": ""},
    }


def essay_file_for(out: Path) -> Path:
    """Where a new workbook's essay goes: beside it, named after it."""
    return out.with_suffix(".txt")


def essay_text(document: Document) -> str:
    """The essay as the workbook reads it: one paragraph a line, headings included, no blank
    line, so that `essay.split_paragraphs` gives back exactly the document's paragraphs."""
    return "".join(f"{paragraph}\n" for paragraph in document.paragraphs)


def build_workbook(
    document: Document,
    out: Path,
    *,
    fallback_title: str,
    motion: str = "",
    sides: Sequence[tuple[str, str]] = (),
) -> Workbook:
    """The workbook for `document`, to be written at `out`, validated: its title is the
    document's, or `fallback_title`; no claims yet. Raises a WorkbookError naming `out`."""
    motion = motion.strip()
    essay: dict[str, Any] = {
        "title": document.title,
        "author": document.author,
        "publication": document.site,
        "date": document.date,
        "url": document.url,
        "file": essay_file_for(out).name,
        "paragraphs": len(document.paragraphs),
        "headings": list(document.headings),
    }
    try:
        chosen = choose_sides(motion, sides)
    except ValueError as error:
        raise WorkbookError(f"{out}: sides: {error}") from None
    data: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "title": document.title or clean(fallback_title),
        "motion": motion,
        "essay": essay,
        "sides": chosen,
    }
    return validate(data, out)


def motion_workbook(out: Path, motion: str, sides: Sequence[tuple[str, str]] = ()) -> Workbook:
    """A workbook of a motion alone, to be written at `out`: limited prep, where the motion is
    announced with no essay to study; its claims will be the team's own words."""
    motion = motion.strip()
    if not motion:
        raise WorkbookError(f"{out}: --motion: a workbook of a motion alone needs its motion")
    try:
        chosen = choose_sides(motion, sides)
    except ValueError as error:
        raise WorkbookError(f"{out}: sides: {error}") from None
    data = {"format": FORMAT_VERSION, "motion": motion, "sides": chosen}
    return validate(data, out)


def write_motion_only(workbook: Workbook, out: Path, *, force: bool = False) -> None:
    """Write a workbook of a motion alone at `out`, refusing what `write_new` refuses of the
    workbook itself: a name not ending in .toml, a bundled position, one there unless `force`."""
    if out.suffix != ".toml":
        raise WorkbookError(f"{out}: a workbook's name ends in .toml")
    if is_bundled(out):
        raise WorkbookError(f"{out}: is among the bundled positions, which are read-only")
    if os.path.lexists(out) and not force:
        raise WorkbookError(f"{out}: already exists (--force replaces it)")
    write_target(out)
    save(workbook, out)


@dataclass(frozen=True)
class Written:
    """What `write_new` did: the essay is None when the one already there was kept."""

    workbook: Path
    essay: Path | None


def write_new(
    workbook: Workbook,
    document: Document,
    out: Path,
    *,
    force: bool = False,
    source: Path | None = None,
) -> Written:
    """Write the essay's text, then the workbook, at `out`. Refuses, writing nothing: a name
    that does not end in .toml, a bundled position, an existing workbook or an essay with
    other text unless `force`, and ever the `source` document itself. An essay already there
    with the same paragraphs is kept as it is; one that leads out of the workbook's folder is
    refused. Replaced files are kept as NAME.toml.bak and NAME.txt.bak."""
    if out.suffix != ".toml":
        raise WorkbookError(f"{out}: a workbook's name ends in .toml")
    essay = essay_file_for(out)
    for path in (out, essay):
        if is_bundled(path):
            raise WorkbookError(f"{path}: is among the bundled positions, which are read-only")
    folder = Path(os.path.realpath(out.parent))
    if not Path(os.path.realpath(essay)).is_relative_to(folder):
        raise WorkbookError(f"{essay}: leads outside the workbook's folder")
    if source is not None and same_file(source, out):
        raise WorkbookError(
            f"{out}: is the document being read; give the workbook another name with -o"
        )
    if os.path.lexists(out) and not force:
        raise WorkbookError(f"{out}: already exists (--force replaces it)")
    text = essay_text(document)
    previous = _existing(essay)
    keep = previous is not None and _paragraphs_of(previous, essay) == document.paragraphs
    if previous is not None and not keep:
        if source is not None and same_file(source, essay):
            raise WorkbookError(
                f"{essay}: is the document being read, and its text would change; "
                "give the workbook another name with -o"
            )
        if not force:
            raise WorkbookError(f"{essay}: already exists with other text (--force replaces it)")
    # Refusals that writing would meet (a read-only file, a pipe) come before anything is written.
    write_target(out)
    if not keep:
        write_target(essay)
        write_atomic(essay, text.encode("utf-8"), keep_backup=True)
    try:
        save(workbook, out)
    except WorkbookError:
        if not keep:
            _put_back(essay, previous)
        raise
    return Written(out, None if keep else essay)


def _existing(path: Path) -> bytes | None:
    """The bytes of a file already at `path`, or None when there is none (a link to nothing
    included: writing through it makes the file it names)."""
    if not os.path.exists(path):
        return None
    try:
        return read_bytes(path)
    except ReadError as error:
        raise WorkbookError(str(error)) from None


def _paragraphs_of(raw: bytes, path: Path) -> list[str] | None:
    try:
        return split_paragraphs(utf8(raw, str(path)))
    except WorkbookError:
        return None  # not UTF-8: the workbook could not read it, so it is other text


def _put_back(path: Path, previous: bytes | None) -> None:
    """Undo the essay's write after the workbook's failed: nothing is left half done."""
    try:
        if previous is None:
            os.unlink(os.path.realpath(path))
        else:
            write_atomic(path, previous)
    except (OSError, WorkbookError):
        pass  # the failure already being reported is the one that matters
