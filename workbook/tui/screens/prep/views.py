"""The essay view and the source view, opened from the main screen on its draft: what each
changed is shown on return, and a card cut there for the point in focus is highlighted under
it."""

from __future__ import annotations

from collections.abc import Callable

from workbook.core.model import ESSAY, is_motion_only
from workbook.tui.screens.cutting import Target
from workbook.tui.screens.prep.editing import Prep

ADD_ONE = "workbook source add {name} FILE adds a saved page, a PDF or a text"


class TextViews:
    def __init__(self, prep: Prep) -> None:
        self.prep = prep

    def target(self) -> Target | None:
        """The point in focus: the one a card cut now is read by."""
        at = self.prep.point_in_focus()
        return Target(*at) if at is not None else None

    def essay(self) -> None:
        """The whole essay, to make claims from its sentences; back here on the last one."""
        from workbook.tui.screens.essay import EssayScreen

        prep = self.prep
        if is_motion_only(prep.workbook):
            prep.notify("A workbook of a motion alone has no essay: n adds a claim in our words")
            return
        if prep.paragraphs is None:
            named = prep.workbook.essay.file if prep.workbook.essay is not None else ""
            file = named or "(none named)"
            prep.notify(f"The essay's text is not beside the workbook: essay.file {file}")
            return
        changed = self.changed()

        def back(claim_id: str | None) -> None:
            # The essay view edits the same draft: what it changed is shown now.
            changed()
            if claim_id is not None and claim_id in prep.workbook.claims:
                prep.go_to(claim_id)

        # A new workbook opens on its essay before this screen is mounted: it has no claims.
        at = prep.claim_id if prep.workbook.claims else None
        essay = EssayScreen(prep.draft, prep.paragraphs, at=at, target=self.target())
        prep.app.push_screen(essay, back)

    def sources(self) -> None:
        """The sources to cut from, and the essay; with none, how to add one, and the essay's
        paragraphs to cut from meanwhile."""
        from workbook.tui.dialogs.sources import SourcePicker

        prep = self.prep
        if not prep.workbook.sources:
            add = ADD_ONE.format(name=prep.path.name)
            if prep.paragraphs is None:
                prep.notify(f"No sources yet: {add}.", severity="warning")
                return
            prep.notify(
                f"No sources yet: {add}. Meanwhile, the essay's paragraphs.",
                severity="warning",
                markup=False,
            )
            self.source(ESSAY)
            return

        def chosen(source_id: str | None) -> None:
            if source_id is not None:
                self.source(source_id)

        title = "Cut from a source: which one?"
        prep.app.push_screen(SourcePicker(prep.workbook, title), chosen)

    def source(self, source_id: str) -> None:
        """The source view on `source_id`; back here on the card cut last."""
        from workbook.tui.screens.source import SourceScreen

        prep = self.prep
        target = self.target()
        changed = self.changed()

        def back(card_id: str | None) -> None:
            changed()
            if card_id is None or target is None:
                return
            claim = prep.workbook.claims.get(target.claim_id)
            point = claim.points.get(target.point_id) if claim is not None else None
            if point is not None and card_id in point.cards:
                prep.go_to(target.claim_id)
                prep.show_claim({point.side: f"{target.point_id}/{card_id}"})
                prep.focus_side(point.side)

        screen = SourceScreen(prep.draft, source_id, prep.texts, prep.read_sources, target)
        prep.app.push_screen(screen, back)

    def changed(self) -> Callable[[], None]:
        """What to call on return from a view that edits the draft: it shows what changed."""
        prep = self.prep
        before = prep.draft.checkpoint

        def show() -> None:
            if prep.draft.checkpoint is not before:
                prep.refresh_all()

        return show
