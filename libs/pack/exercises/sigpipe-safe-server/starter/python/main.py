"""sigpipe-safe-server: write "TICK <i>\\n" to each client every 50 ms until a write fails,
then close that connection and serve the next client. Never die.

Started as:  python3 main.py PORT     (listen on 0.0.0.0:PORT)
"""
import socket
import sys
import time


def serve(conn: socket.socket) -> None:
    """Serves one client; returns when the connection is no longer usable."""
    # TODO: for i = 1, 2, 3, ...: conn.sendall(f"TICK {i}\n".encode()), then time.sleep(0.05).
    # A send to a client that is gone raises an exception (which one? BrokenPipeError and
    # ConnectionResetError are both OSErrors). Catch it and return; main() closes the socket.
    # Python already ignores SIGPIPE for you; C programs must do that themselves.
    return


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", int(sys.argv[1])))
    listener.listen(16)
    while True:
        conn, _address = listener.accept()
        with conn:
            serve(conn)


if __name__ == "__main__":
    main()
