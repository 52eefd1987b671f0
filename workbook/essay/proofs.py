"""What `workbook check` says of a card cut from a source that its proof does not hold: one
line, as it says of a quote that is not the essay's words, with the passage of the source
closest to what the card has, or, for passages joined by an ellipsis, where they come from."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from workbook.core.coverage import count
from workbook.core.cutting import PARAGRAPH_BREAK
from workbook.core.marks import plain
from workbook.core.model import ESSAY, Workbook
from workbook.core.proving import Proof, SourceText, Standing, prove
from workbook.essay.quotes import SHOWN, around, closest_paragraph, cut

JOINED = "joins passages with an ellipsis: cut whole paragraphs"


def drift_problem(proof: Proof, source: SourceText, name: str, parts: int) -> str:
    """What is wrong with a drifted card, whose text has `parts` paragraphs, against the
    source's stored text `name`."""
    whose = f"its paragraph {proof.part} is" if parts > 1 else "it is"
    if proof.drift == "empty":
        return f"is empty, not the words of {name}"
    if proof.drift == "order":
        after = f"not {proof.follows}" if proof.follows else "after the last"
        return (
            f"not one run of the paragraphs of {name}: {whose} paragraph {proof.paragraph}, {after}"
        )
    if proof.drift == "part":
        paragraph = source.paragraphs[proof.paragraph - 1]
        if paragraph.startswith(proof.words):
            rest = paragraph[len(proof.words) :].strip()
            how = f"cut short: it goes on “{cut(rest)}”"
        else:
            how = f"not all of it: it begins “{cut(paragraph)}”"
        return f"{whose} part of paragraph {proof.paragraph} of {name}, {how}"
    return f"{whose} not the words of {name}" + closest(proof.words, source)


def closest(words: str, source: SourceText) -> str:
    """ "; the closest is “…”, in paragraph N", the passage shown from near where `words`
    first differ from it; or ", and nothing in it comes close"."""
    found = closest_paragraph(words, source.paragraphs)
    if found is None:
        return ", and nothing in it comes close"
    number, (start, end) = found
    passage = source.paragraphs[number - 1][start:]
    # A long card paragraph is placed by its beginning: show where it leaves the source.
    pairs = zip(words, passage, strict=False)
    same = next((at for at, (one, other) in enumerate(pairs) if one != other), len(words))
    passage = around(passage, same) if same >= SHOWN * 2 // 3 else passage[: end - start]
    return f"; the closest is “{cut(passage)}”, in paragraph {number}"


def join_warning(proof: Proof, name: str) -> str:
    """What is said of a card whose passages an ellipsis joins: the paragraphs they are from."""
    numbers = list(dict.fromkeys(proof.passages))
    listed = ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"
    where = f"paragraph {numbers[0]}" if len(numbers) == 1 else f"paragraphs {listed}"
    return f"{JOINED} ({where} of {name})"


@dataclass
class CardProofs:
    """Every card of a workbook that names a source, held against the source's text: each
    card's standing, a line for each drifted card and each joined one (by card id), and the
    cards whose source's text is not there (by source id)."""

    standings: dict[str, Standing] = field(default_factory=dict)
    drifted: dict[str, str] = field(default_factory=dict)
    joined: dict[str, str] = field(default_factory=dict)
    unread: dict[str, list[str]] = field(default_factory=dict)

    def counts(self) -> str:
        """How many cards stand how: "3 cut cards: 2 proven, 1 drifted"; "" for none."""
        if not self.standings:
            return ""
        tally = Counter(self.standings.values())
        shown = [f"{tally[word]} {COUNTED[word]}" for word in COUNTED if tally[word]]
        return f"{count(self.standings, 'cut card')}: {', '.join(shown)}"


# How `counts` names each standing of a card that names a source.
COUNTED: dict[Standing, str] = {
    "proven": "proven",
    "joined": "joined by an ellipsis",
    "drifted": "drifted",
    "unread": "not proven (the source's text is not there)",
}


def text_file(workbook: Workbook, source_id: str) -> str:
    """The file a source's text is stored in (the essay's, for ESSAY)."""
    if source_id == ESSAY:
        return workbook.essay.file if workbook.essay is not None else ""
    return workbook.sources[source_id].file


def prove_cards(workbook: Workbook, text_of: Callable[[str], list[str] | None]) -> CardProofs:
    """Each card that names a source held against its text, which `text_of(source_id)`
    gives (None when it is not there); each source's text is read once."""
    texts: dict[str, SourceText | None] = {}
    proofs = CardProofs()
    for card_id, card in workbook.cards.items():
        if not card.source:
            continue
        if card.source not in texts:
            paragraphs = text_of(card.source)
            texts[card.source] = None if paragraphs is None else SourceText(paragraphs)
        source = texts[card.source]
        if source is None:
            proofs.standings[card_id] = "unread"
            proofs.unread.setdefault(card.source, []).append(card_id)
            continue
        proof = prove(card.text, source)
        proofs.standings[card_id] = proof.standing
        name = text_file(workbook, card.source)
        if proof.standing == "drifted":
            parts = plain(card.text).count(PARAGRAPH_BREAK) + 1
            proofs.drifted[card_id] = drift_problem(proof, source, name, parts)
        elif proof.standing == "joined":
            proofs.joined[card_id] = join_warning(proof, name)
    return proofs


def unread_line(workbook: Workbook, source_id: str, card_ids: list[str]) -> str:
    """One line for the cards whose source's text is not there, as for an essay's."""
    named = ", ".join(card_ids[:3]) + (
        f" and {len(card_ids) - 3} more" if len(card_ids) > 3 else ""
    )
    name = text_file(workbook, source_id)
    if source_id == ESSAY:
        where = f"its essay {name} is not beside it" if name else "it names no essay file"
    else:
        where = (
            f"the text of sources.{source_id}, {name}, is not beside it"
            if name
            else f"sources.{source_id} names no text file"
        )
    return f"cards not proven ({named}): {where}"
