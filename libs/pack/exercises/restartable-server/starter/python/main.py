"""restartable-server: send "BYE\\n" to every client and close the connection first; the
server must be able to restart at once on the same port.

Started as:  python3 main.py PORT     (listen on 0.0.0.0:PORT)
"""
import socket
import sys

connections = []  # kept only so that this skeleton does not close them by accident


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # TODO: when this server is restarted, its last connection is still in TIME_WAIT and
    # holds the port. Which socket option, set here before bind(), lets bind() succeed anyway?
    listener.bind(("0.0.0.0", int(sys.argv[1])))  # OSError EADDRINUSE: "Address already in use"
    listener.listen(16)
    while True:
        conn, _address = listener.accept()
        # TODO: send b"BYE\n" on conn, then close it: the server closes first.
        connections.append(conn)


if __name__ == "__main__":
    main()
