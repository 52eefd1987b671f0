"""The speech builder: a side's points and cards in reading order, and whether they fit.

Words to read are each point's text, each card's tag, and each card's read-aloud words (its
highlighted passages, or all of its text when nothing is highlighted). At a rate in words a
minute they take a reading time, which a gauge holds against the speech's length: green under
75%, yellow up to the whole of it, red past it.

A speech is written as Markdown, or as a Word file in Verbatim's structure, on the Word export's
styles and layout (exports/docx.py), ready for an email chain or a document share: a Pocket for
the speech, a Block for each claim, each point an analytic Tag and its cards after it. Its
"marked" copy is what was read in the speech's time at the rate: the points and cards reached,
and the card where time ran out marked where reading stopped, as Verbatim marks one ("~ Marked
8:00 ~" in red, the rest of the card left as it was). Every speech is written as
storage/owned.py writes every file the workbook owns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from workbook.core.marks import words_read_aloud
from workbook.core.verbatim import BLOCK, POCKET, TAG
from workbook.exports.brief import card_line, card_words, inline
from workbook.practice.formats import Speech, clock
from workbook.storage.files import WorkbookError
from workbook.storage.owned import Kind, inputs_of, not_zip, text, write_owned
from workbook.storage.places import folder_beside

if TYPE_CHECKING:
    from workbook.core.model import Point, Workbook

Colour = Literal["green", "yellow", "red"]
RATES: tuple[tuple[int, str], ...] = ((150, "lay"), (200, ""), (250, ""), (300, "spreading"))
DEFAULT_RATE = 250
COMFORTABLE = 0.75  # past this share of the speech's length, a speech is tight
SPEECH = text("speech")
SPEECH_WORD = Kind("Word speech", not_zip)


@dataclass(frozen=True)
class Pick:
    """One point read in the speech, with the cards of it that are read, in order."""

    claim_id: str
    point_id: str
    cards: tuple[str, ...]


class Stop(NamedTuple):
    """Where reading stopped in a card: after `words` of its words read aloud, and when."""

    words: int
    at: str  # the speech's clock, "5:00"


@dataclass
class Plan:
    side: str
    speech: Speech
    picks: list[Pick] = field(default_factory=list)


def parse_rate(text: str) -> int:
    """A rate as typed: a number of words a minute, or a preset's name (lay, spreading)."""
    wanted = text.strip().lower()
    for rate, name in RATES:
        if name and wanted == name:
            return rate
    if wanted.isdecimal() and 0 < int(wanted) <= 1000:
        return int(wanted)
    raise WorkbookError(
        f"--rate: words a minute from 1 to 1000, or lay or spreading (got {text!r})"
    )


def candidates(
    workbook: Workbook, side: str, claims: list[str] | None = None, answers_only: bool = False
) -> list[Pick]:
    """The side's points, with all their cards: from the claims named (in that order) or
    every claim; `answers_only` keeps the answers to the other side's points."""
    picks: list[Pick] = []
    for claim_id in claims if claims is not None else list(workbook.claims):
        claim = workbook.claims[claim_id]
        for point_id, point in claim.points.items():
            if point.side != side or (answers_only and point.kind != "answers"):
                continue
            picks.append(Pick(claim_id, point_id, tuple(point.cards)))
    return picks


def plan_of(side: str, speech: Speech, picks: list[Pick], workbook: Workbook) -> Plan:
    del workbook  # the picks already name everything the plan needs
    return Plan(side, speech, list(picks))


def point_words(workbook: Workbook, point: Point, cards: Iterable[str]) -> int:
    """The words read aloud for a point and `cards` of it: its own, and each card's."""
    words = len(point.text.split())
    return words + sum(card_words(workbook.cards[c]) for c in cards if c in workbook.cards)


def pick_words(workbook: Workbook, pick: Pick) -> int:
    point = workbook.claims[pick.claim_id].points[pick.point_id]
    return point_words(workbook, point, pick.cards)


def words(workbook: Workbook, plan: Plan) -> int:
    return sum(pick_words(workbook, pick) for pick in plan.picks)


def reading_seconds(word_count: int, rate: int) -> float:
    return word_count * 60 / rate


def gauge(seconds: float, length: float) -> tuple[Colour, float]:
    """The colour and the share of the speech's length that `seconds` of reading fill."""
    share = seconds / length if length > 0 else float("inf")
    if share < COMFORTABLE:
        return "green", share
    return ("yellow" if share <= 1 else "red"), share


def summary(workbook: Workbook, plan: Plan, rate: int) -> str:
    """ "1,240 words · 4:58 of 8:00 at 250 wpm · 62%"."""
    count = words(workbook, plan)
    seconds = reading_seconds(count, rate)
    _, share = gauge(seconds, plan.speech.seconds)
    return (
        f"{count:,} words · {clock(round(seconds))} of {clock(plan.speech.seconds)} "
        f"at {rate} wpm · {share:.0%}"
    )


def markdown(workbook: Workbook, plan: Plan, rate: int) -> str:
    """The speech as Markdown in the brief's style: each point with its claim, its text and
    the cards read under it, in order."""
    side = workbook.sides[plan.side].name
    colour, _ = gauge(reading_seconds(words(workbook, plan), rate), plan.speech.seconds)
    lines = [
        f"# {inline(plan.speech.name)} · {inline(side)}",
        "",
        f"*{inline(workbook.title or workbook.motion or 'Speech')}* · "
        f"{inline(summary(workbook, plan, rate))} ({colour})",
        "",
    ]
    if not plan.picks:
        lines += ["*(no points chosen yet)*", ""]
    for number, pick in enumerate(plan.picks, start=1):
        claim = workbook.claims[pick.claim_id]
        point = claim.points[pick.point_id]
        about = claim.tag or claim.quote
        head = f"## {number}. {inline(about)}"
        if point.kind == "answers":
            head += f" — answers {inline(point.answers)}"
        lines += [head, "", inline(point.text) if point.text else "*(no text yet)*", ""]
        for card_id in pick.cards:
            card = workbook.cards.get(card_id)
            if card is not None:
                lines += [card_line(card, with_text=True), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def speech_path(path: Path, speech: str, suffix: str = ".speech.md") -> Path:
    """Where the app writes a speech of the workbook at `path`: NAME.SPEECH.speech.md beside
    it (or another `suffix`), the speech's name cut down to what any file system takes."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", speech).strip("-") or "speech"
    return folder_beside(path) / f"{path.stem}.{slug}{suffix}"


def word_suffix(marked: bool) -> str:
    return ".speech.marked.docx" if marked else ".speech.docx"


def read_in_time(
    workbook: Workbook, plan: Plan, rate: int
) -> tuple[list[Pick], dict[tuple[int, int], Stop]]:
    """What is read of the plan in the speech's time at `rate`: the picks reached, the last cut
    where time ran out, and where reading stopped in the card it ran out in, by (the pick's
    place, the card's place in it). A speech that fits is read whole, with no stop."""
    left = plan.speech.seconds * rate / 60  # the words there is time for
    read: list[Pick] = []
    stops: dict[tuple[int, int], Stop] = {}
    for pick in plan.picks:
        point = workbook.claims[pick.claim_id].points[pick.point_id]
        left -= len(point.text.split())
        cards: list[str] = []
        for card_id in pick.cards if left >= 0 else ():
            found = workbook.cards.get(card_id)
            if found is None:
                continue
            cards.append(card_id)
            tag = len(found.tag.split())
            if left - tag - words_read_aloud(found.text) < 0:
                at = clock(plan.speech.seconds)
                stops[len(read), len(cards) - 1] = Stop(max(0, int(left - tag)), at)
                left = -1
                break
            left -= tag + words_read_aloud(found.text)
        read.append(Pick(pick.claim_id, pick.point_id, tuple(cards)))
        if left < 0:
            break
    return read, stops


def word(
    workbook: Workbook, plan: Plan, rate: int, marked: bool = False, author: str = ""
) -> bytes:
    """The speech as a Word file in Verbatim's structure; `marked`, the copy of what was read
    in the speech's time, marked where reading stopped."""
    # python-docx is loaded when a Word file is asked for, never as the app starts.
    from workbook.exports.docx import card, document_bytes, heading, point_tag
    from workbook.exports.verbatim_styles import verbatim_document

    picks, stops = read_in_time(workbook, plan, rate) if marked else (plan.picks, {})
    title = f"{plan.speech.name} · {workbook.sides[plan.side].name}"
    if marked:
        title += " · marked"
    document = verbatim_document(title, author, workbook.motion)
    heading(document, title, POCKET)
    claim_id: str | None = None
    for number, pick in enumerate(picks):
        claim = workbook.claims[pick.claim_id]
        if pick.claim_id != claim_id:
            heading(document, claim.tag or claim.quote or "(untagged claim)", BLOCK)
            claim_id = pick.claim_id
        heading(document, point_tag(workbook, claim, claim.points[pick.point_id]), TAG)
        for place, card_id in enumerate(pick.cards):
            if card_id in workbook.cards:
                card(document, workbook.cards[card_id], stop=stops.get((number, place)))
    return document_bytes(document)


def write_speech_word(
    workbook: Workbook,
    path: Path,
    speech: str,
    data: bytes,
    marked: bool = False,
    output: Path | None = None,
) -> Path:
    """Write a speech's Word file to `output`, a name the user typed, or else beside the
    workbook at `path` (NAME.SPEECH.speech.docx, or .speech.marked.docx for the marked copy);
    never over the workbook, its essay or a file that is not a Word file."""
    target = output or speech_path(path, speech, word_suffix(marked))
    protect = inputs_of(path, workbook)
    write_owned(target, data, SPEECH_WORD, protect=protect, named=bool(output))
    return target


def write_speech(
    workbook: Workbook, path: Path, speech: str, markdown_text: str, output: Path | None = None
) -> Path:
    """Write a speech of the workbook at `path` to `output`, a name the user typed, or else
    where `speech_path` says; never over the workbook or its essay. Returns where it went."""
    target = output or speech_path(path, speech)
    protect = inputs_of(path, workbook)
    write_owned(target, markdown_text.encode("utf-8"), SPEECH, protect=protect, named=bool(output))
    return target
