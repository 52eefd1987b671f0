"""The main screen's edits of claims: edit one, add one from the essay, delete, move.

Each goes through a form or a question, then the screen's `commit`, so each can be undone.
"""

from __future__ import annotations

from workbook.core import claim_edits
from workbook.core.coverage import count
from workbook.essay.picking import fresh_id, place_of
from workbook.tui.dialogs.edit_forms import claim_form, claim_from
from workbook.tui.dialogs.form import Values, ask
from workbook.tui.glance import NAMED, claim_name, named
from workbook.tui.screens.prep.editing import Prep


class ClaimEdits:
    def __init__(self, prep: Prep) -> None:
        self.prep = prep

    def edit(self) -> None:
        """The claim in view: tag, quote, paragraph, section, side, tags and notes."""
        prep = self.prep
        claim_id, claim = prep.claim_id, prep.claim
        if claim is None or claim_id is None:
            return

        def done(values: Values | None) -> None:
            if values is not None:
                after = claim_from(values, prep.paragraphs, claim.points)
                as_id = fresh_id(prep.workbook, claim_id, claim, after)
                label = f"edit the claim {claim_name(prep.workbook, claim_id, NAMED)}"
                prep.commit(label, claim_id, after, as_id=as_id)

        form = claim_form(prep.workbook, prep.paragraphs, claim, f"Claim {claim_id}")
        prep.app.push_screen(form, done)

    def new(self) -> None:
        """A new claim, its form filled in from the one in view; it takes its place in the
        essay's order, where its quote stands, as a claim made in the essay view does."""
        prep = self.prep
        near = prep.claim

        def done(values: Values | None) -> None:
            if values is None:
                return
            claim = claim_from(values, prep.paragraphs)
            claim_id = claim_edits.claim_id_for(claim.tag or claim.quote, prep.workbook.claims)
            index = place_of(prep.workbook, prep.paragraphs, claim)
            label = f"add the claim {named(claim.tag or claim.quote, NAMED)}"
            prep.commit(label, claim_id, claim, index)

        form = claim_form(prep.workbook, prep.paragraphs, None, "New claim", near)
        prep.app.push_screen(form, done)

    def delete(self) -> None:
        """Delete the claim in view with its points, once the user says so; undo restores it."""
        prep = self.prep
        claim_id, claim = prep.claim_id, prep.claim
        if claim is None or claim_id is None:
            return
        points = len(claim.points)
        question = f"Delete the claim {claim_name(prep.workbook, claim_id, 80)}"
        question += f" and its {count(range(points), 'point')}?" if points else "?"

        name = claim_name(prep.workbook, claim_id, NAMED)

        def answer(choice: str) -> None:
            if choice == "delete" and prep.commit(f"delete the claim {name}", claim_id, None):
                prep.notify(f"Deleted the claim {name} (ctrl+z undoes)", timeout=3)

        ask(prep.app, question, [("keep", "Keep it"), ("delete", "Delete it")], answer, "keep")

    def move(self, offset: int) -> None:
        prep = self.prep
        claim_id = prep.claim_id
        if claim_id is None:
            return
        change = prep.draft.move(f"move claim {claim_id}", claim_id, offset)
        if change is not None:
            prep.changed(change)
