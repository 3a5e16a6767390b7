#!/usr/bin/env bash
# Peak memory while converting a large corpus: writers and readers stream, so peak RSS
# must stay flat whatever the corpus size. Usage: scripts/memory.sh [MEGABYTES] (default 1024)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-1024}
cargo build --release --quiet
bin=target/release/bitext
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" align data/cpc63-programme25/zh.txt data/cpc63-programme25/en.txt -f tsv -o "$tmp/one.tsv"
tail -n +2 "$tmp/one.tsv" > "$tmp/body.tsv"
head -1 "$tmp/one.tsv" > "$tmp/big.tsv"
target=$((size_mb * 1024 * 1024))
body=$(stat -c %s "$tmp/body.tsv")
copies=$(( (target + body - 1) / body ))
# Doubling instead of a loop of appends keeps this fast.
cp "$tmp/body.tsv" "$tmp/chunk.tsv"
n=1
while [ $((n * 2)) -le "$copies" ]; do cat "$tmp/chunk.tsv" "$tmp/chunk.tsv" > "$tmp/c2"; mv "$tmp/c2" "$tmp/chunk.tsv"; n=$((n * 2)); done
cat "$tmp/chunk.tsv" >> "$tmp/big.tsv"
for ((i = n; i < copies; i++)); do cat "$tmp/body.tsv" >> "$tmp/big.tsv"; done
in_mb=$(( $(stat -c %s "$tmp/big.tsv") / 1024 / 1024 ))
for fmt in tmx csv jsonl; do
  /usr/bin/time -v "$bin" convert "$tmp/big.tsv" -o "$tmp/out.$fmt" 2> "$tmp/time.txt"
  rss=$(grep 'Maximum resident' "$tmp/time.txt" | awk '{print $NF}')
  secs=$(grep 'Elapsed (wall' "$tmp/time.txt" | awk '{print $NF}')
  out_mb=$(( $(stat -c %s "$tmp/out.$fmt") / 1024 / 1024 ))
  echo "convert ${in_mb} MB TSV -> ${out_mb} MB ${fmt}: peak RSS ${rss} KB, wall ${secs}"
  rm -f "$tmp/out.$fmt"
done
