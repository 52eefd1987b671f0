"""The main screen's keys: what each does to the claim in view, as the key bar, the palette
and the help show it. A side's column has its own keys (`SideColumn.BINDINGS`), which Textual
tries first while the column has the focus."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from workbook.tui.widgets.side_column import MOVE

KEYS: list[BindingType] = [
    Binding("a", "add_point", "Point", tooltip="Add a point for the side we prepare"),
    Binding("r", "answer", "Answer", tooltip="Answer the first point ours has left unanswered"),
    Binding("c", "point_first", "Card", show=False),
    Binding("e", "edit_claim", "Edit", show=False, tooltip="Edit the claim"),
    Binding(
        "x,delete",
        "delete_claim",
        "Delete",
        key_display="x",
        tooltip="Delete the claim in view",
    ),
    Binding("t", "edit_claim", "Claim", tooltip="Edit the claim's tag, tags and notes"),
    Binding("n", "new_claim", "New", tooltip="Add a claim from the essay"),
    Binding(
        "left_square_bracket",
        "move_claim(-1)",
        "Move up",
        group=MOVE,
        tooltip="Move the claim up the list",
    ),
    Binding(
        "right_square_bracket",
        "move_claim(1)",
        "Move down",
        group=MOVE,
        tooltip="Move the claim down the list",
    ),
    Binding(
        "p",
        "toggle_paragraph",
        "Paragraph",
        show=False,
        tooltip="Show or hide the claim's whole paragraph",
    ),
    Binding("v", "essay", "Essay", tooltip="Read the essay and make claims from it"),
    Binding("s", "cut_from_source", "Cut", tooltip="Cut from a source…"),
    Binding("slash", "filter", "Filter", tooltip="Narrow the list by words and #tags"),
    Binding("f", "find_card", "Find", tooltip="Find a card by cite, tag or text, and go to it"),
    Binding("u", "cycle_unanswered", "Unanswered", tooltip="Cycle: claims a side has not answered"),
    Binding("o", "swap_ours", "Ours", tooltip="Prepare the other side: its column first"),
    Binding(
        "m",
        "motion",
        "Motion",
        show=False,
        tooltip="Change the motion, and each side's name and thesis",
    ),
    Binding(
        "g",
        "flow",
        "Flow",
        show=False,
        tooltip="Flow a round",
    ),
    # Back to the flow screen, when a round is open: what took the user here from it.
    Binding("escape", "flow(False)", "Flow", show=False),
    Binding("ctrl+z", "undo", "Undo", tooltip="Undo the last change"),
    # Redo is in the palette and the README: the key bar has room for undo only.
    Binding("ctrl+y", "redo", "Redo", show=False, tooltip="Redo what was undone"),
    Binding("ctrl+t", "timer", "Timer", show=False, tooltip="Time speeches and prep"),
    Binding("ctrl+b", "build_speech", "Speech", show=False, tooltip="Build a speech and time it"),
    Binding("ctrl+d", "drill", "Drill", show=False, tooltip="Drill answers to their points"),
]
