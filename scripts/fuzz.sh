#!/usr/bin/env bash
# Run every fuzz target for SECONDS each (default 60), two at a time, with seeds from
# the report pair. Needs cargo-fuzz (cargo install cargo-fuzz); the stable toolchain
# is told to accept libFuzzer's nightly flags with RUSTC_BOOTSTRAP=1.
# Prints, per target, executions and whether a crash was found.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-60}
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
targets=(segment tmx_reader csv_reader)
mkdir -p corpus/segment corpus/tmx_reader corpus/csv_reader logs
# Seeds: slices of the report pair, small enough for thousands of runs a second.
for lang in zh en; do
  split -b 2000 -d "../data/cpc63-programme25/$lang.txt" "corpus/segment/$lang-"
done
cp ../tests/fixtures/other_tool.tmx corpus/tmx_reader/ 2>/dev/null || true
printf 'en,zh,score\n"a, b","委员会",0.9\n' > corpus/csv_reader/seed.csv
cargo fuzz build -O >/dev/null
run() {
  local t=$1
  if cargo fuzz run -O "$t" "corpus/$t" -- -max_total_time="$seconds" -max_len=4096 > "logs/$t.log" 2>&1; then
    status="no crash"
  else
    status="CRASH (see fuzz/artifacts/$t)"
  fi
  execs=$( (grep -o 'Done [0-9]* runs' "logs/$t.log" || true) | awk '{print $2}' | tail -1)
  [ -n "$execs" ] || execs=$( (grep -o '^#[0-9]*' "logs/$t.log" || true) | tail -1 | tr -d '#')
  echo "fuzz $t: ${seconds}s, ${execs:-?} executions, $status"
}
pids=()
for t in "${targets[@]}"; do
  run "$t" &
  pids+=($!)
  if [ ${#pids[@]} -ge 2 ]; then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
done
wait
