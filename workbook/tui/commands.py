"""The command palette's "go to claim": fuzzy search over the claims' tags and ids."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .prep_screen import PrepScreen


class GoToClaim(Provider):
    def _prep(self) -> PrepScreen | None:
        from .prep_screen import PrepScreen

        screen = self.screen
        return screen if isinstance(screen, PrepScreen) else None

    def _targets(self) -> list[tuple[str, str, str]]:
        prep = self._prep()
        if prep is None:
            return []
        return [
            (
                claim_id,
                f"Go to claim: {claim.tag or claim_id}",
                f"{claim.section} ¶{claim.paragraph}",
            )
            for claim_id, claim in prep.workbook.claims.items()
        ]

    async def search(self, query: str) -> Hits:
        prep = self._prep()
        if prep is None:
            return
        matcher = self.matcher(query)
        for claim_id, title, help_text in self._targets():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), partial(prep.go_to, claim_id), help=help_text
                )

    async def discover(self) -> Hits:
        prep = self._prep()
        if prep is None:
            return
        for claim_id, title, help_text in self._targets()[:200]:
            yield DiscoveryHit(title, partial(prep.go_to, claim_id), help=help_text)
