"""A notification receiver for the delivery fault tests: a real HTTP server on 127.0.0.1 that
appends every message it accepts to a JSON-lines file.

    python -m tests.standins.receiver PORT LOGFILE [--mode ok|fail|hang|garbage] [--delay SECONDS]

Modes: ok answers 204; fail answers 500; hang never answers; garbage answers bytes that are not
HTTP; nrc behaves as a Notificaties API (`GET/POST /kanaal`, `POST /notificaties`, which refuses a
kanaal it does not know). `--delay` slows every accepted request down (to catch a dispatcher
mid-batch).
"""

import argparse
import asyncio
import json
from urllib.parse import parse_qs, urlsplit

KANALEN: set[str] = set()


def _response(status: str, body: object | None = None) -> bytes:
    payload = json.dumps(body).encode() if body is not None else b""
    kind = b"content-type: application/json\r\n" if body is not None else b""
    return b"HTTP/1.1 " + status.encode() + b"\r\n" + kind + b"content-length: " + str(len(payload)).encode() + b"\r\n\r\n" + payload


def nrc(method: str, target: str, body: bytes) -> tuple[bytes, bool]:
    """(response, accepted as a notification) of the Notificaties API stand-in."""
    url = urlsplit(target)
    if url.path.endswith("/kanaal") and method == "GET":
        naam = parse_qs(url.query).get("naam", [""])[0]
        return _response("200 OK", [{"naam": naam, "filters": []}] if naam in KANALEN else []), False
    if url.path.endswith("/kanaal") and method == "POST":
        KANALEN.add(json.loads(body)["naam"])
        return _response("201 Created", json.loads(body)), False
    if url.path.endswith("/notificaties") and method == "POST":
        if json.loads(body).get("kanaal") not in KANALEN:
            return _response("400 Bad Request", {"invalidParams": [{"name": "kanaal", "code": "kanaal-not-found"}]}), False
        return _response("201 Created", json.loads(body)), True
    return _response("404 Not Found", {"detail": "not found"}), False


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, args) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            method, target = head.decode("latin-1").split(" ", 2)[:2]
            headers = dict(line.split(":", 1) for line in head.decode("latin-1").split("\r\n")[1:] if ":" in line)
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
            accepted = True
            if args.mode == "fail":
                writer.write(b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n")
                accepted = False
            elif args.mode == "nrc":
                response, accepted = nrc(method, target, body)
                writer.write(response)
            if accepted:
                with open(args.log, "a") as log:
                    log.write(
                        json.dumps(
                            {
                                "authorization": next((v.strip() for k, v in headers.items() if k.strip().lower() == "authorization"), ""),
                                "path": target,
                                "message": json.loads(body or b"{}"),
                            }
                        )
                        + "\n"
                    )
                if args.mode == "ok":
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
    parser.add_argument("--mode", default="ok", choices=["ok", "fail", "hang", "garbage", "nrc"])
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    server = await asyncio.start_server(lambda r, w: handle(r, w, args), "127.0.0.1", args.port)
    print("listening", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
