"""Odd text: right-to-left names, emoji, combining marks and a 1 MB quote survive everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook.core.model import Workbook
from workbook.exports.brief import render
from workbook.storage.store import load, save
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import FormScreen

from .conftest import small_data
from .test_brief import check_structure
from .tui.conftest import SIZE, opened, until

ARABIC = "الردع"  # "deterrence"
EMOJI = "🧨💥 family: 👨‍👩‍👧 flag: 🇮🇶"
COMBINING = "Qa\u0304sim Sulayma\u0304ni\u0301"  # macrons and an acute, as combining marks
MEGABYTE_QUOTE = ("The strike brought blowback. " * 40_000)[:1_000_000]


@pytest.fixture
def odd(tmp_path: Path) -> Path:
    data = small_data()
    data["essay"]["file"] = ""  # the megabyte quote is not in any essay
    data["sides"]["pro"]["name"] = ARABIC
    data["claims"]["story"]["quote"] = MEGABYTE_QUOTE
    data["claims"]["blowback"]["points"]["p1"]["text"] = EMOJI
    data["cards"]["smith"]["author"] = COMBINING
    path = tmp_path / "odd.toml"
    save(Workbook.model_validate(data), path)
    return path


def test_odd_text_round_trips_and_exports(odd: Path) -> None:
    workbook = load(odd)
    assert workbook.sides["pro"].name == ARABIC
    assert workbook.claims["story"].quote == MEGABYTE_QUOTE
    assert workbook.cards["smith"].cite == "Sulayma\u0304ni\u0301 21"
    brief = render(workbook)
    check_structure(workbook, brief, ["con", "pro"])
    assert f"| Blowback | {ARABIC} |" in brief and EMOJI in brief
    assert "Sulayma\u0304ni\u0301 21" in brief  # the short cite, combining marks and all


async def test_odd_text_displays_edits_and_saves_in_the_app(odd: Path) -> None:
    app = WorkbookApp(odd)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        assert screen.columns[1].border_title == ARABIC
        await pilot.press("tab", "e")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.values()["text"] == EMOJI
        form.query_one("#field-text").load_text(f"{EMOJI} {ARABIC} {COMBINING}")  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.press("down")  # the card, with its combining marks
        shown = str(screen.columns[0].highlighted_option.prompt)  # type: ignore[union-attr]
        assert "Sulayma\u0304ni\u0301 21" in shown
        screen.claim_list.select("story")  # the claim with the megabyte quote
        await pilot.pause()
        assert "1,000,000 characters in all" in str(screen.query_one("#claim").render())
        await pilot.press("ctrl+s", "ctrl+e")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
        await until(pilot, (odd.parent / "odd.brief.md").exists)
    workbook = load(odd)
    assert workbook.claims["blowback"].points["p1"].text == f"{EMOJI} {ARABIC} {COMBINING}"
    assert workbook.claims["story"].quote == MEGABYTE_QUOTE
    assert f"{EMOJI} {ARABIC} {COMBINING}" in (odd.parent / "odd.brief.md").read_text("utf-8")
