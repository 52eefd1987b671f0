"""The seed position that ships with the workbook, and where a save of it may go."""

from __future__ import annotations

import shutil
from pathlib import Path

SEED_NAME = "soleimani-blowback.toml"
# The package's own folder: the bundled positions are inside it, or beside it in a checkout.
_PACKAGE = Path(__file__).resolve().parent.parent


def positions_folder() -> Path:
    """The installed package carries the positions inside it; a checkout keeps them at its top."""
    bundled = _PACKAGE / "positions"
    return bundled if bundled.is_dir() else _PACKAGE.parent / "positions"


def seed_path() -> Path:
    return positions_folder() / SEED_NAME


def default_workbook(folder: Path | None = None) -> Path:
    """What opens when no file is named: the copy of the seed that saving it wrote into the
    current folder, so that the work of an earlier evening is what comes back, or else the
    bundled seed itself."""
    copy = (folder or Path.cwd()) / SEED_NAME
    return copy if copy.is_file() else seed_path()


def is_bundled(path: Path) -> bool:
    """True for a file among the shipped positions or inside the installed package, which the
    program must never write: in a checkout too, where they are the project's own files."""
    try:
        real = path.resolve()
        return real.is_relative_to(_PACKAGE) or real.is_relative_to(positions_folder().resolve())
    except (OSError, RuntimeError):  # a loop of links leads to no file at all
        return False


def save_target(path: Path, essay_file: str = "", folder: Path | None = None) -> tuple[Path, str]:
    """Where saving `path` writes, and a note for the user when that is not `path` itself.

    A bundled workbook is copied, with the essay it names, into `folder` (the current one by
    default) the first time it is saved; later saves go to that copy.
    """
    if not is_bundled(path):
        return path, ""
    folder = folder or Path.cwd()
    target = folder / path.name
    copy_essay(path, essay_file, folder)
    return target, f"the bundled seed is read-only: saved a copy to {target}"


def copy_essay(path: Path, essay_file: str, folder: Path) -> None:
    """Put the essay that `path` names beside a copy of it in `folder`, unless one is there."""
    essay = path.parent / essay_file
    copy = folder / essay_file
    if essay_file and essay.is_file() and not copy.exists():
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(essay, copy)


def folder_beside(path: Path) -> Path:
    """Where files that go with a workbook are written: beside it, or, for the bundled seed,
    in the current folder."""
    return Path.cwd() if is_bundled(path) else path.parent


def brief_path(path: Path, extension: str = "md") -> Path:
    """Where the brief of `path` goes by default: NAME.brief.md (or .html) beside it."""
    return folder_beside(path) / f"{path.stem}.brief.{extension}"
