"""What `workbook export` can write: one row per format, with the names that ask for it, where it
goes beside the workbook, how `--help` and the app's palette offer it, and how it is written.

The export command's options, its choice of format by an output's name, the default names and
the palette all read the rows: a new format is one row here and the module that writes it. Every
export is written by storage/owned.py, as the kind of file its row says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.exports.brief import BriefOptions, render
from workbook.storage.files import WorkbookError
from workbook.storage.owned import Kind, inputs_of, not_zip, text, write_owned
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
    # Which files it may replace, and what a refusal calls it; by default a text (any file
    # but a zip archive, for a binary format) called as `called` says.
    kind: Kind | None = None
    # Whether it writes one side alone (--side) and a disclosure (--disclosure); the export
    # command refuses them for a format that does not.
    one_side: bool = False
    # Whether it writes a card library (a workbook with no essay, so no claims or sides): a
    # format that is the claims' argument or the sides' speeches refuses one, in one line.
    library: bool = False
    # Whether it writes the judge's copy (--judge): what the team keeps for itself left out.
    judge: bool = False

    @property
    def file_kind(self) -> Kind:
        if self.kind is not None:
            return self.kind
        return Kind(self.called, not_zip) if self.binary else text(self.called)


def _markdown(workbook: Workbook, options: BriefOptions) -> bytes:
    return render(workbook, options).encode("utf-8")


def _web_page(workbook: Workbook, options: BriefOptions) -> bytes:
    from workbook.exports.brief_html import render_html

    return render_html(workbook, options).encode("utf-8")


def _argdown(workbook: Workbook, options: BriefOptions) -> bytes:
    from workbook.exports.argdown import export

    return export(workbook).encode("utf-8")


def _aif(workbook: Workbook, options: BriefOptions) -> bytes:
    from workbook.exports.aif import export

    return export(workbook).encode("utf-8")


def _word(workbook: Workbook, options: BriefOptions) -> bytes:
    from workbook.exports.docx import WordOptions, export
    from workbook.storage.user_config import read_initials

    # The document says who made it: the user's initials, as they sign the cards they cut.
    word = WordOptions(
        options.ours,
        options.side,
        options.disclosure,
        card_text=options.card_text,
        author=read_initials(),
        judge=options.judge,
    )
    return export(workbook, word)


# The first is the default: what an output whose name asks for no other format gets.
EXPORTS: tuple[ExportFormat, ...] = (
    ExportFormat(
        key="md",
        suffixes=(".md",),
        default_name="{}.brief.md",
        description="the brief, the default",
        called="brief",
        write=_markdown,
        kind=text("brief"),
        library=True,
        judge=True,
    ),
    ExportFormat(
        key="html",
        suffixes=(".html", ".htm"),
        default_name="{}.brief.html",
        description="the brief to print",
        called="brief",
        write=_web_page,
        kind=text("brief"),
        library=True,
        judge=True,
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
        kind=text("Argdown file"),
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
        kind=text("AIF file"),
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
        kind=Kind("Word file", not_zip),
        title="Export to Word (Verbatim's headings)",
        help="NAME.docx: pockets, hats, blocks and tags",
        binary=True,
        one_side=True,
        library=True,
        judge=True,
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
    """The workbook in format `to`; imports each format's library only when it is asked for.
    A card library in a format that has no place for one is refused (WorkbookError)."""
    row = export_format(to)
    from workbook.core.model import is_library

    if is_library(workbook) and not row.library:
        able = [r.key for r in EXPORTS if r.library]
        said = f"{', '.join(able[:-1])} or {able[-1]}"
        raise WorkbookError(
            f"a card library has no claims or sides to write as {row.called}; export it as {said}"
        )
    return row.write(workbook, options)


def write_export(
    workbook: Workbook, path: Path, to: str, data: bytes, output: Path | None = None
) -> Path:
    """Write the export `data` of the workbook at `path`: to `output`, a name the user typed,
    or else where `default_path` says. Never over the workbook or its essay; see
    owned.write_owned for the rest. Returns where it went."""
    target = output or default_path(path, to)
    protect = inputs_of(path, workbook)
    write_owned(
        target, data, export_format(to).file_kind, protect=protect, named=output is not None
    )
    return target


def write_beside(workbook: Workbook, path: Path, to: str, options: BriefOptions) -> str:
    """Write the export where `default_path` says; the line that tells the user where."""
    target = write_export(workbook, path, to, export_bytes(workbook, to, options))
    return f"Exported to {target}"
