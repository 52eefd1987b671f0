"""Merging the open workbook with the file that changed under it, and settling a conflict.

Both end by writing the file, but only if it still holds what was just read: a third writer
in between is reported as a conflict again, never overwritten. Each job runs in a worker
(it reads and writes the disk); the app reloads the file once it is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbook.core.conflicts import Choice, new_conflicts, resolve
from workbook.core.merge import merge
from workbook.core.model import Workbook
from workbook.session.journal import digest, file_digest
from workbook.storage.files import WorkbookError, read_file
from workbook.storage.store import parse, save


@dataclass(frozen=True)
class Written:
    """The file now holds the merged (or settled) workbook."""

    path: Path
    conflicts: int  # conflicts left in the file
    new: int = 0  # of those, how many this merge found


@dataclass(frozen=True)
class Moved:
    """The file changed again while the job ran: nothing was written."""

    path: Path


@dataclass(frozen=True)
class MergeJob:
    path: Path
    base: Workbook  # the workbook as the file held it when last read or written
    ours: Workbook  # the edited workbook, unsaved edits included
    # The essay's text changed here (a paragraph dropped): a merge writes the workbook alone,
    # whose count would then not be its text's, so it is refused.
    essay_text_changed: bool = False

    def run(self) -> Written | Moved:
        if self.essay_text_changed:
            raise WorkbookError(
                f"{self.path}: the essay's text changed here (a paragraph dropped) and the file "
                "changed too: undo the drop and merge, or save a copy with Save as"
            )
        raw, text = read_file(self.path)
        theirs = parse(text, self.path)
        merged = merge(self.base, self.ours, theirs)
        return _write_if_unchanged(self.path, digest(raw), merged, new_conflicts(merged, self.ours))


@dataclass(frozen=True)
class SettleJob:
    path: Path
    seen: str  # the digest of the file the workbook was read from
    workbook: Workbook
    index: int
    choice: Choice

    def run(self) -> Written | Moved:
        settled = resolve(self.workbook, self.index, self.choice)
        return _write_if_unchanged(self.path, self.seen, settled)


def _write_if_unchanged(path: Path, seen: str, workbook: Workbook, new: int = 0) -> Written | Moved:
    if file_digest(path) != seen:
        return Moved(path)
    save(workbook, path)
    return Written(path, len(workbook.conflicts), new)
