"""event-loop-server reference: one thread, non-blocking sockets, selectors."""
import selectors
import socket
import sys

ALPHABET = b"abcdefghijklmnopqrstuvwxyz"
MAX_REQUEST = 64
MAX_SIZE = 16 * 1024 * 1024
CHUNK = 65536


class Client:
    def __init__(self, conn):
        self.conn = conn
        self.request = b""
        self.size = None  # None while the request is still being read
        self.sent = 0


def parse(line):
    if not line.startswith(b"SIZE ") or not line[5:].isdigit():
        return None
    size = int(line[5:])
    return size if size <= MAX_SIZE else None


def on_readable(client):
    """Returns False when the client is to be dropped."""
    try:
        data = client.conn.recv(MAX_REQUEST)
    except BlockingIOError:
        return True
    except OSError:
        return False
    if not data:
        return False
    client.request += data
    if b"\n" in client.request:
        client.size = parse(client.request.split(b"\n", 1)[0])
        return client.size is not None
    return len(client.request) < MAX_REQUEST


def on_writable(client):
    """Returns False when the client is to be dropped (its reply is all queued, or it failed)."""
    while client.sent < client.size:
        length = min(CHUNK, client.size - client.sent)
        start = client.sent % 26
        chunk = (ALPHABET * (length // 26 + 2))[start : start + length]
        try:
            client.sent += client.conn.send(chunk)
        except BlockingIOError:
            return True
        except OSError:
            return False
    return False


def main():
    port = int(sys.argv[1])
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", port))
    listener.listen(128)
    listener.setblocking(False)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, None)
    while True:
        for key, _ in selector.select():
            if key.data is None:
                try:
                    conn, _ = listener.accept()
                except BlockingIOError:
                    continue
                conn.setblocking(False)
                selector.register(conn, selectors.EVENT_READ, Client(conn))
                continue
            client = key.data
            reading = client.size is None
            keep = on_readable(client) if reading else on_writable(client)
            if not keep:
                selector.unregister(client.conn)
                client.conn.close()
            elif reading and client.size is not None:
                selector.modify(client.conn, selectors.EVENT_WRITE, client)


main()
