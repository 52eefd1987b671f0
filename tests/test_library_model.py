"""A card library: a workbook with no essay, its cards (and their sources) alone. The model's
rules for one, its file's round trip, a merge of two, and its brief."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from tests import strategies
from tests.timing import LINEAR, growth
from workbook.core.adding import LibraryAdder, same_card_key
from workbook.core.cutting import CutError, cut_card
from workbook.core.merge import merge
from workbook.core.model import Card, Workbook, is_library
from workbook.exports import export_bytes
from workbook.exports.brief import BriefOptions, render
from workbook.storage.files import WorkbookError
from workbook.storage.store import dumps, load, save

LIBRARY: dict[str, Any] = {
    "format": 2,
    "title": "Tub",
    "cards": {
        "smith": {
            "tag": "Strikes win wages",
            "author": "Smith",
            "date": "2021",
            "cited_as": "Smith 21 [Jane Smith, 2021]",
            "filed_under": ["Aff Answers", "Strikes", "AT: Backfire"],
            "text": "Workers who ++==strike win==++ more.",
        },
        "lee": {"tag": "Wages stall", "author": "Lee", "text": "Wages stall."},
    },
}


def library(**changes: Any) -> Workbook:
    return Workbook.model_validate({**LIBRARY, **changes})


def problem(data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        Workbook.model_validate(data)
    return str(caught.value)


def test_a_workbook_with_no_essay_is_a_card_library() -> None:
    workbook = library()
    assert is_library(workbook)
    assert workbook.essay is None and workbook.sides == {} and not workbook.claims


def test_a_card_library_has_no_claims_said_at_the_field_path(
    small: Workbook, tmp_path: Path
) -> None:
    claims = small.model_dump(exclude_defaults=True)["claims"]
    path = tmp_path / "tub.toml"
    path.write_text(tomli_w.dumps({**LIBRARY, "claims": claims}), encoding="utf-8")
    with pytest.raises(WorkbookError) as caught:
        load(path)
    assert str(caught.value) == (
        f"{path}: claims.blowback: a card library (a workbook with no [essay]) has no claims; "
        "add an [essay] or take the claims out"
    )


def test_a_card_library_has_no_sides_or_two() -> None:
    one = {"aff": {"name": "Aff"}}
    assert "no sides or two (found 1)" in problem({**LIBRARY, "sides": one})
    two = {"aff": {"name": "Aff"}, "neg": {"name": "Neg"}}
    assert library(sides=two).sides.keys() == {"aff", "neg"}


def test_a_workbook_with_an_essay_still_has_exactly_two_sides(data: dict[str, Any]) -> None:
    del data["sides"]["pro"]
    data["claims"] = {}
    assert "exactly two sides (found 1)" in problem(data)


def test_a_card_library_has_no_essay_to_cut_from() -> None:
    cards = {"x": {"tag": "x", "source": "essay", "text": "words"}}
    assert "no essay to cut from" in problem({**LIBRARY, "cards": cards})
    with pytest.raises(CutError, match="no essay to cut from"):
        cut_card(library(), "essay", ["a paragraph"], 1, 1, tag="x")


def test_a_card_library_round_trips_through_its_file(tmp_path: Path) -> None:
    path = tmp_path / "tub.toml"
    save(library(), path)
    text = path.read_text(encoding="utf-8")
    assert "[essay]" not in text and "[sides" not in text
    assert load(path) == library()
    assert dumps(load(path)) == text


def test_two_changed_copies_of_a_card_library_merge_by_id() -> None:
    base = library()
    ours = base.model_copy(deep=True)
    ours.cards["ours"] = Card(tag="Ours", text="our words")
    theirs = base.model_copy(deep=True)
    theirs.cards["theirs"] = Card(tag="Theirs", text="their words")
    del theirs.cards["lee"]
    merged = merge(base, ours, theirs)
    assert list(merged.cards) == ["smith", "ours", "theirs"]
    assert merged.essay is None and merged.conflicts == []


def test_the_brief_of_a_card_library_files_its_cards_under_their_headings() -> None:
    brief = render(library())
    assert brief.splitlines()[:10] == [
        "# Tub",
        "",
        "A card library: 2 cards.",
        "",
        "## Aff Answers",
        "",
        "### Strikes",
        "",
        "#### AT: Backfire",
        "",
    ]
    assert "▪ **Smith 21** — *our tag:* Strikes win wages" in brief
    # A card filed under nothing, after filed ones, is not shown under their heading.
    assert brief.index("## Not filed") < brief.index("Wages stall")


def test_the_brief_heads_a_shallower_filing_again() -> None:
    cards = {
        "a": {"tag": "A", "text": "a", "filed_under": ["P", "H"]},
        "b": {"tag": "B", "text": "b", "filed_under": ["P"]},
    }
    lines = render(library(cards=cards)).splitlines()
    assert [line for line in lines if line.startswith("#")] == ["# Tub", "## P", "### H", "## P"]


@pytest.mark.parametrize("to", ["argdown", "aif"])
def test_formats_of_claims_and_sides_refuse_a_card_library_in_one_line(to: str) -> None:
    with pytest.raises(WorkbookError, match=f"no claims or sides to write as {to}; export it as"):
        export_bytes(library(), to, BriefOptions())


def test_the_web_page_of_a_card_library_is_its_brief() -> None:
    page = export_bytes(library(), "html", BriefOptions()).decode("utf-8")
    assert "A card library: 2 cards." in page and "Aff Answers" in page


def test_the_same_card_added_again_is_not_added() -> None:
    cards = dict(library().cards)
    adder = LibraryAdder(cards)
    again = library().cards["smith"].model_copy()
    other_cite = again.model_copy(update={"cited_as": "Smith 22 [Jane Smith, 2022]"})
    other_marks = again.model_copy(update={"text": "Workers who strike win more."})
    added = adder.add([again, other_cite, other_marks, other_marks])
    assert added.already == 2
    assert added.new == ["strikes-win-wages", "strikes-win-wages-1"]
    assert same_card_key(cards["strikes-win-wages"]) == same_card_key(other_cite)


def test_ids_from_the_same_tag_stay_linear() -> None:
    """Many cards under one tag, into a library that has many already: each id is handed out
    in about one step, not one per card before it (`FreeIds`)."""
    cards: dict[str, Card] = {}
    added = LibraryAdder(cards).add(Card(tag="Extinction", text=str(n)) for n in range(3))
    assert added.new == ["extinction", "extinction-1", "extinction-2"]

    def tub(n: int) -> tuple[dict[str, Card], list[Card]]:
        there = {f"extinction-{k}": Card(tag="Extinction", text=f"old {k}") for k in range(n)}
        return there, [Card(tag="Extinction", text=f"new {k}") for k in range(n)]

    def add(made: tuple[dict[str, Card], list[Card]]) -> object:
        return LibraryAdder(dict(made[0])).add(made[1])

    ratio = growth(tub, add, size=500)
    assert ratio < LINEAR, f"4 times the cards took {ratio:.1f} times as long"


def test_the_brief_of_a_card_library_is_written_in_linear_time() -> None:
    def tub(n: int) -> Workbook:
        cards = {
            f"c{k}": Card(tag=f"Tag {k}", text="A ==card== text.", filed_under=["P", f"H{k // 3}"])
            for k in range(n)
        }
        return library(cards=cards)

    ratio = growth(tub, render, size=200)
    assert ratio < LINEAR, f"4 times the cards took {ratio:.1f} times as long"


def test_a_format_line_alone_is_a_workbook_cut_short_not_a_library(tmp_path: Path) -> None:
    path = tmp_path / "short.toml"
    path.write_text("format = 2\n", encoding="utf-8")
    with pytest.raises(WorkbookError) as caught:
        load(path)
    assert str(caught.value) == (
        f"{path}: essay: missing: a workbook studies an essay; one without is a card library, "
        "with a title or cards"
    )
    path.write_text('format = 2\ntitle = "Tub"\n', encoding="utf-8")
    assert load(path).title == "Tub"


@given(st.lists(strategies.cards, max_size=8), st.lists(strategies.cards, max_size=8))
def test_any_cards_added_twice_are_added_once_and_the_library_holds(
    first: list[dict[str, Any]], second: list[dict[str, Any]]
) -> None:
    """Hostile tags and texts: every id made is a valid one, the library still validates and
    round-trips through its file's text, and adding the same cards again adds none."""
    batch = [Card.model_validate(card) for card in first + second]
    cards: dict[str, Card] = {}
    adder = LibraryAdder(cards)
    added = adder.add(batch)
    assert len(added.new) == len({same_card_key(card) for card in batch})
    assert added.already == len(batch) - len(added.new)
    again = LibraryAdder(dict(cards)).add(batch)
    assert (again.new, again.already) == ([], len(batch))
    workbook = library(cards=cards)
    assert Workbook.model_validate(tomllib.loads(dumps(workbook))) == workbook
