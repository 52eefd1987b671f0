"""Cutting a card from a source, and its standing against the source's stored text."""

from __future__ import annotations

from typing import Any

import pytest

from workbook.core.cutting import CutError, cut_card, page_span, paragraph_range
from workbook.core.model import Card, Workbook
from workbook.core.proving import paragraphs_found, standing

PARAGRAPHS = ["One paragraph.", "Two of them.", "And a third."]


@pytest.fixture
def workbook(data: dict[str, Any]) -> Workbook:
    data["sources"] = {
        "nyt": {"file": "w.nyt.txt", "paragraphs": 3, "author": "Ann Lee", "pages": [1, 1, 2]}
    }
    return Workbook.model_validate(data)


def test_a_cut_is_whole_paragraphs_with_the_sources_cite(workbook: Workbook) -> None:
    card = cut_card(workbook, "nyt", PARAGRAPHS, 2, 3, tag="A tag", cutter="AL")
    assert card.text == "Two of them.\n\nAnd a third."
    assert (card.author, card.pages, card.source, card.cutter) == ("Ann Lee", "1-2", "nyt", "AL")
    assert standing(card, PARAGRAPHS) == "proven"


def test_a_cut_from_the_essay_takes_the_essays_cite(workbook: Workbook) -> None:
    card = cut_card(workbook, "essay", PARAGRAPHS, 1, 1)
    assert (card.title, card.source) == (workbook.essay.title, "essay")


@pytest.mark.parametrize(
    ("typed", "said"),
    [("0", "no more than B"), ("3-2", "no more than B"), ("4", "has 3 paragraphs"), ("x", "A")],
)
def test_a_range_that_is_not_there_is_refused(typed: str, said: str) -> None:
    with pytest.raises(CutError, match=said):
        paragraph_range(typed, 3)


def test_pages_of_a_run_of_paragraphs() -> None:
    assert (page_span([4, 4, 5], 1, 2), page_span([4, 4, 5], 2, 3), page_span([], 1, 1)) == (
        "4",
        "4-5",
        "",
    )


def test_a_drifted_or_typed_card_is_told_apart() -> None:
    edited = Card(source="nyt", text="Two of ==them==!")
    assert standing(Card(source="nyt", text="Two of ==them==."), PARAGRAPHS) == "proven"
    assert standing(edited, PARAGRAPHS) == "drifted"
    assert standing(Card(text="Typed."), PARAGRAPHS) == "typed"
    assert standing(edited, None) == "unread"
    assert paragraphs_found("One paragraph.\n\nAnd a third.", PARAGRAPHS) is None


def test_a_cut_outside_the_source_is_refused_in_one_line(workbook: Workbook) -> None:
    for first, last in ((0, 1), (2, 1), (3, 4)):
        with pytest.raises(CutError, match="the source has 3, numbered from 1"):
            cut_card(workbook, "nyt", PARAGRAPHS, first, last)
