"""The essay view leads: each suggestion marked with its rank, the same list `workbook suggest`
prints; `s` in rank order; a suggestion dismissed, and a paragraph dropped from the essay, each
one step undo takes back, saved so that `workbook check` passes."""

from __future__ import annotations

import json
import re
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path

from textual.pilot import Pilot

from workbook.commands import main
from workbook.storage.store import load, load_with_essay, save
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import ConfirmScreen
from workbook.tui.screens.essay import EssayScreen

from .conftest import SIZE, opened, told, until
from .test_essay_view import empty_workbook

# A page as a reader saves it: an opinion piece, and the publisher's line about following it.
ESSAY = """\
Cities should stop building new parking garages.
Follow the Opinion section on Facebook and sign up for the newsletter.
Every garage a city builds invites more cars into streets that cannot hold them. The money would \
do more for commuters if it went to buses. Parking is a subsidy that drivers never see.
Some say shops need parking to survive. But studies of downtown shops show that most customers \
arrive on foot or by transit, and they spend more over a month than drivers do.
Therefore the council must put the garage budget into transit this year. A city that builds \
garages today will pay for its traffic for decades.
"""


def run(*args: object) -> tuple[int, str]:
    out, err = StringIO(), StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main([str(a) for a in args])
    return status, out.getvalue()


def cli_list(path: Path) -> list[tuple[int, int, str]]:
    """`workbook suggest --all --json`'s open suggestions: (rank, paragraph, quote)."""
    status, out = run("suggest", path, "--all", "--json")
    assert status == 0
    return [
        (item["rank"], item["paragraph"], item["quote"])
        for item in json.loads(out)
        if not item["claim"] and not item["dismissed"]
    ]


def marks(essay: EssayScreen) -> list[tuple[int, int, str]]:
    """The ○ marks the essay view draws: (rank, paragraph, sentence), best first."""
    found = []
    for option in essay.text.options:
        match = re.match(r"(?:¶\d+ *| *)○(\d+) +(.*)", str(option.prompt), re.S)
        if match and option.id is not None:
            found.append((int(match[1]), int(option.id.split(":")[0]), match[2]))
    return sorted(found)


async def essay_view(pilot: Pilot[None]) -> EssayScreen:
    """The essay view, once its suggestions are ranked."""
    app = pilot.app
    await opened(pilot)
    await until(pilot, lambda: isinstance(app.screen, EssayScreen))
    essay = app.screen
    assert isinstance(essay, EssayScreen)
    await until(pilot, lambda: essay.ranked is not None)
    return essay


def rank_here(essay: EssayScreen) -> int:
    option = essay.text.highlighted_option
    assert option is not None
    match = re.match(r"(?:¶\d+ *| *)○(\d+)", str(option.prompt))
    assert match, str(option.prompt)
    return int(match[1])


def new_workbook(folder: Path) -> Path:
    essay = folder / "page.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    path = folder / "garages.toml"
    assert main(["new", str(essay), "-o", str(path), "--force"]) == 0
    workbook = load(path)  # who argues what, said: the app opens on the essay
    for side in workbook.sides.values():
        side.thesis = f"{side.name} is right."
    save(workbook, path)
    return path


async def test_the_marks_are_the_commands_list_with_its_ranks(tmp_path: Path) -> None:
    for path in (empty_workbook(tmp_path / "seed"), new_workbook(tmp_path)):
        app = WorkbookApp(path)
        async with app.run_test(size=SIZE) as pilot:
            essay = await essay_view(pilot)
            shown = marks(essay)
            assert [rank for rank, _, _ in shown] == list(range(1, len(shown) + 1))
            assert shown == cli_list(path), path.name


async def test_s_goes_to_the_best_suggestions_in_rank_order_and_wraps(tmp_path: Path) -> None:
    path = empty_workbook(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        essay = await essay_view(pilot)
        count = len(essay.listing)
        visited = []
        for _ in range(count):
            await pilot.press("s")
            visited.append(rank_here(essay))
        assert visited == list(range(1, count + 1))  # the ranks, not the essay's order
        await pilot.press("s")
        assert rank_here(essay) == 1 and "Back to the best suggestion left: ○1." in told(app)
        await pilot.press("c")  # the best made a claim: s passes it by from now on
        await pilot.press("s")
        assert rank_here(essay) == 2
        # The cursor put on a suggestion by hand: s goes on from there.
        fourth = essay.listing[3].suggestion
        essay.go_to_sentence(fourth.paragraph, fourth.start)
        await pilot.press("s")
        assert rank_here(essay) == 5


async def test_s_first_goes_to_the_best_though_the_view_opens_on_another(
    tmp_path: Path,
) -> None:
    """The view opens on the essay's first sentence, here ranked ○3: the cursor was put there,
    not taken there, so the first `s` goes to ○1, not on to ○4."""
    path = new_workbook(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        essay = await essay_view(pilot)
        assert rank_here(essay) > 1  # the essay's first sentence, not its best
        await pilot.press("s")
        assert rank_here(essay) == 1
        await pilot.press("s")
        assert rank_here(essay) == 2


async def test_a_suggestion_dismissed_leaves_both_lists_and_undo_brings_it_back(
    tmp_path: Path,
) -> None:
    path = empty_workbook(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        essay = await essay_view(pilot)
        best, second = essay.listing[0].suggestion, essay.listing[1].suggestion
        await pilot.press("s", "minus")
        assert essay.listing[0].suggestion == second and essay.listing[0].rank == 1
        assert all(i.suggestion != best for i in essay.listing)
        await pilot.press("s")  # to the one that took its rank
        assert rank_here(essay) == 1 and essay.text.highlighted_option is not None
        assert essay.text.highlighted_option.id == f"{second.paragraph}:{second.start}:{second.end}"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
        assert shown_quotes(marks(essay)) == shown_quotes(cli_list(path))
        assert best.quote not in shown_quotes(cli_list(path))
        status, out = run("suggest", path, "--all")
        assert status == 0 and re.search(r"×\s+" + re.escape(best.quote), out)
        await pilot.press("ctrl+z")
        assert essay.listing[0].suggestion == best
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    assert best.quote in shown_quotes(cli_list(path))


def shown_quotes(found: list[tuple[int, int, str]]) -> list[str]:
    return [quote for _, _, quote in found]


async def test_a_paragraph_dropped_is_undone_redone_and_saved_with_check_passing(
    seed_copy: Path,
) -> None:
    _, before = load_with_essay(seed_copy)
    assert before is not None
    app = WorkbookApp(seed_copy)
    async with app.run_test(size=SIZE) as pilot:
        prep = await opened(pilot)
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        essay = app.screen
        assert isinstance(essay, EssayScreen)
        essay.text.highlighted = 0  # the byline, ¶1
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "¶1 “by: will Smith" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("d")  # Drop it
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        assert essay.paragraphs == before[1:] and prep.paragraphs == before[1:]
        assert prep.workbook.claims["reckless-decision"].paragraph == 1
        await pilot.press("ctrl+z")
        assert essay.paragraphs == before
        assert prep.workbook.claims["reckless-decision"].paragraph == 2
        await pilot.press("ctrl+y")
        assert essay.paragraphs == before[1:]
        # A paragraph a claim quotes is refused, naming the claim; nothing asked.
        essay.text.highlighted = 0
        await pilot.press("d")
        assert any("claims.reckless-decision" in line for line in told(app))
        assert isinstance(app.screen, EssayScreen)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    workbook, paragraphs = load_with_essay(seed_copy)
    assert paragraphs == before[1:] and workbook.essay is not None
    assert workbook.essay.paragraphs == 14 and workbook.essay.headings == [3, 8]
    assert main(["check", str(seed_copy)]) == 0
    assert load(seed_copy).claims["reckless-decision"].paragraph == 1


async def test_the_cursor_stays_where_a_paragraph_was_dropped_and_brought_back(
    tmp_path: Path,
) -> None:
    """Dropping the publisher's lines one after another: after a drop the cursor stands on the
    paragraph that took the dropped one's place, not at the top of the essay, where a second
    `d` would offer the author's own first paragraph; undone, on the paragraph brought back."""
    path = new_workbook(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        essay = await essay_view(pilot)
        follow = essay.paragraphs[1]
        assert essay.text.go_to(2, 0)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("d")  # Drop it
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        assert follow not in essay.paragraphs
        here = essay.sentence()
        assert here is not None and here[:2] == (2, 0)  # the paragraph that moved up
        await pilot.press("ctrl+z")
        assert essay.paragraphs[1] == follow
        here = essay.sentence()
        assert here is not None and here[:2] == (2, 0)  # the paragraph brought back
        await pilot.press("ctrl+y")
        here = essay.sentence()
        assert here is not None and here[:2] == (2, 0)


def test_a_card_cut_from_the_essay_is_placed_anew_once_a_paragraph_is_dropped(
    seed_copy: Path,
) -> None:
    """The app's proofs of cards cut from the essay count its paragraphs: worked out again
    when a paragraph is dropped, or brought back."""
    from workbook.core.edits import Draft
    from workbook.core.model import Card
    from workbook.tui.source_texts import SourceTexts

    workbook, text = load_with_essay(seed_copy)
    assert text is not None
    workbook.cards["pmf"] = Card(tag="Upheaval", text=text[4], source="essay")
    texts, draft = SourceTexts(text), Draft(workbook, text)
    card = workbook.cards["pmf"]
    assert "¶5" in texts.described(workbook, card)
    draft.drop_paragraph("drop the byline", 1)
    assert "¶4" in texts.described(workbook, card)
    draft.undo()
    assert "¶5" in texts.described(workbook, card)


def test_a_restored_essay_is_said() -> None:
    from workbook.session.session import Restored
    from workbook.tui.dialogs.questions import restored

    assert "dropped paragraphs" in restored(Restored(essay=True))
    assert "essay" not in restored(Restored(claims=2))


def test_the_restore_offer_names_a_dropped_paragraph_not_0_claims() -> None:
    """A journal of nothing but a drop and a dismissal was offered as "Edits to 0 claims":
    the offer says what it would bring back."""
    import datetime as dt

    from workbook.core.essay_edits import EssayState
    from workbook.session.journal import Journal
    from workbook.tui.dialogs.questions import restore_question

    before = EssayState(13, (), ())
    after = EssayState(12, (), ("Fare-free buses also move faster.",), ("…",) * 12)
    journal = Journal(
        base="",
        written=dt.datetime(2026, 3, 2, 10, 4, tzinfo=dt.UTC),
        order=[],
        changed=[],
        claims={},
        before={},
        where=Path("w.toml.journal"),
        essay=after,
        essay_before=before,
    )
    question, _ = restore_question(Path("w.toml"), journal, 0)
    assert "0 claims" not in question
    assert "the essay (1 paragraph dropped, 1 suggestion dismissed) of w.toml" in question


async def test_a_restored_drop_shows_in_the_essay_view_the_app_opened_on(
    tmp_path: Path,
) -> None:
    """A workbook with no claims opens on its essay; restoring a journal that dropped a
    paragraph there showed the paragraph still, and the next `d` would count paragraphs the
    draft no longer had. The view shows the draft's text once restored."""
    from workbook.session.session import Session

    path = new_workbook(tmp_path)
    session = Session.open(path)
    assert session.paragraphs is not None
    follow = session.paragraphs[1]
    session.draft.drop_paragraph("drop the publisher's line", 2)
    assert session.run_journal(session.journal_job()) is not None
    session.journal.abandon()  # as after a crash
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("r")  # Restore
        await until(pilot, lambda: isinstance(app.screen, EssayScreen))
        essay = app.screen
        assert isinstance(essay, EssayScreen)
        assert follow not in essay.paragraphs
        shown = " ".join(str(option.prompt) for option in essay.text.options)
        assert "Follow the Opinion section" not in shown


def test_a_restore_of_the_essay_alone_is_not_said_as_0_claims() -> None:
    """Restoring a journal of a dropped paragraph said "Restored 0 claims; and the essay's …":
    what was restored is named first, and restored cards are counted too."""
    from workbook.session.session import Restored
    from workbook.tui.dialogs.questions import restored

    said = restored(Restored(essay=True))
    assert "0 claims" not in said
    assert said.startswith("Restored the essay's dismissed suggestions and dropped paragraphs")
    assert "0 claims" not in restored(Restored(framing=True))
    assert "2 cards" in restored(Restored(cards=2))
    assert restored(Restored(claims=1)) == "Restored 1 claim. Save to keep them."


async def test_s_while_the_suggestions_are_ranked_says_so(tmp_path: Path) -> None:
    """Right after a drop (or as the view opens) the essay is ranked again off the screen's
    thread; `s` then said "No suggestion left", as if every one were a claim. It says the
    suggestions are still being ranked."""
    path = new_workbook(tmp_path)
    app = WorkbookApp(path)
    async with app.run_test(size=SIZE) as pilot:
        essay = await essay_view(pilot)
        essay.ranked, essay.listing = None, []  # as while a ranking is under way
        await pilot.press("s")
        assert not any("No suggestion left" in line for line in told(app))
        assert any("still being ranked" in line for line in told(app))
