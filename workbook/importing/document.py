"""A document to study, read from a text file, a Markdown file or a saved web page: its
paragraphs, its headings, and what it says about itself (title, author, date, site).

Every kind of source gives the same thing: paragraphs whose characters are the source's own,
with each run of white space made one space, so that a quote copied from the source is found
in them.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from workbook.essay.paragraphs import split_paragraphs
from workbook.storage.files import MAX_BYTES, WorkbookError, read_bytes

STDIN = "-"
STDIN_NAME = "standard input"

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


@dataclass(frozen=True)
class Document:
    """A document's text and cite. `headings` are the 1-based numbers of the paragraphs that are
    headings (the title is not a paragraph). `date` is YYYY, YYYY-MM or YYYY-MM-DD, or ""."""

    paragraphs: list[str]
    headings: list[int]
    title: str = ""
    author: str = ""
    date: str = ""
    site: str = ""
    url: str = ""


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
        from workbook.importing.webpage import (
            read_webpage,  # trafilatura is loaded only for a web page
        )

        document = read_webpage(text, name)
    elif kind == "markdown":
        document = read_markdown(text)
    else:
        document = read_plain_text(text)
    if not document.paragraphs:
        raise WorkbookError(f"{name}: no paragraph found")
    return document


def _read_stdin() -> bytes:
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


# Files that are sometimes offered as "the essay" but are not text: a clear word beats a
# screen of mojibake.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (as .docx, .odt and .epub files are)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word or Excel file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
# UTF-32's marks begin with UTF-16's: they are looked for first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_XML_ENCODING = re.compile(rb"\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)", re.I)
# What browsers do with these labels: a page "in Latin-1" is written in Windows-1252, and one
# whose meta tag says UTF-16 could not have been read in ASCII to find it.
_AS_BROWSERS_READ = {"iso8859-1": "cp1252", "ascii": "cp1252", "utf-16": "utf-8", "utf-32": "utf-8"}
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode_document(raw: bytes, name: str) -> str:
    """A document's bytes as text: UTF-8 (with or without a byte-order mark), UTF-16 or UTF-32
    with a byte-order mark, the charset a web page declares, or else Windows-1252. Refuses, in
    one line naming `name`, an empty document and one that is binary or in no such encoding."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise WorkbookError(f"{name}: looks like {what}, not text")
    text = _decode(raw, name)
    if not text.strip():
        raise WorkbookError(f"{name}: the document is empty")
    controls = len(_CONTROL.findall(text))
    # A stray control character survives in real text; many, or any NUL, mean binary data.
    if "\x00" in text or controls * 100 > len(text):
        raise WorkbookError(f"{name}: holds binary data, not text")
    return text


def _decode(raw: bytes, name: str) -> str:
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as error:
                at = error.start + len(bom)
                raise WorkbookError(f"{name}: not {label} text (at byte {at})") from None
    if b"\x00" in raw:
        raise WorkbookError(f"{name}: holds binary data, not text")
    declared = _declared_charset(raw, name)
    if declared:
        try:
            return raw.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration is wrong: read the bytes as if there were none
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Every byte is a character in Windows-1252 but five: those mean it is not that either.
        return raw.decode("cp1252")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        bad = raw[error.start : error.start + 1].hex()
        raise WorkbookError(
            f"{name}:{line}:{col}: neither UTF-8 nor Windows-1252 text (byte 0x{bad})"
        ) from None


def _declared_charset(raw: bytes, name: str) -> str:
    """The codec a web page names for itself in its first 4 KB, or ""."""
    head = raw[:4096]
    if not looks_like_html(name, head.decode("latin-1")):
        return ""
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if match is None:
        return ""
    try:
        codec = codecs.lookup(match[1].decode("ascii")).name
    except LookupError:
        return ""
    return _AS_BROWSERS_READ.get(codec.removesuffix("-le").removesuffix("-be"), codec)


_HTML_START = re.compile(r"[\s\ufeff]*<(?:!doctype|html)[\s>]", re.I)
_HTML_TAG = re.compile(r"<(?:body|p)[\s>]", re.I)
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
_MARKDOWN_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)


def looks_like_html(name: str, text: str) -> bool:
    if Path(name).suffix.lower() in HTML_SUFFIXES:
        return True
    if Path(name).suffix.lower() in MARKDOWN_SUFFIXES:
        return False
    return bool(_HTML_START.match(text) or _HTML_TAG.search(text))


def document_kind(name: str, text: str) -> str:
    """ "html", "markdown" or "text": by the name's suffix, else by what the text holds."""
    if looks_like_html(name, text):
        return "html"
    if Path(name).suffix.lower() in MARKDOWN_SUFFIXES or _MARKDOWN_HEADING.search(text):
        return "markdown"
    return "text"


def clean(paragraph: str) -> str:
    """A paragraph with each run of white space (line breaks, tabs, no-break spaces) made one
    space. A zero-width no-break space at either end goes too: the essay's reader drops one at
    the start of its file, and it is invisible anyway."""
    text = " ".join(paragraph.split())
    while text[:1] == "\ufeff" or text[-1:] == "\ufeff":
        text = text.strip("\ufeff").strip()
    return text


def assemble(blocks: list[tuple[str, bool]], **cite: str) -> Document:
    """A document from (text, is a heading) blocks, in order; empty blocks are left out."""
    paragraphs: list[str] = []
    headings: list[int] = []
    for text, heading in blocks:
        paragraph = clean(text)
        if paragraph:
            paragraphs.append(paragraph)
            if heading:
                headings.append(len(paragraphs))
    return Document(paragraphs, headings, **{k: clean(v) for k, v in cite.items()})


def read_plain_text(text: str) -> Document:
    """Paragraphs as the essay's reader finds them (see `essay.split_paragraphs`). Plain text
    has no headings: no rule tells a heading from a short paragraph reliably enough."""
    return assemble([(paragraph, False) for paragraph in split_paragraphs(text)])


_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_LIST_ITEM = re.compile(r" {0,3}(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|$)")
_FRONT_MATTER_LINE = re.compile(r"[A-Za-z_][\w-]*[ \t]*:|[ \t]|-[ \t]|#|$")


def read_markdown(text: str) -> Document:
    """Paragraphs are blocks between blank lines, their lines joined; a list item starts a new
    paragraph. `#` headings (and underlined ones) are heading paragraphs without their `#`
    marks; a level-one heading that opens the document is its title instead. A YAML front
    matter gives the title, author and date. Other Markdown is kept as it is written."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front, lines = _front_matter(lines)
    blocks: list[tuple[str, int]] = []  # (text, heading level, 0 for a paragraph)
    current: list[str] = []

    def end(level: int = 0) -> None:
        if current:
            blocks.append((" ".join(current), level))
            current.clear()

    for line in lines:
        atx = _ATX.fullmatch(line)
        if not line.strip() or atx:
            end()
            if atx:
                blocks.append((atx[2] or "", len(atx[1])))
        elif current and _SETEXT.fullmatch(line):
            end(1 if "=" in line else 2)
        elif _BREAK.fullmatch(line):
            end()
        else:
            if _LIST_ITEM.match(line):
                end()
            current.append(line)
    end()
    title = front.get("title", "")
    if blocks and blocks[0][1] == 1:
        title = blocks.pop(0)[0].strip() or title
    return assemble(
        [(block, level > 0) for block, level in blocks],
        title=title,
        author=front.get("author", ""),
        date=partial_date(front.get("date", "")),
    )


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """The title, author and date of a YAML front matter, and the lines after it."""
    if not lines or lines[0].rstrip() != "---":
        return {}, lines
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), 0)
    # Lines that are not YAML mean the opening line was a thematic break, not front matter.
    if not end or not all(_FRONT_MATTER_LINE.match(line) for line in lines[1:end]):
        return {}, lines
    fields: dict[str, str] = {}
    for line in lines[1:end]:
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if colon and key in ("title", "author", "date") and not line[:1].isspace():
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            fields[key] = value
    return fields, lines[end + 1 :]


_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?(?=$|[T ])")


def partial_date(value: str) -> str:
    """The YYYY, YYYY-MM or YYYY-MM-DD that `value` begins with (a time after it is dropped), if
    it is a real date; else ""."""
    match = _PARTIAL_DATE.match(value.strip())
    if match is None:
        return ""
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return ""
    return match[0]
