"""What a screen tells the app, which owns the file: the app handles these with `@on`.

Screens never call the app's own methods; the app may call down into its screens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from workbook.core.edits import Change


@dataclass
class Edited(Message):
    """The workbook changed (an edit, an undo or a redo): the file is now unsaved."""

    change: Change


@dataclass
class OursChanged(Message):
    """The user now prepares this side: exports put its column first."""

    side: str
