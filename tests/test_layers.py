"""The core stands without the terminal: only workbook.tui may import Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import workbook

CORE = sorted(
    f"workbook.{m.name}"
    for m in pkgutil.iter_modules(workbook.__path__)
    if m.name not in ("tui", "__main__")
)


def test_the_core_modules_are_known() -> None:
    assert {"workbook.model", "workbook.store", "workbook.coverage", "workbook.cli"} <= set(CORE)


def test_the_core_never_imports_textual() -> None:
    script = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in CORE)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
