#!/usr/bin/env python3
"""Benchmarks of the front desk on the web (issue 12): `spaquote serve` under wrk, on loopback.

usage: web.py [--seconds S] [--bin PATH] [--postgres]     (after a release build: swift build -c release)

Cases, side by side in one run against one server (a fresh SQLite ledger in a tmpfs folder):
  healthz  GET /healthz, the trivial route: the yardstick;
  price    POST /api/v1/price (the example request EX1, without saving);
  page     GET /quotes/Q-2026-000001 (a saved quote's page, HTML);
           each at 64 connections for S seconds (default 10). Goal: price at least half
           the healthz requests a second, p99 under 10 ms.
  saves    POST /api/v1/quotes at 16 connections for S seconds: quotes saved a second
           (goal at least 1,000), checked against the ledger's count afterwards;
  saves-pg (with --postgres) the same into a throwaway PostgreSQL server
           (scripts/postgres-test-server), stopped and removed at the end.
Every request carries an API token (`spaquote user token`). wrk comes from Debian (`wrk`).
Besides requests a second, each case reports the server's CPU time per request (user + system,
from /proc/PID/stat over the case, divided by wrk's request count): on a loaded machine it
moves far less than the rates do, so it is the figure to compare one change with another.
Writes the table to stdout and to Benchmarks/web-latest.md.
"""
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile

from webserver import PG_SERVER, RELEASE_BINARY, REQUEST, ROOT, run
import webserver

args = sys.argv[1:]
seconds = int(args[args.index("--seconds") + 1]) if "--seconds" in args else 10
binary = args[args.index("--bin") + 1] if "--bin" in args else RELEASE_BINARY
with_postgres = "--postgres" in args
tmp_root = "/dev/shm" if os.path.isdir("/dev/shm") else None


def Server(ledger, folder):
    return webserver.Server(binary, ledger, folder)


def cpu_seconds(pid):
    """User + system CPU seconds of process `pid` so far (nan where /proc is missing)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def wrk(server, folder, name, method, path, connections, body=None):
    """wrk on `path` for the run's seconds: requests a second, p99 in ms, and the non-2xx count."""
    script = os.path.join(folder, name + ".lua")
    with open(script, "w") as f:
        f.write(f'wrk.method = "{method}"\n')
        f.write(f'wrk.headers["Authorization"] = "Bearer {server.token}"\n')
        if body is not None:
            f.write('wrk.headers["Content-Type"] = "application/json"\n')
            f.write(f"wrk.body = {json.dumps(json.dumps(body))}\n")
    threads = min(connections, os.cpu_count() or 2)
    cpu_before = cpu_seconds(server.process.pid)
    out = run(["wrk", "--latency", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "-s", script,
               server.base + path])
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)] if p99 else float("nan")
    done = int(re.search(r"(\d+) requests in", out).group(1))
    cpu_ms = (cpu_seconds(server.process.pid) - cpu_before) * 1000 / max(done, 1)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"case": name, "connections": connections, "rate": rate, "p99": p99_ms, "requests": done, "cpu_ms": cpu_ms,
            "non2xx": int(bad.group(1)) if bad else 0}


def save_case(server, folder, name):
    before = server.count()
    result = wrk(server, folder, name, "POST", "/api/v1/quotes", 16, REQUEST)
    saved = server.count() - before
    result["note"] = f"{saved} quotes saved; wrk counted {result['requests']} requests, {result['non2xx']} not 2xx"
    return result


def main():
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary} is missing: swift build -c release first (or give --bin)")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    folder = tempfile.mkdtemp(prefix="spaquote-web-bench-", dir=tmp_root)
    results, pg_dir = [], None
    try:
        server = Server(os.path.join(folder, "ledger.sqlite"), folder)
        try:
            saved = server.call("POST", "/api/v1/quotes", REQUEST)["quote_id"]
            results.append(wrk(server, folder, "healthz", "GET", "/healthz", 64))
            results.append(wrk(server, folder, "price", "POST", "/api/v1/price", 64, REQUEST))
            results.append(wrk(server, folder, "page", "GET", f"/quotes/{saved}", 64))
            results.append(save_case(server, folder, "saves (SQLite)"))
        finally:
            server.stop()
        if with_postgres:
            pg_dir = tempfile.mkdtemp(prefix="spaquote-pg.", dir="/tmp")
            run([PG_SERVER, "start", pg_dir])
            with open(os.path.join(pg_dir, "url")) as f:
                url = f.read().strip()
            server = Server(url, folder)
            try:
                results.append(save_case(server, folder, "saves (PostgreSQL)"))
            finally:
                server.stop()
    finally:
        if pg_dir:
            subprocess.run([PG_SERVER, "stop", pg_dir], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
    report(results)


def report(results):
    healthz = next(r["rate"] for r in results if r["case"] == "healthz")
    lines = [f"# Front desk on the web: {datetime.date.today()}, {platform.machine()}, {os.cpu_count()} cores, "
             f"{seconds} s a case ({os.path.relpath(binary, ROOT)})", "",
             "| case | connections | requests/s | vs healthz | p99 ms | server CPU ms/request | not 2xx | note |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in results:
        lines.append(f"| {r['case']} | {r['connections']} | {r['rate']:.0f} | {r['rate'] / healthz:.2f} | {r['p99']:.2f} "
                     f"| {r['cpu_ms']:.3f} | {r['non2xx']} | {r.get('note', '')} |")
    price = next(r for r in results if r["case"] == "price")
    lines += ["", f"Goal, price API: at least 0.50 of healthz and p99 under 10 ms: "
                  f"{'met' if price['rate'] >= healthz / 2 and price['p99'] < 10 else 'not met'}."]
    for r in results:
        if r["case"].startswith("saves"):
            lines.append(f"Goal, {r['case']}: at least 1,000 a second: {'met' if r['rate'] >= 1000 else 'not met'}.")
    text = "\n".join(lines) + "\n"
    print(text)
    with open(os.path.join(ROOT, "Benchmarks", "web-latest.md"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
