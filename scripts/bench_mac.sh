#!/usr/bin/env bash
# bitext on MAC-Test, the Chinese–English literary test set published with Bertalign
# (24 chapters of novels, sentence gold), beside the peers' outputs stored in the same
# repository: strict P/R/F1 of two-sided links, micro-averaged over the chapters (the
# definition of ../shared/tools/score_links.py), then per chapter range.
#
# MAC-Test is an evaluation set only: nothing in bitext (weights, thresholds,
# dictionary entries) is fitted or chosen on it.
#
#   scripts/bench_mac.sh BERTALIGN_GIT_DIR [ALIGN OPTIONS…]
#   scripts/bench_mac.sh BERTALIGN_GIT_DIR --dev [ALIGN OPTIONS…]
#   scripts/bench_mac.sh BERTALIGN_GIT_DIR --export-dev DIR
#
# --dev scores MAC-Dev instead, the development set published with it (6 chapters of
# the same six novels, none of them a MAC-Test chapter; commit 60e6475,
# data/mac/dev/{zh,en}/NNN, data/mac/dev/gold/NNN.align, Bertalign's output in
# data/mac/dev/auto/NNN.align): a literary set a setting may be checked or chosen on.
# --export-dev DIR writes it as DIR/NNN.{zh,en,gold}, the layout
# `cargo run --release --example tune -- ../shared DIR` reads.
#
# BERTALIGN_GIT_DIR is a git directory (or clone) of Bertalign's public repository; the
# data is read from commit e9c1428 (corpus/mac/test/split/NNN.{zh,en},
# eval/mac/test/gold/NNN.align, eval/mac/test/auto/SYSTEM/NNN.align). Nothing of it
# is copied into this repository.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ] || ! git --git-dir="$1" rev-parse --verify -q e9c1428 > /dev/null 2>&1; then
  if [ $# -ge 1 ] && [ -d "$1/.git" ] && git --git-dir="$1/.git" rev-parse --verify -q e9c1428 > /dev/null; then
    set -- "$1/.git" "${@:2}"
  else
    echo "usage: scripts/bench_mac.sh BERTALIGN_GIT_DIR [ALIGN OPTIONS…] (a git directory holding commit e9c1428)" >&2
    exit 2
  fi
fi
git_dir=$1
shift
set_name=MAC-Test
commit=e9c1428
show() { git --git-dir="$git_dir" show "$commit:$1"; }
chapters=()
if [ "${1:-}" = --dev ] || [ "${1:-}" = --export-dev ]; then
  set_name=MAC-Dev
  commit=60e6475
  git --git-dir="$git_dir" rev-parse --verify -q "$commit" > /dev/null || { echo "bench_mac: $git_dir lacks commit $commit (MAC-Dev)" >&2; exit 2; }
  systems=(mbert)
  for k in $(seq 1 6); do chapters+=("$(printf %03d "$k")"); done
  if [ "$1" = --export-dev ]; then
    [ $# -eq 2 ] || { echo "usage: scripts/bench_mac.sh BERTALIGN_GIT_DIR --export-dev DIR" >&2; exit 2; }
    mkdir -p "$2"
    for c in "${chapters[@]}"; do
      show "data/mac/dev/zh/$c" > "$2/$c.zh"
      show "data/mac/dev/en/$c" > "$2/$c.en"
      show "data/mac/dev/gold/$c.align" > "$2/$c.gold"
    done
    echo "MAC-Dev written to $2 (${#chapters[@]} chapters)"
    exit 0
  fi
  shift
else
  systems=(galechurch hunalign bleualign vecalign mbert)
  for k in $(seq 1 24); do chapters+=("$(printf %03d "$k")"); done
fi
cargo build --release --quiet
bin=$PWD/target/release/bitext
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for c in "${chapters[@]}"; do
  if [ "$set_name" = MAC-Dev ]; then
    show "data/mac/dev/zh/$c" > "$tmp/$c.zh"
    show "data/mac/dev/en/$c" > "$tmp/$c.en"
    show "data/mac/dev/gold/$c.align" > "$tmp/$c.gold.align"
    show "data/mac/dev/auto/$c.align" > "$tmp/$c.mbert.align"
  else
    show "corpus/mac/test/split/$c.zh" > "$tmp/$c.zh"
    show "corpus/mac/test/split/$c.en" > "$tmp/$c.en"
    show "eval/mac/test/gold/$c.align" > "$tmp/$c.gold.align"
    for s in "${systems[@]}"; do show "eval/mac/test/auto/$s/$c.align" > "$tmp/$c.$s.align"; done
  fi
  # A chapter whose alignment pairs too little is refused as unrelated (exit 1,
  # nothing written), as a user would see it: it is named, then aligned with --force
  # so that it can be scored.
  out="$tmp/$c.bitext.links"
  if ! "$bin" align "$tmp/$c.zh" "$tmp/$c.en" --presegmented -f links -o "$out" "$@" 2> "$tmp/$c.err"; then
    grep -q 'look unrelated' "$tmp/$c.err" || { cat "$tmp/$c.err" >&2; exit 1; }
    echo "chapter $c: refused as unrelated (exit 1); scored with --force"
    "$bin" align "$tmp/$c.zh" "$tmp/$c.en" --presegmented -f links -o "$out" --force "$@"
  fi
done
python3 - "$tmp" "$set_name" "${systems[*]}" "${chapters[@]}" <<'PY'
import sys
tmp, set_name, peers, chapters = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4:]

def from_align(path):
    """Bertalign's `[zh ids]:[en ids]` lines."""
    out = []
    for line in open(path, encoding="utf-8"):
        line = "".join(line.split())
        if not line:
            continue
        z, e = line.split(":")
        ids = lambda s: frozenset(int(x) for x in s.strip("[]").split(",") if x)
        out.append((ids(z), ids(e)))
    return out

def from_links(path):
    """bitext's links: header, then `zh ids<TAB>en ids<TAB>score`."""
    out = []
    lines = open(path, encoding="utf-8").read().split("\n")[1:]
    for line in lines:
        if not line.strip():
            continue
        z, e = line.split("\t")[:2]
        ids = lambda s: frozenset(int(x) for x in s.split(",") if x)
        out.append((ids(z), ids(e)))
    return out

def two_sided(links):
    return {l for l in links if l[0] and l[1]}

def prf(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)

names = {"bitext": "bitext", "galechurch": "Gale-Church", "hunalign": "hunalign",
         "bleualign": "Bleualign", "vecalign": "Vecalign", "mbert": "Bertalign (LaBSE)"}
ranges = [("001-004", 0, 4), ("005-008", 4, 8), ("009-012", 8, 12), ("013-016", 12, 16),
          ("017-020", 16, 20), ("021-024", 20, 24)]
counts = {}
for system in ["bitext"] + peers:
    per = []
    for c in chapters:
        gold = two_sided(from_align(f"{tmp}/{c}.gold.align"))
        path = f"{tmp}/{c}.bitext.links" if system == "bitext" else f"{tmp}/{c}.{system}.align"
        pred = two_sided(from_links(path) if system == "bitext" else from_align(path))
        per.append((len(gold & pred), len(pred), len(gold)))
    counts[system] = per

print(f"{set_name} ({len(chapters)} chapters), strict links with both sides, micro-averaged")
print(f"{'system':<20} {'P':>6} {'R':>6} {'F1':>6}")
for system, per in counts.items():
    tp, npred, ngold = (sum(x[k] for x in per) for k in range(3))
    p, r, f = prf(tp, npred, ngold)
    print(f"{names[system]:<20} {p:6.3f} {r:6.3f} {f:6.3f}")
if set_name == "MAC-Dev":
    ranges = [(c, k, k + 1) for k, c in enumerate(chapters)]
print()
print("F1 per chapter range" if set_name == "MAC-Test" else "F1 per chapter")
print(f"{'system':<20} " + " ".join(f"{name:>8}" for name, _, _ in ranges))
for system, per in counts.items():
    cells = []
    for _, a, b in ranges:
        tp, npred, ngold = (sum(x[k] for x in per[a:b]) for k in range(3))
        cells.append(f"{prf(tp, npred, ngold)[2]:8.3f}")
    print(f"{names[system]:<20} " + " ".join(cells))
PY
