"""The open workbook's life, from opening it to the last save: one object, and no Textual.

The app is a view of a `Session`. The session's methods that the app calls on its UI thread
only decide; they never touch the disk. What must touch the disk (reading the file, writing it,
checking it for someone else's changes, keeping the journal) is handed back as a job whose
`run` a worker thread calls, and whose outcome, or whatever it raised, comes back to the
session. Whatever a save raises, every edit stays in the draft and in the journal.
"""

from __future__ import annotations

import contextlib
import enum
import threading
from dataclasses import dataclass, field
from pathlib import Path

from workbook.core.conflicts import Choice
from workbook.core.edits import Change, Draft
from workbook.core.essay_edits import EssayState, essay_state
from workbook.core.framing import Framing, framing_of
from workbook.core.model import FORMAT_VERSION, Card, Claim, Workbook
from workbook.session.journal import (
    Found,
    Journal,
    OwnJournal,
    digest,
    file_digest,
    find_journals,
    journal_text,
)
from workbook.session.merge_in_place import MergeJob, SettleJob
from workbook.session.restore import Restored as Restored
from workbook.session.restore import merge, put_back
from workbook.storage.files import WorkbookError, one_line, read_file
from workbook.storage.left_off import read_left_off, remember_left_off
from workbook.storage.owned import copy_texts, save_target, write_essay_text
from workbook.storage.parallel import Parse
from workbook.storage.store import read_workbook, save
from workbook.storage.texts import texts_beside


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
    essay_file: str = ""  # the essay's text written anew under this name, or ""


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
    # The essay as the save writes it; its text only when it differs from the file's.
    essay: EssayState | None = None

    def run(self) -> Saved | Conflict:
        """Runs in a worker: may raise anything; the session takes it as a failed save."""
        snapshot, text = self.snapshot, self.essay.text if self.essay is not None else None
        # The essay's and the sources' texts go beside a copy in another folder, or it
        # would not open there; all or none of them, before the workbook is written. An
        # essay whose text changed is written anew, below.
        anew = snapshot.essay.file if snapshot.essay is not None and text is not None else None
        texts = [(name, what) for name, what in texts_beside(snapshot) if name != anew]
        if self.target is None:
            target, note = save_target(self.path, texts)
        else:
            target, note = self.target, ""
            if target.parent != self.path.parent:
                copy_texts(self.path, texts, target.parent)
        if not self.overwrite:
            on_disk = file_digest(target)
            if target == self.path and on_disk is not None and on_disk != self.base:
                return Conflict(target, exists=False)
            if target != self.path and on_disk is not None:
                return Conflict(target, exists=True)
        if text is None or snapshot.essay is None:
            return Saved(target, digest(save(snapshot, target)), note)
        # The new text goes under a name of its own, and only then the workbook that names
        # it: stopped at any moment, the workbook names a text whose paragraphs it counts.
        old = snapshot.essay.file
        new = write_essay_text(target, old, text, retire=target == self.path)
        essay = snapshot.essay.model_copy(update={"file": new.written})
        written = digest(save(snapshot.model_copy(update={"essay": essay}), target))
        new.retire_old()
        return Saved(target, written, note, new.written)


@dataclass(frozen=True)
class JournalJob:
    seq: int
    base: str
    order: list[str]
    changed: dict[str, tuple[Claim | None, Claim | None]]  # id -> (the file's, the edited)
    moved: bool  # the claims' order differs from the file's
    cards_changed: dict[str, tuple[Card | None, Card | None]] = field(default_factory=dict)
    card_order: list[str] = field(default_factory=list)
    cards_read: dict[str, Card] = field(default_factory=dict)  # what the changed claims read
    framing: tuple[Framing, Framing] | None = None  # (the file's, the edited), when they differ
    essay: tuple[EssayState, EssayState] | None = None  # likewise, the essay's fields and text

    @property
    def empty(self) -> bool:
        unchanged = self.framing is None and self.essay is None
        return not self.changed and not self.moved and not self.cards_changed and unchanged


class Session:
    """One open workbook file: the draft being edited, what the file on disk holds, the
    journal of what is not saved yet, and whether a save is under way."""

    def __init__(
        self,
        path: Path,
        workbook: Workbook,
        paragraphs: list[str] | None,
        base: str,
        found: Found[Journal] | None = None,
        file_format: int = FORMAT_VERSION,
    ) -> None:
        self.path = path
        self.draft = Draft(workbook, paragraphs)
        self.paragraphs = paragraphs  # the draft's own list: a paragraph dropped shows here
        self.base = base  # digest of the file as last read or written
        # The format the file on disk is in: an older one was upgraded in memory, and the next
        # save rewrites the file in the current one (the app asks first).
        self.file_format = file_format
        self.disk: dict[str, Claim] = dict(workbook.claims)  # the claims the file holds
        self.disk_order = list(workbook.claims)
        self.disk_cards: dict[str, Card] = dict(workbook.cards)  # the file's card library
        self.disk_framing = framing_of(workbook)  # the file's motion and sides
        # The essay's fields and text as the files hold them.
        self.disk_essay = self._essay_now()
        # Claims edited since the file was written: the draft's own record, so that a step
        # that changes several claims (a card deleted everywhere) is journalled whole.
        self.changed: set[str] = self.draft.touched
        self.phase = Phase.OPEN
        self.close_after_save = False
        self.found: Found[Journal] = found or Found()
        self.journal = OwnJournal(path)
        self._journal_lock = threading.Lock()
        self._journal_seq = 0
        # The claim in view: where the app last left this file as it opens, and where the app
        # leaves it as it closes (kept in the user's state folder, never in the file).
        self.left_off: str | None = None

    # Opening: in a worker.

    @classmethod
    def open(
        cls,
        path: Path,
        preread: tuple[bytes, str] | None = None,
        parsing: Parse | None = None,
    ) -> Session:
        raw, text = preread or read_file(path)
        loaded = read_workbook(path, text, parsing)
        found = find_journals(path)
        session = cls(path, loaded.workbook, loaded.paragraphs, digest(raw), found, loaded.version)
        session.left_off = read_left_off(path)
        return session

    @property
    def upgraded(self) -> bool:
        """True when the file is of an older format, which the next save rewrites."""
        return self.file_format < FORMAT_VERSION

    # Editing: on the UI thread.

    @property
    def dirty(self) -> bool:
        return self.draft.dirty

    def unsaved(self) -> dict[str, tuple[Claim | None, Claim | None]]:
        """The claims that differ from the file: id -> (the file's version, the edited one)."""
        claims = self.draft.workbook.claims
        out: dict[str, tuple[Claim | None, Claim | None]] = {}
        for cid in sorted(self.changed):
            disk, mine = self.disk.get(cid), claims.get(cid)
            if disk is not mine and disk != mine:
                out[cid] = (disk, mine)
        return out

    def unsaved_cards(self) -> dict[str, tuple[Card | None, Card | None]]:
        """The library cards that differ from the file: id -> (the file's, the edited one)."""
        cards = self.draft.workbook.cards
        out: dict[str, tuple[Card | None, Card | None]] = {}
        for cid in sorted(self.draft.touched_cards):
            disk, mine = self.disk_cards.get(cid), cards.get(cid)
            if disk is not mine and disk != mine:
                out[cid] = (disk, mine)
        return out

    def _essay_now(self) -> EssayState | None:
        essay = self.draft.workbook.essay
        return None if essay is None else essay_state(essay, self.draft.paragraphs)

    def unsaved_essay(self) -> tuple[EssayState, EssayState] | None:
        """The essay's fields and text, the files' and the edited, when they differ."""
        mine = self._essay_now()
        if mine is None or self.disk_essay is None or mine == self.disk_essay:
            return None
        return self.disk_essay, mine

    def unsaved_framing(self) -> tuple[Framing, Framing] | None:
        """The motion and the sides, the file's and the edited, when they differ."""
        mine = framing_of(self.draft.workbook)
        return None if mine == self.disk_framing else (self.disk_framing, mine)

    # The journal.

    def journal_job(self) -> JournalJob:
        """What the journal should hold now; any job asked for earlier is then out of date."""
        with self._journal_lock:
            self._journal_seq += 1
            seq = self._journal_seq
        workbook = self.draft.workbook
        order = list(workbook.claims)
        changed = self.unsaved()
        read = {
            cid: workbook.cards[cid]
            for _, claim in changed.values()
            if claim is not None
            for point in claim.points.values()
            for cid in point.cards
            if cid in workbook.cards
        }
        return JournalJob(
            seq,
            self.base,
            order,
            changed,
            order != self.disk_order,
            self.unsaved_cards(),
            list(workbook.cards),
            read,
            self.unsaved_framing(),
            self.unsaved_essay(),
        )

    def run_journal(self, job: JournalJob) -> Path | None:
        """In a worker: write the journal, or remove it when nothing is unsaved. Returns where
        it was written. A job overtaken by a newer one does nothing."""
        with self._journal_lock:
            if job.seq != self._journal_seq:
                return None
            if job.empty:
                self.journal.remove()
                return None
            text = journal_text(
                job.base,
                job.order,
                job.changed,
                job.cards_changed,
                job.card_order,
                job.cards_read,
                job.framing,
                job.essay,
            )
            return self.journal.write(text)

    # Restoring a journal from an app that did not finish: on the UI thread.

    def restore(self, journal: Journal) -> Restored:
        """Merge the journal's edits into the draft, each an edit that undo can take back.
        The journal itself goes once ours holds its edits."""
        result = merge(journal, self.disk, self.base, self.disk_cards, self.disk_framing)
        report = put_back(self.draft, result, journal, self.disk_essay)
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
        # Edits replace claims and cards rather than change them: shallow copies are stable.
        snapshot = workbook.model_copy(
            update={"claims": dict(workbook.claims), "cards": dict(workbook.cards)}
        )
        essay = self._essay_now()
        if essay is not None and self.disk_essay is not None and essay.text == self.disk_essay.text:
            essay = EssayState(essay.paragraphs, essay.headings, essay.dismissed)  # text as is
        return SaveJob(
            self.path, target, snapshot, self.draft.checkpoint, self.base, overwrite, essay
        )

    def save_done(self, job: SaveJob, outcome: Saved | Conflict) -> None:
        self.phase = Phase.OPEN
        if isinstance(outcome, Conflict):
            return
        if outcome.target != self.path:
            self.journal.move_to(outcome.target)
        self.path, self.base = outcome.target, outcome.base
        self.disk = dict(job.snapshot.claims)
        self.disk_order = list(self.disk)
        self.disk_cards = dict(job.snapshot.cards)
        self.disk_framing = framing_of(job.snapshot)
        if job.essay is not None and self.disk_essay is not None:
            text = job.essay.text if job.essay.text is not None else self.disk_essay.text
            self.disk_essay = EssayState(
                job.essay.paragraphs, job.essay.headings, job.essay.dismissed, text
            )
        if outcome.essay_file and self.draft.workbook.essay is not None:
            essay = self.draft.workbook.essay.model_copy(update={"file": outcome.essay_file})
            self.draft.workbook.essay = essay
        self.file_format = FORMAT_VERSION
        self.draft.mark_saved(job.checkpoint)
        claims, cards = self.draft.workbook.claims, self.draft.workbook.cards
        # In place: the draft keeps adding to these same sets.
        self.changed -= {cid for cid in self.changed if claims.get(cid) is self.disk.get(cid)}
        touched = self.draft.touched_cards
        touched -= {cid for cid in touched if cards.get(cid) is self.disk_cards.get(cid)}

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

    def merge_job(self) -> MergeJob:
        """Merge the edits with the file that changed under them, by id (run in a worker)."""
        mine = self.draft.workbook
        disk = self.disk_framing
        base = mine.model_copy(
            update={
                "claims": {cid: self.disk[cid] for cid in self.disk_order},
                "cards": dict(self.disk_cards),
                "motion": disk.motion,
                "sides": dict(disk.sides),
                # The essay's fields as the file has them, so that its changes merge as edits.
                "essay": self.disk_essay.on(mine.essay) if self.disk_essay and mine.essay else None,
            }
        )
        ours = mine.model_copy(update={"claims": dict(mine.claims), "cards": dict(mine.cards)})
        unsaved = self.unsaved_essay()
        text_changed = unsaved is not None and unsaved[0].text != unsaved[1].text
        return MergeJob(self.path, base, ours, text_changed)

    def settle_job(self, index: int, choice: Choice) -> SettleJob:
        """Settle conflict `index` on `choice` and write the file (run in a worker)."""
        return SettleJob(self.path, self.base, self.draft.workbook, index, choice)

    def close(self, keep_journal: bool = False) -> None:
        """In a worker, at the end: the journal goes (saved or discarded) unless it is kept,
        and the claim in view is remembered for the next open."""
        self.phase = Phase.CLOSED
        with self._journal_lock:
            self._journal_seq += 1
            if keep_journal:
                self.journal.abandon()
            else:
                self.journal.remove()
        if self.left_off is not None:
            # Where the user was is a convenience, kept after the journal is seen to: an app
            # that is closing has no one to tell that it could not be kept.
            with contextlib.suppress(WorkbookError):
                remember_left_off(self.path, self.left_off)
