"""`workbook serve` without a browser: its refusals, its guard, and the command it runs."""

from __future__ import annotations

import argparse
import http.client
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from workbook.commands import web_server
from workbook.commands.serve import run as run_serve
from workbook.commands.web_server import allowed_hosts, app_command, is_loopback

from .serving import Served


def workbook(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbook", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_bad_input_is_one_line_and_status_2(seed_copy: Path) -> None:
    folder = seed_copy.parent
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        cases = {
            ("missing.toml",): "missing.toml",
            (seed_copy.name, "--port", "x"): "--port",
            (seed_copy.name, "--port", "70000"): "--port",
            (seed_copy.name, "--port", "²"): "--port",
            (seed_copy.name, "--max-apps", "²"): "--max-apps",
            (seed_copy.name, "--ours", "nobody"): "--ours",
            (seed_copy.name, "--port", port): f"{port} is in use",
            (seed_copy.name, "--host", "192.0.2.1"): "--host",  # not this machine's
        }
        for args, said in cases.items():
            done = workbook("serve", *args, cwd=folder)
            assert done.returncode == 2, (args, done.stderr)
            assert done.stdout == "" and len(done.stderr.splitlines()) == 1, (args, done.stderr)
            assert said in done.stderr and "Traceback" not in done.stderr


def test_the_command_quotes_any_file_name(tmp_path: Path) -> None:
    """The shell that textual-serve starts reads the name back exactly, and never as an option."""
    odd = tmp_path / '-it\'s $(touch pwned) `x` "y"; z\n.toml'
    command = app_command(odd, "Deter rence")
    prefix = "exec " + shlex.join([sys.executable, "-m", "workbook", "open"])
    assert command.startswith(prefix + " ")
    echoed = subprocess.run(
        ["/bin/sh", "-c", "printf '%s\\0' " + command.removeprefix(prefix)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert echoed.stdout.split("\0")[:-1] == ["--ours", "Deter rence", "--", str(odd)]
    assert not (tmp_path / "pwned").exists()
    assert app_command(None, None) == prefix  # the seed, as `workbook` alone opens it


def test_only_loopback_is_private() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "127.5.0.1", "localhost", "::1", "[::1]"]))
    assert not any(map(is_loopback, ["0.0.0.0", "::", "192.168.1.2", "example.org"]))
    assert allowed_hosts("127.0.0.1", 8123) == {
        "127.0.0.1:8123",
        "localhost:8123",
        "[::1]:8123",
    }
    # On every address: this machine's own names, never another site's (DNS rebinding).
    everywhere = allowed_hosts("0.0.0.0", 8123)
    assert {
        "127.0.0.1:8123",
        "localhost:8123",
        f"{socket.gethostname().lower()}:8123",
    } <= everywhere
    assert "evil.example:8123" not in everywhere and "0.0.0.0:8123" not in everywhere


def test_a_server_on_every_address_is_shown_at_one_a_teammate_can_use() -> None:
    for wildcard in ("0.0.0.0", "::", "[::]"):
        shown = web_server.reachable_host(wildcard)
        assert shown and shown.strip("[]") not in ("0.0.0.0", "::")
    assert web_server.reachable_host("127.0.0.1") == "127.0.0.1"
    assert web_server.reachable_host("example.org") == "example.org"


def test_another_host_needs_saying_and_is_warned_of(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Binding beyond this machine prints one warning line; the served address is named."""
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    served: list[Any] = []

    class NoServer:
        def serve_on(self, hosts: set[str]) -> None:
            served.append(hosts)

    monkeypatch.setattr(web_server, "listen", lambda host, port: listening)
    monkeypatch.setattr(web_server, "server", lambda *args: NoServer())
    args = argparse.Namespace(path=seed_copy, ours=None, port="0", host="0.0.0.0", max_apps="8")
    try:
        assert run_serve(args) == 0
    finally:
        listening.close()
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "no authentication" in err
    # A teammate cannot use 0.0.0.0: the address shown is this machine's own.
    shown = f"http://{web_server.reachable_host('0.0.0.0')}:{port}"
    assert shown in out and "0.0.0.0" not in out
    assert served == [web_server.allowed_hosts("0.0.0.0", port)]
    monkeypatch.setattr(web_server, "listen", lambda host, port: socket.socket())
    loopback = argparse.Namespace(path=seed_copy, ours=None, port="0", host="::1", max_apps="8")
    assert run_serve(loopback) == 0
    out, err = capsys.readouterr()
    assert err == "" and "http://[::1]:" in out


def request(port: int, path: str, headers: dict[str, str]) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers)
    return connection.getresponse()


WEBSOCKET = {
    "Connection": "Upgrade",
    "Upgrade": "websocket",
    "Sec-WebSocket-Version": "13",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
}


def test_the_server_answers_only_its_own_page(seed_copy: Path) -> None:
    served = Served([seed_copy.name], seed_copy.parent)
    try:
        own = f"127.0.0.1:{served.port}"
        page = request(served.port, "/", {"Host": own})
        body = page.read().decode()
        assert page.status == 200 and f"ws://{own}/ws" in body
        assert "googleapis" not in body and page.getheader("X-Frame-Options") == "DENY"
        assert request(served.port, "/", {"Host": f"localhost:{served.port}"}).status == 200
        # A name pointed at this machine by another site (DNS rebinding) is refused.
        assert request(served.port, "/", {"Host": f"evil.example:{served.port}"}).status == 403
        # Another site's page may not open the app's socket.
        other = {**WEBSOCKET, "Host": own, "Origin": "http://evil.example"}
        assert request(served.port, "/ws", other).status == 403
    finally:
        assert served.stop() == 0


def test_a_server_on_every_address_answers_only_this_machines_names(seed_copy: Path) -> None:
    """With --host 0.0.0.0, a name another site pointed at this machine (DNS rebinding) gets a
    plain 403; this machine's names and addresses, and the address printed, are answered."""
    served = Served([seed_copy.name, "--host", "0.0.0.0"], seed_copy.parent)
    try:
        port = served.port

        def status(host: str) -> int:
            return request(port, "/", {"Host": host}).status

        own = ["127.0.0.1", "localhost", socket.gethostname(), served.url.split("//")[1]]
        assert [status(h if h.count(":") == 1 else f"{h}:{port}") for h in own] == [200] * 4
        assert status(f"evil.example:{port}") == 403
        assert status(f"{socket.gethostname()}.evil.example:{port}") == 403
        assert status(f"192.0.2.200:{port}") == 403  # an address of no interface here
        assert status(f"localhost:{port + 1}") == 403  # not where it listens
    finally:
        assert served.stop() == 0


def test_the_address_a_request_came_in_on_names_this_machine() -> None:
    assert web_server.arrived_at(("10.1.2.3", 8000), 8000) == {"10.1.2.3:8000"}
    mapped = web_server.arrived_at(("::ffff:10.1.2.3", 8000, 0, 0), 8000)
    assert mapped == {"[::ffff:a01:203]:8000", "10.1.2.3:8000"}
    assert web_server.arrived_at(("fe80::1%eth0", 80, 0, 2), 80) == {"[fe80::1]:80", "[fe80::1]"}
    assert web_server.arrived_at(None, 8000) == set()


def handshake(port: int) -> tuple[socket.socket, int]:
    """A terminal's socket opened as the page opens it; the server's status, and the socket,
    which holds its app until it is closed."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=20)
    head = {**WEBSOCKET, "Host": f"127.0.0.1:{port}"}
    lines = ["GET /ws?width=80&height=24 HTTP/1.1", *(f"{k}: {v}" for k, v in head.items())]
    connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    reply = b""
    while b"\r\n" not in reply:
        reply += connection.recv(1024)
    return connection, int(reply.split()[1])


def test_the_apps_running_at_once_are_capped(seed_copy: Path) -> None:
    """A page that opens tab after tab gets a plain 503 past --max-apps; a tab closed frees
    its place once its app has ended."""
    served = Served([seed_copy.name, "--max-apps", "1"], seed_copy.parent)
    try:
        first, status = handshake(served.port)
        assert status == 101
        second, refused = handshake(served.port)
        second.close()
        assert refused == 503
        page = request(served.port, "/", {"Host": f"127.0.0.1:{served.port}"})
        assert page.status == 503 and "--max-apps" in page.read().decode()
        first.close()  # the tab closes: its app is asked to quit
        deadline = time.monotonic() + 30
        while True:
            third, status = handshake(served.port)
            third.close()
            if status == 101 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert status == 101
    finally:
        assert served.stop() == 0


def test_the_cap_is_an_option_said_in_the_help(seed_copy: Path) -> None:
    shown = " ".join(workbook("serve", "--help", cwd=seed_copy.parent).stdout.split())
    assert "--max-apps N the most apps it runs at once, one for each browser tab" in shown
    assert "(default 8)" in shown
    for wrong in ("0", "x", "1001"):
        done = workbook("serve", seed_copy.name, "--max-apps", wrong, cwd=seed_copy.parent)
        assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
        assert done.stderr.startswith("--max-apps: must be a whole number from 1 to 1000")


def test_a_rounds_flow_is_served_as_the_terminal_opens_it(seed_copy: Path) -> None:
    """`workbook serve R.flow.toml` serves the round as `workbook R.flow.toml` opens it; a flow
    its reader refuses is refused in its one line, naming the field, before any server."""
    folder = seed_copy.parent
    new = ["flow", "new", seed_copy.name, "--format", "policy-hs", "--as", "Aff"]
    assert workbook(*new, "-o", "r.flow.toml", cwd=folder).returncode == 0
    assert app_command(Path("r.flow.toml"), None).endswith("open -- r.flow.toml")
    served = Served(["r.flow.toml"], folder)
    try:
        assert served.line.startswith("Serving r.flow.toml at ")
        page = request(served.port, "/", {"Host": f"127.0.0.1:{served.port}"})
        assert page.status == 200
    finally:
        assert served.stop() == 0
    flow = folder / "r.flow.toml"
    spoiled = flow.read_text(encoding="utf-8").replace('speech = "1AC"', 'speech = "XYZ"', 1)
    flow.write_text(spoiled, encoding="utf-8")
    done = workbook("serve", "r.flow.toml", "--ours", "nobody", cwd=folder)
    assert done.returncode == 2 and done.stdout == ""
    said = done.stderr.splitlines()
    assert len(said) == 1 and said[0].startswith("r.flow.toml: sheets.reckless-decision.")
    assert "arguments.p1.speech: no speech 'XYZ'" in said[0]
    assert flow.read_text(encoding="utf-8") == spoiled
