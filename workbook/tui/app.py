"""The workbook app: a view of one open workbook file, from opening it to the last save.

The file's life (what is saved, what is journalled, whether a save is under way) is the
`Session`'s; the app shows it, asks the user, and runs the session's jobs in workers. Every
worker's end, success or any exception at all, comes to one handler.
"""

from __future__ import annotations

import gc
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from workbook.tui.file_app import FileApp
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


# How long the app waits for the first look before its first frame shows the loading line
# instead (a large file, still being parsed).
FIRST_LOOK_WAIT = 0.1
# A file of this many characters or more is not looked at within that wait (on two cores a
# 1 MB file is, a 1.4 MB one is not): its loading line shows at once, not after the wait.
LARGE_FILE = 1_000_000
# How many refreshes a key pressed while the file opened waits for the app to handle the key
# before it, and for a screen that key opened (a form, say) to take the focus; a screen with
# nothing to focus gets the key then.
KEY_WAIT = 30


def go_to_claim() -> type[Provider]:
    """The palette's provider, loaded when the palette first opens (it pulls in many widgets)."""
    from workbook.tui.palette import GoToClaim

    return GoToClaim


class WorkbookApp(FileApp):
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
    ]

    def __init__(
        self,
        path: Path,
        raw: bytes | None = None,
        text: str | None = None,
        ours: str | None = None,
        parsing: Parse | None = None,
    ) -> None:
        super().__init__(path, ours)
        self.parsing = parsing
        self.preread = (raw, text) if raw is not None and text is not None else None
        self.error: str | None = None  # why the file could not be opened, for the command line
        self.first_look: FirstLook | None = None
        # Keys pressed while the file opened, still to be given back (see `press_again`), and
        # the one given back last.
        self.kept_keys: list[events.Key] | None = None
        self.given_back: events.Key | None = None

    @property
    def draft(self) -> Draft | None:
        return self.session.draft if self.session else None

    # Every worker ends here.

    @on(Worker.StateChanged)
    def _worker_ended(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state is WorkerState.SUCCESS:
            done: dict[str, Callable[[Any], None]] = {
                "look": self.looked,
                "open": self.opened,
                "save": self.saved,
                "export": self.notify,
                "merge": self.merged,
                "settle": self.merged,
                "close": lambda _: self.exit(),
            }
            if worker.group in done:
                done[worker.group](worker.result)
        elif event.state is WorkerState.ERROR:
            self.worker_failed(worker.group, worker.error or RuntimeError("no details"))

    def worker_failed(self, group: str, error: BaseException) -> None:
        """Any exception from any worker: one line to the user, and every edit kept."""
        from workbook.session.session import error_line

        if group == "look":
            self.looked(None)  # opening finds out what is wrong, and says it
        elif group == "open":
            gc.enable()  # held off while the app started (see `settle_garbage`)
            self.fail(error_line(error, self.path))
        elif group == "save" and self.session is not None:
            self.save_failed(self.session.save_failed(error))
        elif group == "close":
            self.exit()
        else:
            what = {
                "journal": "Cannot keep a journal",
                "export": "Cannot export",
                "merge": "Cannot merge",
                "settle": "Cannot settle the conflict",
            }.get(group)
            message = error_line(error, self.path)
            self.notify(f"{what}: {message}" if what else message, severity="error", timeout=10)

    # Opening.

    def get_default_screen(self) -> Screen[Any]:
        """The first look at the file, when the child that parses it has it ready by now."""
        parsing = self.parsing
        if parsing is None or not parsing.looking:
            return super().get_default_screen()
        wait = FIRST_LOOK_WAIT if len(parsing.text) < LARGE_FILE else 0.0
        if parsing.ready(wait):
            self.first_look = self.first_look_of(parsing.first_look())
        return self.first_look or super().get_default_screen()

    def first_look_of(self, glance: object) -> FirstLook | None:
        from workbook.tui.glance import Glance

        if not isinstance(glance, Glance):
            return None
        from workbook.tui.screens.prep.first_look import FirstLook

        return FirstLook(glance)

    def on_mount(self) -> None:
        self.show_title()
        if self.first_look is not None:
            return  # opening starts once the first look is on the screen
        self.push_screen(LoadingScreen(self.path))
        if self.parsing is not None and self.parsing.looking:
            self.wait_for_first_look()  # a large file: the first look follows the loading line
        else:
            # Reading starts once the first frame is out: the thread would compete for the GIL.
            self.call_after_refresh(self.open_workbook)

    @work(thread=True, exit_on_error=False, group="look")
    def wait_for_first_look(self) -> object:
        assert self.parsing is not None
        return self.parsing.first_look()

    def looked(self, glance: object) -> None:
        """The first look, once it has come, in place of the loading line; without one, the
        file is opened at once."""
        self.first_look = self.first_look_of(glance)
        if self.first_look is not None:
            if isinstance(self.screen, StandIn):
                self.first_look.keys = self.screen.keys  # pressed during the loading line
            self.switch_screen(self.first_look)
        else:
            self.call_after_refresh(self.open_workbook)

    def on_first_look_shown(self) -> None:
        self.open_workbook()

    @work(thread=True, exit_on_error=False, group="open")
    def open_workbook(self) -> Session:
        # The main screen's widgets load here, not on the main thread.
        import workbook.tui.screens.prep.screen  # noqa: F401
        from workbook.session.session import Session

        preread, parsing, self.preread, self.parsing = self.preread, self.parsing, None, None
        return Session.open(self.path, preread, parsing)

    def fail(self, message: str) -> None:
        self.error = message
        self.exit(return_code=2)

    def opened(self, session: Session) -> None:
        from workbook.core.model import side_named
        from workbook.tui.screens.prep.screen import PrepScreen

        workbook = session.draft.workbook
        ours = side_named(workbook, self.ours) if self.ours else next(iter(workbook.sides))
        if ours is None:
            self.fail(f"--ours: no side {self.ours!r} (sides: {', '.join(workbook.sides)})")
            return
        self.ours, self.session = ours, session
        prep = PrepScreen(session.draft, session.paragraphs, ours)
        kept = self.screen.keys if isinstance(self.screen, StandIn) else []
        # Over the first look when it is the first screen: Textual keeps its first screen.
        first = len(self.screen_stack) == 1
        shown = self.push_screen(prep) if first else self.switch_screen(prep)
        if self.first_look is not None:
            self.first_look.let_go()
            self.first_look = None
        self.show_title()
        if not gc.isenabled():  # held off by the command line while the app started
            self.call_after_refresh(self.settle_garbage, shown)
        self.kept_keys = list(kept) or None
        self.call_after_refresh(self.press_again)
        if not workbook.claims and session.paragraphs is not None:
            prep.action_essay()  # a new workbook starts from its essay
        if not workbook.claims and not any(side.thesis for side in workbook.sides.values()):
            self.name_sides()
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

    async def settle_garbage(self, shown: Awaitable[object]) -> None:
        """Once the main screen is shown: collect what starting left, then set everything that
        lives on (Textual's objects, the open workbook) aside for good with `gc.freeze`. The
        drawing a key sets off makes a full collection every few keys, and each one then passes
        over only what is new: with 2,000 claims open a full pass took 100 to 130 ms before."""
        await shown  # by then a stand-in the main screen replaced is gone, not kept for good
        gc.collect()
        gc.freeze()
        gc.enable()

    def press_again(self, pressing: bool = False, waited: int = 0, calm: int = 0) -> None:
        """Keys pressed while the file opened, given to the app one at a time, as if typed now.
        If opening asked a question first (a journal to restore, say), they are dropped: a key
        meant for the claims must not answer a question the user has not read. After a key
        that opens a form, the rest wait until the form has the focus, and go to its field.
        Each key waits until the app has handled all that the one before set off: on a busy
        machine a key can take longer than a refresh, and the next must not overtake it. Keys
        typed meanwhile join the end of the line (`on_event`)."""
        from workbook.tui.screens.prep.screen import PrepScreen

        keys = self.kept_keys
        if not keys or (not pressing and not isinstance(self.screen, PrepScreen)):
            self.kept_keys = None  # from here on, keys go straight where they are typed
            return
        # Settled at two refreshes running: a message taken from its queue may still be
        # being handled at the first.
        ready = self.screen.focused is not None and self.settled()
        if not (ready and calm) and waited < KEY_WAIT:
            self.call_after_refresh(self.press_again, True, waited + 1, calm + 1 if ready else 0)
            return
        key = keys.pop(0)
        self.given_back = events.Key(key.key, key.character)
        self.post_message(self.given_back)
        self.call_after_refresh(self.press_again, True)

    async def on_event(self, event: events.Event) -> None:
        """A key typed while kept keys are still being given back waits behind them: were it
        handled at once, a key kept from before it could land in the form it opened."""
        waiting = self.kept_keys is not None and event is not self.given_back
        if waiting and isinstance(event, events.Key) and not event.is_forwarded:
            assert self.kept_keys is not None
            self.kept_keys.append(event)
            return
        await super().on_event(event)

    def settled(self) -> bool:
        """Whether every message the app, its screens and the widgets on show were sent has
        been handled (a key, and the requests, screens and focus it set off)."""
        pumps = [self, *self.screen_stack, *self.screen.walk_children()]
        return all(pump.message_queue_size == 0 for pump in pumps)

    def name_sides(self) -> None:
        """A new workbook's sides get their names from the user, and are saved at once."""
        from workbook.tui.dialogs.edit_forms import sides_form, sides_from
        from workbook.tui.dialogs.form import Values
        from workbook.tui.screens.prep.screen import PrepScreen

        assert self.session is not None
        session = self.session

        def done(values: Values | None) -> None:
            if values is None:
                return
            session.name_sides(sides_from(session.draft.workbook, values))
            for screen in self.screen_stack:
                if isinstance(screen, PrepScreen):
                    screen.refresh_all()
            self.start_save()

        self.push_screen(sides_form(session.draft.workbook), done)

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
            from workbook.exports import EXPORTS

            commands += [
                SystemCommand(row.title, row.help, lambda to=row.key: self.action_export(to))
                for row in EXPORTS
                if row.title
            ]
        return commands

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
        path, options = self.path, BriefOptions(ours=self.ours)
        self.run_worker(
            lambda: write_beside(copy, path, to, options),
            thread=True,
            group="export",
            exit_on_error=False,
        )

    # Quitting.

    async def action_quit(self) -> None:
        from workbook.tui.dialogs.form import ConfirmScreen
        from workbook.tui.dialogs.questions import quit_question

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
