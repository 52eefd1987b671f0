"""The house's layers hold: the contracts in pyproject.toml (import-linter), which see every
import, at the top, inside a function or for type checking; and, at run time, the core stands
without the terminal and the first frame waits for no models."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import workbook

TOP = Path(__file__).resolve().parent.parent


def lint_imports(folder: Path, *config: str) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "lint-imports"
    return subprocess.run(
        [str(command), "--no-cache", "--no-logo", *config],
        cwd=folder,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(folder), "PATH": ""},
    )


def test_the_import_contracts_are_kept() -> None:
    result = lint_imports(TOP)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and " 0 broken" in result.stdout


def test_the_contracts_see_an_import_for_type_checking_or_in_a_function(tmp_path: Path) -> None:
    package = tmp_path / "house"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "high.py").write_text("class Screen: ...\n")
    (package / "low.py").write_text(
        textwrap.dedent(
            """
            from typing import TYPE_CHECKING
            if TYPE_CHECKING:
                from house.high import Screen
            def later() -> None:
                from house import high
            """
        )
    )
    (tmp_path / "contracts.toml").write_text(
        textwrap.dedent(
            """
            [tool.importlinter]
            root_package = "house"
            [[tool.importlinter.contracts]]
            name = "high over low"
            type = "layers"
            layers = ["house.high", "house.low"]
            """
        )
    )
    result = lint_imports(tmp_path, "contracts.toml")
    assert result.returncode == 1
    assert "house.low -> house.high (l.4, l.6)" in result.stdout


def test_a_circle_between_two_modules_of_a_room_is_seen_even_when_deferred(
    tmp_path: Path,
) -> None:
    """The house's no-circles contract, as pyproject.toml declares it, on a room whose two
    modules import each other, one of them only inside a function."""
    package = tmp_path / "house"
    (package / "room").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "room" / "__init__.py").write_text("")
    (package / "room" / "reader.py").write_text(
        "def read() -> None:\n    from house.room import kind\n"
    )
    (package / "room" / "kind.py").write_text("from house.room.reader import read\n")
    with open(TOP / "pyproject.toml", "rb") as file:
        contracts = tomllib.load(file)["tool"]["importlinter"]["contracts"]
    (contract,) = [c for c in contracts if c["id"] == "no-circles"]
    (tmp_path / "contracts.toml").write_text(
        '[tool.importlinter]\nroot_package = "house"\n[[tool.importlinter.contracts]]\n'
        f'name = "{contract["name"]}"\ntype = "{contract["type"]}"\nancestors = ["house"]\n'
    )
    result = lint_imports(tmp_path, "contracts.toml")
    assert result.returncode == 1
    assert "No cycles are allowed in house.room" in result.stdout


# Every module but the app's (and the one the forked child imports, which stands without it).
CORE = sorted(
    m.name
    for m in pkgutil.walk_packages(workbook.__path__, "workbook.")
    if m.name != "workbook.__main__"
    and (not m.name.startswith("workbook.tui") or m.name == "workbook.tui.glance")
)


def test_the_core_modules_are_known() -> None:
    assert {
        "workbook.core.model",
        "workbook.storage.store",
        "workbook.core.coverage",
        "workbook.commands",
    } <= set(CORE)


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
        "import sys, workbook.commands, workbook.tui.glance, workbook.tui.app\n"
        "import workbook.tui.screens.prep.first_look\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'tomli'}))\n"
        "print(sorted(m for m in sys.modules if m in "
        "('workbook.core.model', 'workbook.storage.store', 'workbook.tui.screens.prep.screen')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.split("\n")[:2] == ["[]", "[]"]
