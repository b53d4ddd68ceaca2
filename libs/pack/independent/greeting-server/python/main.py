"""greeting-server, an independent Python solution written with asyncio streams.

Each client gets "HELLO <ip> <port>\\n" from the transport's peername, then the server
closes first.
"""
import asyncio
import sys


async def greet(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    ip, port = writer.get_extra_info("peername")[:2]
    try:
        writer.write(f"HELLO {ip} {port}\n".encode())
        await writer.drain()
    except ConnectionError as error:
        print(f"client failed: {error}", file=sys.stderr)
    finally:
        writer.close()


async def main(port: int) -> None:
    server = await asyncio.start_server(greet, "0.0.0.0", port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} PORT")
    asyncio.run(main(int(sys.argv[1])))
