"""A card cut into the draft from a source's paragraphs (or the essay's), as the source view
and the essay view cut one: read by the point that was in focus on the main screen, or left in
the card library when none was; one step that undo takes back, and a line that says where the
card went."""

from __future__ import annotations

import re
from typing import NamedTuple

from workbook.core.claim_edits import claim_id_for
from workbook.core.cutting import cut_card, paragraph_span
from workbook.core.edits import Change, Draft
from workbook.storage.files import WorkbookError
from workbook.storage.user_config import read_initials
from workbook.tui.glance import NAMED, claim_name


class Target(NamedTuple):
    """The point a card cut now is read by: the one in focus when the view was opened."""

    claim_id: str
    point_id: str


def card_id_for(draft: Draft, tag: str, source_id: str, first: int) -> str:
    """A free, readable library id: from the tag's words, or, with no word an id can take,
    from the source and the first paragraph ("lopez-3")."""
    words = tag if re.search(r"[a-z0-9]", tag.lower()) else f"{source_id} {first}"
    return claim_id_for(words, draft.workbook.cards)


def reader(draft: Draft, target: Target | None) -> Target | None:
    """The target, while its claim and point are still there."""
    if target is None:
        return None
    claim = draft.workbook.claims.get(target.claim_id)
    return target if claim is not None and target.point_id in claim.points else None


def cut_into(
    draft: Draft,
    source_id: str,
    paragraphs: list[str],
    run: tuple[int, int],
    tag: str,
    target: Target | None,
    cutter: str | None = None,
) -> tuple[Change, str]:
    """Cut paragraphs `run` (first and last, from 1) of the source into the draft as a card,
    read by `target`'s point (while it is there) or left in the library. Returns the step and
    the line that tells the user. Raises `CutError` or `EditError` for a cut refused, its
    message one line. The card is signed with `cutter`, by default the user's initials from
    their config (none while it cannot be read: `workbook config` says why)."""
    first, last = run
    workbook = draft.workbook
    if cutter is None:
        try:
            cutter = read_initials()
        except WorkbookError:
            cutter = ""
    card = cut_card(workbook, source_id, paragraphs, first, last, tag, cutter)
    card_id = card_id_for(draft, tag, source_id, first)
    cut = f"Cut {card_id} ({paragraph_span(first, last)})"
    point = reader(draft, target)
    if point is None:
        change = draft.edit_card(f"cut card {card_id}", card_id, card)
        return change, f"{cut} into the card library: c on a point picks it"
    claim_id, point_id = point
    label = f"cut card {card_id} for {point_id}"
    change = draft.add_card(label, claim_id, point_id, card, card_id)
    return change, f"{cut}: {point_id} on {claim_name(workbook, claim_id, NAMED)} reads it"
