"""bench/load.py without a 30 s run: the data set read flexibly, the request lines the Lua script
reads, the parsing of its done() line and the targets; and bench/wrk/zgw.lua run by wrk for a
second against a small local HTTP server (skipped without wrk)."""

import datetime as dt
import json
import shutil
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import load
from tests.conftest import TEST_DATABASE_URL

ZAKEN = "http://127.0.0.1:8002/zaken/api/v1"
CATALOGI = "http://127.0.0.1:8001/catalogi/api/v1"
ZAAKTYPE = f"{CATALOGI}/zaaktypen/1"
STATUSTYPEN = [f"{CATALOGI}/statustypen/{n}" for n in (1, 2, 3)]

DATASET = {
    "zakenApiRoot": ZAKEN,
    "catalogiApiRoot": CATALOGI,
    "zaaktypen": [{"url": ZAAKTYPE, "statustypen": STATUSTYPEN}, {"url": f"{CATALOGI}/zaaktypen/2", "statustypen": []}],
    "zaken": [
        {"uuid": "a", "url": f"{ZAKEN}/zaken/a", "zaaktype": ZAAKTYPE, "closed": False},
        {"uuid": "b", "url": f"{ZAKEN}/zaken/b", "zaaktype": ZAAKTYPE, "closed": True},
    ],
    "bsns": ["111222333", "999990019"],
}


def test_read_dataset_accepts_plain_strings_and_defaults():
    dataset = load.read_dataset({"zaaktypen": [ZAAKTYPE], "zaken": ["c"], "bsns": [123]})
    assert dataset.zaken_root == load.DEFAULT_ZAKEN_ROOT
    assert dataset.catalogi_root == load.DEFAULT_CATALOGI_ROOT
    assert dataset.zaaktypen == [{"url": ZAAKTYPE, "statustypen": []}]
    assert dataset.zaken == [{"uuid": "c", "url": f"{load.DEFAULT_ZAKEN_ROOT}/zaken/c"}]
    assert dataset.bsns == ["123"]


def test_request_lines():
    assert load.request_line("GET", f"{ZAKEN}/zaken?a=1") == "GET\t/zaken/api/v1/zaken?a=1"
    line = load.request_line("POST", f"{ZAKEN}/statussen", {"omschrijving": "tab\there\nnewline"})
    method, path, body = line.split("\t")
    assert (method, path) == ("POST", "/zaken/api/v1/statussen")
    assert json.loads(body) == {"omschrijving": "tab\there\nnewline"}
    assert "\n" not in line


def test_workloads_from_the_dataset():
    dataset = load.read_dataset(DATASET)
    workloads = load.build_workloads(dataset, list(load.ORDER), 16, dt.date(2026, 3, 2))
    assert [w.key for w in workloads] == ["W1-c1", "W1-c16", "W2-c16", "W3-c16", "W6-c16", "ZT-c16", "W4-c16", "W5-c16"]
    by_key = {w.key: w for w in workloads}
    assert by_key["W2-c16"].lines[1] == f"GET\t/zaken/api/v1/zaken?{load.BSN_FILTER}=999990019"
    assert by_key["W3-c16"].lines == ["GET\t/zaken/api/v1/zaken/a", "GET\t/zaken/api/v1/zaken/b"]
    assert by_key["W6-c16"].client == "limited"
    assert by_key["ZT-c16"].origin == "http://127.0.0.1:8001" and not by_key["ZT-c16"].crs
    creates = [json.loads(line.split("\t")[2]) for line in by_key["W4-c16"].lines]
    assert [c["zaaktype"] for c in creates] == [ZAAKTYPE, f"{CATALOGI}/zaaktypen/2"]
    assert creates[0]["startdatum"] == "2026-03-02"
    # W5: the open zaak only, every statustype but the eindstatus, the moment left to the Lua script
    statussen = [json.loads(line.split("\t")[2]) for line in by_key["W5-c16"].lines]
    assert statussen == [{"zaak": f"{ZAKEN}/zaken/a", "statustype": s, "datumStatusGezet": "{moment}"} for s in STATUSTYPEN[:2]]


def test_headers():
    dataset = load.read_dataset(DATASET)
    w4, zt = load.build_workloads(dataset, ["W4", "ZT"], 16, dt.date(2026, 3, 2))
    assert load.headers_for(w4, "t") == {"Authorization": "Bearer t", **load.CRS, "Content-Type": "application/json"}
    assert load.headers_for(zt, "t") == {"Authorization": "Bearer t"}
    command = load.wrk_command(w4, {"Authorization": "Bearer t"}, 30, 2, 10)
    assert command[:9] == ["wrk", "-t", "2", "-c", "16", "-d", "30s", "--timeout", "10s"]
    assert command[-3:] == ["-H", "Authorization: Bearer t", "http://127.0.0.1:8002/"]


def test_limited_applicatie():
    dataset = load.read_dataset({"zaaktypen": [f"{CATALOGI}/zaaktypen/{n}" for n in range(100)]})
    zaaktypen = load.limited_zaaktypen(dataset)
    assert len(zaaktypen) == 15 and len(set(zaaktypen)) == 15
    assert zaaktypen[:2] == [f"{CATALOGI}/zaaktypen/0", f"{CATALOGI}/zaaktypen/6"]
    body = load.limited_applicatie("bench-beperkt", zaaktypen)
    assert body["heeftAlleAutorisaties"] is False
    assert {a["maxVertrouwelijkheidaanduiding"] for a in body["autorisaties"]} == {"zeer_geheim"}
    assert {tuple(a["scopes"]) for a in body["autorisaties"]} == {("zaken.lezen",)}


WRK_OUTPUT = """Running 30s test @ http://127.0.0.1:8002/
  2 threads and 16 connections
Requests/sec:   1234.00
ZGW_RESULT {"requests": 3000, "duration_us": 30000000, "bytes": 1, "latency_us": {"p50": 12345, "p90": 20000, "p99": 45678, "max": 90000, "mean": 13000.5}, "statuses": {"200": 2990, "404": 7, "500": 3}, "errors": {"connect": 0, "read": 1, "write": 0, "status": 10, "timeout": 2}}
"""


def test_parse_wrk_output():
    figures = load.parse_wrk_output(WRK_OUTPUT)
    assert figures["rps"] == 100.0
    assert (figures["p50_ms"], figures["p99_ms"], figures["max_ms"]) == (12.35, 45.68, 90.0)
    assert figures["statuses"] == {"200": 2990, "404": 7, "500": 3}
    assert figures["non2xx"] == 10
    assert figures["socket_errors"] == 3
    with pytest.raises(ValueError):
        load.parse_wrk_output("Requests/sec: 1")


def test_targets_and_table():
    def result(name, connections, rps, p50):
        return {
            "key": f"{name}-c{connections}",
            "workload": name,
            "title": load.TITLES[name],
            "connections": connections,
            "rps": rps,
            "p50_ms": p50,
            "p99_ms": p50 * 3,
            "non2xx": 0,
            "socket_errors": 0,
        }

    results = [
        result("W1", 1, 100, 5),
        result("W1", 16, 400, 20),
        result("W2", 16, 900, 12),
        result("W6", 16, 300, 31),
        result("W4", 16, 320, 40),
    ]
    checks = {c["key"]: c for c in load.check_targets(results)}
    assert checks["W1-c16"]["met"] and "W1-c1" not in checks
    assert not checks["W2-c16"]["met"]
    assert checks["W6-c16"]["value"] == 1.55 and not checks["W6-c16"]["met"]
    assert checks["W4-c16"]["met"]
    table = load.markdown(results, list(checks.values()))
    assert "| W2 GET /zaken?…inpBsn=<bsn> | 16 | 900 | 12.0 | 36.0 | 0 | 0 | p50 <= 10 ms | **no** |" in table


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (Debian package wrk)")
def test_lua_script_with_wrk(tmp_path):
    """A second of wrk against a local server: statuses counted, `{moment}` unique per request."""
    bodies: list[bytes] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            self.answer(404 if self.path.endswith("/missing") else 200)

        def do_POST(self):
            bodies.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.answer(201)

        def answer(self, status):
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        lines = ["GET\t/ok", "GET\t/missing", load.request_line("POST", f"{base}/statussen", {"zaak": "z", "datumStatusGezet": "{moment}"})]
        request_file = tmp_path / "requests.tsv"
        request_file.write_text("\n".join(lines) + "\n")
        workload = load.Workload("T", 2, base, lines)
        figures = load.run_wrk(workload, {"Authorization": "Bearer t"}, 1, 2, 5, request_file)
    finally:
        server.shutdown()
        server.server_close()
    statuses = figures["statuses"]
    assert set(statuses) == {"200", "201", "404"}
    assert figures["non2xx"] == statuses["404"] > 0
    assert sum(statuses.values()) >= figures["requests"] > 0
    moments = [json.loads(body)["datumStatusGezet"] for body in bodies]
    assert len(moments) == len(set(moments)) > 0
    assert all(dt.datetime.fromisoformat(m) <= dt.datetime.now(dt.UTC) for m in moments)


def test_separate_dispatch_environments():
    """`zgw run --separate-dispatch` (make serve-postgres): no dispatcher in any API process, a
    `zgw dispatch` process for each service with targets (Zaken -> Rapportage, Autorisaties ->
    the callbacks), each with its own service's environment."""
    from services.cli import run_environments, separate_dispatch

    environments = run_environments({"PATH": "/usr/bin"})
    names = separate_dispatch(environments)
    assert names == ["zaken", "autorisaties"]
    assert {env["ZGW_DISPATCH_IN_PROCESS"] for env in environments.values()} == {"false"}
    assert [t["name"] for t in json.loads(environments["zaken"]["ZGW_NOTIFICATION_TARGETS"])["targets"]] == ["rapportage"]


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="needs TEST_DATABASE_URL (PostgreSQL)")
def test_create_postgres_database():
    """`zgw migrate --create-databases`: a missing database is created, an existing one left alone."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from services.cli import create_postgres_database
    from shared.db import normalize_url

    name = f"bench_load_test_{uuid.uuid4().hex[:8]}"
    url = make_url(TEST_DATABASE_URL).set(database=name).render_as_string(hide_password=False)
    try:
        assert create_postgres_database(url) is True
        assert create_postgres_database(url) is False
        assert create_postgres_database("sqlite:///nowhere.db") is False
    finally:
        engine = create_engine(normalize_url(TEST_DATABASE_URL), isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        engine.dispose()
