"""Every TOML file the workbook reads (workbooks, journals, drill histories, the formats file, the
versions a merge is given) goes through one reader, with size and depth limits: a file nested
hundreds or thousands deep is one line and status 2, never a traceback, and the file is left as
it was."""

from __future__ import annotations

import ast
import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.commands import main
from workbook.exports.argdown import export as argdown_export
from workbook.practice.drills import load_history
from workbook.practice.format_file import load_formats
from workbook.practice.formats import Formats
from workbook.session.journal import DAMAGED, find_journals
from workbook.storage.files import WorkbookError
from workbook.storage.store import load

PACKAGE = Path(__file__).resolve().parent.parent / "workbook"
DEPTHS = [300, 5000]


def nested(depth: int) -> str:
    """A TOML value of arrays within arrays, `depth` deep."""
    return "[" * depth + "]" * depth


def nested_tables(depth: int) -> str:
    """A TOML value of inline tables within inline tables, `depth` deep."""
    return "{a = " * depth + "1" + "}" * depth


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def one_line_refusal(status: int, out: str, err: str) -> None:
    assert status == 2, (status, out, err)
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "nested too deeply" in err, err


def with_deep_conflict(path: Path, depth: int) -> bytes:
    """The workbook at `path` with a conflict whose value is nested `depth` deep."""
    text = path.read_text(encoding="utf-8")
    text += f'\n[[conflicts]]\npath = "claims.blowback.tag"\nours = {nested(depth)}\n'
    path.write_text(text, encoding="utf-8")
    return path.read_bytes()


@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("command", ["check", "fmt", "export", "cards"])
def test_a_workbook_nested_deep_is_one_line_and_left_as_it_was(
    capsys: pytest.CaptureFixture[str], small_file: Path, command: str, depth: int
) -> None:
    before = with_deep_conflict(small_file, depth)
    one_line_refusal(*run(capsys, command, small_file))
    assert small_file.read_bytes() == before
    assert not small_file.with_name("small.toml.bak").exists()


@pytest.mark.parametrize("depth", DEPTHS)
def test_merge_of_a_version_nested_deep_is_one_line(
    capsys: pytest.CaptureFixture[str], small_file: Path, tmp_path: Path, depth: int
) -> None:
    ours = tmp_path / "ours.toml"
    ours.write_bytes(small_file.read_bytes())
    before = with_deep_conflict(ours, depth)
    one_line_refusal(*run(capsys, "merge", small_file, ours, small_file, "-o", ours))
    assert ours.read_bytes() == before


@pytest.mark.parametrize("depth", DEPTHS)
def test_merge_of_any_toml_nested_deep_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, depth: int
) -> None:
    """A TOML file that is no workbook is still read first, to tell whether it is one."""
    base = tmp_path / "base.toml"
    base.write_text("name = 1\n", encoding="utf-8")
    ours = tmp_path / "ours.toml"
    ours.write_text(f"name = {nested_tables(depth)}\n", encoding="utf-8")
    one_line_refusal(*run(capsys, "merge", base, ours, base))


@pytest.mark.parametrize("depth", DEPTHS)
def test_new_from_an_argdown_export_nested_deep_is_one_line(
    capsys: pytest.CaptureFixture[str], small_file: Path, tmp_path: Path, depth: int
) -> None:
    lines = argdown_export(load(small_file)).split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("workbook: "))
    front = json.loads(lines[at].removeprefix("workbook: "))
    front["conflicts"] = [{"path": "claims.blowback.tag", "ours": "DEEP"}]
    lines[at] = "workbook: " + json.dumps(front).replace('"DEEP"', nested(depth))
    source = tmp_path / "deep.argdown"
    source.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "back.toml"
    one_line_refusal(*run(capsys, "new", "--from", "argdown", source, "-o", out))
    assert not out.exists()


@pytest.fixture
def formats_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = tmp_path / "config" / "workbook" / "formats.toml"
    path.parent.mkdir(parents=True)
    return path


@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("value", [nested, nested_tables])
def test_a_formats_file_nested_deep_is_one_line(
    capsys: pytest.CaptureFixture[str], formats_file: Path, depth: int, value: object
) -> None:
    assert callable(value)
    formats_file.write_text(f"[formats.ld]\nmarks = {value(depth)}\n", encoding="utf-8")
    one_line_refusal(*run(capsys, "formats"))
    one_line_refusal(*run(capsys, "time", "ld"))
    with pytest.raises(WorkbookError, match="nested too deeply"):
        load_formats(formats_file)


def test_an_empty_formats_file_changes_nothing(
    capsys: pytest.CaptureFixture[str], formats_file: Path
) -> None:
    for text in ("", "\n\n", "# my formats, one day\n"):
        formats_file.write_text(text, encoding="utf-8")
        assert load_formats(formats_file) == Formats()
        status, out, err = run(capsys, "formats")
        assert (status, err) == (0, "") and "ld: Lincoln-Douglas" in out
        status, out, err = run(capsys, "time", "oxford")  # the format, not the file, is refused
        assert status == 2 and err.startswith("no format 'oxford'"), err


@pytest.mark.parametrize("depth", DEPTHS)
def test_a_drill_history_nested_deep_is_one_line(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "x.drills.toml"
    path.write_text(f'[drills."c/p"]\nbox = {nested(depth)}\n', encoding="utf-8")
    with pytest.raises(WorkbookError, match="nested too deeply") as raised:
        load_history(path)
    assert "\n" not in str(raised.value)


def test_an_empty_drill_history_is_no_history_yet(tmp_path: Path) -> None:
    path = tmp_path / "x.drills.toml"
    for text in ("", "\n", "# nothing drilled yet\n"):
        path.write_text(text, encoding="utf-8")
        assert load_history(path) == {}


@pytest.mark.parametrize("depth", DEPTHS)
def test_a_journal_nested_deep_is_kept_aside_not_a_crash(small_file: Path, depth: int) -> None:
    journal = small_file.with_name("small.toml.0badc0de.journal")
    journal.write_text(f"journal = 3\norder = {nested(depth)}\n", encoding="utf-8")
    found = find_journals(small_file)
    assert found.newest is None and len(found.damaged) == 1
    assert "nested too deeply" in found.damaged[0] and "\n" not in found.damaged[0]
    assert journal.with_name(journal.name + DAMAGED).exists()


def test_a_workbook_as_deep_as_a_real_one_still_reads(small_file: Path) -> None:
    """The limit is far past what a workbook holds: a conflict over a whole claim reads."""
    text = small_file.read_text(encoding="utf-8")
    text += '\n[[conflicts]]\npath = "claims.story"\n[conflicts.ours.points.p1]\n'
    text += 'side = "pro"\nkind = "counters"\ntext = "x"\ncards = [["a", ["b", ["c"]]]]\n'
    small_file.write_text(text, encoding="utf-8")
    assert len(load(small_file).conflicts) == 1


@settings(max_examples=60, deadline=None)
@given(
    opening=st.lists(st.sampled_from(["[", "{a = ", "[{b = ", "{c = ["]), min_size=1, max_size=8),
    depth=st.integers(30, 900),
)
def test_any_shape_of_deep_nesting_is_refused_in_one_line(
    tmp_path_factory: pytest.TempPathFactory, opening: list[str], depth: int
) -> None:
    """Arrays and inline tables in any mix, to any depth past the limit: one line each time,
    from the one reader every file goes through."""
    from workbook.storage.toml_data import MAX_DEPTH, loads

    closing = {"[": "]", "{a = ": "}", "[{b = ": "}]", "{c = [": "]}"}
    parts = [opening[i % len(opening)] for i in range(depth)]
    value = "".join(parts) + "1" + "".join(closing[p] for p in reversed(parts))
    where = tmp_path_factory.mktemp("deep") / "x.toml"
    levels = sum(part.count("[") + part.count("{") for part in parts)
    if levels + 1 <= MAX_DEPTH:
        loads(f"x = {value}\n", where)
        return
    with pytest.raises(WorkbookError, match="nested too deeply") as raised:
        loads(f"x = {value}\n", where)
    assert str(raised.value).startswith(f"{where}:") and "\n" not in str(raised.value)


def test_dotted_keys_thousands_deep_are_refused(tmp_path: Path) -> None:
    from workbook.storage.toml_data import loads

    for text in (".".join(["a"] * 900) + " = 1\n", "[" + ".".join(["b"] * 900) + "]\n"):
        with pytest.raises(WorkbookError, match="nested too deeply"):
            loads(text, tmp_path / "x.toml")


def cpu_time(call: object, *args: object) -> float:
    assert callable(call)
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        call(*args)
        best = min(best, time.process_time() - start)
    return best


def test_the_depth_check_is_linear_in_the_data() -> None:
    from workbook.storage.toml_data import nesting_problem

    def shaped(n: int) -> dict[str, object]:
        return {"claims": {f"c{i}": {"points": {"p": {"cards": ["a", "b"]}}} for i in range(n)}}

    small, large = shaped(20_000), shaped(80_000)
    assert nesting_problem(large) is None
    ratio = cpu_time(nesting_problem, large) / max(cpu_time(nesting_problem, small), 1e-6)
    assert ratio < 8, ratio


def test_finding_where_the_parser_gave_up_is_linear_in_the_text(tmp_path: Path) -> None:
    """Past tomli's own limit the reader looks for the line and column itself, jumping over
    strings and comments: a long file before the deep value costs it no more than its length."""
    from workbook.storage.toml_data import loads

    def deep_after(n: int) -> str:
        lines = [f'k{i} = "a [string] with brackets" # and a [comment]\n' for i in range(n)]
        return "".join(lines) + f"deep = {nested(500)}\n"

    def refuse(text: str) -> None:
        # The 32nd bracket of `deep = [[[…` is the one past the limit: the document is the first.
        line = text.count("\n")
        with pytest.raises(WorkbookError, match=rf"x.toml:{line}:39: values are nested too deeply"):
            loads(text, tmp_path / "x.toml")

    small, large = deep_after(5_000), deep_after(20_000)
    ratio = cpu_time(refuse, large) / max(cpu_time(refuse, small), 1e-6)
    assert ratio < 8, ratio


def test_every_toml_text_is_parsed_by_the_one_reader() -> None:
    """No module but the reader calls tomli or tomllib: a new file read elsewhere would skip
    the limits."""
    readers = []
    for module in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("tomli", "tomllib")
                and node.attr in ("loads", "load")
            ):
                readers.append(str(module.relative_to(PACKAGE)))
    assert sorted(set(readers)) == ["storage/toml_data.py"]
