"""The essay, a sentence a line: headings between its paragraphs, claimed words standing out,
suggested sentences marked with their rank (○1 the best), and in the highlighted sentence a word
cursor and the words marked for a quote."""

from __future__ import annotations

import re

from rich.text import Text
from textual.binding import Binding
from textual.widgets.option_list import Option

from workbook.essay.picking import Placed, Span
from workbook.essay.sentences import sentence_spans
from workbook.tui.widgets.textual_private import WidthMeasuredOptionList

_WORD = re.compile(r"\S+")
MARK_WIDTH = 4  # "●", "○1" … "○10", and a space before the sentence


def sentence_id(number: int, start: int, end: int) -> str:
    return f"{number}:{start}:{end}"


def parse_id(option_id: str) -> tuple[int, int, int]:
    number, start, end = (int(part) for part in option_id.split(":"))
    return number, start, end


class EssayText(WidthMeasuredOptionList):
    """One option per sentence, headings as disabled options. Within the highlighted sentence,
    `word` is the word the cursor is on and `mark` the word where the marked words start (each
    an index into the sentence's words, or None)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.paragraphs: list[str] = []
        self.placed: dict[int, list[Placed]] = {}
        self.suggested: dict[tuple[int, int], int] = {}  # (paragraph, start): rank
        self.word: int | None = None
        self.mark: int | None = None
        self._drawn: int | None = None  # the option drawn with a cursor or marked words
        self._opening: set[tuple[int, int]] = set()  # (paragraph, start) of its first sentence

    def show(
        self,
        paragraphs: list[str],
        headings: list[int],
        placed: dict[int, list[Placed]],
        suggested: dict[tuple[int, int], int],
    ) -> None:
        """`suggested`: the rank of each suggested sentence not yet a claim, by its paragraph
        and where it starts."""
        self.paragraphs, self.placed, self.suggested = paragraphs, placed, suggested
        self._opening = set()
        current = self.highlighted_option.id if self.highlighted_option else None
        options: list[Option] = []
        for number, paragraph in enumerate(paragraphs, start=1):
            if number in headings:
                options.append(Option(Text(paragraph, style="bold underline"), disabled=True))
                continue
            for index, (start, end) in enumerate(sentence_spans(paragraph)):
                if index == 0:
                    self._opening.add((number, start))
                option_id = sentence_id(number, start, end)
                options.append(Option(self._prompt(option_id, drawn=False), id=option_id))
        was = self.highlighted
        self.set_options(options)
        self._drawn = None
        if current is not None and any(o.id == current for o in self.options):
            self.highlighted = self.get_option_index(current)
            self._draw()
        elif was is not None and self.option_count:
            # Its sentence gone (its paragraph dropped, or brought back and the numbers moved):
            # the cursor stays where it stood in the essay, not back at the top.
            self.highlighted = self._sentence_from(min(was, self.option_count - 1))
            self._draw()
        elif self.highlighted is None and self.option_count:
            self.action_first()

    def _sentence_from(self, index: int) -> int:
        """The first sentence at `index` or after it (a heading is not one), else before it."""
        enabled = [i for i, option in enumerate(self.options) if not option.disabled]
        return next((i for i in enabled if i >= index), enabled[-1] if enabled else index)

    def go_to(self, number: int, offset: int) -> bool:
        """The cursor on the sentence of paragraph `number` that character `offset` is in;
        False, and the cursor left where it is, when there is none."""
        for index, option in enumerate(self.options):
            if option.id is not None:
                paragraph, start, end = parse_id(option.id)
                if paragraph == number and start <= offset < end:
                    self.highlighted = index
                    return True
        return False

    def watch_highlighted(self, highlighted: int | None) -> None:
        # Another sentence: its words start unmarked, and the one left is drawn plain again.
        super().watch_highlighted(highlighted)
        self.word = self.mark = None
        self._draw()

    # The words of the highlighted sentence.

    def words(self) -> list[Span]:
        """The words of the highlighted sentence, as spans of its paragraph."""
        option = self.highlighted_option
        if option is None or option.id is None:
            return []
        number, start, end = parse_id(option.id)
        paragraph = self.paragraphs[number - 1]
        return [m.span() for m in _WORD.finditer(paragraph, start, end)]

    def move_word(self, step: int) -> None:
        """The cursor a word along the sentence (from its first or last word at first)."""
        count = len(self.words())
        if not count:
            return
        if self.word is None:
            self.word = 0 if step > 0 else count - 1
        else:
            self.word = max(0, min(count - 1, self.word + step))
        self._draw()

    def toggle_mark(self) -> bool:
        """Marked words start at the cursor's word (the sentence's first, without a cursor);
        a second time, they are unmarked. Returns whether words are marked now."""
        if self.mark is not None:
            self.mark = None
        elif self.words():
            self.word = 0 if self.word is None else self.word
            self.mark = self.word
        self._draw()
        return self.mark is not None

    def marked(self) -> Span | None:
        """The marked words, from the mark to the cursor (either way round), as a span of the
        paragraph; None when no word is marked."""
        words = self.words()
        if self.mark is None or self.word is None or not words:
            return None
        first, last = sorted((self.mark, self.word))
        return words[first][0], words[min(last, len(words) - 1)][1]

    # Drawing.

    def _draw(self) -> None:
        """The highlighted sentence with its cursor and marked words; the one drawn so before,
        plain again."""
        if self._drawn is not None and self._drawn != self.highlighted:
            self._redraw(self._drawn, drawn=False)
            self._drawn = None
        if self.highlighted is not None and (self.word is not None or self._drawn is not None):
            self._redraw(self.highlighted, drawn=True)
            self._drawn = self.highlighted if self.word is not None else None

    def _redraw(self, index: int, drawn: bool) -> None:
        # The same words, styled otherwise: they wrap to the same lines, and no other sentence
        # of a long essay need be measured again.
        if index < self.option_count:
            option_id = self.get_option_at_index(index).id
            if option_id is not None:
                self.restyle_option(option_id, self._prompt(option_id, drawn))

    def _prompt(self, option_id: str, drawn: bool) -> Text:
        number, start, end = parse_id(option_id)
        paragraph = self.paragraphs[number - 1]
        claims = self.placed.get(number, [])
        first = (number, start) in self._opening
        text = Text(f"¶{number:<3}" if first else "    ", style="dim")
        inside = [c for c in claims if c.start < end and c.end > start]
        rank = self.suggested.get((number, start))
        # A column wide enough for the ranks of the whole list (see essay/suggested.py's TOP).
        if inside:
            text.append("●".ljust(MARK_WIDTH), style="green")
        else:
            text.append(f"○{rank}".ljust(MARK_WIDTH) if rank else " " * MARK_WIDTH, style="yellow")
        body = Text(paragraph[start:end])
        for claim in inside:
            body.stylize("reverse", max(claim.start, start) - start, min(claim.end, end) - start)
        if drawn:
            marked = self.marked()
            if marked is not None:
                body.stylize("black on yellow", marked[0] - start, marked[1] - start)
            words = self.words()
            if self.word is not None and self.word < len(words):
                a, b = words[self.word]
                body.stylize("bold underline", a - start, b - start)
        text.append_text(body)
        return text
