"""The flow file, NAME.flow.toml: read with one line for whatever is wrong, its workbook and
format found, and written in the canonical form the workbook's store writes (a table a sheet
and an argument, keyed by id, empty fields left out), so its diffs stay local and two copies
changed in different arguments merge cleanly as text (what `workbook merge`, git's driver for
every .toml, does with TOML that is no workbook)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w
from pydantic import ValidationError

from workbook.core.model import Workbook
from workbook.practice.flow import FLOW_VERSION, Flow, format_problems
from workbook.practice.format_file import load_formats
from workbook.practice.formats import Format
from workbook.storage.files import WorkbookError
from workbook.storage.owned import Kind, inputs_of, write_owned
from workbook.storage.store import FlowGiven, describe, load
from workbook.storage.toml_data import TooDeep, looks_like_workbook, parse_toml, read_toml

if TYPE_CHECKING:
    from workbook.practice.preflow import Round

SUFFIX = ".flow.toml"
# What a flow may name in its workbook: each claim's id, with its points' ids.
Prep = dict[str, frozenset[str]]


def _other_than_flow(raw: bytes) -> str | None:
    """What a file is when it is not a flow file that a flow may replace (empty is nothing)."""
    if not raw.strip():
        return None
    try:
        data = parse_toml(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, TooDeep):
        return "a file of another kind"
    return None if "flow" in data else "TOML data of another kind"


FLOW_FILE = Kind("flow file", _other_than_flow)


@dataclass(frozen=True)
class Opened:
    """A flow as read, with its workbook and its format."""

    flow: Flow
    workbook: Workbook
    fmt: Format
    workbook_path: Path


def to_data(flow: Flow) -> dict[str, Any]:
    # As the workbook's store: empty fields are left out, the models' defaults restore them.
    return flow.model_dump(mode="python", exclude_defaults=True) | {"flow": flow.flow}


def dumps(flow: Flow) -> str:
    """The flow file's canonical text."""
    return tomli_w.dumps(to_data(flow), multiline_strings=True)


def parse(data: dict[str, Any], path: Path) -> Flow:
    """A flow from its file's data; a WorkbookError of one line naming the field path."""
    if "flow" not in data and looks_like_workbook(data):
        raise WorkbookError(
            f"{path}: is a workbook, not a flow; start a round of it with `workbook flow new`"
        )
    version = data.get("flow")
    if isinstance(version, int) and not isinstance(version, bool) and version > FLOW_VERSION:
        raise WorkbookError(
            f"{path}: flow: version {version} is newer than this workbook reads "
            f"({FLOW_VERSION}); update workbook"
        )
    try:
        return Flow.model_validate(data)
    except ValidationError as error:
        raise WorkbookError(f"{path}: {_described(error)}") from None
    except RecursionError:
        raise WorkbookError(f"{path}: values are nested too deeply to be a flow") from None


def _described(error: ValidationError) -> str:
    """`describe`, with a sheet's own field path put under the sheet's."""
    first = error.errors(include_url=False)[0]
    told = describe(error)
    ctx = first.get("ctx") or {}
    loc = first["loc"]
    if ctx.get("path") and len(loc) >= 2 and loc[0] == "sheets":
        return f"sheets.{loc[1]}.{told}"
    return told


def read_flow(path: Path) -> Opened:
    """The flow at `path`, its workbook (named inside the flow's folder) and its format;
    whatever is wrong, a WorkbookError of one line."""
    _, data = read_toml(path)
    flow = parse(data, path)
    formats = load_formats()  # the user's formats file speaks for itself when it is bad
    try:
        fmt = formats.get(flow.format)
    except WorkbookError as error:
        raise WorkbookError(f"{path}: format: {error}") from None
    problems = format_problems(flow, fmt)
    if problems:
        where, reason = problems[0]
        raise WorkbookError(f"{path}: {where}: {reason}")
    workbook_path = path.parent / flow.workbook
    if not workbook_path.is_file():
        raise WorkbookError(f"{path}: workbook: {flow.workbook} is not there beside the flow")
    try:
        workbook = load(workbook_path)
    except FlowGiven:
        # The store's line would send `workbook flow check` to itself.
        raise WorkbookError(
            f"{path}: workbook: {flow.workbook} is a flow of a round, not a workbook"
        ) from None
    except WorkbookError as error:
        raise WorkbookError(f"{path}: workbook: {error}") from None  # told at its field
    for side, prep_side in flow.sides.items():
        if prep_side not in workbook.sides:
            raise WorkbookError(
                f"{path}: sides.{side}: {workbook_path.name} has no side {prep_side!r}"
            )
    problem = _prep_problem(flow, workbook)
    if problem:
        raise WorkbookError(f"{path}: {problem} in {workbook_path.name}")
    return Opened(flow, workbook, fmt, workbook_path)


def _prep_problem(flow: Flow, workbook: Workbook) -> str:
    """The first sheet or argument that names a claim or point the workbook does not have,
    as `field.path: reason`; "" when every one is there."""
    lost = lost_prep(flow, prep_of(workbook))
    return f"{lost[0][0]}: {lost[0][1]}" if lost else ""


def prep_of(workbook: Workbook) -> Prep:
    """What a flow may name in the workbook: its claims, each with its points' ids."""
    return {claim_id: frozenset(claim.points) for claim_id, claim in workbook.claims.items()}


def lost_prep(flow: Flow, prep: Prep) -> list[tuple[str, str]]:
    """Each sheet or argument that names a claim or point the prep does not have (deleted
    since the round started), as its field path and why."""
    lost: list[tuple[str, str]] = []
    for sheet_id, sheet in flow.sheets.items():
        if not sheet.claim:
            continue
        points = prep.get(sheet.claim)
        if points is None:
            lost.append((f"sheets.{sheet_id}.claim", f"no claim {sheet.claim!r}"))
            continue
        for argument_id, argument in sheet.arguments.items():
            if argument.point and argument.point not in points:
                where = f"sheets.{sheet_id}.arguments.{argument_id}.point"
                lost.append((where, f"no point {argument.point!r} in claim {sheet.claim!r}"))
    return lost


def without_lost_prep(flow: Flow, prep: Prep) -> Flow:
    """The flow as it may be written beside the prep: a sheet whose claim is gone stands as a
    position of its own under its title, and an argument whose prepared point is gone keeps
    its words alone, as a point that answered a deleted point does. The sheets changed are
    copies; the others, and `flow`, are left as they are."""
    if not lost_prep(flow, prep):
        return flow
    sheets = dict(flow.sheets)
    for sheet_id, sheet in flow.sheets.items():
        if not sheet.claim:
            continue
        points = prep.get(sheet.claim, frozenset())
        kept = {
            argument_id: argument.model_copy(update={"point": ""})
            if argument.point and argument.point not in points
            else argument
            for argument_id, argument in sheet.arguments.items()
        }
        if sheet.claim not in prep:
            title = sheet.title or sheet.claim
            sheets[sheet_id] = sheet.model_copy(
                update={"title": title, "claim": "", "arguments": kept}
            )
        elif kept != sheet.arguments:
            sheets[sheet_id] = sheet.model_copy(update={"arguments": kept})
    return flow.model_copy(update={"sheets": sheets})


def workbook_name(flow_path: Path, workbook_path: Path) -> str:
    """How a flow at `flow_path` names its workbook: relative, inside the flow's folder; a
    WorkbookError when the workbook is elsewhere."""
    folder = flow_path.resolve().parent
    try:
        return workbook_path.resolve().relative_to(folder).as_posix()
    except ValueError:
        raise WorkbookError(
            f"{flow_path}: a flow is kept in its workbook's folder or above it, "
            f"so that it names {workbook_path.name} from inside its own folder"
        ) from None


def write_flow(flow: Flow, path: Path, protect: list[tuple[Path, str]]) -> None:
    """Write the flow at `path`, atomically, never over its workbook or a file of another
    kind; the file it replaces is kept as NAME.bak."""
    write_owned(path, dumps(flow).encode("utf-8"), FLOW_FILE, protect=protect, named=True)


def start_round(
    workbook_path: Path,
    workbook: Workbook,
    fmt: Format,
    wanted_side: str,
    output: Path,
    meta: Round | None = None,
    force: bool = False,
) -> tuple[Flow, int]:
    """A round of the workbook at `workbook_path` pre-flowed and written at `output`, as
    `workbook flow new` and the app's "Flow a round" both start one: never over a round there
    already (unless `force`), nor over the workbook. The flow, and how many prepared answers
    were left off for coming after their side's last speech."""
    from workbook.practice.preflow import Round, preflow, refuse_a_library, side_of_format

    if not force and (output.exists() or output.is_symlink()):
        # A round may be flowed in it already: a slip of the keyboard must not start it over.
        raise WorkbookError(f"{output}: already there; --force replaces it (kept as .bak)")
    name = workbook_name(output, workbook_path)
    try:
        refuse_a_library(workbook)
    except WorkbookError as error:
        raise WorkbookError(f"{workbook_path}: {error}") from None
    ours = side_of_format(workbook, fmt, wanted_side)
    flow, left_off = preflow(workbook, fmt, name, ours, meta or Round())
    write_flow(flow, output, inputs_of(workbook_path, workbook))
    return flow, left_off


def rounds_beside(workbook_path: Path) -> list[Path]:
    """The flow files beside the workbook that name it, newest first (by when each was last
    written): what the app's "Flow a round" opens before it starts another."""
    folder = workbook_path.resolve().parent
    found: list[tuple[float, Path]] = []
    for candidate in folder.glob(f"*{SUFFIX}"):
        try:
            _, data = read_toml(candidate)
        except WorkbookError:
            continue  # not a flow this reads: `workbook flow check` says why
        named = data.get("workbook")
        if isinstance(named, str) and (folder / named).resolve() == workbook_path.resolve():
            found.append((candidate.stat().st_mtime, candidate))
    return [path for _, path in sorted(found, reverse=True)]


def round_path(workbook_path: Path) -> Path:
    """Where a new round of the workbook goes: NAME.flow.toml beside it, or NAME-2.flow.toml
    (and on) when that is taken."""
    stem = workbook_path.stem
    number = 1
    while True:
        target = workbook_path.with_name(f"{stem}{'' if number == 1 else f'-{number}'}{SUFFIX}")
        if not (target.exists() or target.is_symlink()):
            return target
        number += 1
