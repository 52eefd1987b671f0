"""One side's points on the selected claim, each followed by its cards.

The column holds the keys that act on a point or a card. It does not change the workbook
itself: each key posts a message of its own (`SideColumn.AddCard`, `SideColumn.Move`, ...)
naming the point (and card) it is on, and the screen that owns the workbook makes the change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workbook.tui.glance import PointLine
from workbook.tui.widgets.render import card_prompt, point_prompt

if TYPE_CHECKING:
    from workbook.tui.glance import Column

# Keys that do one thing in steps share one place in the key bar.
MOVE = Binding.Group("Move", compact=True)
STRENGTH = Binding.Group("Stars", compact=True)


class SideColumn(OptionList):
    """Options are points ("p3") and their cards ("p3/1"), so either can be picked and edited."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("a", "add_point", "Point", tooltip="Add a point for this side"),
        Binding("r", "answer", "Answer", tooltip="Answer the highlighted point (other side)"),
        Binding(
            "c",
            "add_card",
            "Card",
            tooltip="Add a card to the highlighted point: a new one, or one from the library",
        ),
        Binding("e", "edit", "Edit", show=False, tooltip="Edit the highlighted point or card"),
        Binding(
            "R",
            "read",
            "Read",
            show=False,
            tooltip="Read aloud: the highlighted card (or point and its cards) as it is read",
        ),
        Binding(
            "x,delete",
            "delete",
            "Delete",
            key_display="x",
            tooltip="Delete the highlighted point, or take the highlighted card from its point",
        ),
        Binding(
            "X",
            "delete_card",
            "Delete card",
            show=False,
            tooltip="Delete the highlighted card from the library and every point that reads it",
        ),
        Binding(
            "left_square_bracket",
            "move(-1)",
            "Move up",
            group=MOVE,
            tooltip="Move the highlighted point up its column",
        ),
        Binding(
            "right_square_bracket",
            "move(1)",
            "Move down",
            group=MOVE,
            tooltip="Move the highlighted point down its column",
        ),
        *(
            Binding(
                str(n),
                f"strength({n})",
                f"Strength {n}",
                group=STRENGTH,
                tooltip=f"Give the highlighted point {n} stars" if n else "Clear its stars",
            )
            for n in (1, 2, 3, 4, 5, 0)
        ),
    ]

    class Request(Message):
        """A key asked for a change on this side of the claim in view, at the highlighted
        point (and card): None where the column has none."""

        def __init__(self, column: SideColumn, point_id: str | None, card_id: str | None) -> None:
            super().__init__()
            self.column = column
            self.point_id = point_id
            self.card_id = card_id

    class AddPoint(Request):
        """A new point for this side."""

    class Answer(Request):
        """A point of the other side that answers the highlighted one."""

    class AddCard(Request):
        """A card for the highlighted point: a new one, or one from the library."""

    class Edit(Request):
        """Edit the highlighted card, or else the highlighted point."""

    class Read(Request):
        """Show the highlighted card, or else the point and its cards, as it is read aloud."""

    class Delete(Request):
        """Take the highlighted card from its point, or else delete the point."""

    class DeleteCard(Request):
        """Delete the highlighted card from the library, and every point that reads it."""

    class Move(Request):
        """Move the highlighted point up (negative) or down its side."""

        def __init__(
            self, column: SideColumn, point_id: str | None, card_id: str | None, offset: int
        ) -> None:
            super().__init__(column, point_id, card_id)
            self.offset = offset

    class Strength(Request):
        """Give the highlighted point this many stars (0 clears them)."""

        def __init__(
            self, column: SideColumn, point_id: str | None, card_id: str | None, stars: int
        ) -> None:
            super().__init__(column, point_id, card_id)
            self.stars = stars

    def __init__(self, side: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.side = side

    def action_add_point(self) -> None:
        self.post_message(self.AddPoint(self, *self.current))

    def action_answer(self) -> None:
        self.post_message(self.Answer(self, *self.current))

    def action_add_card(self) -> None:
        self.post_message(self.AddCard(self, *self.current))

    def action_edit(self) -> None:
        self.post_message(self.Edit(self, *self.current))

    def action_read(self) -> None:
        self.post_message(self.Read(self, *self.current))

    def action_delete(self) -> None:
        self.post_message(self.Delete(self, *self.current))

    def action_delete_card(self) -> None:
        self.post_message(self.DeleteCard(self, *self.current))

    def action_move(self, offset: int) -> None:
        self.post_message(self.Move(self, *self.current, offset))

    def action_strength(self, stars: int) -> None:
        self.post_message(self.Strength(self, *self.current, stars))

    def show(self, column: Column, keep: str | None = None) -> None:
        """Show this side's points; keep the highlight on `keep` (or the current one)."""
        keep = keep or self.current_id
        self.border_title = Content(column.name)  # the user's words, never markup
        options: list[Option | None] = []
        for line in column.lines:
            if isinstance(line, PointLine):
                if options:
                    options.append(None)
                options.append(Option(point_prompt(line), id=line.point_id))
            else:
                options.append(Option(card_prompt(line), id=f"{line.point_id}/{line.card_id}"))
        self.set_options(options)
        ids = [o.id for o in self.options if o.id]
        if keep in ids:
            self.highlighted = self.get_option_index(keep)
        elif keep and keep.split("/")[0] in ids:
            self.highlighted = self.get_option_index(keep.split("/")[0])
        elif ids:
            self.highlighted = 0

    @property
    def current_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    @property
    def current(self) -> tuple[str | None, str | None]:
        """The highlighted point's id and, when a card is highlighted, the card's id."""
        if self.current_id is None:
            return None, None
        point_id, _, card_id = self.current_id.partition("/")
        return point_id, card_id or None
