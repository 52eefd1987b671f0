"""`workbook config initials`: the initials a cutter signs cut cards with, set once in the
config folder, read back, taken out; a value or a file that is wrong is one line, and the
file is left as it was."""

from __future__ import annotations

import pytest

from workbook.commands import main
from workbook.core.cites import full_cite
from workbook.core.model import Card, Workbook
from workbook.exports.brief import render
from workbook.storage.locations import config_file
from workbook.storage.user_config import read_initials


def config(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["config", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_initials_are_set_read_and_taken_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert config(capsys, "initials")[1].startswith("no initials set in ")
    status, out, _ = config(capsys, "initials", "Ö-K")
    assert (status, out) == (0, f"initials: Ö-K (in {config_file()})\n")
    assert config_file().read_text(encoding="utf-8") == 'initials = "Ö-K"\n'
    assert (config(capsys, "initials")[1], read_initials()) == ("Ö-K\n", "Ö-K")
    status, out, _ = config(capsys, "initials", "--unset")
    assert (status, out) == (0, f"initials: none (in {config_file()})\n")
    assert read_initials() == ""
    assert config(capsys, "initials", "AB", "--unset")[0] == 2


def test_the_full_cite_ends_with_the_cutters_initials() -> None:
    card = Card(author="Ann Smith", date="2021", publication="The Review", cutter="AB")
    assert full_cite(card) == "Ann Smith, 2021, The Review //AB"
    assert Card(cutter="AB").full_cite == "//AB"
    assert Card(author="Ann Smith").full_cite == "Ann Smith"


def test_the_brief_signs_a_card_with_its_cutters_initials(small: Workbook) -> None:
    small.cards["smith"] = small.cards["smith"].model_copy(update={"cutter": "AB"})
    # The brief's Markdown escapes the second slash, as it escapes whatever a renderer might
    # read as more than text: it shows "//AB".
    assert "<br>Ann Smith, 2021 /\\/AB" in render(small)


@pytest.mark.parametrize("initials", ["", "A B", "1A", "ABCDEFGHI", "A\nB", "a_b"])
def test_initials_that_are_not_are_refused_and_the_file_kept(
    initials: str, capsys: pytest.CaptureFixture[str]
) -> None:
    config(capsys, "initials", "AB")
    before = config_file().read_bytes()
    status, out, err = config(capsys, "initials", initials)
    assert (status, out) == (2, "")
    assert err.startswith("initials: initials are up to 8 letters"), err
    assert err.count("\n") == 1
    assert config_file().read_bytes() == before
