"""Editing claim by claim: every edit keeps the workbook valid and can be undone and redone."""

from __future__ import annotations

import pytest

from workbook.core import claim_edits
from workbook.core.edits import CardInUse, Draft, EditError
from workbook.core.library import where_used
from workbook.core.model import Card, Workbook


def valid(workbook: Workbook) -> Workbook:
    return Workbook.model_validate(workbook.model_dump())


def test_next_id() -> None:
    assert claim_edits.next_id([], "p") == "p1"
    assert claim_edits.next_id(["p1", "p7", "x9"], "p") == "p8"
    assert claim_edits.next_id(["1", "2"]) == "3"


def test_add_points_of_each_kind(small: Workbook) -> None:
    claim = small.claims["story"]
    claim, own = claim_edits.add_point(claim, "con", "Deterrence never held.")
    claim, reply = claim_edits.add_point(claim, "con", "It did not hold.", answers="p1")
    assert claim.points[own].kind == "supports"
    assert (claim.points[reply].kind, claim.points[reply].answers) == ("answers", "p1")
    claim, counter = claim_edits.add_point(claim, "pro", "It held.")
    assert claim.points[counter].kind == "counters"
    assert small.claims["story"].points.keys() == {"p1"}  # the original is untouched


def test_deleting_an_answered_point_frees_its_answers(small: Workbook) -> None:
    claim = claim_edits.delete_point(small.claims["blowback"], "p1")
    assert list(claim.points) == ["p2"]
    assert (claim.points["p2"].kind, claim.points["p2"].answers) == ("counters", "")
    small.claims["blowback"] = claim
    valid(small)


def test_move_point_keeps_the_other_sides_places(small: Workbook) -> None:
    claim = small.claims["blowback"]
    claim, p3 = claim_edits.add_point(claim, "con", "Third")
    claim, _ = claim_edits.add_point(claim, "pro", "Fourth")
    assert list(claim.points) == ["p1", "p2", "p3", "p4"]
    moved = claim_edits.move_point(claim, p3, -1)
    assert list(moved.points) == ["p3", "p2", "p1", "p4"]
    assert list(claim_edits.move_point(moved, p3, -1).points) == list(moved.points)  # already first


def test_update_point_sets_kind_from_answers(small: Workbook) -> None:
    claim = claim_edits.update_point(small.claims["blowback"], "p2", answers="")
    assert claim.points["p2"].kind == "counters"
    claim = claim_edits.update_point(claim, "p2", answers="p1", strength=5, text="New")
    assert (claim.points["p2"].kind, claim.points["p2"].strength) == ("answers", 5)


def test_update_point_refuses_a_bad_strength(small: Workbook) -> None:
    with pytest.raises(ValueError, match="less than or equal to 5"):
        claim_edits.update_point(small.claims["blowback"], "p1", strength=8)


def test_a_card_is_added_to_the_library_and_read_by_the_point(small: Workbook) -> None:
    draft = Draft(small)
    change = draft.add_card("add", "blowback", "p1", Card(tag="More"))
    assert change.cards[0].card_id == "blowback-p1-1"
    assert small.claims["blowback"].points["p1"].cards == ["smith", "blowback-p1-1"]
    assert small.cards["blowback-p1-1"] == Card(tag="More")
    valid(small)
    draft.undo()
    assert "blowback-p1-1" not in small.cards
    assert small.claims["blowback"].points["p1"].cards == ["smith"]
    draft.redo()
    valid(small)


def test_editing_a_card_changes_it_under_every_point(small: Workbook) -> None:
    draft = Draft(small)
    draft.place_card("reuse", "story", "p1", "smith")
    assert where_used(small, "smith") == [("blowback", "p1"), ("story", "p1")]
    draft.edit_card("edit", "smith", Card(tag="Changed", author="Ann Smith"), "story")
    assert small.cards["smith"].tag == "Changed"
    draft.undo()
    assert small.cards["smith"].tag == "Attacks rose"
    with pytest.raises(EditError, match="listed twice"):
        draft.place_card("again", "story", "p1", "smith")
    with pytest.raises(EditError, match="no card 'nothing'"):
        draft.place_card("none", "story", "p1", "nothing")


def test_removing_a_card_keeps_it_while_another_point_reads_it(small: Workbook) -> None:
    draft = Draft(small)
    draft.place_card("reuse", "story", "p1", "smith")
    draft.remove_card("remove", "blowback", "p1", "smith")
    assert "smith" in small.cards and small.claims["blowback"].points["p1"].cards == []
    draft.remove_card("remove", "story", "p1", "smith")
    assert "smith" not in small.cards  # read nowhere: it goes too
    valid(small)
    draft.undo()
    draft.undo()
    assert list(small.cards) == ["smith", "slot"]
    assert small.claims["blowback"].points["p1"].cards == ["smith"]


def test_deleting_a_card_that_is_read_is_refused_unless_forced(small: Workbook) -> None:
    draft = Draft(small)
    draft.place_card("reuse", "story", "p1", "smith")
    with pytest.raises(CardInUse) as refused:
        draft.delete_card("delete", "smith")
    assert refused.value.places == [("blowback", "p1"), ("story", "p1")]
    assert "smith" in small.cards
    change = draft.delete_card("delete", "smith", force=True)
    assert change.claim_ids == ["blowback", "story"]
    assert "smith" not in small.cards
    assert all("smith" not in p.cards for c in small.claims.values() for p in c.points.values())
    valid(small)
    draft.undo()
    assert where_used(small, "smith") == [("blowback", "p1"), ("story", "p1")]
    assert list(small.cards) == ["smith", "slot"]


def test_claim_ids_come_from_the_tag() -> None:
    assert claim_edits.claim_id_for("Strikes backfire!", []) == "strikes-backfire"
    assert (
        claim_edits.claim_id_for("Strikes backfire", ["strikes-backfire"]) == "strikes-backfire-2"
    )
    assert claim_edits.claim_id_for("¿?", []) == "claim"


def test_undo_and_redo_restore_each_step(small: Workbook) -> None:
    draft = Draft(small)
    original = small.claims["story"]
    changed, _ = claim_edits.add_point(original, "con", "New point")
    draft.apply("add point", "story", changed)
    assert draft.dirty and draft.workbook.claims["story"] is changed
    assert draft.undo().label == "add point"
    assert draft.workbook.claims["story"] is original and not draft.dirty
    draft.redo()
    assert draft.workbook.claims["story"] is changed and draft.dirty
    assert draft.redo() is None


def test_adding_and_undoing_a_new_claim_keeps_its_place(small: Workbook) -> None:
    draft = Draft(small)
    new = small.claims["story"].model_copy(update={"tag": "Inserted", "points": {}})
    draft.apply("add claim", "inserted", new, index=1)
    assert list(draft.workbook.claims) == ["blowback", "inserted", "story"]
    draft.undo()
    assert list(draft.workbook.claims) == ["blowback", "story"]
    draft.redo()
    assert list(draft.workbook.claims) == ["blowback", "inserted", "story"]
    valid(draft.workbook)


def test_deleting_a_claim_can_be_undone_in_place(small: Workbook) -> None:
    draft = Draft(small)
    draft.apply("delete claim", "blowback", None)
    assert list(draft.workbook.claims) == ["story"]
    draft.undo()
    assert list(draft.workbook.claims) == ["blowback", "story"]


def test_an_invalid_edit_is_refused_and_changes_nothing(small: Workbook) -> None:
    draft = Draft(small)
    bad = small.claims["story"].model_copy(update={"paragraph": 99})
    with pytest.raises(EditError, match=r"claims\.story\.paragraph"):
        draft.apply("bad", "story", bad)
    assert draft.workbook.claims["story"].paragraph == 3 and not draft.can_undo


def test_a_new_edit_after_undoing_past_the_save_stays_dirty(small: Workbook) -> None:
    draft = Draft(small)
    claim = small.claims["story"]
    draft.apply("one", "story", claim_edits.update_claim(claim, tag="one"))
    draft.mark_saved()
    draft.undo()
    draft.apply("two", "story", claim_edits.update_claim(claim, tag="two"))
    assert draft.dirty
    draft.undo()
    assert draft.dirty  # the file holds "one", which is no longer on the stack


def test_filters_by_words_tags_and_unanswered(small: Workbook) -> None:
    from workbook.core.filters import ClaimFilter

    def ids(text: str, side: str = "") -> list[str]:
        f = ClaimFilter.parse(text, side)
        return [cid for cid, claim in small.claims.items() if f.matches(cid, claim)]

    assert ids("") == ["blowback", "story"]
    assert ids("STORY afterwards") == ["story"]
    assert ids("attacks rose") == ["blowback"]  # words in points count too
    assert ids("#blowback") == ["blowback"]
    assert ids("#missing") == []
    assert ids("", "con") == ["blowback", "story"]  # p2 unanswered; no con point on story
    assert ids("", "pro") == []
    assert not ClaimFilter.parse("  ").active


def test_a_claim_moves_up_and_down_and_undo_puts_it_back(small: Workbook) -> None:
    draft = Draft(small)
    assert list(small.claims) == ["blowback", "story"]
    assert draft.move("move", "blowback", -1) is None  # already first
    change = draft.move("move", "blowback", 1)
    assert change is not None and change.moves
    assert list(draft.workbook.claims) == ["story", "blowback"] and draft.dirty
    draft.undo()
    assert list(draft.workbook.claims) == ["blowback", "story"] and not draft.dirty
    draft.redo()
    assert list(draft.workbook.claims) == ["story", "blowback"]
    # An edit of a moved claim keeps its new place.
    claim = claim_edits.update_claim(draft.workbook.claims["blowback"], tag="Moved")
    draft.apply("edit", "blowback", claim)
    assert list(draft.workbook.claims) == ["story", "blowback"]


def test_where_each_card_is_read_and_which_are_unused(small: Workbook) -> None:
    from workbook.core.library import point_cards, unused_cards, usage

    small.cards["cut"] = Card(tag="Not placed yet")
    small.claims["story"].points["p1"].cards = ["slot", "smith"]
    assert usage(small) == {
        "smith": [("blowback", "p1"), ("story", "p1")],
        "slot": [("story", "p1")],
        "cut": [],
    }
    assert unused_cards(small) == ["cut"]
    point = small.claims["story"].points["p1"]
    assert point_cards(small, point) == [("slot", Card()), ("smith", small.cards["smith"])]


def test_the_motion_and_the_sides_change_as_one_step_undo_takes_back(small: Workbook) -> None:
    from workbook.core.framing import Framing, framing_of
    from workbook.core.model import Side

    draft = Draft(small)
    before = framing_of(small)
    sides = {
        "con": Side(name="Regret", thesis="It backfired."),
        "pro": Side(name="No regret", thesis="It deterred."),
    }
    snapshot = small.model_copy()  # what a save started now would write
    change = draft.frame("the sides", Framing("This House regrets it.", sides), "story")
    assert small.motion == "This House regrets it." and small.sides == sides
    story = small.claims["story"]
    assert (change.claim_id, change.before, change.after) == ("story", story, story)
    assert snapshot.sides == before.sides  # the snapshot keeps the sides it was taken with
    valid(small)
    assert draft.undo() is change and framing_of(small) == before and not draft.dirty
    assert draft.redo() is change and small.sides == sides and draft.dirty
    with pytest.raises(EditError, match=r"sides\.pro\.name: the two sides need different names"):
        draft.frame("same", Framing("", {"con": sides["con"], "pro": sides["con"]}))
    with pytest.raises(EditError, match="the two sides keep their keys"):
        draft.frame("keys", Framing("", {"con": sides["con"], "other": sides["pro"]}))
    assert small.sides == sides and draft.checkpoint is change  # refused: no step


def test_an_edit_may_give_a_claim_a_new_id_where_it_stands(small: Workbook) -> None:
    draft = Draft(small)
    story = small.claims["story"]
    tagged = claim_edits.update_claim(story, tag="A story told afterwards")
    change = draft.apply("tag", "story", tagged, as_id="a-story-told-afterwards")
    assert list(small.claims) == ["blowback", "a-story-told-afterwards"]
    assert small.claims["a-story-told-afterwards"] is tagged
    assert change.claim_ids == ["a-story-told-afterwards", "story"]
    assert draft.touched >= {"story", "a-story-told-afterwards"}  # both, for the journal
    draft.undo()
    assert list(small.claims) == ["blowback", "story"] and small.claims["story"] is story
    draft.redo()
    assert list(small.claims) == ["blowback", "a-story-told-afterwards"]
    with pytest.raises(EditError, match=r"claims\.blowback: a claim of that id is there already"):
        draft.apply("clash", "a-story-told-afterwards", tagged, as_id="blowback")
