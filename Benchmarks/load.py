#!/usr/bin/env python3
"""Load on the front desk (issue 14): 200 concurrent API clients for 60 s on loopback, half
pricing, half saving, against a release `spaquote serve`.

usage: load.py [--seconds S] [--clients N] [--bin PATH] [--postgres URL]   (after swift build -c release)

Each client is a thread with its own keep-alive connection (http.client) and the API token of
one clerk; a pricing client sends POST /api/v1/price, a saving client POST /api/v1/quotes with a
client name of its own per save, one request after another, for S seconds (default 60). The
ledger is a fresh SQLite file in a tmpfs folder, or the PostgreSQL database at URL (its quotes
before the run are left aside). Afterwards it checks:
  - no request failed and every answer was 2xx;
  - every id answered to a save is in the ledger exactly once (the API's list), the ledger holds
    as many new quotes as saves were answered, and their ids are consecutive;
  - the server's memory (VmRSS, sampled every second) is flat: the mean of the last 10 s at
    most 1.2 x the mean of the first 10 s;
and prints requests, p50 and p99 latency per kind. Exit status 1 when a check fails.
"""
import http.client
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import shutil

from webserver import RELEASE_BINARY, REQUEST, ROOT, Server

args = sys.argv[1:]
seconds = int(args[args.index("--seconds") + 1]) if "--seconds" in args else 60
clients = int(args[args.index("--clients") + 1]) if "--clients" in args else 200
binary = args[args.index("--bin") + 1] if "--bin" in args else RELEASE_BINARY
postgres = args[args.index("--postgres") + 1] if "--postgres" in args else None
tmp_root = "/dev/shm" if os.path.isdir("/dev/shm") else None


class Results:
    """What the clients saw: latencies by kind, failures, and the ids answered to saves."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latency = {"price": [], "save": []}
        self.failures = []
        self.saved = []

    def add(self, kind, ms, failure=None, quote_id=None):
        with self.lock:
            self.latency[kind].append(ms)
            if failure:
                self.failures.append(f"{kind}: {failure}")
            if quote_id:
                self.saved.append(quote_id)


def client(server, index, kind, deadline, results):
    """One client: requests of `kind` one after another on one connection until `deadline`."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    headers = {"Authorization": "Bearer " + server.token, "Content-Type": "application/json"}
    path = "/api/v1/price" if kind == "price" else "/api/v1/quotes"
    n = 0
    while time.monotonic() < deadline:
        body = dict(REQUEST, client=f"Load {index}-{n}", request_id=f"L{index}-{n}")
        n += 1
        start = time.perf_counter()
        try:
            connection.request("POST", path, json.dumps(body), headers)
            answer = connection.getresponse()
            data = answer.read()
            ms = (time.perf_counter() - start) * 1000
            if not 200 <= answer.status < 300:
                results.add(kind, ms, failure=f"{answer.status} {data[:200]!r}")
            elif kind == "save":
                results.add(kind, ms, quote_id=json.loads(data)["quote_id"])
            else:
                results.add(kind, ms)
        except (OSError, http.client.HTTPException, ValueError, KeyError) as error:
            results.add(kind, (time.perf_counter() - start) * 1000, failure=repr(error))
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    connection.close()


def rss_kib(pid):
    """The resident memory of process `pid` in KiB (VmRSS), None when unreadable."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def sample_memory(pid, stop, samples):
    while not stop.wait(1.0):
        value = rss_kib(pid)
        if value is not None:
            samples.append(value)


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def check_ledger(server, before, saved):
    """Problems with the saves against the ledger's list, none when every answered id is there once."""
    problems = []
    listed = [i for i in server.ids() if i not in before]
    if len(listed) != len(saved):
        problems.append(f"the ledger holds {len(listed)} new quotes for {len(saved)} saves answered")
    repeated = len(saved) - len(set(saved))
    if repeated:
        problems.append(f"{repeated} ids answered twice")
    counts = {}
    for i in listed:
        counts[i] = counts.get(i, 0) + 1
    missing = [i for i in saved if i not in counts]
    twice = [i for i, c in counts.items() if c > 1]
    if missing:
        problems.append(f"{len(missing)} answered ids missing from the ledger, e.g. {missing[:3]}")
    if twice:
        problems.append(f"{len(twice)} ids listed more than once, e.g. {twice[:3]}")
    numbers = sorted(int(i.rsplit("-", 1)[1]) for i in set(saved))
    if numbers and numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        problems.append("the saved ids are not consecutive")
    return problems


def main():
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary} is missing: swift build -c release first (or give --bin)")
    folder = tempfile.mkdtemp(prefix="spaquote-load-", dir=tmp_root)
    ledger = postgres or os.path.join(folder, "ledger.sqlite")
    try:
        server = Server(binary, ledger, folder, user=f"load{os.getpid()}")
        try:
            before = set(server.ids())
            results, samples, stop = Results(), [], threading.Event()
            sampler = threading.Thread(target=sample_memory, args=(server.process.pid, stop, samples), daemon=True)
            deadline = time.monotonic() + seconds
            threads = [threading.Thread(target=client, args=(server, i, "price" if i % 2 == 0 else "save", deadline, results))
                       for i in range(clients)]
            threading.stack_size(256 * 1024)
            sampler.start()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            stop.set()
            sampler.join()
            problems = check_ledger(server, before, results.saved)
        finally:
            server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report(results, samples, problems)


def report(results, samples, problems):
    store = "PostgreSQL" if postgres else "SQLite"
    print(f"# Load: {clients} clients for {seconds} s on loopback, half pricing, half saving ({store}, {os.path.relpath(binary, ROOT)})")
    print()
    print("| kind | requests | requests/s | p50 ms | p99 ms | max ms | failed |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind in ("price", "save"):
        values = results.latency[kind]
        failed = sum(1 for f in results.failures if f.startswith(kind))
        print(f"| {kind} | {len(values)} | {len(values) / seconds:.0f} | {percentile(values, 50):.1f} | "
              f"{percentile(values, 99):.1f} | {max(values, default=float('nan')):.1f} | {failed} |")
    print()
    if results.failures:
        problems.insert(0, f"{len(results.failures)} requests failed, e.g. {results.failures[:3]}")
    first, last = samples[:10], samples[-10:]
    if len(samples) >= 20:
        a, b = statistics.mean(first) / 1024, statistics.mean(last) / 1024
        flat = b <= 1.2 * a
        print(f"Server memory (VmRSS): {a:.1f} MiB over the first 10 s, {b:.1f} MiB over the last 10 s, "
              f"peak {max(samples) / 1024:.1f} MiB: {'flat' if flat else 'NOT flat'} (limit 1.2 x).")
        if not flat:
            problems.append(f"memory grew from {a:.1f} to {b:.1f} MiB")
    else:
        print(f"Server memory: {len(samples)} samples, too few to compare (a run of 20 s or more is needed).")
    print(f"Saves answered: {len(results.saved)}, all in the ledger once, ids consecutive: {'yes' if not any('ledger' in p or 'ids' in p for p in problems) else 'NO'}.")
    if problems:
        print("FAILED: " + "; ".join(problems))
        sys.exit(1)
    print("All checks passed.")


if __name__ == "__main__":
    main()
