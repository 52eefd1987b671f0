"""The app's parts depend one way: app → screens → widgets, with no import circle.

Upward news travels as messages (`workbook/tui/messages.py`, and each widget's own), so no
module imports one above it, not even for type checking or inside a function.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

TUI = Path(__file__).resolve().parents[2] / "workbook" / "tui"

LAYERS = {
    "app": 3,
    "file_app": 3,
    "commands": 3,
    "timer_app": 3,
    "timer_screen": 2,
    "speech_screen": 2,
    "drill_screen": 2,
    "prep_screen": 2,
    "prep_actions": 2,
    "card_actions": 2,
    "card_picker": 2,
    "essay_screen": 2,
    "loading": 2,
    "first_look": 2,
    "conflicts_screen": 2,
    "dialogs": 2,
    "edit_forms": 2,
    "questions": 2,
    "claim_list": 1,
    "claim_view": 1,
    "side_column": 1,
    "key_bar": 1,
    "filter_input": 1,
    "render": 1,
    "prep_layout": 1,
    "messages": 1,
    "textual_private": 1,
}


def imports_of(path: Path) -> set[str]:
    """The app's own modules that `path` imports, wherever the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("workbook.tui."):
            found.add((node.module or "").split(".")[2])
    return found - {"__init__"}


def graph() -> dict[str, set[str]]:
    return {p.stem: imports_of(p) for p in TUI.glob("*.py") if p.stem != "__init__"}


def test_every_module_has_a_layer() -> None:
    assert set(graph()) == set(LAYERS)


def test_no_module_imports_one_above_it() -> None:
    upward = [
        f"{module} imports {imported}"
        for module, imported_modules in graph().items()
        for imported in imported_modules
        if LAYERS[imported] > LAYERS[module]
    ]
    assert not upward


def test_there_is_no_import_circle() -> None:
    try:
        tuple(TopologicalSorter(graph()).static_order())
    except CycleError as error:
        raise AssertionError(f"an import circle: {error.args[1]}") from None


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "widget.py"
    module.write_text("if True:\n    from .app import WorkbookApp\n", encoding="utf-8")
    assert imports_of(module) == {"app"}
