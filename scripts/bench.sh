#!/usr/bin/env bash
# Throughput of `bitext batch` on a synthetic corpus built from real UN text: the
# un2023 theme streams (../shared) and the report pair, cut into document pairs of
# a few hundred lines and repeated/shuffled up to the requested size. Runs with 1 and
# 2 threads and prints MB/s, documents/s and peak RSS (/usr/bin/time -v).
# Usage: scripts/bench.sh [SIZE_MB ...]   (default: 10 200)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10 200)
cargo build --release --quiet
bin=$PWD/target/release/bitext
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for size in "${sizes[@]}"; do
  dir="$tmp/corpus-$size"
  python3 - "$shared" "$dir" "$size" <<'PY'
import os, random, sys
shared, out, size_mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
random.seed(size_mb)
pieces = []
streams = os.path.join(shared, "data", "un2023", "streams")
if os.path.isdir(streams):
    for name in sorted(os.listdir(streams)):
        if name.endswith(".zh.txt"):
            theme = name[:-7]
            zh = open(os.path.join(streams, name), encoding="utf-8").read().split("\n")
            en = open(os.path.join(streams, theme + ".en.txt"), encoding="utf-8").read().split("\n")
            # Cut both streams at the same relative positions into documents.
            n = max(1, len(zh) // 150)
            for k in range(n):
                a, b = k * len(zh) // n, (k + 1) * len(zh) // n
                c, d = k * len(en) // n, (k + 1) * len(en) // n
                pieces.append(("\n".join(zh[a:b]) + "\n", "\n".join(en[c:d]) + "\n"))
pair = os.path.join(os.path.dirname(os.path.abspath(__file__)) if "__file__" in dir() else ".", "data", "cpc63-programme25")
pair = "data/cpc63-programme25"
pieces.append((open(os.path.join(pair, "zh.txt"), encoding="utf-8").read(), open(os.path.join(pair, "en.txt"), encoding="utf-8").read()))
os.makedirs(os.path.join(out, "zh"), exist_ok=True)
os.makedirs(os.path.join(out, "en"), exist_ok=True)
total, i = 0, 0
target = size_mb * 1e6
while total < target:
    zh, en = random.choice(pieces)
    open(os.path.join(out, "zh", f"doc{i:06d}.zh.txt"), "w", encoding="utf-8").write(zh)
    open(os.path.join(out, "en", f"doc{i:06d}.en.txt"), "w", encoding="utf-8").write(en)
    total += len(zh.encode()) + len(en.encode())
    i += 1
print(f"{i} document pairs, {total / 1e6:.1f} MB", file=sys.stderr)
PY
  for threads in 1 2; do
    /usr/bin/time -v "$bin" batch --zh-dir "$dir/zh" --en-dir "$dir/en" -o "$tmp/out.tsv" --threads "$threads" --quiet \
      2> "$tmp/time.txt"
    secs=$(grep 'Elapsed (wall' "$tmp/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(grep 'Maximum resident' "$tmp/time.txt" | awk '{print $NF}')
    bytes=$(du -sb "$dir/zh" "$dir/en" | awk '{s+=$1} END {print s}')
    docs=$(ls "$dir/zh" | wc -l)
    python3 -c "import sys; b,s,d,r,t,m=map(float,sys.argv[1:]); print(f'{m:.0f} MB corpus, {int(t)} thread(s): {b/1e6/s:.2f} MB/s, {d/s:.1f} documents/s, peak RSS {r/1024:.0f} MB, {s:.1f} s')" \
      "$bytes" "$secs" "$docs" "$rss" "$threads" "$size"
  done
  rm -rf "$dir"
done
