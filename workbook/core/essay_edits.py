"""The essay's own edits, as values the draft swaps in: a suggested sentence dismissed or
taken back, and a paragraph dropped from the essay's text (a publisher's note, a newsletter
line) with every number that counts paragraphs moved to match.

A dropped paragraph changes two files, the essay's text and the workbook: the state here holds
both, the text and the fields that count it, so that one step undoes both and a save writes
both (see session/session.py's SaveJob for the order that keeps them consistent).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbook.core.marks import plain
from workbook.core.model import ESSAY, Claim, Essay, Workbook


class DropRefused(ValueError):
    """A paragraph that cannot be dropped: the message says what holds it."""


@dataclass(frozen=True)
class EssayState:
    """What the essay's edits change: the paragraph count, the headings, the dismissed
    sentences, and the text itself (None where a step leaves the text as it is)."""

    paragraphs: int
    headings: tuple[int, ...]
    dismissed: tuple[str, ...]
    text: tuple[str, ...] | None = None

    def on(self, essay: Essay) -> Essay:
        """`essay` with this state's fields (its name, title and cite as they are)."""
        return essay.model_copy(
            update={
                "paragraphs": self.paragraphs,
                "headings": list(self.headings),
                "dismissed": list(self.dismissed),
            }
        )


def essay_state(essay: Essay, text: Sequence[str] | None = None) -> EssayState:
    """The state of `essay`, with its text when given."""
    whole = tuple(text) if text is not None else None
    return EssayState(essay.paragraphs, tuple(essay.headings), tuple(essay.dismissed), whole)


def with_dismissed(essay: Essay, sentence: str, dismissed: bool = True) -> EssayState:
    """The essay's state with `sentence` (as `essay.suggested.dismissal` keeps it) dismissed,
    or taken back."""
    kept = [quote for quote in essay.dismissed if quote != sentence]
    if dismissed:
        kept.append(sentence)
    return essay_state(essay.model_copy(update={"dismissed": kept}))


@dataclass(frozen=True)
class Dropped:
    """A paragraph dropped: the essay's state after, and each claim renumbered (id, before,
    after)."""

    state: EssayState
    claims: tuple[tuple[str, Claim, Claim], ...]


def drop_paragraph(workbook: Workbook, text: Sequence[str], number: int) -> Dropped:
    """Paragraph `number` (from 1) taken out of the essay whose text is `text`: the headings
    and the claims after it moved up one. Refused (`DropRefused`) when a claim quotes it, when
    a card cut from the essay holds its words, or when it is the essay's only paragraph."""
    essay = workbook.essay
    if essay is None:
        raise DropRefused(f"{ESSAY}: this workbook has no essay to drop a paragraph from")
    if not 1 <= number <= len(text):
        raise DropRefused(f"{ESSAY}: the essay has {len(text)} paragraphs, not {number}")
    if len(text) == 1:
        raise DropRefused(f"{ESSAY}: ¶{number} is the essay's only paragraph")
    holder = next((cid for cid, c in workbook.claims.items() if c.paragraph == number), None)
    if holder is not None:
        raise DropRefused(
            f"claims.{holder}: the claim quotes ¶{number}; delete it, or quote another "
            "paragraph, before dropping it"
        )
    words = text[number - 1].strip()
    for card_id, card in workbook.cards.items():
        if card.source == ESSAY and words and words in plain(card.text):
            raise DropRefused(f"cards.{card_id}: is cut from ¶{number}; it would lose its words")
    moved = tuple(
        (cid, claim, claim.model_copy(update={"paragraph": claim.paragraph - 1}))
        for cid, claim in workbook.claims.items()
        if claim.paragraph is not None and claim.paragraph > number
    )
    headings = tuple(h - (h > number) for h in essay.headings if h != number)
    after = (*text[: number - 1], *text[number:])
    return Dropped(EssayState(len(after), headings, tuple(essay.dismissed), after), moved)
