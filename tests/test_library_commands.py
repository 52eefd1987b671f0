"""Every command takes a card library (a workbook with no essay): what it can do with cards
alone it does, and what needs an essay, claims or sides it refuses in one line, status 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_library_model import library
from workbook.commands import main
from workbook.core.model import Card
from workbook.storage.store import dumps, load, save


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def tub(tmp_path: Path) -> Path:
    path = tmp_path / "tub.toml"
    save(library(), path)
    return path


def test_check_says_what_a_card_library_holds(
    capsys: pytest.CaptureFixture[str], tub: Path
) -> None:
    status, out, err = run(capsys, "check", tub)
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        f"{tub}: a card library, 2 cards (0 open), 0 sources",
        "  1 incomplete cite: lee",
    ]


def test_cards_finds_a_card_librarys_cards(capsys: pytest.CaptureFixture[str], tub: Path) -> None:
    status, out, _ = run(capsys, "cards", tub, "--search", "strike")
    assert status == 0
    assert f"{tub}: cards.smith" in out and "lee" not in out


def test_fmt_leaves_a_canonical_card_library_as_it_is(
    capsys: pytest.CaptureFixture[str], tub: Path
) -> None:
    assert run(capsys, "fmt", "--check", tub)[0] == 0
    assert run(capsys, "fmt", "--fix-quotes", tub)[0] == 0
    assert tub.read_text(encoding="utf-8") == dumps(library())


def test_export_writes_a_card_librarys_brief(capsys: pytest.CaptureFixture[str], tub: Path) -> None:
    status, out, _ = run(capsys, "export", tub, "-o", "-")
    assert status == 0 and out.startswith("# Tub\n\nA card library: 2 cards.\n")


@pytest.mark.parametrize("to", ["argdown", "aif"])
def test_export_to_a_format_of_claims_refuses_a_card_library(
    capsys: pytest.CaptureFixture[str], tub: Path, to: str
) -> None:
    status, out, err = run(capsys, "export", tub, "--to", to)
    assert (status, out) == (2, "")
    assert err == (
        f"{tub}: a card library has no claims or sides to write as {to}; "
        "export it as md, html or docx\n"
    )
    assert not list(tub.parent.glob(f"tub.*{to}*"))


def test_source_list_of_a_card_library_has_no_essay_row(
    capsys: pytest.CaptureFixture[str], tub: Path
) -> None:
    assert run(capsys, "source", "list", tub) == (
        0,
        f"{tub}: a card library with no sources yet\n",
        "",
    )
    assert run(capsys, "source", "list", tub, "--json")[1] == "[]\n"


def test_a_card_library_takes_a_source_and_cuts_cards_from_it(
    capsys: pytest.CaptureFixture[str], tub: Path
) -> None:
    article = tub.parent / "article.md"
    article.write_text("# Strikes\n\nStrikes raise wages.\n\nThey end fast.\n", encoding="utf-8")
    status, out, err = run(capsys, "source", "add", tub, article, "--id", "art")
    assert (status, err) == (0, ""), err
    status, out, err = run(capsys, "cut", tub, "art", "--paragraphs", "1", "--tag", "Wages rise")
    assert (status, err) == (0, ""), err
    assert out.rstrip().endswith("as card art-1")
    status, out, _ = run(capsys, "check", tub)
    assert status == 0 and "1 source" in out and "1 cut card: 1 proven" in out


def test_cutting_from_the_essay_of_a_card_library_is_refused(
    capsys: pytest.CaptureFixture[str], tub: Path
) -> None:
    before = tub.read_bytes()
    status, _, err = run(capsys, "cut", tub, "essay", "--paragraphs", "1", "--tag", "x")
    assert status == 2
    assert err == (f"{tub}: a card library has no essay to cut from; add the article as a source\n")
    assert tub.read_bytes() == before


def test_suggest_and_speech_refuse_a_card_library(
    capsys: pytest.CaptureFixture[str], tub: Path
) -> None:
    assert run(capsys, "suggest", tub) == (
        2,
        "",
        f"{tub}: a card library has no essay to suggest claims from\n",
    )
    status, _, err = run(capsys, "speech", tub, "--side", "aff", "--speech", "1AC")
    assert (status, err) == (2, f"{tub}: a card library has no sides or claims to speak from\n")


def test_merge_merges_two_card_libraries(capsys: pytest.CaptureFixture[str], tub: Path) -> None:
    ours, theirs = tub.parent / "ours.toml", tub.parent / "theirs.toml"
    mine, their = library(), library()
    mine.cards["ours"] = Card(tag="Ours", text="ours")
    their.cards["theirs"] = Card(tag="Theirs", text="theirs")
    save(mine, ours)
    save(their, theirs)
    status, _, err = run(capsys, "merge", tub, ours, theirs, "-o", ours)
    assert (status, err) == (0, "")
    assert list(load(ours).cards) == ["smith", "lee", "ours", "theirs"]
