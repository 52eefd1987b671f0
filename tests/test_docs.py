"""The README and the docs stay true: every test they name as the proof of a promise exists,
every module is in the layout, their examples print what the commands print, their links lead
somewhere, and the docs site builds."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from workbook.commands import main

TOP = Path(__file__).resolve().parent.parent
DOCS = TOP / "docs"
README = TOP / "README.md"
CONTRIBUTING = TOP / "CONTRIBUTING.md"


def pages() -> list[Path]:
    """The README, CONTRIBUTING and every page of the docs."""
    return [README, CONTRIBUTING, *sorted(DOCS.rglob("*.md"))]


def name(page: Path) -> str:
    return str(page.relative_to(TOP))


# A test named as proof: `test_store.py::test_a_failed_save_leaves_the_old_file`,
# `tui/test_keeping.py::...`, `tests/test_provenance.py` or a file alone.
NAMED = re.compile(r"`(?:tests/)?((?:tui/|browser/)?test_\w+\.py)(?:::(\w+))?`")


def named_tests(text: str) -> list[tuple[str, str]]:
    return NAMED.findall(text)


def missing_tests(text: str) -> list[str]:
    """The tests a text names that are not there, as `file::name` (or the file alone)."""
    missing = []
    for file, test in named_tests(text):
        path = TOP / "tests" / file
        if not path.is_file():
            missing.append(file)
            continue
        source = path.read_text(encoding="utf-8")
        if test and not re.search(rf"^(?:async )?def {test}\(|^{test} = ", source, re.M):
            missing.append(f"{file}::{test}")
    return missing


def test_every_test_the_docs_name_exists() -> None:
    named = 0
    for page in pages():
        text = page.read_text(encoding="utf-8")
        named += len(named_tests(text))
        missing = missing_tests(text)
        assert not missing, f"{name(page)} names tests that are not there: {missing}"
    assert named > 60


def test_every_promise_names_the_test_that_proves_it() -> None:
    promises = (DOCS / "promises.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \*\*(.+?)\*\*(.*?)(?=^- |\Z)", promises, re.M | re.S)
    assert len(items) > 20
    for title, text in items:
        assert named_tests(text), f"the promise {title!r} names no test"


def test_a_test_that_is_not_there_is_caught() -> None:
    text = (
        "`test_store.py::test_a_failed_save_leaves_the_old_file`, "
        "`test_store.py::test_no_such_promise`, `tests/test_no_such_file.py`, "
        "`tui/test_keeping.py::test_edits_are_journalled_within_two_seconds`"
    )
    assert missing_tests(text) == ["test_store.py::test_no_such_promise", "test_no_such_file.py"]


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
    package = TOP / "workbook"
    modules = {
        str(path.relative_to(package))
        for path in [*package.rglob("*.py"), *package.rglob("*.tcss")]
        if path.parent != package
        and (path.name not in ("__init__.py", "__main__.py") or holds_code(path))
    }
    listed = layout((DOCS / "design" / "layout.md").read_text(encoding="utf-8"))
    assert not modules - listed, f"the layout lacks {sorted(modules - listed)}"
    assert not listed - modules, f"the layout lists what is not there: {sorted(listed - modules)}"


def test_the_layout_reads_nested_folders_and_long_descriptions() -> None:
    text = (
        "```\n"
        "workbook/          the package\n"
        "  core/            the data\n"
        "    model.py       the model, whose description\n"
        "                   goes on.py here\n"
        "  tui/             the app\n"
        "    screens/       screens\n"
        "      prep/        the main screen\n"
        "        screen.py  the claims\n"
        "    app.tcss       styles\n"
        "positions/         the seed\n"
        "```\n"
    )
    assert layout(text) == {"core/model.py", "tui/screens/prep/screen.py", "tui/app.tcss"}


def examples() -> list[tuple[str, str, str]]:
    """The examples in the README and the docs: each block whose first line is
    `$ workbook ...`, with what follows it (the command's output), and the page it is on."""
    found = []
    for page in pages():
        text = page.read_text(encoding="utf-8")
        blocks = re.findall(r"^```[a-z]*\n\$ workbook (.*)\n((?:(?!```).*\n)*)```", text, re.M)
        found += [(name(page), command, output) for command, output in blocks]
    return found


def test_the_docs_show_examples() -> None:
    assert {command.split()[0] for _, command, _ in examples()} >= {"check", "suggest", "cards"}


@pytest.mark.parametrize(
    ("page", "command", "output"), examples(), ids=[command for _, command, _ in examples()]
)
def test_each_example_prints_what_the_docs_show(
    page: str,
    command: str,
    output: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(TOP)
    assert main(shlex.split(command)) == 0, f"{page}: `workbook {command}` failed"
    assert capsys.readouterr().out.rstrip("\n") == output.rstrip("\n"), page


# The two commands from a fresh clone: the first opens the app on the seed, and CI runs the
# second (.ci/run).
FROM_A_CLONE = [
    "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/workbook",
    "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' "
    "&& npm ci --prefix tests/argdown && .venv/bin/pytest",
]


def test_the_readme_gives_the_commands_from_a_fresh_clone() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    for command in FROM_A_CLONE:
        assert command in lines, f"the README lacks `{command}` on a line of its own"
    assert (TOP / "tests" / "argdown" / "package-lock.json").is_file()
    assert 'workbook = "workbook.commands:main"' in (TOP / "pyproject.toml").read_text()


def test_the_readme_stays_short() -> None:
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 160


def links(text: str) -> list[str]:
    """Every link and image address in a Markdown text (not what stands in code)."""
    found = []
    for token in MarkdownIt("commonmark").parse(text):
        for child in token.children or []:
            if child.type in ("link_open", "image"):
                found.append(str(child.attrs.get("href") or child.attrs.get("src")))
    return found


def broken_links(text: str, folder: Path) -> list[str]:
    """The relative links of a text, read from `folder`, that lead to no file or folder."""
    return [
        link
        for link in links(text)
        if not re.match(r"[a-z][a-z0-9+.-]*:|#", link)
        and not (folder / link.split("#")[0]).exists()
    ]


@pytest.mark.parametrize("page", [README, CONTRIBUTING], ids=lambda page: page.name)
def test_every_relative_link_leads_to_a_file(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    broken = broken_links(text, page.parent)
    assert not broken, f"{page.name} links to what is not there: {broken}"


def test_the_readme_links_into_the_docs() -> None:
    linked = {link.split("#")[0] for link in links(README.read_text(encoding="utf-8"))}
    assert {"docs/index.md", "docs/reference/commands.md", "docs/promises.md"} <= linked
    assert len({link for link in linked if link.startswith("docs/")}) >= 10


def test_a_link_to_nothing_is_caught() -> None:
    text = (
        "[ok](docs/index.md#where-to-read) [gone](docs/no-such-page.md) "
        "[web](https://example.org/x.md) [here](#start) `[code](docs/nothing.md)`"
    )
    assert broken_links(text, TOP) == ["docs/no-such-page.md"]


def build_site(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec("mkdocs") is None or importlib.util.find_spec("material") is None:
        pytest.skip("mkdocs-material is not installed: pip install -e '.[docs]'")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_the_docs_site_builds_strictly_and_fetches_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    built = build_site(TOP / "mkdocs.yml", site)
    assert built.returncode == 0, built.stdout + built.stderr
    for page in DOCS.rglob("*.md"):
        path = page.relative_to(DOCS).with_suffix("")
        html = site / path.parent if path.name == "index" else site / path
        assert (html / "index.html").is_file(), f"{page} was not built"
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        remote = re.findall(r"<(?:link|script|img)\b[^>]*(?:href|src)=\"(?:https?:)?//[^\"]*", text)
        assert not remote, f"{html.relative_to(site)} loads {remote}"


def test_a_broken_link_in_the_docs_stops_the_build(tmp_path: Path) -> None:
    shutil.copytree(DOCS, tmp_path / "docs")
    shutil.copy(TOP / "mkdocs.yml", tmp_path / "mkdocs.yml")
    with (tmp_path / "docs" / "index.md").open("a", encoding="utf-8") as index:
        index.write("\nSee [the keys](reference/keys.md#no-such-heading).\n")
    built = build_site(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert built.returncode != 0
    assert "no-such-heading" in built.stdout + built.stderr
