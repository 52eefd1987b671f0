"""Reading and writing workbooks as TOML: clear one-line errors, canonical output, atomic saves."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli
import tomli_w
from pydantic import ValidationError

from workbook.core.fields import shown
from workbook.core.model import FORMAT_VERSION, Workbook
from workbook.core.upgrade import WorkbookV1, upgrade
from workbook.essay.paragraphs import find_quote
from workbook.essay.quotes import essay_quote, verbatim_problem
from workbook.storage.files import (
    WorkbookError,
    read_text,
    write_atomic,
)
from workbook.storage.parallel import Parse
from workbook.storage.places import is_bundled
from workbook.storage.texts import essay_paragraphs
from workbook.storage.toml_data import (
    TooDeep,
    field_path_of,
    loads,
    looks_like_workbook,
    nesting_problem,
    parse_toml,
    toml_error,
)


class FlowGiven(WorkbookError):
    """A round's flow given where a workbook belongs."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: is a flow of a round, not a workbook; see `workbook flow check`")


_REASONS = {
    "missing": "is required",
    "extra_forbidden": "is not a field of this format",
    "literal_error": "{msg}",
}


@dataclass(frozen=True)
class Loaded:
    """A workbook as read: its essay's paragraphs (None when the text is not there), and the
    format version its file was written in. A file of an older format is upgraded in memory;
    saving writes the current format, so the app can ask before rewriting it."""

    workbook: Workbook
    paragraphs: list[str] | None
    version: int

    @property
    def upgraded(self) -> bool:
        """True when the file is of an older format: a save rewrites it in the current one."""
        return self.version < FORMAT_VERSION


def is_other_toml(path: Path) -> bool:
    """A TOML file that is not meant as a workbook; a file that cannot be read or parsed is not
    known to be one, so that reading it reports what is wrong."""
    try:
        return not looks_like_workbook(loads(read_text(path), path))
    except WorkbookError:
        return False


def parse(text: str, path: Path, parsing: Parse | None = None) -> Workbook:
    """Parse and validate a workbook's text; errors name the file, and a line or a field path."""
    return parse_versioned(text, path, parsing)[0]


def parse_versioned(text: str, path: Path, parsing: Parse | None = None) -> tuple[Workbook, int]:
    """As `parse`, with the format version the text was written in."""
    try:
        # parse_toml (here, or in the child of `parsing`) has held the data to its depth.
        data = parsing.result() if parsing is not None else parse_toml(text)
        return _validated(data, path)
    except tomli.TOMLDecodeError as error:
        raise WorkbookError(toml_error(str(error), text, path)) from None
    except TooDeep as error:
        raise WorkbookError(error.told(path)) from None
    except RecursionError:
        # The parser and the validator recurse: nesting thousands deep is no workbook.
        raise WorkbookError(f"{path}: values are nested too deeply to be a workbook") from None
    except MemoryError:
        raise WorkbookError(f"{path}: too large to read into memory") from None


def validate(data: dict[str, Any], path: Path) -> Workbook:
    return validate_versioned(data, path)[0]


def validate_versioned(data: dict[str, Any], path: Path) -> tuple[Workbook, int]:
    """The workbook in the current format, and the version the data was written in. Data
    from anywhere (an Argdown export's, say) is held to the depth of a TOML file's first."""
    deep = nesting_problem(data)
    if deep is not None:
        raise WorkbookError(TooDeep(deep).told(path))
    return _validated(data, path)


def _validated(data: dict[str, Any], path: Path) -> tuple[Workbook, int]:
    if "flow" in data:  # its `format` is a debate format's key, not a workbook's version
        raise FlowGiven(path)
    version = data.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise WorkbookError(
            f"{path}: format: version {version} is newer than this workbook reads "
            f"({FORMAT_VERSION}); update workbook"
        )
    try:
        if version == 1:
            return upgrade(WorkbookV1.model_validate(data)), 1
        return Workbook.model_validate(data), FORMAT_VERSION
    except ValidationError as error:
        raise WorkbookError(f"{path}: {describe(error)}") from None


def describe(error: ValidationError) -> str:
    """The first problem of a validation error as `field.path: reason`, with a count of the rest."""
    errors = error.errors(include_url=False)
    first = errors[0]
    ctx = first.get("ctx") or {}
    field_path = ctx.get("path") or field_path_of(first["loc"]) or "(top)"
    reason = _REASONS.get(first["type"], "{msg}").format(msg=first["msg"])
    if first["type"] not in ("missing", "extra_forbidden") and "input" in first:
        value = first["input"]
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            reason += f" (got {shown(value)})" if shown(value) not in reason else ""
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{field_path}: {reason}{more}"


def essay_problems(workbook: Workbook, path: Path, paragraphs: list[str] | None) -> list[str]:
    """Check the claims against the essay's text, when it is there."""
    essay = workbook.essay
    if paragraphs is None or essay is None:
        return []
    problems = []
    markers = conflict_markers(paragraphs)
    if markers is not None:
        number, line = markers
        return [
            f"{path}: essay.file: {essay.file} holds a merge's conflict markers (from its "
            f"paragraph {number}): keep ours, between “{line}” and “=======” (the workbook "
            f"kept ours, and counts {essay.paragraphs}), take the markers out, and drop what "
            "the other side dropped again in the app"
        ]
    if len(paragraphs) != essay.paragraphs:
        problems.append(
            f"{path}: essay.paragraphs: is {essay.paragraphs} but "
            f"{essay.file} has {len(paragraphs)}"
        )
        return problems
    for claim_id, claim in workbook.claims.items():
        if claim.paragraph is None:  # the model refuses it where there is an essay
            continue
        problem = verbatim_problem(
            claim.quote, paragraphs[claim.paragraph - 1], claim.paragraph, essay.file
        )
        if problem:
            problems.append(f"{path}: claims.{claim_id}.quote: {problem}")
    return problems


def conflict_markers(paragraphs: list[str]) -> tuple[int, str] | None:
    """Where git's conflict markers start in a text, by paragraph, and their line; None when
    the text has none (an opening marker and a closing one after it, as a merge writes)."""
    opened = next((n for n, p in enumerate(paragraphs, 1) if p.startswith("<<<<<<< ")), None)
    if opened is None or not any(p.startswith(">>>>>>> ") for p in paragraphs[opened:]):
        return None
    return opened, " ".join(paragraphs[opened - 1].split()[:2])


def fix_quotes(workbook: Workbook, paragraphs: list[str]) -> list[str]:
    """Put the essay's own characters into every quote that differs from them only in what a
    keyboard types differently (quote marks, dashes, spacing, case); the ids of those claims."""
    if workbook.essay is None or len(paragraphs) != workbook.essay.paragraphs:
        return []  # which paragraph is which is in doubt: the check says so
    fixed = []
    for claim_id, claim in workbook.claims.items():
        if claim.paragraph is None:
            continue
        paragraph = paragraphs[claim.paragraph - 1]
        if not claim.quote or find_quote(claim.quote, paragraph) is not None:
            continue
        stored = essay_quote(claim.quote, paragraph)
        if stored is not None:
            claim.quote = stored
            fixed.append(claim_id)
    return fixed


def load(path: Path) -> Workbook:
    """Read, parse and validate a workbook, and check its quotes against its essay."""
    return load_with_essay(path)[0]


def load_with_essay(
    path: Path, text: str | None = None, parsing: Parse | None = None
) -> tuple[Workbook, list[str] | None]:
    """The workbook and its essay's paragraphs (None when the essay's text is not there).
    `parsing`, when given, is the same text already being parsed in another process."""
    loaded = read_workbook(path, text, parsing)
    return loaded.workbook, loaded.paragraphs


def read_workbook(path: Path, text: str | None = None, parsing: Parse | None = None) -> Loaded:
    """As `load_with_essay`, saying also which format version the file was written in."""
    workbook, version = parse_versioned(read_text(path) if text is None else text, path, parsing)
    return checked(workbook, version, path)


def loaded_from(data: dict[str, Any], path: Path) -> Loaded:
    """As `read_workbook`, from the file's data as tomli parsed it."""
    return checked(*validate_versioned(data, path), path)


def checked(workbook: Workbook, version: int, path: Path) -> Loaded:
    """The workbook with its essay's paragraphs, once its quotes are found in them."""
    paragraphs = essay_paragraphs(workbook, path)
    refuse(essay_problems(workbook, path, paragraphs))
    return Loaded(workbook, paragraphs, version)


def load_fixing_quotes(path: Path, text: str) -> tuple[Loaded, list[str]]:
    """The workbook with `fix_quotes` applied, and the ids of the claims it changed; refused
    like `load` if a quote is still not the essay's, or if the essay's text is not there."""
    workbook, version = parse_versioned(text, path)
    if workbook.essay is None:
        return Loaded(workbook, None, version), []  # a card library: no claims, no quotes
    paragraphs = essay_paragraphs(workbook, path)
    if paragraphs is None:
        name = workbook.essay.file
        raise WorkbookError(
            f"{path}: essay.file: {name} is not there, so no quote can be fixed"
            if name
            else f"{path}: essay.file: no essay is named, so no quote can be fixed"
        )
    fixed = fix_quotes(workbook, paragraphs)
    refuse(essay_problems(workbook, path, paragraphs))
    return Loaded(workbook, paragraphs, version), fixed


def refuse(problems: list[str]) -> None:
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise WorkbookError(problems[0] + more)


def to_data(workbook: Workbook) -> dict[str, Any]:
    # Empty fields are left out so a file shows what was written; the models' defaults
    # restore them on load, so the round trip is exact.
    return workbook.model_dump(mode="python", exclude_defaults=True)


def dumps(workbook: Workbook) -> str:
    """The canonical text, always in the current format: one table per card, claim and point,
    so diffs stay local."""
    return tomli_w.dumps(to_data(workbook), multiline_strings=True)


def save(workbook: Workbook, path: Path) -> bytes:
    """Write atomically, keeping the previous version as NAME.bak; returns the bytes written."""
    if is_bundled(path):
        raise WorkbookError(f"{path}: the bundled seed is read-only")
    data = dumps(workbook).encode("utf-8")
    write_atomic(path, data, keep_backup=True)
    return data
