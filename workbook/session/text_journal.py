"""Journals of a file kept whole: the file's text as the app last read or wrote it (the base),
and as edited since, for files small enough to journal whole (a round's flow).

The journal is the workbook's own machinery (`journal.OwnJournal`: a token of its own, locked
while its app runs, written atomically beside the file or in the user's state folder), holding
two texts instead of claims: restoring it is the edited text when the file is as the base left
it, and a three-way merge of base, edited and the file as it is now when not. What the texts
mean is the caller's: this module reads and writes them, and sets aside a journal it cannot
read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from workbook.session.journal import Found, find_journals_read_by
from workbook.storage.files import WorkbookError, read_file
from workbook.storage.toml_data import loads

TEXT_JOURNAL = 1


@dataclass(frozen=True)
class TextJournal:
    """A whole-text journal as read back."""

    base: str  # digest of the file's bytes the edits were made on
    base_text: str  # the text as last read or written
    text: str  # the text as edited
    written: dt.datetime
    where: Path

    @property
    def when(self) -> str:
        return self.written.astimezone().strftime("%Y-%m-%d at %H:%M:%S")


# What the whole-text journals of a file hold for the app that opens it.
FoundTexts = Found[TextJournal]


def text_journal(base: str, base_text: str, text: str) -> bytes:
    """The bytes of a journal of `text`, edited from `base_text` (the file whose digest is
    `base`)."""
    data = {
        "text_journal": TEXT_JOURNAL,
        "base": base,
        "written": dt.datetime.now().astimezone().isoformat(timespec="microseconds"),
        "base_text": base_text,
        "text": text,
    }
    return tomli_w.dumps(data, multiline_strings=True).encode("utf-8")


def parse_text_journal(place: Path) -> TextJournal:
    """A journal read back; a WorkbookError of one line when it is not one this reads."""
    data = loads(read_file(place)[1], place)
    if data.get("text_journal") != TEXT_JOURNAL:
        raise WorkbookError(f"{place}: not a journal of a whole text this reads")
    try:
        written = dt.datetime.fromisoformat(str(data["written"]))
        texts = [data[name] for name in ("base", "base_text", "text")]
    except (KeyError, ValueError) as error:
        raise WorkbookError(f"{place}: not a readable journal ({error})") from None
    if not all(isinstance(value, str) for value in texts):
        raise WorkbookError(f"{place}: not a readable journal (its texts are not text)")
    if written.tzinfo is None:
        written = written.astimezone()
    base, base_text, text = texts
    return TextJournal(base, base_text, text, written, place)


def find_text_journals(path: Path, own: Path | None = None) -> FoundTexts:
    """Every whole-text journal of `path` that no running app holds, newest first. One that
    cannot be read is moved aside (renamed to end in `.damaged`) and named in one line."""
    return find_journals_read_by(parse_text_journal, path, own)
