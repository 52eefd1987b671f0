"""The main screen's edit of the motion and the sides: one form for the motion, each side's
name and thesis, and the debate format, and one step of the draft that undo takes back
(`Draft.frame`)."""

from __future__ import annotations

from collections.abc import Callable

from workbook.core.framing import framing_of
from workbook.practice.formats import DEFAULT_FORMAT
from workbook.tui.dialogs.edit_forms import FRAMING_TITLE, framing_form, framing_from
from workbook.tui.dialogs.form import Values
from workbook.tui.screens.prep.editing import Prep
from workbook.tui.screens.prep.practice import PracticeScreens


class MotionEdits:
    def __init__(self, prep: Prep) -> None:
        self.prep = prep

    def edit(self, title: str = "", then: Callable[[], None] | None = None) -> None:
        """`m`: the form; applied, the change is one step, and `then` runs after it."""
        prep = self.prep

        def done(values: Values | None) -> None:
            if values is None:
                return
            framing = framing_from(prep.workbook, values, DEFAULT_FORMAT)
            if framing == framing_of(prep.workbook):
                return  # nothing changed: no step to undo
            claim_id = prep.claim_id or ""
            label = "change the motion and sides"
            if prep.apply(lambda: prep.draft.frame(label, framing, claim_id)) and then:
                then()

        formats = [(fmt.name, key) for key, fmt in PracticeScreens(prep).formats().by_key.items()]
        form = framing_form(prep.workbook, title or FRAMING_TITLE, formats, DEFAULT_FORMAT)
        prep.app.push_screen(form, done)
