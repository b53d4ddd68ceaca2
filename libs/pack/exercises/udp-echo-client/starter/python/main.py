"""udp-echo-client: send b"PING" over UDP, up to 3 tries of 1 s each.

Started as:  python3 main.py HOST PORT
  PONG        (exit 0)  the server answered
  UNREACHABLE (exit 2)  ICMP port unreachable: nothing listens on that port
  TIMEOUT     (exit 3)  three tries, no answer
"""
import socket
import sys


def finish(word: str, code: int) -> None:
    print(word, flush=True)
    sys.exit(code)


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} HOST PORT")
    server = (sys.argv[1], int(sys.argv[2]))
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    # TODO: decide how this socket talks to the server. sendto()/recvfrom() work without
    # connect(), but only a connect()ed UDP socket is told (ConnectionRefusedError) when the
    # server's host answers with ICMP port unreachable.
    for _ in range(3):
        sock.sendto(b"PING", server)
        # TODO: wait at most 1 s for the answer (sock.settimeout(1.0) makes recv() raise
        # TimeoutError): b"PONG" → PONG, exit 0; ConnectionRefusedError → UNREACHABLE, exit 2.
        # After three unanswered tries: TIMEOUT, exit 3.
    finish("TIMEOUT", 3)


if __name__ == "__main__":
    main()
