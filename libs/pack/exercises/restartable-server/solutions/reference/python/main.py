"""restartable-server, reference: "BYE\\n" to every client, then close first. SO_REUSEADDR
lets a restarted server bind its port while the last connection is still in TIME_WAIT."""
import socket
import sys


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
            try:
                conn.sendall(b"BYE\n")
            except OSError:
                pass


if __name__ == "__main__":
    main()
