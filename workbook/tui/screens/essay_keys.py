"""The essay view's keys: a claim made and its quote trimmed, the suggestions led through, the
essay's text put right, a card cut."""

from __future__ import annotations

from textual.binding import Binding, BindingType

# Keys that do one thing at either end of the quote share one place in the key bar.
CURSOR = Binding.Group("Word", compact=True)
CLAUSE = Binding.Group("Clause", compact=True)
TRIM = Binding.Group("Trim", compact=True)
EXTEND = Binding.Group("Extend", compact=True)

ESSAY_KEYS: list[BindingType] = [
    Binding("v", "back", "Claims", id="back", tooltip="Back to the claims"),
    Binding("escape", "let_go", "Claims", show=False, id="let-go"),
    Binding("c", "make_claim", "Make claim", id="make-claim"),
    Binding(
        "s",
        "next_suggestion",
        "Next suggested",
        id="next-suggestion",
        tooltip="The next best suggestion (○1 the best) not yet a claim",
    ),
    Binding(
        "minus", "dismiss_suggestion", "Dismiss", tooltip="Dismiss the suggestion: not a claim"
    ),
    Binding(
        "d",
        "drop_paragraph",
        "Drop ¶",
        tooltip="Drop the sentence's paragraph from the essay (a publisher's note, say)",
    ),
    Binding("x", "cut", "Cut card", tooltip="Cut the sentence's paragraph into a card"),
    # Before the essay's own left and right, which would scroll it sideways (it never is).
    Binding("left", "word(-1)", "Back", group=CURSOR, priority=True, tooltip="A word back"),
    Binding("right", "word(1)", "On", group=CURSOR, priority=True, tooltip="A word on"),
    Binding("space", "mark", "Mark", id="mark", tooltip="Mark words from the cursor's"),
    Binding(
        "left_parenthesis",
        "trim_clause(True)",
        "Clause",
        group=CLAUSE,
        tooltip="Trim the quote a clause at its start",
    ),
    Binding(
        "right_parenthesis",
        "trim_clause(False)",
        "Clause",
        group=CLAUSE,
        tooltip="Trim the quote a clause at its end",
    ),
    Binding("left_square_bracket", "move_start(1)", "Trim start", group=TRIM),
    Binding("right_square_bracket", "move_end(-1)", "Trim end", group=TRIM),
    Binding("left_curly_bracket", "move_start(-1)", "Extend start", group=EXTEND),
    Binding("right_curly_bracket", "move_end(1)", "Extend end", group=EXTEND),
    Binding("ctrl+z", "undo", "Undo", show=False),
    Binding("ctrl+y", "redo", "Redo", show=False),
]
