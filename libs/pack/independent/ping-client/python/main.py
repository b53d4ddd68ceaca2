"""ping-client, an independent Python solution written with asyncio.

Connect with a 3 s limit, PING/PONG, and tell a refused connection (REFUSED, exit 2)
from an unanswered one (TIMEOUT, exit 3).
"""
import asyncio
import sys

CONNECT_LIMIT_S = 3.0


async def ping(host: str, port: int) -> int:
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), CONNECT_LIMIT_S)
    except ConnectionRefusedError:
        print("REFUSED")
        return 2
    except asyncio.TimeoutError:
        print("TIMEOUT")
        return 3
    writer.write(b"PING\n")
    await writer.drain()
    reply = await reader.readline()
    writer.close()
    await writer.wait_closed()
    if reply != b"PONG\n":
        print(f"unexpected reply: {reply!r}", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} HOST PORT")
    sys.exit(asyncio.run(ping(sys.argv[1], int(sys.argv[2]))))
