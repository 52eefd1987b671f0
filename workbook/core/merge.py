"""A three-way merge of workbooks by id, for teammates who edit copies of one file.

Every table of the file is merged by its id (sides, library cards, claims, the points of a
claim), and every field of a table on its own: a change made on one side only is taken, so
changes to different items, or to different fields of one item, merge cleanly. Lists of ids (a
point's cards, a claim's tags, the essay's headings and its dismissed suggestions) merge as
ordered sets: what one side added is added, what one side took out goes. A field both sides
changed differently, or an item one side deleted while the other changed it, is a conflict: the
merged workbook holds ours' value and records the three versions in its `[[conflicts]]` tables,
as data that stays a valid workbook, for `workbook check` to report and a person to choose from.

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
choices to offer (`Conflict.path`, `.base`, `.ours`, `.theirs`), and `conflicts.resolve(workbook,
index, choice)` applies one choice and drops that conflict.
"""

from __future__ import annotations

import copy
from collections import deque
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from workbook.core.merge_ids import merged_order, separate_additions
from workbook.core.model import (
    ESSAY,
    Card,
    Claim,
    Essay,
    Point,
    Side,
    Source,
    Workbook,
    reference_problems,
)
from workbook.core.renumbering import carry, place_kept

Data = dict[str, Any]
Merger = Callable[[str, Any, Any, Any], Any]

_TABLES: dict[str, type[BaseModel]] = {
    "sides": Side,
    "sources": Source,
    "cards": Card,
    "claims": Claim,
}


def merge(base: Workbook | None, ours: Workbook, theirs: Workbook) -> Workbook:
    """Merge the changes from `base` to `theirs` into `ours`; `base` is None when the file did
    not exist before (both sides added it). Conflicts are in the result's `conflicts`."""
    before, mine = (base.model_dump() if base is not None else {}), ours.model_dump()
    # Paragraph numbers are places in the essay: carried first into the merged essay's numbering.
    carried = carry(before, mine, separate_additions(before, mine, theirs))
    return _Merge(carried.sources, carried.conflicts).run()


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


def _problems(data: Data, error: ValidationError) -> list[str]:
    """The paths of all that is wrong with `data`, in file order. Pydantic gives every field's
    error, but the workbook's validator stops at its first rule that spans fields (a point's
    card, an answer's point): for those, the rules are checked again, all of them."""
    errors = error.errors(include_url=False)
    paths = [str((e.get("ctx") or {}).get("path") or ".".join(map(str, e["loc"]))) for e in errors]
    if [e["type"] for e in errors] != ["workbook"]:
        return paths
    # Every field is valid, or the workbook's validator would not have run.
    fields = {
        "essay": Essay.model_validate(data["essay"]) if data.get("essay") is not None else None,
        **{
            key: {k: model.model_validate(v) for k, v in data[key].items()}
            for key, model in _TABLES.items()
        },
    }
    workbook = Workbook.model_construct(**{**data, "conflicts": [], **fields})
    return [path for path, _ in reference_problems(workbook)] or paths


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
            data = {**result, "conflicts": self._all(result)}
            try:
                return Workbook.model_validate(data)
            except ValidationError as error:
                problems = _problems(data, error)
            # Each problem's item is put back to ours' version, the first problem of each claim
            # or card in one round: a claim's problems are its own, so one validation serves
            # them all, where one a problem made a merge of n broken claims cost n squared.
            # What spans the workbook (the sides, the essay) ends a round.
            scopes: set[str] = set()
            reverted: list[list[str]] = []
            for path in problems:
                parts = path.split(".")
                scope = ".".join(parts[:2]) if parts[0] in ("claims", "cards", "sources") else ""
                if scope in scopes:
                    continue
                if not scope and scopes:
                    break
                unit = self._unit(path)
                if not unit:
                    if scopes:
                        break  # seen again in the next round, when it comes first
                    return self._ours_whole(result)
                reverted.append(self._revert(result, unit))
                scopes.add(scope)
                if not scope:
                    break
            self._record_whole(*reverted)

    def _top_level(self) -> dict[str, Merger]:
        def essay(path: str, b: Any, o: Any, t: Any) -> Any:
            if o is None or t is None:  # a card library on a side: the essay is kept whole
                return self.value(path, b, o, t)
            merged = self.record(path, b, o, t, {"headings": self.ids, "dismissed": self.ids})
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
            "sources": plain,
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
        return merged_order(b, o, t, kept)

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
            return {k: merged[k] for k in merged_order(list(b), list(o), list(t), set(merged))}

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

    def _put(self, result: Data, parts: list[str], value: Any, order: bool = True) -> None:
        """Set (or with None, delete) the item at `parts`, keeping its table in merged order
        (unless `order` is False, for the caller to order it once after many)."""
        parent = self._at(result, parts[:-1])
        if value is None:
            parent.pop(parts[-1], None)
            return
        parent[parts[-1]] = copy.deepcopy(value)
        if _is_item(parts) and order:
            self._order_table(parent, parts[:-1])

    def _order_table(self, table: Data, parts: list[str]) -> None:
        keys = [list(self._at(s, parts) or {}) for s in self._sides()]
        order = merged_order(keys[0], keys[1], keys[2], set(table))
        items = {key: table[key] for key in order}
        table.clear()
        table.update(items)

    def _record_whole(self, *items: list[str]) -> None:
        """Record the three versions of each item at `items`, in place of finer conflicts."""
        paths = {".".join(parts) for parts in items}

        def within(path: str) -> bool:  # the path of an item recorded whole, or inside one
            parts = path.split(".")
            return any(".".join(parts[:end]) in paths for end in range(1, len(parts) + 1))

        self.conflicts = [c for c in self.conflicts if not within(c["path"])]
        for parts in items:
            self.conflict(".".join(parts), *(self._at(s, parts) for s in self._sides()))

    def _restore_references(self, result: Data) -> None:
        """Put back each deleted point or card that a kept point still refers to: those the
        merged points name, then those that the points put back name, each found once and each
        table put in order once, so that putting back n items costs about n steps."""
        recorded = {c["path"] for c in self.conflicts}
        restored: list[list[str]] = []
        tables: dict[str, list[str]] = {}
        pending = deque(
            missing
            for claim_id, claim in result["claims"].items()
            for point in claim["points"].values()
            for missing in self._missing_references(result, claim_id, point)
        )
        pending.extend(self._missing_source(result, card) for card in result["cards"].values())
        while pending:
            missing = pending.popleft()
            if not missing or self._at(result, missing) is not None:
                continue  # named twice, and put back the first time
            sides = [self._at(s, missing) for s in (self.ours, self.theirs, self.base)]
            self._put(result, missing, next(v for v in sides if v is not None), order=False)
            tables[".".join(missing[:-1])] = missing[:-1]
            if ".".join(missing) not in recorded:
                restored.append(missing)
            if missing[0] == "claims":
                point = self._at(result, missing)
                pending.extend(self._missing_references(result, missing[1], point))
            elif missing[0] == "cards":
                pending.append(self._missing_source(result, self._at(result, missing)))
        for parts in tables.values():
            self._order_table(self._at(result, parts), parts)
        self._record_whole(*restored)

    def _missing_source(self, result: Data, card: Data) -> list[str]:
        """The source a card was cut from, where the merge lacks it (a card kept on one side
        of a merge whose other side removed the source): [] when there is none to put back."""
        source = card.get("source", "")
        sources = result.setdefault("sources", {})
        if not source or source == ESSAY or source in sources:
            return []
        known = any(self._at(s, ["sources", source]) is not None for s in self._sides())
        return ["sources", source] if known else []

    def _missing_references(self, result: Data, claim_id: str, point: Data) -> list[list[str]]:
        """The cards and the point that a point of claim `claim_id` names and the merge lacks,
        where one side or the base has them."""

        def known(parts: list[str]) -> bool:
            return any(self._at(s, parts) is not None for s in (self.ours, self.theirs, self.base))

        missing = [
            ["cards", card_id]
            for card_id in point["cards"]
            if card_id not in result["cards"] and known(["cards", card_id])
        ]
        target = point["answers"]
        where = ["claims", claim_id, "points", target]
        if target and target not in result["claims"][claim_id]["points"] and known(where):
            missing.append(where)
        return missing

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

    def _revert(self, result: Data, unit: str) -> list[str]:
        """Put the item `unit` back to ours' version; its parts, for the caller to record."""
        self.reverted.add(unit)
        parts = unit.split(".")
        self._put(result, parts, self._at(self.ours, parts))
        return parts

    def _ours_whole(self, result: Data) -> Workbook:
        """Ours as it is, with every top-level table the two sides differ in recorded."""
        self.conflicts = []
        for key in (
            "title",
            "motion",
            "debate_format",
            "essay",
            "sides",
            "sources",
            "cards",
            "claims",
        ):
            if self.ours.get(key) != self.theirs.get(key):
                self.conflict(key, self.base.get(key), self.ours.get(key), self.theirs.get(key))
        return Workbook.model_validate({**self.ours, "conflicts": self._all(result)})
