#!/usr/bin/env bash
# bitext score against sacrebleu 2.6.0 on cases generated from the UNPC dev set
# (../shared; not committed). Installs sacrebleu from PyPI if needed; skips when
# ../shared or PyPI is unavailable.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
if [ ! -d "$shared/data/unpc" ]; then
  echo "check_mteval: $shared/data/unpc not found; skipping the UNPC cases"
  exit 0
fi
if ! python3 -c 'import sacrebleu; assert sacrebleu.__version__ == "2.6.0"' >/dev/null 2>&1; then
  python3 -m pip install -q sacrebleu==2.6.0 >/dev/null 2>&1 || { echo "check_mteval: sacrebleu 2.6.0 could not be installed; skipping"; exit 0; }
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/gen_mteval_cases.py --source unpc --shared "$shared" --n 400 --seed 11 -o "$tmp/unpc.jsonl"
BITEXT_MTEVAL_EXTRA_CASES="$tmp/unpc.jsonl" cargo test -q -p bitext-mteval --test sacrebleu extra_generated_cases_agree -- --nocapture 2>&1 | grep -E "agree|test result"
