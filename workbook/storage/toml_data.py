"""TOML in: every TOML text the workbook reads (workbooks, journals, drill histories, the formats
file, the versions a merge is given) parsed here, with size and depth limits, and whatever is
wrong told in one line.

tomli recurses into inline tables and arrays and stops with a RecursionError past 400 levels;
what reads its data afterwards (pydantic, tomli-w, pickle, a merge) recurses too, and a few
hundred levels are enough to end any of them in a traceback. No file the workbook writes is
nested more than a dozen levels, so data nested past `MAX_DEPTH` is refused here, before
anything else walks it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import tomli

from workbook.storage.files import MAX_BYTES, WorkbookError, read_bytes, utf8

# Tables and arrays within one another, the document itself being the first: a workbook's
# deepest (a conflict over a whole claim) is about ten.
MAX_DEPTH = 32
TOO_DEEP = f"values are nested too deeply (more than {MAX_DEPTH} tables and arrays deep)"

_TOML_POSITION = re.compile(
    r"^(?P<msg>.*?) \(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$"
)

# The parser's words for the slips a hand edit makes most, in the words of the fix.
_FRIENDLIER = {
    "Cannot overwrite a value": "duplicate key: an id or a field is given twice",
    "Cannot declare": "duplicate table: an id is given twice",
    "Illegal character '\\n'": 'a line break inside a "…" string: close it on its line, '
    'or use """ for text of several lines',
    "Invalid value": 'not a value: text goes in quotes, "like this"',
}

_PLAIN = re.compile(r"[A-Za-z0-9_-]+")

# What can open or close a level, or hide a bracket from it (a string, a comment).
_TOKEN = re.compile(r"\"\"\"|'''|[\"'#\[\]{}]")
_STRING_ENDS = {
    '"': re.compile(r'(?:[^"\\\n]|\\.)*"'),
    "'": re.compile(r"[^'\n]*'"),
    '"""': re.compile(r'(?:[^"\\]|\\.|"(?!""))*"""["]{0,2}', re.DOTALL),
    "'''": re.compile(r"(?:[^']|'(?!''))*'''[']{0,2}"),
}


class TooDeep(ValueError):
    """Data nested past MAX_DEPTH: where, as a field path or as `line:col` (or "" when that is
    not known), and why."""

    def __init__(self, where: str = "", by_line: bool = False) -> None:
        super().__init__(f"{where}: {TOO_DEEP}" if where else TOO_DEEP)
        self.where = where
        self.by_line = by_line

    def told(self, path: Path) -> str:
        """The one line that names the file: `path:line:col: ...` or `path: field: ...`."""
        return f"{path}:{self}" if self.by_line else f"{path}: {self}"


def looks_like_workbook(data: dict[str, Any]) -> bool:
    """Whether parsed TOML is meant as a workbook at all (a project's settings, a provenance
    list are not): a workbook names its format or its essay. A flow file names its debate
    format too, under its own version (`flow`), which no workbook has: it is not one."""
    return "flow" not in data and ("format" in data or "essay" in data)


_TABLE_HEAD = re.compile(r"^[ \t]*\[", re.MULTILINE)
_FLOW_KEY = re.compile(r"""^[ \t]*(?:flow|"flow"|'flow')[ \t]*=""", re.MULTILINE)


def is_flow_text(text: str) -> bool:
    """Whether a TOML text is a flow file: it has the `flow` key at its top level, which no
    workbook has. A look at the lines before the first table decides, in time linear in the
    text, and only a text that looks like one is parsed to be sure (a key seen inside a
    string is not one), so opening a workbook pays next to nothing for the question."""
    head = _TABLE_HEAD.search(text)
    if _FLOW_KEY.search(text, 0, head.start() if head else len(text)) is None:
        return False
    try:
        return "flow" in parse_toml(text)
    except (tomli.TOMLDecodeError, TooDeep):
        return True  # meant as a flow file: reading it as one says what is wrong, in one line


def field_path_of(loc: tuple[int | str, ...]) -> str:
    """A location as a dotted path; a part that is not a plain id (a key with a line break, a
    space or a dot in it) is quoted, so the path stays one unambiguous line."""
    # Pydantic marks a bad dict key with a "[key]" part after it: the message says it is an id.
    parts = [part for part in loc if part != "[key]"]
    return ".".join(
        str(part) if isinstance(part, int) or _PLAIN.fullmatch(part) else repr(part)
        for part in parts
    )


def nesting_problem(data: object) -> str | None:
    """Where `data` is nested past MAX_DEPTH, as the first parts of its field path ("" for the
    top), or None. It walks the data without recursion, once over each table and array."""
    if not isinstance(data, dict | list):
        return None
    stack: list[tuple[dict[Any, Any] | list[Any], int, tuple[int | str, ...]]] = [(data, 1, ())]
    while stack:
        value, depth, where = stack.pop()
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            if isinstance(item, dict | list):
                if depth >= MAX_DEPTH:
                    return field_path_of(where) + "…"
                # Only the first few keys: they say where; the rest would only be long.
                stack.append((item, depth + 1, (*where, key) if len(where) < 3 else where))
    return None


def parse_toml(text: str) -> dict[str, Any]:
    """The data of a TOML text, nested no deeper than MAX_DEPTH. Raises tomli's
    TOMLDecodeError, or TooDeep; nothing else for any text."""
    try:
        data = tomli.loads(text)
    except RecursionError:
        position = _deep_position(text)
        raise TooDeep(position, by_line=bool(position)) from None
    problem = nesting_problem(data)
    if problem is not None:
        raise TooDeep(problem)
    return data


def loads(text: str, where: Path) -> dict[str, Any]:
    """As `parse_toml`, with every failure a WorkbookError of one line that names `where`."""
    try:
        return parse_toml(text)
    except tomli.TOMLDecodeError as error:
        raise WorkbookError(toml_error(str(error), text, where)) from None
    except TooDeep as error:
        raise WorkbookError(error.told(where)) from None
    except MemoryError:
        raise WorkbookError(f"{where}: too large to read into memory") from None


def read_toml(path: Path, limit: int = MAX_BYTES) -> tuple[str, dict[str, Any]]:
    """The text and the data of the TOML file at `path`, read with files.read_bytes's limits;
    an empty file is an empty table."""
    text = utf8(read_bytes(path, limit), str(path))
    return text, loads(text, path)


def toml_error(message: str, text: str, path: Path) -> str:
    """tomli's complaint as one line: the file, the line and column, in the words of the fix."""
    match = _TOML_POSITION.match(message)
    if match is None:
        return f"{path}: {message}"
    reason = match["msg"]
    for start, friendlier in _FRIENDLIER.items():
        if reason.startswith(start):
            reason = friendlier
    if match["line"]:
        line, col = int(match["line"]), int(match["col"])
    else:
        line = text.count("\n") + 1
        col = len(text) - text.rfind("\n")
    return f"{path}:{line}:{col}: {reason}"


def _deep_position(text: str) -> str:
    """`line:col` of the bracket that first goes past MAX_DEPTH, or "" when none is found
    (the depth is in the keys). Only for a text the parser gave up on: it jumps from bracket to
    bracket, over strings and comments, in one pass."""
    depth, at = 0, 0
    while (found := _TOKEN.search(text, at)) is not None:
        token, at = found.group(), found.end()
        if token in _STRING_ENDS:
            end = _STRING_ENDS[token].match(text, at)
            if end is None:
                return ""
            at = end.end()
        elif token == "#":
            at = text.find("\n", at) + 1 or len(text)
        elif token in "[{":
            depth += 1
            # The document is the first level.
            if depth >= MAX_DEPTH:
                line = text.count("\n", 0, found.start()) + 1
                col = found.start() - text.rfind("\n", 0, found.start())
                return f"{line}:{col}"
        else:
            depth -= 1
    return ""
