"""The essay view: the whole essay, sentence by sentence, where claims are made from the text,
led by the suggested claims in rank order (○1 the best), and where the essay's own text is put
right (a paragraph that is not the author's dropped).

The screen edits the same draft as the main screen, and tells the app of each edit with
`Edited`, so its edits go through the same path (validation, undo, journal) as every other;
it returns the id of the last claim it touched, for the claim list to move to.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static

from workbook.core.claim_edits import update_claim
from workbook.core.cutting import CutError
from workbook.core.edits import Change, Draft, EditError
from workbook.core.model import ESSAY, Claim, Essay
from workbook.essay.picking import (
    Placed,
    Span,
    claim_from_span,
    fresh_id,
    move_end,
    move_start,
    place_for,
    placed_claims,
    trim_clause_end,
    trim_clause_start,
)
from workbook.essay.suggest import Suggestion
from workbook.essay.suggested import TOP, Listed, listed, ranked_in
from workbook.tui.dialogs.form import ask
from workbook.tui.dialogs.sources import ask_tag
from workbook.tui.glance import NAMED, claim_name, named
from workbook.tui.jobs import JobFailed, run_job
from workbook.tui.messages import Edited
from workbook.tui.screens.cutting import Target, cut_into
from workbook.tui.screens.essay_keys import ESSAY_KEYS
from workbook.tui.screens.essay_leads import dismiss, drop_paragraph, keys_help, next_suggestion
from workbook.tui.screens.steps import step_back
from workbook.tui.widgets.essay_text import EssayText, parse_id
from workbook.tui.widgets.key_bar import KeyBar


class EssayScreen(Screen[str | None]):
    """Read the essay and make claims of its sentences."""

    BINDINGS = ESSAY_KEYS
    AUTO_FOCUS = "#essay-text"

    def __init__(
        self,
        draft: Draft,
        paragraphs: list[str],
        at: str | None = None,
        target: Target | None = None,
    ) -> None:
        """`at`: the claim in view, whose sentence the essay opens on; `target`: the point a
        card cut here is read by (None: the card library)."""
        super().__init__()
        self.at = at
        self.target = target
        self.draft = draft
        self.paragraphs = paragraphs
        self.touched: str | None = None  # the claim made or trimmed last
        # The claims made or trimmed here, as they were first: leaving, each takes the id of its
        # words as they are then (see `name_by_words`).
        self.shaped: dict[str, Claim] = {}
        # The suggestions, ranked once for the essay's text as it was (`ranked_for`), and
        # listed again as claims are made and suggestions dismissed (essay/suggested.py).
        self.ranked: list[Suggestion] | None = None
        self.ranked_for: tuple[str, ...] = ()
        self.listing: list[Listed] = []
        self.visited = 0  # the rank `s` went to last
        self.put_on: tuple[int, int] | None = None  # where the cursor was put, not moved to

    @property
    def essay(self) -> Essay:
        # Opened only on a workbook whose essay's text is there: never on a card library.
        essay = self.draft.workbook.essay
        assert essay is not None
        return essay

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(keys_help(self.essay.title), id="essay-help", markup=False)
        yield EssayText(id="essay-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_text()
        self.go_to_claim(self.at)
        here = self.sentence()  # opened here: the first `s` still goes to the best
        self.put_on = here[:2] if here is not None else None
        self.find_suggestions()

    def go_to_claim(self, claim_id: str | None) -> None:
        """The cursor on the sentence where the claim's quote starts (a quote not found in
        the essay leaves it where it is)."""
        placed = placed_claims(self.draft.workbook, self.paragraphs)
        spot = next((p for found in placed.values() for p in found if p.claim_id == claim_id), None)
        if spot is not None and self.text.go_to(spot.paragraph, spot.start):
            # At the top, with what follows it below, not on the last line.
            self.call_after_refresh(self.text.scroll_to_highlight, top=True)

    def find_suggestions(self) -> None:
        """Ranked off the screen's thread: a long essay takes a good part of a second. The
        text ranked is a copy: a paragraph dropped meanwhile is ranked again after."""
        essay = self.essay
        text = tuple(self.paragraphs)
        self.ranked_for = text

        def rank() -> tuple[tuple[str, ...], list[Suggestion]]:
            return text, ranked_in(essay, text)

        run_job(self, rank, self.SuggestFailed, self.Suggested)

    class Suggested(Message):
        """The essay's sentences ranked, best first, and the text they were ranked in."""

        def __init__(self, found: tuple[tuple[str, ...], list[Suggestion]]) -> None:
            super().__init__()
            self.text, self.ranked = found

    @property
    def suggested(self) -> list[Listed]:
        """The suggestions as listed now: `workbook suggest`'s list."""
        return self.listing

    class SuggestFailed(JobFailed):
        doing = "No suggestions"

    @on(Suggested)
    def _suggested(self, event: Suggested) -> None:
        if event.text == tuple(self.paragraphs):
            self.ranked = event.ranked
            self.refresh_text()
        else:  # ranked for a text since changed
            self.find_suggestions()

    @on(SuggestFailed)
    def _no_suggestions(self, event: SuggestFailed) -> None:
        self.notify(f"{event.doing}: {event.error}", severity="warning")

    def action_next_suggestion(self) -> None:
        next_suggestion(self)

    def action_dismiss_suggestion(self) -> None:
        dismiss(self)

    def action_drop_paragraph(self) -> None:
        drop_paragraph(self)

    def go_to_sentence(self, number: int, start: int) -> None:
        self.text.go_to(number, start)

    def tell(self, line: str, error: bool = False) -> None:
        self.notify(line, severity="error" if error else "information", markup=False)

    def question(
        self, line: str, choices: list[tuple[str, str]], then: Callable[[str], None]
    ) -> None:
        ask(self.app, line, choices, then, choices[0][0])

    def edited(self, change: Change) -> None:
        self.post_message(Edited(change))
        self.refresh_text()

    @property
    def text(self) -> EssayText:
        return self.query_one(EssayText)

    def refresh_text(self) -> None:
        """The essay drawn as the draft has it now, and the suggestions listed again; ranked
        again when its text changed (a paragraph dropped, or brought back)."""
        workbook = self.draft.workbook
        placed = placed_claims(workbook, self.paragraphs)
        if self.ranked is not None and self.ranked_for != tuple(self.paragraphs):
            self.ranked = None
            self.find_suggestions()
        ranked = self.ranked or []
        self.listing = listed(ranked, placed, self.essay.dismissed, TOP)
        ranks = {
            (i.suggestion.paragraph, i.suggestion.start): i.rank for i in self.listing if i.open
        }
        self.text.show(self.paragraphs, self.essay.headings, placed, ranks)

    refresh_all = refresh_text  # as every screen is, when a journal is restored under it

    def sentence(self) -> tuple[int, int, int] | None:
        option = self.text.highlighted_option
        return parse_id(option.id) if option is not None and option.id else None

    @on(OptionList.OptionSelected, "#essay-text")
    def _chosen(self) -> None:
        self.action_make_claim()

    def action_make_claim(self) -> None:
        """A claim of the words marked in the sentence, or of the whole sentence. Marked words
        that fall on a claim of the sentence become its quote instead."""
        here = self.sentence()
        if here is None:
            return
        number, start, end = here
        marked = self.text.marked()
        span = marked or (start, end)
        workbook = self.draft.workbook
        placed_here = placed_claims(workbook, self.paragraphs).get(number, [])
        for placed in placed_here:
            if (placed.start, placed.end) == span:
                name = claim_name(workbook, placed.claim_id, NAMED)
                self.notify(f"Those words are already the claim {name}.")
                self.touched = placed.claim_id
                return
        if marked is not None:
            overlap = [p for p in placed_here if p.start < span[1] and p.end > span[0]]
            if overlap:
                chosen = next((p for p in overlap if p.claim_id == self.touched), overlap[0])
                self._requote(chosen, span, "mark")
                return
        claim_id, claim = claim_from_span(workbook, self.paragraphs, number, span)
        index = place_for(workbook, self.paragraphs, number, span[0])
        if self.commit(f"add the claim {named(claim.quote, NAMED)}", claim_id, claim, index):
            self.touched = claim_id
            self.shaped[claim_id] = claim
            self.refresh_text()
            self.notify("Made the claim: ( ) trims a clause, [ ] a word; v, then t, tags it")

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

    def _requote(self, placed: Placed, span: Span, what: str) -> None:
        """The claim quotes `span` now, as one step."""
        if span == (placed.start, placed.end):
            return
        paragraph = self.paragraphs[placed.paragraph - 1]
        claim = self.draft.workbook.claims[placed.claim_id]
        new = update_claim(claim, quote=paragraph[span[0] : span[1]])
        name = claim_name(self.draft.workbook, placed.claim_id, NAMED)
        if self.commit(f"{what} the quote of {name}", placed.claim_id, new, -1):
            self.touched = placed.claim_id
            self.shaped.setdefault(placed.claim_id, claim)
            self.refresh_text()

    def name_by_words(self) -> None:
        """Each claim made or trimmed here takes the id of its words as they are now, its
        quote as trimmed, while it has no points and its id is still the one its first words
        gave it (see `fresh_id`): a file's ids then say what each claim quotes."""
        workbook = self.draft.workbook
        for claim_id, first in self.shaped.items():
            claim = workbook.claims.get(claim_id)
            as_id = fresh_id(workbook, claim_id, first, claim) if claim else claim_id
            label = f"give the claim {claim_name(workbook, claim_id, NAMED)} its words' id"
            if as_id != claim_id and self.commit(label, claim_id, claim, -1, as_id):
                self.touched = as_id if self.touched == claim_id else self.touched
        self.shaped = {}

    def action_trim_clause(self, at_start: bool) -> None:
        placed = self._claim_here()
        if placed is not None:
            paragraph = self.paragraphs[placed.paragraph - 1]
            trim = trim_clause_start if at_start else trim_clause_end
            span = trim(paragraph, (placed.start, placed.end))
            if span == (placed.start, placed.end):
                self.notify("No comma, semicolon, colon or dash left to trim the quote at.")
            self._requote(placed, span, "trim")

    def action_word(self, step: int) -> None:
        self.text.move_word(step)

    def action_mark(self) -> None:
        self.text.toggle_mark()

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

    def commit(
        self, label: str, claim_id: str, claim: Claim | None, index: int = -1, as_id: str = ""
    ) -> bool:
        """Put `claim` in place (under `as_id`, if given) as one step that can be undone;
        False, and the user told why, if it is refused."""
        try:
            change = self.draft.apply(label, claim_id, claim, index, as_id)
        except EditError as error:
            self.notify(str(error), severity="error")
            return False
        self.post_message(Edited(change))
        return True

    def action_cut(self) -> None:
        """The sentence's paragraph, cut into a card with the essay's cite (a run of
        paragraphs is cut in the source view, from the palette's "Cut from a source…")."""
        here = self.sentence()
        if here is None:
            return
        number = here[0]

        def cut(tag: str) -> None:
            try:
                change, line = cut_into(
                    self.draft, ESSAY, self.paragraphs, (number, number), tag, self.target
                )
            except (CutError, EditError) as error:
                self.notify(f"Not cut: {error}", severity="error")
                return
            self.post_message(Edited(change))
            self.notify(line, timeout=6)

        ask_tag(self.app, f"Tag the card cut from ¶{number} of the essay", cut)

    def action_undo(self) -> None:
        change = step_back(self, self.draft)
        if change is not None:
            self.edited(change)

    def action_redo(self) -> None:
        change = step_back(self, self.draft, redo=True)
        if change is not None:
            self.edited(change)

    def action_let_go(self) -> None:
        """Escape lets go of the marked words first, then goes back to the claims."""
        if self.text.mark is not None:
            self.text.toggle_mark()
        else:
            self.action_back()

    def action_back(self) -> None:
        self.name_by_words()
        self.dismiss(self.touched)
