"""A release `spaquote serve` for the web benchmarks (web.py, load.py): an account and its API
token made with the command line, the server on a free loopback port, JSON calls with the token."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PRICING = os.path.join(ROOT, "Examples", "pricing.toml")
PG_SERVER = os.path.join(ROOT, "scripts", "postgres-test-server")
RELEASE_BINARY = os.path.join(ROOT, ".build", "release", "spaquote")
REQUEST = {"request_id": "EX1", "client": "Ana Ruiz", "location": "downtown", "tier": "senior", "areas": ["face", "neck"],
           "sessions": 3, "start_date": "2026-11-02", "addons": ["aftercare_kit"], "promo": "NEWCLIENT50",
           "quote_date": "2026-11-01"}


def run(arguments, stdin=None):
    done = subprocess.run(arguments, input=stdin, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        sys.exit(f"{' '.join(arguments[:3])} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`binary serve` over `ledger`, with a clerk `user` of every location and its API token."""

    def __init__(self, binary, ledger, folder, user="bench"):
        run([binary, "user", "add", user, "--role", "clerk", "--ledger", ledger], stdin="bench password 1\n")
        self.token = run([binary, "user", "token", user, "--ledger", ledger]).strip()
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(os.path.join(folder, "serve.log"), "w")
        self.process = subprocess.Popen([binary, "serve", "--pricing", PRICING, "--ledger", ledger, "--port", str(self.port)],
                                        stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=1):
                    return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    sys.exit("serve did not start: see " + self.log.name)
                time.sleep(0.1)

    def call(self, method, path, body=None):
        request = urllib.request.Request(self.base + path, method=method, data=body and json.dumps(body).encode(),
                                         headers={"Authorization": "Bearer " + self.token, "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)

    def ids(self):
        """The ids of the quotes the ledger holds, through the API's list, in its order."""
        ids, after = [], None
        while True:
            page = self.call("GET", "/api/v1/quotes?limit=500" + (f"&after={after}" if after else ""))
            ids += [quote["quote_id"] for quote in page["quotes"]]
            after = page["next"]
            if not after:
                return ids

    def count(self):
        """The quotes the ledger holds, through the API's list."""
        return len(self.ids())

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
