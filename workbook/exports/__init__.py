"""What `workbook export` can write: one row per format, with the names that ask for it, where it
goes beside the workbook, how `--help` and the app's palette offer it, and how it is written.

The export command's options, its choice of format by an output's name, the default names and
the palette all read the rows: a new format is one row here and the module that writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.exports.brief import BriefOptions, render
from workbook.storage.files import write_atomic
from workbook.storage.places import folder_beside

if TYPE_CHECKING:
    from workbook.core.model import Workbook


@dataclass(frozen=True)
class ExportFormat:
    """One format `workbook export --to` writes."""

    key: str  # what --to takes
    suffixes: tuple[str, ...]  # an output name ending in one of these asks for it
    default_name: str  # the file beside the workbook, {} standing for its name
    description: str  # what --help says of it after its key, if anything
    called: str  # what the line after writing calls it: "x.toml: brief written to ..."
    # The bytes; each imports its format's module only when called, so that exporting
    # Markdown never loads python-docx.
    write: Callable[[Workbook, BriefOptions], bytes]
    title: str = ""  # the palette's command for it; none offers Markdown, the ctrl+e key's
    help: str = ""  # the palette's line under the title
    binary: bool = False  # written to standard output as bytes, not as text


def _markdown(workbook: Workbook, options: BriefOptions) -> bytes:
    return render(workbook, options).encode("utf-8")


def _web_page(workbook: Workbook, options: BriefOptions) -> bytes:
    from workbook.exports.brief_html import page

    return page(render(workbook, options)).encode("utf-8")


def _argdown(workbook: Workbook, options: BriefOptions) -> bytes:
    from workbook.exports.argdown import export

    return export(workbook).encode("utf-8")


def _aif(workbook: Workbook, options: BriefOptions) -> bytes:
    from workbook.exports.aif import export

    return export(workbook).encode("utf-8")


def _word(workbook: Workbook, options: BriefOptions) -> bytes:
    from workbook.exports.docx import export

    return export(workbook, options.ours)


# The first is the default: what an output whose name asks for no other format gets.
EXPORTS: tuple[ExportFormat, ...] = (
    ExportFormat(
        key="md",
        suffixes=(".md",),
        default_name="{}.brief.md",
        description="the brief, the default",
        called="brief",
        write=_markdown,
    ),
    ExportFormat(
        key="html",
        suffixes=(".html", ".htm"),
        default_name="{}.brief.html",
        description="the brief to print",
        called="brief",
        write=_web_page,
        title="Export the brief as a web page",
        help="NAME.brief.html: open it in a browser to print",
    ),
    ExportFormat(
        key="argdown",
        suffixes=(".argdown",),
        default_name="{}.argdown",
        description="",
        called="argdown",
        write=_argdown,
        title="Export to Argdown",
        help="NAME.argdown: statements, arguments and their relations",
    ),
    ExportFormat(
        key="aif",
        suffixes=(".json",),
        default_name="{}.aif.json",
        description="AIF JSON",
        called="aif",
        write=_aif,
        title="Export to AIF",
        help="NAME.aif.json: the argument graph for OVA and AIFdb",
    ),
    ExportFormat(
        key="docx",
        suffixes=(".docx",),
        default_name="{}.docx",
        description="Verbatim's headings",
        called="docx",
        write=_word,
        title="Export to Word (Verbatim's headings)",
        help="NAME.docx: pockets, hats, blocks and tags",
        binary=True,
    ),
)


def export_format(key: str) -> ExportFormat:
    """The row of the format `key`."""
    for row in EXPORTS:
        if row.key == key:
            return row
    raise KeyError(key)


def format_of(output: str | None) -> str:
    """The format an export's output name asks for: md unless its suffix says otherwise."""
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    return next((row.key for row in EXPORTS if suffix in row.suffixes), EXPORTS[0].key)


def default_path(path: Path, to: str) -> Path:
    """The format's default name for the workbook at `path`, beside it (for the bundled seed,
    in the current folder)."""
    return folder_beside(path) / export_format(to).default_name.format(path.stem)


def export_bytes(workbook: Workbook, to: str, options: BriefOptions) -> bytes:
    """The workbook in format `to`; imports each format's library only when it is asked for."""
    return export_format(to).write(workbook, options)


def write_beside(workbook: Workbook, path: Path, to: str, options: BriefOptions) -> str:
    """Write the export where `default_path` says; the line that tells the user where."""
    target = default_path(path, to)
    write_atomic(target, export_bytes(workbook, to, options))
    return f"Exported to {target}"
