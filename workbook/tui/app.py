"""The workbook app: a view of one open workbook file, from opening it to the last save.

The file's life (what is saved, what is journalled, whether a save is under way) is the
`Session`'s; the app shows it, asks the user, and runs the session's jobs off its thread, each
ending with a message of its own (`jobs`). How it opens quickly is `opening`'s.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from workbook.tui.flow_app import FlowRound
from workbook.tui.jobs import (
    Exported,
    ExportFailed,
    FirstLookCame,
    LookFailed,
    OpenFailed,
    WorkbookOpened,
    run_job,
)
from workbook.tui.opening import KeptKeys, first_look_of, ready_first_look, settle_garbage
from workbook.tui.palette import binding_commands
from workbook.tui.screens.loading import LoadingScreen, StandIn

if TYPE_CHECKING:
    from textual.command import Provider

    from workbook.core.edits import Draft
    from workbook.session.session import Session
    from workbook.storage.parallel import Parse
    from workbook.tui.screens.prep.first_look import FirstLook

# The first frame needs only Textual, and the first look (or the loading line): the child that
# parses the file works out what it shows. The models (pydantic), the store and the main
# screen's actions are imported by the thread that opens the workbook, or where they are used
# once it is open.


def one_line(text: str) -> str:
    """A paste as a one-line field takes it: its lines joined with one space, the blank lines
    and the spaces around each line break left out. Textual's field kept only the first line,
    and said nothing of the rest."""
    lines = text.splitlines()
    if len(lines) <= 1:
        return lines[0] if lines else ""
    return " ".join(stripped for line in lines if (stripped := line.strip()))


def go_to_claim() -> type[Provider]:
    """The palette's provider, loaded when the palette first opens (it pulls in many widgets)."""
    from workbook.tui.palette import GoToClaim

    return GoToClaim


class WorkbookApp(FlowRound):
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {go_to_claim}
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", tooltip="Save the workbook"),
        Binding(
            "ctrl+e",
            "export",
            "Export",
            id="export",
            tooltip="Export the brief: both columns as Markdown, ours first",
        ),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
        # In every text field, forms, filter, card picker and palette alike, ctrl+a selects
        # the whole field, so that typing replaces it (Textual's fields go to the line's start).
        Binding("ctrl+a", "select_all_typed", "Select all", show=False, priority=True),
    ]

    def __init__(
        self,
        path: Path,
        raw: bytes | None = None,
        text: str | None = None,
        ours: str | None = None,
        parsing: Parse | None = None,
        flow: Path | None = None,
    ) -> None:
        """`flow`: a round's flow of the workbook at `path`, opened on the flow screen."""
        preread = (raw, text) if raw is not None and text is not None else None
        super().__init__(path, ours, preread, parsing)
        self.flow_path = flow
        self.error: str | None = None  # why the file could not be opened, for the command line
        self.first_look: FirstLook | None = None
        # Keys pressed while the file opened, still to be given back.
        self.kept_keys: KeptKeys | None = None

    @property
    def draft(self) -> Draft | None:
        return self.session.draft if self.session else None

    # Opening.

    def get_default_screen(self) -> Screen[Any]:
        """The first look at the file, when the child that parses it has it ready by now."""
        self.first_look = ready_first_look(self.parsing)
        return self.first_look or super().get_default_screen()

    def on_mount(self) -> None:
        self.show_title()
        if self.first_look is not None:
            return  # opening starts once the first look is on the screen
        self.push_screen(LoadingScreen(self.path))
        parsing = self.parsing
        if parsing is not None and parsing.looking:
            # A large file: the first look follows the loading line.
            run_job(self, parsing.first_look, LookFailed, FirstLookCame)
        else:
            # Reading starts once the first frame is out: the thread would compete for the GIL.
            self.call_after_refresh(self.open_workbook)

    @on(FirstLookCame)
    def _first_look_came(self, event: FirstLookCame) -> None:
        self.looked(event.glance)

    @on(LookFailed)
    def _no_first_look(self) -> None:
        self.looked(None)  # opening finds out what is wrong, and says it

    def looked(self, glance: object) -> None:
        """The first look, once it has come, in place of the loading line; without one, the
        file is opened at once."""
        self.first_look = first_look_of(glance)
        if self.first_look is not None:
            if isinstance(self.screen, StandIn):
                self.first_look.keys = self.screen.keys  # pressed during the loading line
            self.switch_screen(self.first_look)
        else:
            self.call_after_refresh(self.open_workbook)

    def on_first_look_shown(self) -> None:
        self.open_workbook()

    def fail(self, message: str) -> None:
        self.error = message
        self.exit(return_code=2)

    @on(OpenFailed)
    def _open_failed(self, event: OpenFailed) -> None:
        gc.enable()  # held off while the app started (see `opening.settle_garbage`)
        self.fail(self.error_line(event.error))

    @on(WorkbookOpened)
    def _opened(self, event: WorkbookOpened) -> None:
        from workbook.core.model import is_library, side_named
        from workbook.importing.importer import sides_to_name
        from workbook.tui.dialogs.edit_forms import WHO_ARGUES_WHAT
        from workbook.tui.screens.prep.screen import PrepScreen

        session = event.session
        workbook = session.draft.workbook
        if is_library(workbook):
            self.open_library(session)
            return
        ours = side_named(workbook, self.ours) if self.ours else next(iter(workbook.sides))
        if ours is None:
            self.fail(f"--ours: no side {self.ours!r} (sides: {', '.join(workbook.sides)})")
            return
        self.ours, self.session = ours, session
        prep = PrepScreen(session.draft, session.paragraphs, ours, self.path, session.left_off)
        kept = self.screen.keys if isinstance(self.screen, StandIn) else []
        # Over the first look when it is the first screen: Textual keeps its first screen.
        first = len(self.screen_stack) == 1
        shown = self.push_screen(prep) if first else self.switch_screen(prep)
        if self.first_look is not None:
            self.first_look.let_go()
            self.first_look = None
        self.show_title()
        if not gc.isenabled():  # held off by the command line while the app started
            self.call_after_refresh(settle_garbage, shown)
        self.kept_keys = KeptKeys(self, list(kept))
        self.kept_keys.start()
        if not workbook.claims and session.paragraphs is not None:
            prep.action_essay()  # a new workbook starts from its essay
        if not workbook.claims and sides_to_name(workbook):
            prep.motion.edit(WHO_ARGUES_WHAT, then=self.start_save)
        if (flow_screen := self.flow_screen) is not None:
            flow_screen.draft = session.draft  # the workbook read again, merged or reloaded
        elif self.flow_path is not None:
            self.open_flow(start=False)
        found = session.found
        for line in found.damaged:
            self.notify(f"A damaged journal: {line}", severity="warning", timeout=15)
        if found.live:
            self.notify(
                f"{self.path.name} is open in another workbook app too: each keeps its own "
                "journal, and a save asks before overwriting the other's.",
                severity="warning",
                timeout=10,
            )
        if found.newest is not None:
            self.offer_restore(found.newest, len(found.others))
        elif workbook.conflicts:
            self.offer_settle()

    def open_library(self, session: Session) -> None:
        """A card library (no essay, no claims): its own screen, its cards to find and read."""
        from workbook.tui.screens.library import LibraryScreen

        self.session = session
        library = LibraryScreen(session.draft, self.path)
        shown = (
            self.push_screen(library)
            if len(self.screen_stack) == 1
            else self.switch_screen(library)
        )
        self.show_title()
        if not gc.isenabled():  # held off by the command line while the app started
            self.call_after_refresh(settle_garbage, shown)
        found = session.found
        for line in found.damaged:
            self.notify(f"A damaged journal: {line}", severity="warning", timeout=15)
        if found.newest is not None:
            self.offer_restore(found.newest, len(found.others))
        elif session.draft.workbook.conflicts:
            self.offer_settle()

    async def on_event(self, event: events.Event) -> None:
        if self.kept_keys is not None and self.kept_keys.hold(event):
            return
        if isinstance(event, events.Paste):
            from textual.widgets import Input

            if isinstance(self.focused, Input):  # every one-line field, Textual's own too
                event.text = one_line(event.text)
        await super().on_event(event)

    def action_select_all_typed(self) -> None:
        from textual.actions import SkipAction
        from textual.widgets import Input, TextArea

        field = self.focused
        if not isinstance(field, Input | TextArea):
            raise SkipAction()  # the key goes on to the widget in focus
        # ctrl+a is a priority key, read before the keys typed ahead of it reach the field:
        # the field selects in its own turn, after those keys and before the ones after it.
        field.call_later(field.select_all)

    def get_system_commands(self, screen: Screen[Any]) -> list[SystemCommand]:
        """Textual's commands, then every key that works where the focus is, from its binding:
        the palette lists what the keys do, and no list of actions is kept twice."""
        commands = list(super().get_system_commands(screen))
        if self.session is not None:
            commands += binding_commands(screen, self.get_key_display)
            commands.append(
                SystemCommand("Save as…", "Save the workbook to another file", self.action_save_as)
            )
            if self.session.draft.workbook.conflicts:
                commands.append(
                    SystemCommand(
                        "Settle conflicts",
                        "Keep ours, theirs or the base of what a merge left",
                        self.offer_settle,
                    )
                )
            from workbook.core.model import is_library
            from workbook.exports import EXPORTS

            library = is_library(self.session.draft.workbook)
            commands += [
                SystemCommand(row.title, row.help, lambda to=row.key: self.action_export(to))
                for row in EXPORTS
                if row.title and (row.library or not library)  # what a card library can be
            ]
        return commands

    def before_crash(self) -> str:
        return super().before_crash() + self.flow_before_crash()

    # Exporting.

    def action_export(self, to: str = "md") -> None:
        """Export beside the workbook: the brief (Markdown or a web page), or a file for a tool."""
        if self.session is None:
            return
        from workbook.exports import write_beside
        from workbook.exports.brief import BriefOptions

        workbook = self.session.draft.workbook
        # The worker writes a copy: edits made meanwhile replace these dicts' entries.
        copy = workbook.model_copy(
            update={"claims": dict(workbook.claims), "cards": dict(workbook.cards)}
        )
        # The essay's paragraphs: the brief numbers a claim's as the published essay reads.
        paragraphs = self.session.paragraphs
        essay = tuple(paragraphs) if paragraphs is not None else None
        path, options = self.path, BriefOptions(ours=self.ours, paragraphs=essay)
        run_job(self, lambda: write_beside(copy, path, to, options), ExportFailed, Exported)

    @on(Exported)
    def _exported(self, event: Exported) -> None:
        self.notify(event.line)

    @on(ExportFailed)
    def _export_failed(self, event: ExportFailed) -> None:
        self._job_failed(event)

    # Quitting.

    async def action_quit(self) -> None:
        from workbook.tui.dialogs.form import ConfirmScreen
        from workbook.tui.dialogs.questions import quit_question

        flow_asked = self.flow is not None and self.flow.dirty
        if flow_asked and isinstance(self.screen, ConfirmScreen):
            return
        if self.quit_flow_first():
            return  # the flow is asked about, or closed, first; quitting goes on after
        session = self.session
        if session is None or not session.dirty:
            if session is None:
                self.exit()
            else:
                self.close_session(session)
            return
        if isinstance(self.screen, ConfirmScreen):
            return

        def answer(choice: str) -> None:
            if choice == "discard":
                self.close_session(session)
            elif choice == "save":
                session.close_after_save = True
                self.start_save()

        self.ask(*quit_question(self.path), answer)
