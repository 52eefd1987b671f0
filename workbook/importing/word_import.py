"""A squad's Word files read into a workbook's card library: every file read first, then the
cards added, each card once, and the workbook saved in one atomic write.

A file that cannot be read stops the import before anything is written: the workbook is saved
only when every file was read, so a run either takes in all it was given or changes nothing.
A workbook that does not exist yet is made a card library (a workbook with no essay), titled
from the first file's name unless a title is given.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from workbook.core.adding import LibraryAdder
from workbook.core.model import FORMAT_VERSION, Workbook
from workbook.importing.word_file import WordFile, read_word
from workbook.storage.files import WorkbookError, kind_of
from workbook.storage.store import read_workbook, save

WORD_SUFFIX = ".docx"


@dataclass(frozen=True)
class FileReport:
    """What one Word file gave: its cards, how many were new, and what was not a card."""

    path: Path
    cards: int
    new: int
    already: int  # the same card already in the library (or earlier in this import)
    analytics: int
    skipped: int

    def line(self) -> str:
        """The summary line `workbook import` prints for the file."""
        return (
            f"{self.path}: {_count(self.cards, 'card')} ({self.new} new, "
            f"{self.already} already there), {_count(self.analytics, 'analytic')}, "
            f"{_count(self.skipped, 'paragraph')} skipped"
        )


@dataclass(frozen=True)
class Imported:
    out: Path
    created: bool  # OUT did not exist: it was made a card library
    files: list[FileReport]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def word_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the .docx files in the folders named and their folders (not
    hidden ones, nor the "~$" files Word leaves while a document is open), each folder's in
    name order. A file named twice is read once. A name that is neither a file nor a folder
    is kept, so that reading it reports what is wrong."""
    found: dict[Path, None] = {}
    for path in paths:
        if not path.is_dir():
            found.setdefault(path, None)
            continue
        for folder, folders, files in os.walk(path):
            folders[:] = sorted(name for name in folders if not name.startswith("."))
            for name in sorted(files):
                if name.lower().endswith(WORD_SUFFIX) and not name.startswith(("~$", ".")):
                    found.setdefault(Path(folder) / name, None)
    # The same file under two names (./a.docx and a.docx) is still one file.
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(_identity(path), path)
    return list(unique.values())


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def import_word_files(
    paths: list[Path],
    out: Path,
    title: str = "",
    reading: Callable[[int, int, Path], None] | None = None,
) -> Imported:
    """Read every Word file of `paths` into the card library of the workbook `out` (made a
    card library when it does not exist) and save it; `reading(i, n, path)` is told of each
    file before it is read. WorkbookError, one line, and `out` untouched, when any file or
    `out` cannot be read, or `out` cannot be written."""
    files = word_files(paths)
    if not files:
        raise WorkbookError(f"{', '.join(map(str, paths))}: no Word file ({WORD_SUFFIX}) to import")
    workbook, created = _library(out, title or files[0].stem)
    read: list[tuple[Path, WordFile]] = []
    for number, path in enumerate(files, start=1):
        if reading is not None:
            reading(number, len(files), path)
        read.append((path, read_word(regular_file(path))))
    cards = dict(workbook.cards)
    adder = LibraryAdder(cards)
    reports = []
    for path, word in read:
        added = adder.add(word.cards)
        reports.append(
            FileReport(
                path, len(word.cards), len(added.new), added.already, word.analytics, word.skipped
            )
        )
    if created or any(report.new for report in reports):
        save(Workbook.model_validate({**workbook.model_dump(), "cards": cards}), out)
    return Imported(out, created, reports)


def regular_file(path: Path) -> Path:
    """`path`, once it is known to be a regular file: a named pipe among the files would hang
    the reader that opens it, and a file that is not there is said to be so, in one line."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise WorkbookError(f"{path}: no such file") from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", "") or error
        raise WorkbookError(f"{path}: cannot read: {reason}") from None
    kind = kind_of(mode)
    if kind is not None:
        raise WorkbookError(f"{path}: is {kind}, not a Word file")
    return path


def _library(out: Path, title: str) -> tuple[Workbook, bool]:
    """The workbook at `out`, or a new card library when there is none; refused in one line
    when `out` is not a workbook this version writes."""
    if not os.path.lexists(out):
        if out.suffix.lower() != ".toml":
            raise WorkbookError(f"{out}: a workbook's name ends in .toml")
        return Workbook.model_validate({"format": FORMAT_VERSION, "title": title}), True
    loaded = read_workbook(out)
    if loaded.upgraded:
        raise WorkbookError(
            f"{out}: format {loaded.version}: upgrade it with workbook fmt first "
            "(older versions of workbook cannot read what an import writes)"
        )
    return loaded.workbook, False
