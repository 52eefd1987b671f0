"""`workbook serve` without a browser: its refusals, its guard, and the command it runs."""

from __future__ import annotations

import argparse
import http.client
import shlex
import socket
import subprocess
import sys
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
    assert allowed_hosts("0.0.0.0", 8123) is None


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
        def serve_on(self, hosts: set[str] | None) -> None:
            served.append(hosts)

    monkeypatch.setattr(web_server, "listen", lambda host, port: listening)
    monkeypatch.setattr(web_server, "server", lambda *args: NoServer())
    args = argparse.Namespace(path=seed_copy, ours=None, port="0", host="0.0.0.0")
    try:
        assert run_serve(args) == 0
    finally:
        listening.close()
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "no authentication" in err
    # A teammate cannot use 0.0.0.0: the address shown is this machine's own.
    shown = f"http://{web_server.reachable_host('0.0.0.0')}:{port}"
    assert shown in out and "0.0.0.0" not in out and served == [None]
    monkeypatch.setattr(web_server, "listen", lambda host, port: socket.socket())
    assert run_serve(argparse.Namespace(path=seed_copy, ours=None, port="0", host="::1")) == 0
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
