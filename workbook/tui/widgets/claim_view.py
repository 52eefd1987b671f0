"""The selected claim: its tag, its quote, where it stands, and on demand its whole paragraph."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from workbook.essay.paragraphs import find_quote
from workbook.tui.widgets.render import claim_text, quote_in_paragraph

if TYPE_CHECKING:
    from workbook.tui.glance import ClaimHead


class ClaimView(Static):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.show_paragraph = False

    def show(self, head: ClaimHead, paragraphs: list[str] | None) -> None:
        self.update(claim_text(head, self._quote(head, paragraphs)))

    def show_message(self, message: str) -> None:
        self.update(Text(message, "dim"))

    def _quote(self, head: ClaimHead, paragraphs: list[str] | None) -> Text | None:
        if not self.show_paragraph:
            return None
        if paragraphs is None or head.paragraph is None or head.paragraph > len(paragraphs):
            return Text("The essay's text is not beside this workbook.", style="red")
        paragraph = paragraphs[head.paragraph - 1]
        return quote_in_paragraph(paragraph, find_quote(head.quote, paragraph))
