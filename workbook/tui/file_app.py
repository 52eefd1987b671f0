"""The open file's life in the app: the journal, saving, and merging with a changed file.

The `Session` decides; this part of the app asks the user and runs the session's jobs in
workers, whose ends come to the app's one handler (`WorkbookApp._worker_ended`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.timer import Timer

from workbook.core.coverage import count
from workbook.tui.messages import Edited, OursChanged
from workbook.tui.screens.loading import LoadingScreen

if TYPE_CHECKING:
    from workbook.session.journal import Journal
    from workbook.session.merge_in_place import Moved, Written
    from workbook.session.session import Conflict, JournalJob, Saved, SaveJob, Session

JOURNAL_DELAY = 1.5  # seconds after the last change: a pause in typing, well within two seconds


class FileApp(App[None]):
    """The app's side of the session: the subclass opens the file and shows it."""

    def __init__(self, path: Path, ours: str | None) -> None:
        super().__init__()
        self.path = path
        self.ours = ours
        self.session: Session | None = None
        self._journal_timer: Timer | None = None
        self._merged_from: object = None  # the last edit when a merge began
        self._settling = False  # the file is being written to settle a conflict, not merged

    def open_workbook(self) -> object:
        """Read the file (again) in a worker; the subclass shows it when it is read."""
        raise NotImplementedError

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
        from workbook.tui.screens.prep.screen import PrepScreen

        assert self.session is not None
        report = self.session.restore(journal)
        screen = self.screen
        if isinstance(screen, PrepScreen):
            screen.refresh_all()
        self.show_title()
        self.notify(restored(report), timeout=10)

    @on(Edited)
    def _edited(self, event: Edited) -> None:
        """After every edit, undo and redo: the title, and a journal soon after."""
        if self.session is None:
            return
        self.session.edited(event.change.claim_id)
        self.show_title()
        if self._journal_timer is not None:
            self._journal_timer.stop()
        self._journal_timer = self.set_timer(JOURNAL_DELAY, self.journal_now)

    @on(OursChanged)
    def _ours_changed(self, event: OursChanged) -> None:
        self.ours = event.side

    def journal_now(self) -> None:
        if self.session is not None:
            self.keep_journal(self.session, self.session.journal_job())

    @work(thread=True, exit_on_error=False, group="journal")
    def keep_journal(self, session: Session, job: JournalJob) -> Path | None:
        return session.run_journal(job)

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
        self.write_workbook(job)

    @work(thread=True, exit_on_error=False, group="save")
    def write_workbook(self, job: SaveJob) -> tuple[SaveJob, Saved | Conflict]:
        return job, job.run()

    def saved(self, result: tuple[SaveJob, Saved | Conflict]) -> None:
        from workbook.session.session import Conflict

        assert self.session is not None
        job, outcome = result
        self.session.save_done(job, outcome)
        if isinstance(outcome, Conflict):
            self.ask_about(outcome)
            return
        self.path = outcome.target
        self.show_title()
        self.notify(outcome.note or f"Saved to {outcome.target}")
        if self.session.may_close:
            # The journal goes before the app does: a worker started as the app exits may
            # never run, and the journal would then offer edits already saved.
            self.close_session(self.session)
            return
        self.journal_now()  # removes the journal, or keeps edits made during the save

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
        self.run_worker(session.merge_job().run, thread=True, group="merge", exit_on_error=False)

    def merged(self, outcome: Written | Moved) -> None:
        from workbook.session.merge_in_place import Moved
        from workbook.session.session import Conflict

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
            self.run_worker(job.run, thread=True, group="settle", exit_on_error=False)

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

    def save_failed(self, message: str) -> None:
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

    @work(thread=True, exit_on_error=False, group="journal")
    def drop(self, session: Session, keep_journal: bool = False) -> None:
        session.close(keep_journal)

    @work(thread=True, exit_on_error=False, group="close")
    def close_session(self, session: Session) -> None:
        """The file closed for good (its journal removed); the app quits once it is."""
        session.close()
