"""PDFs made at test time with reportlab, laid out as real reports are: a title page, running
headers, footers with page numbers, paragraphs set to a width with words broken by hyphens at
the lines' ends, headings in larger type.

Each paragraph is written as it should read back, but for break marks: "eco|nomic" is broken
there if it falls at a line's end, "eco^nomic" is broken there whatever (the line ends short),
and either mark is taken out of the text that should read back.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from pypdf import PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

WIDTH, HEIGHT = A4
LEFT = 72.0
TEXT_WIDTH = WIDTH - 2 * LEFT
BODY = ("Times-Roman", 11.0)
HEADING = ("Helvetica-Bold", 14.0)
LEADING = 14.0
PARAGRAPH_GAP = 8.0
TOP = HEIGHT - 90.0
BOTTOM = 80.0
BREAK = "|"
FORCED = "^"


@dataclass
class Report:
    """A report to lay out: its title page and its body, a list of ("h", text) headings and
    ("p", text) paragraphs."""

    title: str
    body: list[tuple[str, str]]
    subtitle: str = ""
    authors: str = ""
    date_line: str = ""
    header: str = "Harbour Policy Institute | Fare-free transit"
    footer: str = "Page {page} of {pages}"
    info: dict[str, str] = field(default_factory=dict)
    indent_first_lines: bool = False
    hyphenate: bool = True
    bottom: float = BOTTOM  # where the text ends on a page: higher, and more pages
    most_pages: int = 0  # when not 0, the pages past this many (title page included) are cut


def lines_of(text: str, font: tuple[str, float], width: float, hyphenate: bool) -> list[str]:
    """`text` set to `width`: whole words, and a word with a break mark broken there (with a
    hyphen) when only its first part fits."""
    name, size = font
    lines: list[str] = []
    line = ""
    for word in text.split():
        if FORCED in word:
            head, tail = word.split(FORCED, 1)
            lines.append(f"{line} {head if head.endswith('-') else head + '-'}".strip())
            line, word = "", tail
        whole = word.replace(BREAK, "")
        trial = f"{line} {whole}".strip()
        if stringWidth(trial, name, size) <= width:
            line = trial
            continue
        if hyphenate and BREAK in word:
            head, tail = word.split(BREAK, 1)
            # "well-|known" breaks after its own hyphen; "eco|nomic" takes one.
            first = f"{line} {head if head.endswith('-') else head + '-'}".strip()
            if stringWidth(first, name, size) <= width:
                lines.append(first)
                line = tail.replace(BREAK, "")
                continue
        lines.append(line)
        line = whole
    if line:
        lines.append(line)
    return lines


def report_pdf(report: Report) -> bytes:
    """The report as a PDF's bytes; `info` is its document information ("/Title": ...)."""
    pages = _laid_out(report)
    if report.most_pages:
        pages = pages[: report.most_pages - 1]
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=True)
    total = len(pages) + 1
    _title_page(canvas, report)
    for number, page in enumerate(pages, 2):
        if report.header:
            canvas.setFont("Helvetica", 8)
            canvas.drawString(LEFT, HEIGHT - 45, report.header)
        if report.footer:
            canvas.setFont("Helvetica", 8)
            canvas.drawCentredString(WIDTH / 2, 40, report.footer.format(page=number, pages=total))
        for x, y, font, text in page:
            canvas.setFont(*font)
            canvas.drawString(x, y, text)
        canvas.showPage()
    canvas.save()
    return with_information(out.getvalue(), report.info) if report.info else out.getvalue()


def with_information(raw: bytes, info: dict[str, str]) -> bytes:
    """The PDF with its document information set as `info` says, all else as it was."""
    writer = PdfWriter(clone_from=io.BytesIO(raw))
    writer.metadata = None
    writer.add_metadata(info)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _title_page(canvas: Canvas, report: Report) -> None:
    canvas.setFont("Helvetica-Bold", 26)
    canvas.drawString(LEFT, HEIGHT - 250, report.title)
    canvas.setFont("Helvetica", 14)
    if report.subtitle:
        canvas.drawString(LEFT, HEIGHT - 285, report.subtitle)
    canvas.setFont("Helvetica", 11)
    if report.authors:
        canvas.drawString(LEFT, HEIGHT - 340, report.authors)
    if report.date_line:
        canvas.drawString(LEFT, HEIGHT - 380, report.date_line)
    canvas.showPage()


Placed = tuple[float, float, tuple[str, float], str]


def _laid_out(report: Report) -> list[list[Placed]]:
    pages: list[list[Placed]] = [[]]
    y = TOP
    for kind, text in report.body:
        font = HEADING if kind == "h" else BODY
        if kind == "h":
            y -= 10
        indent = 18.0 if report.indent_first_lines and kind == "p" else 0.0
        lines = lines_of(text, font, TEXT_WIDTH - indent, report.hyphenate)
        for at, line in enumerate(lines):
            if y < report.bottom:
                pages.append([])
                y = TOP
            x = LEFT + (indent if at == 0 else 0.0)
            pages[-1].append((x, y, font, line))
            y -= LEADING
        y -= 0.0 if report.indent_first_lines else PARAGRAPH_GAP
    return [page for page in pages if page]


def plain(paragraphs: Sequence[tuple[str, str]]) -> list[str]:
    """The paragraphs as they should read back: break marks taken out."""
    return [text.replace(BREAK, "").replace(FORCED, "") for _, text in paragraphs]


# A think-tank's report: a title page, then a summary and sections over several pages.
THINK_TANK = Report(
    title="Fare-free transit",
    subtitle="What abolishing bus fares would cost the city",
    authors="Maren Østby and Tomás Reyes",
    date_line="Harbour Policy Institute, March 2024",
    bottom=HEIGHT / 2,
    info={
        "/Title": "Fare-free transit: a cost review",
        "/Author": "Maren Østby; Tomás Reyes",
        "/CreationDate": "D:20240318093000+00'00'",
    },
    body=[
        ("h", "Summary"),
        (
            "p",
            "The city's buses carried 41 million passengers last year. Fares paid for about a "
            "third of the cost of running them; the council paid for the rest. This report asks "
            "what it would cost to pay for all of it, and what the city would get in return, "
            "in eco^nomic terms and in the time its residents spend waiting at stops.",
        ),
        (
            "p",
            "We find that abolishing fares would cost the council about £9 million a year in lost "
            "revenue, but that a well-^known share of that sum, perhaps a fifth, is already spent "
            "on collecting fares: ticket machines, their maintenance, the staff who count the "
            "takings, and the minutes every bus loses while drivers sell tickets.",
        ),
        ("h", "1. What fares cost to collect"),
        (
            "p",
            "A driver who sells tickets spends, on average, eleven seconds on each boarding "
            "passenger. On the busiest routes that adds up to seven minutes a trip. Slower buses "
            "need more buses to keep the same frequency: the operator estimates that boarding "
            "without payment would let it run today's timetable with six fewer vehicles.",
        ),
        (
            "p",
            "Six buses, with their drivers, fuel and main^tenance, cost roughly £2.1 million a "
            "year. To that we add £1.4 million for ticket machines and their upkeep, and "
            "£0.4 million for cash handling, audit and fraud prevention. The total is close to "
            "£4 million, or about 44 per cent of fare revenue.",
        ),
        (
            "p",
            "These are not savings the council would see at once. Contracts for ticket machines "
            "run until 2027, and the operator would keep its spare vehicles until it was sure "
            "that faster boarding had lasted. The long-^term figures are the ones that matter.",
        ),
        ("h", "2. Who rides, and who would"),
        (
            "p",
            "Most passengers on the city's buses do not own a car. Pensioners already travel "
            "free, and so the people who pay fares are mostly shift workers, students and "
            "parents with young children. For them a return fare of £4.80 is a real cost, "
            "paid on the way to work and back, five days a week.",
        ),
        (
            "p",
            "Experience elsewhere suggests that ridership would rise by between a tenth and a "
            "sixth in the first year. Most new trips would replace walking and cycling rather "
            "than driving; the effect on traffic would be small unless the council also made "
            "driving into the centre dearer or slower, which is a political choice in its own "
            "right.",
        ),
        (
            "p",
            "Crowding is the risk. Routes 14 and 22 already run full at peak times, and a rise in "
            "ridership of a sixth would leave passengers at stops. The council should expect to "
            "buy, or keep, more buses for those routes in particular, whatever it decides "
            "about fares.",
        ),
        ("h", "3. Recommendations"),
        (
            "p",
            "We recommend a two-year trial of fare-free travel on three routes, chosen so that "
            "their passengers resemble the city's as a whole. The trial should publish boardings, "
            "journey times and crowding every month, and an independent panel should judge it "
            "against targets set before it starts.",
        ),
        (
            "p",
            "If the trial meets its targets, the council should extend it network-wide and put "
            "the savings on collection towards extra buses on the busiest routes. If it does "
            "not, the council will have learned, for less than a year's fare revenue on three "
            "routes, that the case for free buses is weaker than its advocates believe.",
        ),
    ],
)


def long_report(pages: int) -> Report:
    """The think-tank's report, its body repeated (each copy's paragraphs numbered) to fill
    `pages` pages."""
    body: list[tuple[str, str]] = []
    for copy in range(1, pages + 1):  # a copy fills a page at least
        body += [(kind, f"{text} ({copy})") for kind, text in THINK_TANK.body]
    return Report(
        title="Fare-free transit, in full",
        body=body,
        info=THINK_TANK.info,
        header=THINK_TANK.header,
        most_pages=pages,
    )
