"""A workbook of a motion alone in the app: it opens on the claims (no essay to start from),
takes a claim typed in our words, and says in one line that it has no essay to view."""

from __future__ import annotations

from pathlib import Path

from workbook.commands import main
from workbook.storage.store import load
from workbook.tui import glance
from workbook.tui.app import WorkbookApp
from workbook.tui.dialogs.form import FormScreen
from workbook.tui.screens.prep.screen import PrepScreen

from .conftest import SIZE, until
from .test_app import fill


async def test_a_motion_alone_opens_takes_a_claim_in_our_words_and_saves(tmp_path: Path) -> None:
    path = tmp_path / "motion.toml"
    assert main(["new", "--motion", "This House would ban drone strikes.", "-o", str(path)]) == 0
    app = WorkbookApp(path)
    told: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        # Not the essay view, as a new workbook of an essay opens on: there is none.
        await until(pilot, lambda: isinstance(app.screen, PrepScreen))
        screen = app.screen
        assert isinstance(screen, PrepScreen)
        screen.notify = lambda message, **options: told.append(str(message))  # type: ignore[method-assign]
        # The claim in view says where this workbook's claims come from: not an essay.
        assert (
            glance.no_claims_yet(screen.workbook) == "No claims yet: n adds a claim in our words."
        )
        await pilot.press("v")
        assert told == ["A workbook of a motion alone has no essay: n adds a claim in our words"]
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        assert isinstance(form, FormScreen) and not form.query("#field-paragraph")
        fill(form, tag="Strikes invite retaliation", quote="Every strike invites a reply.")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        assert list(screen.workbook.claims) == ["strikes-invite-retaliation"]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "unsaved" not in app.sub_title)
    claim = load(path).claims["strikes-invite-retaliation"]
    assert claim.quote == "Every strike invites a reply." and claim.paragraph is None


def test_motion_only_main_screen(snap_compare, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A motion alone at 80x24: its claim in our words, with no paragraph to point to."""
    from textual.pilot import Pilot

    from tests.test_motion_only import with_claims

    monkeypatch.chdir(tmp_path)  # the title names the file as it was given
    app = WorkbookApp(Path(with_claims(tmp_path).name))

    async def run_before(pilot: Pilot[None]) -> None:
        await until(pilot, lambda: isinstance(pilot.app.screen, PrepScreen))

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
