#!/usr/bin/env python3
"""The JSON API fuzzed against its own OpenAPI document (issue 14), run by `make test`.

Starts the debug binary (.build/debug/spaquote, or $SPAQUOTE_BIN) with `serve` over a fresh
temporary ledger holding the example batch, an admin account `demo` and its API token, on a
free loopback port, with a copy of the example rate card whose effective dates are moved
around today. Then runs schemathesis (PyPI `schemathesis`) against
http://127.0.0.1:PORT/api/v1/openapi.json with the token, a bounded number of cases per
operation ($FUZZ_API_EXAMPLES, default 25: well under two minutes on two cores), and the
checks: no 500 (not_a_server_error), and every response as the document says
(status_code_conformance, content_type_conformance, response_schema_conformance). Stops the
server and removes the files whatever happened. Exit status: schemathesis's (0 when every
check passed).
"""
import datetime
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("SPAQUOTE_BIN", os.path.join(ROOT, ".build", "debug", "spaquote"))
EXAMPLES = os.environ.get("FUZZ_API_EXAMPLES", "25")
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def run(arguments, stdin=None):
    done = subprocess.run(arguments, input=stdin, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(arguments[1:3])} failed ({done.returncode}): {done.stderr}")
    return done.stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rate_card(folder):
    """The example card, effective from 30 days ago to a year from today (its logo beside it)."""
    shutil.copy(os.path.join(ROOT, "Examples", "clinic-logo.png"), folder)
    today = datetime.date.today()
    with open(os.path.join(ROOT, "Examples", "pricing.toml"), encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"(?m)^effective_from = .*$", f"effective_from = {today - datetime.timedelta(days=30)}", text)
    text = re.sub(r"(?m)^effective_until = .*$", f"effective_until = {today + datetime.timedelta(days=365)}", text)
    path = os.path.join(folder, "pricing.toml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def main():
    if not os.access(BIN, os.X_OK):
        print(f"{BIN} is missing: build it first (swift build)", file=sys.stderr)
        return 1
    folder = tempfile.mkdtemp(prefix="spaquote-fuzz-api-")
    process = None
    log = open(os.path.join(folder, "serve.log"), "w+")
    try:
        pricing = rate_card(folder)
        ledger = os.path.join(folder, "ledger.sqlite")
        run([BIN, "batch", "--pricing", pricing, os.path.join(ROOT, "Examples", "requests.csv"),
             "--output", os.path.join(folder, "quotes.csv"), "--save", "--ledger", ledger])
        run([BIN, "user", "add", "demo", "--role", "admin", "--ledger", ledger], stdin="correct horse battery\n")
        token = run([BIN, "user", "token", "demo", "--ledger", ledger]).strip()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        process = subprocess.Popen([BIN, "serve", "--pricing", pricing, "--ledger", ledger, "--port", str(port)],
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                print("serve did not start: " + log.read(), file=sys.stderr)
                return 1
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=1) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        schemathesis = shutil.which("schemathesis") or shutil.which("st")
        command = [schemathesis] if schemathesis else [sys.executable, "-m", "schemathesis.cli"]
        command += ["run", base + "/api/v1/openapi.json", "--url", base, "-H", f"Authorization: Bearer {token}",
                    "--checks", CHECKS, "--max-examples", EXAMPLES, "--seed", "14", "--request-timeout", "10",
                    "--suppress-health-check", "all"]
        return subprocess.run(command, cwd=folder, timeout=600).returncode
    finally:
        if process and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
