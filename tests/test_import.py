"""`workbook import`: a squad's Word files read into a card library, one line a file; each
card once; a file that cannot be read, or an OUT that cannot be written, changes nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.word_files import JONES, LEE, SMITH, TUB, write_tub
from workbook.commands import main
from workbook.storage.store import load, save


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def tub(tmp_path: Path) -> Path:
    return write_tub(tmp_path / "tub.docx", TUB)


def test_a_tub_becomes_a_card_library(
    capsys: pytest.CaptureFixture[str], tub: Path, tmp_path: Path
) -> None:
    out_path = tmp_path / "cards.toml"
    status, out, err = run(capsys, "import", tub, "-o", out_path)
    assert (status, err) == (0, "")
    assert out == f"{tub}: 3 cards (3 new, 0 already there), 1 analytic, 0 paragraphs skipped\n"
    library = load(out_path)
    assert library.essay is None and library.title == "tub"
    assert list(library.cards) == ["strikes-win-wages", "strikes-end-fast", "wages-stall"]
    smith = library.cards["strikes-win-wages"]
    assert smith.cited_as == SMITH.cite
    assert smith.filed_under == ["Aff Answers", "Strikes", "AT: Strikes backfire"]
    assert smith.text == "Workers who ++==strike win==++ higher wages."
    assert library.cards["wages-stall"].filed_under == ["Aff Answers", "Strikes", "AT: Wages"]


def test_the_same_file_imported_twice_adds_nothing_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tub: Path, tmp_path: Path
) -> None:
    out_path = tmp_path / "cards.toml"
    run(capsys, "import", tub, "-o", out_path)
    written = out_path.read_bytes()
    stamp = out_path.stat().st_mtime_ns
    status, out, _ = run(capsys, "import", tub, "-o", out_path)
    assert status == 0
    assert "3 cards (0 new, 3 already there)" in out
    assert out_path.read_bytes() == written and out_path.stat().st_mtime_ns == stamp


def test_a_file_named_twice_is_read_once(
    capsys: pytest.CaptureFixture[str], tub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "import", tub, "tub.docx", f"./{tub.name}", "-o", "c.toml")
    assert status == 0
    assert out.count("\n") == 1 and "3 new" in out


def test_the_same_card_in_two_files_is_one_card(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first = write_tub(tmp_path / "a.docx", [(1, "Aff"), SMITH, JONES])
    second = write_tub(tmp_path / "b.docx", [(1, "Neg"), SMITH, LEE])
    status, out, _ = run(capsys, "import", first, second, "-o", tmp_path / "c.toml")
    assert status == 0
    assert out.splitlines() == [
        f"{first}: 2 cards (2 new, 0 already there), 0 analytics, 0 paragraphs skipped",
        f"{second}: 2 cards (1 new, 1 already there), 0 analytics, 0 paragraphs skipped",
    ]
    assert len(load(tmp_path / "c.toml").cards) == 3


def test_a_folder_is_its_word_files_and_its_folders(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    squad = tmp_path / "squad"
    (squad / "neg" / "deeper").mkdir(parents=True)
    (squad / ".git").mkdir()
    write_tub(squad / "aff.docx", [SMITH])
    write_tub(squad / "neg" / "deeper" / "neg.docx", [JONES])
    write_tub(squad / ".git" / "hidden.docx", [LEE])
    shutil.copyfile(squad / "aff.docx", squad / "~$aff.docx")  # Word's file of an open one
    (squad / "notes.txt").write_text("not a Word file", encoding="utf-8")
    status, out, _ = run(capsys, "import", squad, "-o", tmp_path / "c.toml", "--title", "Squad")
    assert status == 0
    assert [line.split(":")[0] for line in out.splitlines()] == [
        str(squad / "aff.docx"),
        str(squad / "neg" / "deeper" / "neg.docx"),
    ]
    assert load(tmp_path / "c.toml").title == "Squad"


def test_cards_go_into_an_ordinary_workbooks_library(
    capsys: pytest.CaptureFixture[str], tub: Path, small_file: Path
) -> None:
    before = load(small_file)
    status, _, _ = run(capsys, "import", tub, "-o", small_file)
    assert status == 0
    after = load(small_file)
    assert after.claims == before.claims and after.essay == before.essay
    assert list(after.cards) == [
        *before.cards,
        "strikes-win-wages",
        "strikes-end-fast",
        "wages-stall",
    ]


def test_without_o_the_cards_go_to_cards_toml_here(
    capsys: pytest.CaptureFixture[str], tub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, _, _ = run(capsys, "import", tub)
    assert status == 0
    assert len(load(tmp_path / "cards.toml").cards) == 3


def test_a_file_that_is_not_a_word_document_changes_nothing(
    capsys: pytest.CaptureFixture[str], tub: Path, tmp_path: Path
) -> None:
    out_path = tmp_path / "cards.toml"
    run(capsys, "import", write_tub(tmp_path / "first.docx", [LEE]), "-o", out_path)
    written = out_path.read_bytes()
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    status, out, err = run(capsys, "import", tub, bad, "-o", out_path)
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(f"{bad}: ")
    assert "Traceback" not in err
    assert out_path.read_bytes() == written


def test_a_missing_file_is_one_line_and_no_library_is_made(
    capsys: pytest.CaptureFixture[str], tub: Path, tmp_path: Path
) -> None:
    gone = tmp_path / "gone.docx"
    status, _, err = run(capsys, "import", tub, gone, "-o", tmp_path / "c.toml")
    assert (status, err) == (2, f"{gone}: no such file\n")
    assert not (tmp_path / "c.toml").exists()


def test_a_named_pipe_among_the_files_is_refused_without_waiting_on_it(
    capsys: pytest.CaptureFixture[str], tub: Path, tmp_path: Path
) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    pipe = tmp_path / "pipe.docx"
    os.mkfifo(pipe)
    status, _, err = run(capsys, "import", tub, pipe, "-o", tmp_path / "c.toml")
    assert (status, err) == (2, f"{pipe}: is a named pipe (FIFO), not a Word file\n")
    assert not (tmp_path / "c.toml").exists()


def test_a_folder_with_no_word_file_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "empty").mkdir()
    status, _, err = run(capsys, "import", tmp_path / "empty", "-o", tmp_path / "c.toml")
    assert status == 2 and "no Word file (.docx) to import" in err
    assert not (tmp_path / "c.toml").exists()


@pytest.mark.parametrize("kind", ["folder", "fifo", "not a workbook", "not toml", "read-only"])
def test_an_out_that_is_no_workbook_to_write_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tub: Path, tmp_path: Path, kind: str
) -> None:
    out_path = tmp_path / ("out.docx" if kind == "not toml" else "out.toml")
    if kind == "folder":
        out_path.mkdir()
    elif kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes here")
        os.mkfifo(out_path)
    elif kind == "not a workbook":
        out_path.write_text('[tool.other]\nname = "x"\n', encoding="utf-8")
    elif kind == "read-only":
        save(load(write_library(capsys, tub, tmp_path / "made.toml")), out_path)
        out_path.chmod(0o444)
        if os.access(out_path, os.W_OK):
            pytest.skip("running as a user who writes read-only files")
    before = out_path.read_bytes() if out_path.is_file() else None
    status, out, err = run(capsys, "import", tub, "-o", out_path)
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and str(out_path) in err and "Traceback" not in err
    if before is not None:
        assert out_path.read_bytes() == before


def write_library(capsys: pytest.CaptureFixture[str], tub: Path, path: Path) -> Path:
    assert run(capsys, "import", tub, "-o", path)[0] == 0
    return path


def test_a_title_of_two_lines_is_refused(
    capsys: pytest.CaptureFixture[str], tub: Path, tmp_path: Path
) -> None:
    status, _, err = run(capsys, "import", tub, "-o", tmp_path / "c.toml", "--title", "a\nb")
    assert status == 2 and err == "--title: one line\n"


def test_no_progress_when_standard_error_is_no_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = [write_tub(tmp_path / f"{n}.docx", [SMITH]) for n in range(3)]
    status, _, err = run(capsys, "import", *files, "-o", tmp_path / "c.toml")
    assert (status, err) == (0, "")


def test_progress_on_a_terminal_is_cleared_at_the_end(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [write_tub(tmp_path / f"{n}.docx", [SMITH]) for n in range(2)]
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    status, _, err = run(capsys, "import", *files, "-o", tmp_path / "c.toml")
    assert status == 0
    assert "reading 1 of 2: 0.docx" in err and "reading 2 of 2: 1.docx" in err
    assert err.endswith("\r\x1b[K") and "\n" not in err


def test_the_installed_command_imports(tub: Path, tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "workbook"
    result = subprocess.run(
        [str(command), "import", str(tub), "-o", str(tmp_path / "c.toml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith(
        "3 cards (3 new, 0 already there), 1 analytic, 0 paragraphs skipped\n"
    )
