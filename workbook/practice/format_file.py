"""The user's formats file, `formats.toml` in their config folder: found, read, checked
against what it may hold (`format_schema`) and laid over the built-in formats.

A bad file is told in one line, with the line and column of what is wrong; an empty one changes
nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.practice.formats import Formats
from workbook.storage.files import WorkbookError
from workbook.storage.locations import formats_file
from workbook.storage.toml_data import read_toml

if TYPE_CHECKING:
    from pydantic import ValidationError


def load_formats(path: Path | None = None) -> Formats:
    """The built-in formats with the user's file applied; a missing file changes nothing."""
    path = path or formats_file()
    if not path.is_file():
        return Formats()
    text, data = read_toml(path)
    from pydantic import ValidationError  # the schema's models load only when there is a file

    from workbook.practice.format_schema import FormatsFile

    try:
        parsed = FormatsFile.model_validate(data)
    except ValidationError as error:
        raise WorkbookError(_located(error, text, path)) from None
    formats = Formats()
    for key, entry in parsed.formats.items():
        base = formats.by_key.get(key)
        if base is None and not entry.speeches:
            where = _line_of(text, key)
            raise WorkbookError(f"{path}:{where}: formats.{key}: a new format lists its speeches")
        formats.by_key[key] = entry.apply(key, base)
    return formats


def _line_of(text: str, key: str, name: str = "") -> str:
    """`line:col` of the format's table (or of its field `name`), for an error message."""
    header = re.compile(rf"^\s*\[\s*formats\s*\.\s*[\"']?{re.escape(key)}[\"']?\s*\]")
    lines = text.split("\n")
    start = next((n for n, line in enumerate(lines) if header.match(line)), None)
    if start is None:
        return "1:1"
    if name:
        for number in range(start + 1, len(lines)):
            if lines[number].lstrip().startswith("["):
                break
            column = lines[number].find(name)
            if lines[number].lstrip().startswith(name):
                return f"{number + 1}:{column + 1}"
    return f"{start + 1}:1"


def _located(error: ValidationError, text: str, path: Path) -> str:
    from workbook.storage.store import describe

    loc = error.errors(include_url=False)[0]["loc"]
    where = "1:1"
    if len(loc) >= 2 and loc[0] == "formats":
        where = _line_of(text, str(loc[1]), str(loc[2]) if len(loc) > 2 else "")
    return f"{path}:{where}: {describe(error)}"
