"""The main screen's actions that change the workbook: points, cards and the claim itself.

Each one goes through a form where it needs words, then `commit`, so each can be undone. A key
on a side's column arrives as `SideColumn.Requested`, naming its point and card: no action has
to guess where the user is.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.screen import Screen

from workbook.core import edits
from workbook.core.coverage import count, unanswered
from workbook.core.edits import Change, Draft, EditError
from workbook.core.library import where_used
from workbook.core.model import Claim, Workbook
from workbook.tui import glance
from workbook.tui.dialogs.edit_forms import (
    claim_form,
    claim_from,
    point_form,
    strength_value,
)
from workbook.tui.dialogs.form import Values, ask
from workbook.tui.widgets.side_column import SideColumn


class PrepActions(Screen[None]):
    """The edits of the main screen. The screen that derives from it shows the claims and
    says which one is in view."""

    def __init__(self, draft: Draft, paragraphs: list[str] | None, sides: list[str]) -> None:
        super().__init__()
        self.draft = draft
        self.paragraphs = paragraphs
        self.sides = sides

    @property
    def workbook(self) -> Workbook:
        return self.draft.workbook

    # What the screen that shows the claims provides.

    @property
    def claim_id(self) -> str | None:
        raise NotImplementedError

    @property
    def claim(self) -> Claim | None:
        claim_id = self.claim_id
        return self.workbook.claims.get(claim_id) if claim_id else None

    def show_claim(self, keep: dict[str, str] | None = None) -> None:
        raise NotImplementedError

    def changed(self, change: Change, keep: dict[str, str] | None = None) -> None:
        raise NotImplementedError

    def commit(
        self,
        label: str,
        claim_id: str,
        after: Claim | None,
        index: int = -1,
        keep: dict[str, str] | None = None,
    ) -> bool:
        """Apply an edit and show it, the highlight kept on `keep` (side → option id)."""
        raise NotImplementedError

    # Keys on a side's column.

    @on(SideColumn.Requested)
    def _column_requested(self, request: SideColumn.Requested) -> None:
        request.stop()
        claim_id, claim = self.claim_id, self.claim
        if claim_id is None or claim is None:
            return
        column, point_id = request.column, request.point_id
        if request.verb == "add_point":
            self.add_point(column.side)
            return
        if point_id is None:
            self.notify("This column has no point yet: a adds one.")
            return
        if request.verb == "answer":
            self.add_point(self.workbook.other_side(claim.points[point_id].side), point_id)
        elif request.verb == "add_card":
            self.add_card(claim_id, claim, point_id)
        elif request.verb == "delete_card":
            if request.card_id is None:
                self.notify("Highlight a card under a point first (↓ moves to it).")
            else:
                self.delete_card(request.card_id)
        elif request.verb == "edit":
            if request.card_id is not None:
                self.edit_card(claim_id, claim, point_id, request.card_id)
            else:
                self.edit_point(claim_id, claim, column.side, point_id)
        elif request.verb == "delete":
            self.delete_point(claim_id, claim, point_id, request.card_id)
        elif request.verb == "move":
            moved = edits.move_point(claim, point_id, request.value)
            if self.commit(f"move {point_id}", claim_id, moved):
                column.show(glance.column(self.workbook, self.claim, column.side), point_id)
        elif request.verb == "strength":
            new = edits.update_point(claim, point_id, strength=request.value or None)
            self.commit(f"strength of {point_id}", claim_id, new)

    # Keys on the claim list (or anywhere but a column).

    def action_add_point(self) -> None:
        """From the list: a point for the side we prepare."""
        self.add_point(self.sides[0])

    def action_answer(self) -> None:
        """From the list: answer the first point of the other side that ours has left open."""
        claim = self.claim
        if claim is None:
            return
        open_points = unanswered(claim, self.sides[0])
        if not open_points:
            self.notify("Nothing to answer here: highlight a point in a column.")
            return
        self.add_point(self.workbook.other_side(claim.points[open_points[0]].side), open_points[0])

    def action_point_first(self) -> None:
        self.notify("Highlight a point in a side's column first (tab moves there).")

    # Points.

    def add_point(self, side: str, answers: str = "") -> None:
        claim_id, claim = self.claim_id, self.claim
        if claim_id is None or claim is None:
            return

        def done(values: Values | None) -> None:
            if values is None:
                return
            strength = strength_value(values["strength"])
            new, point_id = edits.add_point(
                claim, side, values["text"], values["answers"], strength
            )
            self.commit(f"add {point_id}", claim_id, new, keep={side: point_id})

        self.app.push_screen(point_form(self.workbook, claim, side, None, answers), done)

    def edit_point(self, claim_id: str, claim: Claim, side: str, point_id: str) -> None:
        def done(values: Values | None) -> None:
            if values is None:
                return
            new = edits.update_point(
                claim,
                point_id,
                text=values["text"],
                answers=values["answers"],
                strength=strength_value(values["strength"]),
            )
            self.commit(f"edit {point_id}", claim_id, new)

        self.app.push_screen(point_form(self.workbook, claim, side, point_id), done)

    def delete_point(self, claim_id: str, claim: Claim, point_id: str, card_id: str | None) -> None:
        if card_id is not None:
            # The library keeps the card while other points read it.
            others = len(where_used(self.workbook, card_id)) - 1
            what = f"card {card_id} of {point_id}"
            done = self.apply(
                lambda: self.draft.remove_card(f"delete {what}", claim_id, point_id, card_id)
            )
            if done and others:
                self.notify(
                    f"Took card {card_id} from {point_id}; the library keeps it for the "
                    f"{count(range(others), 'other point')} that read it (X deletes it everywhere; "
                    "ctrl+z undoes)",
                    timeout=5,
                )
                return
        else:
            what = point_id
            done = self.commit(f"delete {what}", claim_id, edits.delete_point(claim, point_id))
        if done:
            self.notify(f"Deleted {what} (ctrl+z undoes)", timeout=3)

    # Cards: the screen that derives from this one has the card keys.

    def add_card(self, claim_id: str, claim: Claim, point_id: str) -> None:
        raise NotImplementedError

    def edit_card(self, claim_id: str, claim: Claim, point_id: str, card_id: str | None) -> None:
        raise NotImplementedError

    def delete_card(self, card_id: str) -> None:
        raise NotImplementedError

    def apply(
        self,
        edit: Callable[[], Change],
        keep: Callable[[Change], dict[str, str]] | None = None,
    ) -> bool:
        """Make an edit the draft does itself (the card library's), and show it."""
        try:
            change = edit()
        except EditError as error:
            self.notify(str(error), severity="error")
            return False
        self.changed(change, keep(change) if keep else None)
        return True

    # Claims.

    def action_edit_claim(self) -> None:
        claim_id, claim = self.claim_id, self.claim
        if claim is None or claim_id is None:
            return

        def done(values: Values | None) -> None:
            if values is not None:
                self.commit(
                    f"edit claim {claim_id}",
                    claim_id,
                    claim_from(values, self.paragraphs, claim.points),
                )

        form = claim_form(self.workbook, self.paragraphs, claim, f"Claim {claim_id}")
        self.app.push_screen(form, done)

    def action_new_claim(self) -> None:
        near_id, near = self.claim_id, self.claim

        def done(values: Values | None) -> None:
            if values is None:
                return
            claim = claim_from(values, self.paragraphs)
            claim_id = edits.claim_id_for(claim.tag or claim.quote, self.workbook.claims)
            order = list(self.workbook.claims)
            index = order.index(near_id) + 1 if near_id in order else len(order)
            self.commit(f"add claim {claim_id}", claim_id, claim, index)

        form = claim_form(self.workbook, self.paragraphs, None, "New claim", near)
        self.app.push_screen(form, done)

    def action_delete_claim(self) -> None:
        """Delete the claim in view with its points, once the user says so; undo restores it."""
        claim_id, claim = self.claim_id, self.claim
        if claim is None or claim_id is None:
            return
        points = len(claim.points)
        question = f"Delete the claim “{claim.tag or claim_id}”"
        question += f" and its {count(range(points), 'point')}?" if points else "?"

        def answer(choice: str) -> None:
            if choice == "delete" and self.commit(f"delete claim {claim_id}", claim_id, None):
                self.notify(f"Deleted {claim_id} (ctrl+z undoes)", timeout=3)

        ask(self.app, question, [("keep", "Keep it"), ("delete", "Delete it")], answer, "keep")

    def action_move_claim(self, offset: int) -> None:
        claim_id = self.claim_id
        if claim_id is None:
            return
        change = self.draft.move(f"move claim {claim_id}", claim_id, offset)
        if change is not None:
            self.changed(change)
