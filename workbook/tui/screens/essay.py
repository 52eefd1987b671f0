"""The essay view: the whole essay, sentence by sentence, where claims are made from the text.

The screen edits the same draft as the main screen, and tells the app of each edit with
`Edited`, so its edits go through the same path (validation, undo, journal) as every other;
it returns the id of the last claim it touched, for the claim list to move to.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from workbook.core.edits import Draft, EditError, update_claim
from workbook.core.model import Claim
from workbook.essay.picking import (
    Placed,
    claim_from_span,
    move_end,
    move_start,
    place_for,
    placed_claims,
)
from workbook.essay.sentences import sentence_spans
from workbook.essay.suggest import suggest
from workbook.tui.jobs import JobFailed, run_job
from workbook.tui.messages import Edited
from workbook.tui.screens.steps import step_back
from workbook.tui.widgets.key_bar import KeyBar


def sentence_id(number: int, start: int, end: int) -> str:
    return f"{number}:{start}:{end}"


def parse_id(option_id: str) -> tuple[int, int, int]:
    number, start, end = (int(part) for part in option_id.split(":"))
    return number, start, end


class EssayText(OptionList):
    """One option per sentence, headings as disabled options; claimed words stand out."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def show(
        self,
        paragraphs: list[str],
        headings: list[int],
        placed: dict[int, list[Placed]],
        suggested: set[tuple[int, int]],
    ) -> None:
        current = self.highlighted_option.id if self.highlighted_option else None
        options: list[Option] = []
        for number, paragraph in enumerate(paragraphs, start=1):
            if number in headings:
                options.append(Option(Text(paragraph, style="bold underline"), disabled=True))
                continue
            claims = placed.get(number, [])
            for index, (start, end) in enumerate(sentence_spans(paragraph)):
                prompt = self._sentence(
                    paragraph,
                    number if index == 0 else 0,
                    (start, end),
                    claims,
                    (number, start) in suggested,
                )
                options.append(Option(prompt, id=sentence_id(number, start, end)))
        self.set_options(options)
        if current is not None and any(o.id == current for o in self.options):
            self.highlighted = self.get_option_index(current)
        elif self.highlighted is None and self.option_count:
            self.action_first()

    @staticmethod
    def _sentence(
        paragraph: str,
        number: int,
        span: tuple[int, int],
        claims: list[Placed],
        suggested: bool,
    ) -> Text:
        start, end = span
        text = Text(f"¶{number:<3}" if number else "    ", style="dim")
        inside = [c for c in claims if c.start < end and c.end > start]
        if inside:
            text.append("● ", style="green")
        else:
            text.append("○ " if suggested else "  ", style="yellow")
        body = Text(paragraph[start:end])
        for claim in inside:
            body.stylize("reverse", max(claim.start, start) - start, min(claim.end, end) - start)
        text.append_text(body)
        return text


class EssayScreen(Screen[str | None]):
    """Read the essay and make claims of its sentences."""

    BINDINGS = [
        Binding("v,escape", "back", "Claims", id="back"),
        Binding("c", "make_claim", "Make claim", id="make-claim"),
        Binding("s", "next_suggestion", "Next suggested", id="next-suggestion"),
        Binding("left_square_bracket", "move_start(1)", "Trim start", id="trim-start"),
        Binding("left_curly_bracket", "move_start(-1)", "Extend start", id="extend-start"),
        Binding("right_square_bracket", "move_end(-1)", "Trim end", id="trim-end"),
        Binding("right_curly_bracket", "move_end(1)", "Extend end", id="extend-end"),
        Binding("ctrl+z", "undo", "Undo", show=False),
    ]
    AUTO_FOCUS = "#essay-text"

    def __init__(self, draft: Draft, paragraphs: list[str], at: str | None = None) -> None:
        """`at`: the claim in view, whose sentence the essay opens on."""
        super().__init__()
        self.at = at
        self.draft = draft
        self.paragraphs = paragraphs
        self.touched: str | None = None  # the claim made or trimmed last
        self.suggested: set[tuple[int, int]] = set()  # (paragraph, start) of suggested sentences

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._help(), id="essay-help")
        yield EssayText(id="essay-text")
        yield KeyBar()

    def _help(self) -> Text:
        title = self.draft.workbook.essay.title or "The essay"
        text = Text(title, style="bold")
        text.append(
            "\nc or enter: make the sentence a claim · [ ] trim its quote a word at the start "
            "or end · { } take one more word · s: next suggested sentence (○) · v: back",
            style="dim",
        )
        return text

    def on_mount(self) -> None:
        self.refresh_text()
        self.go_to_claim(self.at)
        self.find_suggestions()

    def go_to_claim(self, claim_id: str | None) -> None:
        """The cursor on the sentence where the claim's quote starts (a quote not found in
        the essay leaves it where it is)."""
        placed = placed_claims(self.draft.workbook, self.paragraphs)
        spot = next((p for found in placed.values() for p in found if p.claim_id == claim_id), None)
        if spot is None:
            return
        for index, option in enumerate(self.text.options):
            if option.id is not None:
                number, start, end = parse_id(option.id)
                if number == spot.paragraph and start <= spot.start < end:
                    self.text.highlighted = index
                    # At the top, with what follows it below, not on the last line.
                    self.call_after_refresh(self.text.scroll_to_highlight, top=True)
                    return

    def find_suggestions(self) -> None:
        """Ranked off the screen's thread: a long essay takes a good part of a second."""
        essay = self.draft.workbook.essay
        paragraphs = self.paragraphs
        top = max(5, len(paragraphs) - len(essay.headings))  # about one a paragraph

        def rank() -> set[tuple[int, int]]:
            found = suggest(paragraphs, essay.headings, essay.title, top=top)
            return {(s.paragraph, s.start) for s in found}

        run_job(self, rank, self.SuggestFailed, self.Suggested)

    class Suggested(Message):
        """The suggested sentences: (paragraph, start) of each."""

        def __init__(self, found: set[tuple[int, int]]) -> None:
            super().__init__()
            self.found = found

    class SuggestFailed(JobFailed):
        doing = "No suggestions"

    @on(Suggested)
    def _suggested(self, event: Suggested) -> None:
        self.suggested = event.found
        self.refresh_text()

    @on(SuggestFailed)
    def _no_suggestions(self, event: SuggestFailed) -> None:
        self.notify(f"{event.doing}: {event.error}", severity="warning")

    def action_next_suggestion(self) -> None:
        """Move to the next suggested sentence that is not a claim yet, from the cursor on."""
        options = self.text.options
        here = self.text.highlighted or 0
        claimed = placed_claims(self.draft.workbook, self.paragraphs)
        for offset in range(1, len(options) + 1):
            index = (here + offset) % len(options)
            option_id = options[index].id
            if option_id is None:
                continue
            number, start, end = parse_id(option_id)
            taken = any(p.start < end and p.end > start for p in claimed.get(number, []))
            if (number, start) in self.suggested and not taken:
                self.text.highlighted = index
                return
        self.notify("No suggested sentence left that is not a claim already.")

    @property
    def text(self) -> EssayText:
        return self.query_one(EssayText)

    def refresh_text(self) -> None:
        workbook = self.draft.workbook
        placed = placed_claims(workbook, self.paragraphs)
        self.text.show(self.paragraphs, workbook.essay.headings, placed, self.suggested)

    def sentence(self) -> tuple[int, int, int] | None:
        option = self.text.highlighted_option
        return parse_id(option.id) if option is not None and option.id else None

    @on(OptionList.OptionSelected, "#essay-text")
    def _chosen(self) -> None:
        self.action_make_claim()

    def action_make_claim(self) -> None:
        here = self.sentence()
        if here is None:
            return
        number, start, end = here
        workbook = self.draft.workbook
        for placed in placed_claims(workbook, self.paragraphs).get(number, []):
            if (placed.start, placed.end) == (start, end):
                self.notify(f"That sentence is already the claim {placed.claim_id}.")
                self.touched = placed.claim_id
                return
        claim_id, claim = claim_from_span(workbook, self.paragraphs, number, (start, end))
        index = place_for(workbook, self.paragraphs, number, start)
        if self.commit(f"add claim {claim_id}", claim_id, claim, index):
            self.touched = claim_id
            self.refresh_text()
            self.notify(f"Made the claim {claim_id}: [ ] trim it, {{ }} extend it, t to tag it")

    def _claim_here(self) -> Placed | None:
        """The claim in the highlighted sentence: the one touched last, or the first."""
        here = self.sentence()
        if here is None:
            return None
        number, start, end = here
        inside = [
            p
            for p in placed_claims(self.draft.workbook, self.paragraphs).get(number, [])
            if p.start < end and p.end > start
        ]
        if not inside:
            self.notify("No claim in this sentence yet: c makes one.")
            return None
        return next((p for p in inside if p.claim_id == self.touched), inside[0])

    def _requote(self, placed: Placed, span: tuple[int, int], what: str) -> None:
        if span == (placed.start, placed.end):
            return
        paragraph = self.paragraphs[placed.paragraph - 1]
        claim = self.draft.workbook.claims[placed.claim_id]
        new = update_claim(claim, quote=paragraph[span[0] : span[1]])
        if self.commit(f"{what} the quote of {placed.claim_id}", placed.claim_id, new, -1):
            self.touched = placed.claim_id
            self.refresh_text()

    def action_move_start(self, words: int) -> None:
        placed = self._claim_here()
        if placed is not None:
            paragraph = self.paragraphs[placed.paragraph - 1]
            span = move_start(paragraph, (placed.start, placed.end), words)
            self._requote(placed, span, "trim" if words > 0 else "extend")

    def action_move_end(self, words: int) -> None:
        placed = self._claim_here()
        if placed is not None:
            paragraph = self.paragraphs[placed.paragraph - 1]
            span = move_end(paragraph, (placed.start, placed.end), words)
            self._requote(placed, span, "extend" if words > 0 else "trim")

    def commit(self, label: str, claim_id: str, claim: Claim | None, index: int = -1) -> bool:
        """Put `claim` in place as one step that can be undone; False, and the user told why,
        if it is refused."""
        try:
            change = self.draft.apply(label, claim_id, claim, index)
        except EditError as error:
            self.notify(str(error), severity="error")
            return False
        self.post_message(Edited(change))
        return True

    def action_undo(self) -> None:
        change = step_back(self, self.draft)
        if change is not None:
            self.post_message(Edited(change))
            self.refresh_text()

    def action_back(self) -> None:
        self.dismiss(self.touched)
