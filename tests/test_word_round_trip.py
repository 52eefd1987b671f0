"""A Word file the workbook writes, imported again: the library's cards come back card for
card, their tags, cites, words and marks (and a library's filing) as they were."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from workbook.commands import main
from workbook.core.adding import same_card_key
from workbook.core.cutting import PARAGRAPH_BREAK
from workbook.core.marks import Marked, closed_at, compose
from workbook.core.model import Card, Workbook
from workbook.exports.docx import export
from workbook.importing.word_file import read_word
from workbook.storage.places import seed_path
from workbook.storage.store import load

# What a Word file carries of a card: everything but its source's id and the team's notes.
CARRIED = (
    "tag",
    "author",
    "qualifications",
    "date",
    "title",
    "publication",
    "pages",
    "url",
    "accessed",
    "cutter",
    "text",
)


def carried(card: Card) -> tuple[str, ...]:
    return tuple(getattr(card, name) for name in CARRIED)


def test_the_seed_in_word_imports_back_card_for_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = load(seed_path())
    word, library = tmp_path / "seed.docx", tmp_path / "cards.toml"
    assert main(["export", str(seed_path()), "--to", "docx", "-o", str(word)]) == 0
    assert main(["import", str(word), "-o", str(library)]) == 0
    filled = [card for card in seed.cards.values() if not card.is_open]
    imported = load(library).cards.values()
    # Each card once, however many points read it; open slots are analytics, not cards.
    assert sorted(map(carried, imported)) == sorted(map(carried, filled))
    said = capsys.readouterr().out.splitlines()[-1]
    assert f"({len(filled)} new, " in said


def _library(cards: dict[str, Card]) -> Workbook:
    return Workbook.model_validate(
        {"format": 2, "title": "Squad file", "cards": {k: c.model_dump() for k, c in cards.items()}}
    )


SQUAD = {
    "smith-wages": Card(
        tag="Strikes win wages",
        author="Jane Smith and Tom Lee",
        qualifications="professor of labor history, Yale",
        date="2021-03-04",
        title="Why “strikes” work, again",
        publication="The Review",
        pages="12-13",
        url="https://example.org/strikes?id=4",
        accessed="2026-12-01",
        cutter="AB",
        text="Workers who ++==strike win==++ higher wages.\n\n++A second paragraph,++ read ==in=="
        " part. C\\++ and a\\==b are the source's own signs.",
        filed_under=["Aff", "Labor", "AT: Strikes backfire"],
    ),
    "undated": Card(
        tag="Wages stall",
        publication="Labor Notes",
        text="==Wages stall after strikes.==",
        filed_under=["Neg"],
    ),
    "unfiled": Card(tag="No heading above it", author="Ann Lee", date="2019", text="Plain words."),
}


def test_a_card_library_in_word_imports_back_exactly(tmp_path: Path) -> None:
    library = _library(SQUAD)
    word = tmp_path / "squad.docx"
    word.write_bytes(export(library))
    read = read_word(word)
    assert (read.analytics, read.skipped) == (0, 0)
    assert [carried(card) for card in read.cards] == [carried(card) for card in SQUAD.values()]
    assert [card.filed_under for card in read.cards] == [
        ["Aff", "Labor", "AT: Strikes backfire"],
        ["Neg"],
        ["Card library"],
    ]


# Words as cards hold them: letters, spaces, punctuation, the signs marks are made of, and a
# line break; paragraphs are the project's paragraph break between such words.
words = st.text(alphabet=st.sampled_from("ab Z,.’“”=+\\-\n"), min_size=1, max_size=30).filter(
    lambda w: w.strip() and "\n\n" not in w
)
runs = st.lists(st.tuples(st.booleans(), st.booleans(), words), min_size=1, max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example([[(True, False, "=\n"), (True, False, "\n=")]])  # a mark across a paragraph break
@given(st.lists(runs, min_size=1, max_size=3))
def test_any_marked_words_come_back_from_word_exactly(
    paragraphs: list[list[tuple[bool, bool, str]]],
) -> None:
    text = "\n\n".join(
        compose([Marked(underlined, highlighted, w) for underlined, highlighted, w in runs])
        for runs in paragraphs
    )
    card = Card(tag="A card", author="Jane Smith", date="2021", text=text)
    library = _library({"card": card})
    read = read_word_bytes(export(library))
    # Word keeps marks a paragraph at a time: one across a break comes back closed at it.
    assert [c.text for c in read] == [closed_at(card.text, PARAGRAPH_BREAK)]
    assert [same_card_key(c) for c in read] == [same_card_key(card)]


def read_word_bytes(data: bytes) -> list[Card]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "card.docx"
        path.write_bytes(data)
        return read_word(path).cards


def test_the_seeds_word_file_imported_into_the_seed_adds_no_card(
    seed_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each card read back from the workbook's own Word file is the card already there."""
    word = seed_copy.with_name("seed.docx")
    assert main(["export", str(seed_copy), "--to", "docx", "-o", str(word)]) == 0
    before = seed_copy.read_bytes()
    capsys.readouterr()
    assert main(["import", str(word), "-o", str(seed_copy)]) == 0
    assert " (0 new, " in capsys.readouterr().out
    assert seed_copy.read_bytes() == before
