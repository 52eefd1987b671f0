"""Undo and redo, as each screen that edits the draft does them: the step taken back (or
again), and a word to the user of what it was."""

from __future__ import annotations

from textual.widget import Widget

from workbook.core.edits import Change, Draft


def step_back(node: Widget, draft: Draft, redo: bool = False) -> Change | None:
    """Undo the last step (or redo the last undone), and say which; None when there is none.
    The screen shows the change and tells the app (`Edited`)."""
    change = draft.redo() if redo else draft.undo()
    if change is None:
        node.notify(f"Nothing to {'redo' if redo else 'undo'}", timeout=2)
    else:
        node.notify(f"{'Redid' if redo else 'Undid'}: {change.label}", timeout=2)
    return change
