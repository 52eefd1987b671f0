"""A copy of the seed with a source beside it, as `workbook source add` leaves one: its
`[sources.ID]` table in the workbook and its text stored one paragraph a line."""

from __future__ import annotations

from pathlib import Path

from workbook.core.cutting import cut_card
from workbook.core.model import Source
from workbook.storage.store import load, save
from workbook.storage.texts import source_file_name

from ..conftest import copy_positions

SOURCE = "lopez"
# A think-tank piece of six paragraphs, one a line, as the text is stored.
PARAGRAPHS = [
    "Drones and Deterrence in the Gulf",
    "Targeted strikes on militia leaders did not end the rocket attacks on American bases.",
    "In the six months after the strike, attacks on bases hosting U.S. troops rose by a "
    "third, according to the coalition's own count.",
    "Militias that had answered to one commander splintered into smaller groups, each harder "
    "to deter and to negotiate with.",
    "Iran, for its part, announced it would no longer observe the limits of the nuclear deal.",
    "None of this was inevitable; all of it was foreseen.",
]
# The cite as a saved page gives it: the author from the byline under the headline (a guess),
# no qualifications at all, and the date accessed the day it was added (what the workbook knows).
CITE = {
    "author": "Maria Lopez",
    "date": "2023-05-01",
    "title": "Drones and Deterrence in the Gulf",
    "publication": "Gulf Policy Review",
    "url": "https://example.org/drones-deterrence",
    "accessed": "2026-03-02",
}
ORIGINS = {
    "author": "byline",
    "date": "json-ld",
    "title": "json-ld",
    "publication": "open graph",
    "url": "metadata",
    "accessed": "today",
}
CLAIM, POINT = "reckless-decision", "p1"  # the seed's first claim, and its first point (ours)


def add_source(path: Path, paragraphs: list[str] | None = None, source_id: str = SOURCE) -> None:
    """The workbook at `path` gains source `source_id`, its text stored beside it."""
    paragraphs = PARAGRAPHS if paragraphs is None else paragraphs
    workbook = load(path)
    name = source_file_name(path, source_id)
    (path.parent / name).write_text("".join(f"{p}\n" for p in paragraphs), encoding="utf-8")
    workbook.sources = {
        **workbook.sources,
        source_id: Source.model_validate(
            {**CITE, "file": name, "paragraphs": len(paragraphs), "origins": ORIGINS}
        ),
    }
    save(workbook, path)


def seed_with_source(folder: Path) -> Path:
    """A copy of the seed with the source `lopez` beside it, no card cut from it yet."""
    path = copy_positions(folder)
    add_source(path)
    return path


def seed_with_cut_cards(folder: Path) -> Path:
    """A copy of the seed whose first point reads, before its own cards, a card cut from the
    source (proven) and one whose words were edited since (drifted)."""
    path = seed_with_source(folder)
    workbook = load(path)
    proven = cut_card(workbook, SOURCE, PARAGRAPHS, 2, 3, "Attacks rose after the strike", "ML")
    drifted = cut_card(workbook, SOURCE, PARAGRAPHS, 4, 4, "The militias splintered")
    drifted = drifted.model_copy(update={"text": drifted.text.replace("smaller", "many")})
    workbook.cards = {"lopez-attacks-rose": proven, "lopez-splintered": drifted, **workbook.cards}
    claim = workbook.claims[CLAIM]
    point = claim.points[POINT]
    cards = ["lopez-attacks-rose", "lopez-splintered", *point.cards]
    points = {**claim.points, POINT: point.model_copy(update={"cards": cards})}
    workbook.claims[CLAIM] = claim.model_copy(update={"points": points})
    save(workbook, path)
    return path
