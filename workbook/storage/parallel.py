"""Parsing TOML in a forked process, so that a file is read while the app starts.

Parsing holds the GIL, so a thread cannot overlap it with the app's own
start-up (importing Textual, drawing the first frame, importing the models). A child forked
before any of that can: it parses on the other core and sends the data back pickled. Given a
`look`, the child also sends first what `look` makes of the data (the app's first look at the
file), so the app can show it before it has loaded what it needs to do the same.
Where fork is not available, or anything about the child fails, parsing simply happens here.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
from collections.abc import Callable
from typing import IO, Any

# Below this size, and with nothing else to work out, the child costs more than it saves.
WORTH_IT = 1_000_000

Look = Callable[[dict[str, Any]], object]


class Parse:
    """A TOML text being parsed elsewhere; `result()` gives the data or raises as
    `toml_data.parse_toml` would (TOMLDecodeError, TooDeep), and `first_look()` what `look`
    made of it."""

    def __init__(self, text: str, look: Look | None = None) -> None:
        self.text = text
        self.pid = 0
        self.reader = -1
        self._answers: IO[bytes] | None = None
        self._looked = False
        self._has_look = False
        if (look is not None or len(text) >= WORTH_IT) and hasattr(os, "fork"):
            self._start(look)

    @property
    def looking(self) -> bool:
        """Whether a child is working out a first look that `first_look` has not yet taken."""
        return bool(self.pid) and self._has_look and not self._looked

    def _start(self, look: Look | None) -> None:
        reader, writer = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reader)
            os.close(writer)
            return
        if pid == 0:  # the child: answer, and leave without any of the parent's cleanup
            os.close(reader)
            try:
                self._answer_from_child(writer, look)
            finally:
                os._exit(0)
        os.close(writer)
        self.pid, self.reader, self._has_look = pid, reader, look is not None

    def _answer_from_child(self, writer: int, look: Look | None) -> None:
        # Imported here, after the fork: the app's start need not wait for the parser.
        import tomli

        from workbook.storage.toml_data import TooDeep, parse_toml

        # The terminal is the app's: nothing the child does (a warning, say) may write to it.
        with contextlib.suppress(OSError):
            quiet = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(quiet, fd)
        try:
            answer: tuple[str, Any] = ("data", parse_toml(self.text))
        except tomli.TOMLDecodeError as error:
            answer = ("toml", (error.msg, error.pos))
        except TooDeep as error:
            answer = ("deep", (str(error.where), error.by_line))
        except BaseException:  # anything else: the parent parses for itself
            answer = ("retry", None)
        with os.fdopen(writer, "wb") as out:
            if look is not None:
                first: object = None
                if answer[0] == "data":
                    try:
                        first = look(answer[1])
                    except BaseException:  # the parent finds out for itself what is wrong
                        first = None
                # The first look goes first: it is small, and the app waits for it.
                pickle.dump(first, out, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(answer, out, protocol=pickle.HIGHEST_PROTOCOL)

    def ready(self, timeout: float) -> bool:
        """Whether the child's first answer has come, waiting for it at most `timeout` s."""
        if not self.pid:
            return False
        return bool(select.select([self.reader], [], [], timeout)[0])

    def first_look(self) -> object:
        """What `look` made of the data, or None (no look, no child, or `look` failed)."""
        if not self.looking:
            return None
        self._looked = True
        try:
            return pickle.load(self._stream())
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError):
            return None

    def result(self) -> dict[str, Any]:
        import tomli

        from workbook.storage.toml_data import TooDeep, parse_toml

        kind, value = self._answer()
        if kind == "toml":
            msg, pos = value
            raise tomli.TOMLDecodeError(msg, self.text, pos)
        if kind == "deep":
            where, by_line = value
            raise TooDeep(where, by_line)
        if kind == "data":
            data: dict[str, Any] = value  # what parse_toml gave the child
            return data
        return parse_toml(self.text)

    def _stream(self) -> IO[bytes]:
        if self._answers is None:
            self._answers = os.fdopen(self.reader, "rb")
        return self._answers

    def _answer(self) -> tuple[str, Any]:
        if not self.pid:
            return "retry", None
        try:
            if self.looking:
                self.first_look()  # not wanted, but it comes first
            answer: tuple[str, Any] = pickle.load(self._stream())
            return answer
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError):
            return "retry", None
        finally:
            with contextlib.suppress(OSError):
                self._stream().close()
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = 0
