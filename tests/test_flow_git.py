"""Two teammates flowing one round through real git: `git merge` runs the installed driver,
which merges the flow file by sheet and argument id."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.test_git import NAME, git, pull_from, workbook
from workbook.practice.flow_edits import write
from workbook.practice.flow_file import dumps, read_flow
from workbook.storage.places import seed_path

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

FLOW = "round.flow.toml"
SHEET = "reckless-decision"


@pytest.fixture
def flowing(tmp_path: Path) -> tuple[Path, Path]:
    """A shared repository holding the seed and a round of it, and two teammates' clones."""
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    for name in (NAME, "soleimani-blowback.txt"):
        shutil.copyfile(seed_path().parent / name, origin / name)
    assert workbook(origin, "git-setup").returncode == 0
    started = workbook(
        origin, "flow", "new", NAME, "--format", "policy-hs", "--as", "Aff", "-o", FLOW
    )
    assert started.returncode == 0, started.stderr
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "The seed, and a round of it")
    pair = []
    for who in ("ana", "ben"):
        git(tmp_path, "clone", "-q", str(origin), who)
        assert workbook(tmp_path / who, "git-setup").returncode == 0
        pair.append(tmp_path / who)
    return pair[0], pair[1]


def flow_an_argument(clone: Path, speech: str, text: str, answers: str) -> str:
    """Write an argument into the sheet as the app does, save, commit; its id."""
    opened = read_flow(clone / FLOW)
    argument_id = write(opened.flow, opened.fmt, SHEET, speech, text, answers=answers)
    (clone / FLOW).write_text(dumps(opened.flow), encoding="utf-8")
    git(clone, "commit", "-qam", f"Flowed {argument_id}")
    return argument_id


def test_two_teammates_flowing_one_round_merge_cleanly_with_both_kept(
    flowing: tuple[Path, Path],
) -> None:
    ana, ben = flowing
    # Both flow the 1NC's answers to the same argument: the sheet gives each copy the same id.
    anas = flow_an_argument(ana, "1NC", "Ana: no link.", "p1")
    bens = flow_an_argument(ben, "1NC", "Ben: turn, it deterred.", "p1")
    assert anas == bens
    merged = pull_from(ana, ben)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "merged by id, no conflicts" in merged.stdout + merged.stderr
    arguments = read_flow(ana / FLOW).flow.sheets[SHEET].arguments
    texts = {a.text: a for a in arguments.values()}
    assert {"Ana: no link.", "Ben: turn, it deterred."} <= set(texts)
    assert texts["Ben: turn, it deterred."].answers == "p1"
    assert arguments[anas].text == "Ana: no link."  # ours keeps its id
    check = workbook(ana, "flow", "check", FLOW)
    assert check.returncode in (0, 1), check.stderr


def test_the_same_argument_changed_on_both_sides_is_a_conflict_keeping_ours(
    flowing: tuple[Path, Path],
) -> None:
    ana, ben = flowing
    for clone, text in ((ana, "Ana's words."), (ben, "Ben's words.")):
        opened = read_flow(clone / FLOW)
        opened.flow.sheets[SHEET].arguments["p1"].text = text
        (clone / FLOW).write_text(dumps(opened.flow), encoding="utf-8")
        git(clone, "commit", "-qam", "Reworded p1")
    merged = pull_from(ana, ben)
    assert merged.returncode != 0  # git sees the driver's status 1 as a conflicted merge
    assert f"sheets.{SHEET}.arguments.p1.text" in merged.stdout
    assert "<<<<<<<" not in (ana / FLOW).read_text(encoding="utf-8")
    assert read_flow(ana / FLOW).flow.sheets[SHEET].arguments["p1"].text == "Ana's words."


def test_a_flow_broken_on_one_side_is_refused_in_one_line(tmp_path: Path) -> None:
    origin = tmp_path / "r"
    origin.mkdir()
    for name in (NAME, "soleimani-blowback.txt"):
        shutil.copyfile(seed_path().parent / name, origin / name)
    assert workbook(origin, "flow", "new", NAME, "--format", "policy-hs", "--as", "Aff", "-o", FLOW)
    good = (origin / FLOW).read_text(encoding="utf-8")
    broken = origin / "broken.flow.toml"
    broken.write_text(good.replace('speech = "1AC"', 'speech = "9XY"', 1), encoding="utf-8")
    out = origin / "out.flow.toml"
    out.write_text("kept", encoding="utf-8")
    done = workbook(origin, "merge", FLOW, str(broken), FLOW, "-o", str(out))
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith(f"{broken}: sheets.")
    assert "speech: no speech '9XY'" in done.stderr
    assert out.read_text(encoding="utf-8") == "kept"  # untouched


def test_a_round_both_started_apart_merges_from_an_empty_ancestor(tmp_path: Path) -> None:
    # Both teammates ran `flow new` on their own: git gives the driver an empty ancestor.
    for name in (NAME, "soleimani-blowback.txt"):
        shutil.copyfile(seed_path().parent / name, tmp_path / name)
    versions = {}
    for who, text in (("ana", "Ana: no link."), ("ben", "Ben: a turn.")):
        path = tmp_path / f"{who}.flow.toml"
        made = workbook(
            tmp_path, "flow", "new", NAME, "--format", "policy-hs", "--as", "Aff", "-o", path.name
        )
        assert made.returncode == 0, made.stderr
        opened = read_flow(path)
        write(opened.flow, opened.fmt, SHEET, "1NC", text, answers="p1")
        path.write_text(dumps(opened.flow), encoding="utf-8")
        versions[who] = path
    empty = tmp_path / "base.flow.toml"
    empty.write_text("", encoding="utf-8")
    done = workbook(
        tmp_path, "merge", empty.name, versions["ana"].name, versions["ben"].name, "-o", FLOW
    )
    assert done.returncode == 0, done.stdout + done.stderr
    texts = {a.text for a in read_flow(tmp_path / FLOW).flow.sheets[SHEET].arguments.values()}
    assert {"Ana: no link.", "Ben: a turn."} <= texts
