"""Remote URL resolution: cached, revalidated with ETag, and bounded by a timeout."""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import httpx
import pytest

from shared.remote import RemoteError, RemoteResolver, api_reader


class Counting:
    def __init__(self):
        self.calls: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request)
        if request.url.path == "/missing":
            return httpx.Response(404)
        if request.url.path == "/broken":
            return httpx.Response(500)
        if request.url.path == "/html":
            return httpx.Response(200, text="<html/>")
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304, headers={"ETag": '"v1"'})
        return httpx.Response(200, json={"url": str(request.url)}, headers={"ETag": '"v1"'})


def test_cached_within_period():
    handler = Counting()
    resolver = RemoteResolver(transport=httpx.MockTransport(handler), cache_seconds=60)
    for _ in range(3):
        assert resolver.get_json("http://api.test/x") == {"url": "http://api.test/x"}
    assert len(handler.calls) == 1


def test_revalidated_with_etag_after_period():
    handler = Counting()
    resolver = RemoteResolver(transport=httpx.MockTransport(handler), cache_seconds=0)
    resolver.get_json("http://api.test/x")
    assert resolver.get_json("http://api.test/x") == {"url": "http://api.test/x"}
    assert handler.calls[1].headers["if-none-match"] == '"v1"'


def test_a_304_answers_from_the_cache_and_every_request_is_counted():
    handler = Counting()
    resolver = RemoteResolver(transport=httpx.MockTransport(handler), cache_seconds=0)
    first = resolver.get_json("http://api.test/x")
    assert resolver.get_json("http://api.test/x") is first
    assert [call.headers.get("if-none-match") for call in handler.calls] == [None, '"v1"']
    assert resolver.requests == 2


def test_a_fresh_read_neither_uses_nor_fills_the_cache():
    handler = Counting()
    resolver = RemoteResolver(transport=httpx.MockTransport(handler), cache_seconds=60)
    resolver.get_json("http://api.test/x")
    assert resolver.get_json("http://api.test/x", {"expand": "status"}, cached=False) == {"url": "http://api.test/x?expand=status"}
    assert resolver.get_json("http://api.test/x", cached=False) == {"url": "http://api.test/x"}
    assert "if-none-match" not in handler.calls[1].headers
    assert resolver.get_json("http://api.test/x", {"expand": "status"}) == {"url": "http://api.test/x?expand=status"}
    assert resolver.requests == len(handler.calls) == 4


def test_the_query_is_part_of_the_cache_key():
    handler = Counting()
    resolver = RemoteResolver(transport=httpx.MockTransport(handler), cache_seconds=60)
    for _ in range(2):
        assert resolver.get_json("http://api.test/x", {"page": "2"}) == {"url": "http://api.test/x?page=2"}
        assert resolver.get_json("http://api.test/x") == {"url": "http://api.test/x"}
    assert len(handler.calls) == 2


def test_an_error_carries_the_status_of_the_answer():
    resolver = RemoteResolver(transport=httpx.MockTransport(Counting()))
    for path, status in (("/missing", 404), ("/broken", 500), ("/html", 200)):
        with pytest.raises(RemoteError) as info:
            resolver.get_json(f"http://api.test{path}")
        assert info.value.status == status
    with pytest.raises(RemoteError) as info:
        resolver.get_json("geen-url")
    assert info.value.status is None


def test_with_all_peers_no_answer_is_an_outage_wherever_the_url_points():
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    resolver = RemoteResolver(transport=httpx.MockTransport(refused), all_peers=True)
    assert resolver.is_peer("http://elsewhere.test/x")
    with pytest.raises(RemoteError) as info:
        resolver.get_json("http://elsewhere.test/x")
    assert (info.value.kind, info.value.status) == ("unavailable", None)


@pytest.mark.parametrize(
    ("path", "peer", "kind"),
    [
        ("/missing", "bad-url", "bad-url"),
        # it answers, but not with a resource: the suite's mock `/200` (zrc-001e, ztc-001b)
        ("/html", "invalid-resource", "invalid-resource"),
        # a 5xx is an outage of a peer; of a URL elsewhere, a URL that cannot be fetched
        ("/broken", "unavailable", "bad-url"),
    ],
)
def test_errors(path, peer, kind):
    at_peer = RemoteResolver(transport=httpx.MockTransport(Counting()), peers=["http://api.test/"])
    elsewhere = RemoteResolver(transport=httpx.MockTransport(Counting()), peers=["http://api.test/other"])
    for resolver, expected in ((at_peer, peer), (elsewhere, kind)):
        with pytest.raises(RemoteError) as info:
            resolver.get_json(f"http://api.test{path}")
        assert info.value.kind == expected


def test_not_a_url():
    with pytest.raises(RemoteError) as info:
        RemoteResolver().get_json("geen-url")
    assert info.value.kind == "bad-url"


def test_hanging_server_times_out():
    """A real socket that accepts and never answers: the call gives up after the timeout."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    accepted = []
    threading.Thread(target=lambda: accepted.append(server.accept()), daemon=True).start()
    resolver = RemoteResolver(timeout=0.5, peers=[f"http://127.0.0.1:{port}"])
    started = time.monotonic()
    with pytest.raises(RemoteError) as info:
        resolver.get_json(f"http://127.0.0.1:{port}/hangs")
    assert info.value.kind == "unavailable"
    assert time.monotonic() - started < 3
    server.close()


def test_refused_connection_is_unavailable_at_a_peer_and_a_bad_url_elsewhere():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    for peers, kind in (([f"http://127.0.0.1:{port}/api"], "unavailable"), ([], "bad-url")):
        with pytest.raises(RemoteError) as info:
            RemoteResolver(timeout=1, peers=peers).get_json(f"http://127.0.0.1:{port}/api/x")
        assert info.value.kind == kind


def test_a_host_that_does_not_resolve_is_a_bad_url():
    """`.invalid` never resolves (RFC 2606): the client's URL cannot be fetched."""
    with pytest.raises(RemoteError) as info:
        RemoteResolver(timeout=2).get_json("http://zaaktypen.invalid/catalogi/api/v1/zaaktypen/1")
    assert info.value.kind == "bad-url"


def test_a_peer_is_matched_by_its_whole_root():
    resolver = RemoteResolver(peers=["http://127.0.0.1:8001/catalogi/api/v1"])
    assert resolver.is_peer("http://127.0.0.1:8001/catalogi/api/v1/zaaktypen/1")
    assert not resolver.is_peer("http://127.0.0.1:8001/catalogi/api/v10/zaaktypen/1")
    assert not resolver.is_peer("http://127.0.0.1:80010/catalogi/api/v1/zaaktypen/1")


class _ClosesOnce(httpx.BaseTransport):
    """A server that closed the kept-alive connection the first request goes out on."""

    def __init__(self):
        self.sent = 0

    def handle_request(self, request):
        self.sent += 1
        if self.sent == 1:
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
        return httpx.Response(200, json={"ok": True})


def test_a_read_on_a_connection_the_server_just_closed_is_sent_once_more():
    inner = _ClosesOnce()
    with api_reader(5.0, inner) as client:
        assert client.get("http://api.example/x").json() == {"ok": True}
    assert inner.sent == 2


def test_a_write_on_a_closed_connection_is_not_sent_again():
    inner = _ClosesOnce()
    with api_reader(5.0, inner) as client, pytest.raises(httpx.RemoteProtocolError):
        client.post("http://api.example/x", json={})
    assert inner.sent == 1


def test_a_reader_keeps_no_cookies():
    """The APIs read are stateless: a cookie one sets is not kept, nor sent with the next read."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={}, headers={"Set-Cookie": "sessionid=abc; Path=/"})

    with api_reader(5.0, httpx.MockTransport(handler)) as client:
        client.get("http://api.example/a")
        client.get("http://api.example/b")
        client.cookies = {"given": "1"}
        client.get("http://api.example/c")
        assert len(client.cookies) == 0
    assert [request.headers.get("cookie") for request in sent] == [None, None, None]


def test_a_reader_goes_through_the_proxy_of_the_environment(monkeypatch):
    class Proxy(BaseHTTPRequestHandler):
        def do_GET(self):
            body = json.dumps({"proxied": self.path}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Proxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{server.server_port}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    try:
        with api_reader(5.0) as client:
            assert client.get("http://api.example/x").json() == {"proxied": "http://api.example/x"}
    finally:
        server.shutdown()
        server.server_close()


def test_a_type_not_cached_caches_its_siblings_from_their_list_at_a_peer():
    """cache_with_siblings: one list request caches every object it shows, so their details cost
    nothing; not at a URL outside the peers, and a list that fails caches nothing (the detail
    is then fetched by itself)."""
    root = "http://api.test/catalogi/api/v1/statustypen"
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(str(request.url))
        if request.url.path.endswith("/statustypen"):
            if request.url.params.get("zaaktype") == "broken":
                return httpx.Response(500)
            return httpx.Response(200, json={"count": 2, "results": [{"url": f"{root}/1", "n": 1}, {"url": f"{root}/2", "n": 2}]})
        return httpx.Response(200, json={"url": str(request.url), "detail": True})

    resolver = RemoteResolver(transport=httpx.MockTransport(handler), cache_seconds=60, peers=["http://api.test/"])
    resolver.cache_with_siblings(f"{root}/1", {"zaaktype": "z"})
    assert sent == [f"{root}?zaaktype=z"]
    assert resolver.get_json(f"{root}/2") == {"url": f"{root}/2", "n": 2}
    resolver.cache_with_siblings(f"{root}/2", {"zaaktype": "z"})  # cached: nothing sent
    assert len(sent) == 1

    resolver.cache_with_siblings(f"{root}/3", {"zaaktype": "broken"})
    assert resolver.get_json(f"{root}/3") == {"url": f"{root}/3", "detail": True}
    elsewhere = RemoteResolver(transport=httpx.MockTransport(handler), cache_seconds=60, peers=["http://other.test/"])
    elsewhere.cache_with_siblings(f"{root}/1", {"zaaktype": "z"})
    assert len(sent) == 3  # the broken list and the detail; nothing for a URL outside the peers
