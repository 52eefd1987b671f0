"""The seed position that ships with the workbook, and where the files that go with a workbook
are put (for the bundled seed, in the current folder: see owned.save_target)."""

from __future__ import annotations

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


def folder_beside(path: Path) -> Path:
    """Where files that go with a workbook are written: beside it, or, for the bundled seed,
    in the current folder."""
    return Path.cwd() if is_bundled(path) else path.parent


def brief_path(path: Path, extension: str = "md") -> Path:
    """Where the brief of `path` goes by default: NAME.brief.md (or .html) beside it."""
    return folder_beside(path) / f"{path.stem}.brief.{extension}"
