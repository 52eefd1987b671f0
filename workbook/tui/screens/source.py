"""The source view: a source's stored text, a paragraph a line, with its cite on top, where
cards are cut of whole paragraphs.

Each cite field that is missing or was guessed is flagged, for the user to check. A run of
paragraphs is marked (`space`, then the cursor), its start and end moved a paragraph at a time;
`c` cuts it into a card with the source's cite, read by the point that was in focus on the main
screen, or left in the card library. The screen edits the same draft as the main screen and
tells the app of each edit with `Edited`; it returns the id of the card cut last.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static

from workbook.core.cite_flags import GUESSED_FROM, CiteField, cite_fields, source_short_cite
from workbook.core.cutting import CutError, paragraph_span
from workbook.core.edits import Draft, EditError
from workbook.core.model import ESSAY
from workbook.essay.proofs import text_file
from workbook.tui.dialogs.sources import ask_tag
from workbook.tui.glance import NAMED, claim_name
from workbook.tui.messages import Edited
from workbook.tui.screens.cutting import Target, cut_into, reader
from workbook.tui.screens.steps import step_back
from workbook.tui.source_texts import (
    Read,
    SourceTexts,
)
from workbook.tui.widgets.key_bar import KeyBar
from workbook.tui.widgets.render import clip
from workbook.tui.widgets.source_text import SourceText

# Keys that move one end of the run or the other share one place in the key bar, as in the
# essay view: [ ] trim the run at its start or end, { } extend it.
TRIM = Binding.Group("Trim", compact=True)
EXTEND = Binding.Group("Extend", compact=True)
LABELS = {"url": "URL"}


class SourceScreen(Screen[str | None]):
    """Read a source and cut cards of its paragraphs."""

    BINDINGS = [
        Binding("escape", "let_go", "Back", tooltip="Let go of the run, or back to the claims"),
        Binding("c", "cut", "Cut card", tooltip="Cut the run of paragraphs into a card"),
        Binding("space", "mark", "Mark", tooltip="Mark where the run of paragraphs starts"),
        Binding(
            "left_square_bracket",
            "move(False, 1)",
            "Trim start",
            group=TRIM,
            tooltip="The run's start a paragraph later",
        ),
        Binding(
            "right_square_bracket",
            "move(True, -1)",
            "Trim end",
            group=TRIM,
            tooltip="The run's end a paragraph earlier",
        ),
        Binding(
            "left_curly_bracket",
            "move(False, -1)",
            "Extend start",
            group=EXTEND,
            tooltip="The run's start a paragraph earlier",
        ),
        Binding(
            "right_curly_bracket",
            "move(True, 1)",
            "Extend end",
            group=EXTEND,
            tooltip="The run's end a paragraph later",
        ),
        Binding("ctrl+z", "undo", "Undo", show=False),
    ]
    AUTO_FOCUS = "#source-text"

    def __init__(
        self,
        draft: Draft,
        source_id: str,
        texts: SourceTexts,
        read: Callable[[tuple[str, ...]], None],
        target: Target | None,
    ) -> None:
        """`read`: asks the main screen to read texts, which tells this view when they come
        (`texts_came`). `target`: the point a card cut here is read by (None: the library)."""
        super().__init__()
        self.draft = draft
        self.source_id = source_id
        self.texts = texts
        self.read = read
        self.target = target
        self.cut_last: str | None = None
        self.cite = source_id  # its short cite, once shown

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="source-cite", markup=False)
        yield Static(id="source-help", markup=False)
        yield SourceText(id="source-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_cite()
        read = self.texts.get(self.source_id)
        if read is not None:
            self.show_text(read)
            return
        self.text.say("Reading the source's text…")
        self.read((self.source_id,))  # or waits for the read already going

    @property
    def text(self) -> SourceText:
        return self.query_one(SourceText)

    @property
    def paragraphs(self) -> list[str] | None:
        read = self.texts.get(self.source_id)
        return read.paragraphs if read is not None else None

    def texts_came(self, problem: str = "") -> None:
        """Texts were read, or could not be (`problem`): this view's, if among them."""
        read = self.texts.get(self.source_id)
        if read is not None:
            self.show_text(read)
        elif problem:
            self.text.say(problem)

    # What is shown.

    def show_cite(self) -> None:
        workbook = self.draft.workbook
        if self.source_id == ESSAY and workbook.essay is not None:
            cite, count = "The essay", workbook.essay.paragraphs
        else:
            cite = source_short_cite(workbook, self.source_id) or self.source_id
            count = workbook.sources[self.source_id].paragraphs
        self.cite = cite
        head = Text(cite, style="bold")
        head.append(f"  · {self.source_id} · {count} paragraphs\n", style="dim")
        head.append_text(cite_line(cite_fields(workbook, self.source_id)))
        self.query_one("#source-cite", Static).update(head)
        point = reader(self.draft, self.target)
        goes = (
            f"{point.point_id} on {claim_name(workbook, point.claim_id, NAMED)} reads it"
            if point is not None
            else "into the card library (no point was in focus)"
        )
        help_line = Text(
            "space marks the run's start, ↑ ↓ its end · { } extend it, [ ] trim it · "
            "c or enter cuts it · escape: back\n",
            style="dim",
        )
        help_line.append(f"A card cut here: {goes}", style="dim italic")
        self.query_one("#source-help", Static).update(help_line)

    def show_text(self, read: Read) -> None:
        if read.paragraphs is None:
            file = text_file(self.draft.workbook, self.source_id) or "(none named)"
            why = read.problem or f"{file} is not beside the workbook"
            self.text.say(f"The source's text is not there to cut from: {why}.")
            return
        essay = self.draft.workbook.essay
        headings = essay.headings if essay is not None and self.source_id == ESSAY else []
        self.text.show(read.paragraphs, headings)

    # Cutting.

    @on(OptionList.OptionSelected, "#source-text")
    def _chosen(self) -> None:
        self.action_cut()

    def action_mark(self) -> None:
        self.text.toggle_mark()

    def action_move(self, end: bool, step: int) -> None:
        self.text.move(end, step)

    def action_cut(self) -> None:
        """Ask for the tag, then cut the run (or the cursor's paragraph) into a card."""
        paragraphs, run = self.paragraphs, self.text.chosen()
        if paragraphs is None or run is None:
            self.notify("No text to cut from: the line above says why.", severity="warning")
            return
        where = paragraph_span(*run)
        title = f"Tag the card cut from {where} of {self.cite} (enter cuts it, escape does not)"
        ask_tag(self.app, title, lambda tag: self.cut(paragraphs, run, tag))

    def cut(self, paragraphs: list[str], run: tuple[int, int], tag: str) -> None:
        try:
            change, line = cut_into(self.draft, self.source_id, paragraphs, run, tag, self.target)
        except (CutError, EditError) as error:
            self.notify(f"Not cut: {error}", severity="error")
            return
        self.cut_last = change.cards[0].card_id
        self.post_message(Edited(change))
        if self.text.mark is not None:
            self.text.toggle_mark()  # cut: the next run starts afresh
        self.notify(line, timeout=6)

    def action_undo(self) -> None:
        change = step_back(self, self.draft)
        if change is not None:
            self.post_message(Edited(change))

    def action_let_go(self) -> None:
        """Escape lets go of the run first, then goes back to the claims."""
        if self.text.mark is not None:
            self.text.toggle_mark()
        else:
            self.dismiss(self.cut_last)


def cite_line(fields: list[CiteField]) -> Text:
    """The cite's fields, one after another: each guessed one in yellow with where it was
    guessed from, each missing one in red."""
    line = Text()
    for index, field in enumerate(fields):
        if index:
            line.append(" · ", style="dim")
        label = LABELS.get(field.name, field.name)
        if field.flag == "missing":
            line.append(f"{label}: missing", style="bold red")
            continue
        value = clip(field.value, 300)
        value = f"“{value}”" if field.name == "title" else value
        line.append(f"{label}: ", style="dim")
        line.append(value)
        if field.flag == "guessed":
            line.append(f" (guessed: {GUESSED_FROM[field.origin]})", style="bold yellow")
    return line
