"""Editing a claim from the main screen: points, cards and the claim itself, through forms.

A mixin of the main screen, which supplies the claim in view, the columns and `commit`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .. import edits
from ..coverage import count, unanswered
from ..library import where_used
from ..model import Claim
from .claim_list import ClaimList
from .form import Values
from .forms import (
    card_form,
    card_values,
    claim_form,
    claim_from,
    point_form,
    strength_value,
)
from .side_column import SideColumn

if TYPE_CHECKING:
    from textual.widget import Widget

    from ..edits import Change, Draft
    from ..model import Workbook
    from .app import WorkbookApp


class Target(NamedTuple):
    """Where an edit of a point or card applies."""

    column: SideColumn
    claim_id: str
    claim: Claim
    point_id: str
    card_id: str | None


class EditingActions:
    """The screen's actions that change the workbook (each one undoable)."""

    if TYPE_CHECKING:
        app: WorkbookApp
        draft: Draft
        sides: list[str]
        paragraphs: list[str] | None
        focused: Widget | None
        workbook: Workbook
        claim_id: str | None
        claim: Claim | None

        def commit(
            self, label: str, claim_id: str, after: Claim | None, index: int = -1
        ) -> bool: ...
        def show_claim(self, keep: dict[str, str] | None = None) -> None: ...
        def changed(self, change: Change, keep: dict[str, str] | None = None) -> None: ...
        def notify(self, message: str, *, timeout: float | None = None) -> None: ...

    # Where an edit applies.

    def _side_in_focus(self) -> str:
        focused = self.focused
        return focused.side if isinstance(focused, SideColumn) else self.sides[0]

    def _point_in_focus(self) -> Target | None:
        """The claim, and the point (and card) highlighted in the focused column, or None
        after telling the user where to go."""
        focused, claim_id, claim = self.focused, self.claim_id, self.claim
        if isinstance(focused, SideColumn) and claim_id is not None and claim is not None:
            point_id, card_id = focused.current
            if point_id is not None:
                return Target(focused, claim_id, claim, point_id, card_id)
        self.notify("Highlight a point in a side's column first (tab moves there).")
        return None

    # Points.

    def action_add_point(self, answers: str = "", side: str | None = None) -> None:
        claim_id, claim = self.claim_id, self.claim
        if claim_id is None or claim is None:
            return
        side = side or self._side_in_focus()

        def done(values: Values | None) -> None:
            if values is None:
                return
            new, point_id = edits.add_point(claim, side, values["text"], values["answers"])
            new = edits.update_point(new, point_id, strength=strength_value(values["strength"]))
            if self.commit(f"add {point_id}", claim_id, new):
                self.show_claim({side: point_id})

        self.app.push_screen(point_form(self.workbook, claim, side, None, answers), done)

    def action_answer(self) -> None:
        claim = self.claim
        if claim is None:
            return
        focused = self.focused
        if isinstance(focused, SideColumn) and focused.current[0]:
            target = focused.current[0]
        else:
            # From the list: the first point of the other side that ours has left unanswered.
            open_points = unanswered(claim, self.sides[0])
            if not open_points:
                self.notify("Nothing to answer here: highlight a point in a column.")
                return
            target = open_points[0]
        side = self.workbook.other_side(claim.points[target].side)
        self.action_add_point(answers=target, side=side)

    def action_edit(self) -> None:
        if not isinstance(self.focused, SideColumn):
            self.action_edit_claim()
            return
        found = self._point_in_focus()
        if found is None:
            return
        column, claim_id, claim, point_id, card_id = found
        if card_id is not None:
            self._edit_card(claim_id, claim, point_id, card_id)
            return

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

        self.app.push_screen(point_form(self.workbook, claim, column.side, point_id), done)

    def action_delete(self) -> None:
        if isinstance(self.focused, ClaimList):
            self.delete_claim()
            return
        found = self._point_in_focus()
        if found is None:
            return
        _, claim_id, claim, point_id, card_id = found
        if card_id is not None:
            # The library keeps the card while other points read it.
            what = f"card {card_id} of {point_id}"
            self.changed(self.draft.remove_card(f"delete {what}", claim_id, point_id, card_id))
            self.notify(f"Deleted {what} (ctrl+z undoes)", timeout=3)
            return
        what = point_id
        if self.commit(f"delete {what}", claim_id, edits.delete_point(claim, point_id)):
            self.notify(f"Deleted {what} (ctrl+z undoes)", timeout=3)

    def action_move(self, offset: int) -> None:
        if isinstance(self.focused, ClaimList):
            self.move_claim(offset)
            return
        found = self._point_in_focus()
        if found is None:
            return
        column, claim_id, claim, point_id, _ = found
        self.commit(f"move {point_id}", claim_id, edits.move_point(claim, point_id, offset))
        column.show(self.workbook, self.claim, point_id)

    def action_strength(self, strength: int) -> None:
        found = self._point_in_focus()
        if found is None:
            return
        _, claim_id, claim, point_id, _ = found
        new = edits.update_point(claim, point_id, strength=strength or None)
        self.commit(f"strength of {point_id}", claim_id, new)

    # Cards.

    def action_add_card(self) -> None:
        found = self._point_in_focus()
        if found is not None:
            self._edit_card(found.claim_id, found.claim, found.point_id, None)

    def _edit_card(self, claim_id: str, claim: Claim, point_id: str, card_id: str | None) -> None:
        # A card lives in the workbook's library: editing it changes it under every point.
        card = self.workbook.cards.get(card_id) if card_id else None

        def done(values: Values | None) -> None:
            if values is None:
                return
            new = card_values(values)
            if card_id is None:
                change = self.draft.add_card(f"add a card to {point_id}", claim_id, point_id, new)
                new_id = change.cards[0].card_id
            else:
                change = self.draft.edit_card(f"card {card_id}", card_id, new, claim_id)
                new_id = card_id
            side = claim.points[point_id].side
            self.changed(change, {side: f"{point_id}/{new_id}"})

        title = f"New card for {point_id}"
        if card_id:
            readers = len(where_used(self.workbook, card_id))
            title = f"Card {card_id}" + (f", read by {readers} points" if readers > 1 else "")
        self.app.push_screen(card_form(card, title), done)

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

    def delete_claim(self) -> None:
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

        self.app.ask(question, [("keep", "Keep it"), ("delete", "Delete it")], answer, "keep")

    def move_claim(self, offset: int) -> None:
        claim_id = self.claim_id
        if claim_id is None:
            return
        change = self.draft.move(f"move claim {claim_id}", claim_id, offset)
        if change is not None:
            self.changed(change)
