"""The simple reader of Word files in Verbatim's structure (python-docx), enough for
`workbook import` to run end to end: the full reader, with Word's quirks, takes its place.

Heading 1 to 3 are Pocket, Hat and Block, kept as what the cards under them were filed under;
a Heading 4 is a Tag; the paragraph after a Tag is its cite, kept whole; the Normal paragraphs
after it up to the next heading are the card's text, its underlined and highlighted runs
marked. A Tag with no cite after it is an analytic.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from workbook.core.cutting import PARAGRAPH_BREAK
from workbook.core.marks import Marked, compose
from workbook.core.model import Card
from workbook.core.verbatim import TAG
from workbook.storage.files import WorkbookError

# A short cite at the cite paragraph's start: "Smith 21", "Smith 2021".
_SHORT_CITE = re.compile(r"\s*([^\W\d][^\d\[]*?)\s+(\d{4}|\d{2})\b")


@dataclass(frozen=True)
class WordFile:
    cards: list[Card]  # in file order
    analytics: int  # Tags with no cite after them
    skipped: int  # paragraphs read as none of heading, cite or card text


def read_word(path: Path) -> WordFile:
    """The cards of the Word file at `path`; WorkbookError, one line, when it cannot be read."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError):
        raise WorkbookError(f"{path}: not a Word document (.docx), or a damaged one") from None
    except OSError as error:
        raise WorkbookError(f"{path}: {error.strerror or error}") from None
    filed: list[str] = []
    found: list[dict[str, object]] = []
    analytics = skipped = 0
    tag: str | None = None  # a Tag waiting for its cite
    for paragraph in document.paragraphs:
        level = _heading_level(paragraph.style.name if paragraph.style is not None else "")
        if level:
            if tag is not None:
                analytics += 1
            tag = None
            if level == TAG:
                tag = paragraph.text.strip()
            else:
                filed = [*filed[: level - 1], paragraph.text.strip()]
            continue
        if not paragraph.text.strip():
            continue
        if tag is not None:
            found.append({"tag": tag, "cited_as": paragraph.text.strip(), "filed_under": filed})
            found[-1].update(_short_cite(paragraph.text))
            tag = None
        elif found:
            runs = [
                Marked(bool(run.underline), run.font.highlight_color is not None, run.text)
                for run in paragraph.runs
            ]
            text = str(found[-1].get("text", ""))
            found[-1]["text"] = text + (PARAGRAPH_BREAK if text else "") + compose(runs)
        else:
            skipped += 1
    analytics += tag is not None
    try:
        cards = [Card.model_validate(fields) for fields in found]
    except ValidationError as error:
        problem = error.errors(include_url=False)[0]["msg"]
        raise WorkbookError(f"{path}: a card that cannot be read: {problem}") from None
    return WordFile(cards, analytics, skipped)


def _heading_level(style: str) -> int:
    name = style.strip().lower()
    if name.startswith("heading ") and name[8:].isdecimal() and 1 <= int(name[8:]) <= TAG:
        return int(name[8:])
    return 0


def _short_cite(cite: str) -> dict[str, str]:
    """The author's name and the year of a short cite at the paragraph's start, if any."""
    found = _SHORT_CITE.match(cite)
    if found is None:
        return {}
    year = found[2]
    if len(year) == 2:  # "21": this century, unless that is still to come
        century = 2000 if int(year) <= dt.date.today().year % 100 else 1900
        year = str(century + int(year))
    return {"author": found[1].strip(), "date": year}
