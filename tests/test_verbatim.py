"""A card's cite line as Word files in Verbatim's structure write it."""

from __future__ import annotations

from workbook.core.model import Card
from workbook.core.verbatim import NO_DATE, cite_line


def test_a_dated_card_cites_its_date_and_its_cutter() -> None:
    card = Card(
        author="Jane Smith",
        qualifications="professor of history",
        date="2021-03-04",
        title="A Title",
        publication="The Review",
        url="https://example.org/a",
        accessed="2026-12-07",
        cutter="AB",
    )
    short, rest = cite_line(card)
    assert short == "Smith 21"
    assert rest == (
        " [Jane Smith, professor of history, 2021-03-04, “A Title”, The Review,"
        " https://example.org/a, accessed 2026-12-07] //AB"
    )


def test_an_undated_card_says_no_date_where_its_date_would_stand() -> None:
    card = Card(author="Jane Smith", title="A Title", publication="The Review")
    short, rest = cite_line(card)
    assert short == "Smith ND"
    assert rest == f" [Jane Smith, {NO_DATE}, “A Title”, The Review]"


def test_a_card_with_nothing_but_a_publication_still_says_no_date() -> None:
    short, rest = cite_line(Card(publication="The Review"))
    assert (short, rest) == ("The Review ND", f" [{NO_DATE}, The Review]")


def test_a_card_cut_from_a_pdf_cites_its_pages() -> None:
    card = Card(author="Jane Smith", date="2021", publication="The Review", pages="12-13")
    assert cite_line(card)[1] == " [Jane Smith, 2021, The Review, pp. 12-13]"
    assert cite_line(card.model_copy(update={"pages": "12"}))[1].endswith("The Review, p. 12]")
