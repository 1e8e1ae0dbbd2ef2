"""Dependencies that fail on demand, on loopback ports the tests open and close.

:class:`FaultyPort` stands between the site and a service (or nothing) and
forwards, refuses, hangs or answers slowly, as the test says; :class:`RedisServer`
is a Redis of the test's own (never the machine's shared one), :class:`SmtpSink`
a mail server that keeps what it receives, :class:`SearchServerStub` a search
server that answers a ping.
"""

import contextlib
import http.server
import select
import shutil
import socket
import subprocess
import tempfile
import threading
import time

FORWARD, REFUSE, HANG, SLOW = "forward", "refuse", "hang", "slow"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class FaultyPort:
    """A port on 127.0.0.1 in front of ``upstream`` (host, port).

    * ``forward``: a plain proxy (with no upstream: accepts and closes);
    * ``refuse``: nothing listens, open connections are cut, as when the
      service has stopped;
    * ``hang``: connections are accepted and read, and never answered, the old
      ones too, as when the service or its machine hangs;
    * ``slow``: forwards, each answer ``delay`` seconds late.
    """

    def __init__(self, upstream: tuple[str, int] | None = None):
        self.upstream = upstream
        self.port = free_port()
        self.mode = FORWARD
        self.delay = 0.0
        # What reached the port: connections accepted, and chunks read from them.
        self.connections = 0
        self.requests = 0
        self._listener = None
        self._sockets = set()
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._listen()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def forward(self):
        self.mode = FORWARD
        self._listen()

    def refuse(self):
        self.mode = REFUSE
        self._close_listener()
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.close()

    def hang(self):
        self.mode = HANG
        self._listen()

    def slow(self, delay: float):
        self.mode, self.delay = SLOW, delay
        self._listen()

    def close(self):
        self._stopped.set()
        self.refuse()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _listen(self):
        if self._listener is not None:
            return
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _close_listener(self):
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()

    def _track(self, sock):
        with self._lock:
            self._sockets.add(sock)

    def _accept(self, listener):
        while not self._stopped.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return
            self.connections += 1
            self._track(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        upstream = None
        if self.upstream is not None and self.mode != HANG:
            try:
                upstream = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                return
            self._track(upstream)
        ends = [client] if upstream is None else [client, upstream]
        try:
            while not self._stopped.is_set():
                readable, _, _ = select.select(ends, [], [], 0.05)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    if sock is client:
                        self.requests += 1
                    if self.mode == HANG or upstream is None:
                        continue  # read and never answered
                    if sock is upstream and self.mode == SLOW:
                        time.sleep(self.delay)
                    (client if sock is upstream else upstream).sendall(data)
        except (OSError, ValueError):
            return
        finally:
            for sock in ends:
                with contextlib.suppress(OSError):
                    sock.close()


class RedisServer:
    """``redis-server`` on a free loopback port, without persistence; it can be
    stopped and started again on the same port."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        self.port = free_port()
        self.process = None
        self._dir = tempfile.TemporaryDirectory(prefix="kb-redis-")

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self._dir.name,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2),
            ):
                return self
            time.sleep(0.02)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def close(self):
        self.stop()
        self._dir.cleanup()


class SmtpSink:
    """A mail server on a free loopback port that accepts every message and
    keeps it in ``received`` (envelope sender, recipients, bytes)."""

    def __init__(self):
        self.received = []
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self):
        self._server.close()

    def _accept(self):
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            threading.Thread(target=self._session, args=(client,), daemon=True).start()

    def _session(self, client):
        with client, client.makefile("rb") as lines:
            client.sendall(b"220 sink\r\n")
            sender, recipients = None, []
            for line in lines:
                command = line.strip().upper()
                if command.startswith((b"EHLO", b"HELO")):
                    client.sendall(b"250 sink\r\n")
                elif command.startswith(b"MAIL FROM:"):
                    sender, recipients = line.strip()[10:].decode(), []
                    client.sendall(b"250 OK\r\n")
                elif command.startswith(b"RCPT TO:"):
                    recipients.append(line.strip()[8:].decode())
                    client.sendall(b"250 OK\r\n")
                elif command == b"DATA":
                    client.sendall(b"354 go on\r\n")
                    body = b"".join(iter(lines.readline, b".\r\n"))
                    self.received.append((sender, recipients, body))
                    client.sendall(b"250 OK\r\n")
                elif command == b"QUIT":
                    client.sendall(b"221 bye\r\n")
                    return
                else:
                    client.sendall(b"250 OK\r\n")


class SearchServerStub:
    """An HTTP server on a free loopback port that answers an Elasticsearch
    client's ping, and nothing else."""

    def __init__(self):
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_HEAD(self):
                self.send_response(200 if self.path.split("?")[0] == "/" else 404)
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self):
        self._server.shutdown()
        self._server.server_close()
