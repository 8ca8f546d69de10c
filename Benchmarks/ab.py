#!/usr/bin/env python3
"""Two spaquote binaries side by side on one batch: a change's before and after.

usage: ab.py BEFORE AFTER [REQUESTS.csv] [--runs N]
       (REQUESTS defaults to the 100,000 requests bench.py --quick generated in /dev/shm)

Runs `batch` to CSV and to XLSX with each binary, alternating run by run (N times, default 5),
so a machine that slows down weighs on both alike; prints the median wall and CPU (user +
system) time, the peak memory, and whether the two binaries wrote the same bytes. On a loaded
machine CPU time is the figure to compare.
"""
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = [a for a in sys.argv[1:]]
runs = 5
if "--runs" in args:
    i = args.index("--runs")
    runs = int(args[i + 1])
    del args[i:i + 2]
if len(args) < 2:
    sys.exit(__doc__)
bins = {"before": args[0], "after": args[1]}
requests = args[2] if len(args) > 2 else "/dev/shm/spaquote-bench/requests-100000.csv"
pricing = os.path.join(ROOT, "Examples", "pricing.toml")
work = "/dev/shm" if os.path.isdir("/dev/shm") else "/tmp"
results = {}
for fmt in ["csv", "xlsx"]:
    for _ in range(runs):
        for name, binary in bins.items():
            out = os.path.join(work, f"ab-{name}.{fmt}")
            start = time.perf_counter()
            p = subprocess.Popen([binary, "batch", "--pricing", pricing, requests, "--output", out, "--date", "2026-11-01"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(p.pid, 0)
            if os.waitstatus_to_exitcode(status) not in (0, 3):
                sys.exit(f"{binary} failed on {requests}")
            results.setdefault((fmt, name), []).append(
                (time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024))
    with open(os.path.join(work, f"ab-before.{fmt}"), "rb") as a, open(os.path.join(work, f"ab-after.{fmt}"), "rb") as b:
        print(f"{fmt}: the same bytes: {a.read() == b.read()}")
for (fmt, name), values in sorted(results.items()):
    print(f"{fmt} {name}: wall {statistics.median(v[0] for v in values):.2f} s, "
          f"CPU {statistics.median(v[1] for v in values):.2f} s, peak {max(v[2] for v in values):.0f} MiB")
