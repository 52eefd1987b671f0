"""`workbook source`: the sources cards are cut from, beside a workbook.

- `source add W.toml FILE [--id ID]`: a saved page, a PDF, a Markdown or text file added, its
  text stored beside the workbook, its cite read from it; the last word printed is the id;
- `source list W.toml [--json]`: the essay first, then each source, with its short cite, its
  title and the cite fields to check ("date?" not found, "author~" guessed from the text);
- `source remove W.toml ID`: refused while a card cites it; the text is kept as a backup.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_OK, complain, json_text, say
from workbook.storage.files import WorkbookError, one_line

if TYPE_CHECKING:
    from workbook.commands import Subparsers
    from workbook.core.model import Workbook


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    source = subparsers.add_parser("source")
    actions = source.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="add a saved web page (.html), a PDF, a .md or a .txt file as a source",
        description="Store the document's text beside the workbook, one paragraph a line, and "
        "its cite in the workbook. The last word printed is the new source's id.",
    )
    add.add_argument("path", type=Path, metavar="WORKBOOK")
    add.add_argument("file", type=Path, metavar="FILE", help="the document to add")
    add.add_argument(
        "--id",
        dest="source_id",
        metavar="ID",
        help="the source's id (default: the first author's surname and the year, else the "
        "title's first words)",
    )
    listing = actions.add_parser(
        "list", help="list the essay and the sources, with what in each cite to check"
    )
    listing.add_argument("path", type=Path, metavar="WORKBOOK")
    listing.add_argument("--json", action="store_true", help="print the sources as JSON")
    remove = actions.add_parser(
        "remove", help="take a source out (not while a card cites it); its text is kept as .bak"
    )
    remove.add_argument("path", type=Path, metavar="WORKBOOK")
    remove.add_argument("source_id", metavar="ID")
    return source


def run(args: argparse.Namespace) -> int:
    try:
        if args.action == "add":
            _add(args)
        elif args.action == "remove":
            _remove(args)
        else:
            _list(args)
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _add(args: argparse.Namespace) -> None:
    from workbook.core.cite_flags import flags
    from workbook.core.model import CITE_FIELDS
    from workbook.importing.source_edits import add_source

    added = add_source(args.path, args.file, args.source_id)
    count = added.source.paragraphs
    paragraphs = "1 paragraph" if count == 1 else f"{count} paragraphs"
    stored = "already stored in" if added.kept else "stored in"
    source = added.source
    pages = source.pages
    with_pages = f" (pages {pages[0]}-{pages[-1]})" if pages and pages[0] != pages[-1] else ""
    fields = {name: getattr(source, name) for name in CITE_FIELDS}
    to_check = " ".join(flags(fields, source.origins))
    checks = f" (to check: {to_check})" if to_check else ""
    print(
        one_line(
            f"{args.path}: {paragraphs}{with_pages} of {args.file} {stored} "
            f"{added.text.name}{checks}; source {added.source_id}"
        )
    )


def _remove(args: argparse.Namespace) -> None:
    from workbook.importing.source_edits import remove_source

    removed = remove_source(args.path, args.source_id)
    kept = f"; its text is kept as {removed.set_aside.name}" if removed.set_aside else ""
    print(one_line(f"{args.path}: source {args.source_id} removed{kept}"))


def _list(args: argparse.Namespace) -> None:
    from workbook.core.model import ESSAY, without_essay
    from workbook.storage.store import read_workbook

    workbook = read_workbook(args.path).workbook
    # A card library has no essay: its sources alone.
    listed = [*([ESSAY] if workbook.essay is not None else []), *workbook.sources]
    rows = [_row(workbook, source_id) for source_id in listed]
    if args.json:
        say(json_text(rows))
        return
    if not rows:
        say(f"{one_line(str(args.path))}: {without_essay(workbook)} with no sources yet")
        return
    width = max(len(row["id"]) for row in rows)
    cite_width = max(len(row["cite"]) for row in rows)
    for row in rows:
        title = f"“{row['title']}”" if row["title"] else "(no title)"
        flagged = "  " + " ".join(row["flags"]) if row["flags"] else ""
        say(f"{row['id']:<{width}}  {row['cite']:<{cite_width}}  {title}{flagged}".rstrip())


def _row(workbook: Workbook, source_id: str) -> dict[str, Any]:
    """A source as `source list` shows it, and as its JSON gives it."""
    from workbook.core.cite_flags import (
        cite_of,
        citing_cards,
        flags,
        guessed,
        missing,
        source_short_cite,
    )
    from workbook.core.model import CITE_FIELDS, ESSAY

    fields, origins = cite_of(workbook, source_id)
    cite = {name: fields.get(name, "") for name in CITE_FIELDS}
    if source_id == ESSAY and workbook.essay is not None:
        file, paragraphs, pages = workbook.essay.file, workbook.essay.paragraphs, []
    else:
        source = workbook.sources[source_id]
        file, paragraphs, pages = source.file, source.paragraphs, list(source.pages)
    return {
        "id": source_id,
        **cite,
        "cite": source_short_cite(workbook, source_id),
        "file": file,
        "paragraphs": paragraphs,
        "pages": pages or False,
        "origins": dict(origins),
        "missing": missing(fields),
        "guessed": guessed(fields, origins),
        "flags": flags(fields, origins),
        "cards": list(citing_cards(workbook, source_id)),
    }
