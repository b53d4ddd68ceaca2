"""udp-echo-client reference solution: a connected UDP socket, 3 tries of 1 s each."""
import socket
import sys
import time

TRIES = 3
WAIT = 1.0


def finish(word: str, code: int) -> None:
    print(word, flush=True)
    sys.exit(code)


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} HOST PORT")
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    # connect() on UDP sends nothing: it fixes the peer, so ICMP errors about it reach us.
    sock.connect((sys.argv[1], int(sys.argv[2])))
    for _ in range(TRIES):
        try:
            sock.send(b"PING")
            deadline = time.monotonic() + WAIT
            while (left := deadline - time.monotonic()) > 0:
                sock.settimeout(left)
                if sock.recv(1500) == b"PONG":
                    finish("PONG", 0)
        except ConnectionRefusedError:
            finish("UNREACHABLE", 2)
        except TimeoutError:
            pass
    finish("TIMEOUT", 3)


if __name__ == "__main__":
    main()
