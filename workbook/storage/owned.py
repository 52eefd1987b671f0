"""The files the workbook owns besides the workbook itself (briefs and the other exports,
speeches, drill histories, a repository's .gitattributes, its sources' texts, the copies of
its essay's and sources' texts beside a saved copy), and the one way they are written,
`write_owned`:

- by default beside the workbook, and never through a link that leads out of the folder the
  name is in: a link planted there must not make a drill mark or an export replace a file
  elsewhere. A name the user typed (`named`) is theirs, and its link is followed;
- never over the workbook, its essay, its sources' texts or a bundled position, nor over
  anything that is not a regular file or that is read-only, nor over a file that is not of
  its own kind: each `Kind` says which files it may replace (a drill history only a drill
  history, a brief a text that is no TOML data), so that a drill history never replaces a
  workbook;
- atomically, keeping the file it replaces as NAME.bak (see files.write_atomic).

Journals keep their own write (session/journal.py): each is locked before it is renamed into
place under a name of its app's own, and a rename never writes through a link.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import tomli

from workbook.core.model import Workbook
from workbook.essay.paragraphs import split_paragraphs
from workbook.storage.files import (
    WorkbookError,
    backup_path,
    read_bytes,
    same_file,
    utf8,
    write_atomic,
    write_target,
)
from workbook.storage.places import is_bundled
from workbook.storage.texts import texts_beside
from workbook.storage.toml_data import TooDeep, looks_like_workbook, parse_toml

# What a file the workbook is about to replace turns out to be, when it is not of the kind
# being written: None when it is (or is empty).
Recognise = Callable[[bytes], str | None]


@dataclass(frozen=True)
class Kind:
    """A kind of file the workbook owns: what a refusal calls it, which files it may replace,
    and whether what it replaces is kept as NAME.bak."""

    name: str  # "brief", "drill history"
    other: Recognise  # what a file is instead, when it is not of this kind
    backup: bool = True

    @property
    def called(self) -> str:
        """The name with its article: "a brief", "an AIF file"."""
        return ("an " if self.name[:1].lower() in "aeiou" else "a ") + self.name


def text_or_toml(raw: bytes) -> str | None:
    """What a file is when it is no text a text export may replace: binary data, a workbook or
    other TOML data. A Markdown, HTML, Argdown or JSON text is not TOML data."""
    if not raw.strip():
        return None
    if b"\0" in raw:
        return "binary data"
    try:
        data = parse_toml(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomli.TOMLDecodeError, TooDeep):
        return None
    if looks_like_workbook(data):
        return "a workbook"
    return "TOML data" if data else None


def not_zip(raw: bytes) -> str | None:
    """What a file is when it is not a Word file (a zip archive) a Word export may replace."""
    if not raw.strip() or raw.startswith(b"PK\x03\x04"):
        return None
    return text_or_toml(raw) or "a file of another kind"


def text(name: str, backup: bool = True) -> Kind:
    """A kind of text file: a brief, a speech, an export for another tool."""
    return Kind(name, text_or_toml, backup)


def inputs_of(path: Path, workbook: Workbook) -> list[tuple[Path, str]]:
    """What an export of the workbook at `path` was made from, which it must never replace:
    the workbook, its essay and its sources' texts."""
    texts = [(path.parent / name, what) for name, what in texts_beside(workbook)]
    return [(path, "the workbook itself"), *texts]


def owned_target(
    path: Path, kind: Kind, *, protect: Iterable[tuple[Path, str]] = (), named: bool = False
) -> Path:
    """The file that writing `path` as `kind` would replace (through a link, its target), once
    it is known that it may be; otherwise a WorkbookError of one line that says why not."""
    if is_bundled(path):
        raise WorkbookError(f"{path}: is among the bundled positions, which are read-only")
    if not named:
        refuse_a_link_out(path, kind)
    real = write_target(path)  # refuses what is not a regular file, and a read-only file
    for kept, what in protect:
        if same_file(real, kept):
            raise WorkbookError(f"{path}: is {what}; write the {kind.name} to another file")
    if os.path.lexists(real):
        instead = kind.other(read_bytes(path))
        if instead is not None:
            raise WorkbookError(f"{path}: is {instead}, not {kind.called}; not replaced")
    return real


def write_owned(
    path: Path,
    data: bytes,
    kind: Kind,
    *,
    protect: Iterable[tuple[Path, str]] = (),
    named: bool = False,
) -> Path:
    """Write `data` at `path` as a file of `kind`, if `owned_target` says it may be; the file
    written (a link's target). `protect`: files it must never replace, each with what it is;
    `named`: the user typed the name, so a link in it may lead anywhere."""
    real = owned_target(path, kind, protect=protect, named=named)
    write_atomic(path, data, keep_backup=kind.backup)
    return real


def refuse_a_link_out(path: Path, kind: Kind) -> None:
    """A WorkbookError unless the name leads to a file in its own folder: a file of `kind` is
    never read or written through a link that leads anywhere else, not even below the folder
    (a workbook in the home folder has the user's settings below it)."""
    try:
        inside = os.path.dirname(os.path.realpath(path)) == os.path.realpath(path.parent)
    except (OSError, ValueError):
        inside = False
    if not inside:
        raise WorkbookError(
            f"{path}: is a link that leads out of its folder; the {kind.name} is not read or "
            "written through it"
        )


# The texts beside a copy of its workbook.


def save_target(
    path: Path, texts: str | Sequence[tuple[str, str]] = "", folder: Path | None = None
) -> tuple[Path, str]:
    """Where saving `path` writes, and a note for the user when that is not `path` itself.

    A bundled workbook is copied, with the texts it names (its essay's file, or each text and
    what it is, as `texts.texts_beside` lists them), into `folder` (the current one by
    default) the first time it is saved; later saves go to that copy.
    """
    if not is_bundled(path):
        return path, ""
    folder = folder or Path.cwd()
    target = folder / path.name
    copy_texts(path, _named(texts), folder)
    return target, f"the bundled seed is read-only: saved a copy to {target}"


def _named(texts: str | Sequence[tuple[str, str]]) -> Sequence[tuple[str, str]]:
    if isinstance(texts, str):
        return [(texts, "the workbook's essay")] if texts else []
    return texts


def copy_essay(path: Path, essay_file: str, folder: Path) -> None:
    """Put the essay that `path` names beside a copy of it in `folder` (see `copy_texts`)."""
    copy_texts(path, _named(essay_file), folder)


def copy_texts(path: Path, texts: Sequence[tuple[str, str]], folder: Path) -> None:
    """Put the texts that `path` names (each name with what it is) beside a copy of it in
    `folder`. A file of a text's name there already must hold the same text: beside any
    other, the copy would not open. Every text is checked before any is written, so that a
    refusal leaves the folder as it was."""
    copies = []
    for name, what in texts:
        original_path = path.parent / name
        if not name or not original_path.is_file():
            continue
        original = read_bytes(original_path)
        kind = Kind(f"copy of {what}", _same_as(original), backup=False)
        copy = folder / name
        # Refuses a link out of the folder and a file of other text; a link in the folder to
        # a file not there yet is written through, as every file of the workbook's is.
        if os.path.exists(owned_target(copy, kind)):
            continue  # the same text is there
        copies.append((copy, original, kind))
    for copy, original, kind in copies:
        try:
            copy.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WorkbookError(f"{copy}: cannot save: {error.strerror or error}") from None
        write_owned(copy, original, kind)


def _same_as(original: bytes, otherwise: str = "a different text") -> Recognise:
    """What a file is when it is not a copy of `original`: `otherwise`."""
    return lambda raw: None if raw == original else otherwise


def source_text(data: bytes) -> Kind:
    """A source's text, `data`, as `workbook source add` stores it beside its workbook: it
    replaces no file but one that holds the very same text (a source added again after its
    table was taken out by hand, say), and keeps no backup, having replaced nothing."""
    return Kind("source's text", _same_as(data, "another file"), backup=False)


# The essay's text, written anew when a paragraph is dropped from it.


@dataclass(frozen=True)
class EssayText:
    """The essay's text written under a new name (`written`, relative to the workbook), and the
    text it replaces, moved aside once the workbook names the new one."""

    written: str
    old: Path | None

    def retire_old(self) -> None:
        """The old text kept as NAME.bak, as a file replaced by a save is; left where it is
        rather than moved onto a NAME.bak of another text, which may be the only copy of the
        essay the user began with."""
        if self.old is None:
            return
        kept = backup_path(self.old)
        if os.path.lexists(kept):
            old_text = _paragraphs(self.old)
            if old_text is None or _paragraphs(kept) != old_text:
                return  # another text there, or one not read: neither is replaced
        with contextlib.suppress(OSError):
            os.replace(self.old, kept)


def write_essay_text(workbook: Path, old: str, text: Sequence[str], retire: bool) -> EssayText:
    """The essay's paragraphs, one a line, written beside the workbook at `workbook` under a
    name no file has yet, whose NAME.bak holds no other text: `old` with the next number
    (`essay-2.txt`, `essay-3.txt` …), or a name whose NAME.bak holds this very text. The
    workbook still names `old` until it is saved naming the new text, so a save stopped at
    any moment leaves a workbook whose essay is the text it counts. `retire`: `old` belongs to
    this workbook alone, to be moved aside after (not so for a copy saved elsewhere)."""
    folder = workbook.parent
    where = Path(old).parent if old else Path()
    stem = re.sub(r"-\d+$", "", Path(old).stem if old else workbook.stem)
    data = "".join(f"{line}\n" for line in text).encode("utf-8")
    names = (str(where / f"{stem}{'' if n == 1 else f'-{n}'}.txt") for n in itertools.count(1))
    name = next(n for n in names if n != old and _free_for(folder / n, text))
    write_atomic(folder / name, data)
    return EssayText(name, folder / old if retire and old else None)


def _free_for(path: Path, text: Sequence[str]) -> bool:
    """Whether the essay's paragraphs `text` may take the name `path`: no file has it, and its
    NAME.bak, which the next save's text would be moved onto, holds no other text (the same
    text is a drop undone, back under the name it had)."""
    if os.path.lexists(path):
        return False
    kept = backup_path(path)
    return not os.path.lexists(kept) or _paragraphs(kept) == list(text)


def _paragraphs(path: Path) -> list[str] | None:
    """The paragraphs of the text at `path`, as the workbook reads its essay; None when it
    cannot be read, which holds no text the same as any."""
    try:
        return split_paragraphs(utf8(read_bytes(path), str(path)))
    except WorkbookError:
        return None
