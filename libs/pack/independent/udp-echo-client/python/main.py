"""udp-echo-client, an independent Python solution written with an asyncio datagram endpoint.

create_datagram_endpoint(remote_addr=...) connects the UDP socket, so an ICMP port
unreachable comes back as error_received(ConnectionRefusedError). Up to 3 tries of 1 s:
PONG (0), UNREACHABLE (2), TIMEOUT (3).
"""
import asyncio
import sys

TRIES = 3
WAIT_S = 1.0


class PingProtocol(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.outcome: asyncio.Future = asyncio.get_running_loop().create_future()

    def datagram_received(self, data: bytes, addr) -> None:
        if data == b"PONG" and not self.outcome.done():
            self.outcome.set_result(("PONG", 0))

    def error_received(self, exc: Exception) -> None:
        if isinstance(exc, ConnectionRefusedError) and not self.outcome.done():
            self.outcome.set_result(("UNREACHABLE", 2))


async def ping(host: str, port: int) -> int:
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.create_datagram_endpoint(PingProtocol, remote_addr=(host, port))
    word, status = "TIMEOUT", 3
    try:
        for _ in range(TRIES):
            transport.sendto(b"PING")
            try:
                word, status = await asyncio.wait_for(asyncio.shield(protocol.outcome), WAIT_S)
                break
            except asyncio.TimeoutError:
                continue
    finally:
        transport.close()
    print(word)
    return status


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} HOST PORT")
    sys.exit(asyncio.run(ping(sys.argv[1], int(sys.argv[2]))))
