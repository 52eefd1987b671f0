"""The sources' stored texts as the app has read them, and each card's standing against them.

A source's text is read once, off the app's thread (`read_texts`, run as a job that ends with
`TextsRead`): the texts the cards cite as the workbook opens, any other when its source is
first shown. A card's standing is worked out once for its words and its source's text, and
again only when either changes: a column shows its cards at every move through the claims.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import NamedTuple

from textual.dom import DOMNode
from textual.message import Message

from workbook.core.cite_flags import source_short_cite
from workbook.core.cutting import PARAGRAPH_BREAK, paragraph_span
from workbook.core.marks import plain
from workbook.core.model import ESSAY, Card, Workbook
from workbook.core.proving import STANDING_WORDS, Proof, Standing, prove
from workbook.core.proving import SourceText as ProvingText
from workbook.storage.files import WorkbookError
from workbook.storage.texts import source_paragraphs
from workbook.tui.jobs import JobFailed, run_job


class Read(NamedTuple):
    """A source's stored paragraphs (None when its text is not there), and why it could not
    be read, in one line ("" when it was read, or is simply not there)."""

    paragraphs: list[str] | None
    problem: str = ""


def read_texts(workbook: Workbook, path: Path, source_ids: list[str]) -> dict[str, Read]:
    """The stored texts of `source_ids` beside the workbook at `path`: a job for a worker, so
    `workbook` must be a copy the app's thread does not change meanwhile."""
    texts: dict[str, Read] = {}
    for source_id in source_ids:
        try:
            texts[source_id] = Read(source_paragraphs(workbook, path, source_id))
        except WorkbookError as error:
            texts[source_id] = Read(None, str(error))
    return texts


def reading_copy(workbook: Workbook) -> Workbook:
    """A copy of what `read_texts` looks at: edits made meanwhile replace the dicts' entries."""
    return workbook.model_copy(update={"sources": dict(workbook.sources)})


class TextsRead(Message):
    """Sources' texts, read."""

    def __init__(self, texts: dict[str, Read]) -> None:
        super().__init__()
        self.texts = texts


class TextsUnread(JobFailed):
    doing = "Cannot read the sources' texts"

    def __init__(self, error: BaseException, source_ids: list[str]) -> None:
        super().__init__(error)
        self.source_ids = source_ids


class SourceTexts:
    """What the app has read of the sources' texts (the essay's comes with the workbook)."""

    def __init__(self, essay: list[str] | None) -> None:
        self.texts: dict[str, Read] = {ESSAY: Read(essay)}
        self.reading: set[str] = set()  # asked for, not come yet
        self.wanted: set[str] = set()  # a card's standing waits for them
        self._proofs: dict[tuple[str, str], Proof] = {}  # (source, a card's words) -> proof
        self._proving: dict[str, ProvingText] = {}  # each source's text, as proving reads it
        # The essay's paragraph count its proofs were worked out for: the essay's text is the
        # draft's own list, which a paragraph dropped (or brought back) changes in place.
        self._essay_count = len(essay) if essay is not None else 0

    def get(self, source_id: str) -> Read | None:
        """The source's text, or None while it has not been read."""
        return self.texts.get(source_id)

    def to_read(self, workbook: Workbook, also: tuple[str, ...] = ()) -> list[str]:
        """The sources the cards cite (and `also`), in the file's order, not read or being
        read: the next job's, which they are marked as being."""
        cited = {card.source for card in workbook.cards.values()} | self.wanted | set(also)
        ids = [s for s in [*workbook.sources, *also] if s in cited]
        fresh = [s for s in dict.fromkeys(ids) if s not in self.texts and s not in self.reading]
        self.reading.update(fresh)
        return fresh

    def start_reading(
        self, screen: DOMNode, workbook: Workbook, path: Path, also: tuple[str, ...] = ()
    ) -> None:
        """Read, off the app's thread, the texts the cards cite (and `also`) not read yet; the
        screen is told with TextsRead, or TextsUnread for what could not be read."""
        wanted = self.to_read(workbook, also)
        if wanted:
            job = partial(read_texts, reading_copy(workbook), path, wanted)
            run_job(screen, job, lambda error: TextsUnread(error, wanted), TextsRead)

    def take(self, texts: dict[str, Read]) -> None:
        for source_id, read in texts.items():
            self.texts[source_id] = read
            self.reading.discard(source_id)
            self.wanted.discard(source_id)
        self._proofs = {k: v for k, v in self._proofs.items() if k[0] not in texts}
        for source_id in texts:
            self._proving.pop(source_id, None)

    def unread(self, source_ids: list[str]) -> None:
        """A job that was to read these failed: they may be asked for again."""
        self.reading.difference_update(source_ids)

    def standing(self, card: Card) -> Standing | None:
        """The card's standing; None while its source's text has not been read (it is then
        wanted, for the next job)."""
        if not card.source:
            return "typed"
        read = self.texts.get(card.source)
        if read is None:
            self.wanted.add(card.source)
            return None
        if read.paragraphs is None:
            return "unread"
        self._settle_essay()
        proof = self._proof(card, read.paragraphs)
        return proof.standing

    def _settle_essay(self) -> None:
        """Forget the essay's proofs once its text has changed: their paragraph numbers, and
        whether its paragraphs still run on, are the text's as it was."""
        essay = self.texts[ESSAY].paragraphs
        count = len(essay) if essay is not None else 0
        if count != self._essay_count:
            self._essay_count = count
            self._proofs = {k: v for k, v in self._proofs.items() if k[0] != ESSAY}
            self._proving.pop(ESSAY, None)

    def _proof(self, card: Card, paragraphs: list[str]) -> Proof:
        """The card held against its source, once for each of its words; each source's text
        made ready for proving once, whatever the number of cards cut from it."""
        key = (card.source, card.text)
        proof = self._proofs.get(key)
        if proof is None:
            text = self._proving.get(card.source)
            if text is None:
                text = self._proving[card.source] = ProvingText(paragraphs)
            proof = self._proofs[key] = prove(card.text, text)
        return proof

    def described(self, workbook: Workbook, card: Card) -> str:
        """The card's standing in words, for its detail: where it was cut from, and whether
        it is still those words."""
        known = self.standing(card)
        if known == "typed":
            return "Typed by hand: no source to prove it against."
        source = card.source
        if source != ESSAY and source in workbook.sources:
            where = f"Cut from {source_short_cite(workbook, source) or source} ({source})"
        else:
            where = "Cut from the essay" if source == ESSAY else f"Cut from {source}"
        read = self.texts.get(source)
        if known is None or read is None:
            return f"{where}: its text is still being read."
        if known == "proven" and read.paragraphs is not None:
            first = self._proof(card, read.paragraphs).first
            last = first + plain(card.text).count(PARAGRAPH_BREAK)
            where += f", {paragraph_span(first, last)}"
        words = STANDING_WORDS[known]
        return f"{where}: {words}{f' ({read.problem})' if read.problem else ''}."
