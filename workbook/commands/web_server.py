"""The web server behind `workbook serve`: textual-serve's, on a socket of ours, quiet, and
guarded against other sites.

Each browser tab's app is `workbook open` in a process of its own. Where the server listens
decides who may connect: a loopback server answers only its own names (against DNS rebinding),
and no server lets another site's page frame the app or drive its terminal's socket.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import re
import shlex
import socket
import sys
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook.storage.files import WorkbookError

if TYPE_CHECKING:
    from aiohttp import web

STOP_SECONDS = 10  # how long ctrl+c waits for the apps of open tabs to end
_HOST_HEADER = re.compile(r"[A-Za-z0-9.\-]+(:\d+)?|\[[0-9A-Fa-f:.]+\](:\d+)?")
# The Google font the page asks for is only a nicety; the app never reaches past this machine.
_REMOTE_FONT = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>\s*", re.DOTALL)
# textual-serve's page leaves the focus on the page itself, so keys went nowhere until the
# terminal was clicked. Its terminal takes the focus as soon as its input is there, and again
# whenever the page's window has it back.
FOCUS_SCRIPT = """<script>
(function () {
  function focusTerminal() {
    var input = document.querySelector(".xterm-helper-textarea");
    if (input) { input.focus(); }
    return input !== null;
  }
  if (!focusTerminal()) {
    var watch = new MutationObserver(function () {
      if (focusTerminal()) { watch.disconnect(); }
    });
    watch.observe(document.documentElement, { childList: true, subtree: true });
  }
  window.addEventListener("focus", focusTerminal);
})();
</script>
"""


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def reachable_host(host: str) -> str:
    """The address a teammate can use: for a server on every address (0.0.0.0 or ::), this
    machine's own on its network, or else its name; any other host as it was given."""
    try:
        wildcard = ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return host
    if not wildcard:
        return host
    # Connecting a datagram socket sends nothing: it only picks the way out, and its address.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    probe = "2001:db8::1" if family == socket.AF_INET6 else "192.0.2.1"  # documentation nets
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as sock:
            sock.connect((probe, 9))
            found = str(sock.getsockname()[0])
    except OSError:
        return socket.gethostname()
    return socket.gethostname() if ipaddress.ip_address(found).is_unspecified else found


def app_command(path: Path | None, ours: str | None) -> str:
    """The shell command that runs the app for one browser tab: this Python's `workbook` in
    place of the shell, every argument quoted, and `--` so that no file name is an option."""
    argv = [sys.executable, "-m", "workbook", "open"]
    if ours:
        argv += ["--ours", ours]
    if path is not None:
        argv += ["--", str(path)]
    return "exec " + shlex.join(argv)


def parse_port(text: str) -> int:
    port = int(text) if text.strip().isdigit() else -1
    if not 0 <= port <= 65535:
        raise WorkbookError(f"--port: must be a whole number from 0 to 65535 (got {text!r})")
    return port


def listen(host: str, port: int) -> socket.socket:
    """A listening socket, or one line saying why there is none."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError) as error:
        raise WorkbookError(f"--host: {host!r} is not an address of this machine") from error
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise WorkbookError(f"--port: {port} is in use on {host}; try another") from error
        if error.errno == errno.EACCES:
            raise WorkbookError(f"--port: {port} needs privileges; use one above 1023") from error
        if error.errno == errno.EADDRNOTAVAIL:
            raise WorkbookError(f"--host: {host!r} is not an address of this machine") from error
        raise WorkbookError(f"cannot listen on {host} port {port}: {error.strerror}") from error
    sock.setblocking(False)
    return sock


def allowed_hosts(host: str, port: int) -> set[str] | None:
    """The Host headers a loopback server answers; None (any) for a server open to others.

    Checking the Host stops a web page whose name was pointed at this machine (DNS rebinding)
    from reading or driving the app."""
    if not is_loopback(host):
        return None
    names = {"127.0.0.1", "localhost", "[::1]", url_host(host).lower()}
    hosts = {f"{name}:{port}" for name in names}
    return hosts | names if port == 80 else hosts


def server(command: str, title: str, sock: socket.socket) -> Any:
    """textual-serve's server, on our socket, quiet, and guarded against other sites."""
    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.server import Server

    class WorkbookServer(Server):
        def serve_on(self, hosts: set[str] | None) -> None:
            self.hosts = hosts
            self.sockets: dict[web.WebSocketResponse, Any] = {}
            self.sessions: set[asyncio.Event] = set()
            web.run_app(
                self._make_app(),
                sock=sock,
                print=None,
                shutdown_timeout=STOP_SECONDS,
                access_log=None,
            )

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            ended = asyncio.Event()
            self.sessions.add(ended)
            try:
                response: web.WebSocketResponse = await super().handle_websocket(request)
                return response
            finally:
                self.sessions.discard(ended)
                ended.set()

        async def _process_messages(self, websocket: web.WebSocketResponse, app: Any) -> None:
            self.sockets[websocket] = app
            try:
                await super()._process_messages(websocket, app)
            finally:
                self.sockets.pop(websocket, None)

        async def on_shutdown(self, app: web.Application) -> None:
            # Closing each tab's socket ends its app as closing the tab does: the app is asked
            # to quit, and what it had not saved stays in its journal.
            sessions = [ended.wait() for ended in self.sessions]
            apps = list(self.sockets.values())
            for websocket in list(self.sockets):
                await websocket.close()
            # Each app's process is waited for, so that none outlives the server.
            processes = [p.wait() for app in apps if (p := getattr(app, "_process", None))]
            await asyncio.wait_for(asyncio.gather(*sessions, *processes), STOP_SECONDS)

        async def _make_app(self) -> web.Application:
            app: web.Application = await super()._make_app()
            app.middlewares.append(self.guard)
            return app

        @web.middleware
        async def guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
            host = request.headers.get("Host", "")
            if not _HOST_HEADER.fullmatch(host) or (
                self.hosts is not None and host.lower() not in self.hosts
            ):
                return web.Response(status=403, text="This server answers only its own address.")
            origin = request.headers.get("Origin")
            if request.path == "/ws" and origin is not None and origin != f"http://{host}":
                return web.Response(status=403, text="Only the app's own page may connect.")
            response: web.StreamResponse = await handler(request)
            response.headers["X-Frame-Options"] = "DENY"
            response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
            response.headers["Referrer-Policy"] = "no-referrer"
            return response

        async def handle_index(self, request: web.Request) -> web.Response:
            # Addresses from the request, so that the page works under any name it was opened by.
            fontsize = request.query.get("fontsize", "")
            context = {
                "font_size": int(fontsize) if fontsize.isdigit() and len(fontsize) < 3 else 16,
                "app_websocket_url": f"ws://{request.host}/ws",
                "config": {"static": {"url": "/static/"}},
                "application": {"name": title},
            }
            page = aiohttp_jinja2.render_string("app_index.html", request, context)
            page = _REMOTE_FONT.sub("", page)
            page = page.replace("</body>", f"{FOCUS_SCRIPT}</body>", 1)
            if "<title>" not in page:
                page = page.replace("<head>", f"<head>\n<title>{escape(title)}</title>", 1)
            return web.Response(text=page, content_type="text/html")

        def initialize_logging(self) -> None:
            pass

        async def on_startup(self, app: web.Application) -> None:
            pass

    return WorkbookServer(command, title=title)
