"""`workbook serve`: the app in a browser, through textual-serve, on this machine by default.

Each browser tab runs the app as `workbook open` does in a terminal, in a process of its own in
the current folder, so saves and exports land where they would in the terminal. There is no
authentication: by default only this machine can connect, and a page from another site cannot
drive the app (web_server.py's guard checks the Host of every request against this machine's
names and addresses, and the Origin of the terminal's socket). At most --max-apps apps run at
once.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.commands import web_server
from workbook.commands.arguments import add_workbook_arguments
from workbook.commands.exit_status import EXIT_BAD_INPUT, EXIT_OK, complain
from workbook.storage.files import WorkbookError, one_line

if TYPE_CHECKING:
    from workbook.commands import Subparsers
    from workbook.core.model import Workbook

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# Each tab runs the app in a process of its own: enough for a squad at one machine, and few
# enough that a page opening tab after tab cannot exhaust it.
DEFAULT_MAX_APPS = 8
NO_AUTHENTICATION = (
    "warning: the app has no authentication: anyone who can reach {address} can open, edit "
    "and save workbooks as you"
)


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    serve = subparsers.add_parser("serve")
    add_workbook_arguments(serve)
    serve.add_argument(
        "--port",
        default=str(DEFAULT_PORT),
        metavar="N",
        help=f"the port to listen on (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        metavar="HOST",
        help=f"the address to listen on (default {DEFAULT_HOST}, this machine only); "
        "any other lets other machines in, with no authentication",
    )
    serve.add_argument(
        "--max-apps",
        default=str(DEFAULT_MAX_APPS),
        metavar="N",
        help="the most apps it runs at once, one for each browser tab, each a process of its "
        f"own (default {DEFAULT_MAX_APPS}); a tab beyond them is refused until one closes",
    )
    return serve


def run(args: argparse.Namespace) -> int:
    from workbook.core.model import side_named
    from workbook.storage.places import default_workbook

    path: Path = args.path or default_workbook()
    try:
        port = web_server.parse_port(args.port)
        max_apps = web_server.parse_max_apps(args.max_apps)
        workbook = _served(path)
        if args.ours and side_named(workbook, args.ours) is None:
            sides = ", ".join(workbook.sides)
            raise WorkbookError(f"--ours: no side {args.ours!r} (sides: {sides})")
        sock = web_server.listen(args.host, port)
    except WorkbookError as error:
        complain(error)
        return EXIT_BAD_INPUT
    port = sock.getsockname()[1]
    address = f"http://{web_server.url_host(web_server.reachable_host(args.host))}:{port}"
    if not web_server.is_loopback(args.host):
        print(one_line(NO_AUTHENTICATION.format(address=address)), file=sys.stderr, flush=True)
    name = path.name if args.path is None else str(path)
    print(one_line(f"Serving {name} at {address} (open it in a browser; ctrl+c stops)"), flush=True)
    command = web_server.app_command(args.path, args.ours)
    server = web_server.server(command, f"workbook · {path.name}", sock, max_apps)
    server.serve_on(web_server.allowed_hosts(args.host, port))
    return EXIT_OK


def _served(path: Path) -> Workbook:
    """The workbook each tab opens, read here so that what is wrong is told once, before any
    server: a round's flow is read as `workbook R.flow.toml` reads it (its tabs open on the
    flow screen), with its workbook."""
    from workbook.practice.flow_file import read_flow
    from workbook.storage.files import read_file
    from workbook.storage.store import load
    from workbook.storage.toml_data import is_flow_text

    _, text = read_file(path)
    return read_flow(path).workbook if is_flow_text(text) else load(path)
