"""Benchmark: `salesplus serve --workers 2` against one worker under 32 connections.

    .venv/bin/python -m bench.concurrency [--database-url URL] [--duration 10] [--connections 32]

Needs `wrk` (Debian: `apt-get install wrk`; not needed by the tests). One tenant of 1,000 contacts
(bench/dataset.py), then for 1 and 2 workers: wrk (2 threads, 32 connections, --duration seconds)
sending a small audited read, `contact(id) { firstName }` as a `sales` user for `sales`, then the
unaudited `me { id }`. A response counts as an error when its status is not 200 or its body holds
`"errors"` (GraphQL answers its errors with 200). `cpu` is how busy the machine's cores were
during the run (all processes: server, database, wrk, anything else); `worker cpu s`, the CPU
seconds each worker used (uneven: the kernel gave one worker most of wrk's keep-alive
connections, and the run measures fewer workers than it started). After the runs, `audit verify` checks the chain
the audited reads wrote. Target (issue 11): zero errors, 2 workers >= 1.7x one worker's rps."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import servers

LUA = """
wrk.method = "POST"
wrk.body = %(body)s
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = %(authorization)s
wrk.headers["X-Purpose"] = "sales"
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) errors = 0; responses = 0; sample = "" end
function response(status, headers, body)
  responses = responses + 1
  if status ~= 200 or string.find(body, '"errors"', 1, true) then
    errors = errors + 1
    if sample == "" then sample = string.sub(body, 1, 200) end
  end
end
function done(summary, latency, requests)
  local e, r, s = 0, 0, ""
  for _, t in ipairs(threads) do
    e = e + t:get("errors"); r = r + t:get("responses")
    if s == "" then s = t:get("sample") end
  end
  io.write(string.format("RESULT errors=%%d responses=%%d\\nSAMPLE %%s\\n", e, r, s))
  io.write(string.format("LATENCY p50=%%.2f p99=%%.2f\\n",
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""
QUERIES = {
    "contact(id) { firstName }": "query($id: ID!) { contact(id: $id) { firstName } }",
    "me { id }": "{ me { id } }",
}


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.concurrency", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    return parser.parse_args(argv)


async def prepare(database_url: str) -> tuple[str, int]:
    from bench.dataset import build  # noqa: PLC0415
    from db import database  # noqa: PLC0415
    from models import Contact  # noqa: PLC0415
    from policies.engine import PolicyEngine  # noqa: PLC0415

    async with database(database_url):
        data = await build(await PolicyEngine.load(), 1000, 1)
        contact = await Contact.filter(tenant_id=data.tenant_id).order_by("id").first()
        return data.token, contact.id


def cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of all cores since boot (/proc/stat), to tell how busy the machine
    was during a run: two workers cannot double one's throughput on cores that one already fills."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def worker_cpu_seconds() -> dict[int, float]:
    """CPU seconds so far of each uvicorn worker process (`--workers N` spawns them through
    multiprocessing): how evenly the kernel spread wrk's keep-alive connections over them."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if b"multiprocessing-fork" not in (proc / "cmdline").read_bytes():
                continue
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            found[int(proc.name)] = (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
        except (OSError, IndexError, ValueError):
            continue
    return found


def wrk(url: str, script: Path, connections: int, duration: int) -> dict:
    busy_before, total_before = cpu_times()
    workers_before = worker_cpu_seconds()
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-s", str(script), url],
        capture_output=True, text=True, check=True).stdout
    busy, total = cpu_times()
    shares = sorted(round(seconds - workers_before.get(pid, 0.0), 1)
                    for pid, seconds in worker_cpu_seconds().items())
    result = re.search(r"RESULT errors=(\d+) responses=(\d+)", output)
    latency = re.search(r"LATENCY p50=([\d.]+) p99=([\d.]+)", output)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    sample = re.search(r"SAMPLE (.*)", output)
    return {"errors": int(result[1]), "responses": int(result[2]), "rps": float(rps[1]),
            "p50_ms": float(latency[1]), "p99_ms": float(latency[2]),
            "sample": sample[1].strip() if sample else "",
            "cpu_busy": round(100 * (busy - busy_before) / (total - total_before), 1),
            "worker_cpu_s": shares}


def balanced(run: dict) -> bool:
    """Each worker did at least a third of the busiest one's work (one worker: always)."""
    shares = run["worker_cpu_s"]
    return len(shares) < 2 or shares[0] * 3 >= shares[-1]


def balanced_run(url: str, script: Path, connections: int, duration: int,
                 attempts: int = 4) -> dict:
    """A wrk run in which the kernel spread the keep-alive connections over the workers. Workers
    share one listening socket, and wrk opens its connections all at once: often one worker
    accepts them all and the others idle, which measures one worker, not N. Such a run is
    printed and run again (up to `attempts`), and the result says how many were discarded."""
    for attempt in range(attempts):
        run = {**wrk(url, script, connections, duration), "unbalanced_runs_discarded": attempt}
        print(json.dumps(run))
        if balanced(run):
            break
    return run


def verify(env: dict) -> str:
    done = subprocess.run([str(servers.BIN / "salesplus"), "audit", "verify", "--tenant",
                           "bench-1000-1"], env=env,
                          cwd=servers.ROOT, capture_output=True, text=True)
    return (done.stdout + done.stderr).strip().splitlines()[-1] if done.returncode == 0 \
        else "BROKEN: " + (done.stdout + done.stderr).strip()[-300:]


def main(argv=None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    from bench.dataset import configure_environment  # noqa: PLC0415

    tmp = tempfile.mkdtemp(prefix="salesplus-bench-")
    configure_environment(tmp)
    database_url = args.database_url or f"sqlite://{tmp}/bench.db"
    env = servers.environment(database_url, tmp)
    token, contact_id = asyncio.run(prepare(database_url))
    results = []
    for workers in args.workers:
        with servers.guarded(env, workers=workers) as base:
            for label, query in QUERIES.items():
                script = Path(tmp) / "request.lua"
                body = json.dumps({"query": query, "variables": {"id": str(contact_id)}})
                script.write_text(LUA % {"body": json.dumps(body),
                                         "authorization": json.dumps(f"Bearer {token}")})
                run = balanced_run(base + "/graphql", script, args.connections, args.duration)
                results.append((workers, label, run))
    print(f"\n{database_url.split('://')[0]}, {args.connections} connections, "
          f"{args.duration} s per run (wrk -t2)")
    one = {label: run["rps"] for workers, label, run in results if workers == 1}
    for workers, label, run in results:
        scale = f"{run['rps'] / one[label]:.2f}x one worker" if label in one and workers > 1 else ""
        print(f"  workers {workers}  {label:28} {run['rps']:8.1f} rps  p50 {run['p50_ms']:6.1f} ms"
              f"  p99 {run['p99_ms']:7.1f} ms  errors {run['errors']}/{run['responses']}"
              f"  cpu {run['cpu_busy']:5.1f} %  {scale}"
              + (f"  worker cpu s {run['worker_cpu_s']}" if run["worker_cpu_s"] else "")
              + (f" (after {run['unbalanced_runs_discarded']} unbalanced)"
                 if run["unbalanced_runs_discarded"] else ""))
    print(f"  audit verify: {verify(env)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
