"""Screenshots of every form and question at 80x24, compared with the approved SVGs.

Each dialog is shown on its own, over an empty app: what is checked here is the dialog, and a
change to the main screen behind it does not touch these pictures. `test_fitting.py` checks the
same dialogs over the main screen, at 80x24 and 100x30."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

from workbook.core.library import where_used
from workbook.session.session import Conflict
from workbook.storage.places import seed_path
from workbook.storage.store import load_with_essay
from workbook.tui.dialogs import questions
from workbook.tui.dialogs.card_picker import CardPicker
from workbook.tui.dialogs.edit_forms import (
    card_form,
    claim_form,
    framing_form,
    point_form,
    save_as_form,
)
from workbook.tui.dialogs.form import ConfirmScreen, FormScreen

from .test_fitting import JOURNAL, NAME

SEED, PARAGRAPHS = load_with_essay(seed_path())
CLAIM = SEED.claims["reckless-decision"]
SHARED = "upi-brain-injuries"  # read by Blowback's p1 on the first claim, and 3 more points


def question(
    asked: tuple[str, list[tuple[str, str]]], escape: str = "cancel"
) -> Callable[[], Screen[str]]:
    return lambda: ConfirmScreen(*asked, escape=escape)


DIALOGS: dict[str, Callable[[], Screen[object]]] = {
    "point": lambda: point_form(SEED, CLAIM, "blowback", "p1"),
    "new-answer": lambda: point_form(SEED, CLAIM, "deterrence", None, "p1"),
    "shared-card": lambda: card_form(
        SEED.cards[SHARED],
        f"Card {SHARED}, read by {len(where_used(SEED, SHARED))} points: a change here "
        "changes it under each",
        "Read by “The strike was reckless, and the U.S. and Iraq are still paying for it” p1",
    ),
    "new-card": lambda: card_form(None, "New card for p1"),
    "claim": lambda: claim_form(SEED, PARAGRAPHS, CLAIM, "Claim reckless-decision"),
    "new-claim": lambda: claim_form(SEED, PARAGRAPHS, None, "New claim", CLAIM),
    "save-as": lambda: save_as_form(NAME),
    "sides": lambda: framing_form(SEED),
    "card-picker": lambda: CardPicker(
        SEED,
        "A card for p1 on “The strike was reckless, and the U.S. and Iraq are still paying "
        "for it”: cut a new one, or pick one",
        offer_new=True,
    ),
    "delete-a-claim": question(
        (
            "Delete the claim “The strike was reckless, and the U.S. and Iraq are still paying "
            "for it” and its 6 points?",
            [("keep", "Keep it"), ("delete", "Delete it")],
        ),
        "keep",
    ),
    "quit": question(questions.quit_question(NAME)),
    "restore": question(questions.restore_question(NAME, JOURNAL, 2), "restore"),
    "changed-on-disk": question(questions.conflict_question(NAME, Conflict(NAME, exists=False))),
    "a-file-in-the-way": question(questions.conflict_question(NAME, Conflict(NAME, exists=True))),
    "failed-save": question(
        questions.failed_save_question(f"Could not save {NAME}: permission denied")
    ),
    "upgrade": question(questions.upgrade_question(NAME, 1)),
}


class Host(App[None]):
    """An empty app with one dialog open."""

    def __init__(self, dialog: Callable[[], Screen[object]]) -> None:
        super().__init__()
        self.dialog = dialog

    def on_mount(self) -> None:
        self.push_screen(self.dialog())


@pytest.mark.parametrize("dialog", DIALOGS)
def test_a_dialog_at_80x24(snap_compare, dialog: str) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()

    assert snap_compare(Host(DIALOGS[dialog]), terminal_size=(80, 24), run_before=run_before)


def test_a_refused_claim_at_80x24(snap_compare) -> None:
    """The messages beside the fields a refusal names, and the focus on the first of them."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press(*"Deterrence", "enter", *"deterrence", "ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, FormScreen)

    app = Host(DIALOGS["new-claim"])
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def _every_question() -> dict[str, tuple[str, list[tuple[str, str]]]]:
    import datetime as dt

    from workbook.session.text_journal import TextJournal

    flow_journal = TextJournal("x", "", "", dt.datetime.now(dt.UTC), NAME)
    return {
        "quit": questions.quit_question(NAME),
        "flow-quit": questions.flow_quit_question(NAME),
        "restore": questions.restore_question(NAME, JOURNAL, 2),
        "flow-restore": questions.flow_restore_question(NAME, flow_journal, 2),
        "changed-on-disk": questions.conflict_question(NAME, Conflict(NAME, exists=False)),
        "a-file-in-the-way": questions.conflict_question(NAME, Conflict(NAME, exists=True)),
        "failed-save": questions.failed_save_question("Could not save"),
        "upgrade": questions.upgrade_question(NAME, 1),
    }


@pytest.mark.parametrize("asked", _every_question())
def test_each_answer_has_a_letter_of_its_own(asked: str) -> None:
    # A question's answers are taken by their first letters: two alike, and one is unreachable.
    _, answers = _every_question()[asked]
    letters = [label[0].lower() for _, label in answers]
    assert len(set(letters)) == len(letters), letters
