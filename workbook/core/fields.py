"""The kinds of field a workbook's data is made of: one line, an id, a date as debaters cite
it, a file that stays inside the workbook's folder, a card's marked text. Each is a string
checked on the way in, with a message that names what is wrong."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from workbook.core.marks import ESCAPE, MARK_NAMES, unclosed

ID_PATTERN = re.compile(r"[A-Za-z0-9_-]+")
# [0-9], not \d: \d also matches the digits of other scripts, which no cite is written in.
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def _text(value: str) -> str:
    # What tomli-w writes as a multi-line string comes back with "\n" only: normalise on the
    # way in so that what is saved is exactly what is loaded.
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _line(value: str) -> str:
    value = _text(value)
    if "\n" in value:
        raise PydanticCustomError("one_line", "must be one line")
    return value


def shown(value: object, most: int = 80) -> str:
    """A value as an error message quotes it: its repr, cut short so that a value a megabyte
    long does not bury the message."""
    text = repr(value)
    return text if len(text) <= most else text[: most - 1] + "…"


def shown_value(value: str) -> dict[str, str]:
    return {"shown": shown(value)}


def _id(value: str) -> str:
    if not ID_PATTERN.fullmatch(value):
        # Pydantic fills a template with str() of its values: the repr is made here.
        raise PydanticCustomError(
            "id", "an id uses only letters, digits, '-' and '_' (got {shown})", shown_value(value)
        )
    return value


def _marked(value: str) -> str:
    if (open_mark := unclosed(value)) is not None:
        mark, at = open_mark
        raise PydanticCustomError(
            "marks",
            "{name} '{mark}' is not closed, at {shown}: marks pair up, '{mark}words{mark}', "
            "and a literal {mark} is written {escaped}",
            {
                "name": MARK_NAMES[mark],
                "mark": mark,
                "shown": shown(value[at:], 40),
                "escaped": ESCAPE + mark,
            },
        )
    return value


def _date(value: str) -> str:
    """A date as debaters cite it: a year, a month or a day, in ISO order."""
    if not value:
        return value
    match = _DATE.fullmatch(value)
    if match is None:
        raise PydanticCustomError(
            "date", "must be YYYY, YYYY-MM or YYYY-MM-DD (got {shown})", shown_value(value)
        )
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        raise PydanticCustomError("date", "{shown} is not a date", shown_value(value)) from None
    return value


_DRIVE = re.compile(r"[A-Za-z]:")


def _inside_folder(value: str) -> str:
    """A file named relative to the workbook's folder, that cannot lead out of it: the
    essay's text is read and copied along with the workbook."""
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise PydanticCustomError("path", "must not hold control characters")
    if "\\" in value:
        raise PydanticCustomError("path", "separate folders with '/', not '\\'")
    if value.startswith("/") or _DRIVE.match(value):
        raise PydanticCustomError("path", "must be relative to the workbook's folder")
    if ".." in value.split("/"):
        raise PydanticCustomError("path", "must stay inside the workbook's folder (no '..')")
    return value


Text = Annotated[str, AfterValidator(_text)]
MarkedText = Annotated[str, AfterValidator(_text), AfterValidator(_marked)]
Line = Annotated[str, AfterValidator(_line)]
Id = Annotated[str, AfterValidator(_id)]
PartialDate = Annotated[str, AfterValidator(_date)]
RelativeFile = Annotated[str, AfterValidator(_line), AfterValidator(_inside_folder)]
