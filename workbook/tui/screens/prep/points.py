"""The main screen's edits of points: add one (or an answer), edit, delete, move, strength.

Each goes through a form where it needs words, then the screen's `commit`, so each can be
undone. A key on a side's column names its point (and card), so no edit has to guess where
the user is.
"""

from __future__ import annotations

from workbook.core import claim_edits
from workbook.core.coverage import count, unanswered
from workbook.core.library import where_used
from workbook.core.model import Claim
from workbook.tui.dialogs.edit_forms import point_form, strength_value
from workbook.tui.dialogs.form import Values
from workbook.tui.screens.prep.editing import Prep
from workbook.tui.widgets.side_column import SideColumn


class PointEdits:
    def __init__(self, prep: Prep) -> None:
        self.prep = prep

    def add(self, side: str, answers: str = "") -> None:
        """A new point for `side` on the claim in view, answering `answers` if given."""
        prep = self.prep
        claim_id, claim = prep.claim_id, prep.claim
        if claim_id is None or claim is None:
            return

        def done(values: Values | None) -> None:
            if values is None:
                return
            strength = strength_value(values["strength"])
            new, point_id = claim_edits.add_point(
                claim, side, values["text"], values["answers"], strength
            )
            if prep.commit(f"add {point_id}", claim_id, new, keep={side: point_id}):
                # The next thing done is most often to the new point (its card, its answer):
                # the focus goes to it, wherever the point was added from.
                prep.focus_side(side)

        prep.app.push_screen(point_form(prep.workbook, claim, side, None, answers), done)

    def answer(self, claim: Claim, point_id: str) -> None:
        """A point of the other side that answers this one."""
        self.add(self.prep.workbook.other_side(claim.points[point_id].side), point_id)

    def answer_first_open(self) -> None:
        """Answer the first point of the other side that ours has left open."""
        prep = self.prep
        claim = prep.claim
        if claim is None:
            return
        open_points = unanswered(claim, prep.sides[0])
        if not open_points:
            prep.notify("Nothing to answer here: highlight a point in a column.")
            return
        self.answer(claim, open_points[0])

    def edit(self, claim_id: str, claim: Claim, side: str, point_id: str) -> None:
        prep = self.prep

        def done(values: Values | None) -> None:
            if values is None:
                return
            new = claim_edits.update_point(
                claim,
                point_id,
                text=values["text"],
                answers=values["answers"],
                strength=strength_value(values["strength"]),
            )
            prep.commit(f"edit {point_id}", claim_id, new)

        prep.app.push_screen(point_form(prep.workbook, claim, side, point_id), done)

    def delete(self, claim_id: str, claim: Claim, point_id: str, card_id: str | None) -> None:
        """Delete the point, or take the card from it when one is highlighted."""
        prep = self.prep
        if card_id is not None:
            # The library keeps the card while other points read it.
            others = len(where_used(prep.workbook, card_id)) - 1
            what = f"card {card_id} of {point_id}"
            done = prep.apply(
                lambda: prep.draft.remove_card(f"delete {what}", claim_id, point_id, card_id)
            )
            if done and others:
                prep.notify(
                    f"Took card {card_id} from {point_id}; the library keeps it for the "
                    f"{count(range(others), 'other point')} that read it (X deletes it everywhere; "
                    "ctrl+z undoes)",
                    timeout=5,
                )
                return
        else:
            what = point_id
            done = prep.commit(
                f"delete {what}", claim_id, claim_edits.delete_point(claim, point_id)
            )
        if done:
            prep.notify(f"Deleted {what} (ctrl+z undoes)", timeout=3)

    def move(self, column: SideColumn, claim_id: str, claim: Claim, point_id: str, by: int) -> None:
        prep = self.prep
        moved = claim_edits.move_point(claim, point_id, by)
        prep.commit(f"move {point_id}", claim_id, moved, keep={column.side: point_id})

    def strength(self, claim_id: str, claim: Claim, point_id: str, stars: int) -> None:
        new = claim_edits.update_point(claim, point_id, strength=stars or None)
        self.prep.commit(f"strength of {point_id}", claim_id, new)
