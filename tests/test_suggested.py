"""`workbook suggest` prints the one list: the workbook's dismissed sentences left out, `--all`
marking each (open, a claim already, dismissed); the list and a paragraph's drop each in linear
time."""

from __future__ import annotations

import json
import re
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path

from tests.timing import LINEAR, growth
from workbook.commands import main
from workbook.core.edits import Draft
from workbook.core.essay_edits import drop_paragraph, with_dismissed
from workbook.core.model import Claim, Essay, Workbook
from workbook.essay.suggest import Suggestion
from workbook.essay.suggested import TOP, dismissal, listed, suggestions_for
from workbook.storage.store import load_with_essay, save

from .conftest import copy_positions


def run(*args: object) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main([str(a) for a in args])
    return status, out.getvalue(), err.getvalue()


def test_the_command_lists_ten_as_the_list_does() -> None:
    from workbook.commands.suggest import DEFAULT_TOP

    assert DEFAULT_TOP == TOP


def test_all_marks_claims_and_dismissed_and_the_default_leaves_the_dismissed_out(
    tmp_path: Path,
) -> None:
    path = copy_positions(tmp_path)
    workbook, text = load_with_essay(path)
    assert text is not None and workbook.essay is not None
    best = suggestions_for(workbook, text)[0]
    assert best.claim_id  # the seed's best sentence is a claim already
    workbook.essay = with_dismissed(workbook.essay, dismissal(best.suggestion.quote)).on(
        workbook.essay
    )
    save(workbook, path)
    now = suggestions_for(workbook, text)
    status, out, err = run("suggest", path)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 10 and all(best.suggestion.quote not in line for line in lines)
    status, out, _ = run("suggest", path, "--all")
    assert status == 0
    first, *rest = out.splitlines()
    at = best.suggestion.paragraph
    assert re.fullmatch(rf"¶{at} +0\.\d\d  × +{re.escape(best.suggestion.quote)}", first), first
    second = now[0]
    claim = re.escape(f"  (claim {second.claim_id})") if second.claim_id else ""
    mark = "●" if second.claim_id else "○"
    pattern = rf"¶{second.suggestion.paragraph} +0\.\d\d  {mark}1 +.*{claim}"
    assert re.fullmatch(pattern, rest[0]), rest[0]
    assert len(rest) == 10
    status, out, _ = run("suggest", path, "--all", "--json")
    items = json.loads(out)
    assert items[0] == {
        "paragraph": at,
        "quote": best.suggestion.quote,
        "score": best.suggestion.score,
        "rank": 0,
        "claim": "",
        "dismissed": True,
    }
    assert [item["rank"] for item in items[1:]] == list(range(1, 11))
    assert [item["claim"] for item in items[1:]] == [i.claim_id for i in now]


def test_an_essay_alone_is_listed_all_open(tmp_path: Path) -> None:
    essay = tmp_path / "essay.txt"
    essay.write_text(
        "Cities should stop building garages. Garages invite more cars.\n"
        "Therefore the council must fund buses instead of garages this year.\n",
        encoding="utf-8",
    )
    status, out, _ = run("suggest", essay, "--all")
    assert status == 0
    assert all(re.match(r"¶\d +0\.\d\d  ○\d+ ", line) for line in out.splitlines()), out


def workbook_of(paragraphs: list[str], dismissed: list[str]) -> Workbook:
    return Workbook(
        format=2,
        essay=Essay(paragraphs=len(paragraphs), dismissed=dismissed),
        sides={"a": {"name": "A"}, "b": {"name": "B"}},  # type: ignore[dict-item]
        claims={
            f"c{n}": Claim(side="a", paragraph=n, quote=paragraphs[n - 1])
            for n in range(1, len(paragraphs), 3)
        },
    )


def test_the_list_is_made_in_linear_time() -> None:
    """Many sentences, many dismissed, many claims: each looked up, never searched for."""

    def make(n: int) -> tuple[list[Suggestion], list[str]]:
        ranked = [Suggestion(i, 0, 10, f"Sentence number {i} here.", 0.5) for i in range(1, n)]
        return ranked, [s.quote for s in ranked[::2]]

    ratio = growth(make, lambda made: listed(made[0], {}, made[1], top=len(made[0])), size=500)
    assert ratio < LINEAR, f"4 times the sentences took {ratio:.1f} times as long"


def test_a_paragraph_is_dropped_in_linear_time() -> None:
    def make(n: int) -> tuple[Workbook, list[str]]:
        paragraphs = [f"Paragraph {i} says something." for i in range(n)]
        return workbook_of(paragraphs, []), paragraphs

    ratio = growth(make, lambda made: drop_paragraph(made[0], made[1], 2), size=500)
    assert ratio < LINEAR, f"4 times the essay took {ratio:.1f} times as long"


def test_a_drop_and_its_undo_in_the_draft_are_linear_too() -> None:
    def make(n: int) -> Draft:
        paragraphs = [f"Paragraph {i} says something." for i in range(n)]
        return Draft(workbook_of(paragraphs, []), paragraphs)

    def drop_and_undo(draft: Draft) -> None:
        draft.drop_paragraph("drop", 2)
        draft.undo()

    ratio = growth(make, drop_and_undo, size=500)
    assert ratio < LINEAR, f"4 times the essay took {ratio:.1f} times as long"
