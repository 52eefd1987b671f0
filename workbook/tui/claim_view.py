"""The selected claim: its tag, its quote, where it stands, and on demand its whole paragraph."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..essay import find_quote
from ..model import Claim, Workbook
from .render import clip, quote_in_paragraph


class ClaimView(Static):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.show_paragraph = False

    def show(self, workbook: Workbook, claim_id: str | None, paragraphs: list[str] | None) -> None:
        if claim_id is None:
            if workbook.claims:
                message = "No claim matches the filter: / then escape clears it."
            else:
                message = "No claims yet: v opens the essay, where c makes a sentence a claim."
            self.update(Text(message, "dim"))
            return
        claim = workbook.claims[claim_id]
        text = Text()
        text.append(clip(claim.tag, 300) or "(no tag)", style="bold")
        text.append("\n")
        where = [claim.section or "(no section)", f"¶{claim.paragraph}"]
        where.append(f"made by {workbook.sides[claim.side].name}")
        if claim.tags:
            where.append(" ".join(f"#{t}" for t in claim.tags))
        text.append(" · ".join(where), style="dim")
        text.append("\n")
        text.append(self._quote(claim, paragraphs))
        if claim.notes:
            text.append("\nNotes: ", style="bold")
            text.append(clip(claim.notes))
        self.update(text)

    def _quote(self, claim: Claim, paragraphs: list[str] | None) -> Text:
        if not self.show_paragraph:
            return Text(f"“{clip(claim.quote)}”", style="italic")
        if paragraphs is None or claim.paragraph > len(paragraphs):
            return Text("The essay's text is not beside this workbook.", style="red")
        paragraph = paragraphs[claim.paragraph - 1]
        return quote_in_paragraph(paragraph, find_quote(claim.quote, paragraph))
