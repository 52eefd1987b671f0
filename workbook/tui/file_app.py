"""The open file's life in the app: the journal, saving, and merging with a changed file.

The `Session` decides; this part of the app asks the user and runs the session's jobs off its
thread (`jobs.run_job`), each ending with a message of its own that one handler here takes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.timer import Timer

from workbook.core.coverage import count
from workbook.tui.jobs import (
    CloseFailed,
    JobFailed,
    JournalFailed,
    Merged,
    MergeFailed,
    OpenFailed,
    SaveConflicted,
    SaveFailed,
    SessionClosed,
    SettleFailed,
    WorkbookOpened,
    WorkbookSaved,
    run_job,
)
from workbook.tui.messages import Edited, OursChanged
from workbook.tui.notices import NoticeApp
from workbook.tui.screens.loading import LoadingScreen
from workbook.tui.widgets.textual_private import CrashReportingApp

if TYPE_CHECKING:
    from workbook.session.journal import Journal
    from workbook.session.session import Conflict, Saved, SaveJob, Session
    from workbook.storage.parallel import Parse

JOURNAL_DELAY = 1.5  # seconds after the last change: a pause in typing, well within two seconds


class FileApp(NoticeApp, CrashReportingApp):
    """The app's side of the session: it opens the file, and the subclass shows it once
    `WorkbookOpened` comes."""

    def __init__(
        self,
        path: Path,
        ours: str | None,
        preread: tuple[bytes, str] | None = None,
        parsing: Parse | None = None,
    ) -> None:
        super().__init__()
        self.path = path
        self.ours = ours
        # What the command line read and began parsing while the app started: used once.
        self.preread = preread
        self.parsing = parsing
        self.session: Session | None = None
        self._journal_timer: Timer | None = None
        self._merged_from: object = None  # the last edit when a merge began
        self._settling = False  # the file is being written to settle a conflict, not merged

    def open_workbook(self) -> None:
        """Read the file (again) off the app's thread: `WorkbookOpened` brings it."""
        from workbook.session.session import Session

        preread, parsing, self.preread, self.parsing = self.preread, self.parsing, None, None
        path = self.path

        def open_file() -> Session:
            # The main screen's widgets load here, not on the app's thread.
            import workbook.tui.screens.prep.screen  # noqa: F401

            return Session.open(path, preread, parsing)

        run_job(self, open_file, OpenFailed, WorkbookOpened)

    def show_title(self) -> None:
        dirty = self.session is not None and self.session.dirty
        conflicts = self.session.draft.workbook.conflicts if self.session else []
        left = f" ⚠ {count(conflicts, 'conflict')} to settle" if conflicts else ""
        self.title = "workbook"
        self.sub_title = f"{self.path}{' ● unsaved changes' if dirty else ''}{left}"

    def ask(
        self,
        question: str,
        choices: list[tuple[str, str]],
        then: Callable[[str], None],
        escape: str = "cancel",
    ) -> None:
        from workbook.tui.dialogs.form import ask

        ask(self, question, choices, then, escape)

    # The journal.

    def offer_restore(self, journal: Journal, older: int) -> None:
        from workbook.tui.dialogs.questions import restore_question

        def answer(choice: str) -> None:
            assert self.session is not None
            if choice == "discard":
                self.session.discard(journal)
                self.notify("Discarded the journalled edits")
            else:
                self.restore(journal)
            self.journal_now()

        question, choices = restore_question(self.path, journal, older)
        self.ask(question, choices, answer, escape="restore")

    def restore(self, journal: Journal) -> None:
        from workbook.tui.dialogs.questions import restored
        from workbook.tui.screens.essay import EssayScreen
        from workbook.tui.screens.library import LibraryScreen
        from workbook.tui.screens.prep.screen import PrepScreen

        assert self.session is not None
        report = self.session.restore(journal)
        # Every screen showing the draft, not only the one on top: a workbook with no claims
        # opens on its essay, over the main screen, and a restored drop must show in both.
        for screen in self.screen_stack:
            if isinstance(screen, PrepScreen | LibraryScreen | EssayScreen):
                screen.refresh_all()
        self.show_title()
        self.notify(restored(report), timeout=10)

    @on(Edited)
    def _edited(self, event: Edited) -> None:
        """After every edit, undo and redo: the title, and a journal soon after."""
        if self.session is None:
            return
        self.show_title()
        if self._journal_timer is not None:
            self._journal_timer.stop()
        self._journal_timer = self.set_timer(JOURNAL_DELAY, self.journal_now)

    @on(OursChanged)
    def _ours_changed(self, event: OursChanged) -> None:
        self.ours = event.side

    def journal_now(self) -> None:
        if self.session is not None:
            job = self.session.journal_job()
            run_job(self, partial(self.session.run_journal, job), JournalFailed)

    def before_crash(self) -> str:
        """The app is ending on an unexpected error: every edit goes into the journal now, on
        this thread (a worker started now might never run), to be offered back next time."""
        from workbook.session.session import Phase

        session = self.session
        if session is None or session.phase is Phase.CLOSED:
            return ""  # nothing open, or closed for good: saved or discarded, as the user said
        kept = session.run_journal(session.journal_job())
        if kept is None:
            return ""  # nothing unsaved
        return (
            f"; the unsaved edits are kept in {kept.name}, offered back when the file opens again"
        )

    # Saving.

    def action_save(self) -> None:
        self.start_save()

    def start_save(
        self, target: Path | None = None, overwrite: bool = False, upgrade: bool = False
    ) -> None:
        if self.session is None:
            return
        if self.session.upgraded and target is None and not upgrade:
            self.ask_upgrade(self.session)
            return
        job = self.session.begin_save(target, overwrite)
        if job is None:
            self.notify("A save is under way: save again once it has finished.", timeout=3)
            return
        run_job(self, job.run, SaveFailed, partial(save_ended, job))

    @on(SaveConflicted)
    def _save_conflicted(self, event: SaveConflicted) -> None:
        assert self.session is not None
        self.session.save_done(event.job, event.conflict)
        self.ask_about(event.conflict)

    @on(WorkbookSaved)
    def _saved(self, event: WorkbookSaved) -> None:
        from workbook.tui.screens.library import LibraryScreen
        from workbook.tui.screens.prep.screen import PrepScreen

        assert self.session is not None
        outcome = event.saved
        self.session.save_done(event.job, outcome)
        self.path = outcome.target
        for screen in self.screen_stack:  # saved elsewhere: the main screen works there now
            if isinstance(screen, PrepScreen | LibraryScreen):
                screen.path = outcome.target
        self.show_title()
        self.notify(outcome.note or f"Saved to {outcome.target}")
        self.workbook_saved()
        if self.session.may_close:
            # The journal goes before the app does: a worker started as the app exits may
            # never run, and the journal would then offer edits already saved.
            self.close_session(self.session)
            return
        self.journal_now()  # removes the journal, or keeps edits made during the save

    def workbook_saved(self) -> None:
        """The workbook written, at `self.path` (another file after "Save as…"): what is kept
        beside it (a round's flow) follows it."""

    def ask_about(self, conflict: Conflict) -> None:
        from workbook.tui.dialogs.questions import conflict_question

        def answer(choice: str) -> None:
            assert self.session is not None
            if choice == "replace":
                self.start_save(conflict.target, overwrite=True)
            elif choice == "save_as":
                self.action_save_as()
            elif choice == "reload":
                self.reload()
            elif choice == "merge":
                self.session.close_after_save = False
                self.merge_with_theirs(self.session)
            else:
                self.session.close_after_save = False

        self.ask(*conflict_question(self.path, conflict), answer)

    # Merging with a file that changed under the app, and settling what both sides changed.

    def merge_with_theirs(self, session: Session) -> None:
        self._merged_from, self._settling = session.draft.checkpoint, False
        run_job(self, session.merge_job().run, MergeFailed, Merged)

    @on(Merged)
    def _merged(self, event: Merged) -> None:
        from workbook.session.merge_in_place import Moved
        from workbook.session.session import Conflict

        outcome = event.outcome
        if isinstance(outcome, Moved):  # written again meanwhile: ask again, about the new one
            self.ask_about(Conflict(outcome.path, exists=False))
            return
        session, self.session = self.session, None
        if session is not None:
            # An edit made while the merge ran is not in the file: its journal stays, and the
            # reload offers it back.
            edited = session.draft.checkpoint is not self._merged_from
            self.drop(session, keep_journal=edited)
        left = f"{outcome.conflicts} to settle" if outcome.conflicts else "none left"
        done = "Settled one conflict" if self._settling else "Merged theirs and mine"
        self.notify(f"{done} in {outcome.path.name}; conflicts: {left}")
        self.switch_screen(LoadingScreen(self.path))
        self.open_workbook()

    def offer_settle(self) -> None:
        """The conflicts in the file, one at a time, until each is settled or the user waits."""
        from workbook.tui.screens.conflicts import ConflictsScreen, Settled

        session = self.session
        if session is None or not session.draft.workbook.conflicts:
            return
        if session.dirty:  # settling writes the file: it must hold every edit first
            self.notify("Save first (ctrl+s): settling a conflict writes the file.")
            return

        def settle(chosen: Settled | None) -> None:
            if chosen is None or self.session is not session:
                return
            index, choice = chosen
            job = session.settle_job(index, choice)  # type: ignore[arg-type]
            self._merged_from, self._settling = session.draft.checkpoint, True
            run_job(self, job.run, SettleFailed, Merged)

        self.push_screen(ConflictsScreen(list(session.draft.workbook.conflicts)), settle)

    def ask_upgrade(self, session: Session) -> None:
        """A file of an older format is rewritten in the new one only when the user says so."""
        from workbook.tui.dialogs.questions import upgrade_question

        def answer(choice: str) -> None:
            if choice == "upgrade":
                self.start_save(upgrade=True)
            elif choice == "copy":
                self.action_save_as()
            else:
                session.close_after_save = False

        self.ask(*upgrade_question(self.path, session.file_format), answer)

    @on(SaveFailed)
    def _save_failed(self, event: SaveFailed) -> None:
        """Whatever a save raised, every edit stays in the draft, and the journal keeps it."""
        if self.session is None:
            return
        message = self.session.save_failed(event.error)
        self.journal_now()
        self.notify(message, severity="error", timeout=15)
        from workbook.tui.dialogs.questions import failed_save_question

        question, choices = failed_save_question(message)
        self.ask(question, choices, lambda c: self.action_save_as() if c == "save_as" else None)

    def action_save_as(self) -> None:
        if self.session is None:
            return
        from workbook.tui.dialogs.edit_forms import chosen_path, save_as_form
        from workbook.tui.dialogs.form import Values

        def done(values: Values | None) -> None:
            if values is None:
                if self.session is not None:
                    self.session.close_after_save = False
            else:
                self.start_save(chosen_path(values))

        self.push_screen(save_as_form(self.path), done)

    def reload(self) -> None:
        """Keep their version: read the file again and drop the unsaved edits."""
        old, self.session = self.session, None
        if old is not None:
            self.drop(old)
        self.switch_screen(LoadingScreen(self.path))
        self.open_workbook()

    def drop(self, session: Session, keep_journal: bool = False) -> None:
        """Let go of a session the app no longer shows (its journal removed, or kept)."""
        run_job(self, partial(session.close, keep_journal), JournalFailed)

    def close_session(self, session: Session) -> None:
        """Close the file for good (its journal removed, the claim in view remembered); the
        app quits once it is."""
        from workbook.tui.screens.prep.screen import PrepScreen

        for screen in self.screen_stack:
            if isinstance(screen, PrepScreen) and screen.claim_id is not None:
                session.left_off = screen.claim_id
        run_job(self, session.close, CloseFailed, lambda _: SessionClosed())

    @on(SessionClosed)
    @on(CloseFailed)
    def _file_closed(self) -> None:
        self.exit()

    @on(JournalFailed)
    @on(MergeFailed)
    @on(SettleFailed)
    def _job_failed(self, event: JobFailed) -> None:
        """A job whose failure changes nothing but what the user knows: one line."""
        self.notify(f"{event.doing}: {self.error_line(event.error)}", severity="error", timeout=10)

    def error_line(self, error: BaseException) -> str:
        from workbook.session.session import error_line

        return error_line(error, self.path)


def save_ended(job: SaveJob, outcome: Saved | Conflict) -> WorkbookSaved | SaveConflicted:
    """The message a save ends with: made, or not made for a conflict."""
    from workbook.session.session import Conflict

    if isinstance(outcome, Conflict):
        return SaveConflicted(job, outcome)
    return WorkbookSaved(job, outcome)
