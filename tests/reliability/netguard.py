"""A network guard for tests: every socket connection and name lookup that is not loopback is recorded and
refused. `install(log)` patches this process (as a sitecustomize does for subprocesses); `patches(record)`
gives the same functions for monkeypatch in the test process itself."""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
LOG_VARIABLE = "NETGUARD_LOG"

# Written to a temporary folder that goes first on PYTHONPATH: Python imports it in every process it starts.
SITECUSTOMIZE = """
import os
from tests.reliability.netguard import install
install(os.environ["NETGUARD_LOG"])
"""

Record = Callable[[str, str], None]


def is_loopback(host: object) -> bool:
    if host is None:
        return True  # getaddrinfo(None, port): the local wildcard, used to bind servers
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    name = str(host).strip("[]").split("%")[0].lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _is_address(host: object) -> bool:
    try:
        ipaddress.ip_address(str(host.decode() if isinstance(host, bytes) else host).strip("[]"))
    except ValueError:
        return False
    return True


def _target_host(sock: socket.socket, address: Any) -> object | None:
    """The host a socket call goes to; None for sockets that never leave the machine (Unix, netlink)."""
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return None
    return address[0] if isinstance(address, tuple) else address


def patches(record: Record) -> dict[str, Callable[..., Any]]:
    """Replacements for socket.socket.connect/connect_ex/sendto and socket.getaddrinfo."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_sendto, real_getaddrinfo = socket.socket.sendto, socket.getaddrinfo

    def refuse(kind: str, target: object) -> OSError:
        record(kind, repr(target))
        return ConnectionRefusedError(f"netguard: {kind} naar {target!r} geweigerd (test zonder netwerk)")

    def connect(self: socket.socket, address: Any) -> None:
        host = _target_host(self, address)
        if host is not None and not is_loopback(host):
            raise refuse("connect", address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        host = _target_host(self, address)
        if host is not None and not is_loopback(host):
            refuse("connect_ex", address)
            return 111  # ECONNREFUSED
        return real_connect_ex(self, address)

    def sendto(self: socket.socket, data: bytes, *args: Any) -> int:
        address = args[-1]
        host = _target_host(self, address)
        if host is not None and not is_loopback(host):
            raise refuse("sendto", address)
        return real_sendto(self, data, *args)

    def getaddrinfo(host: object, *args: Any, **kwargs: Any) -> Any:
        # An address literal needs no lookup: the connect that follows is checked instead.
        if not is_loopback(host) and not _is_address(host):
            record("getaddrinfo", repr(host))
            raise socket.gaierror(socket.EAI_NONAME, f"netguard: opzoeken van {host!r} geweigerd")
        return real_getaddrinfo(host, *args, **kwargs)

    return {"connect": connect, "connect_ex": connect_ex, "sendto": sendto, "getaddrinfo": getaddrinfo}


def install(log: str | os.PathLike[str]) -> None:
    """Guard this process; one JSON line per refused attempt (and one saying the guard is on) in `log`."""
    path = Path(log)

    def write(kind: str, target: str) -> None:
        entry = {"pid": os.getpid(), "argv": sys.argv[:4], "kind": kind, "target": target}
        with path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry) + "\n")

    replaced = patches(write)
    socket.getaddrinfo = replaced.pop("getaddrinfo")  # type: ignore[assignment]
    for name, function in replaced.items():
        setattr(socket.socket, name, function)
    write("installed", "")


def read_log(log: Path) -> list[dict[str, Any]]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
