"""The Word reader agrees with the circuit's own way of reading a Verbatim file.

Logos, a search engine of the circuit's cards, reads files with python-docx: a card is a
"Heading 4" paragraph, the first paragraph after it with a digit in it is the cite, the
"Normal" and "List Paragraph" paragraphs after that are the card's text, a run with a
highlight colour is read aloud, and a run whose style's name says Underline, or that is
underlined itself or by its style, is underlined. That reading is restated here with
python-docx's own API (not copied), and run on a tub: each card's tag, cite, words, read-aloud
words and underlined words come out of both the same.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from docx import Document

from tests.word_files import tub
from workbook.core.cutting import PARAGRAPH_BREAK
from workbook.core.marks import marked_runs, plain
from workbook.importing.word_file import read_word


@dataclass
class Theirs:
    tag: str
    cite: str
    body: list[str]
    read_aloud: str
    underlined: str


def circuit_reading(raw: bytes) -> list[Theirs]:
    """A Verbatim file's cards as a python-docx parser of the circuit reads them."""
    cards: list[Theirs] = []
    paragraphs = Document(io.BytesIO(raw)).paragraphs
    starts = [
        i for i, p in enumerate(paragraphs) if p.style is not None and p.style.name == "Heading 4"
    ]
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(paragraphs)
        after = paragraphs[start + 1 : end]
        at = next((i for i, p in enumerate(after) if any(c.isdigit() for c in p.text)), None)
        if at is None:
            continue
        body = [
            p for p in after[at + 1 :]
            if p.style is not None and p.style.name in ("Normal", "List Paragraph")
        ]  # fmt: skip
        runs = [r for p in body for r in p.runs]
        cards.append(
            Theirs(
                tag=paragraphs[start].text.strip(", "),
                cite=after[at].text,
                body=[p.text for p in body],
                read_aloud="".join(r.text for r in runs if r.font.highlight_color is not None),
                underlined="".join(
                    r.text
                    for r in runs
                    if "Underline" in (r.style.name or "")
                    or r.font.underline
                    or r.style.font.underline
                ),
            )
        )
    return cards


def test_a_tub_reads_as_the_circuits_parser_reads_it(tmp_path: Path) -> None:
    raw = tub(12)
    path = tmp_path / "tub.docx"
    path.write_bytes(raw)
    ours = read_word(path).cards
    theirs = circuit_reading(raw)
    assert len(ours) == len(theirs) == 12
    for card, their in zip(ours, theirs, strict=True):
        runs = [run for part in card.text.split(PARAGRAPH_BREAK) for run in marked_runs(part)]
        assert card.tag == their.tag
        assert card.cited_as == their.cite
        assert plain(card.text).split(PARAGRAPH_BREAK) == their.body
        assert "".join(run.words for run in runs if run.highlighted) == their.read_aloud
        assert "".join(run.words for run in runs if run.underlined) == their.underlined
