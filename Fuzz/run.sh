#!/usr/bin/env bash
# Builds the libFuzzer targets with swiftc -sanitize=fuzzer,address and runs each for
# FUZZ_SECONDS (default 60). Crashing inputs go to Fuzz/crashes/. Used by `make fuzz`.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
out=.build-fuzz
mkdir -p "$out" Fuzz/crashes
flags=(-sanitize=fuzzer,address -parse-as-library -O -g)
# (gold warns once per ASan helper symbol; the warnings are harmless and filtered out)
quiet() { grep -v "Cannot export local symbol" || true; }
swiftc "${flags[@]}" -module-name FuzzCSV -o "$out/fuzz-csv" \
  Fuzz/FuzzCSVReader.swift Reports/CSV/CSVReader.swift Reports/CSV/CSVRecord.swift Reports/CSV/CSVEncoding.swift \
  Reports/CSV/CSVRecordCounter.swift Reports/CSV/Int+Grouped.swift Reports/ReportError.swift 2>&1 | quiet
swiftc "${flags[@]}" -module-name FuzzQuote -o "$out/fuzz-quote" Fuzz/FuzzQuote.swift \
  $(ls Pricing/*/*.swift | grep -v -e 'RateCard+TOML' -e TOMLSection -e TOMLFloat -e TOMLParserIsolation) 2>&1 | quiet
# The rate-card loader needs TOMLKit (C++), so it is built by SwiftPM (Fuzz/RateCardFuzz).
swift build --package-path Fuzz/RateCardFuzz --scratch-path "$out/ratecard" -c release \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | quiet | grep -E "error|Build complete" || true
cp "$out/ratecard/release/RateCardFuzz" "$out/fuzz-ratecard"
test -x "$out/fuzz-csv" && test -x "$out/fuzz-quote" && test -x "$out/fuzz-ratecard"
for target in csv quote ratecard; do
  # TOMLKit 0.6.0 leaks the key list of every table it enumerates (tableGetKeys mallocs
  # an array nobody frees): a few KB per card load, so leak detection is off for it only.
  leaks=1; [ "$target" = ratecard ] && leaks=0
  mkdir -p "$out/corpus-$target"
  echo "== fuzz-$target for ${seconds}s"
  ASAN_OPTIONS="detect_leaks=$leaks" "$out/fuzz-$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=1024 -detect_leaks=$leaks \
    -artifact_prefix=Fuzz/crashes/"$target"- "$out/corpus-$target" "Fuzz/corpus/$target" 2>&1 \
    | grep -E "^#[0-9]+ +DONE|Done [0-9]+ runs|ERROR|SUMMARY|crash-|Test unit written" || true
done
ls Fuzz/crashes | grep -q . && { echo "crashes found: see Fuzz/crashes"; exit 1; } || echo "no crashes"
