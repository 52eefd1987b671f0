"""The judge's copy, from the command line: Markdown, the printable page and Word, without what
the team keeps for itself; refused in one line by the formats that have no such copy."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from workbook.commands import main
from workbook.core.model import Workbook
from workbook.exports.docx import WordOptions, export
from workbook.storage.store import load, save


def with_team_notes(path: Path) -> Path:
    workbook = load(path)
    workbook.cards["smith"].notes = "Team only: read the second half first."
    save(workbook, path)
    return path


@pytest.mark.parametrize("to", ["md", "html"])
def test_the_judges_brief_has_no_slot_note_strength_or_coverage(
    small_file: Path, tmp_path: Path, to: str
) -> None:
    with_team_notes(small_file)
    full, judge = tmp_path / f"full.{to}", tmp_path / f"judge.{to}"
    assert main(["export", str(small_file), "-o", str(full)]) == 0
    assert main(["export", str(small_file), "--judge", "-o", str(judge)]) == 0
    full_text, judge_text = full.read_text(), judge.read_text()
    for kept in ("Team only", "evidence needed", "unanswered by", "★", "Coverage"):
        assert kept in full_text and kept not in judge_text, kept
    assert "Attacks rose" in judge_text


def test_the_judges_word_file_has_no_open_slot_or_strength(small: Workbook) -> None:
    def texts(options: WordOptions) -> list[str]:
        import io

        return [p.text for p in docx.Document(io.BytesIO(export(small, options))).paragraphs]

    full, judge = texts(WordOptions()), texts(WordOptions(judge=True))
    assert "Supports: Attacks rose. (★★★★)" in full and "☐ evidence needed" in full
    assert "Supports: Attacks rose." in judge
    assert not any("★" in t or "evidence needed" in t for t in judge)
    assert "Attacks rose" in judge  # the card itself, its tag


@pytest.mark.parametrize("to", ["argdown", "aif"])
def test_a_judges_copy_is_refused_where_the_format_has_none(
    small_file: Path, capsys: pytest.CaptureFixture[str], to: str
) -> None:
    before = sorted(small_file.parent.iterdir())
    assert main(["export", str(small_file), "--to", to, "--judge"]) == 2
    assert capsys.readouterr().err == f"--judge: only --to md, html or docx writes it (not {to})\n"
    assert sorted(small_file.parent.iterdir()) == before
