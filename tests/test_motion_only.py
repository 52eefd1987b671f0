"""A workbook of a motion alone (limited prep): made by `workbook new --motion` with no essay,
its claims the team's own words; taken by check, the brief and the exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from workbook.commands import main
from workbook.core.model import Workbook, is_library, is_motion_only
from workbook.storage.store import describe, load

MOTION = "This House would ban drone strikes."
CLAIMS = """
[claims.retaliation]
side = "proposition"
tag = "Strikes invite retaliation"
quote = "Every strike invites a reply in kind."

[claims.retaliation.points.p1]
side = "proposition"
kind = "supports"
text = "Retaliation followed each of the last three strikes."

[claims.retaliation.points.p2]
side = "opposition"
kind = "answers"
answers = "p1"
text = "Correlation, not cause."
"""


def motion_only(folder: Path, *options: str) -> Path:
    out = folder / "motion.toml"
    assert main(["new", "--motion", MOTION, "-o", str(out), *options]) == 0
    return out


def with_claims(folder: Path) -> Path:
    path = motion_only(folder)
    path.write_text(path.read_text(encoding="utf-8") + CLAIMS, encoding="utf-8")
    return path


def test_new_makes_a_workbook_of_the_motion_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = motion_only(tmp_path)
    assert capsys.readouterr().out == f"{path}: the motion alone; open it with: workbook {path}\n"
    workbook = load(path)
    assert workbook.essay is None and workbook.motion == MOTION and not workbook.claims
    assert is_motion_only(workbook) and not is_library(workbook)
    assert [side.name for side in workbook.sides.values()] == ["Proposition", "Opposition"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["motion.toml"]  # no essay beside it


def test_new_without_an_essay_or_a_motion_is_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "m.toml"
    assert main(["new", "-o", str(out)]) == 2
    assert capsys.readouterr().err == (
        "SOURCE: name the essay, or give --motion TEXT for a workbook of a motion alone\n"
    )
    assert main(["new", "--from", "argdown", "-o", str(out)]) == 2
    assert capsys.readouterr().err == "SOURCE: name the Argdown file to read\n"
    assert main(["new", "--motion", MOTION]) == 2
    assert capsys.readouterr().err.startswith("-o: name the workbook to write")
    assert main(["new", "--motion", MOTION, "-o", str(tmp_path / "m.txt")]) == 2
    assert capsys.readouterr().err.endswith("m.txt: a workbook's name ends in .toml\n")
    assert not any(tmp_path.iterdir())
    path = motion_only(tmp_path)
    before = path.read_bytes()
    assert main(["new", "--motion", "Another.", "-o", str(path)]) == 2
    assert capsys.readouterr().err.endswith("already exists (--force replaces it)\n")
    assert path.read_bytes() == before


def test_a_motion_alone_takes_claims_in_our_words_without_a_paragraph(tmp_path: Path) -> None:
    workbook = load(with_claims(tmp_path))
    claim = workbook.claims["retaliation"]
    assert claim.paragraph is None and claim.quote == "Every strike invites a reply in kind."


def test_a_motion_alone_refuses_what_needs_an_essay_at_its_field(tmp_path: Path) -> None:
    data: dict[str, Any] = load(with_claims(tmp_path)).model_dump(exclude_defaults=True)
    data["claims"]["retaliation"]["paragraph"] = 3
    with pytest.raises(ValidationError) as caught:
        Workbook.model_validate(data)
    assert describe(caught.value) == (
        "claims.retaliation.paragraph: a workbook of a motion alone has no essay: leave it out"
    )
    del data["claims"]["retaliation"]["paragraph"]
    data["motion"], data["title"] = "", "Drones"  # no motion, no essay: a card library
    with pytest.raises(ValidationError) as caught:
        Workbook.model_validate(data)
    assert describe(caught.value).startswith("claims.retaliation: a card library")


def test_an_essays_claim_still_names_its_paragraph(data: dict[str, Any]) -> None:
    del data["claims"]["story"]["paragraph"]
    with pytest.raises(ValidationError) as caught:
        Workbook.model_validate(data)
    assert describe(caught.value).startswith("claims.story.paragraph: missing")


def test_check_takes_a_motion_alone_and_counts_what_each_side_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = with_claims(tmp_path)
    capsys.readouterr()
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: 1 claim, 2 points, 0 cards (0 open)\n")
    assert "1 Opposition point unanswered" in out and "quotes not checked" not in out


def test_the_brief_prints_a_motion_alone_with_no_essay_and_no_paragraph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = with_claims(tmp_path)
    capsys.readouterr()
    assert main(["export", str(path), "--to", "md", "-o", "-"]) == 0
    brief = capsys.readouterr().out
    assert f"**Motion:** {MOTION}" in brief and "**Essay:**" not in brief
    assert "> — a claim of Proposition, in our own words" in brief
    assert "Correlation, not cause." in brief


@pytest.mark.parametrize("to", ["html", "argdown", "aif", "docx"])
def test_every_export_takes_a_motion_alone(tmp_path: Path, to: str) -> None:
    path = with_claims(tmp_path)
    out = tmp_path / f"out.{to}"
    assert main(["export", str(path), "--to", to, "-o", str(out)]) == 0
    assert out.stat().st_size > 0


def test_suggest_refuses_a_motion_alone_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = motion_only(tmp_path)
    capsys.readouterr()
    assert main(["suggest", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"{path}: a workbook of a motion alone has no essay to suggest claims from\n"


def test_what_needs_an_essay_calls_a_motion_alone_by_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = with_claims(tmp_path)
    capsys.readouterr()
    before = path.read_bytes()
    assert main(["cut", str(path), "essay", "--paragraphs", "1", "--tag", "Strikes"]) == 2
    assert capsys.readouterr().err == (
        f"{path}: a workbook of a motion alone has no essay to cut from; "
        "add the article as a source\n"
    )
    assert path.read_bytes() == before
    assert main(["source", "list", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: a workbook of a motion alone with no sources yet\n"


def test_a_round_of_a_motion_alone_has_a_sheet_to_flow_on(tmp_path: Path) -> None:
    """In limited prep the clock runs before any claim is written: a round started from the
    motion alone has one sheet, a position of its own under the motion, to flow the round on,
    and its spreadsheet a column a speech, headed by the speech's name."""
    import openpyxl

    from workbook.practice import flow_edits
    from workbook.practice.flow_file import read_flow, write_flow
    from workbook.practice.formats import BUILT_IN

    path = motion_only(tmp_path)
    flow_path = tmp_path / "r.flow.toml"
    new = ["flow", "new", str(path), "--format", "bp", "--as", "Gov", "-o", str(flow_path)]
    assert main(new) == 0
    opened = read_flow(flow_path)
    [(sheet_id, sheet)] = opened.flow.sheets.items()
    assert (sheet.title, sheet.claim, sheet.arguments) == (MOTION, "", {})
    flow_edits.write(
        opened.flow, BUILT_IN["bp"], sheet_id, "LO", "Cars are how the poor get to work"
    )
    write_flow(opened.flow, flow_path, [])
    assert main(["flow", "check", str(flow_path)]) == 0
    out = tmp_path / "r.xlsx"
    assert main(["flow", "export", str(flow_path), "--to", "xlsx", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    [worksheet] = book.worksheets
    heads = [cell.value for cell in worksheet[1]]
    assert heads[:2] == ["PM", "LO"] and len(heads) == 8
