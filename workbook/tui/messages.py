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


class FlowEdited(Message):
    """The round's flow changed (an edit, an undo or a redo): it is now unsaved."""


class FlowSaveAsked(Message):
    """Save the round's flow (ctrl+s on the flow screen)."""


class PrepWanted(Message):
    """From a flow's cell to its prepared point on the main screen: the claim, and the point
    ("" for none). The flow screen stays open, to come back to."""

    def __init__(self, claim_id: str, point_id: str) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.point_id = point_id


class FlowWanted(Message):
    """From the main screen to the flow: the round open in the app, or, with `start`, the
    newest round of the workbook beside it, or a new one."""

    def __init__(self, start: bool = True) -> None:
        super().__init__()
        self.start = start
