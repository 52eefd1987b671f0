"""One sheet of a flow as a grid: a column a speech, headed by its name and side, each row as
`flow_sheets.layout` lays it (an answer across from what it answers), and a cell cursor.

The grid draws only what fits: as many columns as its width holds (at least three while they
fit at all), scrolled sideways with the cursor, and the rows that fit its height, scrolled with
it. Each cell is two lines: marks first (`◇` dropped, `→` an extension, `K` kicked, `C`
conceded), then the words, cut to the cell; the screen shows the cell's whole argument below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from workbook.storage.files import one_line

MIN_COLUMN = 18  # the narrowest a column is drawn: a few words and its marks
HEAD = 2  # lines above the rows: the speeches' names and sides, and a rule
ROW_LINES = 2  # lines a row takes: a few words more than a line holds


@dataclass(frozen=True)
class Cell:
    """What a cell shows: its marks and words, and whether it is dropped."""

    marks: str
    words: str
    dropped: bool = False
    faint: bool = False  # kicked or conceded: out of the round


@dataclass
class Shown:
    """What the grid draws: the columns' heads, the rows of argument ids, each id's cell."""

    heads: list[tuple[str, str]] = field(default_factory=list)  # (speech, side)
    rows: list[list[str]] = field(default_factory=list)
    cells: dict[str, Cell] = field(default_factory=dict)


def cell_words(text: str) -> str:
    """An argument's words on one line, as typed: runs of spaces and lines joined, and every
    control character shown escaped, so that no text drives the terminal or is read as markup
    (Rich's `Text` takes it as plain text)."""
    return one_line(" ".join(text.split()))


def cut(words: str, width: int) -> str:
    """`words` in at most `width` cells, an ellipsis where cut."""
    if cell_len(words) <= width:
        return words
    kept = ""
    for char in words:
        if cell_len(kept + char) > width - 1:
            break
        kept += char
    return kept + "…"


class FlowGrid(Widget, can_focus=True):
    DEFAULT_CSS = """
    FlowGrid { height: 1fr; width: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(0, -1)", "Up", show=False),
        Binding("down,j", "move(0, 1)", "Down", show=False),
        Binding("left,h", "move(-1, 0)", "Left", show=False),
        Binding("right,l", "move(1, 0)", "Right", show=False),
        Binding("home", "move(-99, 0)", "First speech", show=False),
        Binding("end", "move(99, 0)", "Last speech", show=False),
    ]

    class Moved(Message):
        """The cursor moved to another cell."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown = Shown()
        self.row = 0
        self.column = 0
        self.left = 0  # the first column drawn
        self.top = 0  # the first row drawn

    # What is shown, and where the cursor is.

    def show(self, shown: Shown, at: str | None = None) -> None:
        """Draw `shown`; the cursor goes to argument `at` when given and there, and otherwise
        stays in its cell (within the grid)."""
        self.shown = shown
        if at is not None:
            for number, cells in enumerate(shown.rows):
                if at in cells:
                    self.row, self.column = number, cells.index(at)
                    break
        self.row = min(self.row, len(shown.rows))  # one row past the last: a new row
        self.column = min(self.column, max(len(shown.heads) - 1, 0))
        self.refresh()
        self.post_message(self.Moved())

    @property
    def current(self) -> str:
        """The id of the argument under the cursor, "" for an empty cell."""
        rows = self.shown.rows
        return rows[self.row][self.column] if self.row < len(rows) else ""

    def row_ids(self) -> list[str]:
        """The cursor's row, a cell a column ("" for an empty one)."""
        rows = self.shown.rows
        return rows[self.row] if self.row < len(rows) else [""] * len(self.shown.heads)

    def action_move(self, across: int, down: int) -> None:
        width = len(self.shown.heads)
        self.column = max(0, min(width - 1, self.column + across))
        self.row = max(0, min(len(self.shown.rows), self.row + down))
        self.refresh()
        self.post_message(self.Moved())

    def on_click(self, event: events.Click) -> None:
        """A click on a cell puts the cursor there, as the arrows would."""
        fitting = self.fitting()
        width = max(self.size.width // fitting, 4)
        if event.y < HEAD or not self.shown.heads:
            return
        column = self.left + min(event.x // width, fitting - 1)
        row = self.top + (event.y - HEAD) // ROW_LINES
        self.action_move(column - self.column, row - self.row)

    def fitting(self) -> int:
        """How many columns are drawn at the grid's width."""
        width = len(self.shown.heads)
        return max(1, min(width, self.size.width // MIN_COLUMN))

    # Drawing.

    def render(self) -> Text:
        heads, rows = self.shown.heads, self.shown.rows
        if not heads:
            return Text("This format has no speeches to flow.")
        fitting = self.fitting()
        self.left = max(min(self.left, self.column), self.column - fitting + 1)
        self.left = max(0, min(self.left, len(heads) - fitting))
        room = max((self.size.height - HEAD) // ROW_LINES, 1)
        self.top = max(min(self.top, self.row), self.row - room + 1, 0)
        width = max(self.size.width // fitting, 4)
        shown = range(self.left, self.left + fitting)
        text = Text(no_wrap=True, overflow="crop")
        for index in shown:
            speech, side = heads[index]
            head = cut(f"{speech} {side}", width - 1).ljust(width)
            style = "bold reverse" if index == self.column else "bold"
            text.append(head, style=style)
        more = []
        if self.left:
            more.append(f"◀ {self.left} more")
        if self.left + fitting < len(heads):
            more.append(f"{len(heads) - self.left - fitting} more ▶")
        told = " ".join(more)
        rule = "─" * max(width * fitting - cell_len(told) - 2, 0) + " " + told
        text.append("\n" + cut(rule, width * fitting))
        for number in range(self.top, min(len(rows) + 1, self.top + room)):
            cells = rows[number] if number < len(rows) else [""] * len(heads)
            for line in range(ROW_LINES):
                text.append("\n")
                for index in shown:
                    cursor = number == self.row and index == self.column
                    self._cell(text, cells[index], width, cursor, line)
        return text

    def _cell(self, text: Text, argument_id: str, width: int, cursor: bool, line: int) -> None:
        """One line of a cell: its marks and words wrapped over the row's lines, the last cut."""
        cell = self.shown.cells.get(argument_id) if argument_id else None
        style = "reverse" if cursor else ""
        if cell is None:
            blank = "·" if cursor and line == 0 else ""
            text.append(blank.ljust(width - 1), style=style)
            text.append(" ")
            return
        marks = f"{cell.marks} " if cell.marks else ""
        lines = wrapped(marks + cell.words, width - 1, ROW_LINES)
        body = lines[line] if line < len(lines) else ""
        marked = len(marks) if line == 0 else 0
        mark_style = "bold red" if cell.dropped else ("dim" if cell.faint else "bold")
        head, tail = body[:marked], body[marked:]
        text.append(head, style=f"{mark_style} {style}".strip())
        word_style = "dim strike" if cell.faint else ""
        text.append(tail.ljust(width - 1 - cell_len(head)), style=f"{word_style} {style}".strip())
        text.append(" ")


def wrapped(words: str, width: int, most: int) -> list[str]:
    """`words` in lines of at most `width` cells, broken at spaces where one falls, at most
    `most` lines, the last cut with an ellipsis when more is left."""
    lines: list[str] = []
    rest = words
    while rest and len(lines) < most:
        if cell_len(rest) <= width:
            lines.append(rest)
            rest = ""
            break
        if len(lines) == most - 1:
            lines.append(cut(rest, width))
            rest = ""
            break
        taken = cut(rest, width + 1)[:-1]  # as many characters as fit
        space = taken.rfind(" ")
        if space > 0:
            taken = taken[:space]
        lines.append(taken)
        rest = rest[len(taken) :].lstrip(" ")
    return lines


class ArgumentInput(Input):
    """Where an argument's words are typed, under the grid, so that its row stays in sight:
    `ask` shows it; enter hands the words on, escape writes nothing; either way it hides and
    says so (`Done`)."""

    DEFAULT_CSS = """
    ArgumentInput { display: none; }
    ArgumentInput.typing { display: block; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Write nothing"),
    ]

    class Done(Message):
        """The words are handed on, or let go: the grid takes the focus again."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, placeholder="the words; enter writes them, escape writes nothing")
        self.then: Callable[[str], None] | None = None

    def ask(self, title: str, value: str, then: Callable[[str], None]) -> None:
        self.then, self.value = then, value
        self.border_title = Content(title)  # names from the formats file: never markup
        self.add_class("typing")
        self.focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        words = event.value.strip()
        if not words:
            self.notify("Type the argument's words, or escape to write nothing", timeout=3)
            return
        then = self.then
        self.action_cancel()
        if then is not None:
            then(words)

    def action_cancel(self) -> None:
        self.then, self.value = None, ""
        self.remove_class("typing")
        self.post_message(self.Done())
