"""Restoring a journal: a three-way merge of its edits with the file as it is now.

The journal knows, for every claim it changed, the version the file had when the edits were
made (the base) and the edited one (mine); the file on disk has its own (theirs). A claim only
one side changed takes that side's version. A claim both changed keeps theirs and gains mine
beside it as a new claim, so neither is lost; a claim that gained or lost nothing is left alone.
Library cards merge the same way (a card changed on both sides keeps theirs, with ours beside it
as an unplaced card), and a card that a merged claim reads is never left out of the library.
The motion and the sides are one more item: the journal's take them unless the file changed them
too, when theirs stay. So is the essay (its dismissed sentences, a paragraph dropped from its
text), taken before the claims, whose paragraph numbers count its paragraphs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TypeVar

from workbook.core.claim_edits import free_id
from workbook.core.edits import Draft, EditError
from workbook.core.essay_edits import EssayState
from workbook.core.framing import Framing
from workbook.core.model import Card, Claim, reference_problems
from workbook.core.upgrade import place_cards
from workbook.session.journal import Journal

T = TypeVar("T", Claim, Card)

Step = tuple[str, Claim | None, int]  # claim id, the claim (None: delete it), its position


@dataclass
class Merge:
    claims: dict[str, Claim]  # the claims as restoring leaves them, in order
    restored: list[str] = field(default_factory=list)  # claims that take the journal's version
    beside: dict[str, str] = field(default_factory=dict)  # claim changed on both sides -> copy
    kept: list[str] = field(default_factory=list)  # claims only the file changed, left as theirs
    cards: dict[str, Card] = field(default_factory=dict)  # the library as restoring leaves it
    cards_beside: dict[str, str] = field(default_factory=dict)  # card changed on both sides
    framing: Framing | None = None  # the journal's motion and sides, to take; None: the file's
    framing_kept: bool = False  # both changed them: the file's stay


def merge(
    journal: Journal,
    theirs: dict[str, Claim],
    now: str,
    theirs_cards: Mapping[str, Card] | None = None,
    theirs_framing: Framing | None = None,
) -> Merge:
    """Merge the journal into `theirs`, `theirs_cards` and `theirs_framing`, the claims, the
    card library and the motion and sides of the file whose digest is `now`."""
    library = dict(theirs_cards or {})
    if journal.old_claims is not None:
        journal = _with_library(journal, library)
    before = journal.before
    changed = list(journal.changed)
    if before is None:
        # An old journal: the file's versions are known only while the file is unchanged.
        if journal.base == now:
            before = {cid: theirs[cid] for cid in theirs}
            listed = set(journal.order)
            changed += [cid for cid in theirs if cid not in listed and cid not in changed]
        else:
            before = {}
    base_known = journal.before is not None or journal.base == now
    result = Merge(claims=dict(theirs))
    for cid in changed:
        base, mine, current = before.get(cid), journal.claims.get(cid), theirs.get(cid)
        if mine == current:
            continue
        if base_known and current == base:
            _take(result, journal.order, cid, mine)
            result.restored.append(cid)
        elif base_known and mine == base:
            result.kept.append(cid)
        elif mine is None:
            result.kept.append(cid)  # deleted here, changed there: their claim stays
        elif current is None:
            _take(result, journal.order, cid, mine)  # changed here, deleted there: ours returns
            result.restored.append(cid)
        else:
            copy = free_id(f"{cid}-restored", result.claims)
            result.claims = _insert_after(result.claims, cid, copy, mine)
            result.beside[cid] = copy
    if journal.base == now:
        # The file is as the edits found it: the journal's order is the order the user left.
        result.claims = _ordered(result.claims, journal.order)
    result.cards = _merge_cards(journal, library, result)
    if journal.base == now and journal.card_order is not None:
        result.cards = _ordered(result.cards, journal.card_order)
    framed = journal.framing
    if framed is not None and framed != theirs_framing:
        if theirs_framing is None or theirs_framing == journal.framing_before:
            result.framing = framed
        else:
            result.framing_kept = True
    return result


def _merge_cards(journal: Journal, theirs: dict[str, Card], result: Merge) -> dict[str, Card]:
    cards = dict(theirs)
    for cid in journal.cards_changed:
        base, mine = journal.cards_before.get(cid), journal.cards.get(cid)
        current = theirs.get(cid)
        if mine == current or (mine == base and current is not None):
            continue
        if current == base or current is None:
            if mine is None:
                cards.pop(cid, None)
            else:
                cards[cid] = mine
        elif mine is not None:  # both changed it: theirs stays, ours goes beside, unplaced
            copy = free_id(f"{cid}-restored", cards)
            cards[copy] = mine
            result.cards_beside[cid] = copy
    # A card that a claim reads stays in the library, whoever deleted it.
    for claim in result.claims.values():
        for point in claim.points.values():
            for cid in point.cards:
                if cid not in cards:
                    found = _first(cid, journal.cards, journal.cards_read, journal.cards_before)
                    if found is not None:
                        cards[cid] = found
    return cards


def _first(cid: str, *places: Mapping[str, Card]) -> Card | None:
    return next((place[cid] for place in places if cid in place), None)


def _with_library(journal: Journal, library: dict[str, Card]) -> Journal:
    """An old journal's claims, their cards given ids in the file's library."""
    assert journal.old_claims is not None
    claims, added = place_cards(journal.old_claims, library)
    before = None
    if journal.old_before is not None:
        before, _ = place_cards(journal.old_before, library)
    return Journal(
        journal.base,
        journal.written,
        journal.order,
        journal.changed,
        claims,
        before,
        journal.where,
        cards_changed=list(added),
        cards=added,
    )


def _ordered(items: dict[str, T], order: list[str]) -> dict[str, T]:
    ids = [cid for cid in order if cid in items]
    listed = set(ids)
    ids += [cid for cid in items if cid not in listed]
    return {cid: items[cid] for cid in ids}


def _take(result: Merge, order: list[str], cid: str, mine: Claim | None) -> None:
    claims = result.claims
    if mine is None:
        claims.pop(cid, None)
    elif cid in claims:
        claims[cid] = mine
    else:
        # A new claim goes after the nearest claim that came before it in the journal's order.
        earlier = order[: order.index(cid)] if cid in order else []
        anchor = next((c for c in reversed(earlier) if c in claims), None)
        result.claims = _insert_after(claims, anchor, cid, mine)


def _insert_after(
    claims: dict[str, Claim], anchor: str | None, cid: str, claim: Claim
) -> dict[str, Claim]:
    items = list(claims.items())
    at = 0 if anchor is None else [c for c, _ in items].index(anchor) + 1
    items.insert(at, (cid, claim))
    return dict(items)


def steps(current: dict[str, Claim], merged: dict[str, Claim]) -> list[Step]:
    """The edits that turn `current` into `merged`, one claim each, in an order that puts
    every claim at its place: deletions first, then the rest in the merged order."""
    out: list[Step] = [(cid, None, -1) for cid in current if cid not in merged]
    for index, (cid, claim) in enumerate(merged.items()):
        if current.get(cid) is not claim:
            out.append((cid, claim, index))
    return out


def essay_to_restore(journal: Journal, disk: EssayState | None) -> EssayState | None:
    """The journal's essay (its dismissals, a paragraph dropped), to take first, so that the
    claims' numbers it holds count its paragraphs: only when its edits were made on the essay
    the files hold now. None when it changed nothing, or when the files' essay has changed since
    (`essay_stale` tells these apart): then the files' own essay stays."""
    if essay_stale(journal, disk) or journal.essay is None:
        return None
    return journal.essay


def essay_stale(journal: Journal, disk: EssayState | None) -> bool:
    """Whether the journal changed the essay and the files' essay is no longer the one it
    changed."""
    before = journal.essay_before
    if journal.essay is None or before is None:
        return False
    if disk is None:
        return True
    if before.text is None:  # the text was not changed: the journal does not hold it
        disk = replace(disk, text=None)
    return before != disk


@dataclass
class Restored:
    claims: int = 0  # claims the journal's version was put back for
    beside: dict[str, str] = field(default_factory=dict)  # changed on both sides -> copy id
    kept: int = 0  # claims only the file changed since, left as they are
    skipped: int = 0  # edits that no longer fit the file
    cards: int = 0  # library cards the journal's version was put back for
    cards_beside: dict[str, str] = field(default_factory=dict)  # changed on both sides -> copy
    framing: bool = False  # the journal's motion and sides were put back
    framing_kept: bool = False  # the file changed them too: its own stay
    essay: bool = False  # the journal's essay (dismissals, a paragraph dropped) was put back


def put_back(
    draft: Draft, result: Merge, journal: Journal, disk_essay: EssayState | None
) -> Restored:
    """The merged journal's edits made in `draft`, each a step undo can take back: the motion
    and sides, the essay, the cards (so that every restored claim finds the cards it reads),
    the claims, and last the cards the journal deleted. Each step is checked alone; should
    the whole not hold together (a journal's essay counting fewer paragraphs than its claims
    name), every step is taken back, and the draft is the file's as it was."""
    started = draft.checkpoint
    report = _put_back(draft, result, journal, disk_essay)
    if report.essay and reference_problems(draft.workbook):
        while draft.checkpoint is not started and draft.undo() is not None:
            pass
        # Nothing of the journal was kept: every edit it held is one left out.
        kept = report.claims + report.cards + report.framing + report.essay
        return Restored(skipped=kept + report.skipped)
    return report


def _put_back(
    draft: Draft, result: Merge, journal: Journal, disk_essay: EssayState | None
) -> Restored:
    report = Restored(kept=len(result.kept), beside=result.beside)
    report.cards_beside, report.framing_kept = result.cards_beside, result.framing_kept
    if result.framing is not None:
        try:
            draft.frame("restore the motion and sides", result.framing)
            report.framing = True
        except EditError:
            report.skipped += 1  # the sides' keys are not the file's any more
    essay = essay_to_restore(journal, disk_essay)
    report.skipped += essay_stale(journal, disk_essay)
    try:
        if essay is not None:
            draft.essay_step("restore the essay", essay, claims_follow=True)
            report.essay = True
    except EditError:
        report.skipped += 1
    library = draft.workbook.cards
    for card_id, card in result.cards.items():
        if library.get(card_id) is not card and library.get(card_id) != card:
            draft.edit_card(f"restore card {card_id}", card_id, card)
            report.cards += 1
    for cid, claim, index in steps(draft.workbook.claims, result.claims):
        tag = (claim.tag if claim else "") or cid
        try:
            draft.apply(f"restore “{tag}”", cid, claim, index)
        except EditError:
            report.skipped += 1
            continue
        report.claims += cid not in result.beside.values()
    for card_id in [cid for cid in library if cid not in result.cards]:
        try:
            draft.delete_card(f"restore: delete card {card_id}", card_id)
        except EditError:
            report.skipped += 1  # a claim still reads it: it stays
    return report
