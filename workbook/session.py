"""The open workbook's life, from opening it to the last save: one object, and no Textual.

The app is a view of a `Session`. The session's methods that the app calls on its UI thread
only decide; they never touch the disk. What must touch the disk (reading the file, writing it,
checking it for someone else's changes, keeping the journal) is handed back as a job whose
`run` a worker thread calls, and whose outcome, or whatever it raised, comes back to the
session. Whatever a save raises, every edit stays in the draft and in the journal.
"""

from __future__ import annotations

import enum
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .edits import Change, Draft, EditError
from .files import WorkbookError, one_line, read_file
from .journal import Found, Journal, OwnJournal, digest, file_digest, find_journals, journal_text
from .model import Claim, Side, Workbook
from .parallel import Parse
from .recovery import merge, steps
from .seed import copy_essay, save_target
from .store import load_with_essay, save


class Phase(enum.Enum):
    OPEN = "open"  # editing; the file is as last read or written
    SAVING = "saving"  # a save job is out; editing goes on
    CLOSED = "closed"


def error_line(error: BaseException, path: Path) -> str:
    """What a user reads about an error: its own words for a WorkbookError, otherwise the
    file, the error's kind and its message; always one line."""
    if isinstance(error, WorkbookError):
        return one_line(str(error))
    return one_line(f"{path}: {type(error).__name__}: {str(error) or 'no details'}")


@dataclass(frozen=True)
class Saved:
    target: Path
    base: str  # digest of what was written
    note: str  # said to the user instead of "Saved to …", or ""


@dataclass(frozen=True)
class Conflict:
    """The save was not made: the file changed on disk since it was read, or (for the seed's
    first save, or save as) the file it would write exists already."""

    target: Path
    exists: bool  # True: a file is in the way; False: the file changed on disk


@dataclass(frozen=True)
class SaveJob:
    path: Path  # the session's file when the save began
    target: Path | None  # "save as" target, or None for the file itself
    snapshot: Workbook
    checkpoint: Change | None
    base: str
    overwrite: bool  # the user said to replace what is there

    def run(self) -> Saved | Conflict:
        """Runs in a worker: may raise anything; the session takes it as a failed save."""
        essay = self.snapshot.essay.file
        if self.target is None:
            target, note = save_target(self.path, essay)
        else:
            target, note = self.target, ""
            if target.parent != self.path.parent:
                copy_essay(self.path, essay, target.parent)
        if not self.overwrite:
            on_disk = file_digest(target)
            if target == self.path and on_disk is not None and on_disk != self.base:
                return Conflict(target, exists=False)
            if target != self.path and on_disk is not None:
                return Conflict(target, exists=True)
        return Saved(target, digest(save(self.snapshot, target)), note)


@dataclass(frozen=True)
class JournalJob:
    seq: int
    base: str
    order: list[str]
    changed: dict[str, tuple[Claim | None, Claim | None]]  # id -> (the file's, the edited)
    moved: bool  # the claims' order differs from the file's

    @property
    def empty(self) -> bool:
        return not self.changed and not self.moved


@dataclass
class Restored:
    claims: int = 0  # claims the journal's version was put back for
    beside: dict[str, str] = field(default_factory=dict)  # changed on both sides -> copy id
    kept: int = 0  # claims only the file changed since, left as they are
    skipped: int = 0  # edits that no longer fit the file


class Session:
    """One open workbook file: the draft being edited, what the file on disk holds, the
    journal of what is not saved yet, and whether a save is under way."""

    def __init__(
        self,
        path: Path,
        workbook: Workbook,
        paragraphs: list[str] | None,
        base: str,
        found: Found | None = None,
    ) -> None:
        self.path = path
        self.draft = Draft(workbook)
        self.paragraphs = paragraphs
        self.base = base  # digest of the file as last read or written
        self.disk: dict[str, Claim] = dict(workbook.claims)  # the claims the file holds
        self.disk_order = list(workbook.claims)
        self.changed: set[str] = set()  # claims edited since the file was written
        self.phase = Phase.OPEN
        self.close_after_save = False
        self.found = found or Found()
        self.journal = OwnJournal(path)
        self._journal_lock = threading.Lock()
        self._journal_seq = 0

    # Opening: in a worker.

    @classmethod
    def open(
        cls,
        path: Path,
        preread: tuple[bytes, str] | None = None,
        parsing: Parse | None = None,
    ) -> Session:
        raw, text = preread or read_file(path)
        workbook, paragraphs = load_with_essay(path, text, parsing)
        return cls(path, workbook, paragraphs, digest(raw), find_journals(path))

    # Editing: on the UI thread.

    @property
    def dirty(self) -> bool:
        return self.draft.dirty

    def edited(self, claim_id: str) -> None:
        """After every edit, undo and redo."""
        self.changed.add(claim_id)

    def unsaved(self) -> dict[str, tuple[Claim | None, Claim | None]]:
        """The claims that differ from the file: id -> (the file's version, the edited one)."""
        claims = self.draft.workbook.claims
        out: dict[str, tuple[Claim | None, Claim | None]] = {}
        for cid in sorted(self.changed):
            disk, mine = self.disk.get(cid), claims.get(cid)
            if disk is not mine and disk != mine:
                out[cid] = (disk, mine)
        return out

    def name_sides(self, sides: dict[str, Side]) -> None:
        """New names and theses for the two sides (same keys), kept by the next save."""
        assert sides.keys() == self.draft.workbook.sides.keys()
        self.draft.workbook.sides = sides

    # The journal.

    def journal_job(self) -> JournalJob:
        """What the journal should hold now; any job asked for earlier is then out of date."""
        with self._journal_lock:
            self._journal_seq += 1
            seq = self._journal_seq
        order = list(self.draft.workbook.claims)
        return JournalJob(seq, self.base, order, self.unsaved(), order != self.disk_order)

    def run_journal(self, job: JournalJob) -> Path | None:
        """In a worker: write the journal, or remove it when nothing is unsaved. Returns where
        it was written. A job overtaken by a newer one does nothing."""
        with self._journal_lock:
            if job.seq != self._journal_seq:
                return None
            if job.empty:
                self.journal.remove()
                return None
            return self.journal.write(journal_text(job.base, job.order, job.changed))

    # Restoring a journal from an app that did not finish: on the UI thread.

    def restore(self, journal: Journal) -> Restored:
        """Merge the journal's edits into the draft, each an edit that undo can take back.
        The journal itself goes once ours holds its edits."""
        result = merge(journal, self.disk, self.base)
        report = Restored(kept=len(result.kept), beside=result.beside)
        for cid, claim, index in steps(self.draft.workbook.claims, result.claims):
            tag = (claim.tag if claim else "") or cid
            try:
                self.draft.apply(f"restore “{tag}”", cid, claim, index)
            except EditError:
                report.skipped += 1
                continue
            self.edited(cid)
            report.claims += cid not in result.beside.values()
        self.journal.retire(journal.where)
        return report

    def discard(self, journal: Journal) -> None:
        """Drop a journal's edits: it goes with the next journal job."""
        self.journal.retire(journal.where)

    # Saving: decided on the UI thread, run in a worker.

    def begin_save(self, target: Path | None = None, overwrite: bool = False) -> SaveJob | None:
        """A job that saves the draft as it is now, or None while a save is under way."""
        if self.phase is not Phase.OPEN:
            return None
        self.phase = Phase.SAVING
        workbook = self.draft.workbook
        # Edits replace claims rather than change them: a shallow copy is a stable snapshot.
        snapshot = workbook.model_copy(update={"claims": dict(workbook.claims)})
        return SaveJob(self.path, target, snapshot, self.draft.checkpoint, self.base, overwrite)

    def save_done(self, job: SaveJob, outcome: Saved | Conflict) -> None:
        self.phase = Phase.OPEN
        if isinstance(outcome, Conflict):
            return
        if outcome.target != self.path:
            self.journal.move_to(outcome.target)
        self.path, self.base = outcome.target, outcome.base
        self.disk = dict(job.snapshot.claims)
        self.disk_order = list(self.disk)
        self.draft.mark_saved(job.checkpoint)
        claims = self.draft.workbook.claims
        self.changed = {cid for cid in self.changed if claims.get(cid) is not self.disk.get(cid)}

    def save_failed(self, error: BaseException) -> str:
        """Whatever went wrong, the draft and the list of unsaved claims are as they were."""
        self.phase = Phase.OPEN
        self.close_after_save = False
        return error_line(error, self.path)

    @property
    def may_close(self) -> bool:
        """After a save: the app was asked to quit once saved, and nothing is left unsaved."""
        return self.close_after_save and not self.dirty

    # Closing.

    def close(self, keep_journal: bool = False) -> None:
        """In a worker, at the end: the journal goes (saved or discarded) unless it is kept."""
        self.phase = Phase.CLOSED
        with self._journal_lock:
            self._journal_seq += 1
            if keep_journal:
                self.journal.abandon()
            else:
                self.journal.remove()
