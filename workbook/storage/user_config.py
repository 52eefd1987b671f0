"""The user's settings, `config.toml` in their config folder: the initials they sign the cards
they cut with (`initials = "AB"`), set once and read by every cut.

A missing file is no settings at all. Anything wrong in it (a value that is not initials, a
setting this version does not know, TOML that does not parse) is one line naming the file and
what to fix, and nothing is cut or written until it is fixed; setting a value never rewrites a
file that does not read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w

from workbook.core.cites import initials_problem
from workbook.storage.files import WorkbookError, write_atomic
from workbook.storage.locations import config_file
from workbook.storage.toml_data import read_toml

INITIALS = "initials"
SETTINGS = (INITIALS,)
# A settings file is a few lines: one past this is not one the user meant.
LIMIT = 64 * 1024


def read_settings(path: Path | None = None) -> dict[str, Any]:
    """The settings in `path` (by default the user's config.toml), checked; {} for none."""
    path = path or config_file()
    if not path.exists() and not path.is_symlink():
        return {}
    _, data = read_toml(path, limit=LIMIT)
    for name, value in data.items():
        if name not in SETTINGS:
            known = ", ".join(SETTINGS)
            raise WorkbookError(f"{path}: {name}: not a setting (the settings are: {known})")
        if not isinstance(value, str):
            raise WorkbookError(f'{path}: {name}: give text, {name} = "AB" (got {value!r})')
        problem = initials_problem(value)
        if problem:
            raise WorkbookError(f"{path}: {name}: {problem}")
    return data


def read_initials(path: Path | None = None) -> str:
    """The initials the user signs cut cards with, or "" when none are set."""
    initials = read_settings(path).get(INITIALS, "")
    return initials if isinstance(initials, str) else ""


def set_initials(initials: str | None, path: Path | None = None) -> Path:
    """Set the user's initials (None takes them out), keeping the file's other settings;
    the file written. Refused in one line, the file as it was, for initials that are not."""
    path = path or config_file()
    if initials is not None:
        problem = initials_problem(initials)
        if problem:
            raise WorkbookError(f"{INITIALS}: {problem}")
    settings = read_settings(path)  # a file that does not read is not written over
    if initials is None:
        settings.pop(INITIALS, None)
    else:
        settings[INITIALS] = initials
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WorkbookError(f"{path.parent}: cannot be made: {error.strerror}") from None
    write_atomic(path, tomli_w.dumps(settings).encode("utf-8"))
    return path
