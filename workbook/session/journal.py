"""Journals: unsaved edits, kept beside the workbook until they are saved or discarded.

Each running app keeps its own journal, named with a token of its own and locked while the app
lives, so two apps on one file never remove or overwrite each other's. A journal holds only the
claims and library cards changed since the file was last written (and the motion and the sides,
when they changed), each with the version the file had then, so that restoring it is a three-way
merge against the file as it is now (see `recovery`). It also holds the cards its changed claims
read, so that they can be read again whatever the file did to the library since.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import hashlib
import os
import secrets
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import tomli_w
from pydantic import ValidationError

from workbook.core.essay_edits import EssayState
from workbook.core.framing import Framing
from workbook.core.model import Card, Claim
from workbook.core.upgrade import ClaimV1
from workbook.session.journal_parts import essay_data, essay_of, framing_data, framing_of_data
from workbook.storage.files import WorkbookError, read_bytes, read_file
from workbook.storage.locations import state_folder
from workbook.storage.places import folder_beside
from workbook.storage.store import describe
from workbook.storage.toml_data import loads

# 3: the card library (format 2 workbooks). 2: each change with the file's version. 1: edits.
JOURNAL_FORMAT = 3
SUFFIX = ".journal"
DAMAGED = ".damaged"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """The digest of the file as it is on disk now, or None when it is not there.
    Anything else that stops the reading (a FIFO in its place, no permission) is raised."""
    try:
        return digest(read_bytes(path))
    except WorkbookError:
        if not os.path.lexists(path):
            return None
        raise


def _fallback_prefix(path: Path) -> str:
    absolute = str(path.resolve()).encode()
    return f"{hashlib.sha256(absolute).hexdigest()[:16]}-{path.name}"


def journal_places(path: Path, token: str) -> tuple[Path, Path]:
    """Where the journal of one app on `path` goes: beside the file (the current folder for the
    bundled seed), or, when that folder cannot be written, in the user's state folder."""
    beside = folder_beside(path) / f"{path.name}.{token}{SUFFIX}"
    fallback = state_folder("journals") / f"{_fallback_prefix(path)}.{token}{SUFFIX}"
    return beside, fallback


def all_journals(path: Path) -> list[Path]:
    """Every journal of `path` on disk, of any app, including one from before journals had
    tokens (`NAME.journal`)."""
    found: list[Path] = []
    for folder, prefix in (
        (folder_beside(path), path.name),
        (state_folder("journals"), _fallback_prefix(path)),
    ):
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                name = entry.name
                if name == f"{prefix}{SUFFIX}" or (
                    name.startswith(f"{prefix}.") and name.endswith(SUFFIX)
                ):
                    found.append(folder / name)
    return sorted(found)


@dataclass
class Journal:
    """A journal as read back: the edits of one app since it last wrote the file."""

    base: str  # digest of the file the edits were made on
    written: dt.datetime
    order: list[str]  # every claim id, in the app's order
    changed: list[str]  # the claims changed since the file was written
    claims: dict[str, Claim]  # the changed claims as edited (absent: deleted)
    before: dict[str, Claim] | None  # the changed claims as the file had them (None: not known)
    where: Path
    card_order: list[str] | None = None  # every library card id, in the app's order
    cards_changed: list[str] = field(default_factory=list)
    cards: dict[str, Card] = field(default_factory=dict)  # changed cards as edited
    cards_before: dict[str, Card] = field(default_factory=dict)  # ... as the file had them
    cards_read: dict[str, Card] = field(default_factory=dict)  # cards the changed claims read
    # A journal written before the card library: its claims keep their cards in their points,
    # to be given library ids against the file they are restored into.
    old_claims: dict[str, ClaimV1] | None = None
    old_before: dict[str, ClaimV1] | None = None
    # The motion and the sides as edited, and as the file had them; None: not changed.
    framing: Framing | None = None
    framing_before: Framing | None = None
    # The essay's fields (and its text, when a paragraph was dropped) as edited, and as the
    # files had them; None: not changed.
    essay: EssayState | None = None
    essay_before: EssayState | None = None

    @property
    def when(self) -> str:
        return self.written.astimezone().strftime("%Y-%m-%d at %H:%M:%S")


class Written(Protocol):
    """A journal as read back, of any kind: when it was written."""

    @property
    def written(self) -> dt.datetime: ...


J = TypeVar("J", bound=Written)


@dataclass
class Found(Generic[J]):
    """What the journals of a file hold for the app that opens it."""

    newest: J | None = None  # the one to offer back
    others: list[J] = field(default_factory=list)  # older ones, offered later
    live: int = 0  # journals of apps still running on this file
    damaged: list[str] = field(default_factory=list)  # one line each, the file kept aside


def journal_text(
    base: str,
    order: list[str],
    changed: Mapping[str, tuple[Claim | None, Claim | None]],
    cards_changed: Mapping[str, tuple[Card | None, Card | None]] | None = None,
    card_order: list[str] | None = None,
    cards_read: Mapping[str, Card] | None = None,
    framing: tuple[Framing, Framing] | None = None,
    essay: tuple[EssayState, EssayState] | None = None,
) -> bytes:
    """The journal's bytes; `changed` maps a claim id to (the file's version, the edited one),
    `cards_changed` a library card's id likewise; `cards_read` holds the cards the changed
    claims read; `framing` is the motion and sides (the file's, the edited), when they differ;
    `essay` the essay's fields likewise, with its text only when that differs too."""
    cards_changed = cards_changed or {}
    data: dict[str, object] = {
        "journal": JOURNAL_FORMAT,
        "base": base,
        "written": dt.datetime.now().astimezone().isoformat(timespec="microseconds"),
        "order": order,
        "changed": list(changed),
        "claims": {
            cid: mine.model_dump(mode="python", exclude_defaults=True)
            for cid, (_, mine) in changed.items()
            if mine is not None
        },
        "before": {
            cid: disk.model_dump(mode="python", exclude_defaults=True)
            for cid, (disk, _) in changed.items()
            if disk is not None
        },
        "card_order": card_order or [],
        "cards_changed": list(cards_changed),
        "cards": {cid: _dump(mine) for cid, (_, mine) in cards_changed.items() if mine},
        "cards_before": {cid: _dump(disk) for cid, (disk, _) in cards_changed.items() if disk},
        "cards_read": {cid: _dump(card) for cid, card in (cards_read or {}).items()},
    }
    if framing is not None:
        data["framing_before"], data["framing"] = (framing_data(f) for f in framing)
    if essay is not None:
        same_text = essay[0].text == essay[1].text
        data["essay_before"], data["essay"] = (essay_data(e, same_text) for e in essay)
    return tomli_w.dumps(data, multiline_strings=True).encode("utf-8")


def _dump(card: Card) -> dict[str, Any]:
    return card.model_dump(mode="python", exclude_defaults=True)


def _old_journal(
    data: dict[str, Any],
    version: int,
    base: str,
    written: dt.datetime,
    order: list[str],
    place: Path,
) -> Journal:
    old_claims = {str(c): ClaimV1.model_validate(v) for c, v in data["claims"].items()}
    if version == 1:  # before each change carried the file's version
        changed, old_before = list(old_claims), None
    else:
        changed = [str(c) for c in data["changed"]]
        old_before = {str(c): ClaimV1.model_validate(v) for c, v in data["before"].items()}
    journal = Journal(base, written, order, changed, {}, None if old_before is None else {}, place)
    journal.old_claims, journal.old_before = old_claims, old_before
    return journal


class OwnJournal:
    """The journal this app writes: its file, and the lock that tells other apps it is alive.

    The lock is taken on the new file before it is renamed into place, so there is no moment
    when the journal exists unlocked while its app still runs.
    """

    def __init__(self, path: Path, token: str | None = None) -> None:
        self.path = path
        self.token = token or secrets.token_hex(4)
        self.where: Path | None = None
        self._held: int | None = None  # descriptor of the journal now in place, locked
        self.retired: list[Path] = []

    @property
    def places(self) -> tuple[Path, Path]:
        return journal_places(self.path, self.token)

    def write(self, data: bytes) -> Path:
        """Write the journal, beside the file if possible; returns where it went."""
        beside, fallback = self.places
        error: WorkbookError | None = None
        for place in (beside, fallback):
            try:
                if place == fallback:  # never create the workbook's own folder: it may be gone
                    place.parent.mkdir(parents=True, exist_ok=True)
                self._replace(place, data)
            except OSError as problem:
                error = WorkbookError(f"{place}: cannot keep a journal: {problem.strerror}")
                continue
            # The other place may hold an older journal of ours: it must not outlive this one.
            with contextlib.suppress(OSError):
                (fallback if place == beside else beside).unlink()
            self.where = place
            self.forget_retired()
            return place
        assert error is not None
        raise error

    def _replace(self, place: Path, data: bytes) -> None:
        # Not storage/owned.py's writer: the lock must be held on the new file before it is in
        # place. The rename replaces the name itself, so no link there is ever written through,
        # and the name holds this app's own token, so it is never another file.
        handle, temporary = tempfile.mkstemp(dir=place.parent, prefix=f".{place.name}.")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            with contextlib.suppress(OSError):
                os.fchmod(handle, 0o600)  # unsaved edits are nobody else's business
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
            os.fsync(handle)
            os.replace(temporary, place)
        except BaseException:
            os.close(handle)
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        self._release()
        self._held = handle

    def remove(self) -> None:
        """The edits are saved or discarded: the journal goes."""
        for place in self.places:
            with contextlib.suppress(OSError):
                place.unlink()
        self.where = None
        self._release()
        self.forget_retired()

    def retire(self, place: Path) -> None:
        """A journal to remove once this one holds its edits (one restored or discarded, or
        ours from before "save as")."""
        self.retired.append(place)

    def forget_retired(self) -> None:
        for place in self.retired:
            with contextlib.suppress(OSError):
                place.unlink()
        self.retired = []

    def move_to(self, path: Path) -> None:
        """After "save as": later journals follow the new file; the old one goes at the next
        write. Nothing is touched on disk here."""
        self.retired.extend(self.places)
        self.path = path

    def abandon(self) -> None:
        """Let go of the lock and leave the journal where it is, as a killed app would."""
        self._release()

    def _release(self) -> None:
        if self._held is not None:
            with contextlib.suppress(OSError):
                os.close(self._held)
            self._held = None


def is_live(place: Path) -> bool:
    """True when the app that writes this journal is still running (it holds the lock)."""
    try:
        handle = os.open(place, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError as error:
        return error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES)
    finally:
        os.close(handle)
    return False


def find_journals(path: Path, own: Path | None = None) -> Found[Journal]:
    """Read every journal of `path` that no running app holds (`find_journals_read_by`)."""
    return find_journals_read_by(parse_journal, path, own)


def find_journals_read_by(
    parse: Callable[[Path], J], path: Path, own: Path | None = None
) -> Found[J]:
    """Read with `parse` every journal of `path` that no running app holds, newest first. A
    damaged one is moved aside (renamed to end in `.damaged`), named in one line, never read
    again and never overwritten."""
    found: Found[J] = Found()
    journals: list[J] = []
    for place in all_journals(path):
        if place == own:
            continue
        if is_live(place):
            found.live += 1
            continue
        try:
            journals.append(parse(place))
        except WorkbookError as error:
            aside = place.with_name(place.name + DAMAGED)
            try:
                os.replace(place, aside)
            except OSError:
                aside = place
            found.damaged.append(f"{error}; kept as {aside}")
    journals.sort(key=lambda j: j.written, reverse=True)
    if journals:
        found.newest, found.others = journals[0], journals[1:]
    return found


def parse_journal(place: Path) -> Journal:
    try:
        data = loads(read_file(place)[1], place)
        version = data.get("journal")
        if version not in (1, 2, JOURNAL_FORMAT):
            raise WorkbookError(f"{place}: journal version {version!r} is not one this reads")
        order = [str(c) for c in data["order"]]
        written = dt.datetime.fromisoformat(str(data["written"]))
        if written.tzinfo is None:
            written = written.astimezone()
        base = str(data["base"])
        if version in (1, 2):  # before the card library
            return _old_journal(data, version, base, written, order, place)
        claims = {str(c): Claim.model_validate(v) for c, v in data["claims"].items()}
        before = {str(c): Claim.model_validate(v) for c, v in data["before"].items()}
        changed = [str(c) for c in data["changed"]]
        journal = Journal(base, written, order, changed, claims, before, place)
        journal.card_order = [str(c) for c in data["card_order"]]
        journal.cards_changed = [str(c) for c in data["cards_changed"]]
        for name in ("cards", "cards_before", "cards_read"):
            setattr(journal, name, {str(c): Card.model_validate(v) for c, v in data[name].items()})
        if "framing" in data:  # written only when the motion or the sides changed
            journal.framing = framing_of_data(data["framing"])
            journal.framing_before = framing_of_data(data["framing_before"])
        if "essay" in data:  # written only when the essay's fields or text changed
            journal.essay = essay_of(data["essay"])
            journal.essay_before = essay_of(data["essay_before"])
        return journal
    except ValidationError as error:
        raise WorkbookError(f"{place}: {describe(error)}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise WorkbookError(f"{place}: not a readable journal ({error})") from None
