"""bench/documenten.py: sizes, the part slices httpx streams, and the whole command at a tiny size
(3 bestandsdelen of 64 KiB and a bit, a list of a few documents, one wrk second per step)."""

import json
import shutil

import pytest

from bench import documenten
from tests.conftest import TEST_DATABASE_URL


def test_parse_size():
    assert documenten.parse_size("1GiB") == 1024**3
    assert documenten.parse_size("512M") == 512 * 1024**2
    assert documenten.parse_size("300k") == 300 * 1024
    assert documenten.parse_size("1048576") == 1048576
    with pytest.raises(Exception, match="not a size"):
        documenten.parse_size("lots")


def test_slice_reads_its_range(tmp_path):
    path = tmp_path / "file.bin"
    path.write_bytes(bytes(range(256)) * 4)
    part = documenten.Slice(path, 300, 100)
    try:
        assert part.seek(0, 2) == 100 and part.tell() == 100
        part.seek(0)
        assert part.read(60) + part.read() == (bytes(range(256)) * 4)[300:400]
        assert part.read() == b""
    finally:
        part.close()


@pytest.mark.processes
@pytest.mark.skipif(not TEST_DATABASE_URL or shutil.which("wrk") is None, reason="needs TEST_DATABASE_URL (PostgreSQL) and wrk")
def test_the_command_at_a_tiny_size(tmp_path, capsys):
    out = tmp_path / "report.json"
    argv = ["--size", "200K", "--part-size", "64K", "--workers", "1", "--documents", "2", "--connections", "1"]
    argv += ["--duration", "1", "--warmup", "0", "--database-url", TEST_DATABASE_URL, "--tmp", str(tmp_path), "--json", str(out)]
    assert documenten.main(argv) == 0
    report = json.loads(out.read_text())
    for server in ("api", "floor"):
        figures = report["transfer"][server]
        assert figures["parts"] == 4 and figures["sha256_ok"]
        assert figures["upload_mb_s"] > 0 and figures["download_mb_s"] > 0
        assert figures["peak_download_mb"] >= figures["rss_before_mb"] > 0
    pages = {(r["server"], r["client"]): r["page"] for r in report["list"]}
    # the upload's document and 2 x 2 small ones; the limited client reads those of its type
    assert pages == {("api", "all"): 5, ("floor", "all"): 5, ("api", "limited"): 3, ("floor", "limited"): 3}
    assert all(r["non2xx"] == 0 and r["requests"] > 0 for r in report["list"])
    assert "| upload MB/s |" in capsys.readouterr().out
