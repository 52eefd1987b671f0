"""A round's flow in the app, beside its workbook: opened (from `workbook R.flow.toml`, or
"Flow a round" on the main screen), journalled, restored, saved, and asked about on quitting.

The flow's life is its `FlowSession`'s (no Textual); this part of the app runs its jobs off the
app's thread (`jobs.run_job`), each ending with a message of its own, and moves between the
flow screen and the main screen. The flow screen is installed, so that it keeps its sheet and
its cursor while the main screen shows a prepared point.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.timer import Timer

from workbook.tui.file_app import JOURNAL_DELAY, FileApp
from workbook.tui.jobs import (
    FlowClosed,
    FlowOpened,
    FlowOpenFailed,
    FlowSaveFailed,
    FlowWritten,
    JournalFailed,
    run_job,
)
from workbook.tui.messages import FlowEdited, FlowSaveAsked, FlowWanted, PrepWanted

if TYPE_CHECKING:
    from workbook.core.model import Workbook
    from workbook.practice.flow_session import FlowSession
    from workbook.session.text_journal import TextJournal
    from workbook.tui.screens.flow import FlowScreen

FLOW_SCREEN = "flow"


def open_round(
    flow_path: Path | None, workbook_path: Path, start: tuple[str, str] | None
) -> FlowOpened:
    """In a worker: the round at `flow_path`; or the newest round beside the workbook that
    names it; or, with `start` (the workbook's format and the side we debate), a new one
    started as `workbook flow new` starts one."""
    from workbook.practice.flow_file import round_path, rounds_beside, start_round
    from workbook.practice.flow_session import FlowSession
    from workbook.practice.format_file import load_formats
    from workbook.practice.formats import format_of
    from workbook.storage.store import load

    started = False
    if flow_path is None:
        found = rounds_beside(workbook_path)
        if found:
            flow_path = found[0]
        elif start is not None:
            debate_format, ours = start
            fmt = format_of(load_formats(), debate_format or None)
            flow_path = round_path(workbook_path)
            start_round(workbook_path, load(workbook_path), fmt, ours, flow_path)
            started = True
        else:
            raise FileNotFoundError("no round of this workbook beside it")
    return FlowOpened(FlowSession.open(flow_path), started)


class FlowRound(FileApp):
    """The app's side of a round's flow."""

    flow: FlowSession | None = None
    flow_path: Path | None = None  # a flow to open once the workbook is open
    _flow_timer: Timer | None = None
    _quit_after_flow_save = False
    _flow_opening = False  # a job reading (or starting) a round is out

    def open_flow(self, start: bool) -> None:
        """The round open in the app, or else (off the app's thread) the flow file to open."""
        if self.flow is not None:
            self.show_flow()
            return
        session = self.session
        if session is None:
            return
        start_as: tuple[str, str] | None = None
        if start and self.flow_path is None:
            from workbook.storage.places import is_bundled

            if is_bundled(self.path):
                # A round is kept beside its workbook, and the bundled seed's folder is the
                # program's own: the seed's save is the copy a round can be kept beside.
                self.notify(
                    f"{self.path.name} is the bundled seed, read-only: ctrl+s saves a copy "
                    "here, and g on it flows a round.",
                    timeout=8,
                )
                return
            if session.dirty:
                # A round names the workbook's claims and points as the file has them.
                self.notify("Save the workbook first (ctrl+s): a round starts from the file.")
                return
            start_as = (session.draft.workbook.debate_format or "", self.ours or "")
        if self._flow_opening:
            return  # a round is being read or started already: one is enough
        self._flow_opening = True
        job = partial(open_round, self.flow_path, self.path, start_as)
        run_job(self, job, FlowOpenFailed, lambda opened: opened)

    @on(FlowWanted)
    def _flow_wanted(self, event: FlowWanted) -> None:
        if self.flow is not None or event.start:
            self.open_flow(event.start)

    @on(FlowOpened)
    def _flow_opened(self, event: FlowOpened) -> None:
        from workbook.tui.screens.flow import FlowScreen

        self._flow_opening = False
        if self.session is None or self.flow is not None:
            return
        self.flow, self.flow_path = event.flow, event.flow.path
        self.install_screen(FlowScreen(event.flow, self.session.draft), FLOW_SCREEN)
        self.show_flow()
        if event.started:
            self.notify(f"Started a round: {event.flow.path.name}, pre-flowed from the prep")
        found = event.flow.found
        for line in found.damaged:
            self.notify(f"A damaged journal: {line}", severity="warning", timeout=15)
        if found.live:
            self.notify(
                f"{event.flow.path.name} is open in another app too: each keeps its own journal.",
                severity="warning",
                timeout=10,
            )
        if found.newest is not None:
            self.offer_flow_restore(found.newest, len(found.others))

    @on(FlowOpenFailed)
    def _flow_open_failed(self, event: FlowOpenFailed) -> None:
        self._flow_opening = False
        if isinstance(event.error, FileNotFoundError):
            self.notify("No round of this workbook yet: the palette's “Flow a round” starts one")
        else:
            self.notify(f"{event.doing}: {self.error_line(event.error)}", severity="error")

    def show_flow(self) -> None:
        if self.flow is not None and self.screen is not self.get_screen(FLOW_SCREEN):
            self.push_screen(FLOW_SCREEN)

    @property
    def flow_screen(self) -> FlowScreen | None:
        from workbook.tui.screens.flow import FlowScreen

        if self.flow is None:
            return None
        screen = self.get_screen(FLOW_SCREEN)
        return screen if isinstance(screen, FlowScreen) else None

    @on(PrepWanted)
    def _prep_wanted(self, event: PrepWanted) -> None:
        """From the flow to the main screen, on the prepared point; the flow stays open."""
        from workbook.tui.screens.prep.screen import PrepScreen

        if self.screen is self.flow_screen:
            self.pop_screen()
        prep = next((s for s in self.screen_stack if isinstance(s, PrepScreen)), None)
        if prep is not None and event.claim_id:
            self.call_after_refresh(prep.go_to, event.claim_id, event.point_id)

    # The journal, a pause after each edit.

    @on(FlowEdited)
    def _flow_edited(self) -> None:
        if self._flow_timer is not None:
            self._flow_timer.stop()
        self._flow_timer = self.set_timer(JOURNAL_DELAY, self.journal_flow)

    def journal_flow(self) -> None:
        if self.flow is not None:
            run_job(self, self.flow.journal_job(), JournalFailed)

    def offer_flow_restore(self, journal: TextJournal, older: int) -> None:
        from workbook.tui.dialogs.questions import flow_restore_question, flow_restored

        def answer(choice: str) -> None:
            flow = self.flow
            if flow is None:
                return
            if choice == "discard":
                flow.discard(journal)
                self.notify("Discarded the flow's journalled edits")
            else:
                from workbook.storage.files import WorkbookError

                try:
                    report = flow.restore(journal)
                except WorkbookError as error:
                    self.notify(f"Cannot restore: {error}", severity="error", timeout=15)
                    return
                if (screen := self.flow_screen) is not None:
                    screen.refresh_all()
                self.notify(flow_restored(report), timeout=10)
            self.journal_flow()

        question, choices = flow_restore_question(journal.where, journal, older)
        self.ask(question, choices, answer, escape="restore")

    # Its workbook, saved.

    def workbook_saved(self) -> None:
        """The round follows its workbook: it names the file saved (another after "Save
        as…"), and lets go of the claims and points deleted in the prep, once it is saved."""
        flow, session = self.flow, self.session
        if flow is None or session is None:
            return
        self.follow_workbook(flow, session.draft.workbook)

    def follow_workbook(self, flow: FlowSession, workbook: Workbook) -> None:
        from workbook.storage.files import WorkbookError

        try:
            changed = flow.follow_workbook(workbook, self.path)
        except WorkbookError as error:
            said = f"The round still names {flow.flow.workbook}: {error}"
            self.notify(said, severity="warning", timeout=15)
            return
        if not changed:
            return
        if changed[0].startswith("workbook: "):
            said = f"The round {flow.path.name} now names {self.path.name}"
        else:
            said = f"The round {flow.path.name} lets go of what the prep deleted"
        self.notify(f"{said}: ctrl+s on the flow saves it", timeout=8)
        if (screen := self.flow_screen) is not None:
            screen.refresh_all()  # its sheets may have let go of a point
        self.journal_flow()

    # Saving and closing.

    @on(FlowSaveAsked)
    def save_flow(self) -> None:
        if self.flow is None or self.session is None:
            return
        job = self.flow.save_job(self.session.draft.workbook)
        run_job(self, job, FlowSaveFailed, FlowWritten)

    @on(FlowWritten)
    def _flow_written(self, event: FlowWritten) -> None:
        if self.flow is None:
            return
        saved = event.saved
        self.flow.saved(saved)
        said = f"Flow saved to {self.flow.path}"
        if saved.merged:
            said += ", merged with the file changed on disk"
            if saved.conflicts:
                said += f" ({len(saved.conflicts)} changed in both: yours kept)"
            if (screen := self.flow_screen) is not None:
                screen.refresh_all()
        elif (screen := self.flow_screen) is not None:
            screen.show_round()
        self.notify(said)
        self.journal_flow()  # removes the journal, or keeps edits made during the save
        if self._quit_after_flow_save:
            self._quit_after_flow_save = False
            self.call_later(self.action_quit)

    @on(FlowSaveFailed)
    def _flow_save_failed(self, event: FlowSaveFailed) -> None:
        self._quit_after_flow_save = False
        self.journal_flow()
        line = self.error_line(event.error)
        self.notify(f"{event.doing}: {line}; every edit is kept", severity="error", timeout=15)

    def quit_flow_first(self) -> bool:
        """Before the app quits: a flow with unsaved edits is asked about (True: wait for
        the answer); a flow with none is closed, its journal removed, then quitting goes on."""
        flow = self.flow
        if flow is None:
            return False
        if self.session is not None:
            # A point deleted in the prep is let go of by the flow's save: asked, as an edit.
            self.follow_workbook(flow, self.session.draft.workbook)
        if not flow.dirty:
            run_job(self, flow.close, JournalFailed, lambda _: FlowClosed())
            return True
        from workbook.tui.dialogs.questions import flow_quit_question

        def answer(choice: str) -> None:
            if choice == "save":
                self._quit_after_flow_save = True
                self.save_flow()
            elif choice == "discard":
                run_job(self, flow.close, JournalFailed, lambda _: FlowClosed())
            elif choice == "keep":
                run_job(self, flow.keeping_job(), JournalFailed, lambda _: FlowClosed())

        self.ask(*flow_quit_question(flow.path), answer)
        return True

    @on(FlowClosed)
    def _flow_closed(self) -> None:
        self.flow = None
        self.call_later(self.action_quit)

    def flow_before_crash(self) -> str:
        """Every flow edit into the journal now, on this thread, as the workbook's."""
        flow = self.flow
        if flow is None or not flow.dirty:
            return ""
        kept = flow.journal_job()()
        return f"; the flow's unsaved edits are kept in {kept.name}" if kept else ""
