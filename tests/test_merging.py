"""The three-way merge of workbooks by id (workbook/core/merge.py)."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from tests.strategies import claims, ids, lines, text, workbook_data
from workbook.core.conflicts import conflict_lines, new_conflicts, resolve
from workbook.core.merge import merge
from workbook.core.merge_ids import FreeIds, merged_order
from workbook.core.model import Workbook
from workbook.storage import store

BASE: dict[str, Any] = {
    "format": 2,
    "title": "t",
    "essay": {"paragraphs": 3},
    "sides": {"pro": {"name": "Pro"}, "con": {"name": "Con"}},
    "cards": {"c1": {"tag": "one"}, "c2": {"tag": "two"}},
    "claims": {
        "x": {
            "paragraph": 1,
            "side": "pro",
            "quote": "q",
            "tags": ["a", "b"],
            "points": {
                "p1": {"side": "pro", "kind": "supports", "text": "first", "cards": ["c1"]},
                "p2": {"side": "con", "kind": "answers", "answers": "p1", "text": "second"},
            },
        },
        "y": {
            "paragraph": 2,
            "side": "con",
            "quote": "r",
            "points": {"p1": {"side": "con", "kind": "supports", "text": "y first"}},
        },
    },
}


def changed(edit: Any) -> Workbook:
    data = copy.deepcopy(BASE)
    edit(data)
    return Workbook.model_validate(data)


def base() -> Workbook:
    return Workbook.model_validate(BASE)


def same(a: Workbook, b: Workbook) -> bool:
    """Equal as the file writes them: order matters in the file, not to model equality."""
    return store.dumps(a) == store.dumps(b)


def test_changes_to_different_claims_merge_cleanly() -> None:
    ours = changed(lambda d: d["claims"]["x"].update(tag="ours"))
    theirs = changed(lambda d: d["claims"]["y"]["points"]["p1"].update(text="theirs"))
    merged = merge(base(), ours, theirs)
    assert merged.conflicts == []
    assert merged.claims["x"].tag == "ours"
    assert merged.claims["y"].points["p1"].text == "theirs"


def test_different_fields_of_one_point_merge_cleanly() -> None:
    ours = changed(lambda d: d["claims"]["x"]["points"]["p1"].update(text="ours"))
    theirs = changed(lambda d: d["claims"]["x"]["points"]["p1"].update(strength=4))
    point = merge(base(), ours, theirs).claims["x"].points["p1"]
    assert (point.text, point.strength) == ("ours", 4)


def test_the_same_point_field_is_a_conflict_recorded_in_the_file() -> None:
    ours = changed(lambda d: d["claims"]["x"]["points"]["p1"].update(text="ours"))
    theirs = changed(lambda d: d["claims"]["x"]["points"]["p1"].update(text="theirs"))
    merged = merge(base(), ours, theirs)
    assert merged.claims["x"].points["p1"].text == "ours"
    [conflict] = merged.conflicts
    assert conflict.path == "claims.x.points.p1.text"
    assert (conflict.base, conflict.ours, conflict.theirs) == ("first", "ours", "theirs")
    written = store.dumps(merged)
    assert "<<<<<<<" not in written
    assert tomllib.loads(written)["conflicts"][0]["path"] == "claims.x.points.p1.text"
    assert same(store.parse(written, Path("w.toml")), merged)
    assert new_conflicts(merged, ours) == 1
    assert conflict_lines(merged)[1:] == ["    claims.x.points.p1.text"]


def test_a_deleted_point_that_the_other_side_changed_is_a_conflict() -> None:
    ours = changed(lambda d: d["claims"]["y"]["points"].pop("p1"))
    theirs = changed(lambda d: d["claims"]["y"]["points"]["p1"].update(text="theirs"))
    merged = merge(base(), ours, theirs)
    assert "p1" not in merged.claims["y"].points  # ours' value: deleted
    [conflict] = merged.conflicts
    assert conflict.path == "claims.y.points.p1"
    assert conflict.ours is None and conflict.theirs["text"] == "theirs"
    # Choosing theirs brings it back.
    assert resolve(merged, 0, "theirs").claims["y"].points["p1"].text == "theirs"
    # The other way round: ours changed it, theirs deleted it; ours is kept.
    merged = merge(base(), theirs, ours)
    assert merged.claims["y"].points["p1"].text == "theirs"
    assert merged.conflicts[0].theirs is None


def test_a_deletion_alone_merges_cleanly() -> None:
    ours = changed(lambda d: d["claims"].pop("y"))
    theirs = changed(lambda d: d["claims"]["x"].update(tag="theirs"))
    merged = merge(base(), ours, theirs)
    assert list(merged.claims) == ["x"] and merged.claims["x"].tag == "theirs"
    assert merged.conflicts == []


def test_an_answer_to_a_point_the_other_side_deleted_keeps_the_point() -> None:
    def answer(d: dict[str, Any]) -> None:
        d["claims"]["x"]["points"]["p3"] = {
            "side": "pro",
            "kind": "answers",
            "answers": "p2",
            "text": "answer",
        }

    theirs = changed(lambda d: d["claims"]["x"]["points"].pop("p2"))
    merged = merge(base(), changed(answer), theirs)
    assert merged.claims["x"].points["p3"].answers == "p2"
    assert merged.claims["x"].points["p2"].text == "second"
    [conflict] = merged.conflicts
    assert conflict.path == "claims.x.points.p2" and conflict.theirs is None


def test_card_library_changes_merge_by_id() -> None:
    def add_card(d: dict[str, Any]) -> None:
        d["cards"]["c3"] = {"tag": "three", "text": "their words"}
        d["claims"]["y"]["points"]["p1"]["cards"] = ["c3"]

    ours = changed(lambda d: d["cards"]["c1"].update(author="Smith"))
    merged = merge(base(), ours, changed(add_card))
    assert merged.conflicts == []
    assert list(merged.cards) == ["c1", "c2", "c3"]
    assert merged.cards["c1"].author == "Smith"
    assert merged.claims["y"].points["p1"].cards == ["c3"]


def test_a_card_the_other_side_took_out_of_the_library_is_kept_while_read() -> None:
    ours = changed(lambda d: d["claims"]["y"]["points"]["p1"].update(cards=["c2"]))
    theirs = changed(lambda d: d["cards"].pop("c2"))
    merged = merge(base(), ours, theirs)
    assert "c2" in merged.cards
    assert [c.path for c in merged.conflicts] == ["cards.c2"]


def test_points_and_cards_both_sides_added_under_one_id_are_both_kept() -> None:
    def add(text: str) -> Any:
        def edit(d: dict[str, Any]) -> None:
            d["cards"]["c3"] = {"tag": text}
            d["claims"]["x"]["points"]["p3"] = {
                "side": "con",
                "kind": "counters",
                "text": text,
                "cards": ["c3"],
            }
            d["claims"]["x"]["points"]["p4"] = {
                "side": "pro",
                "kind": "answers",
                "answers": "p3",
                "text": text + " answered",
            }

        return edit

    merged = merge(base(), changed(add("ours")), changed(add("theirs")))
    assert merged.conflicts == []
    points = merged.claims["x"].points
    assert [(p, points[p].text) for p in points] == [
        ("p1", "first"),
        ("p2", "second"),
        ("p3", "ours"),
        ("p4", "ours answered"),
        ("p5", "theirs"),
        ("p6", "theirs answered"),
    ]
    assert points["p6"].answers == "p5"
    assert points["p5"].cards == ["c4"] and merged.cards["c4"].tag == "theirs"


def test_order_keeps_ours_with_theirs_new_items_after_their_predecessor() -> None:
    def insert_claim(d: dict[str, Any]) -> None:
        claims = d["claims"]
        new = {"paragraph": 3, "side": "pro", "quote": "s"}
        d["claims"] = {"x": claims["x"], "w": new, "y": claims["y"]}

    ours = changed(lambda d: d["claims"].update(z={"paragraph": 3, "side": "pro", "quote": "z"}))
    merged = merge(base(), ours, changed(insert_claim))
    assert list(merged.claims) == ["x", "w", "y", "z"]


def test_a_move_on_one_side_is_kept() -> None:
    def move(d: dict[str, Any]) -> None:
        d["claims"] = dict(reversed(d["claims"].items()))

    ours = changed(lambda d: d["claims"]["x"].update(tag="ours"))
    merged = merge(base(), ours, changed(move))
    assert list(merged.claims) == ["y", "x"] and merged.claims["x"].tag == "ours"


def test_lists_of_ids_merge_as_ordered_sets() -> None:
    ours = changed(lambda d: d["claims"]["x"].update(tags=["a", "c"]))  # b out, c in
    theirs = changed(lambda d: d["claims"]["x"].update(tags=["z", "a", "b", "d"]))
    assert merge(base(), ours, theirs).claims["x"].tags == ["z", "a", "c", "d"]


def test_a_combination_that_breaks_a_rule_falls_back_to_ours_whole() -> None:
    # Ours turns the claim to the other side with its point; theirs adds a point that supports
    # it on the old side: each valid, together not.
    def turn(d: dict[str, Any]) -> None:
        d["claims"]["y"]["side"] = "pro"
        d["claims"]["y"]["points"]["p1"]["side"] = "pro"

    def add(d: dict[str, Any]) -> None:
        d["claims"]["y"]["points"]["p2"] = {"side": "con", "kind": "supports"}

    merged = merge(base(), changed(turn), changed(add))
    assert merged.claims["y"] == changed(turn).claims["y"]
    assert [c.path for c in merged.conflicts] == ["claims.y.points.p2"]


def test_a_file_both_sides_added_merges_without_a_base() -> None:
    ours = changed(lambda d: d.update(title="ours"))
    merged = merge(None, ours, base())
    assert [c.path for c in merged.conflicts] == ["title"]
    assert merged.conflicts[0].base is None


def test_conflicts_already_in_the_files_merge_as_a_list() -> None:
    ours = changed(lambda d: d["claims"]["x"].update(tag="ours"))
    theirs = changed(lambda d: d["claims"]["x"].update(tag="theirs"))
    recorded = merge(base(), ours, theirs)
    # One side resolves it; the other changes something else: it stays resolved.
    resolved = resolve(recorded, 0, "theirs")
    elsewhere = recorded.model_copy(update={"title": "new"})
    merged = merge(recorded, resolved, elsewhere)
    assert merged.conflicts == [] and merged.title == "new"
    assert merged.claims["x"].tag == "theirs"


def test_the_model_checks_a_conflicts_path() -> None:
    data = copy.deepcopy(BASE)
    data["conflicts"] = [{"path": "claims.x y", "ours": 1}]
    with pytest.raises(ValidationError, match="field path"):
        Workbook.model_validate(data)
    data["conflicts"] = [{"path": "claims.x.tag", "ours": "a", "extra": 1}]
    with pytest.raises(ValidationError):
        Workbook.model_validate(data)


def test_resolving_to_an_invalid_workbook_is_refused() -> None:
    theirs = changed(lambda d: d["claims"]["x"]["points"].pop("p2"))
    answered = changed(
        lambda d: d["claims"]["x"]["points"].update(
            p3={"side": "pro", "kind": "answers", "answers": "p2"}
        )
    )
    merged = merge(base(), answered, theirs)
    with pytest.raises(ValueError, match="no point 'p2'"):
        resolve(merged, 0, "theirs")  # theirs deleted p2, which p3 answers


# Generated changes: a workbook and a change of it, as a teammate might make.


@st.composite
def change_of(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    sides = list(data["sides"])
    paragraphs = data["essay"]["paragraphs"]
    if draw(st.booleans()):
        data["title"] = draw(lines)
    for card_id in list(data["cards"]):
        action = draw(st.sampled_from(["keep", "keep", "edit", "delete"]))
        read = any(
            card_id in p.get("cards", [])
            for c in data["claims"].values()
            for p in c["points"].values()
        )
        if action == "edit":
            data["cards"][card_id]["notes"] = draw(text)
        elif action == "delete" and not read:
            del data["cards"][card_id]
    for card_id in draw(st.lists(ids, max_size=2)):
        data["cards"].setdefault(card_id, {"tag": draw(lines)})
    for claim_id in list(data["claims"]):
        claim = data["claims"][claim_id]
        action = draw(st.sampled_from(["keep", "delete", "tag", "points", "reorder"]))
        if action == "delete":
            del data["claims"][claim_id]
        elif action == "tag":
            claim["tag"] = draw(lines)
            claim["tags"] = draw(st.lists(lines, max_size=3))
        elif action == "points":
            for point in claim["points"].values():
                point["text"] = draw(text)
                if data["cards"]:
                    point["cards"] = draw(
                        st.lists(st.sampled_from(list(data["cards"])), unique=True, max_size=2)
                    )
        elif action == "reorder" and claim["points"]:
            order = draw(st.permutations(list(claim["points"])))
            claim["points"] = {pid: claim["points"][pid] for pid in order}
    for claim_id in draw(st.lists(ids, max_size=2)):
        if claim_id not in data["claims"]:
            data["claims"][claim_id] = draw(claims(sides, paragraphs, list(data["cards"])))
    if draw(st.booleans()) and data["claims"]:
        order = draw(st.permutations(list(data["claims"])))
        data["claims"] = {cid: data["claims"][cid] for cid in order}
    return data


@st.composite
def histories(draw: st.DrawFn) -> tuple[Workbook, Workbook, Workbook]:
    """A base workbook and two teammates' changes of it."""
    data = draw(workbook_data())
    data.setdefault("cards", {})
    ours, theirs = draw(change_of(data)), draw(change_of(data))
    return tuple(Workbook.model_validate(d) for d in (data, ours, theirs))  # type: ignore[return-value]


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(histories())
def test_a_change_on_one_side_only_is_taken_whole(history: tuple[Workbook, ...]) -> None:
    base_, ours, theirs = history
    assert same(merge(base_, ours, base_), ours)
    assert same(merge(base_, base_, theirs), theirs)
    assert same(merge(base_, ours, ours), ours)
    assert merge(base_, ours, base_).conflicts == []


@SETTINGS
@given(histories())
def test_any_two_changes_merge_into_a_valid_workbook(history: tuple[Workbook, ...]) -> None:
    base_, ours, theirs = history
    merged = merge(base_, ours, theirs)
    # Valid by construction; written and read back, it is the same workbook.
    assert same(store.parse(store.dumps(merged), Path("m.toml")), merged)
    if not merged.conflicts:
        # A clean merge holds every claim that both kept, and every claim one side added.
        for claim_id in {*ours.claims, *theirs.claims}:
            kept = claim_id in ours.claims and claim_id in theirs.claims
            added = claim_id not in base_.claims
            if kept or added:
                assert claim_id in merged.claims


def listed_order(base: list[str], ours: list[str], theirs: list[str], kept: set[str]) -> list[str]:
    """The merged order as a list: each item only one side has is inserted after the item before
    it in that side. The same order as `merged_order`'s, in time quadratic in the items."""

    def moved(side: list[str]) -> bool:
        present, there = set(side), set(base)
        return [k for k in side if k in there] != [k for k in base if k in present]

    first, second = (theirs, ours) if moved(theirs) and not moved(ours) else (ours, theirs)
    result = [key for key in first if key in kept]
    placed = set(result)
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


keys = st.lists(st.sampled_from("abcdefgh"), max_size=10)


@settings(max_examples=500)
@given(keys, keys, keys, st.sets(st.sampled_from("abcdefgh")))
def test_the_merged_order_is_the_one_inserting_into_a_list_gives(
    base: list[str], ours: list[str], theirs: list[str], kept: set[str]
) -> None:
    kept = kept & set(ours + theirs)
    assert merged_order(base, ours, theirs, kept) == listed_order(base, ours, theirs, kept)


@given(st.sets(ids, max_size=20), st.lists(st.sampled_from(["p1", "p3", "c", "c2", "x9"])))
def test_free_ids_are_the_first_free_number_after_the_wanted_one(
    taken: set[str], wanted: list[str]
) -> None:
    fresh, given_out = FreeIds(set(taken)), set(taken)
    for want in wanted:
        stem = want.rstrip("0123456789")  # p3 -> p4, c2 -> c3; c -> c-1, c-2
        stem, number = (stem, int(want[len(stem) :])) if stem != want else (want + "-", 1)
        while f"{stem}{number}" in given_out:
            number += 1
        given_out.add(f"{stem}{number}")
        assert fresh(want) == f"{stem}{number}"


def test_a_source_the_other_side_removed_is_kept_while_a_card_cites_it() -> None:
    def add_source(d: dict[str, Any]) -> None:
        d["sources"] = {"nyt": {"file": "t.nyt.txt", "paragraphs": 3, "title": "A page"}}

    before = changed(add_source)
    ours = Workbook.model_validate(
        {**before.model_dump(), "cards": {**before.model_dump()["cards"], "c2": {"source": "nyt"}}}
    )
    theirs = changed(lambda d: None)  # the source removed
    merged = merge(before, ours, theirs)
    assert merged.sources["nyt"].title == "A page"
    assert [c.path for c in merged.conflicts] == ["sources.nyt"]
