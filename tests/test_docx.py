"""The Word export in Verbatim's structure, read back with python-docx: headings by level,
cites, card texts and the marked words."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.text import WD_COLOR_INDEX
from hypothesis import given, settings

from workbook.commands import main
from workbook.core.marks import plain, runs
from workbook.core.model import Workbook
from workbook.exports.docx import READ_SIZE, UNREAD_SIZE, export
from workbook.storage.places import seed_path
from workbook.storage.store import load

from .strategies import workbooks


def headings(document: docx.document.Document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_the_seed_in_verbatims_structure(tmp_path: Path) -> None:
    out = tmp_path / "seed.docx"
    assert (
        main(["export", str(seed_path()), "--to", "docx", "--ours", "deterrence", "-o", str(out)])
        == 0
    )
    seed = load(seed_path())
    document = docx.Document(str(out))
    # Pockets: the sides, ours first; a block for each claim in each pocket.
    assert headings(document, 1) == ["Deterrence", "Blowback"]
    assert len(headings(document, 3)) == 2 * len(seed.claims)
    sections = list(dict.fromkeys(c.section for c in seed.claims.values()))
    assert headings(document, 2) == sections * 2
    reads = [
        seed.cards[c] for cl in seed.claims.values() for p in cl.points.values() for c in p.cards
    ]
    assert len(headings(document, 4)) == len(reads)
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    for card in (card for card in reads if not card.is_open):
        at = texts.index(card.tag)
        cite = paragraphs[at + 1]
        assert cite.runs[0].text == card.cite and cite.runs[0].bold
        assert cite.text == f"{card.cite} {card.full_cite}"
        if card.text:
            body = paragraphs[at + 2]
            assert body.text == plain(card.text)
            for run, (marked, words) in zip(body.runs, runs(card.text), strict=True):
                assert run.text == words
                assert run.font.size == (READ_SIZE if marked else UNREAD_SIZE)
                assert bool(run.underline) == marked
                assert (run.font.highlight_color == WD_COLOR_INDEX.YELLOW) == marked


def test_the_default_name_is_beside_the_workbook(seed_copy: Path) -> None:
    assert main(["export", str(seed_copy), "--to", "docx"]) == 0
    assert (seed_copy.parent / f"{seed_copy.stem}.docx").is_file()


@settings(max_examples=60, deadline=None)
@given(workbooks())
def test_any_workbook_makes_a_file_word_reads(workbook: Workbook) -> None:
    document = docx.Document(io.BytesIO(export(workbook)))
    assert len(headings(document, 1)) == 2
    assert len(headings(document, 3)) == 2 * len(workbook.claims)


def test_a_quote_that_closes_with_its_own_quotation_mark_gets_no_second_one(
    small: Workbook,
) -> None:
    small.claims["story"].quote = "Deterrence is “a story told afterwards.”"
    texts = [p.text for p in docx.Document(io.BytesIO(export(small))).paragraphs]
    assert "Deterrence is “a story told afterwards.” ¶3" in texts
    assert not any("””" in text for text in texts)


def card_runs(workbook: Workbook, card_id: str) -> list[docx.text.run.Run]:
    """The runs of the card's text in the Word file: the paragraph after its cite."""
    document = docx.Document(io.BytesIO(export(workbook)))
    paragraphs = document.paragraphs
    at = [p.text for p in paragraphs].index(workbook.cards[card_id].tag)
    return paragraphs[at + 2].runs


def test_underlined_and_highlighted_words_are_underlined_and_highlighted(
    small: Workbook,
) -> None:
    small.cards["smith"].text = "The ++strike ==was reckless== and costly++ in C\\++ ==said=="
    shown = [
        (run.text, bool(run.underline), run.font.highlight_color == WD_COLOR_INDEX.YELLOW,
         run.font.size == READ_SIZE)
        for run in card_runs(small, "smith")
    ]  # fmt: skip
    assert shown == [
        ("The ", False, False, False),
        ("strike ", True, False, True),  # underlined: what matters, at reading size
        ("was reckless", True, True, True),  # highlighted: read aloud
        (" and costly", True, False, True),
        (" in C++ ", False, False, False),  # the source's own "++", no mark
        ("said", True, True, True),  # highlighted stands on underlining, as in Verbatim
    ]


def test_a_card_with_nothing_highlighted_is_printed_whole_with_its_underlining(
    small: Workbook,
) -> None:
    small.cards["smith"].text = "Read ++whole++ at reading size"
    runs_shown = card_runs(small, "smith")
    assert [run.text for run in runs_shown] == ["Read ", "whole", " at reading size"]
    assert all(run.font.size == READ_SIZE for run in runs_shown)
    assert [bool(run.underline) for run in runs_shown] == [False, True, False]
    assert not any(run.font.highlight_color for run in runs_shown)
