"""Parsing TOML in a forked process, so that a large file is read while the app starts.

tomllib is pure Python and holds the GIL, so a thread cannot overlap it with the app's own
start-up (importing Textual, drawing the first frame, importing the models). A child forked
before any of that can: it parses on the other core and sends the data back pickled.
Where fork is not available, or anything about the child fails, parsing simply happens here.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tomllib
from typing import Any

# Below this size the child costs more than it saves.
WORTH_IT = 1_000_000


class Parse:
    """A TOML text being parsed elsewhere; `result()` gives the data or raises as tomllib
    would (TOMLDecodeError, RecursionError)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pid = 0
        self.reader = -1
        if len(text) >= WORTH_IT and hasattr(os, "fork"):
            self._start()

    def _start(self) -> None:
        reader, writer = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reader)
            os.close(writer)
            return
        if pid == 0:  # the child: parse, answer, and leave without any of the parent's cleanup
            os.close(reader)
            try:
                answer: tuple[str, Any] = ("data", tomllib.loads(self.text))
            except tomllib.TOMLDecodeError as error:
                answer = ("toml", str(error))
            except RecursionError:
                answer = ("deep", None)
            except BaseException:  # anything else: the parent parses for itself
                answer = ("retry", None)
            try:
                with os.fdopen(writer, "wb") as out:
                    out.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
            finally:
                os._exit(0)
        os.close(writer)
        self.pid, self.reader = pid, reader

    def result(self) -> dict[str, Any]:
        kind, value = self._answer()
        if kind == "toml":
            raise tomllib.TOMLDecodeError(value)
        if kind == "deep":
            raise RecursionError
        if kind == "data":
            data: dict[str, Any] = value  # what tomllib.loads gave the child
            return data
        return tomllib.loads(self.text)

    def _answer(self) -> tuple[str, Any]:
        if not self.pid:
            return "retry", None
        try:
            with os.fdopen(self.reader, "rb") as answer:
                received = answer.read()
            return pickle.loads(received) if received else ("retry", None)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            return "retry", None
        finally:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = 0
