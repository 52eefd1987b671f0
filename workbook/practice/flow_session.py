"""A round's flow open in the app, from reading it to the last save: its edits, undo and redo,
whether it is saved, its journal, and restoring a journal a crashed app left. No Textual.

Each edit changes one sheet, and is made on a copy of that sheet which takes the old one's
place (`edit`): the old sheet is never changed again, so it is the edit's undo, and a copy of
the flow's table of sheets, taken in the time of the number of sheets, is a snapshot a worker
may write while editing goes on. An edit costs the time of its sheet, however many sheets the
flow has.

The journal is the flow's whole text, as last read or saved and as edited (`text_journal`),
written off the app's thread a moment after the last edit. Restoring it takes the edited text
when the file is as the journal found it, and merges the three by id when the file changed
since (`flow_merge.merge_flows`), ours kept where both changed (the conflicts told).

The methods the app calls on its thread decide, and never touch the disk; what touches it is
a job (a function of no arguments) for a worker to run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from workbook.core.model import Workbook
from workbook.practice.flow import Flow, Sheet, format_problems
from workbook.practice.flow_file import (
    Opened,
    dumps,
    lost_prep,
    parse,
    prep_of,
    read_flow,
    without_lost_prep,
    workbook_name,
    write_flow,
)
from workbook.session.journal import OwnJournal, digest, file_digest
from workbook.session.text_journal import FoundTexts, TextJournal, find_text_journals, text_journal
from workbook.storage.files import WorkbookError, read_bytes
from workbook.storage.owned import inputs_of
from workbook.storage.toml_data import loads

T = TypeVar("T")


@dataclass(frozen=True)
class Step:
    """One edit of one sheet: what it was called, and the sheet before and after."""

    label: str
    sheet_id: str
    before: Sheet
    after: Sheet


@dataclass(frozen=True)
class FlowSaved:
    """A save made: the text written and its digest, and the conflicts a merge with a file
    changed on disk kept as the file had them (field paths)."""

    text: str
    base: str
    edits: int  # the edit count the snapshot was taken at
    merged: bool = False
    conflicts: list[str] = field(default_factory=list)
    flow: Flow | None = None  # what was written, when a merge made it other than the snapshot


@dataclass(frozen=True)
class FlowRestored:
    """What restoring a journal did: merged with a file changed since, or not, and the field
    paths both changed, where ours were kept."""

    merged: bool
    conflicts: list[str]


class FlowSession:
    """One flow file open in the app."""

    def __init__(self, path: Path, opened: Opened, base: str, base_text: str) -> None:
        self.path = path
        self.flow = opened.flow
        self.fmt = opened.fmt
        self.workbook_path = opened.workbook_path
        self.base = base  # digest of the file as last read or written
        self.base_text = base_text  # its text, canonical
        self.done: list[Step] = []
        self.undone: list[Step] = []
        self.edits = 0  # edits, undos and redos made since opening
        self.saved_at = 0  # the count the file holds
        self.journal = OwnJournal(path)
        self._journal_lock = threading.Lock()
        self._journal_seq = 0
        self.found = FoundTexts()

    @classmethod
    def open(cls, path: Path) -> FlowSession:
        """Read the flow at `path` (a WorkbookError of one line for whatever is wrong), and the
        journals other apps left of it. Runs in a worker."""
        raw = read_bytes(path)
        opened = read_flow(path)
        session = cls(path, opened, digest(raw), dumps(opened.flow))
        session.found = find_text_journals(path)
        return session

    @property
    def dirty(self) -> bool:
        return self.edits != self.saved_at

    # Editing: on the app's thread.

    def edit(self, label: str, sheet_id: str, change: Callable[[Flow], T]) -> T:
        """Make `change` (a `flow_edits` function on the flow) on a copy of the sheet, which
        takes the sheet's place; undo puts the old one back. Whatever `change` raises leaves
        the flow as it was."""
        before = self.flow.sheets[sheet_id]
        self.flow.sheets[sheet_id] = before.model_copy(deep=True)
        try:
            result = change(self.flow)
        except BaseException:
            self.flow.sheets[sheet_id] = before
            raise
        self.done.append(Step(label, sheet_id, before, self.flow.sheets[sheet_id]))
        self.undone.clear()
        self.edits += 1
        return result

    def undo(self, redo: bool = False) -> Step | None:
        """Take back the last edit (or make the last undone again); None when there is none."""
        source, target = (self.undone, self.done) if redo else (self.done, self.undone)
        if not source:
            return None
        step = source.pop()
        self.flow.sheets[step.sheet_id] = step.after if redo else step.before
        target.append(step)
        self.edits += 1
        return step

    def snapshot(self) -> Flow:
        """The flow as it is now, for a worker: the table of sheets copied, the sheets shared
        (an edit replaces a sheet, never changes one in place)."""
        return self.flow.model_copy(update={"sheets": dict(self.flow.sheets)})

    # The journal.

    def journal_job(self) -> Callable[[], Path | None]:
        """A job that writes the journal as the flow is now, or removes it when nothing is
        unsaved; overtaken by a later one, it does nothing."""
        with self._journal_lock:
            self._journal_seq += 1
            seq = self._journal_seq
        flow = self.snapshot() if self.dirty else None
        base, base_text = self.base, self.base_text

        def run() -> Path | None:
            with self._journal_lock:
                if seq != self._journal_seq:
                    return None
                if flow is None:
                    self.journal.remove()
                    return None
                return self.journal.write(text_journal(base, base_text, dumps(flow)))

        return run

    def restore(self, journal: TextJournal) -> FlowRestored:
        """The journal's edits, against the file as it was read: its text when the file is
        as the journal found it, otherwise a three-way merge by id. Unsaved until saved; the
        journal goes once ours holds its edits. A WorkbookError when its texts are no flow."""
        mine = self._journal_flow(journal.text, journal.where)
        merged, conflicts = journal.base != self.base, []
        if merged:
            from workbook.practice.flow_merge import merge_flows

            base = self._journal_flow(journal.base_text, journal.where)
            outcome = merge_flows(base, mine, self.flow)
            mine, conflicts = outcome.flow, list(outcome.conflicts)
        self.flow = mine
        self.done.clear()
        self.undone.clear()
        self.edits += 1
        self.journal.retire(journal.where)
        return FlowRestored(merged, conflicts)

    def _journal_flow(self, text: str, where: Path) -> Flow:
        flow = parse(loads(text, where), where)
        problems = format_problems(flow, self.fmt)
        if problems:
            name, reason = problems[0]
            raise WorkbookError(f"{where}: {name}: {reason}")
        return flow

    def discard(self, journal: TextJournal) -> None:
        """Drop a journal's edits: it goes with the next journal job."""
        self.journal.retire(journal.where)

    # Its workbook.

    def follow_workbook(self, workbook: Workbook, workbook_path: Path) -> list[str]:
        """The workbook as the app has it, saved at `workbook_path` (elsewhere, after "Save
        as…"): the flow names that file from now on, and lets go of whatever it names that
        the workbook no longer has (`without_lost_prep`); the edits before can no longer be
        undone, since undoing one would name it again. Unsaved until saved: what changed,
        said (the new name, or the field paths let go); a WorkbookError when the workbook is
        outside the flow's folder, the flow left as it was."""
        name = workbook_name(self.path, workbook_path)
        changed = [f"workbook: {name}"] if name != self.flow.workbook else []
        prep = prep_of(workbook)
        lost = [where for where, _ in lost_prep(self.flow, prep)]
        if lost:
            self.flow = without_lost_prep(self.flow, prep)
            self.done.clear()
            self.undone.clear()
        if name != self.flow.workbook:
            self.flow = self.flow.model_copy(update={"workbook": name})
            self.workbook_path = workbook_path
        changed += lost
        if changed and not self.dirty:
            self.edits += 1  # the file must be written again to hold what changed
        return changed

    # Saving.

    def save_job(self, workbook: Workbook) -> Callable[[], FlowSaved]:
        """A job that writes the flow as it is now, never over its workbook, and naming
        nothing the workbook lacks (`without_lost_prep`). When the file changed on disk since
        it was read or saved, ours is merged with it by id first."""
        prep = prep_of(workbook)
        flow, edits = without_lost_prep(self.snapshot(), prep), self.edits
        base, base_text, path = self.base, self.base_text, self.path
        protect = inputs_of(self.workbook_path, workbook)
        fmt = self.fmt

        def run() -> FlowSaved:
            on_disk = file_digest(path)
            written, conflicts, merged = flow, [], False
            if on_disk is not None and on_disk != base:
                from workbook.practice.flow_merge import merge_flows

                theirs = read_flow(path).flow
                before = parse(loads(base_text, path), path)
                outcome = merge_flows(before, flow, theirs)
                written, conflicts, merged = outcome.flow, list(outcome.conflicts), True
                problems = format_problems(written, fmt)
                if problems:
                    raise WorkbookError(f"{path}: merged: {problems[0][0]}: {problems[0][1]}")
            written = without_lost_prep(written, prep)  # theirs may name what is gone too
            write_flow(written, path, protect)
            text = dumps(written)
            return FlowSaved(
                text,
                digest(text.encode("utf-8")),
                edits,
                merged,
                conflicts,
                written if merged else None,
            )

        return run

    def saved(self, outcome: FlowSaved) -> None:
        """A save made: the file holds the flow as it was at `outcome.edits`. A merge's flow
        replaces ours when nothing was edited meanwhile; otherwise ours stays unsaved, its base
        the file it merged with, so that the next save merges what the file has again."""
        if outcome.flow is not None:
            if self.edits != outcome.edits:
                return  # the base stays the old file's: the next save merges theirs in again
            self.flow = outcome.flow
            self.done.clear()
            self.undone.clear()
        self.base, self.base_text = outcome.base, outcome.text
        self.saved_at = outcome.edits

    def close(self) -> None:
        """Saved or discarded for good: the journal goes."""
        with self._journal_lock:
            self._journal_seq += 1
            self.journal.remove()

    def keeping_job(self) -> Callable[[], None]:
        """A job that writes the journal as the flow is now and lets go of it, left beside
        the file as a crashed app leaves it: the edits are offered back the next time the
        flow opens."""
        write = self.journal_job()

        def run() -> None:
            write()
            with self._journal_lock:
                self._journal_seq += 1
                self.journal.abandon()

        return run
