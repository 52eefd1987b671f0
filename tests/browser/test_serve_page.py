"""`workbook serve` in Chromium: the page shows the app, takes keys, and the save reaches disk."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import pyte
from playwright.sync_api import Browser, Page, WebSocket

from workbook.storage.store import load

from ..serving import Served


class Screen:
    """The terminal as the page draws it: xterm paints on a canvas, so the screen is rebuilt
    from the very bytes the page's terminal is given, at the size the page asked for."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        page.on("websocket", self.connected)

    def connected(self, socket: WebSocket) -> None:
        size = re.search(r"width=(\d+)&height=(\d+)", socket.url)
        if size:
            self.screen.resize(int(size[2]), int(size[1]))
        socket.on("framereceived", self.received)
        socket.on("framesent", self.sent)

    def received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self.stream.feed(payload)

    def sent(self, payload: str | bytes) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size = json.loads(payload)[1]
            self.screen.resize(size["height"], size["width"])

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, predicate: Callable[[str], bool], seconds: float = 20) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if predicate(self.text()):
                return self.text()
            self.page.wait_for_timeout(30)  # lets the page's events through
        raise AssertionError(f"the page never showed what was expected:\n{self.text()}")


def test_the_served_app_takes_a_point_and_saves_it(browser: Browser, seed_copy: Path) -> None:
    served = Served([seed_copy.name], seed_copy.parent)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        screen = Screen(page)
        page.goto(served.url)
        screen.wait_for(lambda s: "Claims 28/28" in s and "The strike was reckless" in s)
        assert "workbook" in page.title() and page.is_visible(".xterm-screen")
        page.focus(".xterm-helper-textarea")  # the terminal takes the keys
        page.keyboard.press("a")  # a point for the side that is ours: Blowback
        screen.wait_for(lambda s: "New point for Blowback" in s)
        page.keyboard.type("Typed in a browser.")
        screen.wait_for(lambda s: "Typed in a browser." in s)  # as a person sees it typed
        page.keyboard.press("Control+s")  # applies the form
        screen.wait_for(lambda s: "unsaved changes" in s)
        page.keyboard.press("Control+s")  # saves the workbook
        screen.wait_for(lambda s: "Saved to soleimani-blowback.toml" in s)
    finally:
        page.close()
        assert served.stop() == 0
    points = load(seed_copy).claims["reckless-decision"].points.values()
    added = [(p.side, p.kind) for p in points if p.text == "Typed in a browser."]
    assert added == [("blowback", "supports")], [p.text for p in points]


def test_the_served_app_takes_keys_without_a_click(browser: Browser, seed_copy: Path) -> None:
    """The page gives its terminal the focus as it loads: the first key reaches the app."""
    served = Served([seed_copy.name], seed_copy.parent)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        screen = Screen(page)
        page.goto(served.url)
        screen.wait_for(lambda s: "Claims 28/28" in s)
        page.keyboard.press("a")  # no click, no focus asked for: the page gave it
        screen.wait_for(lambda s: "New point for Blowback" in s)
        page.keyboard.press("Escape")
        screen.wait_for(lambda s: "New point for Blowback" not in s)
    finally:
        page.close()
        assert served.stop() == 0
