"""How the app opens a file quickly, and loses no key on the way.

Three things happen while a workbook opens: the first look (every claim listed and the first
in view, worked out by the child that parses the file) stands in for the main screen; keys
typed meanwhile are kept, and given back once the main screen can take them; and garbage
collection, held off while the app started, is settled once the main screen is shown.
"""

from __future__ import annotations

import gc
from collections.abc import Awaitable
from typing import TYPE_CHECKING

from textual import events
from textual.app import App

if TYPE_CHECKING:
    from workbook.storage.parallel import Parse
    from workbook.tui.screens.prep.first_look import FirstLook

# How long the app waits for the first look before its first frame shows the loading line
# instead (a large file, still being parsed).
FIRST_LOOK_WAIT = 0.1
# A file of this many characters or more is not looked at within that wait (on two cores a
# 1 MB file is, a 1.4 MB one is not): its loading line shows at once, not after the wait.
LARGE_FILE = 1_000_000
# How many refreshes a key pressed while the file opened waits for the app to handle the key
# before it, and for a screen that key opened (a form, say) to take the focus; a screen with
# nothing to focus gets the key then.
KEY_WAIT = 30


def ready_first_look(parsing: Parse | None) -> FirstLook | None:
    """The first look at the file, when the child that parses it has it ready by now."""
    if parsing is None or not parsing.looking:
        return None
    wait = FIRST_LOOK_WAIT if len(parsing.text) < LARGE_FILE else 0.0
    return first_look_of(parsing.first_look()) if parsing.ready(wait) else None


def first_look_of(glance: object) -> FirstLook | None:
    """The screen for what the child made of the file; None when it could make nothing."""
    from workbook.tui.glance import Glance

    if not isinstance(glance, Glance):
        return None
    from workbook.tui.screens.prep.first_look import FirstLook

    return FirstLook(glance)


async def settle_garbage(shown: Awaitable[object]) -> None:
    """Once the main screen is shown: collect what starting left, then set everything that
    lives on (Textual's objects, the open workbook) aside for good with `gc.freeze`. The
    drawing a key sets off makes a full collection every few keys, and each one then passes
    over only what is new: with 2,000 claims open a full pass took 100 to 130 ms before."""
    await shown  # by then a stand-in the main screen replaced is gone, not kept for good
    gc.collect()
    gc.freeze()
    gc.enable()


def settled(app: App[None]) -> bool:
    """Whether every message the app, its screens and the widgets on show were sent has been
    handled (a key, and the requests, screens and focus it set off)."""
    pumps = [app, *app.screen_stack, *app.screen.walk_children()]
    return all(pump.message_queue_size == 0 for pump in pumps)


class KeptKeys:
    """Keys pressed while the file opened, given to the app one at a time, as if typed now.

    If opening asked a question first (a journal to restore, say), they are dropped: a key
    meant for the claims must not answer a question the user has not read. After a key that
    opens a form, the rest wait until the form has the focus, and go to its field. Each key
    waits until the app has handled all that the one before set off: on a busy machine a key
    can take longer than a refresh, and the next must not overtake it. Keys typed meanwhile
    join the end of the line (`hold`).
    """

    def __init__(self, app: App[None], keys: list[events.Key]) -> None:
        self.app = app
        self.keys = keys
        self.given_back: events.Key | None = None  # the key given back last
        self.done = not keys

    def start(self) -> None:
        self.app.call_after_refresh(self._press_again)

    def hold(self, event: events.Event) -> bool:
        """Whether to keep `event`, a key typed while kept keys are still being given back:
        were it handled at once, a key kept from before it could land in the form it opened."""
        if self.done or event is self.given_back:
            return False
        if isinstance(event, events.Key) and not event.is_forwarded:
            self.keys.append(event)
            return True
        return False

    def _press_again(self, pressing: bool = False, waited: int = 0, calm: int = 0) -> None:
        from workbook.tui.screens.prep.screen import PrepScreen

        app = self.app
        if not self.keys or (not pressing and not isinstance(app.screen, PrepScreen)):
            self.done = True  # from here on, keys go straight where they are typed
            return
        # Settled at two refreshes running: a message taken from its queue may still be
        # being handled at the first.
        ready = app.screen.focused is not None and settled(app)
        if not (ready and calm) and waited < KEY_WAIT:
            next_calm = calm + 1 if ready else 0
            app.call_after_refresh(self._press_again, True, waited + 1, next_calm)
            return
        key = self.keys.pop(0)
        self.given_back = events.Key(key.key, key.character)
        app.post_message(self.given_back)
        app.call_after_refresh(self._press_again, True)
