"""Cites as debaters read them: the short cite's date by Verbatim's rule, with today fixed."""

from __future__ import annotations

import datetime as dt

import pytest

from workbook.core.cites import date_read_aloud, short_cite, split_authors
from workbook.core.model import Card
from workbook.importing.sources import source_id_for

TODAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("date", "read"),
    [
        ("2021-03-04", "Smith 21"),  # an earlier year: its two digits
        ("2021", "Smith 21"),
        ("1999-12-31", "Smith 99"),
        ("2026-03-04", "Smith 3/4"),  # this year: month/day
        ("2026-12-07", "Smith 12/7"),
        ("2026-03", "Smith 26"),  # this year, no day: the year
        ("2026", "Smith 26"),
        ("2027-01-02", "Smith 27"),  # a later year (a typo, or a clock behind): its digits
        ("", "Smith"),
    ],
)
def test_a_short_cite_reads_the_date_as_debaters_do(date: str, read: str) -> None:
    assert short_cite(Card(author="Ann Smith", date=date), TODAY) == read


def test_this_year_is_the_year_of_the_day_given() -> None:
    card = Card(publication="UPI", date="2026-12-31")
    assert short_cite(card, dt.date(2026, 12, 31)) == "UPI 12/31"
    assert short_cite(card, dt.date(2027, 1, 1)) == "UPI 26"
    assert date_read_aloud("2026-01-05", dt.date(2026, 6, 1)) == "1/5"


def test_the_short_cite_is_read_on_the_day_it_is_by_default() -> None:
    """The card's own `cite`, which every view shows, reads today's date: a card cut today
    reads month/day, one of a year ago its year."""
    before = dt.date.today()
    card = Card(author="Ann Smith", date=before.isoformat())
    cite = card.cite
    if dt.date.today() == before:  # not across midnight
        assert cite == f"Smith {before.month}/{before.day}"
    year_ago = Card(author="Ann Smith", date=f"{before.year - 1}-06-01")
    assert year_ago.cite == f"Smith {(before.year - 1) % 100:02d}"


@pytest.mark.parametrize(
    "line",
    ["Jane Doe & John Roe", "Jane Doe&John Roe", "Jane Doe AND John Roe", "Jane Doe; John Roe"],
)
def test_one_reading_of_an_author_line_for_the_short_cite_and_the_source(line: str) -> None:
    """The short cite and a source's id read the same first author from any author line."""
    assert split_authors(line) == ["Jane Doe", "John Roe"]
    assert short_cite(Card(author=line, date="2021")) == "Doe et al. 21"


@pytest.mark.parametrize("author", ["\x0c", "\t", " \u2003 ", "Jane Doe; \x0b; \u2003,"])
def test_an_author_line_of_spaces_names_no_one(author: str) -> None:
    """Whitespace of any kind is no name: the short cite falls back to the publication, and a
    name of spaces after a separator is no second author."""
    names = split_authors(author)
    assert all(name.strip() for name in names)
    expected = "Doe 21" if "Doe" in author else "The Review 21"
    assert short_cite(Card(author=author, publication="The Review", date="2021")) == expected


@pytest.mark.parametrize("line", ["\x0c", "\u3000", "Jane Doe;\x0b", " ,\x1f\u2028, "])
def test_an_author_line_of_white_space_names_no_one(line: str) -> None:
    """A name of any white space, not only spaces, is no name: the short cite and a source's
    id fell over looking for its last word."""
    names = split_authors(line)
    assert all(name.split() for name in names)
    assert short_cite(Card(author=line, title="T", date="2021")) in ("T 21", "Doe 21")
    assert source_id_for({"author": line, "title": "A title"}, "file", []) in ("a-title", "doe")


@pytest.mark.parametrize("author", ["\x0c", "\t", " \u2028 ", "Jane\tDoe\x0c", ",\x1f,"])
def test_an_author_line_of_spaces_of_any_kind_has_no_name(author: str) -> None:
    """Spaces other than " " (a form feed, a tab, a line separator pasted in) are no name: the
    short cite reads the publication, or the surname the other words give."""
    names = split_authors(author)
    assert all(name.split() == name.split(" ") for name in names)
    cite = short_cite(Card(author=author, publication="The Review", date="2021"))
    assert cite == ("Doe 21" if "Doe" in author else "The Review 21")
