#!/usr/bin/env bash
# Format checks with outside oracles: the TMX of the report pair against the LISA TMX
# 1.4b DTD (xmllint), and the CSV and TMX read by Python's csv module and by
# translate-toolkit. Installs what it needs; skips a check whose tool or data is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
cargo build --release --quiet
bin=target/release/bitext
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pair=data/cpc63-programme25
"$bin" align "$pair/zh.txt" "$pair/en.txt" -o "$tmp/pair.tmx"
"$bin" align "$pair/zh.txt" "$pair/en.txt" -o "$tmp/pair.csv"

if ! command -v xmllint >/dev/null 2>&1; then
  (apt-get update -qq && apt-get install -y -qq libxml2-utils) >/dev/null 2>&1 || true
fi
if [ ! -f "$shared/formats/tmx14.dtd" ]; then
  echo "check_formats: $shared/formats/tmx14.dtd not found; skipping DTD validation"
elif ! command -v xmllint >/dev/null 2>&1; then
  echo "check_formats: xmllint could not be installed; skipping DTD validation"
else
  xmllint --noout --dtdvalid "$shared/formats/tmx14.dtd" "$tmp/pair.tmx"
  echo "check_formats: TMX valid against the TMX 1.4b DTD ($(grep -c '<tu>' "$tmp/pair.tmx") units)"
fi

if ! python3 -c 'import translate.storage.tmx' >/dev/null 2>&1; then
  python3 -m pip install -q translate-toolkit >/dev/null 2>&1 || true
fi
python3 - "$tmp/pair.csv" "$tmp/pair.tmx" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
assert rows[0].keys() >= {"en", "zh", "score", "block", "type", "doc"}, rows[0].keys()
assert any(r["zh"].startswith("还欢迎加强权力下放的各项努力") for r in rows), "Chinese intact in CSV"
print(f"check_formats: Python csv reads {len(rows)} rows with Chinese intact")
try:
    from translate.storage import tmx, csvl10n
except ImportError:
    print("check_formats: translate-toolkit not installed; skipping its checks")
    sys.exit(0)
# translate-toolkit's CSV knows columns as source/target; bitext names them by
# language (en, zh), so name the fields for it.
fields = ["source", "target", "score", "location", "type", "doc"]
store = csvl10n.csvfile(open(sys.argv[1], "rb"), fieldnames=fields)
units = [u for u in store.units if u.source and u.source != "en"]
assert any(u.source.startswith("Efforts to strengthen") and u.target.startswith("还欢迎加强权力下放的各项努力") for u in units)
print(f"check_formats: translate-toolkit reads {len(units)} CSV units with Chinese intact")
store = tmx.tmxfile.parsefile(sys.argv[2])
units = [u for u in store.units if u.source]
assert len(units) > 140, len(units)
assert any(u.target.startswith("还欢迎加强权力下放的各项努力") for u in units), "Chinese intact in TMX"
print(f"check_formats: translate-toolkit reads {len(units)} TMX units with Chinese intact")
PY
