"""`claimcheck serve` under load, on loopback only: a generated archive indexed into a ledger,
the server started as its own process on 127.0.0.1, then a fixed number of draft checks from
concurrent clients. Every response is compared with `claimcheck check DRAFT --against LEDGER
--format json` on the same draft, so a finding lost or changed under concurrency is an error.

    python bench/serve_bench.py [--requests 2000] [--clients 20] [--docs 2000] [--drafts 50]
                                [--workers 4]

Prints throughput and latency; exits 1 when a request failed or a finding differs. Not part of
the test suite (it takes about a minute)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402
from click.testing import CliRunner  # noqa: E402
from corpus import write_corpus  # noqa: E402

from checker.cli import main as cli_main  # noqa: E402

HOST = "127.0.0.1"  # loopback only: this is a load run, never aimed at another machine


WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def make_drafts(folder: Path, archived: list[Path], count: int) -> list[Path]:
    """Archived articles edited into drafts: another case count for the same window, so the
    archive has something to say about each; every other draft also names the wrong weekday
    for its window's end and has no source, so there are findings of today's rules too."""
    folder.mkdir(parents=True, exist_ok=True)
    drafts = []
    for i, src in enumerate(archived[:count]):
        body = re.sub(r"^ date \d{4}-\d{2} |^[A-ZĐ&]+ - ", "", src.read_text(encoding="utf-8"))
        m = re.search(r"(\d+)( ca lây nhiễm)", body)
        if m:
            body = body[: m.start()] + str(int(m.group(1)) + 7) + body[m.end(1):]
        window = re.search(r"đến ngày (\d+)/(\d+)/(\d{4})", body)
        published = (f"{window.group(3)}-{int(window.group(2)):02d}-{int(window.group(1)):02d}"
                     if window else "2021-05-05")
        source = "source: Bản nháp\n"
        if window and i % 2:
            day = dt.date(int(window.group(3)), int(window.group(2)), int(window.group(1)))
            wrong = WEEKDAYS[(day.weekday() + 1) % 7]
            body += (f"\n{wrong}, ngày {day.day}/{day.month}/{day.year}, Ban Chỉ đạo họp "
                     "trực tuyến.\n")
            source = ""
        path = folder / f"draft-{i:03d}.md"
        path.write_text(f"---\n{source}published: {published}\n---\n{body}",
                        encoding="utf-8")
        drafts.append(path)
    return drafts


def comparable(data: dict) -> list[dict]:
    """Findings without paths (the server never names its files)."""
    return [
        {**f, "locations": [{k: v for k, v in loc.items() if k != "path"}
                            for loc in f["locations"]]}
        for f in data["findings"]
    ]


def reference(drafts: list[Path], db: Path) -> dict[str, list[dict]]:
    """Each draft through the command line: `check DRAFT --against LEDGER --format json`."""
    out = {}
    runner = CliRunner()
    for d in drafts:
        result = runner.invoke(cli_main, ["check", str(d), "--against", str(db),
                                          "--format", "json", "--fail-on", "never"])
        if result.exit_code != 0:
            raise SystemExit(f"check --against failed on {d.name}: {result.output}")
        out[d.name] = comparable(json.loads(result.output))
    return out


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", "serve", "--ledger", str(db), "--host", HOST,
         "--port", str(port), "--workers", str(workers), "--timeout", "60"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server did not start: {proc.stderr.read()}")
        try:
            if httpx.get(f"http://{HOST}:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not answer /health within 30 s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def load(base_url: str, drafts: list[Path], expected: dict[str, list[dict]], requests: int,
         clients: int) -> tuple[float, list[float], list[str], int]:
    """(wall seconds, latencies, problems, findings compared) for `requests` checks sent by
    `clients` concurrent clients, each with its own connection."""
    bodies = [(d.name, d.read_bytes()) for d in drafts]
    local = threading.local()
    problems: list[str] = []
    compared = [0]
    lock = threading.Lock()

    def one(i: int) -> float:
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = httpx.Client(base_url=base_url, timeout=120)
        name, content = bodies[i % len(bodies)]
        t = time.perf_counter()
        r = client.post("/api/check", files={"file": (name, content)})
        elapsed = time.perf_counter() - t
        with lock:
            if r.status_code != 200:
                problems.append(f"request {i} ({name}): HTTP {r.status_code} {r.text[:200]}")
            elif comparable(r.json()) != expected[name]:
                problems.append(f"request {i} ({name}): findings differ from check --against")
            else:
                compared[0] += len(expected[name])
        return elapsed

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        latencies = list(pool.map(one, range(requests)))
    return time.perf_counter() - started, latencies, problems, compared[0]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--docs", type=int, default=2000, help="documents in the archive")
    ap.add_argument("--drafts", type=int, default=50, help="distinct drafts sent in turn")
    ap.add_argument("--workers", type=int, default=4, help="the server's --workers")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        archive, db = base / "archive", base / "archive.db"
        paths = write_corpus(archive, args.docs)
        indexed = CliRunner().invoke(cli_main, ["index", str(archive), "--ledger", str(db)])
        if indexed.exit_code != 0:
            raise SystemExit(indexed.output)
        drafts = make_drafts(base / "drafts", paths, args.drafts)
        t = time.perf_counter()
        expected = reference(drafts, db)
        cli_s = time.perf_counter() - t
        per_draft = sum(len(v) for v in expected.values())
        print(f"archive: {len(paths)} documents indexed; {len(drafts)} drafts, "
              f"{per_draft} findings from check --against "
              f"({cli_s / len(drafts) * 1000:.0f} ms a draft through the CLI, in-process)")

        port = free_port()
        proc = start_server(db, port, args.workers)
        try:
            wall, latencies, problems, compared = load(
                f"http://{HOST}:{port}", drafts, expected, args.requests, args.clients)
        finally:
            stop_server(proc)

    ms = [x * 1000 for x in latencies]
    print(f"server: {HOST}:{port}, --workers {args.workers}; {args.requests} requests from "
          f"{args.clients} concurrent clients in {wall:.1f} s")
    print(f"throughput: {args.requests / wall:.1f} requests/s")
    print(f"latency: p50 {percentile(ms, 50):.0f} ms, p95 {percentile(ms, 95):.0f} ms, "
          f"p99 {percentile(ms, 99):.0f} ms, max {max(ms):.0f} ms, "
          f"mean {statistics.fmean(ms):.0f} ms")
    print(f"errors: {len(problems)}; findings compared with check --against: {compared}")
    for p in problems[:10]:
        print("  " + p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
