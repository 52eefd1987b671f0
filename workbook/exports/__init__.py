"""What `workbook export` can write, where it goes by default, and the bytes of each format."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workbook.exports.brief import BriefOptions, render
from workbook.storage.files import write_atomic
from workbook.storage.places import brief_path, folder_beside

if TYPE_CHECKING:
    from workbook.core.model import Workbook

FORMATS = ("md", "html", "argdown", "aif", "docx")
# The formats an output's name asks for when --to is not given.
_BY_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".argdown": "argdown",
    ".json": "aif",
    ".docx": "docx",
}
_NAMES = {"argdown": "{}.argdown", "aif": "{}.aif.json", "docx": "{}.docx"}
# What each format is for, as the app's palette offers it: (title, help).
OFFERED = {
    "html": ("Export the brief as a web page", "NAME.brief.html: open it in a browser to print"),
    "docx": ("Export to Word (Verbatim's headings)", "NAME.docx: pockets, hats, blocks and tags"),
    "argdown": ("Export to Argdown", "NAME.argdown: statements, arguments and their relations"),
    "aif": ("Export to AIF", "NAME.aif.json: the argument graph for OVA and AIFdb"),
}


def format_of(output: str | None) -> str:
    """The format an export's output name asks for: md unless its suffix says otherwise."""
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    return _BY_SUFFIX.get(suffix, "md")


def default_path(path: Path, to: str) -> Path:
    """Beside the workbook: NAME.brief.md, NAME.brief.html, NAME.argdown, NAME.aif.json or
    NAME.docx."""
    if to in _NAMES:
        return folder_beside(path) / _NAMES[to].format(path.stem)
    return brief_path(path, to)


def export_bytes(workbook: Workbook, to: str, options: BriefOptions) -> bytes:
    """The workbook in format `to`; imports each format's library only when it is asked for."""
    if to == "argdown":
        from workbook.exports.argdown import export

        return export(workbook).encode("utf-8")
    if to == "aif":
        from workbook.exports.aif import export as aif

        return aif(workbook).encode("utf-8")
    if to == "docx":
        from workbook.exports.docx import export as docx

        return docx(workbook, options.ours)
    text = render(workbook, options)
    if to == "html":
        from workbook.exports.brief_html import page

        text = page(text)
    return text.encode("utf-8")


def write_beside(workbook: Workbook, path: Path, to: str, options: BriefOptions) -> str:
    """Write the export where `default_path` says; the line that tells the user where."""
    target = default_path(path, to)
    write_atomic(target, export_bytes(workbook, to, options))
    return f"Exported to {target}"
