"""Finding evidence across workbooks: every card of every workbook named, or in a folder named,
with where it is read; narrowed to the cards that hold all of some words."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbook.commands.exit_status import json_text, say
from workbook.core.card_search import Haystack, score
from workbook.core.library import Place, usage
from workbook.core.marks import in_quotes
from workbook.core.model import Card
from workbook.storage.files import WorkbookError, one_line
from workbook.storage.store import is_other_toml, load


@dataclass(frozen=True)
class FoundCard:
    path: Path
    card_id: str
    card: Card
    used: list[Place]


def workbook_files(paths: Iterable[Path]) -> list[tuple[Path, bool]]:
    """The files named, and the `*.toml` files in the folders named (and their folders, but
    not hidden ones such as `.git`), each folder's in name order, each with whether it was
    named. A name that is neither is kept, so that reading it reports what is wrong."""
    found: list[tuple[Path, bool]] = []
    for path in paths:
        if not path.is_dir():
            found.append((path, True))
            continue
        for folder, folders, files in os.walk(path):
            folders[:] = sorted(name for name in folders if not name.startswith("."))
            found += [
                (Path(folder) / name, False) for name in sorted(files) if name.endswith(".toml")
            ]
    return found


def find_cards(path: Path, search: str = "") -> list[FoundCard]:
    """The library cards of one workbook that fit `search` as the app's picker finds them,
    in file order; a file that is not a valid workbook raises a WorkbookError of one line."""
    workbook = load(path)
    found = []
    for card_id, places in usage(workbook).items():
        card = workbook.cards[card_id]
        if not search.strip() or score(search, Haystack.of(card_id, card)):
            found.append(FoundCard(path, card_id, card, places))
    return found


def card_block(found: FoundCard) -> str:
    """A card as a few lines of text: where it is, its cite and tag, its full cite, its text
    and the points that read it."""
    card = found.card
    lines = [f"{found.path}: cards.{found.card_id}"]
    if card.is_open:
        lines.append(f"  open slot: {card.tag or 'evidence needed'}")
    else:
        lines.append(f"  {card.cite or '(no cite)'}" + (f": {card.tag}" if card.tag else ""))
        if card.full_cite:
            lines.append(f"  {card.full_cite}")
        if card.text:
            lines.append(f"  {in_quotes(card.text)}")
    read_by = ", ".join(f"{claim}.{point}" for claim, point in found.used)
    lines.append(f"  read by: {read_by or 'no point yet'}")
    return "\n".join(one_line(line) for line in lines)


def card_record(found: FoundCard) -> dict[str, Any]:
    """A card as a JSON object with a fixed set of keys, in a fixed order."""
    card = found.card
    return {
        "file": str(found.path),
        "id": found.card_id,
        "cite": card.cite,
        "full_cite": card.full_cite,
        "open": card.is_open,
        **card.model_dump(),
        "used_by": [{"claim": claim, "point": point} for claim, point in found.used],
    }


def print_cards(paths: Iterable[Path], search: str, as_json: bool) -> bool:
    """Print the cards of every workbook under `paths`; True when some file could not be read
    (each such file gets one line on standard error, and the others are still listed)."""
    failed, records, listed = False, [], 0
    for path, named in workbook_files(paths):
        try:
            found = find_cards(path, search)
        except WorkbookError as error:
            if not named and is_other_toml(path):
                continue  # a folder's other TOML files (settings, provenance) are not workbooks
            print(one_line(str(error)), file=sys.stderr)
            failed = True
            continue
        if as_json:
            records += [card_record(one) for one in found]
        else:
            for one in found:
                say(card_block(one), end="\n\n")
        listed += len(found)
    if as_json:
        say(json_text(records))
    elif not listed and not failed:  # said aside, so that the listing itself stays empty
        fitting = f" fits {search!r}" if search.strip() else " is in these workbooks"
        say(f"No card{fitting}.", file=sys.stderr)
    return failed
