"""Finding the class on the school's network: a UDP broadcast every 2 s.

The host says only "a Crossings class listens on port P" (never the join
code); a student's machine listens for a few seconds and lists the senders.
Where broadcasts are blocked, the student types the address the teacher's
screen shows. No pygame.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time

DISCOVERY_PORT = 47311
EVERY_S = 2.0
MAGIC = "crossings-class"


def announcement(port: int) -> bytes:
    return json.dumps({"kind": MAGIC, "v": 1, "port": int(port)}).encode()


def read_announcement(data: bytes) -> int | None:
    """The port a valid announcement names, or None."""
    if len(data) > 512:
        return None
    try:
        d = json.loads(data)
    except ValueError:
        return None
    if not isinstance(d, dict) or d.get("kind") != MAGIC or d.get("v") != 1:
        return None
    port = d.get("port")
    return port if type(port) is int and 0 < port < 65536 else None


async def announce(port: int, target: tuple[str, int] = ("255.255.255.255", DISCOVERY_PORT), every_s: float = EVERY_S) -> None:
    """Send the announcement until cancelled (a task of the host)."""
    loop = asyncio.get_running_loop()
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    sock.setblocking(False)
    try:
        while True:
            try:
                await loop.sock_sendto(sock, announcement(port), target)
            except OSError:
                pass  # no network just now: try again at the next beat
            await asyncio.sleep(every_s)
    finally:
        sock.close()


def discover(timeout: float = 3.0, port: int = DISCOVERY_PORT, bind: str = "", enough: int | None = None) -> list[tuple[str, int]]:
    """(address, port) of every class heard within ``timeout`` seconds, or
    of the first ``enough`` heard, as soon as they are."""
    found: list[tuple[str, int]] = []
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if hasattr(socket, "SO_REUSEPORT"):
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        except OSError:
            pass
    try:
        sock.bind((bind, port))
    except OSError:
        sock.close()
        return found
    end = time.monotonic() + timeout
    try:
        while (left := end - time.monotonic()) > 0:
            sock.settimeout(left)
            try:
                data, (address, _p) = sock.recvfrom(1024)
            except (socket.timeout, OSError):
                break
            host_port = read_announcement(data)
            if host_port is not None and (address, host_port) not in found:
                found.append((address, host_port))
                if enough is not None and len(found) >= enough:
                    break
    finally:
        sock.close()
    return found
