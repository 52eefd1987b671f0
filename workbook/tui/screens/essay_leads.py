"""The essay view's lead and its edits of the essay itself: `s` to the next best suggestion, a
suggestion dismissed, a paragraph dropped from the essay's text; each edit one step of the
draft, journalled and undone as every other (see core/essay_edits.py). And the line above the
essay that says what every key does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from rich.text import Text

from workbook.core.edits import Change, Draft, EditError
from workbook.core.essay_edits import DropRefused, with_dismissed
from workbook.core.essay_edits import drop_paragraph as drop
from workbook.essay.suggest import Suggestion
from workbook.essay.suggested import Listed, dismissal, next_open
from workbook.tui.glance import NAMED, named


def keys_help(title: str) -> Text:
    """The essay's title, and under it what each key does."""
    text = Text(title or "The essay", style="bold")
    text.append(
        "\nc: make the sentence a claim, or the words marked in it (← → a word, space "
        "marks where they start) · ( ) trim the claim's quote a clause at its start or end, "
        "[ ] a word · { } take one more word · s: the next best suggested (○1 the best) · "
        "-: dismiss it · d: drop the paragraph from the essay · x: cut the paragraph into "
        "a card · v: back",
        style="dim",
    )
    return text


class Leading(Protocol):
    """What the essay view gives these keys: its draft, the essay's text, the suggestions as
    listed now, the highlighted sentence, and a way to tell, ask and show an edit."""

    draft: Draft
    paragraphs: list[str]
    listing: list[Listed]
    ranked: list[Suggestion] | None  # None while the essay is being ranked
    visited: int  # the rank of the suggestion `s` went to last (0: none yet)
    # The sentence (paragraph, start) the cursor was put on, by the view opening or by `s`:
    # standing there still, the cursor has not gone to a suggestion of the user's choosing.
    put_on: tuple[int, int] | None

    def sentence(self) -> tuple[int, int, int] | None: ...

    def go_to_sentence(self, number: int, start: int) -> None: ...

    def tell(self, line: str, error: bool = False) -> None: ...

    def question(
        self, line: str, choices: list[tuple[str, str]], then: Callable[[str], None]
    ) -> None: ...

    def edited(self, change: Change) -> None: ...


def next_suggestion(view: Leading) -> None:
    """To the best-ranked suggestion after the one visited last (by `s`, or by the cursor
    when the user moved it onto one) that is neither a claim nor dismissed; past the last,
    back to the best, saying so."""
    here = listed_here(view)
    if here is not None and here.rank and placed(here) != view.put_on:
        view.visited = here.rank
    item = next_open(view.listing, view.visited)
    if item is None and view.ranked is None:  # ranked off the screen's thread, soon done
        view.tell("The suggestions are still being ranked: press s again in a moment.")
        return
    if item is None:
        view.tell("No suggestion left that is not a claim or dismissed (suggest --all lists all).")
        return
    if item.rank <= view.visited:
        view.tell(f"Back to the best suggestion left: ○{item.rank}.")
    view.visited = item.rank
    view.go_to_sentence(item.suggestion.paragraph, item.suggestion.start)
    view.put_on = placed(item)


def placed(item: Listed) -> tuple[int, int]:
    """Where a suggestion's sentence stands: its paragraph, and where it starts in it."""
    return item.suggestion.paragraph, item.suggestion.start


def listed_here(view: Leading) -> Listed | None:
    """The suggestion the highlighted sentence is, when it is one."""
    here = view.sentence()
    if here is None:
        return None
    number, start, _ = here
    return next((i for i in view.listing if placed(i) == (number, start)), None)


def dismiss(view: Leading) -> None:
    """The highlighted suggestion dismissed: out of the list here and in `workbook suggest`,
    the next one ranked in its place."""
    item = listed_here(view)
    essay = view.draft.workbook.essay
    if item is None or essay is None or not item.open:
        taken = item is not None and item.claim_id
        view.tell(
            "That sentence is a claim already: nothing to dismiss."
            if taken
            else "Not a suggested sentence (○): nothing to dismiss."
        )
        return
    words = dismissal(item.suggestion.quote)
    label = f"dismiss the suggestion {named(words, NAMED)}"
    try:
        change = view.draft.essay_step(label, with_dismissed(essay, words))
    except EditError as error:
        view.tell(str(error), error=True)
        return
    view.visited = item.rank - 1  # the next one takes its rank: `s` goes there next
    view.edited(change)
    view.tell(f"Dismissed ○{item.rank} (ctrl+z undoes; workbook suggest --all lists it).")


def drop_paragraph(view: Leading) -> None:
    """The highlighted sentence's paragraph out of the essay, once the user says so: refused,
    naming what holds it, when a claim quotes it or a card is cut from it."""
    here = view.sentence()
    if here is None:
        return
    number = here[0]
    words = named(view.paragraphs[number - 1], NAMED)
    try:  # refused before the question, not after it
        drop(view.draft.workbook, view.paragraphs, number)
    except DropRefused as refused:
        view.tell(f"Not dropped: {refused}", error=True)
        return

    def answer(choice: str) -> None:
        if choice != "drop":
            return
        try:
            change = view.draft.drop_paragraph(f"drop ¶{number} {words}", number)
        except EditError as error:
            view.tell(f"Not dropped: {error}", error=True)
            return
        view.edited(change)
        view.tell(f"Dropped ¶{number} from the essay (ctrl+z undoes; saving writes it).")

    question = f"Drop ¶{number} {words} from the essay? Its text is gone from the essay once saved."
    view.question(question, [("keep", "Keep it"), ("drop", "Drop it")], answer)
