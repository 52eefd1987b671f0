"""The user's own folders for the workbook, as each system has them (platformdirs): the config
folder, where the formats file and the settings (config.toml) are looked for, and the state
folder, where journals and drill histories go when a workbook's own folder cannot be written,
and where the app keeps the claim each workbook was last left on.

On Linux these follow XDG_CONFIG_HOME and XDG_STATE_HOME (~/.config/workbook and
~/.local/state/workbook by default).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from platformdirs import user_config_path, user_state_path

APP = "workbook"


def config_folder() -> Path:
    return user_config_path(APP)


def formats_file() -> Path:
    """The user's formats: their changes to the built-in formats, and formats of their own."""
    return config_folder() / "formats.toml"


def config_file() -> Path:
    """The user's settings: the initials they sign the cards they cut with."""
    return config_folder() / "config.toml"


def state_folder(kind: str) -> Path:
    """Where files of one kind ("journals", "drills") go when they cannot go beside their
    workbook."""
    return user_state_path(APP) / kind


def state_file(kind: str, workbook: Path, suffix: str) -> Path:
    """The file of one kind kept for `workbook` in the state folder: named after the workbook,
    and after the whole path it has on this machine, so that two workbooks of one name in two
    folders never share it."""
    digest = hashlib.sha256(str(workbook.resolve()).encode()).hexdigest()[:16]
    return state_folder(kind) / f"{digest}-{workbook.stem}{suffix}"
