"""One side's points on the selected claim, each followed by its cards."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..library import point_cards
from ..model import Claim, Workbook
from .render import card_prompt, point_prompt


class SideColumn(OptionList):
    """Options are points ("p3") and their cards ("p3/1"), so either can be picked and edited."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, side: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.side = side

    def show(self, workbook: Workbook, claim: Claim | None, keep: str | None = None) -> None:
        """Show this side's points; keep the highlight on `keep` (or the current one)."""
        keep = keep or self.current_id
        self.border_title = workbook.sides[self.side].name
        options: list[Option | None] = []
        if claim is not None:
            for point_id, point in claim.points.items():
                if point.side != self.side:
                    continue
                if options:
                    options.append(None)
                options.append(Option(point_prompt(workbook, claim, point_id, point), id=point_id))
                for card_id, card in point_cards(workbook, point):
                    options.append(Option(card_prompt(card), id=f"{point_id}/{card_id}"))
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
