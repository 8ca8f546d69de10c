#!/usr/bin/env python3
"""Two spaquote binaries side by side on the price API: a web change's before and after.

usage: ab-web.py BEFORE AFTER [--runs N] [--seconds S]     (release builds of the two)

For each of N rounds (default 5), each binary in turn serves a fresh SQLite ledger in tmpfs
and wrk sends it `POST /api/v1/price` (the example request EX1, an API token) at 64
connections for S seconds (default 4), as web.py's price case does. Alternating round by round
lets a machine that slows down weigh on both alike. Prints each run, then the medians of the
server's CPU time a request (the figure to compare on a shared machine), requests a second and
p99.
"""
import os
import shutil
import statistics
import sys
import tempfile

args = sys.argv[1:]


def option(name, default):
    if name not in args:
        return default
    i = args.index(name)
    value = args[i + 1]
    del args[i:i + 2]
    return int(value)


runs = option("--runs", 5)
seconds = option("--seconds", 4)
if len(args) != 2:
    sys.exit(__doc__)
sys.argv = [sys.argv[0], "--seconds", str(seconds)]   # read by web.py at import

import web        # noqa: E402  (after the arguments it reads)
import webserver  # noqa: E402

binaries = {"before": args[0], "after": args[1]}
results = {name: [] for name in binaries}
for _ in range(runs):
    for name, binary in binaries.items():
        folder = tempfile.mkdtemp(prefix="spaquote-ab-web-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
        server = webserver.Server(binary, os.path.join(folder, "ledger.sqlite"), folder)
        try:
            r = web.wrk(server, folder, "price", "POST", "/api/v1/price", 64, webserver.REQUEST)
        finally:
            server.stop()
            shutil.rmtree(folder, ignore_errors=True)
        results[name].append(r)
        print(f"{name}: {r['rate']:.0f} requests/s, p99 {r['p99']:.1f} ms, server CPU {r['cpu_ms']:.3f} ms a request"
              + (f", {r['non2xx']} not 2xx" if r["non2xx"] else ""), flush=True)
for name, rs in results.items():
    print(f"{name} ({binaries[name]}), medians of {runs}: server CPU {statistics.median(r['cpu_ms'] for r in rs):.3f} ms "
          f"a request, {statistics.median(r['rate'] for r in rs):.0f} requests/s, p99 {statistics.median(r['p99'] for r in rs):.1f} ms")
