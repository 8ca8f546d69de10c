#!/usr/bin/env python3
"""Real-browser tests of the front desk on the web (issue 12), run by `make test`.

Headless Chromium (Debian's `chromium` and `chromium-driver`) driven by Python's selenium
against `spaquote serve`. This script builds nothing: it runs the debug binary
(.build/debug/spaquote, or $SPAQUOTE_BIN), over a temporary ledger with a clerk account
added through `spaquote user add` (password on standard input), and a copy of the example
rate card whose effective dates are moved around today (the form prices on the server's
today). The server listens on a free loopback port; it is stopped and the temporary files
are removed at the end, whatever happened. Exit status 0 when every test passed.
"""
import datetime
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
import zipfile

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, NoSuchElementException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("SPAQUOTE_BIN", os.path.join(ROOT, ".build", "debug", "spaquote"))
CLERK, PASSWORD = "clerk", "correct horse battery"
WAIT = 10  # seconds a condition may take to come true
HOSTILE = "<img src=x onerror=alert(1)>"


class Server:
    """`spaquote serve` over a temporary ledger, with the clerk account and an API token."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="spaquote-browser-")
        self.downloads = os.path.join(self.folder, "downloads")
        os.mkdir(self.downloads)
        self.ledger = os.path.join(self.folder, "ledger.sqlite")
        self.pricing = os.path.join(self.folder, "pricing.toml")
        self.process = None
        self.log = None

    def start(self):
        if not os.access(BIN, os.X_OK):
            raise RuntimeError(f"{BIN} is missing: build it first (swift build)")
        self._write_rate_card()
        run([BIN, "user", "add", CLERK, "--role", "clerk", "--locations", "downtown", "--ledger", self.ledger],
            stdin=PASSWORD + "\n")
        self.token = run([BIN, "user", "token", CLERK, "--ledger", self.ledger]).strip()
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(os.path.join(self.folder, "serve.log"), "w+")
        self.process = subprocess.Popen(
            [BIN, "serve", "--pricing", self.pricing, "--ledger", self.ledger, "--port", str(self.port)],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("serve ended: " + self.output())
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=1) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("serve did not answer /healthz in 30 s: " + self.output())

    def _write_rate_card(self):
        """The example card, effective from 30 days ago to a year from today (its logo beside it)."""
        shutil.copy(os.path.join(ROOT, "Examples", "clinic-logo.png"), self.folder)
        today = datetime.date.today()
        with open(os.path.join(ROOT, "Examples", "pricing.toml"), encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"(?m)^effective_from = .*$", f"effective_from = {today - datetime.timedelta(days=30)}", text)
        text = re.sub(r"(?m)^effective_until = .*$", f"effective_until = {today + datetime.timedelta(days=365)}", text)
        with open(self.pricing, "w", encoding="utf-8") as f:
            f.write(text)

    def output(self):
        if not self.log:
            return ""
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def price(self, fields):
        """The quote `POST /api/v1/price` gives for `fields` (with the clerk's API token)."""
        request = urllib.request.Request(self.base + "/api/v1/price", data=json.dumps(fields).encode(), method="POST",
                                         headers={"Content-Type": "application/json",
                                                  "Authorization": "Bearer " + self.token})
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.load(answer)

    def stop(self):
        try:
            if self.process and self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            if self.log:
                self.log.close()
            shutil.rmtree(self.folder, ignore_errors=True)


def run(arguments, stdin=None):
    done = subprocess.run(arguments, input=stdin, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(arguments[1:3])} failed ({done.returncode}): {done.stderr}")
    return done.stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def browser(downloads, javascript=True):
    """A new headless Chromium with its own profile (no cookies), downloading into `downloads`."""
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1600"):
        options.add_argument(argument)
    prefs = {"download.default_directory": downloads, "download.prompt_for_download": False}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                              options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return driver


SERVER = Server()


class FrontDeskInABrowser(unittest.TestCase):
    """A clerk at the front desk, in a real browser."""

    @classmethod
    def setUpClass(cls):
        cls.driver = browser(SERVER.downloads)
        cls.sign_in(cls.driver)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    @staticmethod
    def sign_in(driver):
        driver.get(SERVER.base + "/signin")
        driver.find_element(By.ID, "username").send_keys(CLERK)
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form[action='/signin'] button[type=submit]").click()
        WebDriverWait(driver, WAIT).until(lambda d: d.current_url.endswith("/quotes"))

    def wait(self, condition, message):
        return WebDriverWait(self.driver, WAIT).until(condition, message)

    def text_of(self, element_id):
        found = self.driver.find_elements(By.ID, element_id)
        return found[0].text if found else None

    def fill_plan(self, client, sessions="3", promo=""):
        """A new-quote form filled: downtown, senior, full face, `sessions`, `promo`."""
        d = self.driver
        d.get(SERVER.base + "/quotes/new")
        d.find_element(By.ID, "client").send_keys(client)
        Select(d.find_element(By.ID, "location")).select_by_value("downtown")
        Select(d.find_element(By.ID, "tier")).select_by_value("senior")
        d.find_element(By.CSS_SELECTOR, "input[name=areas][value=face]").click()
        d.find_element(By.ID, "sessions").send_keys(sessions)
        if promo:
            d.find_element(By.ID, "promo").send_keys(promo)

    def save_plan(self, client):
        """Fills and saves a plan for `client`; the saved quote's page URL."""
        self.fill_plan(client)
        self.driver.find_element(By.CSS_SELECTOR, "button[name=action][value=save]").click()
        self.wait(lambda d: re.search(r"/quotes/Q-[0-9-]+(\?link=[A-Za-z0-9_-]+)?$", d.current_url), "the saved quote's page did not open")
        return self.driver.current_url.split("?", 1)[0]  # without the link's token (shown once, on this page)

    def assert_no_alert(self):
        try:
            alert = self.driver.switch_to.alert
            text = alert.text
            alert.dismiss()
            self.fail(f"an alert ran: {text!r}")
        except NoAlertPresentException:
            pass

    def search_list(self, client):
        """The quotes list searched by client name; its rows' cells as text."""
        d = self.driver
        d.get(SERVER.base + "/quotes")
        box = d.find_element(By.ID, "client")
        box.clear()
        box.send_keys(client, Keys.ENTER)
        self.wait(lambda d: "client=" in d.current_url, "the search was not sent")
        return [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
                for row in d.find_elements(By.CSS_SELECTOR, "#quotes tbody tr")]

    def test_sign_in_refuses_a_wrong_password_and_admits_the_right_one(self):
        d = browser(SERVER.downloads)
        try:
            d.get(SERVER.base + "/quotes/new")
            self.assertTrue(d.current_url.endswith("/signin"), d.current_url)
            d.find_element(By.ID, "username").send_keys(CLERK)
            d.find_element(By.ID, "password").send_keys("wrong password")
            d.find_element(By.CSS_SELECTOR, "form[action='/signin'] button[type=submit]").click()
            self.assertIn("Wrong name or password.", d.find_element(By.TAG_NAME, "main").text)
            self.sign_in(d)
            self.assertIn(f"Signed in as {CLERK}", d.find_element(By.TAG_NAME, "header").text)
        finally:
            d.quit()

    def test_total_changes_with_the_sessions_without_submitting(self):
        d = self.driver
        self.fill_plan("Ada Typing", sessions="3")
        d.execute_script("window.notReloaded = true;")
        first = self.wait(lambda d: self.text_of("total"), "no total after typing the plan")
        expected = SERVER.price({"client": "Ada Typing", "location": "downtown", "tier": "senior",
                                 "areas": ["face"], "sessions": 3})
        self.assertEqual(first, expected["total"])
        sessions = d.find_element(By.ID, "sessions")
        sessions.send_keys(Keys.BACKSPACE, "5")
        second = self.wait(lambda d: (self.text_of("total") or first) != first and self.text_of("total"),
                           "the total did not change with the sessions")
        expected = SERVER.price({"client": "Ada Typing", "location": "downtown", "tier": "senior",
                                 "areas": ["face"], "sessions": 5})
        self.assertEqual(second, expected["total"])
        self.assertTrue(d.execute_script("return window.notReloaded === true;"), "the page was reloaded")
        self.assertTrue(d.current_url.endswith("/quotes/new"))

    def test_without_javascript_the_price_button_prices_and_refuses_beside_the_field(self):
        d = browser(SERVER.downloads, javascript=False)
        try:
            self.sign_in(d)
            d.get(SERVER.base + "/quotes/new")
            d.find_element(By.ID, "client").send_keys("Nora Noscript")
            Select(d.find_element(By.ID, "tier")).select_by_value("associate")
            d.find_element(By.CSS_SELECTOR, "input[name=areas][value=face]").click()
            d.find_element(By.ID, "sessions").send_keys("3")
            time.sleep(0.5)
            self.assertEqual(d.find_elements(By.ID, "total"), [], "figures appeared without a script")
            d.find_element(By.CSS_SELECTOR, "button[name=action][value=price]").click()
            expected = SERVER.price({"location": "downtown", "tier": "associate", "areas": ["face"], "sessions": 3})
            self.assertEqual(d.find_element(By.ID, "total").text, expected["total"])
            d.find_element(By.ID, "promo").send_keys("RIVER15")
            d.find_element(By.CSS_SELECTOR, "button[name=action][value=price]").click()
            self.assertIn("RIVER15", d.find_element(By.ID, "promo-error").text)
        finally:
            d.quit()

    def test_a_rejected_promotion_is_explained_beside_its_field(self):
        d = self.driver
        self.fill_plan("Ada Promo", promo="RIVER15")  # offered at riverside only
        message = self.wait(lambda d: d.find_elements(By.ID, "promo-error"), "no message beside the promotion")[0]
        self.assertIn("RIVER15", message.text)
        self.assertIn("downtown", message.text)
        promo = d.find_element(By.ID, "promo")
        self.assertEqual(message.find_element(By.XPATH, "..").id, promo.find_element(By.XPATH, "..").id,
                         "the message is not beside the promotion field")
        self.assertEqual(d.find_elements(By.ID, "total"), [], "a refused plan still shows a total")
        for _ in "RIVER15":
            promo.send_keys(Keys.BACKSPACE)
        self.wait(lambda d: not d.find_elements(By.ID, "promo-error") and self.text_of("total"),
                  "the message stayed after the promotion was removed")

    def test_a_saved_quote_is_found_in_the_list_by_the_clients_name(self):
        url = self.save_plan("Zoe Listed")
        quote_id = url.rsplit("/", 1)[1]
        self.save_plan("Someone Else")
        rows = self.search_list("Zoe Listed")
        self.assertEqual([row[0] for row in rows], [quote_id])
        self.assertEqual(rows[0][2], "Zoe Listed")
        self.assertEqual(rows[0][5], "quoted")

    def test_a_hostile_client_name_shows_as_text_and_runs_nothing(self):
        d = self.driver
        self.fill_plan(HOSTILE)
        self.wait(lambda d: self.text_of("total"), "no figures for the hostile name")
        time.sleep(0.5)  # an image that fails to load would have run its handler by now
        self.assert_no_alert()
        self.assertIn(HOSTILE, d.find_element(By.ID, "figures-title").text)
        self.assertEqual(d.find_elements(By.CSS_SELECTOR, "main img"), [])
        d.find_element(By.CSS_SELECTOR, "button[name=action][value=save]").click()
        self.wait(lambda d: re.search(r"/quotes/Q-[0-9-]+(\?link=[A-Za-z0-9_-]+)?$", d.current_url), "the saved quote's page did not open")
        time.sleep(0.5)
        self.assert_no_alert()
        self.assertIn(HOSTILE, d.find_element(By.ID, "figures-title").text)
        self.assertEqual(d.find_elements(By.CSS_SELECTOR, "main img"), [])
        rows = self.search_list(HOSTILE)
        time.sleep(0.5)
        self.assert_no_alert()
        self.assertIn(HOSTILE, [row[2] for row in rows])
        self.assertEqual(d.find_elements(By.CSS_SELECTOR, "main img"), [])

    def test_the_client_workbook_downloads(self):
        d = self.driver
        url = self.save_plan("Wanda Workbook")
        quote_id = url.rsplit("/", 1)[1]
        d.find_element(By.CSS_SELECTOR, f"a[href='/quotes/{quote_id}/quote.xlsx']").click()
        path = os.path.join(SERVER.downloads, quote_id + ".xlsx")
        self.wait(lambda d: os.path.exists(path) and os.path.getsize(path) > 0, "the workbook was not downloaded")
        with open(path, "rb") as f:
            self.assertEqual(f.read(2), b"PK")
        with zipfile.ZipFile(path) as z:
            self.assertIn("xl/workbook.xml", z.namelist())

    def test_the_client_accepts_by_the_share_link(self):
        d = self.driver
        url = self.save_plan("Carla Client")
        quote_id = url.split("?", 1)[0].rsplit("/", 1)[1]
        # The link is shown once, on the quote's page right after saving.
        link = d.find_element(By.ID, "share-link").get_attribute("href")
        self.assertRegex(link, r"/c/[^/]+$")
        client = browser(SERVER.downloads)
        try:
            client.get(link)
            self.assertNotIn("spaquote_session", [c["name"] for c in client.get_cookies()], "the client is not signed in")
            client.find_element(By.ID, "client-name").send_keys("Carla Client")
            client.find_element(By.ID, "accept").click()
            WebDriverWait(client, WAIT).until(lambda c: "Accepted" in c.find_element(By.TAG_NAME, "body").text,
                                              "the client page does not say Accepted")
        finally:
            client.quit()
        rows = self.search_list("Carla Client")
        self.assertEqual([(row[0], row[5]) for row in rows], [(quote_id, "accepted")])


# Names a page must show as text (issue 14): tags, a closing script, attribute breakouts, a
# javascript: URL, and a `<` or `"` joined to its neighbour into one grapheme (U+0600 before,
# U+0301 after), which Mustache's own escaping missed.
HOSTILE_NAMES = [
    "<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>", '" autofocus onfocus=alert(3) x="',
    "javascript:alert(4)", "\u0600<img src=x onerror=alert(5)>", 'x"\u0301 autofocus onfocus=alert(6) x="',
    "' autofocus onfocus=alert(7) x='", "=cmd|' /C calc'!A0", "Ana \u202egnp.exe",
]
MANAGER = "boss"


class HostileTextInABrowser(FrontDeskInABrowser):
    """Hostile names saved through the API, shown by every page as text: no dialog opens."""

    @classmethod
    def setUpClass(cls):
        run([BIN, "user", "add", MANAGER, "--role", "manager", "--ledger", SERVER.ledger], stdin=PASSWORD + "\n")
        super().setUpClass()

    def save_through_api(self, name):
        """Saves a quote for `name` with the clerk's token: its id and the client link's path."""
        request = urllib.request.Request(
            SERVER.base + "/api/v1/quotes", method="POST",
            data=json.dumps({"client": name, "client_contact": name, "location": "downtown", "tier": "senior",
                             "areas": ["face"], "sessions": 3}).encode(),
            headers={"Content-Type": "application/json", "Authorization": "Bearer " + SERVER.token})
        with urllib.request.urlopen(request, timeout=10) as answer:
            saved = json.load(answer)
        return saved["quote_id"], saved["share_url"]

    def settle(self, driver=None):
        """Gives a failing image's handler or an autofocus time to run, then checks no dialog opened."""
        d = driver or self.driver
        time.sleep(0.7)
        try:
            alert = d.switch_to.alert
            text = alert.text
            alert.dismiss()
            self.fail(f"an alert ran on {d.current_url}: {text!r}")
        except NoAlertPresentException:
            pass
        self.assertEqual(d.find_elements(By.CSS_SELECTOR, "main img, script:not([src='/static/frontdesk.js']), [onfocus], [onerror], [autofocus]"), [])

    def test_hostile_names_show_as_text_on_the_list_the_quote_and_the_client_link(self):
        d = self.driver
        for name in HOSTILE_NAMES:
            with self.subTest(name=name):
                quote_id, link = self.save_through_api(name)
                rows = self.search_list(name)
                self.settle()
                self.assertIn(name, [row[2] for row in rows])
                self.assertEqual(d.find_element(By.ID, "client").get_attribute("value"), name, "the search box")
                d.get(SERVER.base + "/quotes/" + quote_id)
                self.settle()
                self.assertIn(name, d.find_element(By.ID, "figures-title").text)
                self.assertEqual(d.find_element(By.ID, "client-contact").text, name)
                d.get(SERVER.base + "/quotes/new?from=" + quote_id)
                self.settle()
                self.assertEqual(d.find_element(By.ID, "client").get_attribute("value"), name, "the re-quote form")
                client = browser(SERVER.downloads)
                try:
                    client.get(SERVER.base + link)
                    self.settle(client)
                    self.assertIn(name, client.find_element(By.ID, "figures-title").text)
                finally:
                    client.quit()

    def test_a_batch_with_hostile_names_file_name_and_column_shows_them_as_text(self):
        d = browser(SERVER.downloads)
        try:
            d.get(SERVER.base + "/signin")
            d.find_element(By.ID, "username").send_keys(MANAGER)
            d.find_element(By.ID, "password").send_keys(PASSWORD)
            d.find_element(By.CSS_SELECTOR, "form[action='/signin'] button[type=submit]").click()
            WebDriverWait(d, WAIT).until(lambda d: d.current_url.endswith("/quotes"))
            column = "<img src=x onerror=alert(8)>"
            path = os.path.join(SERVER.folder, "<img src=x onerror=alert(9)>.csv")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(f"request_id,client,location,tier,areas,sessions,{column}\r\n")
                for i, name in enumerate(HOSTILE_NAMES):
                    quoted = '"' + name.replace('"', '""') + '"'
                    f.write(f"H{i},{quoted},downtown,senior,face,3,x\r\n")
            d.get(SERVER.base + "/batches/new")
            d.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(path)
            d.find_element(By.CSS_SELECTOR, "form[action^='/batches'] button[type=submit]").click()
            WebDriverWait(d, 30).until(lambda d: "Running" not in d.find_element(By.TAG_NAME, "main").text
                                       and "/batches/" in d.current_url and not d.current_url.endswith("/new"),
                                       "the batch did not finish")
            self.settle(d)
            self.assertIn(column, d.find_element(By.TAG_NAME, "main").text)
            self.assertIn("<img src=x onerror=alert(9)>.csv", d.title)
            self.assertEqual(d.find_element(By.ID, "quoted").text, str(len(HOSTILE_NAMES)))
        finally:
            d.quit()


def main():
    try:
        SERVER.start()
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(FrontDeskInABrowser)
        suite.addTests(HostileTextInABrowser(name) for name in ("test_hostile_names_show_as_text_on_the_list_the_quote_and_the_client_link",
                                                                "test_a_batch_with_hostile_names_file_name_and_column_shows_them_as_text"))
        result = unittest.TextTestRunner(verbosity=2).run(suite)
        if not result.wasSuccessful():
            print("serve's output:\n" + SERVER.output(), file=sys.stderr)
        return 0 if result.wasSuccessful() else 1
    except Exception as error:  # the fixture failed: say why, still clean up
        print(f"browser tests could not run: {error}", file=sys.stderr)
        return 1
    finally:
        SERVER.stop()


if __name__ == "__main__":
    sys.exit(main())
