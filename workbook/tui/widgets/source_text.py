"""A source's stored text, a paragraph an entry, numbered as `workbook cut` numbers them, with
the run of whole paragraphs marked for a card.

The run goes from the paragraph where it was marked to the cursor's, either way round; its
start and its end move a paragraph at a time. Only the paragraphs whose look changes are drawn
again, so a long text costs nothing more to move through.
"""

from __future__ import annotations

from collections.abc import Collection

from rich.text import Text
from textual.binding import Binding
from textual.widgets.option_list import Option

from workbook.tui.widgets.textual_private import WidthMeasuredOptionList

Run = tuple[int, int]  # the first and last paragraph, numbered from 1


class SourceText(WidthMeasuredOptionList):
    """One option per paragraph (its id its number); headings, for the essay, in bold.
    `mark` is the paragraph where the run was marked, or None."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.paragraphs: list[str] = []
        self.headings: set[int] = set()
        self.mark: int | None = None
        self._drawn: Run | None = None  # the run as drawn

    def show(self, paragraphs: list[str], headings: Collection[int] = ()) -> None:
        self.paragraphs, self.headings = paragraphs, set(headings)
        self.mark, self._drawn = None, None
        self.set_options(
            Option(self._prompt(number, False), id=str(number))
            for number in range(1, len(paragraphs) + 1)
        )
        if paragraphs:
            self.highlighted = 0

    def say(self, line: str) -> None:
        """A line in place of the text: why there is none to show."""
        self.paragraphs, self.mark, self._drawn = [], None, None
        self.set_options([Option(Text(line, style="italic"), disabled=True)])

    @property
    def cursor(self) -> int | None:
        """The number of the paragraph the cursor is on."""
        return None if self.highlighted is None or not self.paragraphs else self.highlighted + 1

    def run(self) -> Run | None:
        """The marked run, or None when no paragraph is marked."""
        cursor = self.cursor
        if self.mark is None or cursor is None:
            return None
        return min(self.mark, cursor), max(self.mark, cursor)

    def chosen(self) -> Run | None:
        """What a cut takes: the marked run, or else the cursor's paragraph."""
        cursor = self.cursor
        return self.run() or (None if cursor is None else (cursor, cursor))

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self._draw()

    def toggle_mark(self) -> bool:
        """Mark the run's start at the cursor; a second time, let go of it. Returns whether a
        run is marked now."""
        self.mark = None if self.mark is not None else self.cursor
        self._draw()
        return self.mark is not None

    def move(self, end: bool, step: int) -> None:
        """Move the run's start (or its end) `step` paragraphs on (back, when negative), never
        past the other end nor out of the text. With no run marked, it starts as the cursor's
        paragraph. The cursor stays on the run's end it was on."""
        run = self.chosen()
        if run is None:
            return
        first, last = run
        # The cursor stays on the end it was on: the run's end, unless it is above the mark.
        on_start = self.mark is not None and self.cursor == first != last
        if end:
            last = max(first, min(len(self.paragraphs), last + step))
        else:
            first = min(last, max(1, first + step))
        self.mark, cursor = (last, first) if on_start else (first, last)
        self.highlighted = cursor - 1
        self._draw()

    def _draw(self) -> None:
        """Draw again the paragraphs that entered or left the run: a key that moves one end
        costs one paragraph, however long the run."""
        run = self.run()
        before, self._drawn = self._drawn, run
        for first, last in entered_or_left(before, run):
            for number in range(first, min(last, len(self.paragraphs)) + 1):
                inside = run is not None and run[0] <= number <= run[1]
                self.restyle_option(str(number), self._prompt(number, inside))

    def _prompt(self, number: int, inside: bool) -> Text:
        text = Text(f"¶{number:<3} ", style="dim")
        text.append("┃ " if inside else "  ", style="bold yellow")
        style = "bold underline" if number in self.headings else ""
        words = Text(self.paragraphs[number - 1], style=style)
        if inside:
            words.stylize("black on yellow")
        text.append_text(words)
        return text


def entered_or_left(before: Run | None, after: Run | None) -> list[Run]:
    """The paragraphs in one run and not the other, as runs: what moving a run redraws."""
    if before is None or after is None:
        return [run for run in (before, after) if run is not None]
    if before[1] < after[0] or after[1] < before[0]:
        return [before, after]  # apart: each whole
    starts, ends = sorted((before[0], after[0])), sorted((before[1], after[1]))
    return [run for run in ((starts[0], starts[1] - 1), (ends[0] + 1, ends[1])) if run[0] <= run[1]]
