"""Word files built for the tests as real ones are (python-docx): a squad's tub in Verbatim's
structure, Pockets, Hats and Blocks above Tags, a cite and a card's text under each Tag."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX


@dataclass(frozen=True)
class WordCard:
    tag: str
    cite: str  # the cite paragraph, whole
    # The card's text as runs: (words, underlined, highlighted).
    runs: list[tuple[str, bool, bool]] = field(default_factory=list)


def write_tub(path: Path, filed: list[tuple[int, str] | WordCard | str]) -> Path:
    """A Word file of headings (level, text), cards, and analytics (a bare str: a Tag with no
    cite after it), in order."""
    document = Document()
    for item in filed:
        if isinstance(item, tuple):
            document.add_heading(item[1], item[0])
        elif isinstance(item, str):
            document.add_heading(item, 4)
        else:
            document.add_heading(item.tag, 4)
            document.add_paragraph(item.cite)
            paragraph = document.add_paragraph()
            for words, underlined, highlighted in item.runs:
                run = paragraph.add_run(words)
                run.underline = underlined
                if highlighted:
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    document.save(str(path))
    return path


SMITH = WordCard(
    "Strikes win wages",
    "Smith 21 [Jane Smith, professor of labor history, 2021, “Strikes”, The Review]",
    [("Workers who ", False, False), ("strike win", True, True), (" higher wages.", False, False)],
)
JONES = WordCard(
    "Strikes end fast",
    "Jones 19 [Tom Jones, economist, 2019]",
    [("Most strikes end ", False, False), ("within a week", True, False), (".", False, False)],
)
LEE = WordCard(
    "Wages stall", "Lee 20 [Ann Lee, 2020]", [("Wages stall after strikes.", False, True)]
)

# A tub: a Pocket, a Hat and a Block above two cards and an analytic; a second Block with one.
TUB: list[tuple[int, str] | WordCard | str] = [
    (1, "Aff Answers"),
    (2, "Strikes"),
    (3, "AT: Strikes backfire"),
    SMITH,
    "No link: the strike was local",
    JONES,
    (3, "AT: Wages"),
    LEE,
]
