"""`workbook cut`: a card of whole paragraphs from a source or the essay, with its cite and the
cutter's initials, into the library or read by a point; every refusal one line, the workbook
untouched. And `workbook config initials`, where those initials are set once."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tests.conftest import ESSAY, SMALL
from workbook.commands import main
from workbook.core.cutting import CutError, cut_card
from workbook.core.model import Workbook
from workbook.storage.locations import config_file
from workbook.storage.places import seed_path
from workbook.storage.store import load
from workbook.storage.user_config import read_initials

REPORT = [
    "Proxy Wars After the Strike",
    "By Dana Reyes, senior fellow",
    "In the year after the strike, attacks on coalition bases in Iraq rose by a third.",
    "Officials in Washington read the drop in direct attacks as deterrence.",
    "A restored deterrence is not a lasting one.",
]
TEXT = "w.report.source.txt"
SOURCE = {
    "author": "Dana Reyes",
    "qualifications": "senior fellow",
    "date": "2021-05-02",
    "title": "Proxy Wars After the Strike",
    "publication": "The Center",
    "url": "https://example.org/proxy-wars",
    "accessed": "2026-12-01",
    "file": TEXT,
    "paragraphs": len(REPORT),
    "pages": [1, 1, 1, 2, 2],
}


def workbook_data() -> dict[str, Any]:
    data = copy.deepcopy(SMALL)
    data["sources"] = {"report": copy.deepcopy(SOURCE)}
    return data


def write(folder: Path, data: dict[str, Any], text: list[str] | None = REPORT) -> Path:
    (folder / "small.txt").write_text(ESSAY, encoding="utf-8")
    if text is not None:
        (folder / TEXT).write_text("\n".join(text) + "\n", encoding="utf-8")
    path = folder / "w.toml"
    path.write_text(tomli_w.dumps(data, multiline_strings=True), encoding="utf-8")
    return path


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return write(tmp_path, workbook_data())


def cut(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    status = main(["cut", *(str(arg) for arg in args)])
    out, err = capsys.readouterr()
    return status, out, err


def test_cut_through_the_installed_command_is_proven_by_check(tmp_path: Path) -> None:
    """The whole path a script takes: initials set once, a card cut and read by a point, the
    id printed last, and `workbook check` proving the card."""
    path = write(tmp_path, workbook_data())
    command = Path(sys.executable).parent / "workbook"
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(command), *args], capture_output=True, text=True, env=env, cwd=tmp_path
        )

    assert run("config", "initials", "DR").returncode == 0
    done = run(
        "cut",
        "w.toml",
        "report",
        "--paragraphs",
        "3-4",
        "--tag",
        "Attacks rose",
        "--point",
        "blowback.p1",
    )
    assert (done.returncode, done.stderr) == (0, "")
    card_id = done.stdout.split()[-1]
    assert done.stdout == (
        f"w.toml: cut paragraphs 3-4 of report, read by blowback.p1, as card {card_id}\n"
    )
    workbook = load(path)
    card = workbook.cards[card_id]
    assert card.text == f"{REPORT[2]}\n\n{REPORT[3]}"
    assert (card.tag, card.source, card.cutter, card.pages) == (
        "Attacks rose",
        "report",
        "DR",
        "1-2",
    )
    assert (card.author, card.publication, card.accessed) == (
        "Dana Reyes",
        "The Center",
        "2026-12-01",
    )
    assert card.full_cite.endswith("accessed 2026-12-01 //DR")
    assert workbook.claims["blowback"].points["p1"].cards[-1] == card_id
    assert (tmp_path / "w.toml.bak").is_file()
    checked = run("check", "w.toml")
    assert checked.returncode == 0, checked.stderr
    assert "  1 cut card: 1 proven" in checked.stdout.splitlines()


def test_a_card_cut_into_the_library_is_named_after_its_source(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cut(capsys, path, "report", "--paragraphs", "5", "--tag", "Not lasting")[1] == (
        f"{path}: cut paragraph 5 of report, as card report-1\n"
    )
    assert cut(capsys, path, "report", "--paragraphs", "5", "--tag", "Again")[1].endswith(
        "as card report-2\n"
    )
    workbook = load(path)
    assert workbook.cards["report-1"].text == REPORT[4]
    assert workbook.cards["report-1"].cutter == ""  # no initials set: none signed
    assert all(
        "report-1" not in p.cards for c in workbook.claims.values() for p in c.points.values()
    )


def test_a_card_cut_from_the_essay_takes_the_essays_cite(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = cut(
        capsys, path, "essay", "--paragraphs", "2", "--tag", "Blowback", "--point", "story.p1"
    )
    assert status == 0 and out.endswith("as card story-p1-1\n")
    card = load(path).cards["story-p1-1"]
    assert (card.text, card.title, card.source) == (
        "Strikes bring blowback. They always do.",
        "An essay",
        "essay",
    )


def format_1(folder: Path) -> Path:
    data = copy.deepcopy(SMALL)
    data["format"] = 1
    data.pop("cards")
    for claim in data["claims"].values():
        for point in claim["points"].values():
            point.pop("cards", None)
    return write(folder, data)


# Each refusal: what is typed, and the start of the one line said after the file's name.
REFUSALS: dict[str, tuple[list[str], str]] = {
    "no such source": (
        ["nyt", "--paragraphs", "1"],
        "no source 'nyt': the workbook has essay, report",
    ),
    "a range outside the text": (
        ["report", "--paragraphs", "4-6"],
        "--paragraphs: the source has 5 paragraphs, not 6",
    ),
    "a range backwards": (
        ["report", "--paragraphs", "3-2"],
        "--paragraphs: paragraphs are A or A-B from 1",
    ),
    "a range that is no number": (
        ["report", "--paragraphs", "two"],
        "--paragraphs: paragraphs are A or A-B",
    ),
    "no such claim": (
        ["report", "--paragraphs", "1", "--point", "nope.p1"],
        "--point: no claim 'nope'",
    ),
    "no such point": (
        ["report", "--paragraphs", "1", "--point", "story.p9"],
        "--point: claims.story has no point 'p9'",
    ),
    "a point that is no CLAIM.POINT": (
        ["report", "--paragraphs", "1", "--point", "story"],
        "--point: give CLAIM.POINT",
    ),
    "a tag of two lines": (
        ["report", "--paragraphs", "1", "--tag", "one\ntwo"],
        "--tag: must be one line",
    ),
}


@pytest.mark.parametrize("refusal", REFUSALS)
def test_each_refusal_is_one_line_and_leaves_the_workbook_as_it_was(
    refusal: str, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typed, said = REFUSALS[refusal]
    if "--tag" not in typed:
        typed = [*typed, "--tag", "A tag"]
    before = path.read_bytes()
    status, out, err = cut(capsys, path, *typed)
    assert (status, out) == (2, "")
    assert err.startswith(f"{path}: {said}"), err
    assert err.count("\n") == 1
    assert path.read_bytes() == before
    assert not path.with_name("w.toml.bak").exists()


def test_a_source_whose_text_is_not_there_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, workbook_data(), text=None)
    before = path.read_bytes()
    status, _, err = cut(capsys, path, "report", "--paragraphs", "1", "--tag", "A tag")
    assert status == 2
    assert err == f"{path}: sources.report.file: {TEXT} is not there, so no card can be cut\n"
    assert path.read_bytes() == before


def test_a_text_changed_since_it_was_added_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its paragraphs no longer those the workbook counted (and paged): which is which is in
    doubt. cut_card itself refuses it, where it read a page past the list's end before."""
    path = write(tmp_path, workbook_data(), text=[*REPORT, "A paragraph added later."])
    before = path.read_bytes()
    status, _, err = cut(capsys, path, "report", "--paragraphs", "6", "--tag", "A tag")
    assert status == 2
    assert err == (
        f"{path}: sources.report.paragraphs: is 5, but its text has 6: the text was changed "
        "after it was added\n"
    )
    assert path.read_bytes() == before
    workbook = Workbook.model_validate(workbook_data())
    with pytest.raises(CutError, match="is 5, but its text has 6"):
        cut_card(workbook, "report", [*REPORT, "Added."], 6, 6)


def test_the_bundled_seed_and_a_format_1_file_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = seed_path()
    status, _, err = cut(capsys, seed, "essay", "--paragraphs", "2", "--tag", "A tag")
    assert (status, err) == (2, f"{seed}: the bundled seed is read-only\n")
    old = format_1(tmp_path)
    before = old.read_bytes()
    status, _, err = cut(capsys, old, "essay", "--paragraphs", "2", "--tag", "A tag")
    assert status == 2 and err.startswith(f"{old}: format 1: upgrade it with workbook fmt first")
    assert old.read_bytes() == before


# The cutter's initials, in the config folder.


def config(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["config", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_initials_are_set_once_and_sign_every_cut(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert config(capsys, "initials")[1].startswith("no initials set in ")
    status, out, _ = config(capsys, "initials", "J.D.")
    assert (status, out) == (0, f"initials: J.D. (in {config_file()})\n")
    assert config_file().read_text(encoding="utf-8") == 'initials = "J.D."\n'
    assert config(capsys, "initials")[1] == "J.D.\n"
    cut(capsys, path, "report", "--paragraphs", "3", "--tag", "Attacks rose")
    card = load(path).cards["report-1"]
    assert card.cutter == "J.D."
    assert card.full_cite.endswith(", accessed 2026-12-01 //J.D.")
    assert config(capsys, "initials", "--unset")[:2] == (
        0,
        f"initials: none (in {config_file()})\n",
    )
    assert read_initials() == ""


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("initials = 12\n", 'initials: give text, initials = "AB" (got 12)'),
        ('initials = "A B"\n', "initials: initials are up to 8 letters"),
        ('colour = "red"\n', "colour: not a setting (the settings are: initials)"),
        ("initials = \n", ":1:"),
    ],
)
def test_a_bad_config_file_is_one_line_and_nothing_is_cut(
    text: str, said: str, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text(text, encoding="utf-8")
    before = path.read_bytes()
    status, _, err = cut(capsys, path, "report", "--paragraphs", "3", "--tag", "A tag")
    assert status == 2
    assert err.startswith(str(config_file())) and said in err, err
    assert err.count("\n") == 1
    assert path.read_bytes() == before
    # Setting the initials does not write over a file that does not read.
    assert config(capsys, "initials", "AB")[0] == 2
    assert config_file().read_text(encoding="utf-8") == text
