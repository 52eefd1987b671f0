"""A PDF's text and cite, read with pypdf: the lines of each page with where they stand, made
into paragraphs by `pdf_text`, and the document's own information (title, author, date).

pypdf reads the file and runs nothing in it: no JavaScript, no actions, no fonts' programs.
A PDF that cannot be read as one is refused in one line: a scan with no text, one locked
with a password, one cut short or damaged, one of more pages than a source may have.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from workbook.core.cites import split_authors
from workbook.importing.citing import Cite, authors_line, cite_date
from workbook.importing.pdf_text import Line, clean_line, paragraphs, without_furniture
from workbook.storage.files import WorkbookError

PDF_MAGIC = b"%PDF-"
# A PDF may have a little before its header (a mail program's line, say), as readers allow.
MAGIC_WITHIN = 1024
# More pages than this are a book or an archive, not a source to cut cards from; the limit
# keeps a file of a hundred thousand blank pages from holding the reader for minutes.
MAX_PAGES = 2000
PDF = "pdf"
# The document's title, when it has none of its own, may be the largest type on its first
# page ("file": read from the file's text, so shown as guessed).
FIRST_PAGE = "file"
# How much larger than the body a first page's line must be to be taken as the title.
TITLE_SIZE = 1.3
# Titles and authors that the program that made the file wrote, not the writer.
_NO_TITLE = re.compile(
    r"(?:untitled(?:[-\s]?\d+)?|document\s?\d*|slide\s?\d+|layout\s?\d+|powerpoint presentation"
    r"|title|no title|microsoft word\b.*|.*\.(?:docx?|pdf|indd|pptx?|rtf|odt|txt|qxp|tex|dvi)"
    r"|\S*_\S*)",  # a file's name ("report_final_v3"), which has no spaces but underscores
    re.I,
)
_NO_AUTHOR = frozenset({"administrator", "admin", "user", "owner", "author", "unknown", "default"})


def is_pdf(raw: bytes) -> bool:
    """Whether a file's bytes are a PDF's: "%PDF-" near its start, whatever its name says."""
    return PDF_MAGIC in raw[:MAGIC_WITHIN]


@dataclass(frozen=True)
class PdfText:
    """A PDF's paragraphs, the page (from 1) each starts on, and its cite."""

    paragraphs: list[str]
    pages: list[int]
    cite: Cite


def read_pdf(raw: bytes, name: str) -> PdfText:
    """The paragraphs and cite of the PDF whose bytes are `raw`; a WorkbookError of one line,
    naming `name`, for a PDF that cannot be read."""
    if b"%%EOF" not in raw[-2048:]:
        raise WorkbookError(
            f"{name}: the PDF is cut short (no end-of-file mark): damaged, or not fully downloaded"
        )
    with _quiet_pypdf():
        reader = _open(raw, name)
        pages = [_page_lines(page, number, name) for number, page in _pages(reader, name)]
        info = _information(reader)
    if not any(line.text.strip() for page in pages for line in page):
        raise WorkbookError(
            f"{name}: the PDF has no text to read, only images (a scan?); run it through OCR "
            "first (ocrmypdf, say) and add what that makes"
        )
    found = paragraphs(without_furniture(pages))
    cite = Cite()
    title = _title(info.get("/Title"))
    cite.set("title", title, PDF)
    if not title:
        cite.set("title", _first_page_title(pages[0]), FIRST_PAGE)
    cite.set("author", _author(info.get("/Author")), PDF)
    cite.set("date", cite_date(str(info.get("/CreationDate") or "")), PDF)
    return PdfText([text for text, _ in found], [page for _, page in found], cite)


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf says what it repairs through `logging`, on standard error by default: its
    warnings are not the user's business, and a failure is said in one line anyway."""
    logger = logging.getLogger("pypdf")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    try:
        yield
    finally:
        logger.setLevel(level)
        logger.propagate = propagate


def _open(raw: bytes, name: str) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise WorkbookError(
                f"{name}: the PDF is locked with a password; save an unlocked copy (print it "
                "to PDF from a viewer that opens it) and add that"
            )
    except WorkbookError:
        raise
    except DependencyError:
        raise WorkbookError(
            f"{name}: the PDF is encrypted in a way that needs the cryptography package "
            "(pip install cryptography)"
        ) from None
    except (PdfReadError, Exception) as error:  # a parser of arbitrary input: any failure
        raise _damaged(name, error) from None
    return reader


def _damaged(name: str, error: BaseException) -> WorkbookError:
    return WorkbookError(f"{name}: cannot read the PDF, it is damaged ({type(error).__name__})")


def _pages(reader: Any, name: str) -> Iterator[tuple[int, Any]]:
    try:
        count = len(reader.pages)
    except Exception as error:  # the page tree is damaged
        raise _damaged(name, error) from None
    if count > MAX_PAGES:
        raise WorkbookError(
            f"{name}: the PDF has {count:,} pages, past the {MAX_PAGES:,} a source may have; "
            "add the part you need as a PDF of its own"
        )
    for number in range(count):
        try:
            yield number + 1, reader.pages[number]
        except Exception as error:
            raise _damaged(name, error) from None


def _page_lines(page: Any, number: int, name: str) -> list[Line]:
    """The page's lines in the order the PDF draws them, each with where it starts and the
    type size of most of its letters (a bullet is often smaller), from pypdf's extraction."""
    lines: list[Line] = []
    parts: list[str] = []
    start: list[float] = []  # x and y of the line being read
    sizes: Counter[float] = Counter()  # its letters at each type size

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        pieces = text.split("\n")
        for at, piece in enumerate(pieces):
            if piece:
                x, y, placed = _placed(cm, tm, size)
                if not start:
                    start.extend((x, y))
                parts.append(piece)
                sizes[placed] += len(piece.strip())
            if at < len(pieces) - 1:
                end_line()

    def end_line() -> None:
        if parts:
            x, y = start or (0.0, 0.0)
            size = sizes.most_common(1)[0][0] if sizes else 0.0
            lines.append(Line(clean_line("".join(parts)), x, y, size))
        parts.clear()
        start.clear()
        sizes.clear()

    try:
        page.extract_text(visitor_text=visit)
    except Exception as error:
        raise WorkbookError(
            f"{name}: cannot read page {number} of the PDF, it is damaged ({type(error).__name__})"
        ) from None
    end_line()
    return lines


def _placed(cm: list[float], tm: list[float], size: float) -> tuple[float, float, float]:
    """Where text drawn with text matrix `tm` under transformation `cm` starts on the page,
    and its type size there, in points."""
    a, b, c, d, e, f = (float(v) for v in cm[:6])
    x = tm[4] * a + tm[5] * c + e
    y = tm[4] * b + tm[5] * d + f
    scale = math.hypot(tm[2] * a + tm[3] * c, tm[2] * b + tm[3] * d)
    return x, y, round(float(size) * scale, 1)


def _information(reader: Any) -> dict[str, Any]:
    try:
        info = reader.metadata
        return {key: info[key] for key in ("/Title", "/Author", "/CreationDate") if key in info}
    except Exception:  # damaged information is no information: the text is what matters
        return {}


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _title(value: Any) -> str:
    title = _text(value)
    return "" if _NO_TITLE.fullmatch(title) else title


def _author(value: Any) -> str:
    names = [
        name
        for name in split_authors(_text(value))
        if name.lower() not in _NO_AUTHOR
        and "@" not in name
        and not (" " not in name and name.islower())  # a user's login name
    ]
    return authors_line(names)


def _first_page_title(page: list[Line]) -> str:
    """The largest type on the first page, when it is clearly larger than the rest: its
    lines, read together, are the title a title page shows."""
    sized = [line for line in page if line.text and line.size]
    if not sized:
        return ""
    largest = max(line.size for line in sized)
    usual = sorted(line.size for line in sized)[len(sized) // 2]
    if largest < TITLE_SIZE * usual:
        return ""
    title = " ".join(line.text for line in sized if line.size == largest)
    return clean_line(title) if len(title) <= 300 else ""
