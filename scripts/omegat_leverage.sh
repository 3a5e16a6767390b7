#!/usr/bin/env bash
# Translation-memory leverage in a real CAT tool: OmegaT pre-translates the English of
# the report pair (en.clean.txt, one paragraph per block) from bitext's TMX, and we
# count the gold one-to-one sentence pairs whose Chinese appears in OmegaT's target.
# Installs OmegaT (Debian package) when missing; skips with a message when it cannot.
# Fails when the leverage of bitext's default TMX is below 0.95.
# Usage: scripts/omegat_leverage.sh [extra bitext align options…]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v omegat >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq omegat) >/dev/null 2>&1 || true
fi
if ! command -v omegat >/dev/null 2>&1; then
  echo "omegat_leverage: OmegaT could not be installed; skipping the leverage check"
  exit 0
fi
cargo build --release --quiet
bin=$PWD/target/release/bitext
pair=$PWD/data/cpc63-programme25
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run NAME PROJECT_TARGET_LANG TMX_ZH_LANG [align options…] → prints the leverage
run() {
  local name=$1 project_lang=$2 tmx_lang=$3
  shift 3
  local proj="$tmp/$name"
  mkdir -p "$proj"/{source,target,tm/auto,glossary,dictionary,omegat}
  sed "s/__TARGET__/$project_lang/" > "$proj/omegat.project" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>en-US</source_lang>
        <target_lang>__TARGET__</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
XML
  # One paragraph per block, a blank line between paragraphs.
  sed 's/$/\n/' "$pair/en.clean.txt" > "$proj/source/en.txt"
  "$bin" align "$pair/zh.txt" "$pair/en.txt" -o "$proj/tm/auto/bitext.tmx" --zh-lang "$tmx_lang" "$@"
  timeout 600 omegat "$proj" --mode=console-translate > "$proj/omegat.log" 2>&1 || { echo "omegat failed, see log:"; tail -20 "$proj/omegat.log"; return 1; }
  python3 - "$pair/gold.tsv" "$proj/target/en.txt" <<'PY'
import re, sys
def squash(s): return "".join(s.split())
target = squash(open(sys.argv[2], encoding="utf-8").read())
total = hit = 0
for line in open(sys.argv[1], encoding="utf-8").read().split("\n")[1:]:
    cols = line.split("\t")
    if len(cols) < 3 or not cols[1].strip() or not cols[2].strip():
        continue
    # CAT tools segment the paragraph number on its own; it is not part of the pair.
    zh, en = re.sub(r"^\d+\.\s*", "", cols[1]), re.sub(r"^\d+\.\s*", "", cols[2])
    # One-to-one pairs: one sentence on each side.
    if len(re.findall(r"[。！？]", zh.rstrip("。！？”）") + "x")) > 0 or len(re.findall(r"[.!?] [A-Z“(]", en)) > 0:
        continue
    total += 1
    if squash(zh) in target:
        hit += 1
    elif len(sys.argv) > 3:
        print("  missed:", zh[:60], file=sys.stderr)
print(f"{hit / total:.3f} ({hit}/{total} one-to-one gold pairs)")
PY
}

printf '%-52s %s\n' "TMX (project zh-CN)" "leverage"
default=$(run default zh-CN zh-CN)
printf '%-52s %s\n' "bitext default segmentation, zh-CN" "$default"
printf '%-52s %s\n' "bitext --srx default, zh-CN" "$(run srx zh-CN zh-CN --srx default)"
for code in zh-Hans zh ZH-CN; do
  printf '%-52s %s\n' "bitext default segmentation, TMX lang $code" "$(run "lang-$code" zh-CN "$code")"
done
python3 -c "import sys; v=float(sys.argv[1].split()[0]); sys.exit(0 if v >= 0.95 else 1)" "$default" \
  || { echo "omegat_leverage: leverage $default is below 0.95"; exit 1; }
