"""A card library in the app: it opens on its own screen, its cards listed with where each
was filed, narrowed by a few words, read as read aloud, edited, typed, deleted and undone, and
saved; the palette offers only the exports a library can be."""

from __future__ import annotations

import tomllib
from functools import partial
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from workbook.session.journal import all_journals
from workbook.storage.parallel import Parse
from workbook.storage.store import load, save
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.card_picker import CardPicker
from workbook.tui.dialogs.form import ConfirmScreen, FormScreen
from workbook.tui.dialogs.read_aloud import ReadAloudScreen
from workbook.tui.glance import first_look
from workbook.tui.screens.library import LibraryScreen

from ..test_library_model import library
from .conftest import SIZE, opened, told, until
from .test_app import fill
from .test_cutting_app import cut, open_source
from .with_sources import PARAGRAPHS, SOURCE, add_source


@pytest.fixture
def tub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # A relative path keeps the temporary folder's name out of the title.
    monkeypatch.chdir(tmp_path)
    save(library(), tmp_path / "tub.toml")
    return Path("tub.toml")


async def shown(pilot: Pilot[None]) -> LibraryScreen:
    """Wait for the worker that loads the file, and return the library's screen."""
    app = pilot.app
    await until(pilot, lambda: any(isinstance(s, LibraryScreen) for s in app.screen_stack))
    screen = next(s for s in pilot.app.screen_stack if isinstance(s, LibraryScreen))
    await pilot.pause()
    return screen


async def test_a_card_library_opens_on_its_cards(tub: Path) -> None:
    app = WorkbookApp(tub)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot)
        assert screen.shown == ["smith", "lee"]
        assert screen.card_id == "smith"
        assert screen.focused is screen.cards
        head = str(screen.query_one("#library-head").render())
        assert "Tub · a card library: 2 cards" in head
        prompt = str(screen.cards.get_option_at_index(0).prompt)
        assert "filed under Aff Answers › Strikes › AT: Backfire" in prompt
        assert "read by" not in prompt  # no point reads a library's card


async def test_a_few_words_narrow_the_cards_and_enter_reads_one(tub: Path) -> None:
    app = WorkbookApp(tub)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot)
        await pilot.press("slash", *"stall")
        assert screen.focused is screen.query_one("#library-search", Input)
        await until(pilot, lambda: screen.shown == ["lee"])
        assert "1 of 2 cards fit" in str(screen.query_one("#library-head").render())
        await pilot.press("enter")  # from the search to the cards
        assert screen.focused is screen.cards
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReadAloudScreen))
        reading = app.screen
        assert isinstance(reading, ReadAloudScreen)
        assert reading.read_title == "Read aloud: card lee, 4 words"
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)


async def test_the_down_arrow_goes_from_the_search_to_the_cards(tub: Path) -> None:
    app = WorkbookApp(tub)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot)
        await pilot.press("slash", "down")
        assert screen.focused is screen.cards
        await pilot.press("down")  # the list's own arrow: the next card
        assert screen.card_id == "lee"


async def test_a_card_is_edited_in_the_card_form_and_saved(tub: Path) -> None:
    app = WorkbookApp(tub)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        assert isinstance(form, FormScreen)
        assert "Filed under Aff Answers › Strikes › AT: Backfire" in form.note
        assert "Cited in its Word file as: Smith 21 [Jane Smith, 2021]" in form.note
        fill(form, tag="Strikes raise wages")
        await pilot.press("ctrl+s")  # applies the form
        await until(pilot, lambda: app.screen is screen)
        assert "unsaved" in app.sub_title
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    card = load(tub).cards["smith"]
    assert card.tag == "Strikes raise wages"
    assert card.filed_under == ["Aff Answers", "Strikes", "AT: Backfire"]  # kept as it was


async def test_a_card_is_typed_deleted_and_undone(tub: Path) -> None:
    app = WorkbookApp(tub)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        assert isinstance(form, FormScreen)
        fill(form, tag="Strikes spread", author="Ng", text="Strikes ==spread== fast.")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "strikes-spread" in screen.shown)
        assert screen.card_id == "strikes-spread"
        await pilot.press("x")
        await until(pilot, lambda: "strikes-spread" not in screen.workbook.cards)
        await pilot.press("ctrl+z")
        await until(pilot, lambda: "strikes-spread" in screen.shown)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    assert list(load(tub).cards) == ["smith", "lee", "strikes-spread"]


async def test_the_palette_offers_only_the_exports_a_library_can_be(tub: Path) -> None:
    app = WorkbookApp(tub)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot)
        titles = [command.title for command in app.get_system_commands(screen)]
        assert "Export the brief as a web page" in titles
        assert not [title for title in titles if "Argdown" in title or "AIF" in title]


def test_library_screen(snap_compare, tub: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await shown(pilot)

    assert snap_compare(WorkbookApp(tub), terminal_size=SIZE, run_before=run_before)


async def test_a_card_library_opens_as_the_command_line_opens_it(tub: Path) -> None:
    """Parsed on another core with its first look, as `workbook PATH` does: a library has no
    first look of the main screen, and opens on its cards."""
    text = tub.read_text(encoding="utf-8")
    assert first_look(tomllib.loads(text), tub, None) is None
    parsing = Parse(text, partial(first_look, path=tub, ours=None))
    app = WorkbookApp(tub, text.encode(), text, parsing=parsing)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot)
        assert screen.shown == ["smith", "lee"]


async def test_the_picker_copies_a_card_from_a_card_library_beside(seed_copy: Path) -> None:
    """`c` on a point offers the cards of the card libraries beside the workbook too, after
    its own; one picked is copied into the workbook's library, its cite with it, and read by
    the point; picked again, for another point, it is the same card, not a second copy."""
    cut = library()
    cut.cards["smith"].source = ""  # as the library's own cards stand: typed, or read from Word
    save(cut, seed_copy.parent / "tub.toml")
    (seed_copy.parent / "other.toml").write_text("not = [toml", encoding="utf-8")  # passed over
    before = load(seed_copy)
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("tab", "c")
        picker = app.screen
        assert isinstance(picker, CardPicker)
        assert "a card “from” a library beside is copied into this one" in str(
            picker.query_one("#picker-hint").render()
        )
        await pilot.press(*"strikes win wages")
        await until(pilot, lambda: bool(picker.shown) and picker.shown[0].startswith("@"))
        assert "from tub.toml" in str(picker.cards.get_option(picker.shown[0]).prompt)
        await pilot.press("enter")
        await until(pilot, lambda: "smith" in screen.workbook.cards)
        point = screen.columns[0].current
        assert point is not None and point[1] == "smith"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    after = load(seed_copy)
    copied = after.cards["smith"]
    assert copied == library().cards["smith"]  # cite, tag, text, marks and filing, all of it
    assert len(after.cards) == len(before.cards) + 1


async def test_a_card_copied_in_twice_is_one_card(seed_copy: Path) -> None:
    save(library(), seed_copy.parent / "tub.toml")
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        count = len(screen.workbook.cards)
        for column in range(2):  # a point of each side
            await pilot.press("tab", "c")
            await until(pilot, lambda: isinstance(app.screen, CardPicker))
            picker = app.screen
            assert isinstance(picker, CardPicker)
            await pilot.press(*"wages stall")
            # The second time, the card is this workbook's own, and offered once, as its own.
            first = "@1" if column == 0 else "lee"  # lee is the second card of tub.toml
            await until(pilot, lambda p=picker, f=first: p.shown[:1] == [f])
            assert column == 0 or not [key for key in picker.shown if key.startswith("@")]
            await pilot.press("enter")
            await until(pilot, lambda: not isinstance(app.screen, CardPicker))
            await until(pilot, lambda c=column: screen.columns[c].current is not None)
        assert len(screen.workbook.cards) == count + 1
        readers = [
            (claim_id, point_id)
            for claim_id, claim in screen.workbook.claims.items()
            for point_id, point in claim.points.items()
            if "lee" in point.cards
        ]
        assert len(readers) == 2


async def test_a_card_librarys_unsaved_edits_are_journalled_and_offered_back(tub: Path) -> None:
    before = tub.read_bytes()
    first = WorkbookApp(tub)
    async with first.run_test(size=SIZE) as pilot:
        await shown(pilot)
        await pilot.press("x")  # delete smith
        await until(pilot, lambda: bool(all_journals(tub)), seconds=3)
    assert first.session is not None
    first.session.journal.abandon()  # the app went away as after a crash: its journal stays
    assert tub.read_bytes() == before
    second = WorkbookApp(tub)
    async with second.run_test(size=SIZE) as pilot:
        screen = await shown(pilot)
        await until(pilot, lambda: isinstance(second.screen, ConfirmScreen))
        await pilot.press("r")
        await until(pilot, lambda: screen.shown == ["lee"])
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not all_journals(tub))
    assert list(load(tub).cards) == ["lee"]


async def test_s_cuts_a_card_from_a_source_into_the_library(tub: Path) -> None:
    add_source(tub)  # the source `lopez`, its text beside the library
    app = WorkbookApp(tub)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot)
        source = await open_source(pilot)
        assert source.source_id == SOURCE
        await cut(pilot, "down", "down", tag="Attacks rose")  # paragraph 3
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        assert screen.card_id == "attacks-rose"
        card = screen.workbook.cards["attacks-rose"]
        assert card.source == SOURCE and card.text == PARAGRAPHS[2]
        assert "✓" in str(screen.cards.get_option("attacks-rose").prompt)  # proven
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    assert load(tub).cards["attacks-rose"].source == SOURCE


async def test_s_with_no_source_says_how_to_add_one(tub: Path) -> None:
    app = WorkbookApp(tub)
    async with app.run_test(size=SIZE) as pilot:
        screen = await shown(pilot)
        await pilot.press("s")
        await until(pilot, lambda: bool(told(app)))
        assert app.screen is screen
        assert "No sources yet: workbook source add tub.toml FILE adds one." in told(app)
