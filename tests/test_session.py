"""The file session as a state machine: whatever happens, the file and the journal hold every
edit, and the UI thread never touches the disk."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from workbook.core import claim_edits
from workbook.core.framing import Framing, framing_of
from workbook.core.model import Card, Claim, Side, Workbook
from workbook.session import session as session_module
from workbook.session.journal import digest, parse_journal
from workbook.session.restore import merge
from workbook.session.session import Conflict, Phase, Saved, Session
from workbook.storage.files import WorkbookError
from workbook.storage.store import load, save

from .conftest import ESSAY, small_data

T = TypeVar("T")

# Audit events that mean the disk was touched (stat is not audited, and is not a wait).
IO_EVENTS = ("open", "os.", "shutil.", "tempfile.")
_watched: set[int] = set()
_touched: list[str] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if threading.get_ident() in _watched and event.startswith(IO_EVENTS):
        _touched.append(f"{event}{args!r}"[:200])


sys.addaudithook(_audit)


def ui(call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call as the app's UI thread would, and fail if the call touched the disk."""
    me = threading.get_ident()
    _watched.add(me)
    _touched.clear()
    try:
        result = call(*args, **kwargs)
    finally:
        _watched.discard(me)
    assert not _touched, f"{getattr(call, '__name__', call)} touched the disk: {_touched}"
    return result


@contextlib.contextmanager
def failing_save(error: BaseException | None) -> Iterator[None]:
    if error is None:
        yield
        return
    real = session_module.save

    def broken(workbook: Workbook, path: Path) -> bytes:
        raise error

    session_module.save = broken
    try:
        yield
    finally:
        session_module.save = real


def make_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="session-"))
    (folder / "small.txt").write_text(ESSAY, encoding="utf-8")
    save(Workbook.model_validate(small_data()), folder / "small.toml")
    return folder


def recovered(path: Path, journal: Path | None) -> tuple[dict[str, Claim], dict[str, Card]]:
    """What a new app on `path` gets back: the file, with the journal merged in."""
    workbook = load(path)
    claims, cards = dict(workbook.claims), dict(workbook.cards)
    if journal is None:
        return claims, cards
    merged = merge(parse_journal(journal), claims, digest(path.read_bytes()), cards)
    return merged.claims, merged.cards


def recovered_framing(path: Path, journal: Path | None) -> Framing:
    """The motion and sides a new app on `path` gets back, the journal merged in."""
    theirs = framing_of(load(path))
    if journal is None:
        return theirs
    merged = merge(parse_journal(journal), {}, digest(path.read_bytes()), {}, theirs)
    return merged.framing or theirs


FAILURES = [
    RuntimeError("boom"),
    ValueError("bad value"),
    MemoryError(),
    RecursionError("deep"),
    OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)),
    PermissionError(errno.EACCES, "Permission denied"),
    WorkbookError("small.toml: cannot save: Read-only file system"),
    KeyError("x"),
]


class FileSession(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = make_folder()
        self.path = self.folder / "small.toml"
        self.session = Session.open(self.path)
        self.theirs: dict[str, Claim] = {}  # claims a teammate added that the draft lacks
        self.made = 0

    def teardown(self) -> None:
        self.session.journal.abandon()
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def claims(self) -> dict[str, Claim]:
        return self.session.draft.workbook.claims

    def apply(self, label: str, claim_id: str, claim: Claim | None, index: int = -1) -> None:
        ui(self.session.draft.apply, label, claim_id, claim, index)

    # Edits.

    @rule(pick=st.integers(0, 50), text=st.text(max_size=30))
    def add_point(self, pick: int, text: str) -> None:
        if not self.claims:
            return
        claim_id = list(self.claims)[pick % len(self.claims)]
        claim, _ = claim_edits.add_point(self.claims[claim_id], "con", text)
        self.apply("add point", claim_id, claim)

    @rule(at=st.integers(0, 50))
    def add_claim(self, at: int) -> None:
        self.made += 1
        claim = Claim(paragraph=2, side="con", tag=f"Mine {self.made}", quote="Strikes")
        self.apply("add claim", f"mine{self.made}", claim, at % (len(self.claims) + 1))

    @precondition(lambda self: bool(self.claims))
    @rule(pick=st.integers(0, 50))
    def delete_claim(self, pick: int) -> None:
        claim_id = list(self.claims)[pick % len(self.claims)]
        self.apply("delete", claim_id, None)

    @precondition(lambda self: bool(self.claims))
    @rule(pick=st.integers(0, 50), offset=st.sampled_from([-2, -1, 1, 3]))
    def move_claim(self, pick: int, offset: int) -> None:
        claim_id = list(self.claims)[pick % len(self.claims)]
        ui(self.session.draft.move, "move", claim_id, offset)

    # Cards: the library changes, and every point reading a card sees it.

    def point_at(self, pick: int) -> tuple[str, str] | None:
        places = [(c, p) for c, claim in self.claims.items() for p in claim.points]
        return places[pick % len(places)] if places else None

    @rule(pick=st.integers(0, 50), tag=st.text(max_size=20))
    def add_card(self, pick: int, tag: str) -> None:
        place = self.point_at(pick)
        if place is not None:
            card = Card(tag=" ".join(tag.split()), date="2020")
            ui(self.session.draft.add_card, "add card", *place, card)

    @rule(pick=st.integers(0, 50), which=st.integers(0, 50))
    def place_a_card_elsewhere(self, pick: int, which: int) -> None:
        place, library = self.point_at(pick), list(self.session.draft.workbook.cards)
        if place is None or not library:
            return
        card_id = library[which % len(library)]
        if card_id not in self.claims[place[0]].points[place[1]].cards:
            ui(self.session.draft.place_card, "place card", *place, card_id)

    @rule(which=st.integers(0, 50), text=st.text(max_size=20))
    def edit_card(self, which: int, text: str) -> None:
        library = self.session.draft.workbook.cards
        if library:
            card_id = list(library)[which % len(library)]
            fields = {**library[card_id].model_dump(), "text": text.replace("=", "")}
            card = Card.model_validate(fields)
            ui(self.session.draft.edit_card, "edit card", card_id, card)

    @rule(pick=st.integers(0, 50), which=st.integers(0, 5))
    def remove_card(self, pick: int, which: int) -> None:
        place = self.point_at(pick)
        if place is None:
            return
        cards = self.claims[place[0]].points[place[1]].cards
        if cards:
            ui(self.session.draft.remove_card, "remove", *place, cards[which % len(cards)])

    @rule(which=st.integers(0, 50))
    def delete_card_everywhere(self, which: int) -> None:
        library = self.session.draft.workbook.cards
        if library:
            card_id = list(library)[which % len(library)]
            ui(self.session.draft.delete_card, "delete card", card_id, force=True)

    @rule(motion=st.text(max_size=20), name=st.sampled_from(["Regret", "Blowback", "B"]))
    def reframe(self, motion: str, name: str) -> None:
        """The motion and a side's name changed, as the form does it."""
        sides = dict(self.session.draft.workbook.sides)
        sides["con"] = Side(name=name, thesis=f"{name} argues.")
        ui(self.session.draft.frame, "frame", Framing(motion.replace("\r", ""), sides))

    @rule()
    def undo(self) -> None:
        ui(self.session.draft.undo)

    @rule()
    def redo(self) -> None:
        ui(self.session.draft.redo)

    # The world.

    @rule()
    def teammate_adds_a_claim(self) -> None:
        workbook = load(self.path)
        self.made += 1
        claim_id = f"team{self.made}"
        claim = Claim(paragraph=3, side="pro", tag="Theirs", quote="Deterrence")
        workbook.claims[claim_id] = claim
        save(workbook, self.path)
        self.theirs[claim_id] = claim

    @rule(
        failure=st.none() | st.sampled_from(FAILURES),
        edit_meanwhile=st.booleans(),
        choice=st.sampled_from(["overwrite", "reload", "cancel"]),
    )
    def save(self, failure: BaseException | None, edit_meanwhile: bool, choice: str) -> None:
        job = ui(self.session.begin_save)
        assert job is not None and self.session.phase is Phase.SAVING
        assert ui(self.session.begin_save) is None  # one save at a time
        if edit_meanwhile:
            self.add_claim(0)
        try:
            with failing_save(failure):
                outcome = job.run()  # the worker's part
        except Exception as error:
            message = ui(self.session.save_failed, error)
            assert "\n" not in message and message
            assert self.session.phase is Phase.OPEN
            return
        ui(self.session.save_done, job, outcome)
        assert self.session.phase is Phase.OPEN
        if isinstance(outcome, Saved):
            assert self.session.path == outcome.target and not self.theirs
            return
        assert isinstance(outcome, Conflict) and self.theirs and not outcome.exists
        if choice == "overwrite":
            again = ui(self.session.begin_save, outcome.target, True)
            assert again is not None
            ui(self.session.save_done, again, again.run())
            self.theirs = {}
        elif choice == "reload":
            self.session.close()
            self.session = Session.open(self.path)
            self.theirs = {}

    @rule()
    def killed_and_reopened(self) -> None:
        self.flush()
        where = self.session.journal.where
        self.session.journal.abandon()
        reopened = Session.open(self.path)
        found = reopened.found
        if where is None:
            assert found.newest is None
        else:
            assert found.newest is not None and found.newest.where == where
            ui(reopened.restore, found.newest)
        self.session = reopened
        self.flush()
        self.theirs = {}
        if where is not None:
            assert not where.exists()  # the restored journal went once ours held its edits

    def flush(self) -> None:
        """What the app's journal timer does after a pause."""
        job = ui(self.session.journal_job)
        self.session.run_journal(job)

    @invariant()
    def file_and_journal_hold_every_edit(self) -> None:
        self.flush()
        expected = {**self.claims, **self.theirs}
        found, cards = recovered(self.path, self.session.journal.where)
        assert found == expected
        assert cards == self.session.draft.workbook.cards
        framing = recovered_framing(self.path, self.session.journal.where)
        assert framing == framing_of(self.session.draft.workbook)
        if not self.theirs:  # the file is as the edits found it: their order comes back too
            assert list(found) == list(self.claims)
            assert list(cards) == list(self.session.draft.workbook.cards)


FileSession.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_the_file_session = FileSession.TestCase


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def test_a_format_1_file_is_upgraded_by_its_first_save(tmp_path: Path) -> None:
    import tomli_w

    from .conftest import small_v1_data

    (tmp_path / "small.txt").write_text(ESSAY, encoding="utf-8")
    path = tmp_path / "small.toml"
    path.write_text(tomli_w.dumps(small_v1_data()), encoding="utf-8")
    session = Session.open(path)
    assert session.upgraded and session.file_format == 1
    job = session.begin_save()
    assert job is not None
    session.save_done(job, job.run())
    assert not session.upgraded
    assert path.read_text(encoding="utf-8").startswith("format = 2\n")
    session.close()
