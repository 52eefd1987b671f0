"""A saved page's cite, read from what the page says of itself in the order the tools of the
trade read it, cleaned of what pages add to it, each field with where it came from, and no
field made up."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from tests.strategies import text
from tests.timing import LINEAR, growth
from workbook.importing.bylines import byline_names
from workbook.importing.citing import (
    authors_line,
    cite_date,
    clean_authors,
    clean_title,
    page_cite,
)
from workbook.importing.document import Document, partial_date
from workbook.importing.page_meta import page_meta
from workbook.importing.sources import read_source
from workbook.importing.webpage import read_page

PAGES = Path(__file__).parent / "pages"
TODAY = dt.date(2025, 3, 1)

# Each page as a debater would cite it, and where each field came from.
CITES: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    # A news site: JSON-LD in a @graph (an author by reference, one "By" in a name, a job
    # title), Open Graph, "Opinion | " and " - The Daily Ledger" in the titles, a handle.
    "sources/ledger": (
        {
            "title": "A congestion charge is the fairest road tax we have",
            "author": "Ada Okonkwo and Rafael Lindqvist",
            "qualifications": "Professor of Urban Planning, Northfield University",
            "date": "2025-02-11",
            "publication": "The Daily Ledger",
            "url": "https://www.dailyledger.example/opinion/2025/02/11/congestion-charge-works",
            "accessed": "2025-03-01",
        },
        {
            "title": "json-ld",
            "author": "json-ld",
            "qualifications": "json-ld",
            "date": "json-ld",
            "publication": "json-ld",
            "url": "json-ld",
            "accessed": "today",
        },
    ),
    # A journal's article page: citation_* tags, three authors written surname first, a
    # date with slashes, the first author's institution.
    "sources/journal": (
        {
            "title": "Fare-free public transport and ridership: evidence from twelve European "
            "cities",
            "author": "Marta Kowalczyk; Siobhán Brennan; Youssef Haddad",
            "qualifications": "Department of Economics, University of Gdańsk",
            "date": "2021-06-15",
            "publication": "Journal of Transport Policy",
            "url": "https://journals.example.org/jtp/article/view/2021-038",
            "accessed": "2025-03-01",
        },
        {
            "title": "highwire",
            "author": "highwire",
            "qualifications": "highwire",
            "date": "highwire",
            "publication": "highwire",
            "url": "highwire",
            "accessed": "today",
        },
    ),
    # A blog with nothing but a title and a byline in its text: the rest stays empty.
    "sources/byline": (
        {
            "title": "Why our library should open on Sundays",
            "author": "Priya Raman and Tom Okafor",
            "accessed": "2025-03-01",
        },
        {"title": "metadata", "author": "byline", "accessed": "today"},
    ),
    # An editorial with no author at all, saved with SingleFile, which notes the address and
    # the day it was saved.
    "sources/editorial": (
        {
            "title": "The river needs a plan, not a press release",
            "date": "2024-11-04",
            "publication": "Valley Observer",
            "url": "https://valleyobserver.example/editorials/2024/11/04/keep-the-river-clean",
            "accessed": "2024-11-05",
        },
        {
            "title": "open graph",
            "date": "open graph",
            "publication": "open graph",
            "url": "file",
            "accessed": "file",
        },
    ),
    # The saved pages `workbook new` reads: a plain author tag is trafilatura's reading.
    "news": (
        {
            "title": "Free buses would pay for themselves sooner than the council thinks",
            "author": "Maren Østby",
            "date": "2024-03-18",
            "publication": "The Harbour Courier",
            "url": "https://harbourcourier.example/opinion/2024/03/18/free-buses",
            "accessed": "2025-03-01",
        },
        {
            "title": "open graph",
            "author": "metadata",
            "date": "open graph",
            "publication": "open graph",
            "url": "open graph",
            "accessed": "today",
        },
    ),
}


@pytest.mark.parametrize("page", sorted(CITES))
def test_each_saved_page_gives_its_cite_and_where_each_field_came_from(page: str) -> None:
    cite = read_source(PAGES / f"{page}.html", TODAY).cite
    fields, origins = CITES[page]
    assert cite.fields == fields
    assert cite.origins == origins


def cite_of(head: str, body: str = "", document: Document | None = None) -> Any:
    html = f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"
    _, tree = read_page(html, "page.html")
    found, handles = page_meta(tree, html)
    return page_cite(document or Document([], []), found, handles)


def test_each_field_comes_from_the_first_place_that_has_it() -> None:
    head = (
        '<meta name="citation_title" content="Highwire title">'
        '<meta name="DC.title" content="Dublin Core title">'
        '<meta name="DC.creator" content="Doe, Jane">'
        '<meta name="DC.date" content="2019">'
        '<meta property="og:title" content="Open Graph title">'
    )
    cite = cite_of(head)
    assert cite.fields == {"title": "Open Graph title", "author": "Jane Doe", "date": "2019"}
    assert cite.origins == {"title": "open graph", "author": "dublin core", "date": "dublin core"}
    # trafilatura's reading comes first, and is credited to a place that says the same.
    read = Document([], [], title="Open Graph title", author="A. Writer", date="2020-01-02")
    cite = cite_of(head, document=read)
    assert cite.fields == {"title": "Open Graph title", "author": "A. Writer", "date": "2020-01-02"}
    assert cite.origins == {"title": "open graph", "author": "metadata", "date": "metadata"}


def test_a_field_no_place_gives_stays_empty() -> None:
    cite = cite_of("<title></title>", "<p>An article with no cite anywhere, and no byline.</p>")
    assert cite.fields == {} and cite.origins == {}


JSON_LD = '<script type="application/ld+json">{}</script>'


@pytest.mark.parametrize(
    ("data", "author"),
    [
        ('{"@type": "NewsArticle", "author": "Jane Doe"}', "Jane Doe"),
        ('{"@type": "Article", "author": {"@type": "Person", "name": "Jane Doe"}}', "Jane Doe"),
        (
            '{"@type": ["ScholarlyArticle"], "author": [{"name": "Jane Doe"}, {"name": "J. Roe"}]}',
            "Jane Doe and J. Roe",
        ),
        (
            '[{"@type": "WebPage"}, {"@type": "http://schema.org/NewsArticle", "author": '
            '[{"name": "A"}, {"name": "B"}, {"name": "C"}]}]',
            "A; B; C",
        ),
        ('{"@type": "Article", "author": "x", ', ""),  # no JSON: skipped
        ("[" * 100_000 + "]" * 100_000, ""),  # nested past Python's limit: skipped
    ],
)
def test_json_ld_authors_in_every_form(data: str, author: str) -> None:
    cite = cite_of(JSON_LD.replace("{}", data))
    assert cite.fields.get("author", "") == author


@pytest.mark.parametrize(
    ("title", "site", "cleaned"),
    [
        ("Opinion | Free buses - The Courier", "The Courier", "Free buses"),
        ("Opinion: Free buses | The Courier", "The Courier", "Free buses"),
        ("Free buses – Courier", "The Courier", "Free buses"),
        ("Free buses - a trial", "The Courier", "Free buses - a trial"),  # not the site's name
        ("Opinion-based policy", "", "Opinion-based policy"),
        ("Free buses | nytimes", "", "Free buses"),  # the site's handle
        ("The Courier", "The Courier", ""),  # a page's title that is only the site's name
    ],
)
def test_titles_lose_the_section_and_the_sites_name(title: str, site: str, cleaned: str) -> None:
    assert clean_title(title, site, {"nytimes"}) == cleaned


@pytest.mark.parametrize(
    ("values", "surname_first", "names"),
    [
        (["By Jane Doe"], False, ["Jane Doe"]),
        (["Jane Doe, The Courier"], False, ["Jane Doe"]),
        (["Jane Doe | The Courier"], False, ["Jane Doe"]),
        (["Jane Doe and John Roe"], False, ["Jane Doe", "John Roe"]),
        (["Doe, Jane", "Roe, John"], True, ["Jane Doe", "John Roe"]),
        (["The Courier", "https://facebook.example/courier", "@courier"], False, []),
        (["Jane Doe", "Jane Doe"], False, ["Jane Doe"]),
        (["Jane Doe; Opinion Columnist", "Staff Writer"], False, ["Jane Doe"]),
        (["The Editorial Board"], False, []),
    ],
)
def test_authors_lose_by_and_the_site(
    values: list[str], surname_first: bool, names: list[str]
) -> None:
    assert clean_authors(values, "The Courier", set(), surname_first) == names


def test_a_sites_handle_or_address_is_no_publication() -> None:
    head = '<meta name="twitter:site" content="@nytimes">'
    read = Document([], [], site="Nytimes", url="https://www.nytimes.example/x")
    assert "publication" not in cite_of(head, document=read).fields
    read = Document([], [], site="nytimes.example", url="https://www.nytimes.example/x")
    assert "publication" not in cite_of("", document=read).fields
    head += '<meta property="og:site_name" content="The New York Times">'
    assert cite_of(head, document=read).fields["publication"] == "The New York Times"


def test_authors_are_written_as_a_cite_writes_them() -> None:
    assert authors_line(["Jane Doe"]) == "Jane Doe"
    assert authors_line(["Jane Doe", "John Roe"]) == "Jane Doe and John Roe"
    assert authors_line(["A B", "C D", "E F"]) == "A B; C D; E F"


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2024-03-18T07:00:00+00:00", "2024-03-18"),
        ("2021/06/15", "2021-06-15"),
        ("2021/6/5", "2021-06-05"),
        ("18 March 2024", "2024-03-18"),
        ("March 18, 2024", "2024-03-18"),
        ("Feb. 11, 2025", "2025-02-11"),
        ("Tue Nov 05 2024 08:41:17 GMT+0000 (Coordinated Universal Time)", "2024-11-05"),
        ("Mar 2024", "2024-03"),
        ("D:20240318093000+00'00'", "2024-03-18"),
        ("2024", "2024"),
        ("2031-01-01", ""),  # after today: no date a page was written
        ("31 February 2024", ""),
        ("yesterday", ""),
    ],
)
def test_dates_are_read_in_the_forms_pages_write(value: str, date: str) -> None:
    assert cite_date(value, TODAY) == date


@pytest.mark.parametrize(
    ("text", "marked", "names"),
    [
        ("By Jane Doe and John Roe · 2 May 2024", False, ["Jane Doe", "John Roe"]),
        ("By Ludwig van Beethoven, Senior Fellow", False, ["Ludwig van Beethoven"]),
        ("By continuing to use this site you agree", False, []),
        ("Maren Østby", True, ["Maren Østby"]),
        ("Maren Østby writes about transport.", True, []),  # a biography, not a byline
        ("Jane Doe", False, []),  # not marked, and no "by"
    ],
)
def test_bylines(text: str, marked: bool, names: list[str]) -> None:
    assert byline_names(text, marked=marked) == names


def test_a_byline_in_short_text_before_a_link() -> None:
    body = (
        '<p class="meta">Posted in <a href="/c">Civic</a> by <a href="/a">Priya Raman</a></p>'
        "<p>A long article text that mentions a report by Someone Else, which is not a byline "
        "because this paragraph is far longer than any byline ever is in a real page.</p>"
    )
    cite = cite_of("", body)
    assert cite.fields["author"] == "Priya Raman"
    assert cite.origins["author"] == "byline"


def hostile_page(n: int) -> str:
    head = "".join(
        f'<meta name="citation_author" content="Doe{k}, Jane">'
        f'<meta property="og:title" content="Opinion | {"Title - " * 5}{k}">'
        for k in range(n)
    )
    people = ",".join(f'{{"name": "Person {k}"}}' for k in range(n))
    head += f'<script type="application/ld+json">{{"@type": "Article", "author": [{people}]}}'
    head += "</script>"
    body = "".join(f"<p>by Name{k} Surname</p><div class='author'>x {k}</div>" for k in range(n))
    return f"<html><head>{head}</head><body>{body}<p>{'text ' * n}</p></body></html>"


def test_a_pages_cite_is_read_in_linear_time() -> None:
    def read(html: str) -> object:
        _, tree = read_page(html, "page.html")
        found, handles = page_meta(tree, html)
        return page_cite(Document([], []), found, handles)

    ratio = growth(hostile_page, read, size=50)
    assert ratio < LINEAR, f"4 times the page took {ratio:.1f} times as long"


@given(text)
@settings(max_examples=300, deadline=None)
def test_any_text_is_a_date_or_none(value: str) -> None:
    date = cite_date(value, TODAY)
    assert date == "" or (partial_date(date) == date and date <= TODAY.isoformat())


@given(text, text)
@settings(max_examples=300, deadline=None)
def test_any_title_or_author_is_cleaned_to_one_line(value: str, site: str) -> None:
    for cleaned in [clean_title(value, site), *clean_authors([value], site, set())]:
        assert cleaned == " ".join(cleaned.split())
        assert not any(unicodedata.category(c) == "Cc" for c in cleaned)
    byline_names(value, marked=True)
    byline_names(value, marked=False)
