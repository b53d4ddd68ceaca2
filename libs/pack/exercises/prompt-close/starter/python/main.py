"""prompt-close: answer "GET <key>\\n" with "VALUE <key>\\n", for up to 20 clients at once,
and close each connection as soon as its client has closed or reset it.

Started as:  python3 main.py PORT     (listen on 0.0.0.0:PORT)

This skeleton runs one thread per client; the selectors module in one thread works too.
"""
import socket
import sys
import threading


def serve(conn: socket.socket) -> None:
    """Serves one client until it closes or resets the connection."""
    pending = b""  # bytes received but not yet answered (a partial line)
    while True:
        try:
            data = conn.recv(4096)
        except ConnectionResetError:  # the client's RST
            data = b""
        if not data:
            # TODO: b"" is end of stream (the client's FIN), or the client reset the
            # connection. Either way it is over: what must the server do with conn before
            # this thread ends? (Look at the socket's state with `ss -tn` meanwhile.)
            return
        pending += data
        # TODO: answer every complete line in `pending`: b"GET <key>" gets b"VALUE <key>\n"
        # (conn.sendall). Keep an unfinished line for the next recv(): one recv() may
        # return part of a line or several lines.
        pending = b""


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", int(sys.argv[1])))
    listener.listen(64)
    while True:
        conn, _address = listener.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
