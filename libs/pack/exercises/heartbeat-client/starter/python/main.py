"""heartbeat-client: PING the server every second and report how the connection ends.

Started as:  python3 main.py HOST PORT
  CLOSED (exit 0)  the server said BYE and closed
  DEAD   (exit 4)  the server went silent (report it within 4 s of the last PONG)
  RESET  (exit 5)  the connection was reset
"""
import socket
import sys
import time


def finish(word: str, code: int) -> None:
    print(word, flush=True)
    sys.exit(code)


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} HOST PORT")
    sock = socket.create_connection((sys.argv[1], int(sys.argv[2])))
    while True:
        ping_at = time.monotonic()
        try:
            sock.sendall(b"PING\n")
        except ConnectionError:
            finish("RESET", 5)
        # TODO: wait for the answer WITHOUT blocking forever (sock.settimeout(...) makes recv()
        # raise TimeoutError). Bytes may arrive in pieces: collect them until b"\n".
        #   - b"PONG": wait until ping_at + 1 s, then send the next PING;
        #   - b"BYE" or recv() returning b"" (the server's FIN): CLOSED, exit 0;
        #   - ConnectionResetError: RESET, exit 5;
        #   - no PONG in time: DEAD, exit 4.
        del ping_at
        finish("DEAD", 4)


if __name__ == "__main__":
    main()
