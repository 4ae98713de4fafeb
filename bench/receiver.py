"""A fast notification receiver for the delivery benchmark: a minimal HTTP/1.1 server (asyncio
protocol, uvloop when installed, keep-alive and pipelining) that answers every POST with 204 and
records (seq, receipt time) per message.

    python -m bench.receiver PORT OUTFILE --expect N [--timeout SECONDS]

`seq` is the message's kenmerk `seq`. When N distinct seqs have arrived (or after --timeout
seconds), it writes {"receipts": [[seq, unix_time], ...], "requests": total} to OUTFILE, prints
"done" and exits. It prints "listening" once it accepts connections.
"""

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

RESPONSE = b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n"


class State:
    def __init__(self, expect: int):
        self.expect = expect
        self.first: dict[int, float] = {}  # seq -> first receipt
        self.requests = 0
        self.finished = asyncio.Event()


class Http(asyncio.Protocol):
    def __init__(self, state: State):
        self.state = state
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        state = self.state
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buffer[:end]).lower()
            start = head.find(b"content-length:")
            length = int(head[start + 15 :].split(b"\r\n", 1)[0]) if start >= 0 else 0
            total = end + 4 + length
            if len(self.buffer) < total:
                return
            body = bytes(self.buffer[end + 4 : total])
            del self.buffer[:total]
            now = time.time()
            state.requests += 1
            try:
                seq = int(json.loads(body)["kenmerken"]["seq"])
            except (ValueError, KeyError, TypeError):
                seq = -1
            if seq >= 0 and seq not in state.first:
                state.first[seq] = now
                if len(state.first) >= state.expect:
                    state.finished.set()
            self.transport.write(RESPONSE)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("outfile")
    parser.add_argument("--expect", type=int, required=True)
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()
    state = State(args.expect)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: Http(state), "127.0.0.1", args.port, backlog=1024)
    print("listening", flush=True)
    try:
        await asyncio.wait_for(state.finished.wait(), timeout=args.timeout)
    except TimeoutError:
        print(f"timeout: {len(state.first)} of {args.expect}", file=sys.stderr, flush=True)
    server.close()
    Path(args.outfile).write_text(json.dumps({"receipts": sorted(state.first.items()), "requests": state.requests}))
    print("done", flush=True)


if __name__ == "__main__":
    try:
        import uvloop

        uvloop.run(main())
    except ImportError:
        asyncio.run(main())
