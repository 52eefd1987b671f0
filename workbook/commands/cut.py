"""`workbook cut`: a card of whole paragraphs cut from a source's stored text (or the essay's),
with the source's cite and the cutter's initials, added to the card library and, with
`--point`, read by that point last; saved as every command that changes a workbook saves it.

Bad input (no such source, its text not there, a range outside it, no such claim or point, a
tag of two lines, initials that are not) is one line, status 2, and the workbook untouched.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_OK, complain, say
from workbook.core.model import ESSAY, without_essay
from workbook.storage.files import WorkbookError

if TYPE_CHECKING:
    from workbook.commands import Subparsers
    from workbook.core.model import Workbook


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    cut = subparsers.add_parser("cut")
    cut.add_argument("path", type=Path, metavar="PATH", help="the workbook")
    cut.add_argument("source", metavar="SOURCE", help="the source's id, or essay")
    cut.add_argument(
        "--paragraphs",
        required=True,
        metavar="A[-B]",
        help="the paragraphs to cut, numbered from 1 as they stand in the source's text",
    )
    cut.add_argument("--tag", required=True, metavar="TEXT", help="the card's tag: one line")
    cut.add_argument("--point", metavar="CLAIM.POINT", help="the point that reads the card, last")
    return cut


def run(args: argparse.Namespace) -> int:
    try:
        line = _cut(args.path, args.source, args.paragraphs, args.tag, args.point)
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    say(line)
    return EXIT_OK


def _cut(path: Path, source_id: str, paragraphs: str, tag: str, point: str | None) -> str:
    """Cut the card into the workbook at `path` and save it; what to say, the card's id last."""
    from workbook.core.cutting import NO_ESSAY_TO_CUT, CutError, cut_card, paragraph_range
    from workbook.core.edits import Draft, EditError
    from workbook.core.library import free_card_id
    from workbook.storage.places import is_bundled
    from workbook.storage.store import read_workbook, save
    from workbook.storage.texts import source_paragraphs
    from workbook.storage.user_config import read_initials

    if is_bundled(path):
        raise WorkbookError(f"{path}: the bundled seed is read-only")
    loaded = read_workbook(path)
    workbook = loaded.workbook
    if loaded.upgraded:
        raise WorkbookError(
            f"{path}: format {loaded.version}: upgrade it with workbook fmt first "
            "(older versions of workbook cannot read what a cut writes)"
        )
    if source_id == ESSAY and workbook.essay is None:
        raise WorkbookError(f"{path}: {without_essay(workbook)} {NO_ESSAY_TO_CUT}")
    if source_id != ESSAY and source_id not in workbook.sources:
        raise WorkbookError(f"{path}: no source {source_id!r}: {_sources(workbook)}")
    text = loaded.paragraphs if source_id == ESSAY else source_paragraphs(workbook, path, source_id)
    if text is None:
        raise WorkbookError(f"{path}: {_not_there(workbook, source_id)}, so no card can be cut")
    place = _point(path, workbook, point) if point is not None else None
    cutter = read_initials()
    try:
        first, last = paragraph_range(paragraphs, len(text))
    except CutError as error:
        raise WorkbookError(f"{path}: --paragraphs: {error}") from None
    try:
        card = cut_card(workbook, source_id, text, first, last, tag=tag, cutter=cutter)
    except CutError as error:
        # The tag is the one field of the card typed here: it is named by its option.
        problem = str(error)
        raise WorkbookError(f"{path}: " + ("--" * problem.startswith("tag:")) + problem) from None
    draft = Draft(workbook)
    try:
        if place is None:
            card_id = free_card_id(workbook, source_id)
            draft.edit_card("Cut a card", card_id, card)
        else:
            change = draft.add_card("Cut a card", *place, card)
            card_id = change.cards[0].card_id
    except EditError as error:
        raise WorkbookError(f"{path}: {error}") from None
    save(workbook, path)
    span = f"paragraph {first}" if first == last else f"paragraphs {first}-{last}"
    read = f", read by {place[0]}.{place[1]}" if place else ""
    return f"{path}: cut {span} of {source_id}{read}, as card {card_id}"


def _sources(workbook: Workbook) -> str:
    ids = [*([ESSAY] if workbook.essay is not None else []), *workbook.sources]
    return "the workbook has " + ", ".join(ids) if ids else "the card library has no sources yet"


def _not_there(workbook: Workbook, source_id: str) -> str:
    if source_id == ESSAY and workbook.essay is not None:
        name = workbook.essay.file
        return f"essay.file: {name} is not there" if name else "essay.file: no essay is named"
    name = workbook.sources[source_id].file
    field = f"sources.{source_id}.file"
    return f"{field}: {name} is not there" if name else f"{field}: no text is named"


def _point(path: Path, workbook: Workbook, typed: str) -> tuple[str, str]:
    """The (claim id, point id) `--point CLAIM.POINT` names; refused in one line."""
    claim_id, dot, point_id = typed.partition(".")
    if not dot or not claim_id or not point_id:
        raise WorkbookError(f"{path}: --point: give CLAIM.POINT, as blowback.p1 (got {typed!r})")
    claim = workbook.claims.get(claim_id)
    if claim is None:
        raise WorkbookError(f"{path}: --point: no claim {claim_id!r} in the workbook")
    if point_id not in claim.points:
        raise WorkbookError(f"{path}: --point: claims.{claim_id} has no point {point_id!r}")
    return claim_id, point_id
