"""event-loop-server: answer "SIZE <n>\\n" with n bytes of the alphabet, to many clients at
once, without ever waiting on one of them.

Started as:  python3 main.py PORT     (listen on 0.0.0.0:PORT)
"""
import selectors
import socket
import sys

ALPHABET = b"abcdefghijklmnopqrstuvwxyz"
MAX_REQUEST = 64
MAX_SIZE = 16 * 1024 * 1024


class Client:
    """What the server remembers about one client between two select() rounds."""

    def __init__(self, conn):
        self.conn = conn
        self.request = b""  # the request line so far
        self.size = None  # None while the request is incomplete, then n
        self.sent = 0  # bytes of the reply handed to send() so far


def parse_request(line):
    """b"SIZE <n>" (without the newline) -> n, or None when malformed."""
    if not line.startswith(b"SIZE ") or not line[5:].isdigit():
        return None
    size = int(line[5:])
    return size if size <= MAX_SIZE else None


def reply_chunk(start, length):
    """The reply's bytes from offset `start` on: byte k is ALPHABET[k % 26]."""
    first = start % 26
    return (ALPHABET * (length // 26 + 2))[first : first + length]


def on_readable(client):
    """The socket has bytes to read (or the client closed). Returns False to close it."""
    # TODO: client.conn.recv() what is there (the socket is non-blocking: BlockingIOError means
    # "nothing more now", so return True). b"" means the client closed: return False. Once
    # client.request has its b"\n", set client.size with parse_request() (None: return False).
    return False


def on_writable(client):
    """The socket has room to send. Returns False to close it (reply handed over, or failed)."""
    # TODO: client.conn.send() the next reply_chunk() (say 64 KiB) from client.sent; send()
    # may take fewer bytes than offered: add what it took to client.sent. BlockingIOError
    # means "the send buffer is full now": return True and wait. Once client.sent ==
    # client.size, return False: close() hands the rest to the kernel, then our FIN.
    return False


def main():
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} PORT", file=sys.stderr)
        sys.exit(1)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", int(sys.argv[1])))
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
                # The request is complete: from now on, wait until the socket can take data.
                selector.modify(client.conn, selectors.EVENT_WRITE, client)


if __name__ == "__main__":
    main()
