#!/usr/bin/env python3
"""Benchmarks for spaquote's batch runs, side by side with baselines on this machine.

usage: bench.py [--rows N] [--repeat K] [--quick] [--no-postgres] [--bin PATH]    (make bench runs it after a release build)
       --bin: the spaquote binary to measure (default .build/release/spaquote), e.g. a copy of
       an earlier build, to write a change's before and after figures from the same script.

Cases (each run K times, alternating with its baseline; medians reported):
  csv     N requests -> quotes CSV, against a C program (stdio) that reads the same requests
          and writes a CSV of the same size and shape, and a plain Python script (csv,
          decimal) computing the same quotes (run once: it is slow).
  xlsx    N requests -> quotes XLSX, against a C program writing the same cells with
          libxlsxwriter in constant_memory mode.
  save    N requests -> quotes CSV and an empty ledger (--save), against the csv case.
  monthly report monthly over that ledger for 12 months (CSV and XLSX).
  postgres (unless --no-postgres) a throwaway PostgreSQL server on loopback
          (scripts/postgres-test-server): N requests -> CSV + a PostgreSQL ledger,
          alternating with the same into SQLite; report monthly over each store; ledger
          copy of the saved quotes SQLite -> PostgreSQL and back.
  pdfs    10,000 requests -> one client quote PDF per quote (batch --client-quotes), against
          the same batch without PDFs; reported as PDFs a second.
  scaling cost per row of the csv case at 10k, 100k and N rows.
Outputs go to a tmpfs folder when there is one (/dev/shm), so runs measure computation
rather than the disk. Peak memory is the child's maximum resident set (wait4).
Writes the table to stdout and to Benchmarks/latest.md.
"""
import os, platform, shutil, statistics, subprocess, sys, time, csv

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "Benchmarks")
BIN = os.path.join(ROOT, ".build", "release", "spaquote")
PRICING = os.path.join(ROOT, "Examples", "pricing.toml")
DATE = "2026-11-01"

args = sys.argv[1:]
if "--bin" in args:
    BIN = os.path.abspath(args[args.index("--bin") + 1])
quick = "--quick" in args
rows = int(args[args.index("--rows") + 1]) if "--rows" in args else (100_000 if quick else 1_000_000)
repeat = int(args[args.index("--repeat") + 1]) if "--repeat" in args else (1 if quick else 3)
work = "/dev/shm/spaquote-bench" if os.path.isdir("/dev/shm") else os.path.join(BENCH, ".work")
os.makedirs(work, exist_ok=True)


def run(cmd, env=None):
    """Runs cmd; returns (seconds, peak RSS in MiB). Fails loudly on a bad exit status."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    err = p.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 3):
        sys.exit(f"{' '.join(cmd)} failed ({code}): {err[-500:]}")
    return elapsed, usage.ru_maxrss / 1024


def median_of(cmd, prepare=None, baseline=None):
    """Runs cmd repeat times; returns its median seconds and peak MiB. With a baseline, the
    two alternate run by run, so a machine that speeds up or slows down during the run
    (this VM does) weighs on both alike, and the baseline's median comes third."""
    times, peaks, base_times = [], [], []
    for _ in range(repeat):
        if prepare:
            prepare()
        t, m = run(cmd)
        times.append(t)
        peaks.append(m)
        if baseline:
            base_times.append(run(baseline)[0])
    if baseline:
        return statistics.median(times), max(peaks), statistics.median(base_times)
    return statistics.median(times), max(peaks)


def build_c(name, extra=()):
    out = os.path.join(work, name)
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "xlsxwriter"], capture_output=True, text=True).stdout.split()
    subprocess.run(["cc", "-O2", "-o", out, os.path.join(BENCH, name + ".c"), *flags, *extra], check=True)
    return out


def generate(n):
    path = os.path.join(work, f"requests-{n}.csv")
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(BENCH, "generate.py"), str(n), path], check=True)
    return path


if not os.path.exists(BIN):
    sys.exit(f"no release build at {BIN}: run make bench (it builds one)")
csv_c, xlsx_c = build_c("csv_baseline"), build_c("xlsx_baseline")
inputs = {n: generate(n) for n in sorted({10_000, 100_000, rows})}
big = inputs[rows]
q_csv, q_xlsx = os.path.join(work, "quotes.csv"), os.path.join(work, "quotes.xlsx")
results = []   # (case, ours, baseline, ratio, target, ok, memory)

# csv
csv_cmd = [BIN, "batch", "--pricing", PRICING, big, "--output", q_csv, "--date", DATE]
ours_csv, ours_csv_mem, c_csv = median_of(csv_cmd, baseline=[csv_c, big, os.path.join(work, "c.csv")])
py_csv_path = os.path.join(work, "python.csv")
py_csv, _ = run([sys.executable, os.path.join(BENCH, "reference.py"), PRICING, big, py_csv_path, "--date", DATE])
results.append((f"{rows:,} requests -> CSV vs C (stdio)", ours_csv, c_csv, ours_csv / c_csv, "<= 2.00", ours_csv / c_csv <= 2, ours_csv_mem))
results.append((f"{rows:,} requests -> CSV vs Python (csv, decimal)", ours_csv, py_csv, py_csv / ours_csv, ">= 5.00 faster", py_csv / ours_csv >= 5, None))

# xlsx
ours_xlsx, ours_xlsx_mem, c_xlsx = median_of([BIN, "batch", "--pricing", PRICING, big, "--output", q_xlsx, "--date", DATE],
                                             baseline=[xlsx_c, q_csv, os.path.join(work, "c.xlsx")])
results.append((f"{rows:,} requests -> XLSX vs C (libxlsxwriter)", ours_xlsx, c_xlsx, ours_xlsx / c_xlsx, "<= 1.15", ours_xlsx / c_xlsx <= 1.15, ours_xlsx_mem))

# save
ledger = os.path.join(work, "ledger.sqlite")
def fresh_ledger():
    for suffix in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(ledger + suffix):
            os.remove(ledger + suffix)
# Against CSV runs alternating with it (not the csv case's runs, made minutes earlier).
save, save_mem, csv_again = median_of([BIN, "batch", "--pricing", PRICING, big, "--output", os.path.join(work, "saved.csv"),
                                       "--date", DATE, "--save", "--ledger", ledger], prepare=fresh_ledger, baseline=csv_cmd)
results.append((f"{rows:,} requests -> CSV + ledger (--save) vs CSV", save, csv_again, save / csv_again, "<= 3.00", save / csv_again <= 3, save_mem))

# monthly
for ext in ("csv", "xlsx"):
    m, m_mem = median_of([BIN, "report", "monthly", "--from", "2026-11", "--to", "2027-10", "--output",
                          os.path.join(work, f"monthly.{ext}"), "--ledger", ledger])
    results.append((f"report monthly, 12 months, {ext.upper()}", m, None, None, "< 10 s", m < 10, m_mem))

# postgres: the same batch saved into PostgreSQL, alternating with SQLite; reports; copies
def postgres_cases():
    server = os.path.join(work, "postgres")
    script = os.path.join(ROOT, "scripts", "postgres-test-server")
    subprocess.run([script, "stop", server], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # fsync on, as a real server has it (the tests' server runs without).
    subprocess.run([script, "start", server], check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, POSTGRES_TEST_SERVER_OPTIONS="-c fsync=on"))
    try:
        admin = open(os.path.join(server, "url")).read().strip()
        base = admin.rsplit("/", 1)[0]
        def fresh_database(name):
            def prepare():
                for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
                    subprocess.run(["psql", "-q", admin, "-c", sql], check=True, stdout=subprocess.DEVNULL)
            return prepare
        pg = f"{base}/bench"
        out = os.path.join(work, "saved-pg.csv")
        times, peaks, sqlite_times = [], [], []
        for _ in range(repeat):
            fresh_database("bench")()
            t, m = run([BIN, "batch", "--pricing", PRICING, big, "--output", out, "--date", DATE, "--save", "--ledger", pg])
            times.append(t); peaks.append(m)
            fresh_ledger()
            sqlite_times.append(run([BIN, "batch", "--pricing", PRICING, big, "--output", out, "--date", DATE,
                                     "--save", "--ledger", ledger])[0])
        t_pg, t_sqlite = statistics.median(times), statistics.median(sqlite_times)
        results.append((f"{rows:,} requests -> CSV + PostgreSQL ledger (--save) vs the same into SQLite", t_pg, t_sqlite,
                        t_pg / t_sqlite, "<= 1.50, < 100 MiB", t_pg / t_sqlite <= 1.5 and max(peaks) < 100, max(peaks)))
        for store, address in (("SQLite", ledger), ("PostgreSQL", pg)):
            m, m_mem = median_of([BIN, "report", "monthly", "--from", "2026-11", "--to", "2027-10", "--output",
                                  os.path.join(work, "monthly-store.csv"), "--ledger", address])
            results.append((f"report monthly, 12 months, CSV, from {store}", m, None, None, "< 5 s", m < 5, m_mem))
        to_pg = f"{base}/copied"
        c1, c1_mem = median_of([BIN, "ledger", "copy", ledger, to_pg], prepare=fresh_database("copied"))
        results.append((f"ledger copy SQLite -> PostgreSQL ({rows * 19 // 20:,} quotes)", c1, None, None, "measured", True, c1_mem))
        back = os.path.join(work, "copied.sqlite")
        def fresh_back():
            if os.path.exists(back):
                os.remove(back)
        c2, c2_mem = median_of([BIN, "ledger", "copy", pg, back], prepare=fresh_back)
        results.append((f"ledger copy PostgreSQL -> SQLite ({rows * 19 // 20:,} quotes)", c2, None, None, "measured", True, c2_mem))
    finally:
        subprocess.run([script, "stop", server], stdout=subprocess.DEVNULL)

if "--no-postgres" not in args:
    postgres_cases()

# client quotes: one PDF per quote of 10,000 requests, against the same batch without them
pdf_dir = os.path.join(work, "client-quotes")
def fresh_pdf_dir():
    shutil.rmtree(pdf_dir, ignore_errors=True)
    os.makedirs(pdf_dir)
small_csv = os.path.join(work, "small.csv")
plain_small = [BIN, "batch", "--pricing", PRICING, inputs[10_000], "--output", small_csv, "--date", DATE]
pdfs_t, pdfs_mem, plain_t = median_of(plain_small + ["--client-quotes", pdf_dir], prepare=fresh_pdf_dir, baseline=plain_small)
n_pdfs = len(os.listdir(pdf_dir))
pdf_rate = n_pdfs / pdfs_t
results.append((f"10,000 requests -> {n_pdfs:,} client quote PDFs (--client-quotes) vs the same batch without; "
                f"ratio column: PDFs a second", pdfs_t, plain_t, pdf_rate, ">= 200 a second", pdf_rate >= 200, pdfs_mem))

# scaling
scaling = []
for n, path in inputs.items():
    t, mem = median_of([BIN, "batch", "--pricing", PRICING, path, "--output", os.path.join(work, f"s{n}.csv"), "--date", DATE])
    scaling.append((n, t, t / n * 1e6, mem))

# The Python reference computes the same quotes: compare every money column. (Done last:
# holding the rows makes this process big, and children forked after it would inherit
# its peak memory in their own.)
cols = ["session_price", "list_total", "series_discount", "promo_discount", "treatment_net", "addons_total", "tax",
        "total", "deposit", "balance", "per_session_price", "first_session", "last_session", "valid_until"]
with open(q_csv, newline="", encoding="utf-8") as f:
    ours_rows = {r["request_id"]: r for r in csv.DictReader(f)}
mismatches = compared = 0
with open(py_csv_path, newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        o = ours_rows.get(r["request_id"])
        compared += 1
        if o is None or any(o[c] != r[c] for c in cols):
            mismatches += 1

cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
lines = [f"Machine: {os.cpu_count()} cores, {cpu}; {platform.platform()}; {swift}.",
         f"Inputs: {rows:,} generated requests (Benchmarks/generate.py, 1 in 20 invalid); outputs in {work}; "
         f"median of {repeat} run(s), Python once.", "",
         "| case | spaquote (s) | baseline (s) | ratio | target | met | peak memory |",
         "| --- | ---: | ---: | ---: | --- | --- | ---: |"]
for case, ours, base, ratio, target, ok, mem in results:
    lines.append(f"| {case} | {ours:.2f} | {'' if base is None else f'{base:.2f}'} | {'' if ratio is None else f'{ratio:.2f}'} | "
                 f"{target} | {'yes' if ok else 'no'} | {'' if mem is None else f'{mem:.0f} MiB'} |")
lines += ["", "| rows -> CSV | seconds | µs per row | peak memory |", "| ---: | ---: | ---: | ---: |"]
lines += [f"| {n:,} | {t:.2f} | {us:.2f} | {mem:.0f} MiB |" for n, t, us, mem in scaling]
lines += ["", f"Python reference vs spaquote on every row it priced ({compared:,}): {mismatches} rows differ in "
              f"{', '.join(cols[:4])}, ... (all money columns and dates)."]
text = "\n".join(lines)
print(text)
with open(os.path.join(BENCH, "latest.md"), "w") as f:
    f.write(text + "\n")
