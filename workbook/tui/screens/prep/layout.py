"""The main screen's layout and its captions, shared by the main screen and the first look
that stands in for it while a file opens, so that the two look the same."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Header, Static

from workbook.tui.widgets.claim_list import ClaimList
from workbook.tui.widgets.claim_view import ClaimView
from workbook.tui.widgets.filter_input import FilterInput
from workbook.tui.widgets.key_bar import KeyBar
from workbook.tui.widgets.side_column import SideColumn


def prep_layout(sides: Sequence[str]) -> ComposeResult:
    """The claims on the left; the claim in view and one column per side on the right."""
    yield Header()
    with Horizontal(id="body"):
        with Vertical(id="left"):
            yield FilterInput(placeholder="Filter: words, #tag (escape clears)", id="filter")
            yield ClaimList(id="claims")
        with Vertical(id="right"):
            yield ClaimView(id="claim")
            with Horizontal(id="columns"):
                yield SideColumn(sides[0], id="col-0")
                yield SideColumn(sides[1], id="col-1")
    yield Static(id="coverage", markup=False)
    yield KeyBar()


def title_claims(
    claims: ClaimList, names: dict[str, str], total: int, unanswered_by: str | None = None
) -> None:
    """How many claims are listed (of how many, and which, when narrowed to those a side has
    not answered), and what the marks mean (one per side, ours first)."""
    marks = " ".join(name[:1] for name in names.values())
    title = f"Claims {len(claims.shown)}/{total}"
    # A side's name is the user's words, never markup.
    claims.border_title = Content(
        f"{title} · not answered by {unanswered_by}" if unanswered_by else title
    )
    claims.border_subtitle = f"{marks}: ● ready ◐ started · none"


def mark_ours(columns: Sequence[SideColumn]) -> None:
    for index, column in enumerate(columns):
        column.border_subtitle = "ours" if index == 0 else ""


def show_coverage(widget: Static, lines: Sequence[tuple[str, str]]) -> None:
    """Each side's name and what it lacks, a line each."""
    text = Text("\n").join(Text.assemble((name, "bold"), f": {summary}") for name, summary in lines)
    widget.update(text)
