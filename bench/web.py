"""Load on the workbench: 50 concurrent clients against the API and pages of a demo-like workspace.

Run: .venv/bin/python bench/web.py [--documents 3000] [--clients 50] [--requests 3000] [--seconds 60]
     [--workers 1] [--database-url postgresql+psycopg://...]

A temporary workspace gets the tests' hand-made evidence base plus ``--documents`` generated documents (so
full-text search and listing work over a few thousand rows), three users and their tokens. The workbench runs
in its own process (``watchkeeper serve --workers N``) on 127.0.0.1; the clients are httpx
async clients in this process. First one client alone calls ``/api/v1/me`` (authentication and nothing else):
that latency is the baseline the per-endpoint figures are divided by. Then ``--clients`` clients share out
``--requests`` calls round-robin over the endpoints below, stopping early after ``--seconds``. Every non-2xx
answer and every transport error is counted as an error; nothing is retried.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.web.sample import fill_sample  # noqa: E402
from watchkeeper.config import Settings, default_database_url  # noqa: E402
from watchkeeper.store import open_store  # noqa: E402
from watchkeeper.web import accounts  # noqa: E402

PASSWORD = "correct horse battery"
ENDPOINTS = [
    ("api me", "GET", "/api/v1/me", None),
    ("api search q=missile", "GET", "/api/v1/documents?q=missile", None),
    ("api search phrase+outlet", "GET", '/api/v1/documents?q="oil transfer"&outlet=outlet-3', None),
    ("api list offset=500", "GET", "/api/v1/documents?offset=500", None),
    ("api document", "GET", "/api/v1/documents/doc-missile", None),
    ("api incidents", "GET", "/api/v1/incidents", None),
    ("api entity", "GET", "/api/v1/entities/country:north-korea", None),
    ("api screen 3 names", "POST", "/api/v1/screen", {"names": ["Kim Jong Un", "Chon Ma San", "Ocean Star"]}),
    ("page dashboard", "GET", "/", None),
    ("page search", "GET", "/search?q=sanctions+regime", None),
    ("page document", "GET", "/documents/doc-missile", None),
    ("page incident", "GET", "/incidents/ai-missile", None),
]


def _cpu_seconds(pid: int) -> float:
    """CPU seconds of a process and its children (Linux /proc), to tell cost from machine load."""
    total = 0.0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        pids.extend(int(c) for c in children)
    return total


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(settings: Settings, port: int, workers: int) -> subprocess.Popen:
    """``watchkeeper serve`` on the workspace, as a user runs it."""
    command = [sys.executable, "-m", "watchkeeper", "--workspace", str(settings.workspace), "--database-url",
               settings.database_url, "serve", "--port", str(port), "--workers", str(workers)]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def prepare(workspace: Path, database_url: str | None, documents: int) -> tuple[Settings, str]:
    """A workspace with the sample evidence, ``documents`` more documents, and an analyst with a token."""
    settings = Settings(workspace=workspace, database_url=database_url or default_database_url(workspace))
    store = open_store(settings)
    fill_sample(store, scale=documents)
    with store.session() as session:
        accounts.create_user(session, "analyst", PASSWORD, "analyst")
        token = accounts.create_api_token(session, "analyst", "bench")
    store.dispose()
    return settings, token


async def _sign_in(base: str) -> dict[str, str]:
    async with httpx.AsyncClient(base_url=base) as client:
        await client.get("/login")
        csrf = client.cookies["wk_login_csrf"]
        data = {"username": "analyst", "password": PASSWORD, "csrf_token": csrf}
        await client.post("/login", data=data)
        return {"wk_session": client.cookies["wk_session"]}


async def _call(client: httpx.AsyncClient, endpoint: tuple, samples: dict, errors: dict) -> None:
    name, method, path, body = endpoint
    start = time.perf_counter()
    try:
        response = await client.request(method, path, json=body)
        ok = 200 <= response.status_code < 300
    except httpx.HTTPError:
        ok = False
    samples.setdefault(name, []).append(time.perf_counter() - start)
    if not ok:
        errors[name] = errors.get(name, 0) + 1


Samples = dict[str, list[float]]


async def load(
    base: str, token: str, clients: int, requests: int, seconds: float
) -> tuple[Samples, dict, float, float]:
    """The baseline (/api/v1/me alone), then the mixed load: samples, errors, elapsed, baseline."""
    cookies = await _sign_in(base)
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    options = {"headers": headers, "cookies": cookies, "limits": limits, "timeout": 30}
    async with httpx.AsyncClient(base_url=base, **options) as client:
        base_samples: dict = {}
        for _ in range(100):
            await _call(client, ENDPOINTS[0], base_samples, {})
        baseline = statistics.median(base_samples["api me"])
        samples: dict = {}
        errors: dict = {}
        counter = iter(range(requests))
        deadline = time.perf_counter() + seconds

        async def worker() -> None:
            for n in counter:
                if time.perf_counter() > deadline:
                    return
                await _call(client, ENDPOINTS[n % len(ENDPOINTS)], samples, errors)

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        return samples, errors, time.perf_counter() - start, baseline


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--workers", type=int, default=1, help="Server worker processes.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wk-bench-web-") as folder:
        started = time.perf_counter()
        settings, token = prepare(Path(folder), args.database_url, args.documents)
        print(f"workspace: {args.documents + 4} documents on {settings.database_url.split(':')[0]} "
              f"({time.perf_counter() - started:.1f} s to build)")  # fmt: skip
        port = _free_port()
        server = _serve(settings, port, args.workers)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 180  # imports are slow on a busy machine
            while True:
                try:
                    httpx.get(f"{base}/login", timeout=2)
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline:
                        raise SystemExit("the workbench did not start") from None
                    time.sleep(0.2)
            cpu_before = _cpu_seconds(server.pid)
            samples, errors, elapsed, baseline = asyncio.run(
                load(base, token, args.clients, args.requests, args.seconds)
            )
            server_cpu = _cpu_seconds(server.pid) - cpu_before
        finally:
            server.terminate()
            server.wait(30)
    total = sum(len(v) for v in samples.values())
    failed = sum(errors.values())
    print(f"baseline: /api/v1/me alone, p50 {baseline * 1000:.1f} ms")
    rate = total / elapsed
    print(f"load: {args.clients} clients, {args.workers} server worker(s), {total} requests "
          f"in {elapsed:.1f} s = {rate:.0f} req/s, {failed} errors")  # fmt: skip
    print(f"server CPU: {server_cpu:.1f} s = {1000 * server_cpu / (total + 100):.1f} ms per request "
          f"(one core could serve {(total + 100) / max(server_cpu, 1e-9):.0f} req/s); "
          f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
    print(f"{'endpoint':28} {'n':>5} {'err':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'p50/base':>9}")
    for name, *_ in ENDPOINTS:
        values = samples.get(name, [])
        if not values:
            continue
        p50 = _pct(values, 0.5)
        print(f"{name:28} {len(values):5d} {errors.get(name, 0):4d} {p50:8.1f} {_pct(values, 0.95):8.1f} "
              f"{_pct(values, 0.99):8.1f} {p50 / (baseline * 1000):8.1f}x")  # fmt: skip
    everything = [v for values in samples.values() for v in values]
    print(f"{'all':28} {len(everything):5d} {failed:4d} {_pct(everything, 0.5):8.1f} "
          f"{_pct(everything, 0.95):8.1f} {_pct(everything, 0.99):8.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
