"""The essay view: claims made from the essay's sentences with keys, trimmed, and saved
verbatim."""

from __future__ import annotations

from pathlib import Path

from workbook.commands import main
from workbook.storage.store import load, save
from workbook.tui.app import WorkbookApp
from workbook.tui.screens.essay import EssayScreen
from workbook.tui.screens.prep.screen import PrepScreen

from ..conftest import copy_positions
from .conftest import SIZE, opened, until


def empty_workbook(folder: Path) -> Path:
    """The seed's essay with no claims yet, as a new workbook is."""
    path = copy_positions(folder)
    workbook = load(path)
    workbook.claims = {}
    save(workbook, path)
    return path


async def test_an_empty_workbook_opens_on_its_essay_and_claims_are_made_by_keys(
    tmp_path: Path,
) -> None:
    path = empty_workbook(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        essay = app.screen
        assert isinstance(essay, EssayScreen)
        await pilot.press("down", "c")  # the essay's first sentence after the byline
        claims = prep.workbook.claims
        assert len(claims) == 1
        (first_id,) = claims
        assert claims[first_id].quote.startswith("The United States and Iraq")
        await pilot.press("right_square_bracket", "right_square_bracket")  # trim two words
        assert claims[first_id].quote.endswith("decision to assassinate")
        await pilot.press("right_curly_bracket")  # and take one back
        assert claims[first_id].quote.endswith("to assassinate Qassem")
        await pilot.press("down", "down", "enter")  # enter makes a claim too
        assert len(prep.workbook.claims) == 2
        second = list(prep.workbook.claims)[1]
        assert prep.workbook.claims[second].paragraph == 3
        await pilot.press("left_square_bracket")  # trim a word at its start
        assert prep.workbook.claims[second].quote.startswith("then claimed")
        await pilot.press("ctrl+z")  # undo works here too
        assert prep.workbook.claims[second].quote.startswith("Pompeo then claimed")
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, PrepScreen))
        assert prep.claim_id == second  # the list is on the claim made last
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    assert main(["check", str(path)]) == 0  # every quote is verbatim
    saved = load(path)
    assert list(saved.claims) == [first_id, second]
    assert saved.claims[second].section == ""  # above the essay's first heading


async def test_the_essay_view_is_one_key_from_the_claims_and_back(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        screen = app.screen
        assert isinstance(screen, EssayScreen)
        # Claims already made are marked in their sentences.
        marked = [o for o in screen.text._options if "●" in str(o.prompt)]
        assert len(marked) >= 20
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is prep)


async def test_the_essay_view_opens_on_the_sentence_of_the_claim_in_view(seed_copy: Path) -> None:
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        middle = prep.claim_list.shown[len(prep.claim_list.shown) // 2]
        while prep.claim_id != middle:  # down the list to a claim far into the essay
            await pilot.press("down")
        claim = prep.workbook.claims[middle]
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        essay = app.screen
        assert isinstance(essay, EssayScreen)
        here = essay.sentence()
        assert here is not None
        number, start, end = here
        assert number == claim.paragraph > 5
        sentence = essay.paragraphs[number - 1][start:end]
        assert claim.quote[:20] in sentence
        # The sentence is at the top of the view, with what follows it below.
        await until(pilot, lambda: sentence[:25] in essay.text.render_line(0).text)
        await pilot.press("right_square_bracket")  # trims the claim in view at once
        assert prep.workbook.claims[middle].quote != claim.quote


async def test_a_new_workbook_asks_who_argues_what_and_saves_the_names(tmp_path: Path) -> None:
    from workbook.tui.dialogs.form import FormScreen

    from .test_app import fill

    path = empty_workbook(tmp_path)
    workbook = load(path)
    for side in workbook.sides.values():
        side.thesis = ""
    save(workbook, path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        assert "Who argues what?" in app.screen.form_title  # type: ignore[attr-defined]
        fill(app.screen, side1="Regret", side2="Regret")  # type: ignore[arg-type]
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FormScreen)  # two sides, two names
        fill(app.screen, side2="No regret", thesis2="It deterred.")  # type: ignore[arg-type]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        await until(pilot, lambda: load(path).sides["blowback"].name == "Regret")
        assert [c.border_title for c in prep.columns] == ["Regret", "No regret"]
    saved = load(path)
    assert saved.sides["deterrence"].thesis == "It deterred."


async def test_suggested_sentences_are_marked_and_one_key_away(tmp_path: Path) -> None:
    path = empty_workbook(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        essay = app.screen
        assert isinstance(essay, EssayScreen)
        await until(pilot, lambda: bool(essay.suggested))
        marked = [o for o in essay.text._options if "○" in str(o.prompt)]
        assert len(marked) == len(essay.suggested) >= 5
        await pilot.press("s")
        option = essay.text.highlighted_option
        assert option is not None and "○" in str(option.prompt)
        await pilot.press("c")  # accepted: the suggestion is now a claim
        (claim,) = prep.workbook.claims.values()
        assert str(option.prompt).endswith(claim.quote)
        await pilot.press("s")
        assert essay.text.highlighted_option is not option


async def test_a_claim_before_the_first_heading_is_listed_under_the_opening(
    tmp_path: Path,
) -> None:
    path = empty_workbook(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        await pilot.press("down", "c", "v")
        await until(pilot, lambda: app.screen is prep)
        headings = [str(o.prompt) for o in prep.claim_list.options if o.disabled]
        assert headings == ["Opening"]
        assert str(prep.query_one("#claim").render()).count("Opening · ¶2") == 1


async def test_the_palette_names_an_untagged_claim_by_its_quote(tmp_path: Path) -> None:
    from textual.command import CommandList

    path = empty_workbook(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        await pilot.press("down", "c", "v")
        await until(pilot, lambda: app.screen is prep)
        (claim_id,) = prep.workbook.claims
        await pilot.press("ctrl+p", *"Go to claim")
        commands = app.screen.query_one(CommandList)
        await until(
            pilot,
            lambda: (
                commands.highlighted_option is not None
                and "Go to claim" in str(commands.highlighted_option.prompt)
            ),
        )
        shown = str(commands.highlighted_option.prompt)  # type: ignore[union-attr]
        assert "Go to claim: “The United States and Iraq" in shown and claim_id not in shown


async def test_a_quote_is_trimmed_a_clause_at_a_time_and_the_claim_named_by_it(
    tmp_path: Path,
) -> None:
    path = empty_workbook(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        await pilot.press("down", "down", "down", "c")  # “Pompeo then claimed …”
        (made,) = prep.workbook.claims
        assert made.startswith("pompeo-then-claimed")
        await pilot.press("left_parenthesis")  # the start, past the first clause
        assert prep.workbook.claims[made].quote.startswith("but as the dramatic increase")
        await pilot.press("right_parenthesis")  # the end, back to the last clause
        assert prep.workbook.claims[made].quote.endswith("against U.S. interests has revealed")
        await pilot.press("v")  # four keys for a clause: leaving, the claim takes its name
        await until(pilot, lambda: app.screen is prep)
        (named,) = prep.workbook.claims
        assert named == "but-as-the-dramatic-increase" and prep.claim_id == named
        await pilot.press("ctrl+z")  # the naming is a step of its own
        assert list(prep.workbook.claims) == [made]


async def test_words_marked_in_a_sentence_make_the_claim_or_become_its_quote(
    tmp_path: Path,
) -> None:
    path = empty_workbook(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        essay = app.screen
        assert isinstance(essay, EssayScreen)
        # The sentence's last word, marked; the cursor back to the sixth word before it.
        await pilot.press("down", "left", "space", *["left"] * 6)
        assert essay.text.word == 12 and essay.text.mark == 18
        await pilot.press("c")
        (claim_id,) = prep.workbook.claims
        claim = prep.workbook.claims[claim_id]
        assert claim.quote == "the reckless decision to assassinate Qassem Soleimani."
        assert claim_id == "the-reckless-decision-to-assassinate"  # from the words marked
        await pilot.press("left", "space", *["left"] * 4, "c")  # words of that claim: its quote
        assert list(prep.workbook.claims) == [claim_id]
        assert prep.workbook.claims[claim_id].quote == "decision to assassinate Qassem Soleimani."
        await pilot.press("space")
        assert essay.text.mark is not None
        await pilot.press("escape")  # lets go of the marked words first
        assert essay.text.mark is None and app.screen is essay
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is prep)
        assert prep.claim_id == "decision-to-assassinate-qassem-soleimani"


async def test_a_tag_names_a_claim_that_has_no_points_yet(tmp_path: Path) -> None:
    from .test_app import fill

    path = empty_workbook(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        await pilot.press("down", "c", "v")
        await until(pilot, lambda: app.screen is prep)
        await pilot.press("t")
        fill(app.screen, tag="Reckless decision")  # type: ignore[arg-type]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is prep)
        assert list(prep.workbook.claims) == ["reckless-decision"]
        assert prep.claim_id == "reckless-decision"
        await pilot.press("a")  # a point: from now on the claim keeps its id
        fill(app.screen, text="It was.")  # type: ignore[arg-type]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is prep)
        await pilot.press("t")
        fill(app.screen, tag="Another tag")  # type: ignore[arg-type]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is prep)
        assert list(prep.workbook.claims) == ["reckless-decision"]
