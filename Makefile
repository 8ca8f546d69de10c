# spaquote: `make demo` and `make test` work on a fresh Debian machine with Swift.
SWIFT        ?= swift
BIN          := .build/debug/spaquote
OUT          := out
# Debian packages the build needs (C libraries behind the CXlsxWriter and GRDB targets).
APT_PACKAGES := libxlsxwriter-dev zlib1g-dev pkg-config libsqlite3-dev
# The sections of ../shared/bin/check-examples that the landed issues cover.
EXAMPLE_SECTIONS ?= quotes rejects

.PHONY: setup build demo test check-examples clean

## setup: install the missing Debian packages (sudo only when not root)
setup:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; \
	  echo "installing:$$missing"; \
	  $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

## build: debug build of the package and the spaquote binary
build: setup
	$(SWIFT) build

## demo: validate the example rate card, show its grid and print a quote
demo: build
	@mkdir -p $(OUT)
	$(BIN) pricing validate Examples/pricing.toml
	$(BIN) pricing show Examples/pricing.toml
	$(BIN) quote --pricing Examples/pricing.toml --date 2026-11-01 --client "Ana Ruiz" \
	  --location downtown --tier senior --areas face,neck --sessions 3 --start 2026-11-02 \
	  --addon aftercare_kit --promo NEWCLIENT50

## test: every test (unit, property and end-to-end), then the shared worked examples
test: build
	$(SWIFT) test
	@$(MAKE) --no-print-directory check-examples

check-examples:
	@if [ -x ../shared/bin/check-examples ]; then \
	  ../shared/bin/check-examples --bin $(BIN) $(EXAMPLE_SECTIONS); \
	else echo "../shared/bin/check-examples not found: skipped (the end-to-end tests use Examples/)"; fi

clean:
	rm -rf .build $(OUT)
