"""A card's cite paragraph read into its fields: the Word export's own form exactly, field
for field, and the forms the circuit writes by hand, as far as they say each field plainly."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from workbook.core.model import Card
from workbook.core.verbatim import cite_line
from workbook.importing.cite_lines import parse_cite, short_name, surname

TODAY = dt.date(2026, 12, 7)
WORDS = [
    "Jane", "Smith", "Li", "Wei", "O’Brien", "Müller", "de", "la", "Cruz", "Ngũgĩ",
    "professor", "of", "economics", "at", "Yale", "senior", "fellow", "the", "Institute",
    "Review", "Foreign", "Affairs", "Why", "Sanctions", "Fail", "Again", "2nd", "edition",
    "C++", "[sic]", "(ret.)", "policy", "–", "?",
]  # fmt: skip
phrase = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
# A part of a cite that may hold commas of its own: a title, qualifications, a publication.
with_commas = st.lists(phrase, min_size=1, max_size=3).map(", ".join)
names = st.lists(
    st.tuples(st.sampled_from(WORDS[:10]), st.sampled_from(WORDS[:10])).map(" ".join),
    min_size=1,
    max_size=3,
).map(lambda people: " and ".join(people) if len(people) < 3 else "; ".join(people))
days = st.dates(dt.date(1900, 1, 1), TODAY).map(dt.date.isoformat)
dates = st.one_of(st.just(""), days, days.map(lambda d: d[:7]), days.map(lambda d: d[:4]))
cards = st.builds(
    Card,
    author=st.one_of(st.just(""), names),
    qualifications=st.one_of(st.just(""), with_commas),
    date=dates,
    title=st.one_of(st.just(""), with_commas),
    publication=st.one_of(st.just(""), with_commas),
    url=st.one_of(
        st.just(""), st.from_regex(r"https://example\.org/[a-z0-9/?=&-]{0,20}", fullmatch=True)
    ),
    accessed=dates,
    # As a cut from a PDF gives them ("12", "12-13"), or as typed ("iv", "A3").
    pages=st.one_of(
        st.just(""), st.from_regex(r"[0-9]{1,4}(-[0-9]{1,4})?|[ivx]{1,4}|A[0-9]", fullmatch=True)
    ),
    cutter=st.one_of(st.just(""), st.from_regex(r"[A-Z]{1,3}", fullmatch=True)),
)
CITE_FIELDS = (
    "author", "qualifications", "date", "title", "publication", "pages", "url", "accessed",
    "cutter",
)  # fmt: skip


@given(cards)
def test_the_exports_cite_line_reads_back_field_for_field(card: Card) -> None:
    # The one field that cannot always survive: with no author, qualifications whose first
    # part a short cite would read as the name the line opens with (the publication's or
    # the title's) are read as the author; the whole line is kept in `cited_as` all the same.
    if not card.author:
        name = short_name(cite_line(card)[0])
        parts = card.qualifications.split(", ")
        assume(all(surname(", ".join(parts[: k + 1])) != name for k in range(len(parts))))
    short, rest = cite_line(card)
    fields = parse_cite(short + rest, short, TODAY)
    assert fields == {name: getattr(card, name) for name in CITE_FIELDS if getattr(card, name)}


@pytest.mark.parametrize(
    ("line", "short", "expected"),
    [
        (
            'Smith 20 [John Smith, professor at X, 1-2-2020, "Title," Publication,'
            " https://example.org/a] //AB",
            "",
            {
                "author": "John Smith",
                "qualifications": "professor at X",
                "date": "2020-01-02",
                "title": "Title",
                "publication": "Publication",
                "url": "https://example.org/a",
                "cutter": "AB",
            },
        ),
        (
            "Smith 20 (John Smith, professor at X, “A Title, With Commas,” The Review,"
            " January 2, 2020, https://example.org/b)",
            "Smith 20",
            {
                "author": "John Smith",
                "qualifications": "professor at X",
                "date": "2020-01-02",
                "title": "A Title, With Commas",
                "publication": "The Review",
                "url": "https://example.org/b",
            },
        ),
        (
            "Ben Deighton 19, Senior Writer, 2/18/19, “Title” https://example.org/c",
            "Deighton 19",
            {
                "author": "Ben Deighton",
                "qualifications": "Senior Writer",
                "date": "2019-02-18",
                "title": "Title",
                "url": "https://example.org/c",
            },
        ),
        (
            "Specktor 19 [Brandon Specktor, Senior Writer, “Title,” Live Science, 3-4-2019,"
            " https://example.org/d, accessed 5-24-2021]",
            "Specktor 19",
            {
                "author": "Brandon Specktor",
                "qualifications": "Senior Writer",
                "date": "2019-03-04",
                "title": "Title",
                "publication": "Live Science",
                "url": "https://example.org/d",
                "accessed": "2021-05-24",
            },
        ),
        (
            "Jones ND [Ann Jones, analyst, No Date, “Growth”, The Economist]",
            "Jones ND",
            {
                "author": "Ann Jones",
                "qualifications": "analyst",
                "title": "Growth",
                "publication": "The Economist",
            },
        ),
        (
            "Roper ’15 (Cindy Roper, doctoral student, 2015, “Title”)",
            "Roper ’15",
            {
                "author": "Cindy Roper",
                "qualifications": "doctoral student",
                "date": "2015",
                "title": "Title",
            },
        ),
        (
            "Lee 18 (professor of law)",
            "Lee 18",
            {"author": "Lee", "date": "2018", "qualifications": "professor of law"},
        ),
    ],
)
def test_the_circuits_cite_lines_are_read_as_far_as_they_are_plain(
    line: str, short: str, expected: dict[str, str]
) -> None:
    assert parse_cite(line, short, TODAY) == expected


def test_a_date_past_today_or_no_date_at_all_is_left_empty() -> None:
    assert "date" not in parse_cite("Smith 20 [John Smith, 1-2-2099, “T”]", "", TODAY)
    assert "date" not in parse_cite("Smith ND [John Smith, n.d., “T”]", "", TODAY)


@given(st.text(max_size=200), st.text(max_size=20))
def test_any_line_gives_fields_a_card_takes(line: str, short: str) -> None:
    line = line.replace("\r", " ").replace("\n", " ")
    fields = parse_cite(line, short if short in line else "", TODAY)
    assert set(fields) <= set(CITE_FIELDS)
    Card.model_validate(fields)


def test_a_year_among_other_words_is_no_date() -> None:
    fields = parse_cite("Smith 20 [John Smith, class of 2019, Spring 2020, “T”]", "", TODAY)
    assert (fields["qualifications"], fields["date"]) == ("class of 2019", "2020")


def test_a_title_that_quotes_words_of_its_own_reads_back() -> None:
    card = Card(
        author="Jane Smith", date="2021", title="They said “no”, then left", publication="Review"
    )
    short, rest = cite_line(card)
    fields = parse_cite(short + rest, short, TODAY)
    assert (fields["title"], fields["publication"]) == ("They said “no”, then left", "Review")
