"""The web server behind `workbook serve`: textual-serve's, on a socket of ours, quiet, and
guarded against other sites.

Each browser tab's app is `workbook open` in a process of its own, at most `--max-apps` at
once. Where the server listens decides who may connect; every server answers only the names
and addresses of this machine where it listens (against DNS rebinding), and none lets another
site's page frame the app or drive its terminal's socket.
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
MOST_APPS = 1000  # what --max-apps may ask for: each app is a process of its own
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
    port = int(text) if text.strip().isdecimal() else -1
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


def allowed_hosts(host: str, port: int) -> set[str]:
    """The Host headers the server answers: the names and addresses of this machine where it
    listens, and no other, so that a web page whose name was pointed at this machine (DNS
    rebinding) can neither read nor drive the app. A loopback server answers its loopback
    names; one on every address (0.0.0.0 or ::), or on another of this machine's, also this
    machine's names and addresses (the guard adds the address each request came in on)."""
    bare = host.strip("[]").lower()
    names = {"127.0.0.1", "localhost", "[::1]"}
    if not _is_wildcard(bare):
        names.add(url_host(bare))
    if not is_loopback(host):
        names |= machine_names(host)
    hosts = {f"{name}:{port}" for name in names}
    return hosts | names if port == 80 else hosts


def _is_wildcard(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def machine_names(host: str) -> set[str]:
    """This machine's own names (its host name, that name on the local network, its full
    name) and the addresses they stand for, with the address a teammate is shown: each as a
    Host header writes it. A name of another site is never among them."""
    hostname = socket.gethostname()
    names = {hostname, socket.getfqdn(), reachable_host(host)}
    if hostname and "." not in hostname:
        names.add(f"{hostname}.local")  # its multicast DNS name, which no other site can own
    for name in list(names):
        try:
            found = socket.getaddrinfo(name, None, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            continue
        names |= {str(address[4][0]) for address in found}
    return {url_host(name.lower()) for name in names if name and "%" not in name}


def arrived_at(sockname: Any, port: int) -> set[str]:
    """The Host headers that name the address a request came in on: an address of this
    machine, whichever of its networks the browser reached it by."""
    try:
        address = ipaddress.ip_address(str(sockname[0]).split("%")[0])
    except (TypeError, IndexError, ValueError):  # no address: nothing is named by it
        return set()
    mapped = getattr(address, "ipv4_mapped", None)  # an IPv4 client of a server on ::
    shown = {url_host(str(a)) for a in (address, mapped) if a is not None}
    return {f"{name}:{port}" for name in shown} | (shown if port == 80 else set())


def parse_max_apps(text: str) -> int:
    count = int(text) if text.strip().isdecimal() else 0
    if not 1 <= count <= MOST_APPS:
        raise WorkbookError(
            f"--max-apps: must be a whole number from 1 to {MOST_APPS} (got {text!r})"
        )
    return count


def server(command: str, title: str, sock: socket.socket, max_apps: int) -> Any:
    """textual-serve's server, on our socket, quiet, guarded against other sites, and running
    at most `max_apps` apps at once."""
    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.server import Server

    full = (
        f"This server already runs {max_apps} apps, one for each open tab, as many as it runs "
        "at once (workbook serve --max-apps): close a tab, then reload this page."
    )

    class WorkbookServer(Server):
        def serve_on(self, hosts: set[str]) -> None:
            self.hosts = hosts
            self.sockets: dict[web.WebSocketResponse, Any] = {}
            self.apps: dict[asyncio.Task[Any] | None, Any] = {}  # each tab's app, by its task
            self.sessions: set[asyncio.Event] = set()
            web.run_app(
                self._make_app(),
                sock=sock,
                print=None,
                shutdown_timeout=STOP_SECONDS,
                access_log=None,
            )

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            # Each tab's socket starts an app process: a page that opens hundreds must not
            # exhaust the machine. A tab's place is free once its app's process has ended.
            if len(self.sessions) >= max_apps:
                raise web.HTTPServiceUnavailable(text=full)
            ended = asyncio.Event()
            self.sessions.add(ended)
            try:
                response: web.WebSocketResponse = await super().handle_websocket(request)
                return response
            finally:
                app = self.apps.pop(asyncio.current_task(), None)
                process = getattr(app, "_process", None)
                try:
                    if process is not None:  # asked to quit as the tab closed
                        await process.wait()
                finally:
                    self.sessions.discard(ended)
                    ended.set()

        async def _process_messages(self, websocket: web.WebSocketResponse, app: Any) -> None:
            self.sockets[websocket] = app
            self.apps[asyncio.current_task()] = app
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
            if not _HOST_HEADER.fullmatch(host) or not self.answers(request, host.lower()):
                return web.Response(status=403, text="This server answers only its own address.")
            origin = request.headers.get("Origin")
            if request.path == "/ws" and origin is not None and origin != f"http://{host}":
                return web.Response(status=403, text="Only the app's own page may connect.")
            response: web.StreamResponse = await handler(request)
            response.headers["X-Frame-Options"] = "DENY"
            response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
            response.headers["Referrer-Policy"] = "no-referrer"
            return response

        def answers(self, request: web.Request, host: str) -> bool:
            if host in self.hosts:
                return True
            sockname = request.transport.get_extra_info("sockname") if request.transport else None
            return host in arrived_at(sockname, sock.getsockname()[1])

        async def handle_index(self, request: web.Request) -> web.Response:
            if len(self.sessions) >= max_apps:  # the page would show no app: say why instead
                return web.Response(status=503, text=full)
            # Addresses from the request, so that the page works under any name it was opened by.
            fontsize = request.query.get("fontsize", "")
            context = {
                "font_size": int(fontsize) if fontsize.isdecimal() and len(fontsize) < 3 else 16,
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
