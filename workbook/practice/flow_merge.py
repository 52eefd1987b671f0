"""A three-way merge of flows by id, for two debaters (or two laptops) flowing one round.

Sheets merge by id, the arguments of a sheet by id, and each field of the round, of a sheet and
of an argument on its own: a change made on one side only is taken. A field both sides changed
differently is a conflict: mine is kept, and its field path is named in `FlowMerge.conflicts`.

Flowing a round adds arguments under ids the sheet hands out (`flow_edits.free_id`: a1, a2, ...),
so two copies flowed apart add different arguments under the same id. Nothing of either is lost:
an argument (or a sheet) both sides added under one id, differently, is kept twice, theirs under
the next free id, and theirs' answers and extensions of it follow it there. What both added
alike is kept once.

An argument (or a sheet) one side deleted while the other changed it is kept as changed, a
conflict. One that one side deleted while the other's arguments still answer or extend it is
kept too, a conflict, so that every reference holds. What the merge puts together must also keep
the format's rules (an answer to the other side's earlier speech, an extension of its own side's):
an argument that breaks one falls back to mine's version, whole; when it has none, or that does
not hold either, the reference that breaks the rule is cleared. A format one side changed under
the other's arguments is not taken: mine's is kept, and an argument of theirs in a speech mine's
format does not have is left out. Each is a conflict. So the merged flow always holds its
references and its format's rules: it reads back.

The order of sheets and of a sheet's arguments is mine's, then theirs' new ones in theirs'.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from workbook.core.merge_ids import FreeIds
from workbook.practice.flow import FLOW_VERSION, Argument, Flow, Sheet, argument_problems, columns
from workbook.practice.formats import Format, Formats

# The round's own fields, each merged on its own.
_ROUND = ("workbook", "format", "ours", "sides", "tournament", "round", "opponent", "judge")
# The round's fields that only hold together: the format, its sides, and which is ours.
_FORMAT = ("format", "ours", "sides")
_REFERENCES = ("answers", "extends")


@dataclass(frozen=True)
class FlowMerge:
    """A merged flow, and the field paths where both sides changed a field differently (or one
    deleted what the other changed or still needed): mine is kept there."""

    flow: Flow
    conflicts: list[str] = field(default_factory=list)


def no_flow() -> Flow:
    """The ancestor of a flow both sides started apart (git gives an empty file): no round, no
    sheet, so that whatever both wrote alike merges, and whatever they wrote differently is a
    conflict."""
    return Flow.model_construct(
        flow=FLOW_VERSION,
        workbook="",
        format="",
        ours="",
        sides={},
        tournament="",
        round="",
        opponent="",
        judge="",
        sheets={},
    )


def merge_flows(
    base: Flow, mine: Flow, theirs: Flow, *, formats: Formats | None = None
) -> FlowMerge:
    """Merge the changes from `base` to `theirs` into `mine`, by id. The format's rules are
    those of the merged flow's format among `formats` (the built-in ones when None); a format
    they do not know is held to the references alone."""
    conflicts: list[str] = []
    known = (formats or Formats()).by_key
    fields = {
        name: _take(
            name, getattr(base, name), getattr(mine, name), getattr(theirs, name), conflicts
        )
        for name in _ROUND
    }
    fmt = known.get(fields["format"])
    if not _holds(fmt, fields, mine):
        # Put together from both sides, the format does not hold: mine's, which does.
        for name in _FORMAT:
            if fields[name] != getattr(mine, name):
                conflicts.append(name)
            fields[name] = getattr(mine, name)
        fmt = known.get(mine.format)
    theirs_sheets = _sheets_apart(base.sheets, mine.sheets, theirs.sheets)
    sheets: dict[str, Sheet] = {}
    for sheet_id in _order(mine.sheets, theirs_sheets):
        sheet = _merge_sheet(
            f"sheets.{sheet_id}",
            base.sheets.get(sheet_id),
            mine.sheets.get(sheet_id),
            theirs_sheets.get(sheet_id),
            fmt,
            conflicts,
        )
        if sheet is not None:
            sheets[sheet_id] = sheet
    merged = Flow(flow=FLOW_VERSION, sheets=sheets, **fields)
    return FlowMerge(merged, list(dict.fromkeys(conflicts)))


def _holds(fmt: Format | None, fields: Mapping[str, Any], mine: Flow) -> bool:
    """Whether the merged round's format is one of the formats known, with its sides, and a
    column for every speech mine's arguments were made in."""
    if fmt is None or set(fields["sides"]) != set(fmt.sides) or fields["ours"] not in fmt.sides:
        return False
    names = {speech.name for speech in columns(fmt)}
    speeches = (a.speech for sheet in mine.sheets.values() for a in sheet.arguments.values())
    return fields["format"] == mine.format or all(speech in names for speech in speeches)


def _take(path: str, base: Any, mine: Any, theirs: Any, conflicts: list[str]) -> Any:
    """The field as merged: the side's that changed it; mine when both changed it differently,
    a conflict."""
    if mine == theirs or theirs == base:
        return mine
    if mine == base:
        return theirs
    conflicts.append(path)
    return mine


def _order(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> list[str]:
    return [*mine, *(key for key in theirs if key not in mine)]


def _sheets_apart(
    base: Mapping[str, Sheet], mine: Mapping[str, Sheet], theirs: Mapping[str, Sheet]
) -> dict[str, Sheet]:
    """Theirs' sheets, with each that both sides added under one id for another claim (or,
    for a position of its own, under another title) given a free id, so that both are kept.
    For one claim, or one position, they are one sheet, whose arguments merge as any sheet's."""

    def what(sheet: Sheet) -> tuple[str, str]:
        return (sheet.claim, "") if sheet.claim else ("", sheet.title)

    fresh = FreeIds(set(base) | set(mine) | set(theirs))
    renamed = {
        sheet_id: fresh(sheet_id)
        for sheet_id, sheet in theirs.items()
        if sheet_id not in base and sheet_id in mine and what(mine[sheet_id]) != what(sheet)
    }
    return {renamed.get(key, key): sheet for key, sheet in theirs.items()}


def _arguments_apart(
    base: Mapping[str, Argument], mine: Mapping[str, Argument], theirs: Mapping[str, Argument]
) -> dict[str, Argument]:
    """Theirs' arguments, with each that both sides added under one id, differently, given a
    free id, and theirs' answers and extensions of it following it."""
    # Added on both sides under one id: kept apart when it differs from mine's, or when what
    # it answers or extends is kept apart (it then names an id mine's cannot). So what is kept
    # apart spreads from the first along theirs' references, each once, in linear time.
    both = [key for key in theirs if key not in base and key in mine]
    referred_by: dict[str, list[str]] = {}
    for key in both:
        for name in _REFERENCES:
            referred_by.setdefault(getattr(theirs[key], name), []).append(key)
    apart = {key for key in both if theirs[key] != mine[key]}
    waiting = list(apart)
    while waiting:
        for referrer in referred_by.get(waiting.pop(), []):
            if referrer not in apart:
                apart.add(referrer)
                waiting.append(referrer)
    fresh = FreeIds(set(base) | set(mine) | set(theirs))
    renamed = {key: fresh(key) for key in both if key in apart}
    return {renamed.get(key, key): _following(a, renamed) for key, a in theirs.items()}


def _following(argument: Argument, renamed: Mapping[str, str]) -> Argument:
    moved = {
        name: renamed[getattr(argument, name)]
        for name in _REFERENCES
        if getattr(argument, name) in renamed
    }
    return argument.model_copy(update=moved) if moved else argument


def _merge_sheet(
    path: str,
    base: Sheet | None,
    mine: Sheet | None,
    theirs: Sheet | None,
    fmt: Format | None,
    conflicts: list[str],
) -> Sheet | None:
    """The sheet as merged; None when it is deleted."""
    if mine is None or theirs is None:
        kept = mine if theirs is None else theirs
        if kept is None or kept == base:
            return None  # deleted on both sides, or on one and left alone on the other
        if base is not None:
            conflicts.append(path)  # deleted on one side, changed on the other: kept
        # Kept whole, and held to the format all the same: the round's may be the other's.
        base, mine, theirs = Sheet(), (kept if mine is not None else Sheet()), kept
    before = base or Sheet()
    title = _take(f"{path}.title", before.title, mine.title, theirs.title, conflicts)
    claim = _take(f"{path}.claim", before.claim, mine.claim, theirs.claim, conflicts)
    arguments = _Arguments(
        f"{path}.arguments",
        before.arguments,
        mine.arguments,
        _arguments_apart(before.arguments, mine.arguments, theirs.arguments),
        conflicts,
    )
    arguments.merge()
    arguments.hold(fmt)
    return Sheet(title=title, claim=claim, arguments=arguments.ordered())


@dataclass
class _Arguments:
    """A sheet's arguments as they merge: by id, field by field, then held to the sheet's
    references and the format's rules."""

    path: str
    base: Mapping[str, Argument]
    mine: Mapping[str, Argument]
    theirs: Mapping[str, Argument]  # with what both added under one id kept apart
    conflicts: list[str]
    merged: dict[str, Argument] = field(default_factory=dict)
    reverted: set[str] = field(default_factory=set)  # fallen back to mine's version
    dropped: set[str] = field(default_factory=set)  # in no speech of the format
    # Ordered sets (dicts), so that the conflicts come in the same order every time.
    referred_by: dict[str, dict[str, None]] = field(default_factory=dict)
    touched: dict[str, None] = field(default_factory=dict)  # changed by the last settling

    def merge(self) -> None:
        for argument_id in _order(self.mine, self.theirs):
            at = f"{self.path}.{argument_id}"
            before = self.base.get(argument_id)
            mine, theirs = self.mine.get(argument_id), self.theirs.get(argument_id)
            if mine is None or theirs is None:
                kept = mine if theirs is None else theirs
                if kept is None or kept == before:
                    continue
                if before is not None:
                    self._conflict(at)  # deleted on one side, changed on the other
                self.merged[argument_id] = kept
                continue
            old = before.model_dump() if before is not None else {}
            ours, others = mine.model_dump(), theirs.model_dump()
            self.merged[argument_id] = Argument(
                **{
                    name: _take(
                        f"{at}.{name}", old.get(name), ours[name], others[name], self.conflicts
                    )
                    for name in ours
                }
            )

    def hold(self, fmt: Format | None) -> None:
        """Every reference to an argument that is there, and (when the format is known) every
        argument within its rules."""
        for argument_id in list(self.merged):
            self._references_of(argument_id)
        if fmt is None:
            return
        speeches = columns(fmt)
        # Who refers to whom, in any version an argument may take here: when one changes, it
        # and what refers to it are checked again, and nothing else, so that settling costs
        # about what the changes touch, however they chain.
        for version in (self.merged, self.mine, self.theirs):
            for argument_id, argument in version.items():
                for name in _REFERENCES:
                    referrers = self.referred_by.setdefault(getattr(argument, name), {})
                    referrers[argument_id] = None
        waiting = deque(self.merged)
        queued = dict.fromkeys(waiting)
        while waiting:
            argument_id = waiting.popleft()
            del queued[argument_id]
            now = self.merged.get(argument_id)
            problems = argument_problems(self.merged, now, fmt, speeches) if now else []
            if now is None or not problems:
                continue
            # Each settling is for good: mine's version once, then a reference less, or out.
            self._settle(argument_id, now, [name for name, _ in problems])
            touched, self.touched = self.touched, {}
            for changed in touched:
                for key in (changed, *self.referred_by.get(changed, {})):
                    if key not in queued:
                        queued[key] = None
                        waiting.append(key)

    def _put(self, argument_id: str, argument: Argument | None) -> None:
        """The merged argument set (None: taken out), and noted as changed."""
        if argument is None:
            del self.merged[argument_id]
        else:
            self.merged[argument_id] = argument
        self.touched[argument_id] = None

    def _settle(self, argument_id: str, argument: Argument, names: list[str]) -> None:
        at = f"{self.path}.{argument_id}"
        mine = self.mine.get(argument_id)
        if mine is not None and argument != mine and argument_id not in self.reverted:
            self.reverted.add(argument_id)
            self._put(argument_id, mine)
            self._conflict(at)
            self._references_of(argument_id)
            return
        if "speech" in names:
            # Theirs', in a speech of the format theirs changed to and mine did not: it cannot
            # stand in this flow; what answers or extends it no longer does.
            self._put(argument_id, None)
            self.dropped.add(argument_id)
            self._conflict(at)
            for other_id in self.referred_by.get(argument_id, {}):
                other = self.merged.get(other_id)
                if other is not None:
                    self._clear(
                        other_id, [n for n in _REFERENCES if getattr(other, n) == argument_id]
                    )
            return
        self._clear(argument_id, [name for name in names if name in _REFERENCES])

    def _clear(self, argument_id: str, cleared: list[str]) -> None:
        """The argument's references named `cleared` taken off, each a conflict."""
        for name in cleared:
            self._conflict(f"{self.path}.{argument_id}.{name}")
        if cleared:
            update = dict.fromkeys(cleared, "")
            self._put(argument_id, self.merged[argument_id].model_copy(update=update))

    def _references_of(self, argument_id: str) -> None:
        """What the argument answers or extends kept there: an argument one side deleted is
        brought back when the merge still refers to it, a conflict, and so on down its own."""
        waiting = [argument_id]
        while waiting:
            argument_id = waiting.pop()
            argument = self.merged[argument_id]
            for name in _REFERENCES:
                target = getattr(argument, name)
                if not target or target in self.merged:
                    continue
                if target in self.dropped:
                    self._clear(argument_id, [name])
                    continue
                # Each side's flow is whole, so whichever side's field it is has the target.
                kept = self.mine.get(target)
                self._put(target, self.theirs[target] if kept is None else kept)
                self._conflict(f"{self.path}.{target}")
                waiting.append(target)

    def _conflict(self, path: str) -> None:
        self.conflicts.append(path)  # once each: the merge's list is made unique at its end

    def ordered(self) -> dict[str, Argument]:
        """The merged arguments in mine's order, then theirs' new ones in theirs'."""
        return {
            key: self.merged[key] for key in _order(self.mine, self.theirs) if key in self.merged
        }
