"""heartbeat-client, an independent Python solution written with asyncio.

PING every second; each PONG is awaited with asyncio.wait_for (2 s). Reports CLOSED (0),
DEAD (4) or RESET (5).
"""
import asyncio
import sys

PING_INTERVAL_S = 1.0
PONG_DEADLINE_S = 2.0


async def heartbeat(host: str, port: int) -> int:
    reader, writer = await asyncio.open_connection(host, port)
    loop = asyncio.get_running_loop()
    while True:
        sent_at = loop.time()
        try:
            writer.write(b"PING\n")
            await writer.drain()
            reply = await asyncio.wait_for(reader.readline(), PONG_DEADLINE_S)
        except asyncio.TimeoutError:
            print("DEAD")
            return 4
        except ConnectionError:  # reset by the server, or a write after the reset
            print("RESET")
            return 5
        if reply in (b"", b"BYE\n"):
            writer.close()
            print("CLOSED")
            return 0
        if reply != b"PONG\n":
            print(f"unexpected line: {reply!r}", file=sys.stderr)
        await asyncio.sleep(max(0.0, sent_at + PING_INTERVAL_S - loop.time()))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} HOST PORT")
    sys.exit(asyncio.run(heartbeat(sys.argv[1], int(sys.argv[2]))))
