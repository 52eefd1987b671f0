"""A three-way merge of workbooks by id, for teammates who edit copies of one file.

Every table of the file is merged by its id (sides, library cards, claims, the points of a
claim), and every field of a table on its own: a change made on one side only is taken, so
changes to different items, or to different fields of one item, merge cleanly. Lists of ids (a
point's cards, a claim's tags, the essay's headings) merge as ordered sets: what one side added
is added, what one side took out goes. A field both sides changed differently, or an item one
side deleted while the other changed it, is a conflict: the merged workbook holds ours' value
and records the three versions in its `[[conflicts]]` tables, as data that stays a valid
workbook, for `workbook check` to report and a person to choose from.

Paragraph numbers are places in the essay, which git merges beside the workbook: they are first
carried into the merged essay's numbering (renumbering.py). A claim's paragraph and its quote
are one place: when the two sides moved it differently, the whole claim is a conflict.

The merged workbook is always valid. A point or a card the two sides both added under one id
(the app numbers points p1, p2, …, so two teammates often do) is kept twice: theirs takes the
next free id. An item one side deleted while the other side's additions still refer to it (an
answer to a deleted point, a card taken out of the library that a new point reads) is kept, with
a conflict recorded. Whatever else the combination breaks, the item at fault falls back to ours'
version, whole, with the three versions recorded.

The app's API: `merge(base, ours, theirs)` gives the merged workbook, its `conflicts` list the
choices to offer (`Conflict.path`, `.base`, `.ours`, `.theirs`), and `resolve(workbook, index,
choice)` applies one choice and drops that conflict.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from workbook.core.model import Card, Claim, Essay, Point, Side, Workbook
from workbook.core.renumbering import carry, place_kept

Data = dict[str, Any]
Choice = Literal["base", "ours", "theirs"]
Merger = Callable[[str, Any, Any, Any], Any]

_TABLES: dict[str, type[BaseModel]] = {"sides": Side, "cards": Card, "claims": Claim}
_NUMBERED = re.compile(r"(.*?)(\d+)")


def merge(base: Workbook | None, ours: Workbook, theirs: Workbook) -> Workbook:
    """Merge the changes from `base` to `theirs` into `ours`; `base` is None when the file did
    not exist before (both sides added it). Conflicts are in the result's `conflicts`."""
    before, mine = (base.model_dump() if base is not None else {}), ours.model_dump()
    # Paragraph numbers are places in the essay: carried first into the merged essay's numbering.
    carried = carry(before, mine, _separate_additions(before, mine, theirs))
    return _Merge(carried.sources, carried.conflicts).run()


def new_conflicts(merged: Workbook, ours: Workbook) -> int:
    """How many conflicts the merge recorded beyond those ours already had."""
    return len(merged.conflicts) - len([c for c in ours.conflicts if c in merged.conflicts])


def conflict_lines(workbook: Workbook) -> list[str]:
    """What `workbook check` says of a workbook's conflicts: nothing when there are none."""
    conflicts = workbook.conflicts
    if not conflicts:
        return []
    noun = "conflict" if len(conflicts) == 1 else "conflicts"
    lines = [f"  {len(conflicts)} {noun} to resolve (each holds ours; see [[conflicts]]):"]
    return lines + [f"    {conflict.path}" for conflict in conflicts]


def resolve(workbook: Workbook, index: int, choice: Choice) -> Workbook:
    """The workbook with conflict `index` settled on the `choice` version (an absent one
    deletes the item) and taken off the list. Raises ValueError if the choice leaves the
    workbook invalid, for example an answer to the point it deletes."""
    conflict = workbook.conflicts[index]
    data = workbook.model_dump()
    del data["conflicts"][index]
    value = getattr(conflict, choice)
    parts = conflict.path.split(".")
    parent = data
    for part in parts[:-1]:
        parent = parent[part]
    # An absent value deletes the item, or empties the field: validation puts its default back.
    if value is None:
        parent.pop(parts[-1], None)
    else:
        parent[parts[-1]] = value
    try:
        return Workbook.model_validate(data)
    except ValidationError as error:
        raise ValueError(str(error.errors(include_url=False)[0]["msg"])) from None


def _is_item(parts: list[str]) -> bool:
    """Whether a path names a whole table of a keyed collection (a card, a claim, a point)."""
    return (len(parts) == 2 and parts[0] in _TABLES) or (
        len(parts) == 4 and parts[0] == "claims" and parts[2] == "points"
    )


def _stored(path: str, value: Any) -> Any:
    """A value as a conflict records it: a whole table without its empty fields, as the file
    writes it."""
    if value is None:
        return None
    parts = path.split(".")
    model: type[BaseModel] | None = None
    if parts == ["essay"]:
        model = Essay
    elif len(parts) == 2 and parts[0] in _TABLES:
        model = _TABLES[parts[0]]
    elif len(parts) == 4 and parts[0] == "claims" and parts[2] == "points":
        model = Point
    elif len(parts) == 1 and parts[0] in _TABLES:
        table = _TABLES[parts[0]]
        return {key: _strip(table, item) for key, item in value.items()}
    return _strip(model, value) if model is not None else value


def _strip(model: type[BaseModel], value: Data) -> Data:
    return model.model_validate(value).model_dump(exclude_defaults=True)


def _fresh(wanted: str, taken: set[str]) -> str:
    """An id like `wanted` that none of `taken` is: p3 becomes p4, card becomes card-2."""
    match = _NUMBERED.fullmatch(wanted)
    stem, number = (match[1], int(match[2])) if match else (wanted + "-", 1)
    while f"{stem}{number}" in taken:
        number += 1
    return f"{stem}{number}"


def _separate_additions(base: Data, ours: Data, theirs_model: Workbook) -> Data:
    """Theirs' data, with each card and point that both sides added under one id, differently,
    given a free id (and every reference to it in theirs following), so that both are kept."""
    theirs = theirs_model.model_dump()
    base_cards, our_cards = base.get("cards", {}), ours["cards"]
    taken = set(base_cards) | set(our_cards) | set(theirs["cards"])
    for card_id in list(theirs["cards"]):
        if (
            card_id in base_cards
            or our_cards.get(card_id, theirs["cards"][card_id]) == (theirs["cards"][card_id])
        ):
            continue
        new = _fresh(card_id, taken)
        taken.add(new)
        theirs["cards"] = _renamed(theirs["cards"], card_id, new)
        for claim in theirs["claims"].values():
            for point in claim["points"].values():
                point["cards"] = [new if c == card_id else c for c in point["cards"]]
    for claim_id, claim in theirs["claims"].items():
        if claim_id not in ours["claims"]:
            continue
        before = base.get("claims", {}).get(claim_id, {}).get("points", {})
        our_points = ours["claims"][claim_id]["points"]
        taken = set(before) | set(our_points) | set(claim["points"])
        for point_id in list(claim["points"]):
            point = claim["points"][point_id]
            if point_id in before or our_points.get(point_id, point) == point:
                continue
            new = _fresh(point_id, taken)
            taken.add(new)
            claim["points"] = _renamed(claim["points"], point_id, new)
            for other in claim["points"].values():
                if other["answers"] == point_id:
                    other["answers"] = new
    return theirs


def _renamed(table: Data, old: str, new: str) -> Data:
    return {new if key == old else key: value for key, value in table.items()}


def _order(base: list[str], ours: list[str], theirs: list[str], kept: set[str]) -> list[str]:
    """The merged order of `kept`: ours' order, with the items only theirs has each placed
    after the item before it in theirs. When only theirs reordered what was there, theirs'
    order leads instead, so that a move on one side is a change like any other."""

    def moved(side: list[str]) -> bool:
        present, there = set(side), set(base)
        return [k for k in side if k in there] != [k for k in base if k in present]

    first, second = (theirs, ours) if moved(theirs) and not moved(ours) else (ours, theirs)
    result = [key for key in first if key in kept]
    placed = set(result)
    # Added at one spot on both sides: the first side's additions come first.
    added_first = set(first) - set(base) - set(second)
    for source in (second, base):
        for index, key in enumerate(source):
            if key not in kept or key in placed:
                continue
            after = next((k for k in reversed(source[:index]) if k in placed), None)
            at = 0 if after is None else result.index(after) + 1
            while at < len(result) and result[at] in added_first:
                at += 1
            result.insert(at, key)
            placed.add(key)
    return result


class _Merge:
    def __init__(self, sources: tuple[Data, Data, Data], found: list[tuple[str, Any, Any, Any]]):
        self.base, self.ours, self.theirs = sources
        self.conflicts: list[Data] = []
        self.reverted: set[str] = set()
        for conflict in found:
            self.conflict(*conflict)

    def run(self) -> Workbook:
        base, ours, theirs = self.base, self.ours, self.theirs
        result = self.record("", base, ours, theirs, self._top_level())
        result["conflicts"] = self._earlier_conflicts()
        while True:
            self._restore_references(result)
            try:
                return Workbook.model_validate({**result, "conflicts": self._all(result)})
            except ValidationError as error:
                first = error.errors(include_url=False)[0]
                path = (first.get("ctx") or {}).get("path") or ".".join(map(str, first["loc"]))
                unit = self._unit(str(path))
                if not unit:
                    return self._ours_whole(result)
                self._revert(result, unit)

    def _top_level(self) -> dict[str, Merger]:
        def essay(path: str, b: Any, o: Any, t: Any) -> Data:
            merged = self.record(path, b, o, t, {"headings": self.ids})
            merged["headings"] = sorted(merged["headings"])
            return merged

        def point(path: str, b: Any, o: Any, t: Any) -> Data:
            return self.record(path, b, o, t, {"cards": self.ids})

        def claim(path: str, b: Any, o: Any, t: Any) -> Data:
            merged = self.record(path, b, o, t, {"tags": self.ids, "points": self.keyed_by(point)})
            if not place_kept(merged, b, o, t):  # one side's quote, the other's paragraph
                merged["paragraph"], merged["quote"] = o["paragraph"], o["quote"]
                self._record_whole(path.split("."))
            return merged

        plain = self.keyed_by(lambda path, b, o, t: self.record(path, b, o, t, {}))
        return {
            "essay": essay,
            "sides": plain,
            "cards": plain,
            "claims": self.keyed_by(claim),
            "conflicts": lambda path, b, o, t: o,
        }

    def conflict(self, path: str, base: Any, ours: Any, theirs: Any) -> None:
        self.conflicts.append(
            {
                "path": path,
                "base": _stored(path, base),
                "ours": _stored(path, ours),
                "theirs": _stored(path, theirs),
            }
        )

    def value(self, path: str, b: Any, o: Any, t: Any) -> Any:
        if o == t or t == b:
            return o
        if o == b:
            return t
        self.conflict(path, b, o, t)
        return o

    def ids(self, path: str, b: Any, o: Any, t: Any) -> Any:
        # Compared whole first: a list one side left alone is the other's, repeats and all.
        if o == t or t == b:
            return o
        if o == b:
            return t
        b, o, t = b or [], o or [], t or []
        kept = {x for x in o if x in t or x not in b} | {x for x in t if x not in b}
        return _order(b, o, t, kept)

    def record(self, path: str, b: Any, o: Data, t: Data, nested: dict[str, Merger]) -> Data:
        b = b or {}
        merged: Data = {}
        for key in dict.fromkeys([*o, *t]):
            at = f"{path}.{key}" if path else key
            merging = nested.get(key, self.value)
            merged[key] = merging(at, b.get(key), o.get(key), t.get(key))
        return merged

    def keyed_by(self, item: Merger) -> Merger:
        def keyed(path: str, b: Any, o: Any, t: Any) -> Data:
            b, o, t = b or {}, o or {}, t or {}
            merged: Data = {}
            for key in dict.fromkeys([*o, *t]):
                at = f"{path}.{key}"
                if key in o and key in t:
                    merged[key] = item(at, b.get(key), o[key], t[key])
                elif key not in b:
                    merged[key] = o[key] if key in o else t[key]  # added on one side
                elif key in o and o[key] != b[key]:
                    self.conflict(at, b[key], o[key], None)  # changed here, deleted there
                    merged[key] = o[key]
                elif key in t and t[key] != b[key]:
                    self.conflict(at, b[key], None, t[key])  # deleted here: stays deleted
            return {k: merged[k] for k in _order(list(b), list(o), list(t), set(merged))}

        return keyed

    def _earlier_conflicts(self) -> list[Data]:
        """The conflicts the files already held, merged as a list: one resolved on either side
        stays resolved."""
        b, o, t = (side.get("conflicts", []) for side in self._sides())
        if t == b:
            return list(o)
        if o == b:
            return list(t)
        return [c for c in o if c in t or c not in b] + [c for c in t if c not in b + o]

    def _all(self, result: Data) -> list[Data]:
        return [*result["conflicts"], *self.conflicts]

    def _sides(self) -> tuple[Data, Data, Data]:
        return self.base, self.ours, self.theirs

    def _at(self, side: Data, parts: list[str]) -> Any:
        for part in parts:
            if not isinstance(side, dict) or part not in side:
                return None
            side = side[part]
        return side

    def _put(self, result: Data, parts: list[str], value: Any) -> None:
        """Set (or with None, delete) the item at `parts`, keeping its table in merged order."""
        parent = self._at(result, parts[:-1])
        if value is None:
            parent.pop(parts[-1], None)
            return
        parent[parts[-1]] = copy.deepcopy(value)
        if _is_item(parts):
            keys = [list(self._at(s, parts[:-1]) or {}) for s in self._sides()]
            order = _order(keys[0], keys[1], keys[2], set(parent))
            items = {key: parent[key] for key in order}
            parent.clear()
            parent.update(items)

    def _record_whole(self, parts: list[str]) -> None:
        """Record the three versions of the item at `parts`, in place of finer conflicts."""
        path = ".".join(parts)
        self.conflicts = [
            c for c in self.conflicts if c["path"] != path and not c["path"].startswith(path + ".")
        ]
        self.conflict(path, *(self._at(s, parts) for s in self._sides()))

    def _restore_references(self, result: Data) -> None:
        """Put back each deleted point or card that a kept point still refers to."""
        while True:
            missing = self._missing_reference(result)
            if missing is None:
                return
            sides = [self._at(s, missing) for s in (self.ours, self.theirs, self.base)]
            self._put(result, missing, next(v for v in sides if v is not None))
            if not any(c["path"] == ".".join(missing) for c in self.conflicts):
                self._record_whole(missing)

    def _missing_reference(self, result: Data) -> list[str] | None:
        def known(parts: list[str]) -> bool:
            return any(self._at(s, parts) is not None for s in (self.ours, self.theirs, self.base))

        for claim_id, claim in result["claims"].items():
            for point in claim["points"].values():
                for card_id in point["cards"]:
                    if card_id not in result["cards"] and known(["cards", card_id]):
                        return ["cards", card_id]
                target = point["answers"]
                where = ["claims", claim_id, "points", target]
                if target and target not in claim["points"] and known(where):
                    return where
        return None

    def _unit(self, path: str) -> str:
        """The smallest item around a problem's path not yet put back to ours' version; ""
        when only the whole of ours is left."""
        parts = path.split(".")
        points = len(parts) >= 4 and parts[0] == "claims" and parts[2] == "points"
        units = [".".join(parts[:4])] if points else []
        if parts[0] in ("claims", *_TABLES) and len(parts) > 1:
            units.append(".".join(parts[:2]))
        units.append(parts[0] if parts[0] in ("essay", "sides") else "")
        return next((u for u in units if u and u not in self.reverted), "")

    def _revert(self, result: Data, unit: str) -> None:
        self.reverted.add(unit)
        parts = unit.split(".")
        self._put(result, parts, self._at(self.ours, parts))
        self._record_whole(parts)

    def _ours_whole(self, result: Data) -> Workbook:
        """Ours as it is, with every top-level table the two sides differ in recorded."""
        self.conflicts = []
        for key in ("title", "motion", "essay", "sides", "cards", "claims"):
            if self.ours.get(key) != self.theirs.get(key):
                self.conflict(key, self.base.get(key), self.ours[key], self.theirs[key])
        return Workbook.model_validate({**self.ours, "conflicts": self._all(result)})
