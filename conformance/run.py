"""`make conformance`: VNG's ZGW behaviour suite against the services as production serves them.

Starts the services (services/registry.py) with `zgw run` (a `zgw serve` process per
service, the Autorisaties API wired as `make run` wires it) on temporary SQLite databases, with
the Catalogi API's selectielijst checks against the suite's Referentielijsten stand-in; runs
`../shared/conformance/run.sh` with every folder those services can serve; compares the failed
assertions with `conformance/known-failures.txt`:

- a failed assertion (or a script error) not on the list fails the run: a regression;
- a listed assertion that now passes (or a listed script error that no longer happens) fails it
  too: take it off the list (the list only shrinks);
- so does a folder whose run stopped before its tearDown (assertions that never ran hide).

    python -m conformance.run [--out var/conformance] [--update]

`--update` writes the list from this run (keeping the comments of entries that stay) instead of
comparing. Without `../shared/conformance` beside the checkout it says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from services.registry import SERVICES, without_service_settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SUITE_DIR = PROJECT_ROOT.parent / "shared" / "conformance"
KNOWN_FAILURES = Path(__file__).resolve().parent / "known-failures.txt"
NEWMAN = PROJECT_ROOT / ".cache" / "newman" / "node_modules" / ".bin" / "newman"

# The suite's folders are the components (ac, zrc, ztc, drc, brc): it runs those the services serve.
COMPONENTS = {info.component: info for info in SERVICES.values() if info.component}
FOLDERS = tuple(sorted(COMPONENTS))
HOST = "127.0.0.1"
MOCK_PORT, REF_PORT = 9101, 9100

# The suite's two clients (its README): one with all rights, one that gets its rights from the
# Autorisaties API while the suite runs; and the one the services read each other with.
CLIENT_ID, SECRET = "zgw_api_tests", "secret"
LIMITED_ID, LIMITED_SECRET = "zgw_api_tests_limited", "secret_limited"
SERVICES_ID, SERVICES_SECRET = "zgw-services", "conformance-services-secret"


@dataclass(frozen=True, order=True)
class Assertion:
    """One assertion of the suite, as the summary names it."""

    folder: str
    rule: str
    request: str
    assertion: str

    def line(self) -> str:
        return "\t".join((self.folder, self.rule, self.request, self.assertion))

    @classmethod
    def parse(cls, line: str) -> Assertion:
        parts = line.split("\t")
        if len(parts) != 4:
            raise ValueError(f"expected 4 tab-separated fields: {line!r}")
        return cls(*parts)


SCRIPT_ERROR = "(script error)"


def read_known(path: Path) -> dict[Assertion, list[str]]:
    """The listed assertions with the comment lines written above each."""
    known: dict[Assertion, list[str]] = {}
    comments: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            comments = []
        elif raw.startswith("#"):
            comments.append(raw)
        else:
            known[Assertion.parse(raw)] = comments
            comments = []
    return known


HEADER = """\
# Assertions of VNG's ZGW behaviour suite that fail against these services (conformance/run.py).
# One per line: folder, rule, request, assertion, tab-separated; "(script error)" for a script that
# threw. A comment right above an entry says why it stays. The list only shrinks: an entry that
# passes fails `make conformance` until it is removed.
"""


def write_known(path: Path, failing: set[Assertion], previous: dict[Assertion, list[str]]) -> None:
    """The list for `failing`: an entry with a comment starts a paragraph, the ones without follow on."""
    text = HEADER
    for number, entry in enumerate(sorted(failing)):
        comments = previous.get(entry, [])
        if comments or number == 0:
            text += "\n"
        text += "".join(line + "\n" for line in [*comments, entry.line()])
    path.write_text(text, encoding="utf-8")


def outcomes(summary: dict) -> tuple[set[Assertion], list[str]]:
    """(failed assertions and script errors, folders whose run ended before their tearDown)."""
    failed = {Assertion(f["folder"], f["rule"], f["request"], f["assertion"]) for f in summary["failures"]}
    failed |= {Assertion(e["folder"], e["rule"], e["request"], SCRIPT_ERROR) for e in summary["script_errors"]}
    cut_short = [api for api, flow in summary["flow"].items() if not flow["reached_tearDown"]]
    return failed, cut_short


def passed_assertions(reports: list[Path]) -> set[Assertion]:
    """Every assertion that passed in some execution (read from newman's reports; the summary lists
    only failures). Requests are placed in their folder and rule as the suite's summary places them."""
    sys.path.insert(0, str(SUITE_DIR))
    try:
        from summarise import index_collection  # the suite's own reading of its collection
    finally:
        sys.path.pop(0)
    passed: set[Assertion] = set()
    for path in reports:
        report = json.loads(path.read_text(encoding="utf-8"))
        where = index_collection(report.get("collection") or {})
        for execution in (report.get("run") or {}).get("executions") or []:
            info = where.get((execution.get("item") or {}).get("id"))
            if info is None:
                continue
            for assertion in execution.get("assertions") or []:
                if not assertion.get("error") and not assertion.get("skipped"):
                    passed.add(Assertion(info["api"], info["rule"], info["name"], assertion.get("assertion")))
    return passed


def compare(known: set[Assertion], failed: set[Assertion], passed: set[Assertion], cut_short: list[str]) -> list[str]:
    """What is wrong with this run against the list (empty: green)."""
    problems = [f"new failure: {a.line()}" for a in sorted(failed - known)]
    problems += [f"passes now, remove it from the list: {a.line()}" for a in sorted((known & passed) - failed)]
    problems += [f"no script error now, remove it from the list: {a.line()}" for a in sorted(known - failed) if a.assertion == SCRIPT_ERROR]
    problems += [f"folder {api}: the run ended before its tearDown" for api in cut_short]
    return problems


def free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def service_environment(workdir: Path) -> dict[str, str]:
    """The environment of `zgw run`: the caller's, less what configures ZGW services, plus the
    temporary databases, the applicaties file and the stand-in Referentielijsten API."""
    environment = without_service_settings(os.environ)
    applicaties = {
        "applicaties": [
            {"label": "ZGW API tests", "clientIds": [CLIENT_ID], "secret": SECRET, "heeftAlleAutorisaties": True},
            # rights from the Autorisaties API, given and taken by the suite itself
            {"label": "ZGW API tests (beperkt)", "clientIds": [LIMITED_ID], "secret": LIMITED_SECRET},
            # the services read (and mirror into) each other: the Zaken API the Catalogi and
            # Documenten APIs, the Documenten API the Catalogi and Zaken APIs, all the Autorisaties API
            {"label": "ZGW services", "clientIds": [SERVICES_ID], "secret": SERVICES_SECRET, "heeftAlleAutorisaties": True},
        ]
    }
    (workdir / "applicaties.json").write_text(json.dumps(applicaties, indent=2))
    for name, info in SERVICES.items():
        environment[f"{info.settings_prefix}DATABASE_URL"] = f"sqlite:///{workdir / (name + '.db')}"
        # the credentials a service reads the others with (a service without them ignores them)
        environment[f"{info.settings_prefix}CLIENT_ID"] = SERVICES_ID
        environment[f"{info.settings_prefix}SECRET"] = SERVICES_SECRET
    environment.update(
        ZGW_AUTORISATIES_FILE=str(workdir / "applicaties.json"),
        ZGW_AUTORISATIES_API_CLIENT_ID=SERVICES_ID,
        ZGW_AUTORISATIES_API_SECRET=SERVICES_SECRET,
        DOCUMENTEN_STORAGE_PATH=str(workdir / "documenten"),
        CATALOGI_SELECTIELIJST_VALIDATION="true",
        CATALOGI_REFERENTIELIJSTEN_API_URL=f"http://{HOST}:{REF_PORT}/api/v1",
        ZGW_DEMO_ENABLED="false",
    )
    return environment


def start_services(environment: dict[str, str], log: Path) -> subprocess.Popen:
    from services.cli import wait_until_ok

    process = subprocess.Popen(
        [sys.executable, "-m", "services.cli", "run", "--no-seed", "--no-access-log", "--host", HOST],
        env=environment,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=PROJECT_ROOT,
    )
    deadline = time.monotonic() + 120
    for info in SERVICES.values():
        if not wait_until_ok(f"http://{HOST}:{info.port}/readyz", deadline):
            stop(process)
            raise SystemExit(f"conformance: {info.name} did not become ready; see {log}\n{log.read_text()[-3000:]}")
    return process


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def run_suite(out: Path) -> None:
    command = [
        "bash", str(SUITE_DIR / "run.sh"),
        *(argument for component, info in COMPONENTS.items() for argument in (f"--{component}", info.local_root(HOST))),
        "--client-id", CLIENT_ID, "--secret", SECRET,
        "--limited-id", LIMITED_ID, "--limited-secret", LIMITED_SECRET,
        "--mock-port", str(MOCK_PORT), "--ref-port", str(REF_PORT),
        "--out", str(out),
    ]  # fmt: skip
    for folder in FOLDERS:
        command += ["--folder", folder]
    environment = {**os.environ, "NEWMAN": str(NEWMAN), "PYTHON": sys.executable}
    result = subprocess.run(command, env=environment, cwd=PROJECT_ROOT, check=False)
    if result.returncode != 0:
        raise SystemExit(f"conformance: run.sh broke (exit {result.returncode}); see {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conformance.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "var" / "conformance")
    parser.add_argument("--update", action="store_true", help="write known-failures.txt from this run")
    args = parser.parse_args(argv)

    if not (SUITE_DIR / "run.sh").is_file():
        print(f"conformance: skipped, the suite is not at {SUITE_DIR}")
        return 0
    if not NEWMAN.exists():
        raise SystemExit(f"conformance: newman not found at {NEWMAN} (make conformance installs it)")
    busy = [port for port in (*(i.port for i in SERVICES.values()), MOCK_PORT, REF_PORT) if not free(port)]
    if busy:
        raise SystemExit(f"conformance: port(s) {busy} on {HOST} in use; stop what listens there first")

    args.out.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="zgw-conformance-"))
    process = start_services(service_environment(workdir), args.out / "services.log")
    try:
        run_suite(args.out)
    finally:
        stop(process)
        shutil.rmtree(workdir, ignore_errors=True)

    summary = json.loads((args.out / "conformance.summary.json").read_text(encoding="utf-8"))
    failed, cut_short = outcomes(summary)
    previous = read_known(KNOWN_FAILURES) if KNOWN_FAILURES.exists() else {}
    if args.update:
        write_known(KNOWN_FAILURES, failed, previous)
        print(f"conformance: {len(failed)} failing assertions written to {KNOWN_FAILURES.relative_to(PROJECT_ROOT)}")
        return 0
    passed = passed_assertions(sorted(args.out.glob("newman-*.json")))
    problems = compare(set(previous), failed, passed, cut_short)
    totals = summary["totals"]
    print(f"conformance: {totals['passed']} passed, {totals['failed']} failed; {len(previous)} known failures listed")
    for problem in problems:
        print(f"  {problem}")
    if problems:
        print(f"conformance: {len(problems)} difference(s) from {KNOWN_FAILURES.relative_to(PROJECT_ROOT)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
