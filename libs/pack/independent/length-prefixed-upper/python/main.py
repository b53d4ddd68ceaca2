"""length-prefixed-upper, an independent Python solution written with asyncio streams.

readexactly() collects a header or a payload however the bytes were cut into segments;
IncompleteReadError is the end of the client's stream (between or inside messages).
"""
import asyncio
import struct
import sys

LARGEST_PAYLOAD = 65536
UPPER = bytes.maketrans(b"abcdefghijklmnopqrstuvwxyz", b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")


async def serve_frames(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            header = await reader.readexactly(4)
            (length,) = struct.unpack(">I", header)
            if length > LARGEST_PAYLOAD:
                break
            payload = await reader.readexactly(length)
            writer.write(header + payload.translate(UPPER))
            await writer.drain()
    except asyncio.IncompleteReadError:
        pass  # the client has shut down its sending side
    except ConnectionError as error:
        print(f"client failed: {error}", file=sys.stderr)
    finally:
        writer.close()
        try:
            await writer.wait_closed()
        except ConnectionError:
            pass


async def main(port: int) -> None:
    server = await asyncio.start_server(serve_frames, "0.0.0.0", port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    asyncio.run(main(int(sys.argv[1])))
