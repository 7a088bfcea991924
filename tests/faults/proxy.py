"""A TCP port in front of a real server that a test can take down and bring back."""

import contextlib
import selectors
import socket
import threading


class TcpProxy:
    """Forwards connections on a port of its own to `target` (host, port).

    stop() closes the port and cuts every open connection, as a server that
    goes down does; start() opens the same port again, as one that comes back.
    hang() cuts the connections too, but then takes new ones and never answers,
    as a server that hangs does; `held` counts the connections it took so.
    """

    def __init__(self, target):
        self.target = target
        self.port = None
        self.held = 0
        self._hanging = False
        self._listener = None
        self._connections = set()
        self._lock = threading.Lock()

    def hang(self):
        self.stop()
        self._hanging = True
        return self.start()

    def start(self):
        if self._listener is not None:  # from hanging to answering
            self.stop()
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port or 0))
        listener.listen()
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def stop(self):
        self._hanging = False
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            connections, self._connections = self._connections, set()
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # stopped
            if self._hanging:
                with self._lock:
                    self.held += 1
                    self._connections.add(client)  # open, unanswered, until stop()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                if self._listener is not listener:  # stopped meanwhile
                    client.close()
                    upstream.close()
                    return
                self._connections.update((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, client, upstream):
        peers = {client: upstream, upstream: client}
        with selectors.DefaultSelector() as selector:
            for end in peers:
                selector.register(end, selectors.EVENT_READ)
            try:
                while True:
                    for key, _ in selector.select():
                        data = key.fileobj.recv(65536)
                        if not data:
                            return
                        peers[key.fileobj].sendall(data)
            except (OSError, ValueError):
                return  # cut off by stop()
            finally:
                for end in peers:
                    with self._lock:
                        self._connections.discard(end)
                    end.close()
