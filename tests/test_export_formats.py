"""The export formats are rows: `--to`, the format an output's name asks for, the default names,
the export command's help and the app's palette all read them, so a new format is one row."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from workbook import exports
from workbook.commands import main
from workbook.core.model import Workbook
from workbook.exports import EXPORTS, ExportFormat, default_path, export_format, format_of
from workbook.exports.brief import BriefOptions
from workbook.storage.store import load


def plain(workbook: Workbook, options: BriefOptions) -> bytes:
    return f"{workbook.essay.title}\n".encode()


# A format that is no part of the workbook: what adding one takes.
PLAIN = ExportFormat(
    key="plain",
    suffixes=(".text",),
    default_name="{}.plain.text",
    description="the title alone",
    called="plain text",
    write=plain,
    title="Export the title alone",
    help="NAME.plain.text: one line",
)


@pytest.fixture
def with_plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exports, "EXPORTS", (*EXPORTS, PLAIN))


def test_the_rows_are_the_formats_in_order() -> None:
    assert [row.key for row in EXPORTS] == ["md", "html", "argdown", "aif", "docx"]
    names = [row.default_name.format("NAME") for row in EXPORTS]
    assert names == [
        "NAME.brief.md",
        "NAME.brief.html",
        "NAME.argdown",
        "NAME.aif.json",
        "NAME.docx",
    ]
    # The palette offers every format but Markdown, which is the ctrl+e key's.
    assert [row.key for row in EXPORTS if row.title] == ["html", "argdown", "aif", "docx"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        EXPORTS[0].key = "markdown"  # type: ignore[misc]


def test_an_output_name_asks_for_a_format_by_its_suffix() -> None:
    names = ("b.md", "b.HTML", "b.htm", "b.argdown", "b.json", "b.docx")
    assert [format_of(name) for name in names] == ["md", "html", "html", "argdown", "aif", "docx"]
    # Any other name, standard output or none: the first row, Markdown.
    assert {format_of(name) for name in ("b.txt", "b", "-", None)} == {"md"}


def test_export_help_lists_the_rows(capsys: pytest.CaptureFixture[str], with_plain: None) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "--to {md,html,argdown,aif,docx,plain}" in shown
    assert "docx (Verbatim's headings) or plain (the title alone)" in shown
    assert "an OUT ending in .html, .argdown, .json, .docx or .text chooses too" in shown
    assert "NAME.aif.json, NAME.docx or NAME.plain.text; - for standard output" in shown


def test_a_new_row_is_exported_by_its_key_its_suffix_and_beside_the_workbook(
    capsys: pytest.CaptureFixture[str], small_file: Path, with_plain: None
) -> None:
    title = load(small_file).essay.title
    assert main(["export", str(small_file), "--to", "plain"]) == 0
    beside = small_file.with_name("small.plain.text")
    assert default_path(small_file, "plain") == beside and beside.read_text() == f"{title}\n"
    assert capsys.readouterr().out == f"{small_file}: plain text written to {beside}\n"
    named = small_file.with_name("title.text")
    assert main(["export", str(small_file), "-o", str(named)]) == 0
    assert named.read_text() == f"{title}\n"
    assert export_format("plain") is PLAIN


def test_exporting_markdown_loads_no_other_format(small_file: Path) -> None:
    script = (
        "import sys\n"
        "from workbook.commands import main\n"
        f"assert main(['export', {str(small_file)!r}, '-o', '-']) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'docx'"
        " or m.startswith('workbook.exports.')), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    # The brief's own modules: its text and its cards besides the brief.
    brief = [
        "workbook.exports.brief",
        "workbook.exports.brief_cards",
        "workbook.exports.brief_text",
    ]
    assert done.stderr.strip() == str(brief)
