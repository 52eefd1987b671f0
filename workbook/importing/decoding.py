"""A document's bytes as text, in the encoding it was written in, or one line saying why not.

A document comes from anywhere: a file saved by a word processor on Windows, a page saved by a
browser, a pipe. Byte-order marks, a web page's declared charset, UTF-8 and Windows-1252 are
tried in that order; files that are not text at all (images, PDFs, Word files) are told by their
first bytes and named, since a clear word beats a screen of mojibake.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from workbook.storage.files import WorkbookError

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})

# Files that are sometimes offered as "the essay" but are not text.
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
# The encodings of the web (the WHATWG Encoding Standard's), by the name Python's codecs give
# the label a page declares, each with the codec a browser reads it in. Python knows many
# codecs no page is written in ("punycode", "undefined", "rot13", "unicode_escape"), some of
# which fail on any text in ways of their own: a label that is none of these is not a charset.
# A page "in Latin-1" is written in Windows-1252, and one whose meta tag says UTF-16 could not
# have been read in ASCII to find it.
_WEB_CODECS = {
    **{name: name for name in ("utf-8", "cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic")},
    **{f"iso8859-{n}": f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)},
    **{f"cp{n}": f"cp{n}" for n in (874, 1250, 1251, 1252, 1253, 1254, 1255, 1256, 1257, 1258)},
    **{name: name for name in ("gbk", "gb18030", "big5", "big5hkscs", "euc_jp", "iso2022_jp")},
    **{name: name for name in ("shift_jis", "cp932", "euc_kr")},
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gbk",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
    "utf-32": "utf-8",
}
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_HTML_START = re.compile(r"[\s\ufeff]*<(?:!doctype|html)[\s>]", re.I)
_HTML_TAG = re.compile(r"<(?:body|p)[\s>]", re.I)


def decode_document(raw: bytes, name: str) -> str:
    """A document's bytes as text: UTF-8 (with or without a byte-order mark), UTF-16 or UTF-32
    with a byte-order mark, the charset a web page declares, or else Windows-1252. Refuses, in
    one line naming `name`, an empty document and one that is binary or in no such encoding."""
    what = looks_like(raw)
    if what is not None:
        raise WorkbookError(f"{name}: looks like {what}, not text")
    text = _decode(raw, name)
    if not text.strip():
        raise WorkbookError(f"{name}: the document is empty")
    controls = len(_CONTROL.findall(text))
    # A stray control character survives in real text; many, or any NUL, mean binary data.
    if "\x00" in text or controls * 100 > len(text):
        raise WorkbookError(f"{name}: holds binary data, not text")
    return text


def looks_like(raw: bytes) -> str | None:
    """What a file that is not text is, told by its first bytes ("a PDF document"), or None."""
    return next((what for magic, what in _MAGIC if raw.startswith(magic)), None)


def looks_like_html(name: str, text: str) -> bool:
    """Whether a document is a web page: by its name's suffix, else by how its text begins or a
    paragraph tag in it. A Markdown file is never one, whatever tags it holds."""
    if Path(name).suffix.lower() in HTML_SUFFIXES:
        return True
    if Path(name).suffix.lower() in MARKDOWN_SUFFIXES:
        return False
    return bool(_HTML_START.match(text) or _HTML_TAG.search(text))


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
        except UnicodeError:  # a decoding error, or another a codec raises
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
    # Latin-1 reads any bytes, and the tags looked for are ASCII.
    if not looks_like_html(name, head.decode("latin-1")):
        return ""
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if match is None:
        return ""
    try:
        codec = codecs.lookup(match[1].decode("ascii")).name
    except LookupError:
        return ""
    return _WEB_CODECS.get(codec, "")
