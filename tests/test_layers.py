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


def test_the_first_frame_waits_for_no_models() -> None:
    """What the open command imports before its first frame: Textual and the first look, but
    not the models (pydantic), the TOML parser and store (the child parses), or the main
    screen: those load while the first look shows."""
    script = (
        "import sys, workbook.cli, workbook.glance, workbook.tui.app, workbook.tui.first_look\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'tomli'}))\n"
        "print(sorted(m for m in sys.modules if m in "
        "('workbook.model', 'workbook.store', 'workbook.tui.prep_screen')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.split("\n")[:2] == ["[]", "[]"]
