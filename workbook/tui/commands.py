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


# Every action, for the command palette: (title, help, action on the main screen).
PALETTE = [
    ("Add point", "Add a point for the side in focus (a)", "add_point"),
    ("Answer point", "Answer the highlighted point from the other side (r)", "answer"),
    ("Add card", "Add an evidence card to the highlighted point (c)", "add_card"),
    ("Edit", "Edit the highlighted point or card (e, enter)", "edit"),
    ("Delete", "Delete the highlighted point or card (x)", "delete"),
    ("Move point up", "Move the highlighted point up its column ([)", "move(-1)"),
    ("Move point down", "Move the highlighted point down its column (])", "move(1)"),
    ("Edit claim", "Edit the claim's tag, tags and notes (t)", "edit_claim"),
    ("New claim", "Add a claim from the essay (n)", "new_claim"),
    ("Show paragraph", "Show or hide the claim's whole paragraph (p)", "toggle_paragraph"),
    ("Filter claims", "Narrow the list by words and #tags (/)", "filter"),
    ("Filter unanswered", "Cycle: claims a side has not answered (u)", "cycle_unanswered"),
    ("Swap ours", "Prepare the other side: its column comes first (o)", "swap_ours"),
    ("Export brief", "Write the two-column brief as Markdown, ours first (ctrl+e)", "app.export"),
    ("Undo", "Undo the last change (ctrl+z)", "undo"),
    ("Redo", "Redo what was undone (ctrl+y)", "redo"),
]
