"""ping-client, reference solution: connect with a 3 s limit, send "PING\n", read one line;
"PONG" -> OK, exit 0. Refused -> REFUSED, exit 2. No answer within 3 s -> TIMEOUT, exit 3."""
import socket
import sys

CONNECT_LIMIT_S = 3.0


def main() -> int:
    if len(sys.argv) != 3:
        print(f"usage: {sys.argv[0]} HOST PORT", file=sys.stderr)
        return 1
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(CONNECT_LIMIT_S)  # connect() becomes non-blocking + poll, limited to 3 s
    try:
        sock.connect((sys.argv[1], int(sys.argv[2])))
    except ConnectionRefusedError:  # RST in answer to our SYN
        print("REFUSED")
        return 2
    except socket.timeout:  # no SYN-ACK within the limit
        print("TIMEOUT")
        return 3
    sock.settimeout(None)
    sock.sendall(b"PING\n")
    reply = b""
    while not reply.endswith(b"\n"):
        chunk = sock.recv(64)
        if not chunk:
            break
        reply += chunk
    sock.close()  # we close first: FIN_WAIT_1 -> FIN_WAIT_2 -> TIME_WAIT
    if reply.rstrip(b"\n") != b"PONG":
        print(f"unexpected reply: {reply!r}", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
