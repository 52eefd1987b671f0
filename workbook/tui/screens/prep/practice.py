"""The practice screens, opened from the main screen on its workbook: the timer, the speech
builder and drills, in the user's formats."""

from __future__ import annotations

from workbook.practice.formats import DEFAULT_FORMAT, Format, Formats, format_of
from workbook.tui.screens.prep.editing import Prep


class PracticeScreens:
    def __init__(self, prep: Prep) -> None:
        self.prep = prep

    def formats(self) -> Formats:
        """The user's formats; a bad formats file is told, and leaves the built-in formats."""
        from workbook.practice.format_file import load_formats
        from workbook.storage.files import WorkbookError

        try:
            return load_formats()
        except WorkbookError as error:
            self.prep.notify(str(error), severity="error", timeout=10)
            return Formats()

    def format(self, formats: Formats) -> Format:
        """The workbook's format; one not among the formats is told, and the default is timed."""
        from workbook.storage.files import WorkbookError

        try:
            return format_of(formats, self.prep.workbook.debate_format)
        except WorkbookError as error:
            self.prep.notify(str(error), severity="error", timeout=10)
            return formats.by_key[DEFAULT_FORMAT]

    def timer(self) -> None:
        """The timer, its sides called by the workbook's names (the first side proposes)."""
        from workbook.tui.screens.timer import TimerScreen

        first, second = (side.name for side in self.prep.workbook.sides.values())
        formats = self.formats()
        timer = TimerScreen(formats, self.format(formats).key, names=(first, second))
        self.prep.app.push_screen(timer)

    def speech(self) -> None:
        from workbook.tui.screens.speech import SpeechScreen

        prep = self.prep
        fmt = self.format(self.formats())
        speech = SpeechScreen(prep.workbook, prep.sides, fmt, prep.claim_id, prep.path)
        prep.app.push_screen(speech)

    def drill(self) -> None:
        from workbook.tui.screens.drill import DrillScreen

        prep = self.prep
        prep.app.push_screen(DrillScreen(prep.workbook, prep.sides[0], prep.path))
