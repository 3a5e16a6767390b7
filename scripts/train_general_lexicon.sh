#!/usr/bin/env bash
# Learn the built-in general lexicon (crates/pipeline/data/lexicon/unpc-dev.tsv) from the UN Parallel
# Corpus v1.0 development set in ../shared/data/unpc (4,000 sentence pairs from 2015
# UN documents, none from the un2023 themes or the report pair): `bitext lexicon
# train` over its line-aligned pairs, nothing chosen by hand. The corpus itself is not
# copied into the repository; only the token associations learned from it are.
#
# Usage: scripts/train_general_lexicon.sh [--check]
#   --check: exit 1 unless the shipped lexicon is the one learned here (eval.sh runs
#   this in CI: a change of tokenising or stemming must come with a new lexicon).
# Skips (exit 0) when ../shared is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
unpc="$shared/data/unpc"
if [ ! -f "$unpc/UNv1.0.devset.en" ]; then
  echo "train_general_lexicon: $unpc not found; skipping"
  exit 0
fi
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# `--from moses` reads PREFIX.zh and PREFIX.en; the Chinese without the word
# segmentation spaces, as documents have it.
ln -s "$(realpath "$unpc/UNv1.0.devset.zh.detok")" "$tmp/unpc.zh"
ln -s "$(realpath "$unpc/UNv1.0.devset.en")" "$tmp/unpc.en"
target/release/bitext lexicon train "$tmp/unpc" --from moses -o "$tmp/lexicon.tsv" 2>/dev/null
shipped=crates/pipeline/data/lexicon/unpc-dev.tsv
if [ "${1:-}" = "--check" ]; then
  if cmp -s "$tmp/lexicon.tsv" "$shipped"; then
    echo "train_general_lexicon: the shipped lexicon is the one learned from $unpc"
  else
    echo "train_general_lexicon: FAILED: $shipped is not the lexicon learned from $unpc; run scripts/train_general_lexicon.sh"
    exit 1
  fi
else
  cp "$tmp/lexicon.tsv" "$shipped"
  echo "train_general_lexicon: wrote $shipped ($(($(wc -l < "$shipped") - 1)) associations)"
fi
