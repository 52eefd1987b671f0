"""A PDF's lines, page by page, made into the paragraphs a reader sees: running headers and
footers left out, lines joined into paragraphs, words broken at a line's end joined again.

A PDF holds no paragraphs, only lines drawn at places on a page; the paragraphs are read
back from where the lines stand. Each rule is one a reader would defend:

- **Furniture.** A line at the top or bottom edge of a page (among the three highest or the
  three lowest there, set apart from the body by a gap wider than its lines') that recurs, its
  digits aside and at the same height, at an edge of at least two pages and two fifths of them
  is a running header or footer ("Harbour Policy Institute | Page 3"), and so is a line at an
  edge that is only a page number ("12", "- 12 -", "Page 12 of 40").
- **Paragraphs.** A line starts a new paragraph after a blank line, after a gap well above
  the usual space between lines, on a change of type size, on a bullet, or after a line that
  ends a sentence and is either indented less than it or short of the usual line. A paragraph
  runs on across a page (or column) only when it has not ended a sentence and the next line
  begins in lower case, or when its last word was broken.
- **Broken words.** A word broken by a hyphen at a line's end ("eco-" / "nomic") is joined
  again, unless the hyphen belongs to the word: the document writes that word with its hyphen
  elsewhere, or never writes it joined and its first part is a word compounds are made of
  ("well-" / "known", "self-" / "interest"); the part after the break starts with a capital
  or a digit ("Anglo-" / "Saxon", "COVID-" / "19"); or the part before it is an acronym
  ("NATO-" / "led").

Each rule looks at a line and its neighbours, and the counts are made in one pass, so the
time is linear in the text.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple


class Line(NamedTuple):
    """A line of a page as the PDF draws it: its text, where it starts (points from the
    page's bottom left), and its type size. Pages read without positions have them all 0."""

    text: str
    x: float = 0.0
    y: float = 0.0
    size: float = 0.0


# Lines nearest a page's edge that are looked at as possible headers and footers.
EDGE_LINES = 3
# A header or footer recurs on at least this share of the pages (and on two of them at least):
# two fifths, so that headers alternating between left and right pages are found too.
FURNITURE_SHARE = 0.4
# A header or footer stands apart from the body: the gap between it and the body is wider
# than this many times the body's usual gap between lines.
SET_APART = 1.5
# How far (in points) a header or footer may stand from where it stood on another page.
FURNITURE_DRIFT = 4.0
# Typography joins letters into one glyph; the text is the letters.
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DIGITS = re.compile(r"[0-9]+")
# A page number, once what stands around it is taken off: "#", "page #", "# of #", "#/#".
_PAGE_NUMBER = re.compile(r"(?:page|p\.)?\s*#(?:\s*(?:of|/)\s*#)?")
# A sentence ends at a stop, maybe closed by quotes or brackets and followed by a note's number.
_ENDS_SENTENCE = re.compile(r"[.!?…:][\"”’')\]]*[0-9]{0,3}$")
_BULLETS = "•◦▪●■‣⁃∙·–-"
_BULLET = re.compile(rf"[{_BULLETS}]\s")
_FIRST_WORD = re.compile(r"\w+")
_WORDS = re.compile(r"\w+(?:-\w+)*")
# First parts of words English writes with a hyphen ("well-known", "self-interest"); a break
# after one keeps its hyphen unless the document writes the word joined.
_COMPOUND_HEADS = frozenset(
    {
        "all",
        "cross",
        "ex",
        "far",
        "full",
        "half",
        "ill",
        "long",
        "low",
        "high",
        "much",
        "near",
        "non",
        "self",
        "short",
        "so",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "well",
        "wide",
    }
)
# What follows a break that is an ending, not a word: "self-" / "ish" is "selfish".
_SUFFIXES = frozenset(
    {
        "ed",
        "er",
        "est",
        "ing",
        "ish",
        "ism",
        "ist",
        "ity",
        "less",
        "ly",
        "ness",
        "ment",
        "s",
        "tion",
        "y",
    }
)
# The gap between lines past which a paragraph is taken to end, as a multiple of the usual one.
GAP = 1.3
# A line shorter than this share of the usual full line is short.
SHORT = 0.7
# Two type sizes differ when they differ by more than this share.
SIZE_CHANGE = 0.15


def clean_line(text: str) -> str:
    """A line's text with ligatures spelled out, controls and soft hyphens inside words
    dropped (one at the end is a break: it becomes a hyphen) and white space made one space."""
    text = _CONTROLS.sub("", text.translate(_LIGATURES))
    text = " ".join(text.split())
    if text.endswith("\u00ad"):
        text = text.rstrip("\u00ad") + "-"
    return text.replace("\u00ad", "")


def without_furniture(pages: Sequence[Sequence[Line]]) -> list[list[Line]]:
    """The pages without their running headers and footers (see the module's rules)."""
    edges = [_edge_lines(page) for page in pages]
    seen: Counter[tuple[str, int]] = Counter()
    for page, at_edge in zip(pages, edges, strict=True):
        seen.update({_signature(page[i]) for i in at_edge})
    least = max(2, FURNITURE_SHARE * len(pages))
    kept: list[list[Line]] = []
    for page, at_edge in zip(pages, edges, strict=True):
        dropped = set()
        for i in at_edge:
            signature = _signature(page[i])
            if seen[signature] >= least or is_page_number(signature[0]):
                dropped.add(i)
        kept.append([line for i, line in enumerate(page) if i not in dropped])
    return kept


def _edge_lines(page: Sequence[Line]) -> set[int]:
    """The indices of the page's lines nearest its top and bottom edges that stand apart from
    its body: those above the first gap wider than the body's usual one, counting down from
    the top, and below it counting up from the bottom. A body line is never furniture, however
    alike the pages begin (a report's sections, each opening a page the same way). Pages read
    without positions have no gaps to go by: their lines nearest the edges are all looked at."""
    written = [i for i, line in enumerate(page) if line.text.strip()]
    by_height = sorted(written, key=lambda i: -page[i].y)
    gaps = [page[a].y - page[b].y for a, b in itertools.pairwise(by_height)]
    usual = sorted(gaps)[len(gaps) // 2] if gaps else 0.0
    if usual <= 0:
        return set(by_height[:EDGE_LINES] + by_height[-EDGE_LINES:])
    wide = [gap > SET_APART * usual for gap in gaps]
    top = next((i + 1 for i in range(min(EDGE_LINES, len(wide))) if wide[i]), 0)
    bottom = next((i + 1 for i in range(min(EDGE_LINES, len(wide))) if wide[-1 - i]), 0)
    return set(by_height[:top] + by_height[len(by_height) - bottom :])


def is_page_number(text: str) -> bool:
    """Whether a line, its digits made "#", is a page number: "#", "- # -", "Page # of #"."""
    start, end = 0, len(text)
    while start < end and not (text[start].isalnum() or text[start] == "#"):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == "#"):
        end -= 1
    return _PAGE_NUMBER.fullmatch(text, start, end) is not None


def _signature(line: Line) -> tuple[str, int]:
    """What a header or footer keeps from page to page: its words, its digits aside, and its
    height on the page (a body line that happens to repeat is seldom at the same height)."""
    return _DIGITS.sub("#", " ".join(line.text.lower().split())), round(line.y / FURNITURE_DRIFT)


def paragraphs(pages: Sequence[Sequence[Line]]) -> list[tuple[str, int]]:
    """The paragraphs of the pages, in order, each with the page (from 1) it starts on.
    Headers and footers should be gone already (see `without_furniture`)."""
    lines = [[line._replace(text=clean_line(line.text)) for line in page] for page in pages]
    pitch = _usual_pitch(lines)
    full = _usual_length(lines)
    vocabulary = _vocabulary(lines)
    built: list[tuple[list[str], int]] = []  # each paragraph's lines, and its page
    for number, page in enumerate(lines, 1):
        previous: Line | None = None  # the line before, on this page and paragraph
        page_start = True
        for line in page:
            if not line.text:
                previous, page_start = None, False  # a blank line ends the paragraph
                continue
            if previous is not None:
                runs_on = not _starts_paragraph(previous, line, pitch, full)
            else:
                runs_on = page_start and bool(built) and _runs_on(built[-1][0][-1], line)
            if runs_on:
                built[-1][0].append(line.text)
            else:
                built.append(([line.text], number))
            previous, page_start = line, False
    return [(_joined(texts, vocabulary), page) for texts, page in built]


def broken_word(text: str) -> str:
    """The part of a word that a line ends with, broken by a hyphen ("eco" of "... eco-"),
    or "" when the line does not end so. Read backwards from the end, so a long word costs
    its length once."""
    if not text.endswith("-"):
        return ""
    start = len(text) - 1
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return text[start:-1]


def _starts_paragraph(previous: Line, line: Line, pitch: float, full: float) -> bool:
    """Whether `line`, drawn after `previous` on the same page, starts a new paragraph."""
    if broken_word(previous.text) or _is_bullet(previous.text):
        return False  # a word runs on, or a bullet drawn apart from its item's words
    if _BULLET.match(line.text) or _is_bullet(line.text):
        return True
    size = max(previous.size, line.size)
    if size and abs(previous.size - line.size) > SIZE_CHANGE * size:
        return True
    step = previous.y - line.y
    if pitch and (step > GAP * pitch or step < -pitch / 2):
        # A gap, or a line above the last: a new column, which a paragraph may run on into.
        return step > 0 or not _runs_on(previous.text, line)
    if not _ENDS_SENTENCE.search(previous.text):
        return False
    indent = max(line.size, 1.0) * 0.8
    return line.x > previous.x + indent or len(previous.text) < SHORT * full


def _is_bullet(text: str) -> bool:
    return len(text) == 1 and text in _BULLETS


def _runs_on(last: str, line: Line) -> bool:
    """Whether a paragraph whose last line is `last` goes on at `line`, on a new page or
    column: its last word broke, or no sentence ended and the line starts in lower case."""
    if broken_word(last):
        return True
    return not _ENDS_SENTENCE.search(last) and line.text[:1].islower()


def _usual_pitch(pages: Iterable[Sequence[Line]]) -> float:
    """The most common step down from one line to the next of the same size, in points (0
    when the lines have no positions)."""
    steps: Counter[float] = Counter()
    for page in pages:
        for above, below in itertools.pairwise(page):
            step = above.y - below.y
            if above.size == below.size and 0 < step < 3 * max(above.size, 1.0):
                steps[round(step * 2) / 2] += 1
    return steps.most_common(1)[0][0] if steps else 0.0


def _usual_length(pages: Iterable[Sequence[Line]]) -> float:
    """The length of a full line: the length three quarters of the lines fall short of."""
    lengths = sorted(len(line.text) for page in pages for line in page if line.text)
    return float(lengths[len(lengths) * 3 // 4]) if lengths else 0.0


class _Vocabulary(NamedTuple):
    words: set[str]  # every word the document writes, in lower case
    hyphenated: set[str]  # those written with a hyphen inside a line


def _vocabulary(pages: Iterable[Sequence[Line]]) -> _Vocabulary:
    words: set[str] = set()
    for page in pages:
        for line in page:
            # A word broken at the line's end is not a word the document writes.
            broken = broken_word(line.text)
            text = line.text[: -1 - len(broken)] if broken else line.text
            words.update(word.lower() for word in _WORDS.findall(text))
    return _Vocabulary(words, {word for word in words if "-" in word})


def _joined(texts: list[str], vocabulary: _Vocabulary) -> str:
    """A paragraph's lines as one text: a space between lines, none after a broken word
    (joined again, or its hyphen kept: see `keeps_hyphen`) or a dash."""
    parts = [texts[0]]
    for line in texts[1:]:
        last = parts[-1]
        broken = broken_word(last)
        following = _FIRST_WORD.match(line)
        if broken and following:
            if not keeps_hyphen(broken, following[0], vocabulary):
                parts[-1] = last[:-1]
            parts.append(line)
        elif last.endswith(("—", "/")):
            parts.append(line)
        else:
            parts.append(" " + line)
    return "".join(parts)


def keeps_hyphen(before: str, after: str, vocabulary: _Vocabulary) -> bool:
    """Whether a word broken at a line's end as `before`- / `after` keeps its hyphen."""
    if after[:1].isupper() or after[:1].isdecimal() or any(c.isupper() for c in before[1:]):
        return True
    hyphenated, joined = f"{before}-{after}".lower(), (before + after).lower()
    if hyphenated in vocabulary.hyphenated:
        return True
    if joined in vocabulary.words:
        return False
    return before.lower() in _COMPOUND_HEADS and after.lower() not in _SUFFIXES


def vocabulary_of(texts: Iterable[str]) -> _Vocabulary:
    """The words of `texts` as `keeps_hyphen` consults them (for tests and one-off checks)."""
    return _vocabulary([[Line(text) for text in texts]])
