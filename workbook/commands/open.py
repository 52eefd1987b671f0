"""`workbook open`, the default command: a workbook in the app.

`workbook [PATH] [--ours SIDE]` is short for it, so what this module imports is what every start
of the app pays before its first frame: the file is read here and parsed on another core while
Textual starts, and the models load only once the first look shows.
"""

from __future__ import annotations

import argparse
import gc
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.commands.arguments import add_workbook_arguments
from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_CRASHED, EXIT_OK, complain
from workbook.storage.files import WorkbookError, read_file
from workbook.storage.parallel import Parse
from workbook.storage.places import default_workbook
from workbook.storage.toml_data import is_flow_text

if TYPE_CHECKING:
    from workbook.commands import Subparsers
    from workbook.tui.app import WorkbookApp


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    opener = subparsers.add_parser("open")
    add_workbook_arguments(opener)
    return opener


def run(args: argparse.Namespace) -> int:
    # Until the file is open, collecting garbage finds next to none, yet each full pass goes
    # over every object that importing Textual made: one of ~20 ms lands in the first frame.
    # The app collects again once the file is open and shown (`tui.opening.settle_garbage`).
    gc.disable()
    try:
        return _open_in_app(args)
    finally:
        gc.unfreeze()
        gc.enable()


def _open_in_app(args: argparse.Namespace) -> int:
    from workbook.tui.glance import first_look

    path: Path = args.path or default_workbook()
    try:
        # Reading is quick even for a large file; parsing is left to the app, off its main thread.
        raw, text = read_file(path)
        if is_flow_text(text):
            return _open_flow(path, args.ours)  # reads it as a flow, failures its own
        # The file is parsed, and the app's first look at it worked out, on another core while
        # Textual starts here.
        parsing = Parse(text, partial(first_look, path=path, ours=args.ours))
    except WorkbookError as error:
        # A bare word that names no file was most likely meant as a command.
        if len(path.parts) == 1 and not path.suffix and not path.exists():
            complain(f"{error} (nor is it a command: workbook --help lists them)")
        else:
            complain(error)
        return EXIT_BAD_INPUT
    from workbook.tui.app import WorkbookApp  # the core runs without Textual; only the app needs it

    app = WorkbookApp(path, raw, text, ours=args.ours, parsing=parsing)
    return _run(app, path)


def _run(app: WorkbookApp, path: Path) -> int:
    app.run()
    if app.crash:
        complain(f"{path}: {app.crash}")
        return EXIT_CRASHED
    if app.error:
        complain(app.error)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _open_flow(path: Path, ours: str | None) -> int:
    """A round's flow: read as `workbook flow check` reads it (whatever is wrong, one line and
    nothing written), then the app on its workbook, opened on the flow screen."""
    from workbook.practice.flow_file import read_flow

    try:
        opened = read_flow(path)
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    from workbook.tui.app import WorkbookApp

    ours = ours or opened.flow.sides[opened.flow.ours]
    return _run(WorkbookApp(opened.workbook_path, ours=ours, flow=path), path)
