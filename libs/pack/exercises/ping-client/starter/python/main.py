"""ping-client: connect (3 s limit), send "PING\n", expect "PONG\n"; print OK / REFUSED / TIMEOUT."""
import socket
import sys


def main() -> int:
    if len(sys.argv) != 3:
        print(f"usage: {sys.argv[0]} HOST PORT", file=sys.stderr)
        return 1
    host, port = sys.argv[1], int(sys.argv[2])
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # TODO: connect to (host, port), but give up after 3 s: a plain connect() blocks for
    # minutes when nobody answers (sock.settimeout() limits it).
    #   refused (ConnectionRefusedError) -> print("REFUSED"), return 2
    #   no answer within 3 s (socket.timeout) -> print("TIMEOUT"), return 3
    # TODO: once connected: send b"PING\n", read one line; "PONG" -> close, print("OK"), return 0.
    _ = (host, port)
    sock.close()
    return 1


if __name__ == "__main__":
    sys.exit(main())
