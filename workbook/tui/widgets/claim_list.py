"""The list of claims, grouped by the essay's sections, with a readiness mark per side."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.widgets.option_list import Option

from workbook.tui.widgets.render import claim_prompt
from workbook.tui.widgets.textual_private import WidthMeasuredOptionList

if TYPE_CHECKING:
    from workbook.tui.glance import ClaimLine


class ClaimList(WidthMeasuredOptionList):
    """One option per claim (no widget per claim), with disabled options as section headings."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.shown: list[str] = []

    def show(self, lines: Sequence[ClaimLine], prefer: str | None = None) -> None:
        """List these claims, highlighting `prefer` where it is listed, else keeping the
        highlighted one where possible."""
        current = prefer or self.current
        options: list[Option] = []
        self.shown = []
        section = None
        for line in lines:
            if line.section != section:
                section = line.section
                options.append(Option(Text(section, style="bold"), disabled=True))
            options.append(Option(claim_prompt(line), id=line.claim_id))
            self.shown.append(line.claim_id)
        self.set_options(options)
        self.select(current if current in self.shown else (self.shown[0] if self.shown else None))

    def refresh_claim(self, line: ClaimLine) -> None:
        if line.claim_id not in self.shown:
            return
        old = self.get_option(line.claim_id).prompt
        new = claim_prompt(line)
        if isinstance(old, Content) and old.plain[2:] == new.plain[2:]:
            # Only the marks changed, which keeps every line's height.
            self.restyle_option(line.claim_id, new)
        else:
            self.replace_option_prompt(line.claim_id, new)

    @property
    def current(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def select(self, claim_id: str | None) -> None:
        if claim_id is None or claim_id not in self.shown:
            self.highlighted = None
            return
        self.highlighted = self.get_option_index(claim_id)
