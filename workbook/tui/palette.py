"""The command palette: "go to claim" by fuzzy search, and a command for every key."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

if TYPE_CHECKING:
    from workbook.tui.screens.prep.screen import PrepScreen


class GoToClaim(Provider):
    def _prep(self) -> PrepScreen | None:
        from workbook.tui.screens.prep.screen import PrepScreen

        screen = self.screen
        return screen if isinstance(screen, PrepScreen) else None

    def _targets(self) -> list[tuple[str, str, str]]:
        prep = self._prep()
        if prep is None:
            return []
        from workbook.tui.glance import claim_name, shown_section

        workbook = prep.workbook
        return [
            (
                claim_id,
                f"Go to claim: {claim.tag or claim_name(workbook, claim_id, longest=80)}",
                shown_section(workbook, claim)
                + (f" ¶{claim.paragraph}" if claim.paragraph is not None else ""),
            )
            for claim_id, claim in workbook.claims.items()
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


def binding_commands(
    screen: Screen[Any], key_display: Callable[[Binding], str]
) -> list[SystemCommand]:
    """A palette command for each key that works on `screen` now, named by its binding's
    tooltip (or description), with its key in the help line."""
    commands: list[SystemCommand] = []
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding, node = active.binding, active.node
        if not active.enabled or not binding.tooltip or binding.action in seen:
            continue
        seen.add(binding.action)

        async def run(node: Any = node, action: str = binding.action) -> None:
            await node.run_action(action)

        help_text = f"{binding.description} ({key_display(binding)})"
        commands.append(SystemCommand(binding.tooltip, help_text, run))
    return commands
