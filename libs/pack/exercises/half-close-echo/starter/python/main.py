"""half-close-echo: echo every byte; after the client's half-close send "BYTES <n>\n" and close."""
import socket
import sys


def serve(conn: socket.socket) -> None:
    """Serves one client. Returns when the conversation is over; main() then closes conn."""
    total = 0
    # TODO: loop on conn.recv(16384):
    #   - data: add len(data) to total and send it back with conn.sendall(data);
    #   - b"": the client half-closed (FIN). Send f"BYTES {total}\n" and return.
    _ = total


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", int(sys.argv[1])))
    listener.listen(16)
    while True:
        conn, _ = listener.accept()
        try:
            serve(conn)
        except OSError as error:  # e.g. the client reset the connection
            print(f"connection failed: {error}", file=sys.stderr)
        # TODO: close the connection here (your FIN), or it stays in CLOSE_WAIT forever.


if __name__ == "__main__":
    main()
