"""Load on the workbench: 50 concurrent users against the API and pages of a demo-like workspace.

Run: .venv/bin/python bench/web.py [--documents 3000] [--users 50] [--think 1.0] [--seconds 30]
     [--requests 3000] [--workers N] [--database-url postgresql+psycopg://...]

A temporary workspace gets the tests' hand-made evidence base plus ``--documents`` generated documents (so
full-text search and listing work over a few thousand rows), an analyst and a token. The workbench runs in its
own process (``watchkeeper serve --workers N``, one per core by default) on 127.0.0.1; the users are aiohttp
clients in this process, each on its own keep-alive connection, taking the endpoints below in turn.

After a warm-up (four users, three rounds of every endpoint, not counted: each worker compiles its templates
and builds the screening index on first use), three phases:
1. baseline: one user alone calls ``/api/v1/me`` (authentication and nothing else) 100 times; its median is
   what the per-endpoint medians are divided by.
2. paced: ``--users`` users each wait a random think time (exponential, mean ``--think`` seconds) between
   requests for ``--seconds``: a team of analysts and scripts working at once.
3. saturation: the same users with no think time until ``--requests`` calls are done: the throughput ceiling
   of the machine, where latency is mostly queueing (users / throughput).
Every non-2xx answer and every transport error counts as an error; nothing is retried. Server and client CPU
per request are printed so that a run on a busy machine can be told from a slow server.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
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


async def _sign_in(base: str) -> str:
    """A session cookie of the analyst, signed in through the login form."""
    async with httpx.AsyncClient(base_url=base) as client:
        await client.get("/login")
        csrf = client.cookies["wk_login_csrf"]
        data = {"username": "analyst", "password": PASSWORD, "csrf_token": csrf}
        await client.post("/login", data=data)
        return f"wk_session={client.cookies['wk_session']}"


@dataclass
class Phase:
    """The latencies (seconds) and errors of one phase, per endpoint."""

    samples: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    client_cpu: float = 0.0
    server_cpu: float = 0.0

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.samples.values())


async def _call(session: aiohttp.ClientSession, base: str, endpoint: tuple, phase: Phase) -> None:
    name, method, path, body = endpoint
    start = time.perf_counter()
    try:
        async with session.request(method, base + path, json=body) as response:
            await response.read()
            ok = 200 <= response.status < 300
    except (aiohttp.ClientError, TimeoutError):
        ok = False
    phase.samples.setdefault(name, []).append(time.perf_counter() - start)
    if not ok:
        phase.errors[name] = phase.errors.get(name, 0) + 1


async def _run_phase(base: str, headers: dict[str, str], users: int, work, server_pid: int) -> Phase:
    """Run ``work(session, user, phase)`` for each user, each with its own connection."""
    phase = Phase()
    timeout = aiohttp.ClientTimeout(total=30)
    sessions = [
        aiohttp.ClientSession(headers=headers, timeout=timeout, connector=aiohttp.TCPConnector(limit=1))
        for _ in range(users)
    ]
    try:
        cpu, server_cpu, start = time.process_time(), _cpu_seconds(server_pid), time.perf_counter()
        await asyncio.gather(*(work(session, user, phase) for user, session in enumerate(sessions)))
        phase.elapsed = time.perf_counter() - start
        phase.client_cpu = time.process_time() - cpu
        phase.server_cpu = _cpu_seconds(server_pid) - server_cpu
    finally:
        for session in sessions:
            await session.close()
    return phase


async def load(
    base: str, token: str, server_pid: int, users: int, think: float, seconds: float, requests: int
) -> tuple[float, Phase, Phase]:
    """The three phases: the baseline median (seconds), the paced phase, the saturation phase."""
    cookie = await _sign_in(base)
    headers = {"Authorization": f"Bearer {token}", "Cookie": cookie}
    # Warm-up, not measured: each worker compiles its templates and loads the screening index on first use.
    await _run_phase(base, headers, 4, _each_endpoint(base, rounds=3), server_pid)
    alone = await _run_phase(base, headers, 1, _repeat(base, ENDPOINTS[0], 100), server_pid)
    baseline = statistics.median(alone.samples["api me"])
    rng = random.Random(7)
    deadline = time.perf_counter() + seconds

    async def paced(session: aiohttp.ClientSession, user: int, phase: Phase) -> None:
        n = user  # users start at different endpoints
        await asyncio.sleep(rng.expovariate(1 / think))
        while time.perf_counter() < deadline:
            await _call(session, base, ENDPOINTS[n % len(ENDPOINTS)], phase)
            n += 1
            await asyncio.sleep(rng.expovariate(1 / think))

    paced_phase = await _run_phase(base, headers, users, paced, server_pid)
    counter = iter(range(requests))

    async def flat_out(session: aiohttp.ClientSession, user: int, phase: Phase) -> None:
        for n in counter:
            await _call(session, base, ENDPOINTS[n % len(ENDPOINTS)], phase)

    saturated = await _run_phase(base, headers, users, flat_out, server_pid)
    return baseline, paced_phase, saturated


def _each_endpoint(base: str, rounds: int):
    async def work(session: aiohttp.ClientSession, user: int, phase: Phase) -> None:
        for _ in range(rounds):
            for endpoint in ENDPOINTS:
                await _call(session, base, endpoint, phase)

    return work


def _repeat(base: str, endpoint: tuple, times: int):
    async def work(session: aiohttp.ClientSession, user: int, phase: Phase) -> None:
        for _ in range(times):
            await _call(session, base, endpoint, phase)

    return work


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def _report(title: str, phase: Phase, baseline: float) -> None:
    total, failed = phase.count, sum(phase.errors.values())
    print(f"\n{title}: {total} requests in {phase.elapsed:.1f} s = {total / phase.elapsed:.0f} req/s, "
          f"{failed} errors")  # fmt: skip
    print(f"  CPU per request: server {1000 * phase.server_cpu / total:.1f} ms, "
          f"load generator {1000 * phase.client_cpu / total:.1f} ms")  # fmt: skip
    print(f"  {'endpoint':28} {'n':>5} {'err':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'p50/base':>9}")
    rows = [(name, phase.samples.get(name, [])) for name, *_ in ENDPOINTS]
    everything = [v for values in phase.samples.values() for v in values]
    for name, values in [*rows, ("all", everything)]:
        if not values:
            continue
        p50 = _pct(values, 0.5)
        print(f"  {name:28} {len(values):5d} {phase.errors.get(name, 0) if name != 'all' else failed:4d} "
              f"{p50:8.1f} {_pct(values, 0.95):8.1f} {_pct(values, 0.99):8.1f} "
              f"{p50 / (baseline * 1000):8.1f}x")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=3000, help="Generated documents beside the sample.")
    parser.add_argument("--users", type=int, default=50, help="Concurrent users.")
    parser.add_argument("--think", type=float, default=1.0, help="Mean think time (s) in the paced phase.")
    parser.add_argument("--seconds", type=float, default=30, help="Length of the paced phase.")
    parser.add_argument("--requests", type=int, default=3000, help="Requests in the saturation phase.")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="Server worker processes.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wk-bench-web-") as folder:
        started = time.perf_counter()
        settings, token = prepare(Path(folder), args.database_url, args.documents)
        print(f"workspace: {args.documents + 4} documents on {settings.database_url.split(':')[0]} "
              f"({time.perf_counter() - started:.1f} s to build); {args.workers} server worker(s), "
              f"{os.cpu_count()} cores shared with the load generator")  # fmt: skip
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
            baseline, paced, saturated = asyncio.run(
                load(base, token, server.pid, args.users, args.think, args.seconds, args.requests)
            )
        finally:
            server.terminate()
            server.wait(30)
    print(f"baseline: /api/v1/me alone, p50 {baseline * 1000:.1f} ms")
    _report(f"paced: {args.users} users, mean think time {args.think:g} s", paced, baseline)
    _report(f"saturation: {args.users} users, no think time", saturated, baseline)
    print(f"\nmachine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
