"""The main screen's card keys: a point reads a card (a new one, or one from the library),
a card is edited wherever it is read, deleted from the library after asking, and found.

A card is cut once, into the workbook's library, and any number of points read it: each
action here says where a card is read before it changes everywhere.
"""

from __future__ import annotations

from pathlib import Path

from workbook.core.adding import same_card_key
from workbook.core.claim_edits import free_id
from workbook.core.edits import CardInUse, EditError
from workbook.core.library import where_used
from workbook.core.model import Card, Claim, Workbook
from workbook.tui.dialogs.card_picker import NEW, CardPicker, Outside, outside_index
from workbook.tui.dialogs.edit_forms import card_form, card_values
from workbook.tui.dialogs.form import Values, ask
from workbook.tui.glance import claim_name, read_by
from workbook.tui.screens.prep.editing import Prep


def outside_cards(path: Path, ours: Workbook) -> list[Outside]:
    """The cards of the card libraries beside the workbook at `path`, library by library,
    but those already copied into its library (`ours`), which it offers as its own."""
    from workbook.storage.libraries import card_libraries_beside

    have = {same_card_key(card) for card in ours.cards.values()}
    return [
        Outside(card_id, card, library.name)
        for library, workbook in card_libraries_beside(path)
        for card_id, card in workbook.cards.items()
        if not card.is_open and same_card_key(copied(card)) not in have
    ]


def copied(card: Card) -> Card:
    """A card of another library as this workbook keeps it: its cite comes with it, but the
    id of the source it was cut from names a text of the other library, so it is left behind
    and the copy stands as a card typed by hand."""
    return card.model_copy(update={"source": ""}) if card.source else card


class CardEdits:
    def __init__(self, prep: Prep) -> None:
        self.prep = prep

    def add(self, claim_id: str, claim: Claim, point_id: str) -> None:
        """`c`: pick a card from the library for the point, or "New card…" (first, so that
        `enter` cuts a new one at once). The picker opens even with no card to offer, so that
        `c` then `enter` is always a new card."""
        prep = self.prep
        point = claim.points[point_id]
        leave_out = set(point.cards)  # a point reads a card once

        outside = outside_cards(prep.path, prep.workbook)

        def picked(card_id: str | None) -> None:
            index = outside_index(card_id) if card_id is not None else None
            if card_id == NEW:
                self.edit(claim_id, claim, point_id, None)
            elif index is not None:
                self.copy_in(claim_id, point_id, outside[index])
            elif card_id is not None:
                prep.apply(
                    lambda: prep.draft.place_card(
                        f"{point_id} reads card {card_id}", claim_id, point_id, card_id
                    ),
                    lambda change: {point.side: f"{point_id}/{card_id}"},
                )

        named = claim_name(prep.workbook, claim_id, 80)
        title = f"A card for {point_id} on {named}: cut a new one, or pick one"
        picker = CardPicker(
            prep.workbook,
            title,
            offer_new=True,
            leave_out=leave_out,
            standing=prep.texts.standing,
            outside=outside,
        )
        prep.app.push_screen(picker, picked)

    def copy_in(self, claim_id: str, point_id: str, other: Outside) -> None:
        """A card of a card library beside the workbook (`copied`) into this workbook's
        library, under its own id while that is free, and read by the point."""
        prep = self.prep
        side = prep.workbook.claims[claim_id].points[point_id].side
        card = copied(other.card)
        card_id = free_id(other.card_id, prep.workbook.cards)
        label = f"{point_id} reads card {card_id} from {other.library}"
        if prep.apply(
            lambda: prep.draft.add_card(label, claim_id, point_id, card, card_id),
            lambda change: {side: f"{point_id}/{card_id}"},
        ):
            prep.notify(f"Copied card {card_id} from {other.library} (ctrl+z undoes)", timeout=5)

    def edit(self, claim_id: str, claim: Claim, point_id: str, card_id: str | None) -> None:
        """A new card for the point (`card_id` None), or the library card it reads: a card
        lives in the library, so editing it changes it under every point that reads it."""
        prep = self.prep
        card = prep.workbook.cards.get(card_id) if card_id else None
        side = claim.points[point_id].side

        def done(values: Values | None) -> None:
            if values is None:
                return
            new = card_values(values, card)
            if card_id is None:
                label = f"add a card to {point_id}"
                prep.apply(
                    lambda: prep.draft.add_card(label, claim_id, point_id, new),
                    lambda change: {side: f"{point_id}/{change.cards[0].card_id}"},
                )
            else:
                prep.apply(
                    lambda: prep.draft.edit_card(f"card {card_id}", card_id, new, claim_id),
                    lambda change: {side: f"{point_id}/{card_id}"},
                )

        title, note = f"New card for {point_id}", ""
        if card_id:
            places = where_used(prep.workbook, card_id)
            title = f"Card {card_id}"
            if len(places) > 1:
                title += f", read by {len(places)} points: a change here changes it under each"
            if places:
                note = f"Read by {read_by(prep.workbook, places)}\n"
            if card is not None:
                note += prep.texts.described(prep.workbook, card)
        prep.app.push_screen(card_form(card, title, note), done)

    def delete_everywhere(self, card_id: str) -> None:
        """`X`: delete a card from the library, and so from every point that reads it; asks
        first when points read it (keeping it is the first answer)."""
        prep = self.prep
        label = f"delete card {card_id} everywhere"
        try:
            change = prep.draft.delete_card(label, card_id)
        except CardInUse as in_use:
            cite = prep.workbook.cards[card_id].cite or card_id
            question = (
                f"Delete the card {cite} ({card_id}) from the library? Every point that reads "
                f"it loses it: {read_by(prep.workbook, in_use.places)}."
            )

            def answer(choice: str) -> None:
                if choice == "delete" and prep.apply(
                    lambda: prep.draft.delete_card(label, card_id, force=True)
                ):
                    prep.notify(f"Deleted card {card_id} everywhere (ctrl+z undoes)", timeout=3)

            ask(prep.app, question, [("keep", "Keep it"), ("delete", "Delete it")], answer, "keep")
            return
        except EditError as error:
            prep.notify(str(error), severity="error")
            return
        prep.changed(change)
        prep.notify(f"Deleted card {card_id} (ctrl+z undoes)", timeout=3)

    def find(self) -> None:
        """`f`: find a card by its cite, tag or text, and go to the first point that reads it."""
        prep = self.prep
        if not prep.workbook.cards:
            prep.notify("The card library is empty: c on a point cuts a card.")
            return

        def found(card_id: str | None) -> None:
            if card_id is not None:
                self.go_to(card_id)

        title = "Find a card: go to the first point that reads it"
        picker = CardPicker(prep.workbook, title, standing=prep.texts.standing)
        prep.app.push_screen(picker, found)

    def go_to(self, card_id: str) -> None:
        """Show the first claim and point that read the card, the card highlighted; say where
        else it is read."""
        prep = self.prep
        places = where_used(prep.workbook, card_id)
        if not places:
            prep.notify(f"No point reads card {card_id} yet: c on a point picks it.", timeout=5)
            return
        claim_id, point_id = places[0]
        side = prep.workbook.claims[claim_id].points[point_id].side
        prep.go_to(claim_id)
        prep.show_claim({side: f"{point_id}/{card_id}"})
        prep.focus_side(side)
        if len(places) > 1:
            prep.notify(f"Card {card_id} is read by {read_by(prep.workbook, places)}", timeout=8)
