"""What a screen tells the app, which owns the file: the app handles these with `@on`.

Screens never call the app's own methods; the app may call down into its screens. The
messages are plain classes, as Textual's own are: a dataclass costs a third of a millisecond
to make, and this module loads before the app's first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from workbook.core.edits import Change


class Edited(Message):
    """The workbook changed (an edit, an undo or a redo): the file is now unsaved."""

    def __init__(self, change: Change) -> None:
        super().__init__()
        self.change = change


class OursChanged(Message):
    """The user now prepares this side: exports put its column first."""

    def __init__(self, side: str) -> None:
        super().__init__()
        self.side = side
