"""The command line: exit codes, messages, and files left as they were."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from workbook.commands import main
from workbook.core.model import Card
from workbook.storage.store import load, save


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_check_reports_coverage_per_side(
    capsys: pytest.CaptureFixture[str], small_file: Path
) -> None:
    status, out, err = run(capsys, "check", small_file)
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        f"{small_file}: 2 claims, 3 points, 2 cards (1 open)",
        "  Blowback:   1 claim without a point, 0 points without a card, "
        "2 Deterrence points unanswered, 0 incomplete cites",
        "  Deterrence: 0 claims without a point, 2 points without a card, "
        "0 Blowback points unanswered, 0 incomplete cites",
    ]


def test_check_says_when_the_quotes_could_not_be_checked(
    capsys: pytest.CaptureFixture[str], small_file: Path
) -> None:
    (small_file.parent / "small.txt").unlink()
    status, out, err = run(capsys, "check", small_file)
    assert (status, err) == (0, "")
    assert out.splitlines()[-1] == "  quotes not checked: its essay small.txt is not beside it"


def test_check_counts_one_of_each_in_the_singular(
    capsys: pytest.CaptureFixture[str], small_file: Path
) -> None:
    workbook = load(small_file)
    del workbook.claims["story"], workbook.cards["slot"]
    del workbook.claims["blowback"].points["p2"]
    save(workbook, small_file)
    status, out, _ = run(capsys, "check", small_file)
    assert status == 0
    assert out.splitlines()[0] == f"{small_file}: 1 claim, 1 point, 1 card (0 open)"


def test_check_counts_incomplete_cites_per_side_and_lists_unused_cards(
    capsys: pytest.CaptureFixture[str], small_file: Path
) -> None:
    workbook = load(small_file)
    undated = Card(publication="Newsweek", text="words")
    workbook.cards["undated"] = undated
    workbook.cards["anonymous"] = Card(date="2020", text="more words")
    workbook.cards["cut"] = Card(tag="Not placed yet")
    story = workbook.claims["story"]
    story.points["p1"].cards = ["undated", "anonymous"]
    workbook.claims["blowback"].points["p2"].cards = ["undated"]  # counted once per side
    save(workbook, small_file)
    status, out, _ = run(capsys, "check", small_file)
    assert status == 0
    lines = out.splitlines()
    assert lines[1].endswith(", 0 incomplete cites")
    assert lines[2].endswith(", 2 incomplete cites")
    assert lines[3:] == ["  2 unused cards: slot, cut"]


HOSTILE = {
    "empty.toml": b"",
    "syntax.toml": b"format = 1\ntitle = \n",
    "latin1.toml": b'format = 1\ntitle = "\xe9"\n',
    "types.toml": b'format = "one"\n',
    "nul.toml": b"format = 1\x00\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_bad_input_exits_2_with_one_line_and_no_change(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    for command in ("check", "fmt"):
        status, out, err = run(capsys, command, path)
        assert status == 2
        assert out == ""
        assert err.count("\n") == 1 and err.startswith(str(path))
        assert "Traceback" not in err
        assert path.read_bytes() == HOSTILE[name]


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('side = "pro"\nkind = "answers"', 'side = "nobody"\nkind = "answers"', "points.p2.side"),
        ('answers = "p1"', 'answers = "p7"', "points.p2.answers"),
        ("strength = 4", "strength = 9", "points.p1.strength"),
    ],
)
def test_schema_errors_name_the_field(
    capsys: pytest.CaptureFixture[str], small_file: Path, old: str, new: str, field: str
) -> None:
    small_file.write_text(small_file.read_text().replace(old, new))
    before = small_file.read_bytes()
    status, _, err = run(capsys, "check", small_file)
    assert status == 2
    assert err.startswith(f"{small_file}: claims.blowback.{field}: ")
    assert small_file.read_bytes() == before


def test_missing_file_and_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "check", tmp_path / "none.toml")[0] == 2
    assert run(capsys, "check", tmp_path)[0] == 2
    assert run(capsys, tmp_path / "none.toml")[0] == 2


def test_opening_leaves_garbage_collected_even_when_it_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Opening holds collection off while the app starts; a file that cannot be read must not
    # leave it off for whatever runs next in the process.
    assert run(capsys, tmp_path / "none.toml")[0] == 2
    assert gc.isenabled()


def test_check_goes_on_past_a_bad_file(
    capsys: pytest.CaptureFixture[str], small_file: Path
) -> None:
    status, out, err = run(capsys, "check", small_file.parent / "none.toml", small_file)
    assert status == 2
    assert "no such file" in err
    assert out.startswith(str(small_file))


def test_fmt_rewrites_a_file_in_canonical_form(
    capsys: pytest.CaptureFixture[str], small_file: Path
) -> None:
    canonical = small_file.read_bytes()
    small_file.write_bytes(canonical.replace(b"\n", b"\r\n").replace(b'tag = "', b'tag =   "'))
    assert run(capsys, "fmt", "--check", small_file)[0] == 1
    assert small_file.read_bytes() != canonical
    status, out, _ = run(capsys, "fmt", small_file)
    assert (status, out) == (0, f"{small_file}: reformatted\n")
    assert small_file.read_bytes() == canonical
    assert run(capsys, "fmt", "--check", small_file)[0] == 0


def test_fmt_check_changes_nothing(capsys: pytest.CaptureFixture[str], small_file: Path) -> None:
    small_file.write_text("# a comment\n" + small_file.read_text())
    before = small_file.read_bytes()
    status, _, err = run(capsys, "fmt", "--check", small_file)
    assert status == 1
    assert err == f"{small_file}: not in canonical form\n"
    assert small_file.read_bytes() == before


def test_python_dash_m_is_the_same_command(small_file: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "workbook", "check", str(small_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith(f"{small_file}: 2 claims")


def test_usage_errors_are_argparse_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["fmt"])
    assert caught.value.code == 2


def test_a_mistyped_command_is_told_apart_from_a_missing_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "chek")
    assert (status, err) == (
        2,
        "chek: no such file (nor is it a command: workbook --help lists them)\n",
    )
    status, _, err = run(capsys, "gone.toml")
    assert (status, err) == (2, "gone.toml: no such file\n")


@pytest.mark.parametrize(
    ("args", "usage", "error"),
    [
        (["time"], "usage: workbook time [-h] FORMAT", "required: FORMAT"),
        (["check", "--bogus", "x.toml"], "usage: workbook check ", "arguments: --bogus"),
        (["x.toml", "--bogus"], "usage: workbook open ", "arguments: --bogus"),
    ],
)
def test_a_command_used_wrongly_shows_its_own_usage(
    capsys: pytest.CaptureFixture[str], args: list[str], usage: str, error: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(usage)
    command = usage.split()[2]
    assert err.splitlines()[-1].startswith(f"workbook {command}: error: ")
    assert err.splitlines()[-1].endswith(error)


def test_export_writes_the_brief_beside_the_workbook(
    capsys: pytest.CaptureFixture[str], small_file: Path
) -> None:
    status, out, _ = run(capsys, "export", small_file)
    brief = small_file.parent / "small.brief.md"
    assert (status, out) == (0, f"{small_file}: brief written to {brief}\n")
    assert brief.read_text().startswith("# Small\n")


def test_export_to_standard_output_with_options(
    capsys: pytest.CaptureFixture[str], small_file: Path
) -> None:
    status, out, _ = run(
        capsys, "export", small_file, "-o", "-", "--ours", "Deterrence", "--rate", "10"
    )
    assert status == 0
    assert "| Deterrence | Blowback |" in out
    assert "at 10 words a minute" in out
    assert not (small_file.parent / "small.brief.md").exists()


def test_export_to_a_named_file(capsys: pytest.CaptureFixture[str], small_file: Path) -> None:
    out = small_file.parent / "out" / "b.md"
    out.parent.mkdir()
    assert run(capsys, "export", small_file, "-o", out, "--cites-only")[0] == 0
    assert "| Blowback | Deterrence |" in out.read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ours", "nobody"], "--ours: no side 'nobody'"),
        (["--rate", "0"], "--rate: must be a positive number"),
        (["-o", "/nonexistent-folder/x.md"], "cannot save"),
    ],
)
def test_export_refuses_bad_options(
    capsys: pytest.CaptureFixture[str], small_file: Path, args: list[str], message: str
) -> None:
    status, _, err = run(capsys, "export", small_file, *args)
    assert status == 2 and message in err and err.count("\n") == 1


def test_export_of_a_bad_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("format = 1\n")
    status, _, err = run(capsys, "export", path)
    assert status == 2 and err.startswith(f"{path}: essay: is required")
    assert not (tmp_path / "bad.brief.md").exists()


def test_open_is_the_default_command_even_with_options_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import workbook.commands.open

    seen: list[tuple[Path | None, str | None]] = []
    monkeypatch.setattr(
        workbook.commands.open, "run", lambda args: seen.append((args.path, args.ours))
    )
    main(["--ours", "deterrence"])
    main(["w.toml", "--ours", "Blowback"])
    assert seen == [(None, "deterrence"), (Path("w.toml"), "Blowback")]


def test_no_error_line_can_be_split_by_a_name_or_a_value(
    capsys: pytest.CaptureFixture[str], small_file: Path
) -> None:
    odd = '"st\\nory\\u001b[2J"'  # a TOML key holding a line break and a terminal escape
    text = small_file.read_text().replace("[claims.story", f"[claims.{odd}")
    small_file.write_text(text)
    status, _, err = run(capsys, "check", small_file)
    assert status == 2
    assert err.startswith(f"{small_file}: claims.'st\\nory\\x1b[2J': an id uses only letters")
    assert err.count("\n") == 1 and "\x1b" not in err
    strange = small_file.with_name("new\nline\x1b[31m.toml")
    strange.write_text("format = 1\nessay = { paragraphs = 1 }\n[sides]\n")
    status, _, err = run(capsys, "check", strange)
    assert status == 2
    shown = f"{small_file.parent}/new\\nline\\x1b[31m.toml"
    assert err == f"{shown}: sides: a workbook has exactly two sides (found 0)\n"


def test_one_line_escapes_only_what_could_break_a_line() -> None:
    from workbook.storage.files import one_line

    kept = "ممنوع e\u0301 🧨 \u202e\u00a0\t".replace("\t", "")
    assert one_line(kept) == kept
    assert one_line("a\nb\r\x00\x1b\x85\u2028\u2029\udcff") == (
        "a\\nb\\r\\x00\\x1b\\x85\\u2028\\u2029\\udcff"
    )


def test_a_reader_that_stops_reading_ends_the_command_quietly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`workbook export … -o - | head -1`: the reader leaves while the brief is written; the
    command ends with the shell's status for it, and no traceback."""
    import os

    from workbook.storage.places import seed_path

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before a word is written
    with open(write_end, "w", encoding="utf-8") as gone:
        monkeypatch.setattr(sys, "stdout", gone)
        assert main(["export", str(seed_path()), "-o", "-"]) == 141
