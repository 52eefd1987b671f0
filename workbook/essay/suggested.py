"""The suggested claims of a workbook: the one list `workbook suggest` prints and the essay
view marks with ○, ranked, each sentence already a claim said so, the dismissed left out.

The rule is one, so the two never differ: the `top` best-ranked sentences that the workbook has
not dismissed (`[essay] dismissed`), best first, ranked from 1. A sentence already made a claim
stays in the list, where it ranks, with the claim's id: the command line lists it, the essay
view shows it as the claim it is (●), and `s` passes it by. A dismissed sentence gives its
place to the next one; asked for (`dismissed_too`), the dismissed are listed as well, unranked.

A dismissal is kept as the sentence's words, spacing aside: the words stay the same when
paragraphs are dropped or inserted around them, where a paragraph's number would not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbook.core.model import Essay, Workbook
from workbook.essay.picking import Placed, placed_claims
from workbook.essay.suggest import Suggestion, suggest

# How many suggestions the list holds unless asked for another number.
TOP = 10


@dataclass(frozen=True)
class Listed:
    """One suggestion of the list: its rank (from 1; 0 for a dismissed one), the claim already
    made of its sentence ("" when none), and whether the workbook dismissed it."""

    suggestion: Suggestion
    rank: int
    claim_id: str = ""
    dismissed: bool = False

    @property
    def open(self) -> bool:
        """Neither a claim yet nor dismissed: one the essay view's `s` goes to."""
        return not self.claim_id and not self.dismissed


def dismissal(quote: str) -> str:
    """A sentence's words as a dismissal keeps them: its spacing made single spaces."""
    return " ".join(quote.split())


def listed(
    ranked: Iterable[Suggestion],
    placed: dict[int, list[Placed]],
    dismissed: Iterable[str] = (),
    top: int = TOP,
    dismissed_too: bool = False,
) -> list[Listed]:
    """The list from the sentences `ranked` best first, the claims `placed` in the essay and
    the workbook's `dismissed` sentences (see the module's docstring)."""
    if top < 0:
        raise ValueError(f"top must be at least 0 (got {top})")
    gone = {dismissal(quote) for quote in dismissed}
    found: list[Listed] = []
    rank = 0
    for suggestion in ranked:
        if dismissal(suggestion.quote) in gone:
            if dismissed_too:
                found.append(Listed(suggestion, 0, dismissed=True))
            continue
        if rank == top:
            if dismissed_too:
                continue  # the dismissed that rank lower are still listed
            break
        rank += 1
        found.append(Listed(suggestion, rank, _claim_of(suggestion, placed)))
    return found


def _claim_of(suggestion: Suggestion, placed: dict[int, list[Placed]]) -> str:
    """The first claim whose quote shares words with the sentence, or ""."""
    for claim in placed.get(suggestion.paragraph, []):
        if claim.start < suggestion.end and claim.end > suggestion.start:
            return claim.claim_id
    return ""


def suggestions_for(
    workbook: Workbook,
    paragraphs: Sequence[str],
    top: int = TOP,
    dismissed_too: bool = False,
) -> list[Listed]:
    """The list for `workbook`, whose essay's text is `paragraphs`."""
    essay = workbook.essay
    if essay is None:
        return []
    placed = placed_claims(workbook, list(paragraphs))
    return listed(ranked_in(essay, paragraphs), placed, essay.dismissed, top, dismissed_too)


def ranked_in(essay: Essay, paragraphs: Sequence[str]) -> list[Suggestion]:
    """Every candidate sentence of the essay, best first: the ranking `listed` cuts, which the
    essay view makes off its thread (the slow part) and lists again as claims are made."""
    return suggest(list(paragraphs), essay.headings, essay.title)


def next_open(found: Sequence[Listed], after: int) -> Listed | None:
    """The best-ranked suggestion neither a claim nor dismissed that ranks below `after` (a
    rank; 0: from the best), or, when none does, the best of them all; None when none is
    open. The essay view's `s` goes so, in rank order, not the essay's."""
    open_ones = [item for item in found if item.open]
    return next((item for item in open_ones if item.rank > after), None) or next(
        iter(open_ones), None
    )
