"""sigpipe-safe-server, an independent Python solution written with socketserver.

"TICK <i>\\n" every 50 ms through the handler's wfile until a write fails, then the next
client (TCPServer serves one connection at a time).
"""
import socketserver
import sys
import time


class Ticker(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        tick = 1
        while True:
            try:
                self.wfile.write(f"TICK {tick}\n".encode())
            except OSError as error:  # BrokenPipeError, ConnectionResetError
                print(f"client gone after TICK {tick - 1}: {error}", file=sys.stderr)
                return
            tick += 1
            time.sleep(0.05)


class ReusableServer(socketserver.TCPServer):
    allow_reuse_address = True


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    with ReusableServer(("0.0.0.0", int(sys.argv[1])), Ticker) as server:
        server.serve_forever()
