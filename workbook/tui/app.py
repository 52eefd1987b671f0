"""The workbook app: opens a workbook off the main thread, then saves, quits and titles it."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, LoadingIndicator

from ..brief import BriefOptions, render
from ..edits import Change, Draft
from ..model import Workbook, side_named
from ..seed import brief_path, save_target
from ..store import WorkbookError, load_with_essay, save, write_atomic
from .commands import GoToClaim
from .form import ConfirmScreen
from .prep_screen import PrepScreen

# Every action, for the command palette: (title, help, action on the main screen).
PALETTE = [
    ("Add point", "Add a point for the side in focus (a)", "add_point"),
    ("Answer point", "Answer the highlighted point from the other side (r)", "answer"),
    ("Add card", "Add an evidence card to the highlighted point (c)", "add_card"),
    ("Edit", "Edit the highlighted point or card (e, enter)", "edit"),
    ("Delete", "Delete the highlighted point or card (x)", "delete"),
    ("Move point up", "Move the highlighted point up its column ([)", "move(-1)"),
    ("Move point down", "Move the highlighted point down its column (])", "move(1)"),
    ("Edit claim", "Edit the claim's tag, tags and notes (t)", "edit_claim"),
    ("New claim", "Add a claim from the essay (n)", "new_claim"),
    ("Show paragraph", "Show or hide the claim's whole paragraph (p)", "toggle_paragraph"),
    ("Filter claims", "Narrow the list by words and #tags (/)", "filter"),
    ("Filter unanswered", "Cycle: claims a side has not answered (u)", "cycle_unanswered"),
    ("Swap ours", "Prepare the other side: its column comes first (o)", "swap_ours"),
    ("Export brief", "Write the two-column brief as Markdown, ours first (ctrl+e)", "app.export"),
    ("Undo", "Undo the last change (ctrl+z)", "undo"),
    ("Redo", "Redo what was undone (ctrl+y)", "redo"),
]


class LoadingScreen(Screen[None]):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="loading"):
            yield LoadingIndicator()
            yield Label(f"Reading {self.path}…")
        yield Footer()


class WorkbookApp(App[None]):
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {GoToClaim}
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("ctrl+e", "export", "Export", id="export"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
    ]

    def __init__(self, path: Path, text: str | None = None, ours: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.text = text
        self.ours = ours
        self.draft: Draft | None = None
        self.error: str | None = None
        self.saving = False

    def on_mount(self) -> None:
        self.show_title()
        self.push_screen(LoadingScreen(self.path))
        self.open_workbook()

    @work(thread=True, exit_on_error=False)
    def open_workbook(self) -> None:
        try:
            workbook, paragraphs = load_with_essay(self.path, self.text)
        except WorkbookError as error:
            self.call_from_thread(self.fail, str(error))
            return
        self.text = None  # the parsed workbook holds it now
        self.call_from_thread(self.opened, workbook, paragraphs)

    def fail(self, message: str) -> None:
        self.error = message
        self.exit(return_code=2)

    def opened(self, workbook: Workbook, paragraphs: list[str] | None) -> None:
        ours = side_named(workbook, self.ours) if self.ours else next(iter(workbook.sides))
        if ours is None:
            self.fail(f"--ours: no side {self.ours!r} (sides: {', '.join(workbook.sides)})")
            return
        self.ours = ours
        self.draft = Draft(workbook)
        self.switch_screen(PrepScreen(self.draft, paragraphs, ours))
        self.show_title()

    def show_title(self) -> None:
        dirty = self.draft is not None and self.draft.dirty
        self.title = "workbook"
        self.sub_title = f"{self.path}{' ● unsaved changes' if dirty else ''}"

    def get_system_commands(self, screen: Screen) -> list[SystemCommand]:  # type: ignore[override]
        commands = list(super().get_system_commands(screen))
        if isinstance(screen, PrepScreen):
            commands += [
                SystemCommand(title, help_text, lambda a=action: screen.run_action(a))
                for title, help_text, action in PALETTE
            ]
            commands.append(SystemCommand("Save", "Save the workbook (ctrl+s)", self.action_save))
        return commands

    # Saving.

    def action_save(self) -> None:
        if self.draft is None or self.saving:
            return
        target, note = save_target(self.path, self.draft.workbook.essay.file)
        self.saving = True
        self.write_workbook(self.snapshot(), target, self.draft.checkpoint, note)

    def snapshot(self) -> Workbook:
        """The workbook as it is now, safe to write from another thread while editing goes on."""
        assert self.draft is not None
        # Edits replace claims rather than change them, so a shallow copy is a stable snapshot.
        workbook = self.draft.workbook
        return workbook.model_copy(update={"claims": dict(workbook.claims)})

    @work(thread=True, exit_on_error=False, group="save")
    def write_workbook(
        self, snapshot: Workbook, target: Path, checkpoint: Change | None, note: str
    ) -> None:
        try:
            save(snapshot, target)
        except WorkbookError as error:
            self.call_from_thread(self.save_failed, str(error))
            return
        self.call_from_thread(self.saved, target, checkpoint, note)

    def saved(self, target: Path, checkpoint: Change | None, note: str) -> None:
        assert self.draft is not None
        self.saving = False
        self.path = target
        self.draft.mark_saved(checkpoint)
        self.show_title()
        self.notify(note or f"Saved to {target}")

    def save_failed(self, message: str) -> None:
        self.saving = False
        self.notify(
            f"{message}. Your edits are kept; save again when it is fixed.",
            severity="error",
            timeout=10,
        )

    # Exporting.

    def action_export(self) -> None:
        if self.draft is None:
            return
        options = BriefOptions(ours=self.ours)
        self.write_brief(self.snapshot(), brief_path(self.path), options)

    @work(thread=True, exit_on_error=False, group="export")
    def write_brief(self, snapshot: Workbook, target: Path, options: BriefOptions) -> None:
        try:
            write_atomic(target, render(snapshot, options).encode("utf-8"))
        except WorkbookError as error:
            self.call_from_thread(self.notify, str(error), severity="error", timeout=10)
            return
        self.call_from_thread(self.notify, f"Brief written to {target}")

    # Quitting.

    async def action_quit(self) -> None:
        if self.draft is None or not self.draft.dirty:
            self.exit()
            return

        def answer(choice: str | None) -> None:
            if choice == "discard":
                self.exit()
            elif choice == "save":
                assert self.draft is not None
                target, _ = save_target(self.path, self.draft.workbook.essay.file)
                try:
                    save(self.draft.workbook, target)
                except WorkbookError as error:
                    self.save_failed(str(error))
                    return
                self.exit()

        question = f"{self.path.name} has unsaved changes."
        answers = [
            ("save", "Save and quit"),
            ("discard", "Quit without saving"),
            ("cancel", "Cancel"),
        ]
        self.push_screen(ConfirmScreen(question, answers), answer)
