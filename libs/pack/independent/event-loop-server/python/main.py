"""event-loop-server, an independent Python solution written with asyncio streams.

Each client is a coroutine: read the request line, then write the reply chunk by chunk,
awaiting drain() so that a client that stops reading only suspends its own coroutine.
"""
import asyncio
import re
import sys

LARGEST_REPLY = 16 * 1024 * 1024
CHUNK = 64 * 1024
ALPHABET = b"abcdefghijklmnopqrstuvwxyz"
REPEATED = ALPHABET * (CHUNK // len(ALPHABET) + 2)
REQUEST = re.compile(rb"SIZE ([0-9]{1,9})\n")


def reply_bytes(offset: int, length: int) -> bytes:
    start = offset % len(ALPHABET)
    return REPEATED[start : start + length]


async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        match = REQUEST.fullmatch(await reader.readline())
        size = int(match.group(1)) if match else -1
        if 0 <= size <= LARGEST_REPLY:
            for offset in range(0, size, CHUNK):
                writer.write(reply_bytes(offset, min(CHUNK, size - offset)))
                await writer.drain()
    except (ConnectionError, ValueError) as error:  # ValueError: a request line over the limit
        print(f"client failed: {error}", file=sys.stderr)
    finally:
        writer.close()


async def main(port: int) -> None:
    server = await asyncio.start_server(serve, "0.0.0.0", port, backlog=128)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    asyncio.run(main(int(sys.argv[1])))
