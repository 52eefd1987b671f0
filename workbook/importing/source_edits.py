"""A source added to a workbook, or removed from it, as `workbook source` does on the file:
the source's text written beside the workbook (or set aside), its `[sources.ID]` table added
(or taken out), and the workbook saved as every command saves it: atomically, the version
before kept as NAME.toml.bak.

Nothing is written until everything has been checked: the workbook, the id, the source's
file. The text is written before the workbook, and taken back if the workbook cannot be
saved, so that a workbook never names a text that is not there and a refusal leaves the
folder as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbook.core.cite_flags import citing_cards
from workbook.core.fields import ID_PATTERN
from workbook.core.model import ESSAY, FORMAT_VERSION, Source, Workbook
from workbook.importing.sources import SourceText, read_source, source_id_for
from workbook.storage.files import WorkbookError, backup_path, same_file, write_atomic
from workbook.storage.owned import inputs_of, owned_target, source_text
from workbook.storage.places import is_bundled
from workbook.storage.store import Loaded, read_workbook, save, to_data, validate
from workbook.storage.texts import source_file_name


@dataclass(frozen=True)
class Added:
    """What `add_source` did: the id, the source as the workbook now holds it, where its
    text is, and whether a file of the same text was there already."""

    source_id: str
    source: Source
    text: Path
    kept: bool


def editable(path: Path) -> Loaded:
    """The workbook at `path`, read, when a source may be added to it or removed from it."""
    if is_bundled(path):
        raise WorkbookError(f"{path}: is among the bundled positions, which are read-only")
    loaded = read_workbook(path)
    if loaded.upgraded:
        raise WorkbookError(
            f"{path}: is format {loaded.version}, which holds no sources; "
            f"`workbook fmt {path}` upgrades it to format {FORMAT_VERSION}"
        )
    return loaded


def add_source(
    path: Path, document: Path, source_id: str | None = None, today: dt.date | None = None
) -> Added:
    """Add the document at `document` as a source of the workbook at `path`, under
    `source_id` or the id `sources.source_id_for` gives it. A WorkbookError of one line,
    with nothing written, for a workbook, an id or a document that will not do."""
    if source_id is not None:
        _check_id(source_id)
    workbook = editable(path).workbook
    if source_id is not None and source_id in workbook.sources:
        raise WorkbookError(
            f"{path}: source {source_id!r} is there already; give another --id, or remove it first"
        )
    read = read_source(document, today)
    if source_id is None:
        source_id = source_id_for(read.cite.fields, document.stem, workbook.sources)
    name = source_file_name(path, source_id)
    data = "".join(f"{paragraph}\n" for paragraph in read.paragraphs).encode("utf-8")
    text = path.parent / name
    updated = _with_source(workbook, path, source_id, _table(read, name))
    written = _write_text(text, data, path, workbook)
    try:
        save(updated, path)
    except WorkbookError:
        if written is not None:
            _take_back(written)
        raise
    return Added(source_id, updated.sources[source_id], text, kept=written is None)


def _check_id(source_id: str) -> None:
    if not ID_PATTERN.fullmatch(source_id):
        raise WorkbookError(
            f"--id: an id uses only letters, digits, '-' and '_' (got {source_id!r})"
        )
    if source_id == ESSAY:
        raise WorkbookError(f"--id: {ESSAY!r} is the workbook's essay; give the source another id")


def _table(read: SourceText, name: str) -> dict[str, Any]:
    """The source's `[sources.ID]` table, as the file writes it."""
    return {
        **read.cite.fields,
        "file": name,
        "paragraphs": len(read.paragraphs),
        "pages": list(read.pages),
        "origins": dict(read.cite.origins),
    }


def _with_source(workbook: Workbook, path: Path, source_id: str, table: dict[str, Any]) -> Workbook:
    data = to_data(workbook)
    data.setdefault("sources", {})[source_id] = table
    return validate(data, path)


def _write_text(text: Path, data: bytes, path: Path, workbook: Workbook) -> Path | None:
    """Write the source's text at `text`: the file written (through a link in the folder, its
    target), or None when the same text was there already and is kept as it is. Never over
    another file, nor through a link out of the folder, nor over the workbook, its essay or
    another source's text."""
    kind = source_text(data)
    protect = inputs_of(path, workbook)
    real = owned_target(text, kind, protect=protect)
    if os.path.exists(real):
        return None
    write_atomic(text, data, keep_backup=kind.backup)  # owned_target has said it may be
    return real


def _take_back(written: Path) -> None:
    """Undo the text's write after the workbook's failed: nothing is left half done."""
    # The failure already being reported is the one that matters.
    with contextlib.suppress(OSError):
        os.unlink(written)


@dataclass(frozen=True)
class Removed:
    """What `remove_source` did: where the text was set aside, or None when it was left."""

    source: Source
    set_aside: Path | None


def remove_source(path: Path, source_id: str) -> Removed:
    """Take source `source_id` out of the workbook at `path`, unless a card cites it; its
    text, when it is a source's text of the workbook's folder that nothing else names, is
    kept as NAME.source.txt.bak (a backup, as a save keeps one)."""
    workbook = editable(path).workbook
    if source_id == ESSAY:
        raise WorkbookError(f"{path}: {ESSAY!r} is the workbook's essay, which stays")
    source = workbook.sources.get(source_id)
    if source is None:
        known = ", ".join(workbook.sources) or "none"
        raise WorkbookError(f"{path}: no source {source_id!r} (its sources: {known})")
    cards = citing_cards(workbook, source_id)
    if cards:
        named = ", ".join(cards[:5]) + (f" and {len(cards) - 5} more" if len(cards) > 5 else "")
        raise WorkbookError(
            f"{path}: source {source_id!r} is cited by {len(cards)} "
            f"card{'s' if len(cards) > 1 else ''} ({named}); take them out or cut them again "
            "from another source first"
        )
    data = to_data(workbook)
    del data["sources"][source_id]
    if not data["sources"]:
        del data["sources"]
    updated = validate(data, path)
    text = _own_text(path, workbook, source_id)
    aside = backup_path(text) if text is not None else None
    if text is not None and aside is not None:
        _rename(text, aside)
    try:
        save(updated, path)
    except WorkbookError:
        if text is not None and aside is not None:
            _rename(aside, text)
        raise
    return Removed(source, aside)


def _own_text(path: Path, workbook: Workbook, source_id: str) -> Path | None:
    """The source's text, when it may be set aside: a regular file of the workbook's folder,
    named as `source add` names them, that is not the workbook, its essay or a text another
    source names."""
    name = workbook.sources[source_id].file
    text = path.parent / name
    if not name.endswith(".source.txt") or not os.path.isfile(text) or os.path.islink(text):
        return None
    try:
        inside = text.resolve().is_relative_to(path.parent.resolve())
    except (OSError, RuntimeError):
        return None
    others = [kept for kept, _ in inputs_of(path, workbook) if kept != path.parent / name]
    if not inside or any(same_file(text, kept) for kept in others):
        return None
    return text


def _rename(old: Path, new: Path) -> None:
    try:
        os.replace(old, new)
    except OSError as error:
        raise WorkbookError(f"{old}: cannot set it aside: {error.strerror or error}") from None
