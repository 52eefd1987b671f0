"""Teammates sharing a workbook through real git: `workbook git-setup`, two clones, `git merge`
running the installed merge driver."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workbook.storage import store
from workbook.storage.places import seed_path

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

NAME = "soleimani-blowback.toml"
ENV = {
    **os.environ,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Debater",
    "GIT_AUTHOR_EMAIL": "debater@example.org",
    "GIT_COMMITTER_NAME": "Debater",
    "GIT_COMMITTER_EMAIL": "debater@example.org",
}


def git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, env=ENV, check=check
    )


def workbook(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbook", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )


@pytest.fixture
def clones(tmp_path: Path) -> tuple[Path, Path]:
    """A shared repository holding the seed, and two teammates' clones, each set up."""
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    for name in (NAME, "soleimani-blowback.txt"):
        shutil.copyfile(seed_path().parent / name, origin / name)
    setup = workbook(origin, "git-setup")
    assert setup.returncode == 0, setup.stderr
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "The seed")
    pair = []
    for who in ("ana", "ben"):
        git(tmp_path, "clone", "-q", str(origin), who)
        assert workbook(tmp_path / who, "git-setup").returncode == 0
        pair.append(tmp_path / who)
    return pair[0], pair[1]


def edit_claim(clone: Path, index: int, tag: str) -> str:
    """Change one claim's tag as the app saves it; commit; the claim's id."""
    path = clone / NAME
    loaded = store.load(path)
    claim_id = list(loaded.claims)[index]
    loaded.claims[claim_id].tag = tag
    path.write_text(store.dumps(loaded), encoding="utf-8")
    git(clone, "commit", "-qam", f"Tag {claim_id}")
    return claim_id


def pull_from(ours: Path, theirs: Path) -> subprocess.CompletedProcess[str]:
    git(ours, "fetch", "-q", str(theirs), "main:teammate")
    return git(ours, "merge", "--no-edit", "teammate", check=False)


def test_git_setup_is_idempotent_and_refuses_outside_a_repository(tmp_path: Path) -> None:
    outside = workbook(tmp_path, "git-setup")
    assert outside.returncode == 2 and len(outside.stderr.splitlines()) == 1
    assert "not inside a git repository" in outside.stderr
    git(tmp_path, "init", "-q")
    first = workbook(tmp_path, "git-setup")
    assert first.returncode == 0 and "added *.toml merge=workbook" in first.stdout
    again = workbook(tmp_path, "git-setup")
    assert again.returncode == 0 and "already" in again.stdout
    assert len(again.stdout.splitlines()) == 3
    attributes = (tmp_path / ".gitattributes").read_text()
    assert attributes.count("merge=workbook") == 1
    driver = git(tmp_path, "config", "merge.workbook.driver").stdout
    assert "-m workbook merge %O %A %B -o %A" in driver


def test_edits_to_different_claims_merge_cleanly_through_git(clones: tuple[Path, Path]) -> None:
    ana, ben = clones
    # Neighbouring claims: git's line merge would meet them in one hunk.
    first = edit_claim(ana, 0, "Ana's tag")
    second = edit_claim(ben, 1, "Ben's tag")
    merged = pull_from(ana, ben)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "merged by id, no conflicts" in merged.stdout + merged.stderr
    result = store.load(ana / NAME)
    assert result.claims[first].tag == "Ana's tag"
    assert result.claims[second].tag == "Ben's tag"
    assert result.conflicts == []
    check = workbook(ana, "check", NAME)
    assert check.returncode == 0, check.stderr


def test_the_same_field_is_a_recorded_conflict_that_check_reports(
    clones: tuple[Path, Path],
) -> None:
    ana, ben = clones
    claim_id = edit_claim(ana, 2, "Ana's tag")
    edit_claim(ben, 2, "Ben's tag")
    merged = pull_from(ana, ben)
    assert merged.returncode != 0  # git sees the driver's status 1 as a conflicted merge
    assert "CONFLICT" in merged.stdout
    text = (ana / NAME).read_text(encoding="utf-8")
    assert "<<<<<<<" not in text
    result = store.load(ana / NAME)  # a valid workbook
    assert result.claims[claim_id].tag == "Ana's tag"
    [conflict] = result.conflicts
    assert (conflict.path, conflict.ours, conflict.theirs) == (
        f"claims.{claim_id}.tag",
        "Ana's tag",
        "Ben's tag",
    )
    check = workbook(ana, "check", NAME)
    assert check.returncode == 1
    assert "1 conflict to resolve" in check.stdout and f"claims.{claim_id}.tag" in check.stdout


def test_merge_exit_statuses_and_bad_input(tmp_path: Path) -> None:
    seed = seed_path()
    out = tmp_path / "out.toml"
    clean = workbook(tmp_path, "merge", str(seed), str(seed), str(seed), "-o", str(out))
    assert clean.returncode == 0 and out.read_bytes() == seed.read_bytes()
    broken = tmp_path / "broken.toml"
    broken.write_text("format = 2\n[claims.x\n")
    bad = workbook(tmp_path, "merge", str(seed), str(broken), str(seed), "-o", str(out))
    assert bad.returncode == 2 and len(bad.stderr.splitlines()) == 1
    assert bad.stderr.startswith(f"{broken}:2:")
    assert out.read_bytes() == seed.read_bytes()  # untouched


def test_a_toml_file_that_is_no_workbook_merges_as_lines(tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / n for n in ("b.toml", "o.toml", "t.toml"))
    base.write_text("[tool]\na = 1\nb = 2\nc = 3\nd = 4\ne = 5\n")
    ours.write_text("[tool]\na = 10\nb = 2\nc = 3\nd = 4\ne = 5\n")
    theirs.write_text("[tool]\na = 1\nb = 2\nc = 3\nd = 4\ne = 50\n")
    done = workbook(tmp_path, "merge", str(base), str(ours), str(theirs), "-o", str(ours))
    assert done.returncode == 0
    assert ours.read_text() == "[tool]\na = 10\nb = 2\nc = 3\nd = 4\ne = 50\n"


def add_paragraph(clone: Path, at: int, text: str) -> None:
    """Insert a paragraph into the essay before paragraph `at` (1 for the first; one past the
    last for the end), and move the workbook's numbers to match, as a teammate does by hand."""
    path, essay = clone / NAME, clone / "soleimani-blowback.txt"
    loaded = store.load(path)
    lines = essay.read_text(encoding="utf-8").split("\n")  # a paragraph a line
    lines.insert(at - 1, text)
    essay.write_text("\n".join(lines), encoding="utf-8")
    loaded.essay.paragraphs += 1
    loaded.essay.headings = [h + (h >= at) for h in loaded.essay.headings]
    for claim in loaded.claims.values():
        claim.paragraph += claim.paragraph >= at
    path.write_text(store.dumps(loaded), encoding="utf-8")
    git(clone, "commit", "-qam", f"A paragraph at {at}")


def test_an_essay_that_gained_paragraphs_on_both_sides_merges_into_one_that_opens(
    clones: tuple[Path, Path],
) -> None:
    """Ana adds a paragraph near the top; Ben adds one at the end, and a claim on a paragraph
    as his essay numbers it. Git merges the essay's lines; the workbook's numbers follow."""
    ana, ben = clones
    add_paragraph(ana, 2, "A paragraph Ana found missing near the top.")
    add_paragraph(ben, 16, "A closing paragraph Ben found missing.")
    loaded = store.load(ben / NAME)
    tenth = (ben / "soleimani-blowback.txt").read_text(encoding="utf-8").split("\n")[9]
    first = next(iter(loaded.claims.values()))
    quote = tenth.split(". ")[0]
    loaded.claims["bens-claim"] = first.model_copy(
        update={"paragraph": 10, "quote": quote, "points": {}, "tag": "Ben's"}
    )
    (ben / NAME).write_text(store.dumps(loaded), encoding="utf-8")
    git(ben, "commit", "-qam", "Ben's claim")
    merged = pull_from(ana, ben)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    check = workbook(ana, "check", NAME)  # opens: every quote is in its paragraph
    assert check.returncode == 0, check.stderr
    result = store.load(ana / NAME)
    assert result.essay.paragraphs == 17 and result.conflicts == []
    assert result.claims["bens-claim"].paragraph == 11  # moved down by Ana's paragraph


def test_workbooks_broken_on_both_sides_are_refused_and_git_keeps_its_conflict(
    clones: tuple[Path, Path],
) -> None:
    """A workbook broken by hand (no longer TOML) on every side is no TOML file to merge as
    lines: the driver refuses in one line, and its non-zero status is git's conflict, the file
    left as ours had it, with no conflict markers in it."""
    ana, ben = clones
    path = ana / NAME
    path.write_text(path.read_text(encoding="utf-8").replace("[essay]", "[essay", 1))
    git(ana, "commit", "-qam", "Broken by hand")
    assert pull_from(ben, ana).returncode == 0  # the broken file is both sides' base
    for clone, title in ((ana, "Ana's"), (ben, "Ben's")):
        text = (clone / NAME).read_text(encoding="utf-8")
        (clone / NAME).write_text(text.replace('title = "', f'title = "{title} ', 1))
        git(clone, "commit", "-qam", "A new title")
    ours = path.read_bytes()
    merged = pull_from(ana, ben)
    assert merged.returncode != 0 and "CONFLICT" in merged.stdout
    assert path.read_bytes() == ours  # no <<<<<<< markers, nothing of theirs
    said = [line for line in merged.stderr.splitlines() if "Expected" in line]
    assert said == [f"{NAME} (base):5:7: Expected ']' at the end of a table declaration"]
    assert git(ana, "status", "--porcelain").stdout.startswith(f"UU {NAME}")
