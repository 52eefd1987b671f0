"""Where a document comes from: a path or standard input, read, decoded, and handed to the
reader of its kind (plain text, Markdown or a saved web page).

This is the one module that knows every kind; each reader knows only its own, so that a new
kind is a new reader and a line here.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from workbook.importing.decoding import MARKDOWN_SUFFIXES, decode_document, looks_like_html
from workbook.importing.document import Document, read_plain_text
from workbook.importing.markdown import read_markdown
from workbook.importing.webpage import read_webpage
from workbook.storage.files import MAX_BYTES, WorkbookError, read_bytes

STDIN = "-"
STDIN_NAME = "standard input"

# A heading is what tells Markdown from plain text that has no name to go by: "#1 reason" (no
# space after the mark) is not one.
_MARKDOWN_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)


def source_name(source: Path | str) -> str:
    """How messages name a source: its path, or "standard input" for "-"."""
    return STDIN_NAME if str(source) == STDIN else str(source)


def read_document(source: Path | str) -> Document:
    """Read a .txt, .md or saved .html document, or standard input for "-"; the kind is told by
    the name and, failing that, by the text itself. Raises a WorkbookError of one line."""
    name = source_name(source)
    if str(source) == STDIN:
        raw = _read_stdin()
    else:
        path = Path(source)
        if path.is_dir():
            raise WorkbookError(f"{name}: is a folder, not a document")
        raw = read_bytes(path)
    text = decode_document(raw, name)
    kind = document_kind(name, text)
    if kind == "html":
        document = read_webpage(text, name)
    elif kind == "markdown":
        document = read_markdown(text)
    else:
        document = read_plain_text(text)
    if not document.paragraphs:
        raise WorkbookError(f"{name}: no paragraph found")
    return document


def document_kind(name: str, text: str) -> str:
    """ "html", "markdown" or "text": by the name's suffix, else by what the text holds."""
    if looks_like_html(name, text):
        return "html"
    if Path(name).suffix.lower() in MARKDOWN_SUFFIXES or _MARKDOWN_HEADING.search(text):
        return "markdown"
    return "text"


def _read_stdin() -> bytes:
    """Standard input's bytes, refused once past the size a file may be: a pipe has no size to
    check first, so it is read in chunks and stopped one byte past the limit."""
    stream = sys.stdin.buffer
    parts: list[bytes] = []
    total = 0
    while total <= MAX_BYTES:
        chunk = stream.read(min(1 << 20, MAX_BYTES + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    if total > MAX_BYTES:
        raise WorkbookError(f"{STDIN_NAME}: past the {MAX_BYTES >> 20} MB a document may be")
    return b"".join(parts)
