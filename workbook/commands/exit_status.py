"""How the commands end: their exit statuses, and the one line a failure prints."""

from __future__ import annotations

import sys

from workbook.storage.files import one_line

EXIT_OK = 0
# Something found to act on: what `check` and `fmt --check` would have changed, or the
# conflicts a merge left.
EXIT_CHANGED = 1
EXIT_BAD_INPUT = 2
# The app stopped on an error of its own (EX_SOFTWARE of sysexits.h), its edits journalled.
EXIT_CRASHED = 70


def complain(message: object) -> None:
    """One line on standard error, whatever a file's name or a value quoted in it holds."""
    print(one_line(str(message)), file=sys.stderr)
