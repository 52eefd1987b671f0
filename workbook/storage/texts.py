"""The texts beside a workbook: its essay's and its sources', one paragraph a line, read
paragraph by paragraph and never from outside the workbook's folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

from workbook.core.model import ESSAY, Workbook
from workbook.essay.paragraphs import split_paragraphs
from workbook.storage.files import ReadError, WorkbookError, read_bytes, utf8

# Control characters other than the white space a text file holds: the importer leaves
# them out (importing/document.py), so only a hand's edit brings one.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def essay_paragraphs(workbook: Workbook, path: Path) -> list[str] | None:
    """The paragraphs of the essay the workbook at `path` names, or None when its text is
    not there (or the workbook is a card library, with no essay)."""
    if workbook.essay is None:
        return None
    return text_beside(path, workbook.essay.file, f"{path}: essay.file")


def source_paragraphs(workbook: Workbook, path: Path, source_id: str) -> list[str] | None:
    """The stored paragraphs of source `source_id` (ESSAY for the essay), or None when the
    workbook has no such source or its text is not there."""
    if source_id == ESSAY:
        return essay_paragraphs(workbook, path)
    source = workbook.sources.get(source_id)
    if source is None:
        return None
    return text_beside(path, source.file, f"{path}: sources.{source_id}.file")


def source_file_name(path: Path, source_id: str) -> str:
    """The name a source's text is stored under, beside the workbook at `path`."""
    return f"{path.stem}.{source_id}.source.txt"


def text_beside(path: Path, name: str, where: str) -> list[str] | None:
    """The paragraphs of the text `name` beside the workbook at `path`, or None when it is
    not there (or not named). `where` is the field path an error names.

    The text must be a regular file inside the workbook's folder, even through a link: a
    workbook from someone else must not make the program read, or report on, any other file.
    """
    if not name:
        return None
    try:
        text = (path.parent / name).resolve()
        inside = text.is_relative_to(path.parent.resolve())
    except (OSError, RuntimeError):  # a loop of links
        raise WorkbookError(f"{where}: {name}: cannot follow its links") from None
    if not inside:
        raise WorkbookError(f"{where}: {name} leads outside the workbook's folder")
    if text.is_dir():
        raise WorkbookError(f"{where}: {name} is a folder, not a text file")
    try:
        raw = read_bytes(text)
    except ReadError as error:
        if not os.path.lexists(text):
            return None  # not there: what it would prove is simply not checked
        raise WorkbookError(f"{where}: {name}: {error.reason}") from None
    words = utf8(raw, f"{where}: {name}")
    control = _CONTROL.search(words)
    if control is not None:  # shown in the app, it would drive the terminal
        line = words.count("\n", 0, control.start()) + 1
        column = control.start() - (words.rfind("\n", 0, control.start()) + 1) + 1
        shown = ascii(control.group())[1:-1]
        raise WorkbookError(
            f"{where}: {name}: line {line}, column {column}: a control character ({shown}), "
            "not text: take it out"
        )
    return split_paragraphs(words)


def texts_beside(workbook: Workbook) -> list[tuple[str, str]]:
    """The texts the workbook names beside it, each with what it is: its essay's, then each
    source's. Whatever copies, protects or moves a workbook's files goes by this list, so a
    text of a new kind is carried and kept safe everywhere at once."""
    essay = workbook.essay
    named = [(essay.file, "the workbook's essay")] if essay is not None and essay.file else []
    for key, source in workbook.sources.items():
        named.append((source.file, f"the text of source {key}"))
    return named
