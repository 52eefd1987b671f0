"""A job off the app's thread ends with exactly one message of its own: what it made, or its
failure whatever it raised; or nothing, when it has nothing to say."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from textual import on
from textual.app import App
from textual.message import Message

from workbook.tui.jobs import JobFailed, run_job

from .conftest import until


@dataclass
class Made(Message):
    value: int


class MakingFailed(JobFailed):
    doing = "Cannot make it"


class Jobs(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.heard: list[Message] = []

    @on(Made)
    @on(MakingFailed)
    def _heard(self, event: Message) -> None:
        self.heard.append(event)


def make() -> int:
    return 42


@pytest.mark.parametrize(
    "error",
    [RuntimeError("boom"), MemoryError(), RecursionError(), KeyError("x"), OSError(28, "full")],
    ids=lambda e: type(e).__name__,
)
async def test_whatever_a_job_raises_comes_back_as_its_failure(error: Exception) -> None:
    def broken() -> int:
        raise error

    app = Jobs()
    async with app.run_test() as pilot:
        run_job(app, broken, MakingFailed, Made)
        await until(pilot, lambda: bool(app.heard))
        await pilot.pause(0.05)
        assert len(app.heard) == 1 and isinstance(app.heard[0], MakingFailed)
        assert app.heard[0].error is error and app.heard[0].doing == "Cannot make it"
        assert app.is_running


async def test_a_job_that_succeeds_posts_what_it_made_once() -> None:
    app = Jobs()
    async with app.run_test() as pilot:
        run_job(app, make, MakingFailed, Made)
        await until(pilot, lambda: bool(app.heard))
        await pilot.pause(0.05)
        assert [type(m) for m in app.heard] == [Made] and app.heard[0].value == 42  # type: ignore[attr-defined]


async def test_a_job_with_nothing_to_say_posts_nothing() -> None:
    app = Jobs()
    async with app.run_test() as pilot:
        worker = run_job(app, make, MakingFailed)
        await worker.wait()
        await pilot.pause(0.05)
        assert app.heard == []
