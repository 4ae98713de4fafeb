"""Load on the running services with wrk: requests/s, p50, p99 and the non-2xx count per workload.

    make serve-postgres                      # the production shape, in another terminal
    .venv/bin/python -m bench.load           # every workload: 5 s warm-up, then 30 s

Workloads (`--workloads W1,W3,...`; all by default, in this order):

    W1   GET /zaken page 1, all-rights client, at 1 and at --connections connections
    W2   GET /zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=<random bsn>
    W3   GET /zaken/<random uuid>
    W6   W1 as a client with autorisaties (zaken.lezen, maximum zeer_geheim) for 15 zaaktypen
    ZT   GET /catalogi/api/v1/zaaktypen page 1
    W4   POST /zaken (a random zaaktype of the data set); notifications go through the outbox
    W5   POST /statussen on a random open zaak of the sample, a statustype of its zaaktype that is
         not the eindstatus, a datumStatusGezet no other request of the run has (a zaak takes one
         status per moment)

The writes come last: they add zaken and statussen to the data set (W4 about rps x 35 zaken).

Every workload runs wrk (bench/wrk/zgw.lua) for --warmup seconds (discarded), then --duration
seconds. The Lua script picks a random line of a request file this command writes, counts the
HTTP statuses in its response() hook and prints percentiles and counts as JSON in done(). Output:
a markdown table on stdout, the figures as JSON (--json), and exit status 1 when any response was
not 2xx (or a socket error or timeout happened).

Clients: the demo applicatie (all rights; DEMO_CLIENT_ID/DEMO_CLIENT_SECRET as the services have
them) for all but W6. W6's client (--limited-client-id/--limited-secret, defaults those of `make
serve-postgres`: BENCH_CLIENT_ID/BENCH_CLIENT_SECRET) must be in the services' applicaties file with
only its secret; this command creates or replaces its applicatie in the Autorisaties API.

The data set (--dataset, default bench/dataset.json as `python -m bench.generate` writes it). Keys
read (others ignored):

    zakenApiRoot      e.g. http://127.0.0.1:8002/zaken/api/v1 (default that)
    catalogiApiRoot   e.g. http://127.0.0.1:8001/catalogi/api/v1 (default that)
    zaaktypen         [{"url": ..., "statustypen": [url by volgnummer, the last the eindstatus]}]
                      (plain URL strings are accepted too; W5 then has no statustypen)
    zaken             [{"uuid": ..., "url": ..., "zaaktype": url, "closed": bool}] a sample
                      (plain uuid strings are accepted; W5 uses only entries with closed false)
    bsns              ["999990019", ...] BSNs of initiators (W2)
"""

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx

from shared.auth import make_token

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "wrk" / "zgw.lua"
DEFAULT_DATASET = HERE / "dataset.json"
DEFAULT_JSON = HERE / "load-results.json"
DEFAULT_ZAKEN_ROOT = "http://127.0.0.1:8002/zaken/api/v1"
DEFAULT_CATALOGI_ROOT = "http://127.0.0.1:8001/catalogi/api/v1"
DEFAULT_AUTORISATIES_ROOT = "http://127.0.0.1:8004/autorisaties/api/v1"
# the defaults of `make serve-postgres`
DEFAULT_LIMITED_CLIENT_ID = "bench-beperkt"
DEFAULT_LIMITED_SECRET = "bench-beperkt-secret-0123456789abcdef"
LIMITED_ZAAKTYPEN = 15
BSN_FILTER = "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn"
BRONORGANISATIE = "002220647"
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
ORDER = ("W1", "W2", "W3", "W6", "ZT", "W4", "W5")
TITLES = {
    "W1": "GET /zaken page 1 (all rights)",
    "W2": "GET /zaken?…inpBsn=<bsn>",
    "W3": "GET /zaken/{uuid}",
    "W6": "GET /zaken page 1 (15 zaaktypen)",
    "ZT": "GET /zaaktypen (catalogi)",
    "W4": "POST /zaken",
    "W5": "POST /statussen",
}


# ---------------------------------------------------------------- the data set


@dataclass
class Dataset:
    zaken_root: str
    catalogi_root: str
    zaaktypen: list[dict]  # {"url", "statustypen"}
    zaken: list[dict]  # {"uuid", "url", "zaaktype", "closed"}
    bsns: list[str]


def read_dataset(data: dict) -> Dataset:
    """The keys above, with plain strings accepted where objects are expected."""
    zaken_root = (data.get("zakenApiRoot") or DEFAULT_ZAKEN_ROOT).rstrip("/")
    zaaktypen = [z if isinstance(z, dict) else {"url": z} for z in data.get("zaaktypen", [])]
    for zaaktype in zaaktypen:
        zaaktype.setdefault("statustypen", [])
    zaken = []
    for entry in data.get("zaken", []):
        zaak = dict(entry) if isinstance(entry, dict) else {"uuid": entry}
        zaak.setdefault("url", f"{zaken_root}/zaken/{zaak['uuid']}")
        zaak.setdefault("uuid", zaak["url"].rstrip("/").rsplit("/", 1)[-1])
        zaken.append(zaak)
    return Dataset(
        zaken_root=zaken_root,
        catalogi_root=(data.get("catalogiApiRoot") or DEFAULT_CATALOGI_ROOT).rstrip("/"),
        zaaktypen=zaaktypen,
        zaken=zaken,
        bsns=[str(b) for b in data.get("bsns", [])],
    )


# ---------------------------------------------------------------- workloads


@dataclass
class Workload:
    name: str
    connections: int
    origin: str  # scheme://host:port, wrk's URL
    lines: list[str]  # request lines for bench/wrk/zgw.lua
    client: str = "demo"  # "demo" or "limited": whose token
    post: bool = False
    crs: bool = True  # Accept-Crs/Content-Crs (the Zaken API wants them)

    @property
    def key(self) -> str:
        return f"{self.name}-c{self.connections}"


def request_line(method: str, url: str, body: dict | None = None) -> str:
    """METHOD<TAB>path?query[<TAB>compact JSON]: one line of the Lua script's request file (JSON
    escapes tabs and newlines inside strings, so neither occurs raw)."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    line = f"{method}\t{target}"
    if body is not None:
        line += "\t" + json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    return line


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def zaak_body(zaaktype: str, today: dt.date) -> dict:
    """A minimal valid POST /zaken body (as tests/zaken/factories.py: zaak_body)."""
    return {
        "bronorganisatie": BRONORGANISATIE,
        "verantwoordelijkeOrganisatie": BRONORGANISATIE,
        "zaaktype": zaaktype,
        "startdatum": today.isoformat(),
        "omschrijving": "Benchmarkzaak (bench.load W4)",
    }


def status_bodies(dataset: Dataset) -> list[dict]:
    """W5: for every open zaak of the sample, each statustype of its zaaktype but the eindstatus;
    `{moment}` is filled in per request by the Lua script."""
    statustypen = {z["url"]: z["statustypen"] for z in dataset.zaaktypen}
    bodies = []
    for zaak in dataset.zaken:
        if zaak.get("closed", True) or "zaaktype" not in zaak:
            continue  # closed or unknown: a status would reopen it or may close it
        for statustype in statustypen.get(zaak["zaaktype"], [])[:-1]:
            bodies.append({"zaak": zaak["url"], "statustype": statustype, "datumStatusGezet": "{moment}"})
    return bodies


def build_workloads(dataset: Dataset, names: list[str], connections: int, today: dt.date) -> list[Workload]:
    zaken, catalogi = dataset.zaken_root, dataset.catalogi_root
    built: list[Workload] = []
    for name in names:
        if name == "W1":
            line = request_line("GET", f"{zaken}/zaken")
            built += [Workload("W1", c, origin(zaken), [line]) for c in sorted({1, connections})]
        elif name == "W2":
            lines = [request_line("GET", f"{zaken}/zaken?{urlencode({BSN_FILTER: bsn})}") for bsn in dataset.bsns]
            built.append(Workload("W2", connections, origin(zaken), lines))
        elif name == "W3":
            lines = [request_line("GET", f"{zaken}/zaken/{zaak['uuid']}") for zaak in dataset.zaken]
            built.append(Workload("W3", connections, origin(zaken), lines))
        elif name == "W6":
            built.append(Workload("W6", connections, origin(zaken), [request_line("GET", f"{zaken}/zaken")], client="limited"))
        elif name == "ZT":
            built.append(Workload("ZT", connections, origin(catalogi), [request_line("GET", f"{catalogi}/zaaktypen")], crs=False))
        elif name == "W4":
            lines = [request_line("POST", f"{zaken}/zaken", zaak_body(z["url"], today)) for z in dataset.zaaktypen]
            built.append(Workload("W4", connections, origin(zaken), lines, post=True))
        elif name == "W5":
            lines = [request_line("POST", f"{zaken}/statussen", body) for body in status_bodies(dataset)]
            built.append(Workload("W5", connections, origin(zaken), lines, post=True))
        else:
            raise SystemExit(f"unknown workload {name!r} (known: {', '.join(ORDER)})")
    for workload in built:
        if not workload.lines:
            raise SystemExit(f"{workload.name}: the data set gives no requests (bsns, zaken, zaaktypen with statustypen?)")
    return built


def headers_for(workload: Workload, token: str) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {token}"}
    if workload.crs:
        headers.update(CRS)
    if workload.post:
        headers["Content-Type"] = "application/json"
    return headers


# ---------------------------------------------------------------- wrk


def wrk_command(workload: Workload, headers: dict[str, str], seconds: float, threads: int, timeout: float, wrk: str = "wrk") -> list[str]:
    command = [
        wrk,
        "-t",
        str(threads),
        "-c",
        str(workload.connections),
        "-d",
        f"{seconds:g}s",
        "--timeout",
        f"{timeout:g}s",
        "-s",
        str(SCRIPT),
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(workload.origin + "/")
    return command


def parse_wrk_output(stdout: str) -> dict:
    """The figures of the `ZGW_RESULT {json}` line of bench/wrk/zgw.lua's done(), in ms and /s."""
    line = next((line for line in stdout.splitlines() if line.startswith("ZGW_RESULT ")), None)
    if line is None:
        raise ValueError(f"no ZGW_RESULT line in the wrk output:\n{stdout}")
    raw = json.loads(line.removeprefix("ZGW_RESULT "))
    statuses = {int(code): count for code, count in raw["statuses"].items()}
    seconds = raw["duration_us"] / 1e6
    latency = raw["latency_us"]
    errors = raw["errors"]
    return {
        "requests": raw["requests"],
        "seconds": round(seconds, 3),
        "rps": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": round(latency["p50"] / 1000, 2),
        "p90_ms": round(latency["p90"] / 1000, 2),
        "p99_ms": round(latency["p99"] / 1000, 2),
        "max_ms": round(latency["max"] / 1000, 2),
        "mean_ms": round(latency["mean"] / 1000, 2),
        "statuses": {str(code): statuses[code] for code in sorted(statuses)},
        "non2xx": sum(count for code, count in statuses.items() if not 200 <= code < 300),
        # socket errors; wrk's `status` error count is the non-2xx/3xx responses, counted above
        "socket_errors": errors["connect"] + errors["read"] + errors["write"] + errors["timeout"],
    }


def run_wrk(workload: Workload, headers: dict[str, str], seconds: float, threads: int, timeout: float, request_file: Path) -> dict:
    threads = max(1, min(threads, workload.connections))
    environment = {
        **os.environ,
        "ZGW_WRK_INPUT": str(request_file),
        "ZGW_WRK_THREADS": str(threads),
        "ZGW_WRK_NOW_US": str(int(time.time() * 1_000_000)),
    }
    command = wrk_command(workload, headers, seconds, threads, timeout)
    done = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=seconds + timeout + 60, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return parse_wrk_output(done.stdout)


# ---------------------------------------------------------------- clients


def demo_token() -> str:
    client_id = os.environ.get("DEMO_CLIENT_ID", "demo")
    secret = os.environ.get("DEMO_CLIENT_SECRET", "demo-secret")
    return make_token(client_id, secret, user_id="bench-load", user_representation="Benchmark")


def limited_applicatie(client_id: str, zaaktypen: list[str]) -> dict:
    return {
        "clientIds": [client_id],
        "label": "Benchmark (beperkt)",
        "heeftAlleAutorisaties": False,
        "autorisaties": [
            {"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": url, "maxVertrouwelijkheidaanduiding": "zeer_geheim"}
            for url in zaaktypen
        ],
    }


def limited_zaaktypen(dataset: Dataset, count: int = LIMITED_ZAAKTYPEN) -> list[str]:
    """`count` zaaktypen spread over the list (so over the vertrouwelijkheid mix of bench.generate)."""
    urls = [z["url"] for z in dataset.zaaktypen]
    step = max(1, len(urls) // count)
    return urls[::step][:count]


def ensure_limited_client(autorisaties_root: str, client_id: str, zaaktypen: list[str]) -> str:
    """Create or replace the applicatie of `client_id` in the Autorisaties API; 'created' or 'replaced'."""
    headers = {"Authorization": f"Bearer {demo_token()}"}
    body = limited_applicatie(client_id, zaaktypen)
    with httpx.Client(headers=headers, timeout=10) as client:
        found = client.get(f"{autorisaties_root}/applicaties", params={"clientIds": client_id})
        found.raise_for_status()
        results = found.json()["results"] if isinstance(found.json(), dict) else found.json()
        if results:
            response = client.put(results[0]["url"], json=body)
            action = "replaced"
        else:
            response = client.post(f"{autorisaties_root}/applicaties", json=body)
            action = "created"
        if response.status_code not in (200, 201):
            raise SystemExit(f"W6: the applicatie of {client_id} could not be written: {response.status_code} {response.text}")
    return action


def probe(url: str, headers: dict[str, str], attempts: int = 1, pause: float = 0.5) -> dict:
    """One GET before the run: a wrong token or URL shows itself here, with its body."""
    response = None
    for _ in range(attempts):
        response = httpx.get(url, headers=headers, timeout=10)
        if response.status_code == 200:
            return response.json()
        time.sleep(pause)
    raise SystemExit(f"probe {url}: {response.status_code} {response.text[:500]}")


# ---------------------------------------------------------------- targets and output


def check_targets(results: list[dict]) -> list[dict]:
    """The issue's targets for the workloads that ran (measured on 100,000 zaken)."""
    by_key = {r["key"]: r for r in results}
    checks = []

    def add(key: str, target: str, value: float | None, met: bool | None) -> None:
        checks.append({"key": key, "target": target, "value": value, "met": met})

    w1 = max((r for r in results if r["workload"] == "W1"), key=lambda r: r["connections"], default=None)
    for r in results:
        name = r["workload"]
        if name == "W1" and r["connections"] == 16:
            add(r["key"], "p50 <= 25 ms", r["p50_ms"], r["p50_ms"] <= 25)
        elif name in ("W2", "W3"):
            add(r["key"], "p50 <= 10 ms", r["p50_ms"], r["p50_ms"] <= 10)
        elif name in ("W4", "W5"):
            add(r["key"], ">= 300 requests/s", r["rps"], r["rps"] >= 300)
        elif name == "W6" and w1 is not None and w1["connections"] == r["connections"]:
            ratio = r["p50_ms"] / w1["p50_ms"] if w1["p50_ms"] else None
            add(r["key"], f"p50 <= 1.5 x {w1['key']} p50", round(ratio, 2) if ratio else None, ratio is not None and ratio <= 1.5)
    return [c for c in checks if c["key"] in by_key]


def markdown(results: list[dict], checks: list[dict]) -> str:
    targets = {c["key"]: c for c in checks}
    lines = [
        "| workload | connections | requests/s | p50 ms | p99 ms | non-2xx | socket errors | target | met |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        check = targets.get(r["key"])
        target = check["target"] if check else ""
        met = "" if not check else ("yes" if check["met"] else "**no**")
        lines.append(
            f"| {r['workload']} {r['title']} | {r['connections']} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} "
            f"| {r['non2xx']} | {r['socket_errors']} | {target} | {met} |"
        )
    return "\n".join(lines)


# ---------------------------------------------------------------- main


@dataclass
class Options:
    dataset: Path = DEFAULT_DATASET
    workloads: list[str] = field(default_factory=lambda: list(ORDER))
    duration: float = 30
    warmup: float = 5
    connections: int = 16
    threads: int = 2
    timeout: float = 10
    autorisaties_root: str = DEFAULT_AUTORISATIES_ROOT
    limited_client_id: str = DEFAULT_LIMITED_CLIENT_ID
    limited_secret: str = DEFAULT_LIMITED_SECRET
    json: Path | None = DEFAULT_JSON


def measure_workload(workload: Workload, options: Options, tmp: Path, settle: Callable[[], object] | None = None) -> dict:
    """One workload: a probe GET (a wrong token or URL shows itself), the warm-up (discarded),
    `settle()` when given (e.g. until the warm-up's notifications are delivered), the measured run."""
    if workload.client == "limited":
        token = make_token(options.limited_client_id, options.limited_secret, user_id="bench-load", user_representation="Benchmark")
    else:
        token = demo_token()  # a new one per workload: a token is valid for ZGW_JWT_MAX_AGE
    headers = headers_for(workload, token)
    first = workload.lines[0].split("\t")
    count = None
    if first[0] == "GET":
        # the rights of a new applicatie reach every worker within the cache period
        page = probe(workload.origin + first[1], headers, attempts=40 if workload.client == "limited" else 1)
        count = page.get("count") if isinstance(page, dict) else None
    request_file = tmp / f"{workload.key}.tsv"
    request_file.write_text("\n".join(workload.lines) + "\n")
    print(
        f"{workload.key}: {TITLES.get(workload.name, workload.name)}, {len(workload.lines)} distinct requests",
        file=sys.stderr,
        flush=True,
    )
    if options.warmup > 0:
        warm = run_wrk(workload, headers, options.warmup, options.threads, options.timeout, request_file)
        print(f"  warm-up {warm['rps']:.0f}/s p50 {warm['p50_ms']} ms, non-2xx {warm['non2xx']}", file=sys.stderr, flush=True)
    if settle is not None:
        settle()
    figures = run_wrk(workload, headers, options.duration, options.threads, options.timeout, request_file)
    print(
        f"  {figures['rps']:.0f}/s p50 {figures['p50_ms']} ms p99 {figures['p99_ms']} ms, "
        f"non-2xx {figures['non2xx']} {figures['statuses']}, socket errors {figures['socket_errors']}",
        file=sys.stderr,
        flush=True,
    )
    return {
        "key": workload.key,
        "workload": workload.name,
        "title": TITLES.get(workload.name, workload.name),
        "connections": workload.connections,
        "count": count,
        **figures,
    }


def run(options: Options) -> dict:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    dataset = read_dataset(json.loads(Path(options.dataset).read_text()))
    names = [n for n in ORDER if n in options.workloads] + [n for n in options.workloads if n not in ORDER]
    workloads = build_workloads(dataset, names, options.connections, dt.date.today())
    setup: dict[str, object] = {}
    if any(w.client == "limited" for w in workloads):
        zaaktypen = limited_zaaktypen(dataset)
        setup["limitedClient"] = {"clientId": options.limited_client_id, "zaaktypen": len(zaaktypen)}
        setup["limitedClient"]["applicatie"] = ensure_limited_client(options.autorisaties_root, options.limited_client_id, zaaktypen)

    with tempfile.TemporaryDirectory(prefix="zgw-load-") as tmp:
        results = [measure_workload(workload, options, Path(tmp)) for workload in workloads]
    checks = check_targets(results)
    return {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "machine": machine_facts(),
        "options": {k: str(v) if isinstance(v, Path) else v for k, v in dataclasses.asdict(options).items() if k != "limited_secret"},
        "dataset": {"zaaktypen": len(dataset.zaaktypen), "sampleZaken": len(dataset.zaken), "bsns": len(dataset.bsns)},
        "setup": setup,
        "results": results,
        "targets": checks,
    }


def machine_facts() -> dict[str, object]:
    from bench.common import machine

    facts = machine()
    facts["platform"] = platform.platform()
    try:
        facts["wrk"] = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False).stdout.splitlines()[0].strip()
    except (OSError, IndexError):
        facts["wrk"] = "unknown"
    return facts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET, help="the data set JSON (bench.generate's --dataset)")
    parser.add_argument("--workloads", default=",".join(ORDER), help="comma-separated, of " + ",".join(ORDER))
    parser.add_argument("--duration", type=float, default=30, help="seconds per measured run")
    parser.add_argument("--warmup", type=float, default=5, help="seconds of wrk before each measured run (discarded; 0: none)")
    parser.add_argument("--connections", type=int, default=16, help="connections of every workload (W1 also runs at 1)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (at most the connections)")
    parser.add_argument("--timeout", type=float, default=10, help="seconds before wrk counts a request as timed out")
    parser.add_argument("--autorisaties-root", default=DEFAULT_AUTORISATIES_ROOT)
    parser.add_argument("--limited-client-id", default=os.environ.get("BENCH_CLIENT_ID", DEFAULT_LIMITED_CLIENT_ID))
    parser.add_argument("--limited-secret", default=os.environ.get("BENCH_CLIENT_SECRET", DEFAULT_LIMITED_SECRET))
    parser.add_argument("--json", default=str(DEFAULT_JSON), help="where the figures go as JSON ('' for nowhere)")
    args = parser.parse_args(argv)
    options = Options(
        dataset=args.dataset,
        workloads=[w.strip().upper() for w in args.workloads.split(",") if w.strip()],
        duration=args.duration,
        warmup=args.warmup,
        connections=args.connections,
        threads=args.threads,
        timeout=args.timeout,
        autorisaties_root=args.autorisaties_root.rstrip("/"),
        limited_client_id=args.limited_client_id,
        limited_secret=args.limited_secret,
        json=Path(args.json) if args.json else None,
    )
    report = run(options)
    print(markdown(report["results"], report["targets"]))
    if options.json is not None:
        options.json.write_text(json.dumps(report, indent=2) + "\n")
    failed = [r["key"] for r in report["results"] if r["non2xx"] or r["socket_errors"]]
    if failed:
        print(f"not every response was 2xx: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
