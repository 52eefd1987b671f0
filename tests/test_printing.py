"""What the commands print: a workbook's text, with the control characters a teammate's file
may hold (escape sequences that retitle the terminal or clear it, carriage returns, C1 controls)
shown escaped, never sent to the terminal. A line break the output itself makes stays one."""

from __future__ import annotations

import ast
import json
import os
import pty
import select
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from workbook.commands import main
from workbook.core.model import Workbook
from workbook.storage.store import save

from .conftest import ESSAY, small_data

COMMANDS = Path(__file__).resolve().parent.parent / "workbook" / "commands"
# Retitles the terminal, clears the screen, and the same as C1 codes, in text a file may hold.
HOSTILE = "\x1b]0;owned\x07\x1b[2J\x9b2J\x85\u2028"
INERT = {"\n", "\t"}


def inert(text: str) -> bool:
    """Whether `text` can be printed without driving a terminal: no control character but a
    line break or a tab, no line or paragraph separator, no lone surrogate."""
    return not any(
        unicodedata.category(char) in ("Cc", "Zl", "Zp", "Cs") and char not in INERT
        for char in text
    )


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    """The small workbook with control characters in every text a command prints."""
    data = small_data()
    bad = HOSTILE
    data["title"] += bad
    data["sides"]["con"]["name"] += bad
    data["cards"]["smith"]["tag"] += bad
    data["cards"]["smith"]["text"] = "Attacks rose" + bad
    claim = data["claims"]["blowback"]
    claim["tag"] += bad
    claim["points"]["p1"]["text"] += bad
    data["conflicts"] = [{"path": "claims.blowback.tag", "ours": bad, "theirs": "b"}]
    (tmp_path / "small.txt").write_text(ESSAY, encoding="utf-8")
    path = tmp_path / "small.toml"
    save(Workbook.model_validate(data), path)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    "args",
    [
        ["check", "{path}"],
        ["cards", "{path}"],
        ["cards", "{path}", "--json"],
        ["export", "{path}", "-o", "{folder}/brief.md"],
    ],
)
def test_a_workbooks_control_characters_are_printed_escaped(
    capsys: pytest.CaptureFixture[str], hostile_file: Path, args: list[str]
) -> None:
    given_args = [a.format(path=hostile_file, folder=hostile_file.parent) for a in args]
    status, out, err = run(capsys, *given_args)
    assert status in (0, 1), err
    assert out and inert(out) and inert(err), out
    if "check" in args:
        assert "\\x1b]0;owned\\x07" in out  # shown, so that the reader sees something is odd


def test_json_listings_escape_every_control_character_and_stay_json(
    capsys: pytest.CaptureFixture[str], hostile_file: Path
) -> None:
    status, out, _ = run(capsys, "cards", hostile_file, "--json")
    assert status == 0 and inert(out)
    cards = json.loads(out)
    assert cards[0]["tag"].endswith(HOSTILE)  # the text itself, exactly


def test_suggest_escapes_the_essays_control_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    essay = tmp_path / "essay.txt"
    sentences = " ".join(f"Strikes always bring blowback number {n}." for n in range(40))
    # A stray control character survives in an essay's text: a few are read, not refused.
    essay.write_text(f"{sentences} They must{HOSTILE}\r stop.\n", encoding="utf-8")
    for extra in ([], ["--json"]):
        status, out, err = run(capsys, "suggest", essay, *extra)
        assert status == 0 and out and inert(out), (out, err)


@pytest.mark.parametrize("to", ["md", "html", "argdown", "aif"])
def test_export_to_standard_output_is_exact_into_a_pipe(
    capsys: pytest.CaptureFixture[str], hostile_file: Path, to: str
) -> None:
    """Into a pipe or a file the export is the file it would write, byte for byte."""
    written = hostile_file.with_name(f"x.{to}")
    assert run(capsys, "export", hostile_file, "--to", to, "-o", written)[0] == 0
    status, out, _ = run(capsys, "export", hostile_file, "--to", to, "-o", "-")
    assert status == 0 and out == written.read_text(encoding="utf-8")


def test_a_speech_to_standard_output_is_exact_into_a_pipe(
    capsys: pytest.CaptureFixture[str], hostile_file: Path
) -> None:
    args = ["speech", hostile_file, "--side", "con", "--speech", "1AC"]
    written = hostile_file.with_name("1ac.md")
    assert run(capsys, *args, "-o", written)[0] == 0
    status, out, _ = run(capsys, *args)
    assert status == 0 and out == written.read_text(encoding="utf-8")


def on_a_terminal(*args: str | Path, cwd: Path) -> tuple[int, str]:
    """A command run with its output on a real terminal (a pseudo-terminal): its status and
    everything it showed."""
    main_end, command_end = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "workbook", *(str(a) for a in args)],
        stdin=subprocess.DEVNULL,
        stdout=command_end,
        stderr=command_end,
        cwd=cwd,
        env={**os.environ, "TERM": "xterm", "COLUMNS": "200"},
    )
    os.close(command_end)
    shown = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main_end], [], [], 0.5)
        if not ready:
            if process.poll() is not None:
                break
            continue
        try:
            chunk = os.read(main_end, 65536)
        except OSError:  # the terminal closed: the command is done
            break
        if not chunk:
            break
        shown += chunk
    os.close(main_end)
    status = process.wait(timeout=30)
    # The terminal turns each line break into a carriage return and a line break.
    return status, shown.decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.mark.parametrize(
    "args",
    [
        ["check", "small.toml"],
        ["speech", "small.toml", "--side", "con", "--speech", "1AC"],
        ["export", "small.toml", "-o", "-"],
        ["export", "small.toml", "--to", "argdown", "-o", "-"],
        ["merge", "small.toml", "small.toml", "small.toml"],
    ],
)
def test_nothing_a_workbook_holds_reaches_a_real_terminal_raw(
    hostile_file: Path, args: list[str]
) -> None:
    status, shown = on_a_terminal(*args, cwd=hostile_file.parent)
    assert status in (0, 1), shown
    assert shown and inert(shown), shown


def test_word_to_a_terminal_is_refused_in_one_line(hostile_file: Path) -> None:
    status, shown = on_a_terminal(
        "export", "small.toml", "--to", "docx", "-o", "-", cwd=hostile_file.parent
    )
    assert status == 2 and shown.count("\n") == 1 and inert(shown), shown


@given(st.text())
@example("\\t")  # a backslash and a t, written in the text: not a tab
def test_shown_text_keeps_its_lines_and_escapes_the_rest(text: str) -> None:
    from workbook.storage.files import one_line, shown_lines

    shown = shown_lines(text)
    assert inert(shown)
    expected = ["\t".join(one_line(part) for part in line.split("\t")) for line in text.split("\n")]
    assert shown.split("\n") == expected


def test_shown_text_is_linear_in_its_length() -> None:
    from workbook.storage.files import shown_lines

    def best(text: str) -> float:
        times = []
        for _ in range(3):
            start = time.process_time()
            shown_lines(text)
            times.append(time.process_time() - start)
        return min(times)

    unit = "a line of text\x1b[2J with \x9b controls\n"
    small, large = unit * 20_000, unit * 80_000
    assert best(large) / max(best(small), 1e-6) < 8


def test_every_command_prints_through_the_escaping_functions() -> None:
    """A command's module never prints a text or writes to standard output but through
    exit_status.py's say, say_data and complain (or, for one line, one_line): a new command
    cannot forget to escape."""
    offenders = []
    for module in sorted(COMMANDS.glob("*.py")):
        if module.name == "exit_status.py":
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id == "print":
                for arg in node.args:
                    called = arg.func if isinstance(arg, ast.Call) else None
                    if not (isinstance(called, ast.Name) and called.id == "one_line"):
                        offenders.append(f"{module.name}:{node.lineno}: print")
            elif (
                isinstance(func, ast.Attribute)
                and func.attr == "write"
                and any(name in ast.unparse(func.value) for name in ("stdout", "stderr"))
            ):
                offenders.append(f"{module.name}:{node.lineno}: {ast.unparse(func)}")
    assert offenders == []
