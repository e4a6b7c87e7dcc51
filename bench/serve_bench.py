"""`claimcheck serve` under load, on loopback only: a generated archive indexed into a ledger,
the server started as its own process on 127.0.0.1, then a fixed number of draft checks from
concurrent clients. Every response is compared with `claimcheck check DRAFT --against LEDGER
--format json` on the same draft, so a finding lost or changed under concurrency is an error.

    python bench/serve_bench.py [--requests 2000] [--clients 20] [--docs 500] [--drafts 50]
                                [--workers 4]

The archive is generated: seed-style reports of date windows, four outlets to a window with
the same figures, so a draft meets a handful of related archived articles, as a real one does.

Prints throughput and latency; exits 1 when a request failed or a finding differs. Not part of
the test suite: at the defaults it runs for about 12 minutes on a 2-core machine, nearly all of
it in the rules (see the README)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
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

import httpx  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from checker.cli import main as cli_main  # noqa: E402

HOST = "127.0.0.1"  # loopback only: this is a load run, never aimed at another machine


OUTLETS = ["TPO", "VNE", "TTO", "ANTĐ", "GD&TĐ"]
PLACES = ["Hà Nam", "Vĩnh Phúc", "Yên Bái", "Hưng Yên", "Đà Nẵng", "Cần Thơ", "Hà Nội",
          "Bắc Ninh", "Bắc Giang", "Quảng Ninh", "Hải Dương", "Thái Bình"]
PEOPLE = [("Thượng tướng", "Nguyễn Văn Sơn", "Thứ trưởng Bộ Công an"),
          ("Trung tướng", "Lê Văn Tuyến", "Thứ trưởng Bộ Công an"),
          ("Thiếu tướng", "Trần Minh Đức", "Giám đốc Công an tỉnh")]
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
PER_EVENT = 4  # outlets that report each window, with the same figures


def _vn(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month}/{day.year}"


def article(event: int, cases: int, outlet: str, extra: str = "") -> str:
    """A seed-style report of one window: the case count, the official who chaired the
    meeting, and figures that every outlet reporting the window repeats."""
    start = dt.date(2020, 1, 6) + dt.timedelta(days=3 * event)
    end = start + dt.timedelta(days=4)
    place = PLACES[event % len(PLACES)]
    rank, name, title = PEOPLE[event % len(PEOPLE)]
    # A standing figure of the place, the same in every article about it.
    checkpoints = 20 + PLACES.index(place)
    header = f" date {end.year}-{end.month:02d}\n" if outlet else ""
    return header + (
        f"{outlet} - Chiều {end.day}/{end.month}, {rank} {name}, {title} chủ trì buổi làm "
        f"việc trực tuyến về công tác phòng chống dịch COVID-19 tại {place}.\n\n"
        f"Theo báo cáo tại buổi làm việc, từ ngày {_vn(start)} đến ngày {_vn(end)} đã có "
        f"{cases} ca lây nhiễm COVID-19 được phát hiện tại {place}.\n\n"
        f"Lực lượng chức năng đã thiết lập {checkpoints} chốt kiểm soát dịch tại {place}, "
        f"đồng thời tuyên truyền người dân thực hiện nghiêm quy định phòng chống dịch.\n"
        f"{extra}"
    )


def _cases(event: int) -> int:
    return 10 + (event * 37) % 90


def write_archive(folder: Path, docs: int) -> list[Path]:
    """`docs` articles, PER_EVENT of them about each window, agreeing with each other."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(docs):
        event = i // PER_EVENT
        path = folder / f"{i // 1000:03d}" / f"doc{i:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        outlet = OUTLETS[i % len(OUTLETS)]
        path.write_text(article(event, _cases(event), outlet), encoding="utf-8")
        paths.append(path)
    return paths


def make_drafts(folder: Path, docs: int, count: int) -> list[Path]:
    """Drafts about archived windows: every other one gives another case count (a conflict
    with each outlet that reported the window); every third names the wrong weekday and has
    no source, so today's document rules find something too."""
    folder.mkdir(parents=True, exist_ok=True)
    events = max(1, docs // PER_EVENT)
    drafts = []
    for j in range(count):
        event = (j * 7) % events
        start = dt.date(2020, 1, 6) + dt.timedelta(days=3 * event)
        end = start + dt.timedelta(days=4)
        cases = _cases(event) + (7 if j % 2 else 0)
        extra, source = "", "source: Bản nháp\n"
        if j % 3 == 0:
            wrong = WEEKDAYS[(end.weekday() + 1) % 7]
            extra = f"\n{wrong}, ngày {end.day}/{end.month}/{end.year}, Ban Chỉ đạo họp.\n"
            source = ""
        body = article(event, cases, "", extra).removeprefix(" - ")
        published = (end + dt.timedelta(days=1)).isoformat()
        path = folder / f"draft-{j:03d}.md"
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
    ap.add_argument("--docs", type=int, default=500, help="documents in the archive")
    ap.add_argument("--drafts", type=int, default=50, help="distinct drafts sent in turn")
    ap.add_argument("--workers", type=int, default=4, help="the server's --workers")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        archive, db = base / "archive", base / "archive.db"
        paths = write_archive(archive, args.docs)
        indexed = CliRunner().invoke(cli_main, ["index", str(archive), "--ledger", str(db)])
        if indexed.exit_code != 0:
            raise SystemExit(indexed.output)
        drafts = make_drafts(base / "drafts", args.docs, args.drafts)
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
