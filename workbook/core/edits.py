"""Editing a workbook claim by claim, card by card, and its motion and sides, with undo and redo.

Every edit builds a new `Claim` or `Card` and swaps it in; nothing already in the workbook is
changed in place. An undo step is then just what it swapped, before and after, and a save can
write a snapshot of the claims and the card library while editing goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from pydantic import ValidationError

from workbook.core.claim_edits import with_cards
from workbook.core.essay_edits import DropRefused, EssayState, drop_paragraph, essay_state
from workbook.core.framing import Framing, framing_of, framing_problem
from workbook.core.library import Place, new_card_id, where_used
from workbook.core.model import Card, Claim, Essay, Workbook, reference_problems


class EditError(ValueError):
    """An edit that would leave the workbook invalid; the message says why."""


class CardInUse(EditError):
    """Deleting a library card that points still read: the caller asks, then forces it."""

    def __init__(self, card_id: str, places: list[Place]) -> None:
        where = ", ".join(f"{claim}.{point}" for claim, point in places[:3])
        more = f" and {len(places) - 3} more" if len(places) > 3 else ""
        super().__init__(f"cards.{card_id}: read by {len(places)} points ({where}{more})")
        self.card_id = card_id
        self.places = places


@dataclass(frozen=True)
class CardSwap:
    """A library card before and after (None where it does not exist)."""

    card_id: str
    before: Card | None
    after: Card | None
    before_index: int = -1  # where it stood in the library before (-1: nowhere)


@dataclass(frozen=True)
class Change:
    """One undoable step: a claim before and after (None where it does not exist), and the
    library cards and other claims the same step changed. A step that changes only the library
    names no claim (claim_id ""), or names one with the same claim before and after, so that a
    view knows where the user was."""

    label: str
    claim_id: str
    before: Claim | None
    after: Claim | None
    index: int  # where the claim stands after the change
    before_index: int = -1  # where it stood before (-1: nowhere)
    cards: tuple[CardSwap, ...] = ()
    # Other claims changed in place by the same step: (id, before, after).
    also: tuple[tuple[str, Claim, Claim], ...] = ()
    # The motion and the sides, before and after, for a step that changes them.
    framing: tuple[Framing, Framing] | None = None
    renamed: str = ""  # the claim's id before the step, when the step gave it a new one
    # The essay's fields (and its text, for a paragraph dropped), before and after.
    essay: tuple[EssayState, EssayState] | None = None

    @property
    def moves(self) -> bool:
        return (
            self.before is not None and self.after is not None and self.index != self.before_index
        )

    @property
    def claim_ids(self) -> list[str]:
        """Every claim this step changed."""
        named = [cid for cid in (self.claim_id, self.renamed) if cid]
        return named + [cid for cid, _, _ in self.also]


class Draft:
    """A workbook being edited: the changes made to it, undo and redo, and whether it is saved."""

    def __init__(self, workbook: Workbook, paragraphs: list[str] | None = None) -> None:
        self.workbook = workbook
        # The essay's text, when it is at hand: a paragraph dropped changes this very list, so
        # every view that holds it reads the text as it is now.
        self.paragraphs = paragraphs
        # What every step, undo and redo has touched, for the journal to compare with the file.
        self.touched: set[str] = set()
        self.touched_cards: set[str] = set()
        self._done: list[Change] = []
        self._undone: list[Change] = []
        # The last change that the file holds (None: none since loading). Comparing changes, not
        # stack depths, keeps this right across undo, redo and new edits made during a save.
        self._saved: Change | None = None

    @property
    def checkpoint(self) -> Change | None:
        """The last change made: what a save started now will hold."""
        return self._done[-1] if self._done else None

    @property
    def dirty(self) -> bool:
        return self.checkpoint is not self._saved

    def mark_saved(self, checkpoint: Change | Literal["now"] | None = "now") -> None:
        self._saved = self.checkpoint if checkpoint == "now" else checkpoint

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def apply(
        self, label: str, claim_id: str, after: Claim | None, index: int = -1, as_id: str = ""
    ) -> Change:
        """Put `after` in place of the claim (None deletes it); new claims go at `index`. An
        edited claim given `as_id` takes that id in the same step, where it stood."""
        claims = self.workbook.claims
        before = claims.get(claim_id)
        edited = before is not None and after is not None
        renamed = claim_id if edited and as_id not in ("", claim_id) else ""
        if renamed and as_id in claims:
            raise EditError(f"claims.{as_id}: a claim of that id is there already")
        claim_id = as_id if renamed else claim_id
        if after is not None:
            self._check(claim_id, after)
        before_index = list(claims).index(renamed or claim_id) if before is not None else -1
        if before is not None:
            index = before_index
        elif index < 0:
            index = len(claims)
        change = Change(label, claim_id, before, after, index, before_index, renamed=renamed)
        return self._record(change)

    def move(self, label: str, claim_id: str, offset: int) -> Change | None:
        """Move a claim up (negative) or down the list; None when it cannot go further."""
        order = list(self.workbook.claims)
        old = order.index(claim_id)
        new = max(0, min(len(order) - 1, old + offset))
        if new == old:
            return None
        claim = self.workbook.claims[claim_id]
        return self._record(Change(label, claim_id, claim, claim, new, old))

    # The card library.

    def add_card(
        self, label: str, claim_id: str, point_id: str, card: Card, card_id: str = ""
    ) -> Change:
        """Cut a new library card (its id made from the claim and point unless given) and
        let the point read it, last."""
        claim = self.workbook.claims[claim_id]
        card_id = card_id or new_card_id(self.workbook, claim_id, point_id)
        if card_id in self.workbook.cards:
            raise EditError(f"cards.{card_id}: a card of that id is in the library already")
        after = with_cards(claim, point_id, [*claim.points[point_id].cards, card_id])
        self._check(claim_id, after, {card_id: card})
        swap = CardSwap(card_id, None, card)
        return self._record(self._in_place(label, claim_id, claim, after, (swap,)))

    def place_card(self, label: str, claim_id: str, point_id: str, card_id: str) -> Change:
        """Let a point read a card already in the library, last."""
        claim = self.workbook.claims[claim_id]
        after = with_cards(claim, point_id, [*claim.points[point_id].cards, card_id])
        self._check(claim_id, after)
        return self._record(self._in_place(label, claim_id, claim, after))

    def edit_card(self, label: str, card_id: str, card: Card, claim_id: str = "") -> Change:
        """Change a library card, wherever it is read (or add it to the library, unplaced).
        `claim_id` names the claim the user is on, which the step leaves as it is."""
        before = self.workbook.cards.get(card_id)
        index = list(self.workbook.cards).index(card_id) if before is not None else -1
        swap = CardSwap(card_id, before, card, index)
        claim = self.workbook.claims.get(claim_id) if claim_id else None
        if claim is None:
            return self._record(Change(label, "", None, None, -1, -1, (swap,)))
        return self._record(self._in_place(label, claim_id, claim, claim, (swap,)))

    def remove_card(self, label: str, claim_id: str, point_id: str, card_id: str) -> Change:
        """Take a card from a point. The library keeps it while other points read it; read
        nowhere else, it goes too (undo brings both back)."""
        claim = self.workbook.claims[claim_id]
        cards = [cid for cid in claim.points[point_id].cards if cid != card_id]
        after = with_cards(claim, point_id, cards)
        others = [p for p in where_used(self.workbook, card_id) if p != (claim_id, point_id)]
        swaps: tuple[CardSwap, ...] = ()
        if not others and card_id in self.workbook.cards:
            index = list(self.workbook.cards).index(card_id)
            swaps = (CardSwap(card_id, self.workbook.cards[card_id], None, index),)
        return self._record(self._in_place(label, claim_id, claim, after, swaps))

    def delete_card(self, label: str, card_id: str, force: bool = False) -> Change:
        """Delete a library card. One that points read is refused (`CardInUse` says where)
        unless forced; forced, every point stops reading it, in the same step."""
        places = where_used(self.workbook, card_id)
        if places and not force:
            raise CardInUse(card_id, places)
        index = list(self.workbook.cards).index(card_id)
        swap = CardSwap(card_id, self.workbook.cards[card_id], None, index)
        changed: dict[str, Claim] = {}
        for claim_id, point_id in places:
            claim = changed.get(claim_id, self.workbook.claims[claim_id])
            kept = [cid for cid in claim.points[point_id].cards if cid != card_id]
            changed[claim_id] = with_cards(claim, point_id, kept)
        also = tuple((cid, self.workbook.claims[cid], c) for cid, c in changed.items())
        return self._record(Change(label, "", None, None, -1, -1, (swap,), also))

    # The motion and the sides.

    def frame(self, label: str, framing: Framing, claim_id: str = "") -> Change:
        """New words for the motion and the sides' names and theses, as one step. `claim_id`
        names the claim the user is on, which the step leaves as it is."""
        problem = framing_problem(self.workbook, framing)
        if problem:
            raise EditError(problem)
        frames = (framing_of(self.workbook), framing)
        claim = self.workbook.claims.get(claim_id)
        if claim is None:
            return self._record(Change(label, "", None, None, -1, -1, framing=frames))
        return self._record(replace(self._in_place(label, claim_id, claim, claim), framing=frames))

    # The essay.

    def essay_step(
        self,
        label: str,
        after: EssayState,
        also: tuple[tuple[str, Claim, Claim], ...] = (),
        claims_follow: bool = False,
    ) -> Change:
        """The essay's fields (and its text, when `after` holds one) as `after`, with the
        claims `also` changed in the same step; refused when the file could not hold the
        result. `claims_follow`: the claims are restored after this step, in its numbering,
        and the caller checks the whole once they are (as restoring a journal does)."""
        essay = self.workbook.essay
        if essay is None:
            raise EditError("essay: a workbook with no essay has none to change")
        if after.text is not None and self.paragraphs is None:
            raise EditError(f"essay.file: {essay.file or '(none)'} is not at hand to change")
        self._check_essay(after.on(essay), also, claims_follow)
        text = self.paragraphs if after.text is not None else None
        states = (essay_state(essay, text), after)
        return self._record(Change(label, "", None, None, -1, -1, also=also, essay=states))

    def _check_essay(
        self, essay: Essay, also: tuple[tuple[str, Claim, Claim], ...], claims_follow: bool
    ) -> None:
        """The essay as its file would hold it, with the claims as the step leaves them: each
        field as the model reads it back, and the rules that span them (the headings and the
        claims within its paragraphs); with `claims_follow`, only the claims of `also`."""
        try:
            Essay.model_validate(essay.model_dump())
        except ValidationError as error:
            problem = error.errors(include_url=False)[0]
            field = ".".join(str(part) for part in problem["loc"])
            raise EditError(f"essay.{field}: {problem['msg']}") from None
        changed = {cid: after for cid, _, after in also}
        claims = changed if claims_follow else {**self.workbook.claims, **changed}
        probe = self.workbook.model_construct(
            **{**dict(self.workbook), "essay": essay, "claims": claims}
        )
        problems = reference_problems(probe)
        if problems:
            path, reason = problems[0]
            raise EditError(f"{path}: {reason}")

    def drop_paragraph(self, label: str, number: int) -> Change:
        """Paragraph `number` out of the essay's text, everything after it renumbered, as one
        step; refused, saying what holds it, when a claim or a card stands in it."""
        try:
            dropped = drop_paragraph(self.workbook, self.paragraphs or [], number)
        except DropRefused as refused:
            raise EditError(str(refused)) from None
        return self.essay_step(label, dropped.state, dropped.claims)

    def _set_essay(self, state: EssayState) -> None:
        # A new Essay each time: a save's snapshot keeps the one it was taken with.
        if self.workbook.essay is not None:
            self.workbook.essay = state.on(self.workbook.essay)
        if state.text is not None and self.paragraphs is not None:
            self.paragraphs[:] = state.text

    def _frame(self, framing: Framing) -> None:
        # A new dict each time: a save's snapshot keeps the sides it was taken with.
        self.workbook.motion, self.workbook.sides = framing.motion, dict(framing.sides)
        self.workbook.debate_format = framing.debate_format

    def _in_place(
        self,
        label: str,
        claim_id: str,
        before: Claim,
        after: Claim,
        cards: tuple[CardSwap, ...] = (),
    ) -> Change:
        index = list(self.workbook.claims).index(claim_id)
        return Change(label, claim_id, before, after, index, index, cards)

    # Undo and redo.

    def _record(self, change: Change) -> Change:
        self._forward(change)
        self._done.append(change)
        self._undone.clear()
        return change

    def undo(self) -> Change | None:
        if not self._done:
            return None
        change = self._done.pop()
        for swap in reversed(change.cards):
            if swap.after is None:  # a card the step deleted goes back first
                self._swap_card(swap.card_id, swap.before, swap.before_index)
        if change.renamed:
            self._swap(change.claim_id, None, -1)
            self._swap(change.renamed, change.before, change.before_index, moves=True)
        elif change.claim_id:
            self._swap(change.claim_id, change.before, change.before_index, change.moves)
        for claim_id, before, _ in change.also:
            self._swap(claim_id, before, -1)
        for swap in reversed(change.cards):
            if swap.after is not None:
                self._swap_card(swap.card_id, swap.before, swap.before_index)
        if change.framing is not None:
            self._frame(change.framing[0])
        if change.essay is not None:
            self._set_essay(change.essay[0])
        self._undone.append(change)
        return change

    def redo(self) -> Change | None:
        if not self._undone:
            return None
        change = self._undone.pop()
        self._forward(change)
        self._done.append(change)
        return change

    def _forward(self, change: Change) -> None:
        for swap in change.cards:
            if swap.after is not None:  # a new card is there before a point reads it
                self._swap_card(swap.card_id, swap.after, -1)
        if change.renamed:
            self._swap(change.renamed, None, -1)
        if change.claim_id:
            moves = change.moves or bool(change.renamed)
            self._swap(change.claim_id, change.after, change.index, moves)
        for claim_id, _, after in change.also:
            self._swap(claim_id, after, -1)
        for swap in change.cards:
            if swap.after is None:
                self._swap_card(swap.card_id, None, -1)
        if change.framing is not None:
            self._frame(change.framing[1])
        if change.essay is not None:
            self._set_essay(change.essay[1])

    def _check(self, claim_id: str, claim: Claim, new_cards: dict[str, Card] | None = None) -> None:
        cards = {**self.workbook.cards, **new_cards} if new_cards else self.workbook.cards
        probe = self.workbook.model_construct(
            **{**dict(self.workbook), "cards": cards, "claims": {claim_id: claim}}
        )
        problems = reference_problems(probe)
        if problems:
            path, reason = problems[0]
            raise EditError(f"{path}: {reason}")

    def _swap_card(self, card_id: str, card: Card | None, index: int) -> None:
        self.touched_cards.add(card_id)
        cards = self.workbook.cards
        if card is None:
            cards.pop(card_id, None)
        elif card_id in cards:
            cards[card_id] = card
        else:
            items = list(cards.items())
            items.insert(index if index >= 0 else len(items), (card_id, card))
            self.workbook.cards = dict(items)

    def _swap(self, claim_id: str, claim: Claim | None, index: int, moves: bool = False) -> None:
        self.touched.add(claim_id)
        claims = self.workbook.claims
        if claim is None:
            claims.pop(claim_id, None)
        elif claim_id in claims and not moves:
            claims[claim_id] = claim  # in place: the common edit stays cheap in a long list
        else:
            items = [(cid, c) for cid, c in claims.items() if cid != claim_id]
            items.insert(index, (claim_id, claim))
            self.workbook.claims = dict(items)
