"""Narrowing the list of claims: by words, by tag, and to what one side has not answered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbook.core.coverage import unanswered

if TYPE_CHECKING:
    from workbook.core.model import Claim


def needs_answer(claim: Claim, side: str) -> bool:
    """True when `side` has no point on the claim yet or leaves a point of the other side open."""
    has_point = any(p.side == side for p in claim.points.values())
    return not has_point or bool(unanswered(claim, side))


@dataclass(frozen=True)
class ClaimFilter:
    """Words must all appear in the claim's text; `#tag` terms must all be among its tags."""

    words: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    unanswered_by: str = ""

    @classmethod
    def parse(cls, text: str, unanswered_by: str = "") -> ClaimFilter:
        terms = text.lower().split()
        return cls(
            words=tuple(t for t in terms if not t.startswith("#")),
            tags=tuple(t[1:] for t in terms if t.startswith("#") and len(t) > 1),
            unanswered_by=unanswered_by,
        )

    @property
    def active(self) -> bool:
        return bool(self.words or self.tags or self.unanswered_by)

    def matches(self, claim_id: str, claim: Claim) -> bool:
        if self.unanswered_by and not needs_answer(claim, self.unanswered_by):
            return False
        if self.tags and not {t.lower() for t in claim.tags} >= set(self.tags):
            return False
        if self.words:
            haystack = " ".join(
                [claim_id, claim.tag, claim.quote, claim.section, claim.notes, *claim.tags]
                + [p.text for p in claim.points.values()]
            ).lower()
            return all(word in haystack for word in self.words)
        return True
