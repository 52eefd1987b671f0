"""A Word file's package opened with python-docx, or refused in one line: a file that is no
Word document (an old .doc, a text file renamed), one locked with a password, one damaged or
cut short, one that unpacks to more than a Word file of cards may hold.

The XML is parsed by python-docx's parser (lxml, entities not resolved, no network, and
libxml2's limits on depth and on the size of one text left on), so a hostile file is refused
as damaged rather than read without end.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import TYPE_CHECKING, Any, Final

from workbook.storage.files import MAX_BYTES, MB, WorkbookError

if TYPE_CHECKING:
    from docx.document import Document

ZIP_MAGIC: Final = b"PK\x03\x04"
# Word 97-2003 files, and Office files locked with a password, are OLE compound files.
OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream a password-locked Office file keeps its key in, named in UTF-16 in its directory.
ENCRYPTION_INFO: Final = "EncryptionInfo".encode("utf-16-le")
WORD_97: Final = "WordDocument".encode("utf-16-le")
# What a Word file unpacks to at most: the XML is read whole, so a small file that unpacks to
# gigabytes (a zip bomb) must be refused before it is.
MAX_UNPACKED: Final = MAX_BYTES
_WORD_TYPES: Final = frozenset(
    f"application/vnd.{kind}"
    for kind in (
        "openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "ms-word.document.macroEnabled.main+xml",
        "ms-word.template.macroEnabledTemplate.main+xml",
    )
)


def open_word(raw: bytes, name: str) -> Document:
    """The document python-docx reads from a Word file's bytes; a WorkbookError of one line,
    naming `name`, for anything that is not a Word document it can read."""
    if raw.startswith(OLE_MAGIC):
        if ENCRYPTION_INFO in raw:
            raise WorkbookError(
                f"{name}: the Word file is encrypted (locked with a password); open it in Word "
                "and save a copy without a password, then import that"
            )
        what = "a Word 97-2003 document (.doc)" if WORD_97 in raw else "an old Office file"
        raise WorkbookError(f"{name}: is {what}; open it in Word and save it as .docx")
    if not raw.startswith(ZIP_MAGIC):
        raise WorkbookError(f"{name}: not a Word document (.docx): {_what_it_is(raw)}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as error:
        raise WorkbookError(f"{name}: the Word file is damaged ({error})") from None
    if unpacked > MAX_UNPACKED:
        raise WorkbookError(
            f"{name}: unpacks to {_size(unpacked)}, past the {_size(MAX_UNPACKED)} a Word file "
            "may hold"
        )
    return _document(raw, name)


def _document(raw: bytes, name: str) -> Document:
    from docx.opc.exceptions import PackageNotFoundError
    from docx.package import Package

    try:
        part: Any = Package.open(io.BytesIO(raw)).main_document_part
        if part.content_type not in _WORD_TYPES:
            raise WorkbookError(f"{name}: not a Word document (it holds {part.content_type})")
        document: Document = part.document
        document.styles  # noqa: B018 - read now, so that a damaged styles part fails here
    except WorkbookError:
        raise
    except KeyError as error:
        raise WorkbookError(
            f"{name}: the Word file is damaged: {error.args[0]} is missing"
        ) from None
    except SyntaxError as error:  # lxml's XMLSyntaxError
        raise WorkbookError(f"{name}: the Word file is damaged: bad XML ({error})") from None
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
    ) as error:
        raise WorkbookError(f"{name}: the Word file is damaged ({error})") from None
    except MemoryError:
        raise WorkbookError(f"{name}: too large to read into memory") from None
    return document


def _size(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB else f"{size} bytes"


def _what_it_is(raw: bytes) -> str:
    head = raw[:16].lstrip()
    if head.startswith(b"{\\rtf"):
        return "it is a Rich Text file; open it in Word and save it as .docx"
    if head.startswith(b"%PDF"):
        return "it is a PDF"
    if not raw.strip():
        return "the file is empty"
    return "it is no zip package of Word's"
