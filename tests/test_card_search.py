"""Finding a card in one library as a debater types."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbook.core.card_search import Haystack, haystacks, in_order, search
from workbook.core.model import Card, Workbook

from .conftest import small_data


def library(**cards: Card) -> list[Haystack]:
    return [Haystack.of(card_id, card) for card_id, card in cards.items()]


SMITH = Card(author="Ann Smith", date="2021", tag="Attacks rose", text="The ==attacks rose== fast.")
POST = Card(publication="The Jerusalem Post", date="2021-06", tag="45 attacks by June")
ZARIF = Card(author="Javad Zarif", tag="Iran concluded", text="Iran took & concluded measures")


def test_nothing_typed_lists_the_library_in_its_order() -> None:
    hays = library(smith=SMITH, post=POST, zarif=ZARIF)
    assert search(hays, "") == search(hays, "   ") == ["smith", "post", "zarif"]


def test_a_word_of_the_cite_or_tag_ranks_above_one_only_in_the_text() -> None:
    hays = library(smith=SMITH, zarif=ZARIF, other=Card(tag="Iran", text="x"))
    # "concluded" is in Zarif's tag; "attacks" only in Smith's tag and text.
    assert search(hays, "concluded") == ["zarif"]
    assert search(hays, "iran")[0] in {"zarif", "other"}
    assert search(hays, "fast") == ["smith"]  # the text, its marks taken out


def test_every_word_must_fit() -> None:
    hays = library(smith=SMITH, post=POST)
    assert search(hays, "attacks 2021") == ["smith", "post"]
    assert search(hays, "attacks smith") == ["smith"]
    assert search(hays, "attacks zarif") == []


def test_letters_left_out_of_a_short_cite_are_forgiven_but_not_in_a_long_tag() -> None:
    hays = library(post=POST, smith=SMITH)
    assert search(hays, "jpost") == ["post"]
    assert search(hays, "smth21") == ["smith"]
    # The letters of "ars" are in order in Smith's tag ("Attacks rose") but not its cite.
    assert search(hays, "akr") == []


def test_the_full_cite_is_searched() -> None:
    card = Card(author="Ann Smith", qualifications="professor of history", date="2021")
    assert search(library(smith=card, post=POST), "history") == ["smith"]


def test_the_seed_like_small_library() -> None:
    workbook = Workbook.model_validate(small_data())
    assert search(haystacks(workbook), "smith") == ["smith"]


@given(st.text(min_size=1), st.text())
def test_a_word_is_in_order_in_any_text_that_holds_it(word: str, around: str) -> None:
    assert in_order(word, around + word + around)


@given(st.lists(st.sampled_from([SMITH, POST, ZARIF]), min_size=1, max_size=6), st.data())
def test_a_cards_own_id_and_cite_find_it(cards: list[Card], data: st.DataObject) -> None:
    hays = library(**{f"card{index}": card for index, card in enumerate(cards)})
    index = data.draw(st.integers(0, len(cards) - 1))
    assert f"card{index}" in search(hays, f"card{index}")
    assert f"card{index}" in search(hays, cards[index].cite)
