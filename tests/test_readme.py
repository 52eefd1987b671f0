"""The README stays true: every test it names as the proof of a promise exists, every module
is in its layout, and its examples print what the commands print."""

from __future__ import annotations

import ast
import re
import shlex
from pathlib import Path

import pytest

from workbook.commands import main

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


def layout(text: str) -> set[str]:
    """The files a layout block lists under workbook/, as paths ("core/model.py"): each
    line's first word, under the folder lines above it with less indentation. A line indented
    as far as the descriptions continues the description above it."""
    block = text[text.index("\nworkbook/") + 1 :]
    block = block[: block.index("```")]
    first = block.splitlines()[0]
    descriptions = len(first) - len(first.split(maxsplit=1)[1])
    folders: list[tuple[int, str]] = []
    listed: set[str] = set()
    for line in block.splitlines():
        name = line.split()[0] if line.strip() else ""
        indent = len(line) - len(line.lstrip())
        if not name or indent >= descriptions:
            continue
        if indent == 0 and name != "workbook/":
            break
        while folders and folders[-1][0] >= indent:
            folders.pop()
        path = "".join(folder for _, folder in folders[1:]) + name
        if name.endswith("/"):
            folders.append((indent, name))
        elif folders and "." in name:
            listed.add(path)
    return listed


def holds_code(path: Path) -> bool:
    """A package's `__init__.py` with more in it than its docstring."""
    return len(ast.parse(path.read_text(encoding="utf-8")).body) > 1


def test_the_layout_lists_every_module() -> None:
    readme = (TOP / "README.md").read_text(encoding="utf-8")
    package = TOP / "workbook"
    modules = {
        str(path.relative_to(package))
        for path in [*package.rglob("*.py"), *package.rglob("*.tcss")]
        if path.parent != package
        and (path.name not in ("__init__.py", "__main__.py") or holds_code(path))
    }
    listed = layout(readme)
    assert not modules - listed, f"the layout lacks {sorted(modules - listed)}"
    assert not listed - modules, f"the layout lists what is not there: {sorted(listed - modules)}"


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
