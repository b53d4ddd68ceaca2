"""half-close-echo, an independent Python solution written with asyncio streams.

Echo every byte as it arrives; when the client half-closes (EOF) send "BYTES <n>\\n"
and close. Connections are served one after another: a lock serialises the handlers.
"""
import asyncio
import sys

one_at_a_time = asyncio.Lock()


async def echo_until_half_close(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    async with one_at_a_time:
        total = 0
        try:
            while chunk := await reader.read(32 * 1024):
                total += len(chunk)
                writer.write(chunk)
                await writer.drain()
            writer.write(f"BYTES {total}\n".encode())
            await writer.drain()
        except ConnectionError as error:
            print(f"client failed: {error}", file=sys.stderr)
        finally:
            writer.close()
            try:
                await writer.wait_closed()
            except ConnectionError:
                pass


async def main(port: int) -> None:
    server = await asyncio.start_server(echo_until_half_close, "0.0.0.0", port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    asyncio.run(main(int(sys.argv[1])))
