"""A WebSocket relay that misbehaves on purpose, in front of a real firehose (the local PDS) for fault tests.

Each client connection is relayed to the same path and query on the upstream server. `faults` says what
happens to successive connections: ("drop", n) relays n frames then drops the TCP connection without a close
frame; ("garble", n) relays n frames, then sends bytes that are not a frame in place of the next one (which
is withheld; a few frames relayed after it may still reach the client), then carries on; no fault: relays
everything. `connections` records, for each connection, the path it asked for and the seq of every frame
relayed in full.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from atproto import firehose_models
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect
from websockets.sync.server import ServerConnection, serve


@dataclass
class Connection:
    path: str
    seqs: list[int] = field(default_factory=list)
    withheld: int | None = None     # the seq of the frame replaced by garbage
    upstream_open: bool = False     # the relay's own connection to the upstream server is open


@dataclass
class WsRelay:
    upstream: str                                   # ws://127.0.0.1:PORT
    faults: list[tuple[str, int]] = field(default_factory=list)
    connections: list[Connection] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def handle(self, client: ServerConnection) -> None:
        path = client.request.path if client.request else "/"
        with self.lock:
            fault = self.faults.pop(0) if self.faults else ("ok", -1)
            record = Connection(path)
            self.connections.append(record)
        try:
            with connect(self.upstream + path, max_size=None) as upstream:
                record.upstream_open = True
                self._relay(client, upstream, record, fault)
        except ConnectionClosed:
            return

    def _relay(self, client: ServerConnection, upstream: Any, record: Connection, fault: tuple[str, int]) -> None:
        kind, after = fault
        relayed = 0
        while not self.stopping.is_set():
            try:
                data = upstream.recv(timeout=0.2)
            except TimeoutError:
                continue
            if relayed == after and kind == "drop":
                client.socket.shutdown(socket.SHUT_RDWR)
                return
            if relayed == after and kind == "garble":
                client.send(b"\xff\x00 not a frame")
                record.withheld = _seq(data)
                kind = "ok"
                continue
            client.send(data)
            relayed += 1
            record.seqs.append(_seq(data))


def _seq(data: bytes | str) -> int:
    frame = firehose_models.Frame.from_bytes(data if isinstance(data, bytes) else data.encode())
    body = frame.body if isinstance(frame, firehose_models.MessageFrame) else {}
    return int(body.get("seq", -1)) if isinstance(body, dict) else -1


@contextmanager
def serve_relay(relay: WsRelay) -> Iterator[str]:
    """Run the relay; yields its base URL (ws://127.0.0.1:PORT)."""
    server = serve(relay.handle, "127.0.0.1", 0, compression=None, max_size=None)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"ws://127.0.0.1:{server.socket.getsockname()[1]}"
    finally:
        relay.stopping.set()
        server.shutdown()
