"""A PDF read as a source: its paragraphs as a reader sees them (headers, footers and page
numbers left out, lines joined, broken words joined again), the page each stands on, its cite
from the document's information, and a clear line for a PDF that cannot be read."""

from __future__ import annotations

import io
import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from tests.pdfs import THINK_TANK, Report, plain, report_pdf, with_information
from tests.strategies import text
from tests.timing import LINEAR, growth
from workbook.importing.pdf import MAX_PAGES, read_pdf
from workbook.importing.pdf_text import (
    Line,
    broken_word,
    is_page_number,
    keeps_hyphen,
    paragraphs,
    vocabulary_of,
    without_furniture,
)
from workbook.storage.files import WorkbookError

TITLE_PAGE = [
    "Fare-free transit",
    "What abolishing bus fares would cost the city",
    "Maren Østby and Tomás Reyes",
    "Harbour Policy Institute, March 2024",
]


@pytest.fixture(scope="module")
def think_tank() -> bytes:
    return report_pdf(THINK_TANK)


def test_a_reports_paragraphs_are_read_as_written(think_tank: bytes) -> None:
    read = read_pdf(think_tank, "report.pdf")
    assert read.paragraphs == TITLE_PAGE + plain(THINK_TANK.body)


def test_headers_footers_and_page_numbers_are_left_out(think_tank: bytes) -> None:
    text = "\n".join(read_pdf(think_tank, "report.pdf").paragraphs)
    assert "Fare-free transit\n" in text  # the title page's title stays
    assert THINK_TANK.header not in text
    assert "Page " not in text and " of 4" not in text


def test_each_paragraph_has_the_page_it_starts_on(think_tank: bytes) -> None:
    read = read_pdf(think_tank, "report.pdf")
    pages = dict(zip(read.paragraphs, read.pages, strict=True))
    assert [pages[line] for line in TITLE_PAGE] == [1, 1, 1, 1]
    assert pages["Summary"] == 2
    # A paragraph that runs on over a page is one paragraph, on the page it starts on.
    running = next(p for p in read.paragraphs if p.startswith("These are not savings"))
    assert running.endswith("The long-term figures are the ones that matter.")
    assert pages[running] == 2
    assert pages["3. Recommendations"] == 3
    assert read.pages == sorted(read.pages) and max(read.pages) == 3


def test_broken_words_are_joined_unless_the_hyphen_is_the_words(think_tank: bytes) -> None:
    text = " ".join(read_pdf(think_tank, "report.pdf").paragraphs)
    for word in ("economic", "maintenance", "well-known", "long-term"):
        assert word in text
    for broken in ("eco-", "eco nomic", "main-tenance", "wellknown", "longterm"):
        assert broken not in text


@pytest.mark.parametrize(
    ("before", "after", "elsewhere", "kept"),
    [
        ("eco", "nomic", "", False),  # no word "eco": a break inside a word
        ("well", "known", "", True),  # a word compounds are made of
        ("self", "interest", "", True),
        ("self", "ish", "", False),  # an ending, not a word
        ("long", "term", "longterm", False),  # the document writes it joined
        ("co", "operation", "co-operation", True),  # the document writes it with a hyphen
        ("co", "operation", "cooperation", False),
        ("Anglo", "Saxon", "", True),  # a capital after the break
        ("COVID", "19", "", True),  # a digit after it
        ("NATO", "led", "", True),  # an acronym before it
        ("gov", "ernment", "", False),
    ],
)
def test_the_hyphen_rule(before: str, after: str, elsewhere: str, kept: bool) -> None:
    vocabulary = vocabulary_of([f"A line that writes {elsewhere} once."])
    assert keeps_hyphen(before, after, vocabulary) is kept


def test_a_broken_word_is_read_from_the_lines_end() -> None:
    assert broken_word("the eco-") == "eco"
    assert broken_word("a well-") == "well"
    assert broken_word("a dash -") == ""  # a dash set off by spaces breaks no word
    assert broken_word("no break") == ""


def test_paragraphs_by_indentation_when_there_is_no_gap() -> None:
    report = Report(
        title="Indented",
        body=[("p", text) for _, text in THINK_TANK.body if len(text) > 100],
        indent_first_lines=True,
        header="",
        footer="",
    )
    read = read_pdf(report_pdf(report), "indented.pdf")
    assert read.paragraphs == ["Indented", *plain(report.body)]


def test_lines_without_positions_end_paragraphs_at_short_lines() -> None:
    full = "x" * 60
    pages = [[Line(f"{full} one"), Line("ends here."), Line(f"{full} two"), Line("ends too.")]]
    assert [text for text, _ in paragraphs(pages)] == [
        f"{full} one ends here.",
        f"{full} two ends too.",
    ]


def test_a_blank_line_and_a_bullet_start_paragraphs() -> None:
    pages = [[Line("First point"), Line(""), Line("Second"), Line("• third"), Line("• fourth")]]
    assert [text for text, _ in paragraphs(pages)] == [
        "First point",
        "Second",
        "• third",
        "• fourth",
    ]


def test_furniture_recurs_at_the_same_height_on_two_fifths_of_the_pages() -> None:
    words = ["fares", "buses", "routes", "council", "drivers", "tickets", "boarding", "crowding"]
    words += ["trial", "panel"]

    def page(number: int, header: str) -> list[Line]:
        said = [" ".join(words[(number + k) % 10 :] + words[: (number + k) % 10]) for k in range(8)]
        body = [Line(f"{text}.", 72, 700 - 14 * k, 11) for k, text in enumerate(said)]
        return [Line(header, 72, 800, 8), *body, Line(f"- {number} -", 300, 30, 8)]

    headers = ["Left page header" if n % 2 else "Right page header" for n in range(10)]
    kept = without_furniture([page(n, header) for n, header in enumerate(headers)])
    assert all(len(lines) == 8 for lines in kept)  # both headers and the numbers go
    # A line that recurs, but not at the same height, is the text's own.
    moving = [
        [Line("Recurring sentence.", 72, 700 - 10 * n, 11), Line(words[n], 72, 600, 11)]
        for n in range(5)
    ]
    assert without_furniture(moving) == moving


def test_pages_that_begin_alike_keep_their_first_lines() -> None:
    """A report whose sections each open a page the same way ("Section 2.0: early closures
    …"): the opening lines recur at the same height, digits aside, on every page, but they are
    the body, not set apart from it as a header is, and they are kept."""

    def page(number: int) -> list[Line]:
        body = [
            f"Section {number}.0: early closures shifted load to gas in region {number}0.",
            f"Operators reported tighter margins in month {number}, and prices rose by",
            f"{number} percent. The rest of the page says something else, {'a' * number}.",
            *(f"More words on page {number}, line {k}, of their own." for k in range(5)),
        ]
        lines = [Line(text, 72, 700 - 14 * k, 11) for k, text in enumerate(body)]
        return [Line("Energy Policy Institute | Working Paper 12", 72, 750, 9), *lines]

    pages = [page(n) for n in range(1, 6)]
    kept = without_furniture(pages)
    assert [lines[0].text for lines in kept] == [p[1].text for p in pages]
    assert all(len(lines) == len(p) - 1 for lines, p in zip(kept, pages, strict=True))


@pytest.mark.parametrize(
    ("text", "number"),
    [
        *[("#", True), ("- # -", True), ("page # of #", True), ("#/#", True), ("p. #", True)],
        *[("chapter #", False), ("# people", False), ("harbour policy institute", False)],
    ],
)
def test_what_is_a_page_number(text: str, number: bool) -> None:
    assert is_page_number(text) is number


def test_the_cite_comes_from_the_documents_information(think_tank: bytes) -> None:
    cite = read_pdf(think_tank, "report.pdf").cite
    assert cite.fields == {
        "title": "Fare-free transit: a cost review",
        "author": "Maren Østby and Tomás Reyes",
        "date": "2024-03-18",
    }
    assert cite.origins == {"title": "pdf", "author": "pdf", "date": "pdf"}


@pytest.mark.parametrize(
    "title", ["Microsoft Word - fares_final_v3.docx", "fares_final_v3", "Layout 1", "Untitled-2"]
)
def test_without_a_title_the_first_pages_largest_type_is_a_guess(
    think_tank: bytes, title: str
) -> None:
    info = {"/Title": title, "/Author": "jsmith"}
    cite = read_pdf(with_information(think_tank, info), "report.pdf").cite
    assert cite.fields == {"title": "Fare-free transit"}
    assert cite.origins == {"title": "file"}


def blank_pages(count: int) -> bytes:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scan() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.rect(72, 72, 300, 500, fill=1)  # a scanned page: a picture, no text
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def encrypted(think_tank: bytes, password: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(think_tank))
    writer.encrypt(password, owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_locked_only_against_editing_is_read(think_tank: bytes) -> None:
    read = read_pdf(encrypted(think_tank, ""), "locked.pdf")
    assert read.paragraphs == TITLE_PAGE + plain(THINK_TANK.body)


BAD = {
    "scan": (lambda t: scan(), "scan.pdf: the PDF has no text to read, only images (a scan?)"),
    "password": (
        lambda t: encrypted(t, "secret"),
        "password.pdf: the PDF is locked with a password",
    ),
    "truncated": (
        lambda t: t[: len(t) * 2 // 3],
        "truncated.pdf: the PDF is cut short (no end-of-file mark)",
    ),
    "damaged": (
        lambda t: t[:9] + b"\x00" * (len(t) - 200) + t[-191:],
        "damaged.pdf: cannot read the PDF, it is damaged",
    ),
    "pages": (
        lambda t: blank_pages(MAX_PAGES + 1),
        "pages.pdf: the PDF has 2,001 pages, past the 2,000 a source may have",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_pdf_that_cannot_be_read_is_one_line(
    think_tank: bytes, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    make, message = BAD[name]
    with pytest.raises(WorkbookError) as refused:
        read_pdf(make(think_tank), f"{name}.pdf")
    assert str(refused.value).startswith(message)
    assert "\n" not in str(refused.value)
    assert capsys.readouterr() == ("", "")  # pypdf's own warnings reach no one


def test_pypdfs_logger_is_left_as_it_was(think_tank: bytes) -> None:
    logger = logging.getLogger("pypdf")
    before = (logger.level, logger.propagate)
    with pytest.raises(WorkbookError):
        read_pdf(think_tank[: len(think_tank) // 2] + b"%%EOF", "cut.pdf")
    assert (logger.level, logger.propagate) == before


# Linear time: the joining of lines and the finding of headers and footers.


def many_pages(lines: int, width: int = 70) -> list[list[Line]]:
    """Pages of 40 lines, broken words among them, headers and footers on each."""
    pages: list[list[Line]] = []
    words = ("eco-", "nomic", "well-", "known", "and", "so", "on.")
    for start in range(0, lines, 40):
        page = [Line(f"Header of the report {start}", 72, 800, 8)]
        for k in range(min(40, lines - start)):
            text = " ".join(words[(start + k + j) % len(words)] for j in range(width // 6))
            page.append(Line(text, 72 + (k % 3), 760 - 14 * k, 11))
        page.append(Line(f"Page {start // 40 + 1}", 300, 30, 8))
        pages.append(page)
    return pages


@pytest.mark.parametrize(
    "shape",
    ["many pages", "one long line", "long words", "many short lines", "no positions"],
)
def test_a_pdfs_lines_are_made_paragraphs_in_linear_time(shape: str) -> None:
    makers = {
        "many pages": many_pages,
        "one long line": lambda n: [
            [Line("word " * n + "-", 72, 700, 11), Line("next", 72, 686, 11)]
        ],
        "long words": lambda n: [
            [Line("a" * (40 * n) + " b"), Line("a" * (40 * n) + "-"), Line("b" * n)]
        ],
        "many short lines": lambda n: [[Line(f"{k}.", 72, 700 - k, 11) for k in range(n)]],
        "no positions": lambda n: [
            [Line("A sentence that ends." if k % 2 else "x" * 80) for k in range(n)]
        ],
    }

    def read(pages: list[list[Line]]) -> object:
        return paragraphs(without_furniture(pages))

    ratio = growth(makers[shape], read, size=200)
    assert ratio < LINEAR, f"4 times the lines took {ratio:.1f} times as long"


def test_headers_and_footers_are_found_in_linear_time() -> None:
    def edges(n: int) -> list[list[Line]]:
        # Long header lines of non-word characters, different on every page.
        return [
            [Line("-" * 200 + str(page), 72, 800, 8), Line("body", 72, 400, 11)]
            for page in range(n)
        ]

    ratio = growth(edges, without_furniture, size=200)
    assert ratio < LINEAR, f"4 times the pages took {ratio:.1f} times as long"


def test_a_pdfs_javascript_and_actions_are_never_run(think_tank: bytes) -> None:
    """pypdf reads the text and runs nothing: a PDF that opens with a script reads as any
    other."""
    writer = PdfWriter(clone_from=io.BytesIO(think_tank))
    script = "app.alert('opened'); this.submitForm('https://example.invalid/');"
    writer.add_open_action(JavaScript(script))
    out = io.BytesIO()
    writer.write(out)
    assert b"/JavaScript" in out.getvalue()
    read = read_pdf(out.getvalue(), "scripted.pdf")
    assert read.paragraphs == TITLE_PAGE + plain(THINK_TANK.body)


_SQUEEZED = str.maketrans("", "", " -\u00ad")


@given(st.lists(st.one_of(text, st.sampled_from(["eco-", "well-", "—", "•  x", ".", " -"]))))
@settings(max_examples=300, deadline=None)
def test_joining_lines_keeps_every_character_but_spaces_and_hyphens(lines: list[str]) -> None:
    """Whatever the lines, their paragraphs hold their characters in order: only white space,
    soft hyphens and the hyphens of joined words are taken out, and no paragraph is empty."""
    from workbook.importing.pdf_text import clean_line

    pages = [[Line(line, 72, 700 - 14 * k, 11) for k, line in enumerate(lines)]]
    found = [paragraph for paragraph, _ in paragraphs(pages)]
    assert all(found) and all("\n" not in paragraph for paragraph in found)
    assert "".join(found).translate(_SQUEEZED) == "".join(
        clean_line(line) for line in lines
    ).translate(_SQUEEZED)


def test_a_bullet_in_smaller_type_starts_an_item_that_runs_on_its_lines() -> None:
    """A bullet is often set smaller than its item's words, and the item's next lines hang
    under them: the item is one paragraph, its type size that of most of its letters. A bullet
    drawn apart from its words starts their paragraph too."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.setFont("Times-Roman", 10)
    canvas.drawString(72, 700, "There are two requirements for the way the database is stored:")
    items = (
        (680, "Applications must be able to extend the database in any way when they", "are"),
        (654, "It must be possible to install applications in any of the three places", "ok."),
    )
    for y, first, second in items:
        lines = canvas.beginText(72, y)
        lines.setFont("Symbol", 8)
        lines.textOut("• ")
        lines.setFont("Times-Roman", 10)
        lines.textOut(first)
        lines.setTextOrigin(82, y - 13)
        lines.textOut(f"installed, and {second}")
        canvas.drawText(lines)
    canvas.setFont("Symbol", 8)
    canvas.drawString(72, 620, "•")  # a bullet drawn on its own, then its item's words
    canvas.setFont("Times-Roman", 10)
    canvas.drawString(82, 620, "A third item, drawn apart from its bullet.")
    canvas.showPage()
    canvas.save()
    read = read_pdf(out.getvalue(), "items.pdf")
    assert read.paragraphs == [
        "There are two requirements for the way the database is stored:",
        f"• {items[0][1]} installed, and are",
        f"• {items[1][1]} installed, and ok.",
        "• A third item, drawn apart from its bullet.",
    ]
