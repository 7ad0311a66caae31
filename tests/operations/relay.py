"""A service that stops answering, for the deployment tests: a TCP relay on loopback that can be
told to hold every byte (connections open, nothing answered), as a hanging object store does."""

import socket
import threading
from contextlib import contextmanager
from urllib.parse import urlsplit


class Relay:
    def __init__(self, target_url):
        target = urlsplit(target_url)
        self.target = (target.hostname, target.port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"{target.scheme}://127.0.0.1:{self.listener.getsockname()[1]}"
        self.flowing = threading.Event()
        self.flowing.set()
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
                upstream = socket.create_connection(self.target)
            except OSError:
                return
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pump, args=(source, sink), daemon=True).start()

    def pump(self, source, sink):
        try:
            while data := source.recv(65536):
                self.flowing.wait()
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    @contextmanager
    def hanging(self):
        """Connections are accepted and requests read, but nothing passes until the block ends."""
        self.flowing.clear()
        try:
            yield
        finally:
            self.flowing.set()

    def close(self):
        self.listener.close()
