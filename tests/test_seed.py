"""The seed position: a faithful reading of the essay, prepared for both sides."""

from __future__ import annotations

import re

import pytest

from workbook.core.marks import plain
from workbook.core.model import Workbook
from workbook.essay.paragraphs import split_paragraphs
from workbook.storage.places import seed_path
from workbook.storage.store import dumps, load, parse, read_workbook

ARGUING = {2, 3, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15}  # not the byline or the two headings


@pytest.fixture(scope="module")
def seed() -> Workbook:
    return load(seed_path())


@pytest.fixture(scope="module")
def paragraphs(seed: Workbook) -> list[str]:
    return split_paragraphs((seed_path().parent / seed.essay.file).read_text(encoding="utf-8"))


def test_every_quote_is_the_essays_words(seed: Workbook, paragraphs: list[str]) -> None:
    for claim_id, claim in seed.claims.items():
        paragraph = paragraphs[claim.paragraph - 1]
        # The one change allowed: the drop cap that the essay's text lost.
        quote = re.sub(r"^\[I\]n ", "n ", claim.quote)
        assert quote in paragraph, f"{claim_id}: not the words of paragraph {claim.paragraph}"


def test_every_arguing_paragraph_gives_a_claim(seed: Workbook, paragraphs: list[str]) -> None:
    assert len(paragraphs) == seed.essay.paragraphs == 15
    assert {claim.paragraph for claim in seed.claims.values()} == ARGUING
    assert 20 <= len(seed.claims) <= 30


def test_claims_follow_the_essay(seed: Workbook) -> None:
    order = [claim.paragraph for claim in seed.claims.values()]
    assert order == sorted(order)
    assert {c.section for c in seed.claims.values()} == {
        "Introduction",
        "The Militias After the Strike",
        "The Results of “Maximum Pressure”",
    }


def test_every_claim_has_a_point_for_each_side(seed: Workbook) -> None:
    for claim_id, claim in seed.claims.items():
        sides = {point.side for point in claim.points.values()}
        assert sides == set(seed.sides), claim_id
        assert all(point.text for point in claim.points.values()), claim_id


def test_cards_quote_only_what_they_cite(seed: Workbook) -> None:
    essay = seed_path().parent.joinpath(seed.essay.file).read_text(encoding="utf-8")
    for card in seed.cards.values():
        if card.is_open:
            assert not (card.author or card.date or card.text)
            continue
        # A card quoting the essay names it, and its words (marks and editorial brackets
        # aside) are the essay's; every other card has an address.
        if card.author == "Will Smith":
            # An editorial bracket stands for the essay's words: the parts around it are
            # checked on their own.
            for fragment in re.split(r"\[[^\]]*\]|…|\.\.\.", plain(card.text)):
                assert " ".join(fragment.strip(' “”"').split()) in " ".join(essay.split())
        else:
            assert card.url.startswith("https://"), card.tag


def test_the_seed_is_in_canonical_form(seed: Workbook) -> None:
    if read_workbook(seed_path()).upgraded:
        # A seed still in an older format is canonical once fmt upgrades it: its upgrade
        # reads back as it is.
        assert parse(dumps(seed), seed_path()) == seed
        return
    assert seed_path().read_text(encoding="utf-8") == dumps(seed)


def test_the_essay_travels_beside_the_seed(seed: Workbook) -> None:
    assert (seed_path().parent / seed.essay.file).is_file()
