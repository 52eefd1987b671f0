"""Cutting in the app: a card's standing where the card is shown, and a cut card's source kept
through every edit."""

from __future__ import annotations

from pathlib import Path

from workbook.storage.store import load
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import FormScreen

from .conftest import SIZE, opened, until
from .test_app import fill
from .with_sources import SOURCE, seed_with_cut_cards

PROVEN = "lopez-attacks-rose"


async def test_editing_a_cut_card_keeps_its_source_and_cutter(tmp_path: Path) -> None:
    # The card's form shows the cite and the words, not the source the card was cut from: a
    # form that rebuilt the card from its fields alone made a cut card one typed by hand.
    path = seed_with_cut_cards(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await pilot.press("tab", "down")
        assert prep.columns[0].current == ("p1", PROVEN)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, FormScreen)
        fill(form, tag="Attacks on bases rose by a third")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: prep.workbook.cards[PROVEN].tag.startswith("Attacks on"))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    card = load(path).cards[PROVEN]
    assert card.tag == "Attacks on bases rose by a third"
    assert (card.source, card.cutter) == (SOURCE, "ML")
