# spaquote: `make demo` and `make test` work on a fresh Debian machine with Swift.
SWIFT        ?= swift
# What users run: the release binary (a batch runs about 8 times faster than a debug build).
BIN          := .build/release/spaquote
# What the tests run: `swift test` builds the debug binary the end-to-end tests start.
TEST_BIN     := .build/debug/spaquote
OUT          := out
# Debian packages the build needs (C libraries behind the CXlsxWriter and GRDB targets).
APT_PACKAGES := libxlsxwriter-dev zlib1g-dev pkg-config libsqlite3-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core fonts-noto-cjk
# ... and those only the tests need: LibreOffice opens the workbooks as a user would; Chromium
# (driven by Python's selenium) runs the front desk's pages in a real browser (Tests/Browser).
APT_TEST_PACKAGES := libreoffice-calc-nogui poppler-utils chromium chromium-driver
# The throwaway PostgreSQL server `make test` runs the tests against (start DIR / stop DIR).
PG_TEST_SERVER := scripts/postgres-test-server
# The sections of ../shared/bin/check-examples that the landed issues cover.
EXAMPLE_SECTIONS ?= quotes rejects monthly xlsx

.PHONY: serve setup setup-test build build-debug demo test check-examples bench fuzz clean

# Installs the Debian packages named in $(1) that are missing (sudo only when not root).
define apt_install
	@missing=""; \
	for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; \
	  echo "installing:$$missing"; \
	  $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

## setup: install the missing Debian packages the build needs
setup:
	$(call apt_install,$(APT_PACKAGES))

## setup-test: setup, plus LibreOffice and openpyxl (for ../shared/bin/check-examples xlsx),
##             Chromium, its driver and selenium (the real-browser tests), schemathesis (the API fuzzed)
setup-test: setup
	$(call apt_install,$(APT_TEST_PACKAGES))
	@python3 -c "import openpyxl" 2>/dev/null || python3 -m pip install -q openpyxl
	@python3 -c "import selenium" 2>/dev/null || python3 -m pip install -q selenium
	@python3 -c "import schemathesis" 2>/dev/null || python3 -m pip install -q schemathesis

## build: release build of the spaquote binary (.build/release/spaquote)
build: setup
	$(SWIFT) build -c release

## build-debug: debug build (what the tests use)
build-debug: setup
	$(SWIFT) build

## demo: validate the example rate card, show its grid, quote a client (terminal, XLSX and PDF),
##       batch the example requests, save them to a fresh ledger with a PDF per quote, and write
##       the monthly revenue workbook
demo: build
	@mkdir -p $(OUT)
	$(BIN) pricing validate Examples/pricing.toml
	$(BIN) pricing show Examples/pricing.toml
	$(BIN) quote --pricing Examples/pricing.toml --date 2026-11-01 --client "Ana Ruiz" \
	  --location downtown --tier senior --areas face,neck --sessions 3 --start 2026-11-02 \
	  --addon aftercare_kit --promo NEWCLIENT50
	$(BIN) quote --pricing Examples/pricing.toml --date 2026-11-01 --client "Mark Chen" \
	  --location uptown --tier physician --areas face,neck,scalp --sessions 6 --spacing-weeks 5 \
	  --start 2026-11-08 --addon numbing --addon growth_serum --output $(OUT)/quote-mark-chen.xlsx
	$(BIN) quote --pricing Examples/pricing.toml --date 2026-11-01 --client "Mark Chen" \
	  --location uptown --tier physician --areas face,neck,scalp --sessions 6 --spacing-weeks 5 \
	  --start 2026-11-08 --addon numbing --addon growth_serum --output $(OUT)/quote-mark-chen.pdf
	$(BIN) batch --pricing Examples/pricing.toml Examples/requests.csv --output $(OUT)/quotes.csv --date 2026-11-01
	$(BIN) batch --pricing Examples/pricing.toml Examples/requests.csv --output $(OUT)/quotes.xlsx --date 2026-11-01
	rm -f $(OUT)/ledger.sqlite
	mkdir -p $(OUT)/client-quotes
	$(BIN) batch --pricing Examples/pricing.toml Examples/requests.csv --output $(OUT)/saved-quotes.csv \
	  --date 2026-11-01 --save --ledger $(OUT)/ledger.sqlite --client-quotes $(OUT)/client-quotes
	$(BIN) ledger list --ledger $(OUT)/ledger.sqlite
	$(BIN) report monthly --from 2026-11 --to 2027-05 --output $(OUT)/monthly.csv --ledger $(OUT)/ledger.sqlite
	$(BIN) report monthly --from 2026-11 --to 2027-05 --output $(OUT)/monthly.xlsx --ledger $(OUT)/ledger.sqlite
	@echo "demo outputs in $(OUT)/:"; ls -1 $(OUT)

## serve: the front desk on the web (spaquote serve) on the example rate card, over a fresh demo
##        ledger with the example batch saved in it, and an admin account "demo" whose new random
##        password is printed; stop it with Ctrl-C
SERVE_PORT ?= 8080
serve: build
	@mkdir -p $(OUT)
	rm -f $(OUT)/serve-ledger.sqlite
	$(BIN) batch --pricing Examples/pricing.toml Examples/requests.csv --output $(OUT)/serve-quotes.csv \
	  --date 2026-11-01 --save --ledger $(OUT)/serve-ledger.sqlite
	@password=$$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n'); \
	  printf '%s\n' "$$password" | $(BIN) user add demo --role admin --ledger $(OUT)/serve-ledger.sqlite && \
	  echo "sign in at http://127.0.0.1:$(SERVE_PORT)/ as demo with the password $$password"
	$(BIN) serve --pricing Examples/pricing.toml --ledger $(OUT)/serve-ledger.sqlite --port $(SERVE_PORT)

## test: every test (unit, property and end-to-end), then the shared worked examples; a throwaway
##       PostgreSQL server (installed when missing) runs for the Swift tests, which find its superuser
##       URL in SPAQUOTE_TEST_POSTGRES_URL; it is stopped and removed at the end, even when tests fail.
##       The end-to-end tests run in a process of their own: they wait for programs synchronously
##       (psql's DROP DATABASE among them, which waits for every server process, including those
##       in a COPY from the in-process ledger tests), and on 2 cores two such waits hold Swift's
##       whole cooperative thread pool, so the in-process tests they wait for never ran again
##       (a deadlock seen in CI and reproduced here). The front desk's tests run apart too: their
##       live server answers within the test client's 20 s only while long synchronous tests
##       (big batches, PDFs through poppler) are not holding that pool.
test: setup-test build-debug
	@pgdir=$$(mktemp -d /tmp/spaquote-pg.XXXXXX) && \
	trap '$(PG_TEST_SERVER) stop "$$pgdir"' EXIT && trap 'exit 130' INT TERM && \
	$(PG_TEST_SERVER) start "$$pgdir" && \
	export SPAQUOTE_TEST_POSTGRES_URL="$$(cat "$$pgdir/url")" && \
	$(SWIFT) test --skip FlatMemory --skip LedgerPostgresTests --skip EndToEndTests --skip FrontDeskTests && \
	$(SWIFT) test --filter FrontDeskTests && \
	$(SWIFT) test --filter EndToEndTests --skip FlatMemory && \
	$(SWIFT) test --filter LedgerPostgresTests && \
	$(SWIFT) test --filter FlatMemory
	python3 Tests/Browser/run.py
	python3 Tests/Fuzz/api.py
	@$(MAKE) --no-print-directory check-examples

check-examples:
	@if [ -x ../shared/bin/check-examples ]; then \
	  ../shared/bin/check-examples --bin $(TEST_BIN) $(EXAMPLE_SECTIONS); \
	else echo "../shared/bin/check-examples not found: skipped (the end-to-end tests use Examples/)"; fi

## bench: release build, then the batch benchmarks against C and Python baselines, and the
##        front desk on the web under wrk (Benchmarks/web.py), then 200 API clients for 60 s (Benchmarks/load.py); BENCHMARKS.md
bench: build
	python3 Benchmarks/bench.py $(BENCH_ARGS)
	$(call apt_install,wrk)
	python3 Benchmarks/web.py --postgres $(WEB_BENCH_ARGS)
	python3 Benchmarks/load.py $(LOAD_ARGS)

## fuzz: libFuzzer on the CSV reader and the request parser + quote engine (FUZZ_SECONDS each)
fuzz: setup
	bash Fuzz/run.sh

clean:
	rm -rf .build $(OUT)
