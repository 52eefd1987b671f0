"""The essay's text: its paragraphs, and where a claim's quote stands in one."""

from __future__ import annotations

import re

from workbook.essay.brackets import bracket_matches, quote_parts

# A line this long was not wrapped by hand or by an editor: it is a paragraph of its own.
WRAPPED = 100


def split_paragraphs(text: str) -> list[str]:
    """The essay's paragraphs, numbered from 1 by their position in the list plus one.

    Text copied from the web usually has one paragraph a line; text typed by hand separates
    paragraphs by blank lines and wraps them. In a text with blank lines, a block whose lines
    are wrapped (each but the last at most WRAPPED characters) is one paragraph; a block of
    longer lines is a paragraph a line, as when a title and a blank line head a copied text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = [line.strip() for line in text.splitlines()]
    if not re.search(r"\n[ \t]*\n", text.strip()):
        return [line for line in lines if line]
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        rows = [line.strip() for line in block.splitlines() if line.strip()]
        if not rows:
            continue
        if all(len(row) <= WRAPPED for row in rows[:-1]):
            paragraphs.append(" ".join(rows))
        else:
            paragraphs.extend(rows)
    return paragraphs


def find_quote(quote: str, paragraph: str) -> tuple[int, int] | None:
    """The span of `quote` inside `paragraph`, or None when the words are not there.

    A bracket marks the quoter's change ("[I]n" for a lost drop cap) or stands in the essay
    itself ("re-establish[ed]"): it matches either the bracketed text as written or nothing."""
    if not quote:
        return None
    start = paragraph.find(quote)
    if start >= 0:
        return start, start + len(quote)
    if "[" not in quote:
        return None
    found = next(bracket_matches(quote_parts(quote), paragraph), None)
    return None if found is None or found.span[0] == found.span[1] else found.span


# What the part of an essay before its first heading is called where a heading names it: it has
# no heading of its own, and a claim made there keeps an empty section in the file.
OPENING = "Opening"


def section_name(section: str, title: str, has_headings: bool) -> str:
    """A claim's section as a heading over it reads: the essay's heading; before the first
    heading, "Opening"; in an essay with no headings at all, the essay's title."""
    if section.strip():
        return section
    return OPENING if has_headings else (title.strip() or "The essay")


def section_at(paragraphs: list[str], headings: list[int], number: int) -> str:
    """The section paragraph `number` stands in: the text of the nearest heading above it, or
    "" before the first heading. A heading stands in its own section."""
    above = [h for h in headings if h <= number and h <= len(paragraphs)]
    return paragraphs[above[-1] - 1] if above else ""


# A byline: a short paragraph that opens with "by" ("By Jane Doe", "by: will Smith, ...").
_BYLINE = re.compile(r"by\b", re.IGNORECASE)
BYLINE_LENGTH = 120


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def is_title(paragraph: str, title: str) -> bool:
    """Whether a paragraph is the essay's title: the same words, whatever their case and
    punctuation (a copied title often ends with a full stop)."""
    words = _words(title)
    return bool(words) and _words(paragraph) == words


def body_numbers(paragraphs: list[str], headings: list[int], title: str) -> dict[int, int]:
    """Each body paragraph's number as a reader counts them in the published essay: from 1, the
    headings left out, and, before the first body paragraph, the essay's title and a byline,
    which a copied text holds as paragraphs of their own and a published page sets apart. The
    keys are the paragraphs' numbers in the essay's text; what is not a body paragraph has none."""
    numbers: dict[int, int] = {}
    left_out = set(headings)
    for number, paragraph in enumerate(paragraphs, start=1):
        if number in left_out:
            continue
        if not numbers and (
            is_title(paragraph, title)
            or (len(paragraph) <= BYLINE_LENGTH and _BYLINE.match(paragraph.strip()))
        ):
            continue
        numbers[number] = len(numbers) + 1
    return numbers
