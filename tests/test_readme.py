"""The README stays true: every test it names as the proof of a promise exists, every module
is in its layout, and its examples print what the commands print."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from workbook.cli import main

TOP = Path(__file__).resolve().parent.parent


def test_every_test_the_readme_names_exists() -> None:
    readme = (TOP / "README.md").read_text(encoding="utf-8")
    named = re.findall(r"`((?:tui/|browser/)?test_\w+\.py)(?:::(\w+))?`", readme)
    assert len(named) > 20
    for file, name in named:
        source = (TOP / "tests" / file).read_text(encoding="utf-8")
        if name:
            assert re.search(rf"^(?:async )?def {name}\(|^{name} = ", source, re.M), (
                f"README names {file}::{name}, which is not there"
            )


def test_the_layout_lists_every_module() -> None:
    readme = (TOP / "README.md").read_text(encoding="utf-8")
    for module in sorted((TOP / "workbook").glob("*.py")):
        if module.name not in ("__init__.py", "__main__.py"):
            assert f"  {module.name}" in readme, f"README's layout lacks {module.name}"


def examples() -> list[tuple[str, str]]:
    """The README's examples: each block whose first line is `$ workbook ...`, with what
    follows it (the command's output)."""
    readme = (TOP / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```\n\$ workbook (.*)\n((?:(?!```).*\n)*)```", readme, re.M)
    return [(command, output) for command, output in blocks]


def test_the_readme_shows_examples() -> None:
    assert {command.split()[0] for command, _ in examples()} >= {"check", "suggest", "cards"}


@pytest.mark.parametrize(("command", "output"), examples())
def test_each_example_prints_what_the_readme_shows(
    command: str,
    output: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(TOP)
    assert main(shlex.split(command)) == 0
    assert capsys.readouterr().out.rstrip("\n") == output.rstrip("\n")
