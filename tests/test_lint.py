"""The code stays ruff clean and ruff formatted, and all of it type-checks strictly."""

from __future__ import annotations

import ast
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


def test_the_code_type_checks_strictly() -> None:
    """`mypy --strict` (set in pyproject.toml) on the core and the app."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "workbook"], cwd=TOP, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_numbers_are_told_by_what_int_reads() -> None:
    """`str.isdigit` says yes to "²", which `int` refuses with a traceback: a typed number is
    told by `str.isdecimal`, exactly what `int` reads."""
    calls = [
        f"{path.relative_to(TOP)}:{node.lineno}"
        for path in sorted((TOP / "workbook").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "isdigit"
    ]
    assert not calls, calls


def test_the_app_names_a_claim_one_way() -> None:
    """A claim is named to the user by its tag, or its quote while it has none
    (`glance.claim_name`): never by an empty tag, nor by its id, which the user never typed."""
    fallbacks = [
        f"{path.relative_to(TOP)}:{number}"
        for path in sorted((TOP / "workbook" / "tui").rglob("*.py"))
        if path.name != "glance.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "“{claim.tag" in line or "claim.tag or claim_id" in line or ".tag or pick.claim" in line
    ]
    assert not fallbacks, fallbacks


def test_the_apps_words_are_never_read_as_markup() -> None:
    """Textual reads a str given to `Static` or `Label` as markup, and a side named "[/b]"
    stopped the app: every one is made with `markup=False`, and what it styles it builds as
    `Text` or `Content`."""
    unmarked = [
        f"{path.relative_to(TOP)}:{node.lineno}"
        for path in sorted((TOP / "workbook" / "tui").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("Static", "Label")
        and not any(
            k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is False
            for k in node.keywords
        )
    ]
    assert not unmarked, unmarked


def test_app_tests_wait_on_the_notices_given_not_those_still_shown() -> None:
    """A notice stays three seconds; on a loaded machine the app may be looked at again later
    than that. A test that waits for a notice waits on `told` (every notice given), and only the
    tests of notices themselves look at those still on screen."""
    allowed = {"test_notices.py", "test_textual_private.py"}
    readers = [
        path.name
        for path in sorted((TOP / "tests" / "tui").glob("*.py"))
        if path.name not in allowed and "._notifications" in path.read_text(encoding="utf-8")
    ]
    assert readers == []
