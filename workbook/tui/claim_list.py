"""The list of claims, grouped by the essay's sections, with a readiness mark per side."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.widgets.option_list import Option

from ..filters import ClaimFilter
from ..model import Workbook
from .render import claim_prompt
from .textual_private import WidthMeasuredOptionList


class ClaimList(WidthMeasuredOptionList):
    """One option per claim (no widget per claim), with disabled options as section headings."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.sides: list[str] = []
        self.shown: list[str] = []

    def show(self, workbook: Workbook, sides: list[str], claim_filter: ClaimFilter) -> None:
        """List the claims that pass the filter, keeping the highlighted one where possible."""
        current = self.current
        self.sides = sides
        options: list[Option] = []
        self.shown = []
        section = None
        for claim_id, claim in workbook.claims.items():
            if claim_filter.active and not claim_filter.matches(claim_id, claim):
                continue
            if claim.section != section:
                section = claim.section
                options.append(Option(Text(section or "(no section)", style="bold"), disabled=True))
            prompt = claim_prompt(claim_id, claim, sides, workbook.cards)
            options.append(Option(prompt, id=claim_id))
            self.shown.append(claim_id)
        self.set_options(options)
        self.select(current if current in self.shown else (self.shown[0] if self.shown else None))

    def refresh_claim(self, workbook: Workbook, claim_id: str) -> None:
        if claim_id not in self.shown:
            return
        option = self.get_option(claim_id)
        old = option.prompt
        new = claim_prompt(claim_id, workbook.claims[claim_id], self.sides, workbook.cards)
        if isinstance(old, Content) and old.plain[2:] == new.plain[2:]:
            # Only the marks changed, which keeps every line's height.
            self.restyle_option(claim_id, new)
        else:
            self.replace_option_prompt(claim_id, new)

    @property
    def current(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def select(self, claim_id: str | None) -> None:
        if claim_id is None or claim_id not in self.shown:
            self.highlighted = None
            return
        self.highlighted = self.get_option_index(claim_id)
