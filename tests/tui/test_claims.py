"""Claims can be corrected, moved and deleted from the list, each change undoable."""

from __future__ import annotations

from pathlib import Path

from workbook.storage.store import load
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import ConfirmScreen, FormScreen

from .conftest import SIZE, opened, until
from .test_app import fill

FIRST, SECOND = "reckless-decision", "deterrence-claim-weaker"


async def test_a_claims_quote_paragraph_and_section_can_be_corrected(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("t")
        form = app.screen
        assert isinstance(form, FormScreen)
        fill(form, quote="Pompeo then claimed", paragraph="2", section="Opening")
        await pilot.press("ctrl+s")
        assert app.screen is form  # paragraph 2 does not hold those words
        assert "not the words of paragraph 2" in str(form.query_one("#error-quote").render())
        fill(form, paragraph="3")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        claim = screen.workbook.claims[FIRST]
        assert (claim.quote, claim.paragraph, claim.section) == (
            "Pompeo then claimed",
            3,
            "Opening",
        )
        assert claim.points  # a correction keeps the claim's points
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    assert load(seed_copy).claims[FIRST].quote == "Pompeo then claimed"


async def test_a_claim_is_deleted_only_when_asked_and_undo_brings_it_back(
    seed_copy: Path,
) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        points = len(screen.workbook.claims[FIRST].points)
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        assert f"its {points} points" in app.screen.question
        await pilot.press("enter")  # the default keeps it
        assert FIRST in screen.workbook.claims
        await pilot.press("x", "d")
        await until(pilot, lambda: FIRST not in screen.workbook.claims)
        assert screen.claim_id == SECOND
        await pilot.press("ctrl+z")
        assert next(iter(screen.workbook.claims)) == FIRST
        assert len(screen.workbook.claims[FIRST].points) == points


async def test_a_claim_moves_down_and_up_the_list(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("right_square_bracket")
        assert list(screen.workbook.claims)[:2] == [SECOND, FIRST]
        assert screen.claim_list.shown[:2] == [SECOND, FIRST]  # the list shows the new order
        assert screen.claim_id == FIRST  # and follows the claim
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
        assert list(load(seed_copy).claims)[:2] == [SECOND, FIRST]
        await pilot.press("left_square_bracket")
        assert list(screen.workbook.claims)[:2] == [FIRST, SECOND]
        await pilot.press("ctrl+z")
        assert list(screen.workbook.claims)[:2] == [SECOND, FIRST]
        assert screen.claim_list.shown[:2] == [SECOND, FIRST]


async def test_a_typed_quote_is_forgiven_and_stored_as_the_essays_characters(
    seed_copy: Path,
) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, FormScreen)
        typed = "pompeo's contention is even  weaker"  # straight apostrophe, lower case, spaces
        fill(form, tag="Weaker", quote=typed, paragraph="2")
        await pilot.press("ctrl+s")
        assert app.screen is form
        error = str(form.query_one("#error-quote").render())
        assert "paragraph 2" in error and "nothing in it comes close" in error
        fill(form, quote="Pompeo's contentoin is even weaker", paragraph="3")  # a typo
        await pilot.press("ctrl+s")
        assert "the closest is “Pompeo’s contention is even weaker" in str(
            form.query_one("#error-quote").render()
        )
        fill(form, quote=typed)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        assert screen.claim is not None
        assert screen.claim.quote == "Pompeo’s contention is even weaker"


async def test_n_puts_the_new_claim_where_its_quote_stands_in_the_essay(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        last = screen.claim_list.shown[-1]
        screen.go_to(last)  # the claim in view is the essay's last
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, FormScreen)
        fill(form, tag="Still feeling it", quote="still feeling the far-reaching", paragraph="2")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        order = list(screen.workbook.claims)
        assert order.index("still-feeling-it") == order.index(FIRST) + 1  # not after the last
        assert screen.claim_id == "still-feeling-it"


async def test_notices_of_claim_edits_name_the_claim_by_its_tag(seed_copy: Path) -> None:
    from textual.message import Message
    from textual.notifications import Notify

    said: list[str] = []

    def posted(message: Message) -> None:
        if isinstance(message, Notify):
            said.append(message.notification.message)

    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE, message_hook=posted) as pilot:
        screen = await opened(pilot)
        tag = screen.workbook.claims[FIRST].tag
        await pilot.press("x", "d", "ctrl+z")
        await until(pilot, lambda: any(m.startswith("Undid") for m in said))
    start = tag[:20]  # the start of the tag, cut to fit a notice
    assert any(m.startswith(f"Deleted the claim “{start}") for m in said), said
    assert any(m.startswith(f"Undid: delete the claim “{start}") for m in said), said
    assert not any(FIRST in message for message in said)  # the file's id, which no one typed
