"""The code stays ruff clean and ruff formatted, and the core type-checks strictly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TOP = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]])
def test_ruff(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command], cwd=TOP, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_core_type_checks_strictly() -> None:
    """`mypy --strict` (set in pyproject.toml) on every module outside the app."""
    core = sorted(str(p.relative_to(TOP)) for p in (TOP / "workbook").glob("*.py"))
    result = subprocess.run(
        [sys.executable, "-m", "mypy", *core], cwd=TOP, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
