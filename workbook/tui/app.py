"""The workbook app: keeps one workbook file, from opening it to the last save.

It reads the file off the main thread, journals unsaved edits, offers them back after a crash,
saves without overwriting someone else's changes, and never lets a failed save lose an edit.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from ..brief import BriefOptions, render
from ..coverage import count
from ..files import WorkbookError, read_file, write_atomic
from ..seed import brief_path, copy_essay, save_target
from .loading import LoadingScreen

if TYPE_CHECKING:
    from textual.command import Provider

    from ..edits import Change, Draft
    from ..journal import Journal
    from ..model import Claim, Workbook
    from ..parallel import Parse

# The first frame needs only Textual and the loading screen. The models (pydantic), the
# store and the main screen's widgets are imported by the thread that reads the workbook, or
# where they are used once it is open, so the app shows itself as soon as a bare app would.


def go_to_claim() -> type[Provider]:
    """The palette's provider, loaded when the palette first opens (it pulls in many widgets)."""
    from .commands import GoToClaim

    return GoToClaim


JOURNAL_DELAY = 1.5  # seconds after the last change: a pause in typing, well within two seconds


class WorkbookApp(App[None]):
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {go_to_claim}
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("ctrl+e", "export", "Export", id="export"),
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
        super().__init__()
        self.parsing = parsing
        self.path = path
        self.preread = (raw, text) if raw is not None and text is not None else None
        self.ours = ours
        self.draft: Draft | None = None
        self.error: str | None = None  # why the file could not be opened, for the command line
        self.saving = False
        self.quit_after_save = False
        self.base = ""  # digest of the file as last read or written
        self.changed: set[str] = set()  # claims changed since the file was last written
        self._journal_timer: Timer | None = None
        self._journal_lock = threading.Lock()
        self._journal_seq = 0

    # Opening.

    def on_mount(self) -> None:
        self.show_title()
        self.push_screen(LoadingScreen(self.path))
        # Reading starts once the first frame is out: the thread would compete for the GIL.
        self.call_after_refresh(self.open_workbook)

    @work(thread=True, exit_on_error=False)
    def open_workbook(self) -> None:
        from ..journal import digest, read_journal
        from ..store import load_with_essay
        from . import prep_screen  # noqa: F401  (its widgets load here, not on the main thread)

        try:
            raw, text = self.preread or read_file(self.path)
            parsing, self.preread, self.parsing = self.parsing, None, None
            workbook, paragraphs = load_with_essay(self.path, text, parsing)
        except WorkbookError as error:
            self.call_from_thread(self.fail, str(error))
            return
        try:
            journal: Journal | str | None = read_journal(self.path)
        except WorkbookError as error:
            journal = str(error)
        self.call_from_thread(self.opened, workbook, paragraphs, digest(raw), journal)

    def fail(self, message: str) -> None:
        self.error = message
        self.exit(return_code=2)

    def opened(
        self,
        workbook: Workbook,
        paragraphs: list[str] | None,
        base: str,
        journal: Journal | str | None,
    ) -> None:
        from ..edits import Draft
        from ..model import side_named
        from .prep_screen import PrepScreen

        ours = side_named(workbook, self.ours) if self.ours else next(iter(workbook.sides))
        if ours is None:
            self.fail(f"--ours: no side {self.ours!r} (sides: {', '.join(workbook.sides)})")
            return
        self.ours, self.base, self.changed = ours, base, set()
        self.draft = Draft(workbook)
        self.switch_screen(PrepScreen(self.draft, paragraphs, ours))
        self.show_title()
        if isinstance(journal, str):
            self.notify(f"{journal}. It is left as it is.", severity="warning", timeout=15)
        elif journal is not None:
            self.offer_restore(journal)

    def show_title(self) -> None:
        dirty = self.draft is not None and self.draft.dirty
        self.title = "workbook"
        self.sub_title = f"{self.path}{' ● unsaved changes' if dirty else ''}"

    def get_system_commands(self, screen: Screen) -> list[SystemCommand]:  # type: ignore[override]
        from .commands import PALETTE
        from .prep_screen import PrepScreen

        commands = list(super().get_system_commands(screen))
        if isinstance(screen, PrepScreen):
            commands += [
                SystemCommand(title, help_text, lambda a=action: screen.run_action(a))
                for title, help_text, action in PALETTE
            ]
            commands.append(SystemCommand("Save", "Save the workbook (ctrl+s)", self.action_save))
            commands.append(
                SystemCommand("Save as…", "Save the workbook to another file", self.action_save_as)
            )
        return commands

    # The journal.

    def offer_restore(self, journal: Journal) -> None:
        from .form import ConfirmScreen

        assert self.draft is not None
        steps = journal.steps(self.draft.workbook)
        when = journal.written.replace("T", " at ")[:19]
        question = (
            f"Edits to {count(steps, 'claim')} of {self.path.name}, journalled on {when}, "
            "were never saved. Restore them?"
        )
        if journal.base != self.base:
            question += "\nThe file has changed since: restoring puts those claims over it."

        def answer(choice: str | None) -> None:
            if choice == "discard":
                self.drop_journal()
                self.notify("Discarded the journalled edits")
                return
            self.restore(steps)

        # Escape restores too: nothing is lost, and every restored edit can be undone.
        choices = [("restore", "Restore"), ("discard", "Discard them")]
        self.push_screen(ConfirmScreen(question, choices, escape="restore"), answer)

    def restore(self, steps: list[tuple[str, Claim | None, int]]) -> None:
        from ..edits import EditError
        from .prep_screen import PrepScreen

        assert self.draft is not None
        skipped = 0
        for claim_id, claim, index in steps:
            try:
                self.draft.apply(f"restore {claim_id}", claim_id, claim, index)
            except EditError:
                skipped += 1
                continue
            self.changed.add(claim_id)
        screen = self.screen
        if isinstance(screen, PrepScreen):
            screen.refresh_all()
        self.show_title()
        more = f"; {skipped} no longer fit the file and were left out" if skipped else ""
        restored = count(range(len(steps) - skipped), "claim")
        self.notify(f"Restored {restored}{more}. Save to keep them.")
        self.journal_now()

    def note_change(self, claim_id: str) -> None:
        """Called after every edit, undo and redo: title, and a journal soon after."""
        self.changed.add(claim_id)
        self.show_title()
        if self._journal_timer is not None:
            self._journal_timer.stop()
        self._journal_timer = self.set_timer(JOURNAL_DELAY, self.journal_now)

    def journal_now(self) -> None:
        if self.draft is None:
            return
        if not self.draft.dirty:
            self.drop_journal()
            return
        self._journal_seq += 1
        self.write_journal(self._journal_seq, self.snapshot(), set(self.changed), self.base)

    @work(thread=True, exit_on_error=False, group="journal")
    def write_journal(self, seq: int, snapshot: Workbook, changed: set[str], base: str) -> None:
        from ..journal import write_journal

        with self._journal_lock:
            if seq != self._journal_seq:
                return  # a newer journal, or a save, came after this one
            try:
                write_journal(self.path, base, snapshot, changed)
            except WorkbookError as error:
                self.call_from_thread(
                    self.notify, f"Cannot keep a journal: {error}", severity="error", timeout=10
                )

    def drop_journal(self, path: Path | None = None) -> None:
        from ..journal import remove_journal

        with self._journal_lock:
            self._journal_seq += 1
            remove_journal(path or self.path)

    # Saving.

    def snapshot(self) -> Workbook:
        """The workbook as it is now, safe to write from another thread while editing goes on."""
        assert self.draft is not None
        # Edits replace claims rather than change them, so a shallow copy is a stable snapshot.
        workbook = self.draft.workbook
        return workbook.model_copy(update={"claims": dict(workbook.claims)})

    def action_save(self) -> None:
        if self.draft is None or self.saving:
            return
        from ..journal import file_digest

        target, note = save_target(self.path, self.draft.workbook.essay.file)
        on_disk = file_digest(self.path) if target == self.path else None
        if on_disk is not None and on_disk != self.base:
            self.ask_about_their_changes(target)
            return
        self.start_save(target, note)

    def ask_about_their_changes(self, target: Path) -> None:
        from .form import ConfirmScreen

        question = (
            f"{self.path.name} has changed on disk since it was opened or saved "
            "(another editor, or git pull?). Saving now would overwrite those changes."
        )

        def answer(choice: str | None) -> None:
            if choice == "reload":
                self.reload()
            elif choice == "overwrite":
                self.start_save(target, "")
            elif choice == "save_as":
                self.action_save_as()
            else:
                self.quit_after_save = False

        choices = [
            ("reload", "Reload theirs (drop mine)"),
            ("overwrite", "Overwrite with mine"),
            ("save_as", "Save mine as…"),
            ("cancel", "Cancel"),
        ]
        self.push_screen(ConfirmScreen(question, choices), answer)

    def start_save(self, target: Path, note: str) -> None:
        assert self.draft is not None
        self.saving = True
        if target.parent != self.path.parent:
            copy_essay(self.path, self.draft.workbook.essay.file, target.parent)
        changed, self.changed = self.changed, set()
        self.write_workbook(self.snapshot(), target, self.draft.checkpoint, note, changed)

    @work(thread=True, exit_on_error=False, group="save")
    def write_workbook(
        self,
        snapshot: Workbook,
        target: Path,
        checkpoint: Change | None,
        note: str,
        changed: set[str],
    ) -> None:
        from ..journal import digest
        from ..store import save

        try:
            data = save(snapshot, target)
        except WorkbookError as error:
            self.call_from_thread(self.save_failed, str(error), changed)
            return
        self.call_from_thread(self.saved, target, checkpoint, note, digest(data))

    def saved(self, target: Path, checkpoint: Change | None, note: str, base: str) -> None:
        assert self.draft is not None
        self.saving = False
        if target != self.path:
            self.drop_journal(self.path)  # its edits are in the new file now
        self.path, self.base = target, base
        self.draft.mark_saved(checkpoint)
        self.show_title()
        self.notify(note or f"Saved to {target}")
        self.journal_now()  # removes the journal, or keeps edits made during the save
        if self.quit_after_save and not self.draft.dirty:
            self.exit()

    def save_failed(self, message: str, changed: set[str]) -> None:
        from .form import ConfirmScreen

        self.saving = False
        self.quit_after_save = False
        self.changed |= changed
        self.journal_now()
        self.notify(message, severity="error", timeout=15)
        question = f"{message}.\nEvery edit is kept, in memory and in the journal."
        choices = [("save_as", "Save as…"), ("cancel", "Keep editing")]
        self.push_screen(
            ConfirmScreen(question, choices),
            lambda choice: self.action_save_as() if choice == "save_as" else None,
        )

    def action_save_as(self) -> None:
        if self.draft is None or self.saving:
            return
        from .form import Values
        from .forms import chosen_path, save_as_form

        def done(values: Values | None) -> None:
            if values is None:
                self.quit_after_save = False
            else:
                self.start_save(chosen_path(values), "")

        self.push_screen(save_as_form(self.path), done)

    def reload(self) -> None:
        """Keep their version: read the file again and drop the unsaved edits."""
        self.drop_journal()
        self.draft = None
        self.switch_screen(LoadingScreen(self.path))
        self.open_workbook()

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
        from .form import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            return

        def answer(choice: str | None) -> None:
            if choice == "discard":
                self.drop_journal()
                self.exit()
            elif choice == "save":
                self.quit_after_save = True
                self.action_save()

        question = f"{self.path.name} has unsaved changes."
        choices = [
            ("save", "Save and quit"),
            ("discard", "Quit without saving"),
            ("cancel", "Cancel"),
        ]
        self.push_screen(ConfirmScreen(question, choices), answer)
