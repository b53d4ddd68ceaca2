"""heartbeat-client reference solution: PING every second, 2 s to answer."""
import socket
import sys
import time

PING_INTERVAL = 1.0
PONG_TIMEOUT = 2.0


def finish(word: str, code: int) -> None:
    print(word, flush=True)
    sys.exit(code)


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} HOST PORT")
    sock = socket.create_connection((sys.argv[1], int(sys.argv[2])))
    reader = sock.makefile("rb")
    while True:
        ping_at = time.monotonic()
        try:
            sock.sendall(b"PING\n")
            sock.settimeout(PONG_TIMEOUT)
            line = reader.readline()
        except TimeoutError:
            finish("DEAD", 4)
        except ConnectionError:
            finish("RESET", 5)
        if line in (b"", b"BYE\n"):
            sock.close()
            finish("CLOSED", 0)
        time.sleep(max(0.0, ping_at + PING_INTERVAL - time.monotonic()))


if __name__ == "__main__":
    main()
