"""A notification receiver for the delivery fault tests: a real HTTP server on 127.0.0.1 that
appends every message it accepts to a JSON-lines file.

    python -m tests.standins.receiver PORT LOGFILE [--mode ok|fail|hang|garbage] [--delay SECONDS]

Modes: ok answers 204; fail answers 500; hang never answers; garbage answers bytes that are not
HTTP. `--delay` slows every accepted request down (to catch a dispatcher mid-batch).
"""

import argparse
import asyncio
import json


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, args) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            headers = dict(
                line.split(":", 1) for line in head.decode("latin-1").split("\r\n")[1:] if ":" in line
            )
            length = int(next((v for k, v in headers.items() if k.strip().lower() == "content-length"), "0"))
            body = await reader.readexactly(length) if length else b""
            if args.mode == "hang":
                await asyncio.sleep(3600)
            if args.mode == "garbage":
                writer.write(b"\x00\x01 this is not http\r\n\r\n")
                await writer.drain()
                writer.close()
                return
            if args.delay:
                await asyncio.sleep(args.delay)
            if args.mode == "fail":
                writer.write(b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n")
            else:
                with open(args.log, "a") as log:
                    log.write(json.dumps({"authorization": next((v.strip() for k, v in headers.items() if k.strip().lower() == "authorization"), ""), "message": json.loads(body or b"{}")}) + "\n")
                writer.write(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n")
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("log")
    parser.add_argument("--mode", default="ok", choices=["ok", "fail", "hang", "garbage"])
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    server = await asyncio.start_server(lambda r, w: handle(r, w, args), "127.0.0.1", args.port)
    print("listening", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
