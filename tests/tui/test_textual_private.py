"""Textual's private names that the app relies on still exist in the installed Textual.

If this fails after a Textual upgrade, `workbook/tui/widgets/textual_private.py` needs a look before
the pin in pyproject.toml moves.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workbook.tui.widgets import textual_private
from workbook.tui.widgets.claim_list import ClaimList

TEXTUAL = version("textual")


def test_the_option_list_methods_it_overrides_exist() -> None:
    for name in textual_private.OPTION_LIST_METHODS:
        method = getattr(OptionList, name, None)
        assert callable(method), f"Textual {TEXTUAL}: OptionList.{name} is gone"
    parameters = list(inspect.signature(OptionList._on_resize).parameters)
    assert parameters[:1] == ["self"] and len(parameters) <= 2, parameters


def test_the_private_attributes_it_reads_exist() -> None:
    option_list = OptionList(Option("one", id="one"))
    for name in textual_private.OPTION_LIST_ATTRIBUTES:
        assert hasattr(option_list, name), f"Textual {TEXTUAL}: OptionList.{name} is gone"
    assert hasattr(option_list._line_cache, "lines")
    assert callable(option_list._option_render_cache.clear)
    for name in textual_private.OPTION_METHODS:
        assert callable(getattr(Option, name, None)), f"Textual {TEXTUAL}: Option.{name} is gone"


def test_the_app_methods_it_overrides_exist() -> None:
    from textual.app import App

    for name in textual_private.APP_METHODS:
        assert callable(getattr(App, name, None)), f"Textual {TEXTUAL}: App.{name} is gone"
    parameters = list(inspect.signature(App._handle_exception).parameters)
    assert parameters == ["self", "error"], parameters


def test_the_apps_notices_it_takes_back_exist() -> None:
    from textual.app import App
    from textual.notifications import Notifications

    app = App[None]()
    for name in textual_private.APP_ATTRIBUTES:
        assert hasattr(app, name), f"Textual {TEXTUAL}: App.{name} is gone"
    assert list(inspect.signature(App._on_notify).parameters) == ["self", "event"]
    assert isinstance(app._notifications, Notifications)
    assert callable(Notifications.__delitem__) and callable(Notifications.__iter__)


def test_no_other_module_uses_textual_private_names() -> None:
    import re
    from pathlib import Path

    names = (
        *textual_private.OPTION_LIST_METHODS,
        *textual_private.OPTION_LIST_ATTRIBUTES,
        *textual_private.OPTION_METHODS,
        *textual_private.APP_ATTRIBUTES,
        *textual_private.APP_METHODS,
        "_id_to_option",
        "_options",
    )
    folder = Path(textual_private.__file__).parent.parent  # the whole app
    for path in folder.rglob("*.py"):
        if path.name == "textual_private.py":
            continue
        text = path.read_text(encoding="utf-8")
        used = [n for n in names if re.search(rf"\.{n}\b|def {n}\b", text)]
        assert not used, f"{path.name} uses Textual's private {used}"


async def test_the_claim_list_restyles_an_option_in_place() -> None:
    from textual.app import App, ComposeResult

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield ClaimList()

    app = One()
    async with app.run_test() as pilot:
        claims = app.query_one(ClaimList)
        claims.add_options([Option("old", id="a")])
        await pilot.pause()
        from textual.content import Content

        claims.restyle_option("a", Content("new"))
        await pilot.pause()
        assert str(claims.get_option("a").prompt) == "new"


def test_a_lines_render_and_the_names_it_reads_exist() -> None:
    from rich.console import Console
    from rich.segment import Segment
    from textual.strip import Strip

    strip = Strip([Segment("a\x1b[2Jb\x9bc")])
    for name in textual_private.STRIP_ATTRIBUTES:
        assert hasattr(strip, name), f"Textual {TEXTUAL}: Strip.{name} is gone"
    textual_private.keep_controls_off_the_terminal()
    textual_private.keep_controls_off_the_terminal()  # a second call changes nothing
    written = strip.render(Console())
    assert written == "a[2Jbc", repr(written)
    assert strip._render_cache == written  # sought and written once, as Textual's lines are
    plain = Strip([Segment("plain words")])
    assert plain.render(Console()) == "plain words"
