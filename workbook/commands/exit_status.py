"""How the commands end, and what they print: exit statuses, the one line a failure prints, and
the one way a user's text reaches the terminal, with its control characters shown escaped
(storage/files.py's `one_line` and `shown_lines`), so that a teammate's workbook can never
retitle the terminal, clear it or type into it.

- `complain`: a failure's one line, on standard error;
- `say`: what a person reads (a report, a listing), always escaped, its lines kept;
- `say_data`: what a command gives as data on standard output (an export or a speech with
  `-o -`, a merged workbook): the exact bytes into a pipe or a file, escaped like the rest when
  standard output is a terminal; data that is not text is refused on a terminal;
- `json_text`: JSON with every control character as a `\\u` escape, the same data, safe anywhere;
- `progress` and `progress_done`: a line of progress on a terminal's standard error, each over
  the one before, and the line cleared once the work is done.
"""

from __future__ import annotations

import json
import re
import sys
from typing import TextIO

from workbook.storage.files import WorkbookError, one_line, shown_lines

EXIT_OK = 0
# Something found to act on: what `check` and `fmt --check` would have changed, or the
# conflicts a merge left.
EXIT_CHANGED = 1
EXIT_BAD_INPUT = 2
# The app stopped on an error of its own (EX_SOFTWARE of sysexits.h), its edits journalled.
EXIT_CRASHED = 70

# What json.dumps leaves as it is with ensure_ascii off: DEL, the C1 controls, the line and
# paragraph separators, lone surrogates. (It escapes the C0 controls itself.)
_RAW_IN_JSON = re.compile("[\\x7f-\\x9f\\u2028\\u2029\\ud800-\\udfff]")


def say(text: str, *, end: str = "\n", file: TextIO | None = None) -> None:
    """Print `text` for a person to read: its lines kept, every other control escaped."""
    print(shown_lines(text), end=end, file=file or sys.stdout)


def say_data(data: str | bytes) -> None:
    """Write `data` to standard output: exactly, into a pipe or a file; escaped as `say` does
    on a terminal, where data that is not UTF-8 text (a Word file) is refused."""
    out = sys.stdout
    if not out.isatty():
        if isinstance(data, bytes):
            out.flush()
            out.buffer.write(data)
        else:
            out.write(data)
        return
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise WorkbookError(
                "standard output is a terminal, and this is not text: redirect it to a file, "
                "or name one with -o"
            ) from None
    out.write(shown_lines(data))


def json_text(value: object) -> str:
    """`value` as indented JSON, every character as is but the controls, which are escaped."""
    dumped = json.dumps(value, ensure_ascii=False, indent=2)
    return _RAW_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", dumped)


def complain(message: object) -> None:
    """One line on standard error, whatever a file's name or a value quoted in it holds."""
    print(one_line(str(message)), file=sys.stderr)


# Back to the line's start, and the line cleared: each line of progress over the one before.
_OVER = "\r\x1b[K"


def progress(text: str) -> None:
    """A line of progress on standard error, over the last (for a terminal: the caller asks
    `sys.stderr.isatty()`, so a pipe or a log never holds these lines)."""
    print(f"{_OVER}{one_line(text)}", end="", file=sys.stderr, flush=True)


def progress_done() -> None:
    """The line of progress cleared, for what is printed next."""
    print(_OVER, end="", file=sys.stderr, flush=True)
