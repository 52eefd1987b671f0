"""Work done off the app's thread (reading, writing, merging, exporting), and how it ends.

A job runs in a worker thread and ends with one message of its own, posted to whoever started
it: what it made when it succeeds, or a `JobFailed` of its kind when it raises. Each message
has its own handler (`@on`), so no result comes back as an untyped value told apart by a
name. Whatever a job raises becomes a message, and so one line to the user: nothing is lost to
a worker that dies quietly.

The messages are plain classes, as Textual's own are: this module loads before the app's
first frame, and a dataclass costs a third of a millisecond to make.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import Worker

if TYPE_CHECKING:
    from workbook.practice.flow_session import FlowSaved, FlowSession
    from workbook.session.merge_in_place import Moved, Written
    from workbook.session.session import Conflict, Saved, SaveJob, Session

T = TypeVar("T")


def run_job(
    starter: DOMNode,
    job: Callable[[], T],
    failed: Callable[[BaseException], JobFailed],
    done: Callable[[T], Message | None] = lambda _: None,
) -> Worker[None]:
    """Run `job` in a thread, and post to `starter` the message `done` makes of what it
    returns (None: nothing to say), or `failed(error)` for whatever it raises."""

    def run() -> None:
        try:
            ended = done(job())
        except Exception as error:  # anything at all: the failure's handler tells the user
            starter.post_message(failed(error))
        else:
            if ended is not None:
                starter.post_message(ended)

    # A worker's own error would end the app: the job's errors are messages instead.
    return starter.run_worker(run, thread=True, exit_on_error=False)


class JobFailed(Message):
    """A job raised `error`. Each kind of job has its own subclass; `doing` says what could
    not be done, for the line the user reads."""

    doing: ClassVar[str] = ""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


# Opening.


class FirstLookCame(Message):
    """What the child that parses the file made of it for the first look (a `Glance`, or
    what it raised instead: opening finds out what is wrong, and says it)."""

    def __init__(self, glance: object) -> None:
        super().__init__()
        self.glance = glance


class LookFailed(JobFailed):
    doing = "Cannot look at the file"


class WorkbookOpened(Message):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session


class OpenFailed(JobFailed):
    doing = "Cannot open the file"


# Saving, the journal, merging and closing.


class WorkbookSaved(Message):
    def __init__(self, job: SaveJob, saved: Saved) -> None:
        super().__init__()
        self.job = job
        self.saved = saved


class SaveConflicted(Message):
    """The save was not made: the file changed on disk, or one is in the way."""

    def __init__(self, job: SaveJob, conflict: Conflict) -> None:
        super().__init__()
        self.job = job
        self.conflict = conflict


class SaveFailed(JobFailed):
    doing = "Cannot save"


class JournalFailed(JobFailed):
    doing = "Cannot keep a journal"


class Merged(Message):
    """A merge with the changed file, or a conflict settled, has ended (written or not)."""

    def __init__(self, outcome: Written | Moved) -> None:
        super().__init__()
        self.outcome = outcome


class MergeFailed(JobFailed):
    doing = "Cannot merge"


class SettleFailed(JobFailed):
    doing = "Cannot settle the conflict"


class SessionClosed(Message):
    """The file is closed for good (its journal removed): the app may quit."""


class CloseFailed(JobFailed):
    doing = "Cannot close the file"


# Exporting.


class Exported(Message):
    """The line that tells the user where the export was written."""

    def __init__(self, line: str) -> None:
        super().__init__()
        self.line = line


class ExportFailed(JobFailed):
    doing = "Cannot export"


# A round's flow.


class FlowOpened(Message):
    """A round's flow read (and started first, when `started`), ready for its screen."""

    def __init__(self, flow: FlowSession, started: bool = False) -> None:
        super().__init__()
        self.flow = flow
        self.started = started


class FlowOpenFailed(JobFailed):
    doing = "Cannot open the flow"


class FlowWritten(Message):
    """The round's flow saved."""

    def __init__(self, saved: FlowSaved) -> None:
        super().__init__()
        self.saved = saved


class FlowSaveFailed(JobFailed):
    doing = "Cannot save the flow"


class FlowClosed(Message):
    """The round's flow closed: its journal removed, or kept to be offered back next time."""
